"""What the report for management is made of: the ranking and every partner's card, read
together, scored as the card scores them."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.longlist import Longlist
from bot.services.scoring import load_sheets, score, weights_of
from questionnaire.ranking import Ranked
from questionnaire.scoring import ScoreCard
from questionnaire.weights import Weights
from storage.models import Listed, Partner, StatusKind, Workspace

LIMIT = 1000
"""Partners in one report at most (the first in ranking order): a file people open and read."""


@dataclass(frozen=True)
class Assessed:
    """A partner as its card shows it, with how many people assessed it."""

    partner: Partner
    card: ScoreCard
    assessors: int
    status: StatusKind | None
    """The team's decision on it (None: not decided)."""


@dataclass(frozen=True)
class ReportData:
    workspace: Workspace
    weights: Weights
    ranked: list[Ranked[Listed]]
    """The ranking's lines, in its order (at most LIMIT)."""
    assessed: dict[int, Assessed]
    """Partner id → its card, for each partner ranked."""
    left_out: int
    """Partners beyond LIMIT, not in the report."""


async def report_data(longlist: Longlist, workspace: Workspace) -> ReportData:
    """The ranking and each ranked partner's card, scored with the list's weights."""
    ranking = await longlist.ranking(workspace)
    ranked = ranking[:LIMIT]
    questionnaire = longlist.questionnaire
    assessed = {}
    async with longlist.db.read() as tx:
        weights = await weights_of(tx, questionnaire, workspace.id)
        partners = {p.id: p for p in await tx.partners(workspace.id)}
        statuses = await tx.statuses(workspace.id)
        for entry in ranked:
            partner = partners.get(entry.item.id)
            if partner is None:  # deleted since the ranking was made
                continue
            sheets = await load_sheets(tx, questionnaire, partner)
            card = score(questionnaire, partner, sheets.team, weights)
            status = statuses.get(partner.id)
            assessed[partner.id] = Assessed(
                partner, card, len(sheets.assessments), status.kind if status else None
            )
    kept = [entry for entry in ranked if entry.item.id in assessed]
    return ReportData(workspace, weights, kept, assessed, len(ranking) - len(ranked))
