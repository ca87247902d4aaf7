"""One SQLite connection per process: WAL, foreign keys, forward migrations at start-up."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import cast

import aiosqlite

from storage.kept import Kept
from storage.repositories import Tx
from storage.unit import R, Unit, drive

_MIGRATION = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) of every migration shipped, in order."""
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        if match := _MIGRATION.match(entry.name):
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


class Database:
    """The database of one bot process.

    aiosqlite runs a connection in a thread of its own; the lock makes every unit of work
    (a transaction, or a group of reads) run alone on that connection, so one person's
    half-done transaction is never seen or committed by another's. `kept` holds people and
    chats as last read or written (storage/kept.py).
    """

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn
        self._lock = asyncio.Lock()
        self.kept = Kept()

    @classmethod
    async def open(cls, path: Path) -> Database:
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        # WAL with synchronous=NORMAL: a commit survives the process being killed at any point.
        for pragma in (
            "journal_mode = WAL",
            "synchronous = NORMAL",
            "foreign_keys = ON",
            "busy_timeout = 5000",
        ):
            await conn.execute(f"PRAGMA {pragma}")
        db = cls(conn)
        try:
            await db.migrate()
        except BaseException:
            await conn.close()
            raise
        return db

    async def version(self) -> int:
        async with self._conn.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def migrate(self) -> int:
        """Apply every migration newer than the file's version, each in its own transaction."""
        async with self._lock:
            current = await self.version()
            for version, sql in migrations():
                if version <= current:
                    continue
                try:
                    await self._conn.executescript(
                        f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
                    )
                except BaseException:
                    if self._conn.in_transaction:
                        await self._conn.rollback()
                    raise
                current = version
            return current

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        """A unit of work that commits as a whole or not at all."""
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(self._conn, self.kept)
            except BaseException:
                self.kept.clear()  # it may hold what is now rolled back
                await self._conn.rollback()
                raise
            await self._conn.commit()

    async def run(self, unit: Unit[R], *, write: bool = True) -> R:
        """A unit of work in one trip to the database's thread and back (storage/unit.py):
        with `write`, one transaction, committed when this returns; else its reads, together."""
        async with self._lock:
            conn = self._conn
            # aiosqlite's own way into its thread: a function run there, its result sent back.
            execute = cast(Callable[[Callable[[], R]], Awaitable[R]], conn._execute)
            return await execute(lambda: drive(conn._conn, self.kept, unit, write))

    @asynccontextmanager
    async def statement(self) -> AsyncIterator[Tx]:
        """A change made by one statement, which SQLite commits on its own: one hop where a
        transaction takes three."""
        async with self._lock:
            yield Tx(self._conn, self.kept)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Tx]:
        async with self._lock:
            yield Tx(self._conn, self.kept)

    async def close(self) -> None:
        await self._conn.close()
