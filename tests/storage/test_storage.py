"""Repositories and the FSM storage on a temporary SQLite file."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiosqlite
import pytest
from aiogram.fsm.storage.base import StorageKey

from questionnaire.scoring import Summary, Tier
from storage.db import Database, migrations
from storage.fsm import LockingEventIsolation, SQLiteStorage
from storage.queries.partners import BULK


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "data" / "test.db")
    yield database
    await database.close()


async def test_migrations_bring_a_new_file_to_the_latest_version(db: Database) -> None:
    assert await db.version() == migrations()[-1][0]
    assert await db.migrate() == migrations()[-1][0]  # running again changes nothing


async def test_the_file_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "w.db")
    async with database.read() as tx:
        assert (await tx._one("PRAGMA journal_mode"))[0] == "wal"  # type: ignore[index]
        assert (await tx._one("PRAGMA foreign_keys"))[0] == 1  # type: ignore[index]
    await database.close()


async def test_partner_names_are_unique_ignoring_case_and_spaces(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.ensure_user(1, "Anna", None, "ru")
        ws = await tx.ensure_workspace(1, "private", "Anna")
        acme = await tx.add_partner(ws.id, "Acme  Corp", 1)
        found = await tx.partner_by_name(ws.id, "  acme corp ")
        other = await tx.add_partner(ws.id, "Beta", 1)
        assert not await tx.rename_partner(ws.id, other.id, "ACME CORP")
    assert found == acme


async def test_partners_are_invisible_from_another_workspace(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.ensure_user(1, "Anna", None, "ru")
        await tx.ensure_user(2, "Boris", None, "en")
        mine = await tx.ensure_workspace(1, "private", "Anna")
        theirs = await tx.ensure_workspace(2, "private", "Boris")
        acme = await tx.add_partner(mine.id, "Acme", 1)
        assert await tx.partner(theirs.id, acme.id) is None
        assert not await tx.rename_partner(theirs.id, acme.id, "Stolen")
        assert not await tx.delete_partner(theirs.id, acme.id)
        assert await tx.partner(mine.id, acme.id) == acme


async def test_the_listed_partners_are_the_partners_with_their_scores(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.ensure_user(1, "Anna", None, "ru")
        mine = await tx.ensure_workspace(1, "private", "Anna")
        theirs = await tx.ensure_workspace(2, "private", "Boris")
        acme = await tx.add_partner(mine.id, "Acme", 1)
        await tx.add_partner(mine.id, "Beta", 1)
        await tx.add_partner(theirs.id, "Gamma", 1)
        await tx.save_summary(acme.id, Summary(60, 50, 70, 0.8, Tier.B, 1))
        delta = await tx.add_partner(mine.id, "Delta", 1)
        await tx.save_summary(delta.id, Summary(0, 0, 0, 0, None, 0))
        listed = await tx.listed(mine.id)
        partners = await tx.partners(mine.id)
    assert sorted(listed) == sorted(p.listed for p in partners)
    assert {(p.name, p.summary) for p in listed} == {
        ("Acme", Summary(60, 50, 70, 0.8, Tier.B, 1)),
        ("Beta", None),
        ("Delta", Summary(0, 0, 0, 0, None, 0)),
    }


async def test_a_long_list_reads_the_same_as_a_short_one(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.ensure_user(1, "Anna", None, "ru")
        ws = await tx.ensure_workspace(1, "private", "Anna")
        for n in reversed(range(BULK + 1)):
            await tx.add_partner(ws.id, f"P{n:04d}", 1)
        long = await tx.partners(ws.id)  # made in a thread
        short = await tx.partners(ws.id, limit=BULK)
    assert [p.name for p in long] == [f"P{n:04d}" for n in range(BULK + 1)]
    assert long[:BULK] == short


async def test_an_answer_is_stored_once_and_replaced_on_change(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.ensure_user(1, "Anna", None, "ru")
        ws = await tx.ensure_workspace(1, "private", "Anna")
        partner = await tx.add_partner(ws.id, "Acme", 1)
        assessment = await tx.start_assessment(partner.id, 1)
        again = await tx.start_assessment(partner.id, 1)
        await tx.save_answer(assessment.id, "1.1", 3)
        await tx.save_answer(assessment.id, "1.1", 3)
        await tx.save_answer(assessment.id, "1.1", 5)
        await tx.save_answer(assessment.id, "1.2", None)
        assert await tx.answers(assessment.id) == {"1.1": 5, "1.2": None}
    assert again.id == assessment.id


async def test_deleting_a_partner_deletes_its_answers_and_notes(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.ensure_user(1, "Anna", None, "ru")
        ws = await tx.ensure_workspace(1, "private", "Anna")
        partner = await tx.add_partner(ws.id, "Acme", 1)
        assessment = await tx.start_assessment(partner.id, 1)
        await tx.save_answer(assessment.id, "1.1", 3)
        await tx.add_note(assessment.id, "1.1", "text", "70/30 split")
        await tx.save_summary(partner.id, Summary(60, 50, 70, 0.8, Tier.B, 0))
        assert await tx.delete_partner(ws.id, partner.id)
        assert await tx.answers(assessment.id) == {}
        assert await tx.notes(assessment.id) == []
        assert await tx.assessment(assessment.id) is None


async def test_a_failed_transaction_leaves_nothing_behind(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.ensure_user(1, "Anna", None, "ru")
        ws = await tx.ensure_workspace(1, "private", "Anna")

    async def add_then_fail() -> None:
        async with db.transaction() as tx:
            await tx.add_partner(ws.id, "Acme", 1)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await add_then_fail()
    async with db.read() as tx:
        assert await tx.count_partners(ws.id) == 0


async def test_fsm_state_and_data_survive_reopening_the_file(tmp_path: Path) -> None:
    key = StorageKey(bot_id=42, chat_id=1, user_id=1)
    first = await Database.open(tmp_path / "fsm.db")
    storage = SQLiteStorage(first)
    await storage.set_state(key, "Interview:question")
    await storage.set_data(key, {"assessment": 7, "question": "2.1", "message": 15})
    await first.close()

    second = await Database.open(tmp_path / "fsm.db")
    storage = SQLiteStorage(second)
    assert await storage.get_state(key) == "Interview:question"
    assert await storage.get_data(key) == {"assessment": 7, "question": "2.1", "message": 15}
    await storage.set_state(key, None)
    assert await storage.get_state(key) is None
    other = StorageKey(bot_id=42, chat_id=2, user_id=2)
    assert await storage.get_data(other) == {}
    await second.close()


async def test_event_isolation_runs_one_update_at_a_time_and_forgets_idle_keys() -> None:
    isolation = LockingEventIsolation()
    key = StorageKey(bot_id=42, chat_id=1, user_id=1)
    order: list[str] = []

    async def handle(name: str) -> None:
        async with isolation.lock(key):
            order.append(f"{name} in")
            await asyncio.sleep(0.01)
            order.append(f"{name} out")

    await asyncio.gather(handle("a"), handle("b"))
    assert order == ["a in", "a out", "b in", "b out"]
    assert isolation._locks == {}


async def test_upgrading_an_older_file_keeps_every_partner_and_answer(tmp_path: Path) -> None:
    """A database written before teams (version 2) opens at the latest version, intact."""
    path = tmp_path / "old.db"
    async with aiosqlite.connect(path) as conn:
        for version, sql in migrations():
            if version <= 2:
                await conn.executescript(f"{sql}\nPRAGMA user_version = {version};")
        await conn.executescript(
            """
            INSERT INTO users VALUES (1, 'Anna', NULL, 'ru', 1, 0, '2026-01-01T00:00:00+00:00');
            INSERT INTO workspaces VALUES (1, 1, 'private', 'Anna', '2026-01-01T00:00:00+00:00');
            INSERT INTO partners (id, workspace_id, name, name_key, technology, created_by,
                                  created_at, score, low, high, coverage, tier, red_flags)
            VALUES (1, 1, 'Acme', 'acme', 0, 1, '2026-01-01T00:00:00+00:00',
                    60, 50, 70, 0.8, 'B', 0);
            INSERT INTO assessments VALUES (1, 1, 1, '2026-01-01T00:00:00+00:00',
                                            '2026-01-01T00:00:00+00:00', NULL, NULL);
            INSERT INTO answers VALUES (1, '1.1', 4, '2026-01-01T00:00:00+00:00');
            INSERT INTO notes VALUES (1, 1, '1.1', 'text', '70/30', NULL,
                                      '2026-01-01T00:00:00+00:00');
            """
        )
    db = await Database.open(path)
    assert await db.version() == migrations()[-1][0]
    async with db.transaction() as tx:
        acme = await tx.partner(1, 1)
        assert acme is not None
        assert acme.summary == Summary(60, 50, 70, 0.8, Tier.B, 0)
        assert acme.invite is None
        invite = await tx.ensure_invite(acme)
        assert await tx.partner_by_invite(invite) == await tx.partner(1, 1)
        assert await tx.answers(1) == {"1.1": 4}
        assert [n.body for n in await tx.notes(1)] == ["70/30"]
    await db.close()


async def test_a_group_prompt_open_at_the_upgrade_stays_open(tmp_path: Path) -> None:
    """The group's name prompt state was renamed; one open at the upgrade keeps waiting."""
    path = tmp_path / "old.db"
    async with aiosqlite.connect(path) as conn:
        for version, sql in migrations():
            if version <= 6:
                await conn.executescript(f"{sql}\nPRAGMA user_version = {version};")
        await conn.execute(
            "INSERT INTO fsm VALUES ('fsm:-4001:1:default', 'Team:name', '{\"prompt\": 7}')"
        )
        await conn.commit()
    db = await Database.open(path)
    async with db.read() as tx:
        assert await tx.fsm("fsm:-4001:1:default") == ("GroupPrompt:name", '{"prompt": 7}')
    await db.close()
