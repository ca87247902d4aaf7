"""Decisions on a list's partners (PRODUCT.md §9): settling a disagreement with the value the
team agreed on, and a partner's decision status. Who may is checked before (bot/access.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from bot.services.scoring import load_sheets, rescore
from questionnaire.model import Questionnaire
from questionnaire.ranking import Ranked
from questionnaire.scoring import Summary
from questionnaire.team import state_of
from storage.db import Database
from storage.models import Listed, Partner, Status, StatusKind, User, Workspace

REASON_LIMIT = 200
"""The longest reason kept for a status: one line."""


@dataclass(frozen=True)
class Settled:
    partner: Partner
    question_id: str
    value: int | None
    before: Summary
    after: Summary


class Decisions:
    def __init__(self, db: Database, questionnaire: Questionnaire) -> None:
        self.db = db
        self.questionnaire = questionnaire

    async def settle(
        self,
        workspace: Workspace,
        user: User,
        partner_id: int,
        question_id: str,
        value: int | None,
    ) -> Settled | None:
        """Settle a question of the partner's "To discuss" with the agreed value (None: keep
        the median) and score the partner again; None when the partner is gone or the question
        is not one to settle (a stale or forged button)."""
        question = self.questionnaire.question(question_id)
        if question is None or not question.accepts(value):
            return None
        async with self.db.transaction() as tx:
            partner = await tx.partner(workspace.id, partner_id)
            if partner is None:
                return None
            sheets = await load_sheets(tx, self.questionnaire, partner)
            listed = {a.question_id for a in sheets.team.discussed(sheets.settled)}
            if question_id not in listed:
                return None
            before = partner.summary or await rescore(tx, self.questionnaire, partner)
            state = state_of(sheets.answers, question_id)
            await tx.settle(partner.id, question_id, value, user.id, state)
            after = await rescore(tx, self.questionnaire, partner)
        return Settled(partner, question_id, value, before, after)

    async def set_status(
        self,
        workspace: Workspace,
        user: User,
        partner_id: int,
        kind: StatusKind | None,
        reason: str = "",
    ) -> Partner | None:
        """Mark the partner (None: undecided again); None when it is not on this list."""
        async with self.db.transaction() as tx:
            partner = await tx.partner(workspace.id, partner_id)
            if partner is not None:
                await tx.set_status(partner.id, kind, user.id, clean_reason(reason))
            return partner

    async def set_reason(
        self, workspace: Workspace, partner_id: int, reason: str
    ) -> Status | None:
        """The reason for a partner's status, typed after it was set; None when the partner or
        its status is gone."""
        async with self.db.transaction() as tx:
            partner = await tx.partner(workspace.id, partner_id)
            if partner is None or not await tx.set_reason(partner.id, clean_reason(reason)):
                return None
            return await tx.status(partner.id)

    async def partner(self, workspace: Workspace, partner_id: int) -> Partner | None:
        async with self.db.read() as tx:
            return await tx.partner(workspace.id, partner_id)

    async def statuses(self, workspace: Workspace) -> dict[int, Status]:
        """The list's decided partners, by partner id (a board shows their marks)."""
        async with self.db.read() as tx:
            return await tx.statuses(workspace.id)


def clean_reason(text: str) -> str:
    """One line of at most REASON_LIMIT characters."""
    line = " ".join(text.split())
    return line if len(line) <= REASON_LIMIT else line[: REASON_LIMIT - 1] + "…"


Show = Literal["all", "focus", "undecided", "hide_rejected"]


def shown(
    ranked: list[Ranked[Listed]], statuses: Mapping[int, Status], show: Show
) -> list[Ranked[Listed]]:
    """The ranking by decision status: everyone, 🎯 focus only, the undecided, or all but the
    rejected. Places stay those of the whole list."""
    if show == "all":
        return ranked
    if show == "focus":
        return [r for r in ranked if (s := statuses.get(r.item.id)) and s.kind == "focus"]
    if show == "undecided":
        return [r for r in ranked if r.item.id not in statuses]
    return [r for r in ranked if (s := statuses.get(r.item.id)) is None or s.kind != "rejected"]
