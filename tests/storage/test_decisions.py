"""Settled questions and decision statuses in storage (migration 15)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.db import Database
from storage.models import Settlement, Status

AT = datetime(2026, 12, 3, 11, 5, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "test.db")
    async with database.transaction() as tx:
        await tx.ensure_user(1, "Anna", None, "ru")
        await tx.ensure_user(2, "Vera", None, "ru")
        group = await tx.ensure_workspace(-100, "group", "Sales")
        await tx.ensure_partner(group.id, "Acme", 1)
        await tx.ensure_partner(group.id, "Beta", 1)
    yield database
    await database.close()


async def test_a_settlement_is_kept_and_replaced(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.settle(1, "2.1", 4, 2, "1:5,2:2", AT)
        await tx.settle(1, "9.1", None, 2, "1:5,2:1", AT)
    async with db.read() as tx:
        assert await tx.settlements(1) == {
            "2.1": Settlement(1, "2.1", 4, "Vera", AT, "1:5,2:2"),
            "9.1": Settlement(1, "9.1", None, "Vera", AT, "1:5,2:1"),
        }
        assert await tx.settlements(2) == {}
    async with db.transaction() as tx:
        await tx.settle(1, "2.1", 3, 1, "1:5,2:3", AT)
    async with db.read() as tx:
        assert (await tx.settlements(1))["2.1"] == Settlement(1, "2.1", 3, "Anna", AT, "1:5,2:3")


async def test_a_status_is_set_given_a_reason_and_cleared(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.set_status(1, "focus", 2, at=AT)
        await tx.set_status(2, "rejected", 2, at=AT)
        assert await tx.set_reason(2, "Не работают с МСБ")
    async with db.read() as tx:
        assert await tx.statuses(1) == {
            1: Status(1, "focus", "", "Vera", AT),
            2: Status(2, "rejected", "Не работают с МСБ", "Vera", AT),
        }
    async with db.transaction() as tx:
        await tx.set_status(2, None, 2)
        assert not await tx.set_reason(2, "late")
    async with db.read() as tx:
        assert await tx.status(2) is None
        assert list(await tx.statuses(1)) == [1]


async def test_deleting_a_partner_drops_its_decisions(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.settle(1, "2.1", 4, 2, "", AT)
        await tx.set_status(1, "pilot", 2, at=AT)
        await tx.delete_partner(1, 1)
    async with db.read() as tx:
        assert await tx.settlements(1) == {}
        assert await tx.statuses(1) == {}
