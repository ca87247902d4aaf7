"""A workspace's ranking and how firm each place is: the part of `Longlist` that reads a
longlist of thousands, so it keeps what it worked out for the longlist's revision."""

from __future__ import annotations

import asyncio
import logging
from functools import cached_property, lru_cache

from bot.services.model import (
    PAGE,
    at_revision,
    listed_id,
    page_count,
)
from bot.services.scoring import weights_and_change
from questionnaire.model import Questionnaire
from questionnaire.ranking import (
    Ranked,
    RankingPage,
    any_ranked,
    numbered,
    rank,
    shared_ranks,
    window,
)
from questionnaire.robustness import Firmness
from questionnaire.scoring import Summary, score_partner
from questionnaire.weights import Weights
from storage.cache import Bounded
from storage.db import Database
from storage.models import Listed, Partner, WeightChange, Workspace
from storage.queries.base import name_key
from storage.queries.ranking import UNANSWERED
from storage.repositories import Tx

log = logging.getLogger(__name__)

SYNC_LIMIT = 2000
"""Partners beyond which robustness is worked out in the background."""

KEPT = 64
"""Workspaces whose ranking and firmness are kept in memory (the most recently used)."""


def listed_key(partner: Listed) -> str:
    """What partners of equal figures are ranked by: their names as storage compares them."""
    return _name_key(partner.name)


_name_key = lru_cache(maxsize=100_000)(name_key)


class Rankings:
    def __init__(self, db: Database, questionnaire: Questionnaire) -> None:
        self.db = db
        self.questionnaire = questionnaire
        # Worked out for a workspace's longlist as it was at a revision: (revision, result).
        self._ranked: Bounded[int, tuple[int, list[Ranked[Listed]]]] = Bounded(KEPT)
        self._pages: Bounded[tuple[int, int], tuple[int, RankingPage[Listed]]] = Bounded(KEPT * 4)
        self._firmness: Bounded[int, tuple[int, Firmness[Listed]]] = Bounded(KEPT)
        self._working: dict[int, asyncio.Task[Firmness[Listed]]] = {}
        if tuple(self.unanswered) != UNANSWERED:  # the ranking's index puts them there
            raise ValueError(f"a partner with no answers scores {self.unanswered}")

    @cached_property
    def unanswered(self) -> Summary:
        """Where a partner with no answers at all stands: the middle of 0–100, no tier."""
        return score_partner(self.questionnaire, {}, technology=False).summary()

    async def ranking(self, workspace: Workspace) -> list[Ranked[Listed]]:
        """The whole longlist in order, from each partner's kept figures (one row each, read
        in the order of the ranking's index), numbered again only once the longlist or its
        weights change. Callers must not change it."""
        async with self.db.read() as tx:
            revision = await tx.revision(workspace.id)
            ranked = at_revision(self._ranked.get(workspace.id), revision)
            if ranked is None:
                partners = await tx.ranked(workspace.id)
        if ranked is None:
            unanswered = self.unanswered
            ranked = numbered((p, p.summary or unanswered) for p in partners)
            self._ranked.put(workspace.id, (revision, ranked))
        return ranked

    async def page(self, workspace: Workspace, page: int) -> RankingPage[Listed]:
        """A page of the ranking (past the end: the last): cut from the whole when that is at
        hand, else read as ten rows of the ranking's index, its places worked out from the
        shown scores of the ranked alone, so that a first look at thousands reads no more."""
        async with self.db.read() as tx:
            revision = await tx.revision(workspace.id)
        if (ranked := at_revision(self._ranked.get(workspace.id), revision)) is not None:
            pages = page_count(len(ranked))
            page = min(max(page, 1), pages)
            entries = ranked[(page - 1) * PAGE : page * PAGE]
            return RankingPage[Listed](entries, page, pages, len(ranked), any_ranked(ranked))
        if (kept := at_revision(self._pages.get((workspace.id, page)), revision)) is not None:
            return kept
        read_at, found = await self.db.run(
            lambda tx: self._read_page(tx, workspace, page), write=False
        )
        self._pages.put((workspace.id, page), (read_at, found))
        return found

    async def _read_page(
        self, tx: Tx, workspace: Workspace, page: int
    ) -> tuple[int, RankingPage[Listed]]:
        revision = await tx.revision(workspace.id)
        count = await tx.count_partners(workspace.id)
        pages = page_count(count)
        page = min(max(page, 1), pages)
        scores = await tx.ranked_scores(workspace.id)
        offset = (page - 1) * PAGE
        listed = await tx.ranked(workspace.id, offset=offset, limit=PAGE)
        unanswered = self.unanswered
        entries = window(
            [(p, p.summary or unanswered) for p in listed], offset, shared_ranks(scores)
        )
        return revision, RankingPage[Listed](entries, page, pages, count, bool(scores))

    def _rank(self, partners: list[Listed]) -> list[Ranked[Listed]]:
        """Ranked as `ranking` reads them (ties by name key, as SQLite sorts them)."""
        return rank(((p, p.summary or self.unanswered) for p in partners), name=listed_key)

    async def weights(self, workspace: Workspace) -> tuple[Weights, WeightChange | None]:
        """The workspace's weights and their latest change (None: still the defaults)."""
        async with self.db.read() as tx:
            return await weights_and_change(tx, self.questionnaire, workspace.id)

    async def firmness(self, workspace: Workspace) -> Firmness[Listed] | None:
        """How firm each ranked partner's place is, worked out again only once the longlist or
        its weights change, in a worker thread so that others are not kept waiting.

        A longlist of more than SYNC_LIMIT partners is worked out in the background: until it
        is done, the last result stands (or none, at first), so a ranking never waits seconds.
        """
        revision, count = await self.db.run(lambda tx: _size(tx, workspace.id), write=False)
        kept = self._firmness.get(workspace.id)
        if (firmness := at_revision(kept, revision)) is not None:
            return firmness
        if count <= SYNC_LIMIT:
            return await self._work_out_firmness(workspace, revision)
        running = self._working.get(workspace.id)
        if running is None or running.done():
            task = asyncio.create_task(self._work_out_firmness(workspace, revision))
            task.add_done_callback(_report_failure)
            self._working[workspace.id] = task
        return kept[1] if kept else None  # the last worked out, till this one is ready

    async def settled(self) -> None:
        """Wait until firmness being worked out in the background is done (for benchmarks)."""
        await asyncio.gather(*self._working.values(), return_exceptions=True)

    async def _work_out_firmness(self, workspace: Workspace, revision: int) -> Firmness[Listed]:
        weights, _ = await self.weights(workspace)
        async with self.db.read() as tx:
            partners = await tx.partners(workspace.id, standings=True)
            read_at = await tx.revision(workspace.id)
        # The ranking of these very rows, when /ranking has made it already (the usual case).
        ranked = at_revision(self._ranked.get(workspace.id), read_at)
        firmness = await asyncio.to_thread(self._firmness_of, partners, weights, ranked)
        self._firmness.put(workspace.id, (revision, firmness))
        return firmness

    def _firmness_of(
        self, partners: list[Partner], weights: Weights, ranked: list[Ranked[Listed]] | None
    ) -> Firmness[Listed]:
        standings = {p.id: p.standing for p in partners}
        if ranked is None:
            ranked = self._rank([p.listed for p in partners])
        return Firmness(ranked, weights, lambda p: standings[p.id], listed_id)


async def _size(tx: Tx, workspace_id: int) -> tuple[int, int]:
    """The longlist's revision and how many partners it has (one trip)."""
    return await tx.revision(workspace_id), await tx.count_partners(workspace_id)


def _report_failure(task: asyncio.Task[Firmness[Listed]]) -> None:
    if not task.cancelled() and (exc := task.exception()) is not None:
        log.error("working out place firmness failed", exc_info=exc)
