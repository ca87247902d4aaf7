"""A unit of work in one trip to the database's thread (Database.run), and the write-through
memory of people and chats (storage/kept.py)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import aiosqlite.core
import pytest

from storage.db import Database
from storage.repositories import Tx
from storage.unit import Suspended


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "unit.db")
    yield database
    await database.close()


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every hop to aiosqlite's thread, from now on."""
    made: list[str] = []
    hop: Any = aiosqlite.core.Connection._execute

    async def counted(self: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
        made.append(getattr(fn, "__name__", repr(fn)))
        return await hop(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.core.Connection, "_execute", counted)
    return made


async def test_a_unit_of_work_is_one_trip_and_commits_as_a_whole(
    db: Database, trips: list[str]
) -> None:
    async def unit(tx: Tx) -> int:
        user = await tx.ensure_user(1, "Anna", None, "ru")
        workspace = await tx.ensure_workspace(1, "private", "Anna")
        partner = await tx.add_partner(workspace.id, "Acme", user.id)
        await tx.add_partner(workspace.id, "Globex", user.id)
        return partner.id

    assert await db.run(unit) == 1
    assert len(trips) == 1
    async with db.read() as tx:
        assert [p.name for p in await tx.partners(1)] == ["Acme", "Globex"]


async def test_a_failing_unit_of_work_leaves_nothing_behind(db: Database) -> None:
    async def unit(tx: Tx) -> None:
        user = await tx.ensure_user(1, "Anna", None, "ru")
        workspace = await tx.ensure_workspace(1, "private", "Anna")
        await tx.add_partner(workspace.id, "Acme", user.id)
        raise ValueError("half-way")

    with pytest.raises(ValueError, match="half-way"):
        await db.run(unit)
    assert db.kept.workspace(1) is None  # what it kept was never committed
    assert db.kept.user(1) is None
    async with db.read() as tx:
        assert (await tx.workspace(1), await tx.user(1)) == (None, None)
    assert await db.run(lambda tx: tx.workspace(1), write=False) is None


async def test_a_unit_that_waits_on_anything_else_is_refused_and_rolled_back(
    db: Database,
) -> None:
    async def unit(tx: Tx) -> None:
        await tx.ensure_workspace(1, "private", "Anna")
        await asyncio.sleep(0)

    with pytest.raises(Suspended):
        await db.run(unit)
    async with db.read() as tx:
        assert await tx.workspace(1) is None
    # The connection is usable after it, with no transaction left open.
    assert (await db.run(lambda tx: tx.ensure_workspace(2, "private", "Boris"))).chat_id == 2


async def test_people_and_chats_are_read_once_then_kept(db: Database, trips: list[str]) -> None:
    async with db.transaction() as tx:
        await tx.ensure_user(7, "Anna", None, "ru")
        await tx.ensure_workspace(7, "private", "Anna")
    trips.clear()
    async with db.read() as tx:
        assert (await tx.user(7), await tx.workspace(7)) != (None, None)
    assert trips == []


async def test_what_is_kept_follows_every_change(db: Database) -> None:
    async with db.transaction() as tx:
        user = await tx.ensure_user(7, "Anna", None, "ru")
        group = await tx.ensure_workspace(-100, "group", "Team", lang="ru")
        partner = await tx.add_partner(group.id, "Acme", user.id)
    async with db.transaction() as tx:
        await tx.set_lang(7, "en")
        await tx.set_reminders(7, False)
        await tx.set_deadline(group.id, date(2026, 12, 15))
        await tx.set_zone(group.id, "Asia/Tokyo")
        await tx.set_workspace_lang(group.id, "en")
        revision = (await tx.workspace(-100)).revision  # type: ignore[union-attr]
        await tx.rename_partner(group.id, partner.id, "Acme Ltd")
    async with db.read() as tx:
        kept_user, kept_group = await tx.user(7), await tx.workspace(-100)
    assert kept_user is not None
    assert (kept_user.lang, kept_user.reminders) == ("en", False)
    assert kept_group is not None
    assert (kept_group.deadline, kept_group.tz, kept_group.lang) == (
        date(2026, 12, 15),
        "Asia/Tokyo",
        "en",
    )
    assert kept_group.revision == revision + 1
    db.kept.clear()
    async with db.read() as tx:  # the file says the same
        assert (await tx.user(7), await tx.workspace(-100)) == (kept_user, kept_group)


QUERIES = Path(__file__).resolve().parents[2] / "storage" / "queries"
WRITES = re.compile(r"(INSERT INTO|UPDATE(?: OR \w+)?|DELETE FROM)\s+(users|workspaces)\b")


def test_every_query_that_writes_people_or_chats_keeps_them_current() -> None:
    """A new query that changes `users` or `workspaces` must tell `_kept` (or the update after
    it would see the old row): each method whose SQL writes them mentions `_kept` or `_keep`,
    or bumps the revision through `_bump`."""
    forgetful = []
    for path in QUERIES.glob("*.py"):
        methods = re.split(r"\n    (?:async )?def ", path.read_text(encoding="utf-8"))
        for method in methods[1:]:
            if WRITES.search(method) and not re.search(r"_kept\.|_keep\(|_bump\(", method):
                forgetful.append(f"{path.name}: {method.split('(')[0]}")
    assert forgetful == []
