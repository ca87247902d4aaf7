"""What the scheduler sent (migration 16): each send is claimed once, whatever happens next."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storage.db import Database

NOW = datetime(2026, 12, 4, 5, 0, tzinfo=UTC)
DAY = date(2026, 12, 4)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "test.db")
    yield database
    await database.close()


async def test_a_send_is_claimed_once_per_person_kind_and_day(db: Database) -> None:
    async with db.transaction() as tx:
        group = await tx.ensure_workspace(-100, "group", "Sales team", lang="ru")
        first = await tx.claim_send(group.id, "nudge", DAY, NOW, user_id=7)
        again = await tx.claim_send(group.id, "nudge", DAY, NOW, user_id=7)
        other = await tx.claim_send(group.id, "nudge", DAY, NOW, user_id=8)
        line = await tx.claim_send(group.id, "overdue", DAY, NOW)
        tomorrow = await tx.claim_send(group.id, "nudge", date(2026, 12, 5), NOW, user_id=7)
        sent = await tx.sent_to(group.id, "nudge", DAY)
    assert (first, again, other, line, tomorrow) == (True, False, True, True, True)
    assert sent == {7, 8}


async def test_the_last_digest_keeps_what_it_knew(db: Database) -> None:
    async with db.transaction() as tx:
        group = await tx.ensure_workspace(-100, "group", "Sales team", lang="ru")
        assert await tx.last_digest(group.id) is None
        await tx.claim_send(group.id, "digest", DAY, NOW, state='{"a": 1}')
        await tx.claim_send(group.id, "digest", date(2026, 12, 5), NOW, state='{"a": 2}')
        last = await tx.last_digest(group.id)
    assert last is not None
    assert (last.day, last.at, last.state) == (date(2026, 12, 5), NOW, '{"a": 2}')


async def test_lists_with_a_deadline_come_with_their_language(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.ensure_user(42, "Anna", None, "en")
        own = await tx.ensure_workspace(42, "private", "Anna")
        group = await tx.ensure_workspace(-100, "group", "Sales team", lang="ru")
        await tx.set_deadline(own.id, DAY)
        await tx.set_deadline(group.id, DAY)
        lists = await tx.with_deadline()
    assert sorted((w.kind, lang) for w, lang in lists) == [("group", "ru"), ("private", "en")]
