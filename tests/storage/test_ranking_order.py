"""The ranking read in order from its index (migration 0018), and a page of it read alone,
are the ranking `questionnaire.ranking.rank` makes."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.services.longlist import Longlist
from bot.services.model import PAGE
from bot.services.rankings import listed_key
from questionnaire.model import Questionnaire
from questionnaire.ranking import rank
from questionnaire.scoring import Summary, Tier, points
from storage.db import Database
from storage.queries.ranking import _GROUP, _ORDER, _SHOWN, _WITHIN, UNANSWERED


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "ranking.db")
    yield database
    await database.close()


def summary(rng: random.Random) -> Summary | None:
    """Figures with many ties: scores on a coarse grid, a few shared coverages and Lows."""
    if rng.random() < 0.15:
        return None  # not scored yet
    score = rng.choice([40.0, 55.5, 62.5, 62.49999999, 70.0, 71.0, 73.0, 50.0])
    tier = rng.choice([Tier.A, Tier.B, Tier.C, Tier.X, None])
    coverage = rng.choice([0.0, 0.5, 0.75, 1.0])
    return Summary(score, rng.choice([0.0, 30.0, 40.0]), 90.0, coverage, tier, rng.randint(0, 2))


NAMES = ["«Вектор»", "вектор-2", "Acme", "acme ltd", '"Beta"', "Ёлка", "Zeta", "O'Reilly"]


async def seeded(db: Database, count: int, seed: int) -> int:
    rng = random.Random(seed)
    async with db.transaction() as tx:
        user = await tx.ensure_user(1, "Anna", None, "ru")
        workspace = await tx.ensure_workspace(1, "private", "Anna")
        for n in range(count):
            partner = await tx.add_partner(workspace.id, f"{NAMES[n % len(NAMES)]} {n}", user.id)
            if (figures := summary(rng)) is not None:
                await tx.save_summary(partner.id, figures)
    return workspace.id


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_the_index_order_is_the_rankings(
    db: Database, questionnaire: Questionnaire, seed: int
) -> None:
    workspace_id = await seeded(db, 120, seed)
    async with db.read() as tx:
        read = await tx.ranked(workspace_id)
        scores = await tx.ranked_scores(workspace_id)
    unanswered = Summary(*UNANSWERED)
    expected = rank(((p, p.summary or unanswered) for p in read[::-1]), name=listed_key)
    assert [r.item.id for r in expected] == [p.id for p in read]
    assert scores == [points(r.summary.score) for r in expected if r.rank]


async def test_a_page_read_alone_is_that_page_of_the_whole(
    db: Database, questionnaire: Questionnaire
) -> None:
    workspace_id = await seeded(db, 57, 4)
    async with db.read() as tx:
        workspace = await tx.workspace_by_id(workspace_id)
    assert workspace is not None
    whole = await Longlist(db, questionnaire).ranking(workspace)
    assert any(r.shared for r in whole)
    assert any(r.rank is None for r in whole)
    for page in range(1, 8):  # 6 pages, then past the end: the last
        view = await Longlist(db, questionnaire).page(workspace, page)  # nothing kept
        shown = min(page, 6)
        assert (view.page, view.pages, view.count, view.any_ranked) == (shown, 6, 57, True)
        assert view.entries == whole[(shown - 1) * PAGE : shown * PAGE]


async def test_the_ranking_is_read_from_its_index_unsorted(db: Database) -> None:
    async with db.read() as tx:
        for sql in (
            f"SELECT id FROM partners WHERE workspace_id = 1 ORDER BY {_ORDER} LIMIT 10",
            f"SELECT {_SHOWN} FROM partners WHERE workspace_id = 1 AND {_GROUP} = 0"
            f" ORDER BY {_WITHIN}",
        ):
            plan = " ".join(row[3] for row in await tx._all(f"EXPLAIN QUERY PLAN {sql}"))
            assert "partners_ranked" in plan, plan
            assert "TEMP B-TREE" not in plan, plan
