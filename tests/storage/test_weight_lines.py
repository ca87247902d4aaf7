"""Weights changes as history, undoable; the lines that told a group of them."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite
import pytest

from questionnaire.scoring import Tier
from storage.db import Database, migrations
from storage.repositories import Tx

DEFAULTS = {1: 15, 2: 15, 3: 10, 4: 10, 5: 10, 6: 8, 7: 10, 8: 10, 9: 5, 10: 7}
MORE_LAW = {**DEFAULTS, 9: 10, 10: 2}
AT = datetime(2026, 3, 10, 8, 5, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "test.db")
    async with database.transaction() as tx:
        await tx.ensure_user(1, "Anna", None, "ru")
        await tx.ensure_user(2, "Vera", None, "ru")
        await tx.ensure_workspace(-100, "group", "Sales")
    yield database
    await database.close()


async def test_an_upgraded_file_keeps_its_weights_changes_and_takes_undo(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    async with aiosqlite.connect(path) as conn:
        for version, sql in migrations():
            if version <= 6:
                await conn.executescript(f"{sql}\nPRAGMA user_version = {version};")
        await conn.executescript(
            """
            INSERT INTO users VALUES (1, 'Anna', NULL, 'ru', 1, 0, '2026-01-01T00:00:00+00:00');
            INSERT INTO workspaces (id, chat_id, kind, title, created_at)
            VALUES (1, 1, 'private', 'Anna', '2026-01-01T00:00:00+00:00');
            INSERT INTO weight_changes VALUES (7, 1, 1, '2026-01-02T00:00:00+00:00',
                '{"1": 20, "2": 10, "3": 10, "4": 10, "5": 10, "6": 8, "7": 10, "8": 10,
                  "9": 5, "10": 7}', 'order');
            """
        )
    db = await Database.open(path)
    try:
        async with db.transaction() as tx:
            kept = await tx.weight_change(1)
            assert kept is not None
            assert (kept.id, kept.how, kept.weights[1]) == (7, "order", 20)
            undone = await tx.change_weights(1, 1, DEFAULTS, "undo", AT)
            assert undone == 8
            with pytest.raises(sqlite3.IntegrityError):
                await tx.change_weights(1, 1, DEFAULTS, "guess")
        async with db.read() as tx:
            assert [c.how for c in await tx.weight_history(1, 10)] == ["undo", "order"]
    finally:
        await db.close()


async def test_a_line_keeps_its_run_and_is_undone_once(db: Database) -> None:
    async with db.transaction() as tx:
        first = await tx.change_weights(1, 2, MORE_LAW, "step", AT)
        line = await tx.add_weight_line(1, 2, first, DEFAULTS, [9], {5: (Tier.B, Tier.A)}, AT)
        assert await tx.weight_line(2, line) is None  # another workspace's
        await tx.weight_line_posted(line, 42)
        second = await tx.change_weights(1, 2, {**MORE_LAW, 9: 15, 10: 0}, "step", AT)
        await tx.extend_weight_line(
            line, second, [9], {5: (Tier.B, Tier.A), 6: (None, Tier.C)}, AT
        )
    async with db.read() as tx:
        told = await tx.latest_weight_line(1)
    assert told is not None
    assert (told.id, told.user, told.last_change, told.message_id) == (line, "Vera", second, 42)
    assert (told.before, told.after[9], told.named) == (DEFAULTS, 15, (9,))
    assert told.moves == {5: (Tier.B, Tier.A), 6: (None, Tier.C)}
    assert told.updated_at == AT
    assert told.undone_by is None
    async with db.transaction() as tx:
        assert await tx.undo_weight_line(line, 1)
        assert not await tx.undo_weight_line(line, 2)
        again = await tx.weight_line(1, line)
    assert again is not None
    assert again.undone_by == "Anna"


async def test_history_is_the_latest_first_and_limited(db: Database) -> None:
    tx: Tx
    async with db.transaction() as tx:
        for how in ("step", "order", "reset", "what_if", "undo"):
            await tx.change_weights(1, 1, DEFAULTS, how, AT)
    async with db.read() as tx:
        history = await tx.weight_history(1, 3)
    assert [(c.how, c.user, c.changed_at) for c in history] == [
        ("undo", "Anna", AT),
        ("what_if", "Anna", AT),
        ("reset", "Anna", AT),
    ]
