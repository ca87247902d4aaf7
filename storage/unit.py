"""A unit of work run inside aiosqlite's thread: all its queries, and the transaction around
them, in one trip from the event loop and back.

Every query of `Tx` is a coroutine that awaits only its connection. Given the sqlite3
connection itself behind the same coroutines (`Direct`), those never suspend, so a unit of
work written with them, the scoring between its queries included, runs to its end in one
`send`: the same queries, no second copy of their SQL. A unit that waits on anything else (a
lock, a thread, a sleep) is refused, as it would stop the database's thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Coroutine, Iterable
from typing import Any, TypeVar

from storage.kept import Kept
from storage.repositories import Tx

R = TypeVar("R")

Unit = Callable[[Tx], Coroutine[Any, Any, R]]


class Direct:
    """The sqlite3 connection behind the coroutines queries await; used in its own thread."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:
        return self._conn.execute(sql, tuple(parameters))

    async def execute_fetchall(self, sql: str, parameters: Iterable[Any], /) -> list[Any]:
        return self._conn.execute(sql, tuple(parameters)).fetchall()

    async def executemany(
        self, sql: str, parameters: Iterable[Iterable[Any]], /
    ) -> sqlite3.Cursor:
        return self._conn.executemany(sql, [tuple(row) for row in parameters])


class Suspended(RuntimeError):
    """A unit of work waited on something other than its own queries."""


def drive(conn: sqlite3.Connection, kept: Kept, unit: Unit[R], write: bool) -> R:
    """Run `unit` to its end on `conn` (in the connection's thread); with `write`, as one
    transaction that commits as a whole or not at all."""
    work = unit(Tx(Direct(conn), kept))
    if write:
        conn.execute("BEGIN IMMEDIATE")
    try:
        waited = work.send(None)
    except StopIteration as done:
        if write:
            _end(conn, kept, "COMMIT")
        return done.value  # type: ignore[no-any-return]
    except BaseException:
        if write:
            _end(conn, kept, "ROLLBACK")
        raise
    work.close()
    if write:
        _end(conn, kept, "ROLLBACK")
    raise Suspended(f"a unit of work waited on {waited!r}")


def _end(conn: sqlite3.Connection, kept: Kept, how: str) -> None:
    try:
        conn.execute(how)
    except BaseException:
        how = "ROLLBACK"
        if conn.in_transaction:
            conn.execute(how)
        raise
    finally:
        if how == "ROLLBACK":
            kept.clear()  # it may hold what was never committed
