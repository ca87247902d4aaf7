"""Many partners put on a list in one go."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.db import Database


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "bulk.db")
    yield database
    await database.close()


async def test_new_partners_are_added_and_known_ones_named_as_the_list_has_them(
    db: Database,
) -> None:
    async with db.transaction() as tx:
        await tx.ensure_user(1, "Anna", None, "ru")
        ws = await tx.ensure_workspace(-1, "group", "Sales")
        other = await tx.ensure_workspace(1, "private", "Anna")
        await tx.add_partner(ws.id, "вектор", 1)
        await tx.add_partner(other.id, "Альфа", 1)  # another list's: no bearing here
        revision = await tx.revision(ws.id)
        added = await tx.add_partners(
            ws.id,
            1,
            [("«Вектор»", True), ("Альфа", False), ("Гамма", None), ('"альфа"', True)],
        )
    assert [(p.name, p.technology, p.created_by) for p in added.new] == [
        ("Альфа", False, 1),
        ("Гамма", None, 1),
    ]
    assert added.existing == ("вектор", "Альфа")
    assert all(p.invite for p in added.new)
    async with db.read() as tx:
        assert [p.name for p in await tx.partners(ws.id)] == ["Альфа", "вектор", "Гамма"]
        assert await tx.revision(ws.id) == revision + 1
        assert await tx.count_partners(other.id) == 1


async def test_nothing_new_changes_nothing(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.ensure_user(1, "Anna", None, "ru")
        ws = await tx.ensure_workspace(1, "private", "Anna")
        await tx.add_partner(ws.id, "Acme", 1)
        revision = await tx.revision(ws.id)
        added = await tx.add_partners(ws.id, 1, [("ACME", True)])
        assert (added.new, added.existing) == ((), ("Acme",))
        assert await tx.revision(ws.id) == revision
        partner = await tx.partner_by_name(ws.id, "acme")
        assert partner is not None
        assert partner.technology is None
