"""What the report for management is made of: the ranking and every partner's card, read
together, scored as the card scores them, with everyone's answers, the notes, what the team
settled and decided, how firm each place is, and the weights with their history."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass

from bot.services.longlist import Longlist
from bot.services.model import Sheets, labels
from bot.services.scoring import load_sheets, score, weights_of
from questionnaire.ranking import Ranked
from questionnaire.robustness import Firmness, Hold, Swap
from questionnaire.scoring import ScoreCard
from questionnaire.weights import Weights
from storage.models import Listed, Note, Partner, Status, WeightChange, Workspace

LIMIT = 1000
"""Partners in one report at most (the first in ranking order): a file people open and read."""
HISTORY = 200
"""Weights changes in the report at most (the latest)."""
NOTES = 50
"""Notes of one assessment in the report at most (the first), each clipped to NOTE_LIMIT."""
NOTE_LIMIT = 1000
CHUNK = 20
"""Partners read in one unit of work: the database is shared, so a long report is read in short
turns, and an answer pressed meanwhile waits for one turn at most, not for the whole report."""


@dataclass(frozen=True)
class Firm:
    """How firm a partner's place is, as its card says: the trials' verdict, and the
    neighbour a single weight change would swap it with."""

    hold: Hold
    share: float
    """Share of trials in the top k."""
    k: int
    other: str | None
    """The neighbour's name (None: nobody to compare with)."""
    swap: Swap | None


@dataclass(frozen=True)
class Assessed:
    """A partner as its card shows it, with everyone's answers and notes."""

    partner: Partner
    card: ScoreCard
    sheets: Sheets
    notes: tuple[Note, ...]
    status: Status | None
    """The team's decision on it (None: not decided)."""

    @property
    def names(self) -> dict[int, str]:
        """Assessment id → its assessor's name, as the card shows it."""
        return labels(self.sheets.opened)

    @property
    def assessors(self) -> list[str]:
        """Who assessed it (answered at least one question)."""
        names = self.names
        return [names[a.id] for a in self.sheets.assessments]


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
    history: tuple[WeightChange, ...] = ()
    """The weights' changes, the latest first (at most HISTORY)."""
    firm: dict[int, Firm] | None = None
    """Partner id → how firm its place is, for those with a place (None: not worked out yet,
    a very long list's trials still running)."""

    @property
    def assessors(self) -> int:
        """People who assessed any partner of the report."""
        return len({a.user_id for one in self.assessed.values() for a in one.sheets.assessments})


async def report_data(longlist: Longlist, workspace: Workspace) -> ReportData:
    """The ranking and each ranked partner's card, scored with the list's weights."""
    ranking = await longlist.ranking(workspace)
    ranked = ranking[:LIMIT]
    questionnaire = longlist.questionnaire
    assessed = {}
    async with longlist.db.read() as tx:
        weights = await weights_of(tx, questionnaire, workspace.id)
        history = await tx.weight_history(workspace.id, HISTORY)
        partners = {p.id: p for p in await tx.partners(workspace.id)}
        statuses = await tx.statuses(workspace.id)
    listed = [partners[e.item.id] for e in ranked if e.item.id in partners]
    for start in range(0, len(listed), CHUNK):  # a read each: others' answers go in between
        async with longlist.db.read() as tx:
            for partner in listed[start : start + CHUNK]:
                sheets = await load_sheets(tx, questionnaire, partner)
                card = score(questionnaire, partner, sheets.team, weights)
                notes = [n for a in sheets.opened for n in (await tx.notes(a.id))[:NOTES]]
                assessed[partner.id] = Assessed(
                    partner, card, sheets, tuple(map(_clipped, notes)), statuses.get(partner.id)
                )
    kept = [entry for entry in ranked if entry.item.id in assessed]
    firmness = await longlist.firmness(workspace)
    firm = None
    if firmness is not None:  # the swaps are numpy work: off the event loop
        firm = await asyncio.to_thread(firm_places, firmness, (e.item.id for e in kept))
    left_out = len(ranking) - len(ranked)
    return ReportData(workspace, weights, kept, assessed, left_out, tuple(history), firm)


def firm_places(firmness: Firmness[Listed], ids: Iterable[int]) -> dict[int, Firm]:
    """How firm each of these partners' places is (those with a place)."""
    found = {}
    for partner_id in ids:
        robust = firmness.of(partner_id)
        if robust is None:
            continue
        neighbour = firmness.neighbour(partner_id)
        other = neighbour.other.name if neighbour else None
        swap = neighbour.swap if neighbour else None
        found[partner_id] = Firm(robust.label, robust.share, robust.k, other, swap)
    return found


def _clipped(note: Note) -> Note:
    if len(note.body) <= NOTE_LIMIT:
        return note
    return Note(
        note.id,
        note.assessment_id,
        note.question_id,
        note.kind,
        note.body[: NOTE_LIMIT - 1] + "…",
        note.file_id,
        note.created_at,
    )
