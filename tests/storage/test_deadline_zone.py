"""A list's deadline and time zone (migration 13): kept, cleared, and defaulted by language."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from storage.db import Database


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "test.db")
    yield database
    await database.close()


async def test_a_deadline_and_a_zone_are_kept_and_cleared(db: Database) -> None:
    async with db.transaction() as tx:
        group = await tx.ensure_workspace(-100, "group", "Sales team", lang="ru")
        assert (group.deadline, group.tz) == (None, None)
        await tx.set_deadline(group.id, date(2026, 12, 15))
        await tx.set_zone(group.id, "Asia/Yekaterinburg")
        kept = await tx.workspace(-100)
        await tx.set_deadline(group.id, None)
        await tx.set_zone(group.id, None)
        cleared = await tx.workspace(-100)
    assert kept is not None
    assert cleared is not None
    assert (kept.deadline, kept.zone("ru")) == (date(2026, 12, 15), ZoneInfo("Asia/Yekaterinburg"))
    assert (cleared.deadline, cleared.tz) == (None, None)


async def test_the_default_zone_follows_the_language(db: Database) -> None:
    async with db.transaction() as tx:
        group = await tx.ensure_workspace(-100, "group", "Sales team", lang="ru")
    assert group.zone("ru") == ZoneInfo("Europe/Moscow")
    assert group.zone("en") == ZoneInfo("UTC")
