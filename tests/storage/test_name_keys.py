"""One rule for duplicate names: case, spaces and quotation marks aside; and the migration that
brings the keys of older files to it."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from storage.db import Database, migrations
from storage.queries.base import QUOTES, name_key

NAME_KEYS = 9
"""The migration that recomputes the keys."""


def old_key(name: str) -> str:
    """The rule before version 9: case and spaces only."""
    return " ".join(name.split()).casefold()


@pytest.mark.parametrize(
    "name",
    ["«Вектор»", '"вектор"', "Вектор", "“ВЕКТОР”", "„Вектор“", "  « Вектор »  ", 'Вектор"'],
)
def test_quotes_case_and_spaces_do_not_make_another_partner(name: str) -> None:
    assert name_key(name) == "вектор"


def test_a_quotation_mark_counts_as_a_space() -> None:
    assert name_key("ООО«Вектор»") == name_key("ООО «Вектор»") == "ооо вектор"
    assert name_key('Acme "Labs"  Inc') == "acme labs inc"


def test_what_is_not_a_quotation_mark_stays() -> None:
    assert name_key("O'Reilly") == "o'reilly"
    assert name_key("Рога и копыта, ООО") == "рога и копыта, ооо"
    assert name_key("«»") == ""


def sql_keys(names: list[str]) -> list[str]:
    """The keys migration 9 makes of these names' older keys (each in a workspace of its
    own, so that none collide)."""
    [(_, sql)] = [m for m in migrations() if m[0] == NAME_KEYS]
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE partners (id INTEGER PRIMARY KEY, workspace_id INTEGER, name TEXT,"
        " name_key TEXT, UNIQUE (workspace_id, name_key))"
    )
    conn.executemany(
        "INSERT INTO partners VALUES (?, ?, ?, ?)",
        [(i + 1, i + 1, name, old_key(name)) for i, name in enumerate(names)],
    )
    conn.executescript(sql)
    keys = [row[0] for row in conn.execute("SELECT name_key FROM partners ORDER BY id")]
    conn.close()
    return keys


def test_the_migration_computes_the_same_keys_as_python() -> None:
    alphabet = [*QUOTES, " ", " ", "\t", "\u00a0", "\u2003", "A", "я", "Я", "Ё", "ß", "'", "1"]
    rng = random.Random(7)
    names = ["".join(rng.choices(alphabet, k=rng.randint(1, 40))) for _ in range(3000)]
    names += ['" " " " " " " " " " " " " " " " " "Вектор', "«" * 64, "A" + " «»" * 30 + "B"]
    assert sql_keys(names) == [name_key(name) for name in names]


async def open_at_version_6(path: Path, names: list[tuple[int, str]]) -> None:
    """A file as version 6 left it, with partners (workspace, name) keyed by the old rule."""
    async with aiosqlite.connect(path) as conn:
        for version, sql in migrations():
            if version <= 6:
                await conn.executescript(sql)
        await conn.execute("PRAGMA user_version = 6")
        await conn.execute(
            "INSERT INTO users VALUES (1, 'Anna', NULL, 'ru', 1, 0, '2024-01-01T00:00:00')"
        )
        for chat in (1, -2):
            kind = "private" if chat > 0 else "group"
            await conn.execute(
                "INSERT INTO workspaces (chat_id, kind, title, created_at)"
                " VALUES (?, ?, 't', '2024-01-01T00:00:00')",
                (chat, kind),
            )
        for workspace, name in names:
            await conn.execute(
                "INSERT INTO partners (workspace_id, name, name_key, created_by, created_at)"
                " VALUES (?, ?, ?, 1, '2024-01-01T00:00:00')",
                (workspace, name, old_key(name)),
            )
        await conn.commit()


async def test_the_migration_keeps_both_partners_that_now_share_a_name(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    await open_at_version_6(
        path,
        [
            (1, "«Вектор»"),  # id 1: keeps the key
            (1, "Acme"),
            (1, "вектор"),  # id 3: the same partner by the new rule, kept under another key
            (1, '"ВЕКТОР"'),  # id 4: and a third
            (2, "Вектор"),  # another workspace's: a partner of its own
            (1, "ООО«Альфа»"),
        ],
    )
    db = await Database.open(path)
    try:
        assert await db.version() == migrations()[-1][0]
        async with db.read() as tx:
            rows = await tx._all("SELECT id, name, name_key FROM partners ORDER BY id")
            keys = {row["id"]: row["name_key"] for row in rows}
            assert keys == {
                1: "вектор",
                2: "acme",
                3: "вектор «3»",
                4: "вектор «4»",
                5: "вектор",
                6: "ооо альфа",
            }
            # Looked up by any spelling, the partner is the earlier one; none was lost.
            found = await tx.partner_by_name(1, "„вектор“")
            assert found is not None
            assert (found.id, found.name) == (1, "«Вектор»")
            assert len(await tx.partners(1)) == 5
            assert [p.id for p in await tx.search_partners([1], "вектор", 10)] == [1, 3, 4]
            assert (await tx.partner_by_name(1, "ооо альфа")) is not None
        async with db.transaction() as tx:  # renamed, the later one gets a plain key
            assert await tx.rename_partner(1, 3, "Вектор-2")
            assert not await tx.rename_partner(1, 4, "«ВЕКТОР»")
    finally:
        await db.close()
