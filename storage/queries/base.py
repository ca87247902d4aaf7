"""What every group of queries shares: one hop to aiosqlite's thread per query, or none when
a whole unit of work is run in that thread (storage/unit.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Iterable
from datetime import UTC, date, datetime
from typing import Any, Protocol, cast

from storage.kept import Kept
from storage.models import Workspace


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


QUOTES = '«»"“”„'
"""Quotation marks people put around a company's name, or leave out: «Вектор», "Вектор",
“Вектор”, „Вектор“ and Вектор are one partner. Apostrophes stay (O'Reilly)."""
_UNQUOTED = str.maketrans(dict.fromkeys(QUOTES, " "))


def name_key(name: str) -> str:
    """Two names that differ only in case, spacing or quotation marks name the same partner.

    A quotation mark counts as a space (ООО«Вектор» = ООО «Вектор»). The migration
    0007_name_keys.sql recomputes older keys by this same rule, in SQL: change both together.
    """
    return " ".join(name.translate(_UNQUOTED).split()).casefold()


def workspace_row(row: sqlite3.Row) -> Workspace:
    deadline = row["deadline"]
    return Workspace(
        row["id"],
        row["chat_id"],
        row["kind"],
        row["title"],
        row["revision"],
        row["lang"],
        date.fromisoformat(deadline) if deadline else None,
        row["tz"],
    )


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...


class Connection(Protocol):
    """What queries use of a connection: aiosqlite's, or, inside its thread, the sqlite3
    connection itself behind the same coroutines (storage/unit.py)."""

    def execute(self, sql: str, parameters: Iterable[Any], /) -> Awaitable[Cursor]: ...

    def execute_fetchall(
        self, sql: str, parameters: Iterable[Any], /
    ) -> Awaitable[Iterable[sqlite3.Row]]: ...

    def executemany(
        self, sql: str, parameters: Iterable[Iterable[Any]], /
    ) -> Awaitable[Cursor]: ...


class Queries:
    """A base for the query groups `Tx` is made of; all run on one connection.

    A query that writes `users` or `workspaces` keeps `_kept` up to date (storage/kept.py);
    tests/storage/test_kept.py checks that each one does.
    """

    def __init__(self, conn: Connection, kept: Kept) -> None:
        self._conn = conn
        self._kept = kept

    # A query's execute, fetch and close would be three hops to aiosqlite's thread; these are one.

    async def _one(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        rows = await self._conn.execute_fetchall(sql, tuple(params))
        return next(iter(rows), None)

    async def _all(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        return cast(list[sqlite3.Row], await self._conn.execute_fetchall(sql, tuple(params)))

    async def _run(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Execute a change; return the number of rows it touched."""
        cursor = await self._conn.execute(sql, tuple(params))
        return cursor.rowcount

    def _keep(self, row: sqlite3.Row) -> Workspace:
        """A workspace's row as a statement read or returned it, kept for the next update."""
        workspace = workspace_row(row)
        self._kept.put_workspace(workspace)
        return workspace

    async def _bump(self, where: str, params: Iterable[Any]) -> None:
        """The workspace's longlist or weights changed: its revision grows (the row kept)."""
        row = await self._one(
            f"UPDATE workspaces SET revision = revision + 1 WHERE {where} RETURNING *", params
        )
        if row is not None:
            self._keep(row)
