"""Migration 16: the list a person picked for private list commands (and the command waiting
for the pick), and assessors named by @username before the bot has seen them in the group."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.services.teams import Teams
from storage.db import Database

NOON = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "test.db")
    yield database
    await database.close()


async def test_a_pick_holds_30_minutes_and_gives_its_command_once(db: Database) -> None:
    async with db.transaction() as tx:
        anna = await tx.ensure_user(1, "Anna", "anna", "ru")
        group = await tx.ensure_workspace(-100, "group", "Sales team", lang="ru")
    now = NOON
    teams = Teams(db, clock=lambda: now)
    assert await teams.chosen(anna) is None
    await teams.wait(anna, "/card Acme")
    assert await teams.chosen(anna) is None  # asked, not picked yet
    assert await teams.choose(anna, group) == "/card Acme"
    assert await teams.choose(anna, group) == ""  # the command went on once
    now = NOON + timedelta(minutes=29, seconds=59)
    assert await teams.chosen(anna) == group
    now = NOON + timedelta(minutes=30)
    assert await teams.chosen(anna) is None


async def test_a_pending_assessor_is_assigned_in_that_group_only(db: Database) -> None:
    async with db.transaction() as tx:
        vera = await tx.ensure_user(1, "Vera", "vera", "ru")
        sales = await tx.ensure_workspace(-100, "group", "Sales team", lang="ru")
        other = await tx.ensure_workspace(-200, "group", "Other", lang="ru")
        acme, _ = await tx.ensure_partner(sales.id, "Acme", vera.id)
        beta, _ = await tx.ensure_partner(other.id, "Beta", vera.id)
        await tx.assign_later(acme.id, ["Dasha"], vera.id)
        await tx.assign_later(beta.id, ["dasha"], vera.id)
        dasha = await tx.ensure_user(2, "Dasha", "DASHA", "ru")
        assert await tx.claim_pending(sales.id, dasha.id, "DASHA") == 1
        assert await tx.claim_pending(sales.id, dasha.id, "DASHA") == 0  # claimed once
        assert [u.id for u in await tx.assignees(acme.id)] == [dasha.id]
        assert await tx.assignees(beta.id) == []  # waits to be seen in its own group
        assert await tx.pending_assignees(beta.id) == ["dasha"]
