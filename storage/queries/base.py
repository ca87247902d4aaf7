"""What every group of queries shares: one hop to aiosqlite's thread per query."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, cast

import aiosqlite


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


class Queries:
    """A base for the query groups `Tx` is made of; all run on one connection."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

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
