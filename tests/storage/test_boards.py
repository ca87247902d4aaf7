"""A group's board (migration 17): its message kept, replaced, dropped; who stands where."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.db import Database
from storage.models import Mark

TECHNOLOGY_ONLY = ["3.1", "3.2", "8.5"]


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "boards.db")
    yield database
    await database.close()


async def test_a_board_is_replaced_by_the_next_and_dropped_only_by_its_own_id(
    db: Database,
) -> None:
    async with db.transaction() as tx:
        group = await tx.ensure_workspace(-100, "group", "Sales team", lang="ru")
        assert await tx.put_board(group.id, 10, "a") is None
        await tx.board_shows(group.id, 10, 3, True, "b")
        shown = await tx.board(group.id)
        before = await tx.put_board(group.id, 12, "c")
        await tx.board_shows(group.id, 10, 2, False, "stale")  # the old message: nothing
        await tx.drop_board(group.id, 10)
        now = await tx.board(group.id)
        await tx.drop_board(group.id, 12)
        gone = await tx.board(group.id)
    assert shown is not None
    assert (shown.message_id, shown.page, shown.picking, shown.shown) == (10, 3, True, "b")
    assert before == shown
    assert now is not None
    assert (now.message_id, now.page, now.picking, now.shown) == (12, 1, False, "c")
    assert gone is None


async def test_marks_are_assignees_and_those_who_answered(db: Database) -> None:
    async with db.transaction() as tx:
        for user_id, name in ((1, "Анна"), (2, "Борис"), (3, "Вера")):
            await tx.ensure_user(user_id, name, None, "ru")
        group = await tx.ensure_workspace(-100, "group", "Sales team", lang="ru")
        acme = await tx.add_partner(group.id, "Acme", 1)
        await tx.assign(acme.id, [2], 1)
        answered = await tx.start_assessment(acme.id, 1)
        for question in ("1.1", "3.1", "8.5"):
            await tx.save_answer(answered.id, question, 4)
        await tx.start_assessment(acme.id, 3)  # opened the link, answered nothing
        marks = await tx.marks(group.id, TECHNOLOGY_ONLY)
        await tx.unassign(acme.id, [2])
        after = await tx.marks(group.id, TECHNOLOGY_ONLY)
    assert marks == [
        Mark(acme.id, 2, "Борис", True, 0, 0, False, False),
        Mark(acme.id, 1, "Анна", False, 3, 2, False, False),
        Mark(acme.id, 3, "Вера", False, 0, 0, False, False),
    ]
    assert [m.user_id for m in after] == [1, 3]
