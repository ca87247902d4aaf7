"""A group's language (migration 9): set for groups only, kept once set, and given to groups
that existed before, from the first person seen there."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiosqlite
import pytest

from questionnaire.model import Lang
from storage.db import Database, migrations
from storage.repositories import Tx


async def lang_of(tx: Tx, chat_id: int) -> Lang | None:
    workspace = await tx.workspace(chat_id)
    assert workspace is not None
    return workspace.lang


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "test.db")
    yield database
    await database.close()


async def test_a_new_group_takes_the_language_given_and_keeps_it(db: Database) -> None:
    async with db.transaction() as tx:
        group = await tx.ensure_workspace(-100, "group", "Sales team", lang="ru")
        again = await tx.ensure_workspace(-100, "group", "Sales team 2", lang="en")
        mine = await tx.ensure_workspace(1, "private", "Anna", lang="en")
    assert (group.lang, again.lang, again.title) == ("ru", "ru", "Sales team 2")
    assert mine.lang is None  # a private list speaks its person's language


async def test_a_lead_changes_a_groups_language_and_a_default_changes_nothing(
    db: Database,
) -> None:
    async with db.transaction() as tx:
        group = await tx.ensure_workspace(-100, "group", "Sales team", lang="ru")
        mine = await tx.ensure_workspace(1, "private", "Anna")
        await tx.set_workspace_lang(group.id, "en")
        await tx.set_workspace_lang(mine.id, "en")
        kept = await tx.default_lang(group.id, "ru")
        assert await tx.default_lang(mine.id, "ru") is None
    assert kept is not None
    assert kept.lang == "en"
    async with db.read() as tx:
        assert await lang_of(tx, -100) == "en"
        assert await lang_of(tx, 1) is None


async def test_an_existing_group_takes_the_language_of_the_first_person_seen(
    tmp_path: Path,
) -> None:
    """Written before groups had a language (version 6): Boris (English) added the group's
    first partner before Anna (Russian) was last seen there, so the group speaks English;
    another group where only Anna was seen speaks Russian; a group nobody was seen in gets
    its language later, from whoever comes first; private lists get none."""
    path = tmp_path / "old.db"
    async with aiosqlite.connect(path) as conn:
        for version, sql in migrations():
            if version <= 6:
                await conn.executescript(f"{sql}\nPRAGMA user_version = {version};")
        await conn.executescript(
            """
            INSERT INTO users VALUES (1, 'Anna', NULL, 'ru', 1, 0, '2026-01-01T00:00:00+00:00');
            INSERT INTO users VALUES (2, 'Boris', NULL, 'en', 1, 0, '2026-01-02T00:00:00+00:00');
            INSERT INTO workspaces (id, chat_id, kind, title, created_at) VALUES
                (1, 1, 'private', 'Anna', '2026-01-01T00:00:00+00:00'),
                (2, -100, 'group', 'Sales team', '2026-01-01T00:00:00+00:00'),
                (3, -200, 'group', 'Moscow', '2026-01-01T00:00:00+00:00'),
                (4, -300, 'group', 'Quiet', '2026-01-01T00:00:00+00:00');
            INSERT INTO members VALUES (2, 1, '2026-03-01T00:00:00+00:00'),
                                       (2, 2, '2026-03-02T00:00:00+00:00'),
                                       (3, 1, '2026-03-01T00:00:00+00:00');
            INSERT INTO partners (workspace_id, name, name_key, created_by, created_at)
            VALUES (2, 'Acme', 'acme', 2, '2026-02-01T00:00:00+00:00');
            """
        )
    db = await Database.open(path)
    assert await db.version() == migrations()[-1][0]
    async with db.transaction() as tx:
        langs = {chat: await lang_of(tx, chat) for chat in (1, -100, -200, -300)}
        assert langs == {1: None, -100: "en", -200: "ru", -300: None}
        given = await tx.default_lang(4, "ru")
        assert given is not None
        assert given.lang == "ru"
    await db.close()
