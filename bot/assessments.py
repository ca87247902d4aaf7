"""The use cases of an assessment, joining storage and the questionnaire.

Handlers call these and get plain objects back; every change happens in one transaction, and
every answer re-scores its partner in the same transaction, so the ranking is never stale.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from questionnaire.flow import Progress, next_open, progress
from questionnaire.model import Question, Questionnaire
from questionnaire.scoring import Ranked, Ratings, ScoreCard, Summary, rank, score_partner
from storage.db import Database
from storage.models import Assessment, Note, NoteKind, Partner, User, Workspace
from storage.repositories import Tx

NAME_LIMIT = 64


def clean_name(text: str) -> str | None:
    """A partner name as typed, spaces tidied; None when it is empty, too long or multi-line."""
    if "\n" in text.strip():
        return None
    name = " ".join(text.split())
    return name if 0 < len(name) <= NAME_LIMIT else None


def combine(sheets: Sequence[Mapping[str, int | None]]) -> dict[str, float | None]:
    """One rating per question from several assessors: the median of those who rated it.

    "Don't know" is not a vote; a question only answered "Don't know" stays unknown.
    """
    combined: dict[str, float | None] = {}
    for question in {q for sheet in sheets for q in sheet}:
        known = [r for sheet in sheets if (r := sheet.get(question)) is not None]
        combined[question] = statistics.median(known) if known else None
    return combined


PAGE = 10


@dataclass(frozen=True)
class Page:
    partners: list[Partner]
    page: int
    pages: int


@dataclass(frozen=True)
class Opened:
    partner: Partner
    assessment: Assessment
    created: bool
    """A new partner (False: the name matched one already on the list)."""


@dataclass(frozen=True)
class Position:
    """One question of one assessment, with what is needed to show it."""

    partner: Partner
    assessment: Assessment
    question: Question
    answers: dict[str, int | None]
    progress: Progress
    notes: int

    @property
    def saved(self) -> bool:
        return self.question.id in self.answers


@dataclass(frozen=True)
class Answered:
    partner: Partner
    before: Summary
    after: Summary
    previous: int | None
    had_answer: bool
    finished: bool


@dataclass(frozen=True)
class CardData:
    partner: Partner
    card: ScoreCard
    assessments: list[Assessment]
    sheets: dict[int, dict[str, int | None]]
    """Each assessment's answers, by assessment id."""
    notes: list[Note]


class Assessments:
    def __init__(self, db: Database, questionnaire: Questionnaire) -> None:
        self.db = db
        self.questionnaire = questionnaire

    async def open(self, workspace: Workspace, user: User, name: str) -> Opened:
        """Start assessing a partner by name, or pick up the one already called that."""
        async with self.db.transaction() as tx:
            partner = await tx.partner_by_name(workspace.id, name)
            created = partner is None
            if partner is None:
                partner = await tx.add_partner(workspace.id, name, user.id)
            assessment = await tx.start_assessment(partner.id, user.id)
        return Opened(partner, assessment, created)

    async def own(self, user: User, assessment_id: int) -> tuple[Assessment, Partner] | None:
        """The person's own assessment and its partner; None for anyone else's or a deleted one."""
        async with self.db.read() as tx:
            assessment = await tx.assessment(assessment_id)
            if assessment is None or assessment.user_id != user.id:
                return None
            partner = await tx.partner_of(assessment.id)
        return (assessment, partner) if partner else None

    async def choose_technology(
        self, workspace: Workspace, user: User, partner_id: int, value: bool
    ) -> Assessment | None:
        """Answer "is it a technology partnership?" once; the person's assessment goes on.

        None when the partner is not in this workspace, the person is not assessing it, or the
        question was already answered (a second tap changes nothing).
        """
        async with self.db.transaction() as tx:
            partner = await tx.partner(workspace.id, partner_id)
            if partner is None or partner.technology is not None:
                return None
            assessment = await tx.assessment_for(partner.id, user.id)
            if assessment is None:
                return None
            await tx.set_technology(partner.id, value)
            await self._rescore(tx, replace(partner, technology=value))
        return assessment

    async def position(
        self,
        user: User,
        assessment_id: int,
        question_id: str | None = None,
        *,
        after: str | None = None,
    ) -> Position | None:
        """The question to show: `question_id`, or the first open one after `after`.

        None when the assessment is not the person's, or when every question is answered.
        """
        async with self.db.read() as tx:
            assessment = await tx.assessment(assessment_id)
            if assessment is None or assessment.user_id != user.id:
                return None
            partner = await tx.partner_of(assessment.id)
            if partner is None or partner.technology is None:
                return None
            answers = await tx.answers(assessment.id)
            notes = await tx.notes(assessment.id)
        technology = partner.technology
        question = (
            self.questionnaire.question(question_id)
            if question_id
            else next_open(
                self.questionnaire, technology=technology, answered=answers, after=after
            )
        )
        if question is None or not self.questionnaire.applies(question, technology):
            return None
        return Position(
            partner=partner,
            assessment=assessment,
            question=question,
            answers=answers,
            progress=progress(
                self.questionnaire, technology=technology, current=question.id, answered=answers
            ),
            notes=sum(1 for n in notes if n.question_id == question.id),
        )

    async def answer(self, at: Position, rating: int | None) -> Answered:
        """Record an answer and re-score the partner, all in one commit."""
        async with self.db.transaction() as tx:
            partner = await tx.partner_of(at.assessment.id) or at.partner
            before = partner.summary or await self._rescore(tx, partner)
            answers = await tx.answers(at.assessment.id)
            await tx.save_answer(at.assessment.id, at.question.id, rating)
            answers[at.question.id] = rating
            finished = (
                next_open(
                    self.questionnaire, technology=bool(partner.technology), answered=answers
                )
                is None
            )
            await tx.set_finished(at.assessment.id, finished)
            after = await self._rescore(tx, partner)
        return Answered(
            partner=partner,
            before=before,
            after=after,
            previous=at.answers.get(at.question.id),
            had_answer=at.saved,
            finished=finished,
        )

    async def add_note(
        self, at: Position, kind: NoteKind, body: str, file_id: str | None = None
    ) -> Note:
        async with self.db.transaction() as tx:
            return await tx.add_note(at.assessment.id, at.question.id, kind, body, file_id)

    async def unfinished(self, workspace: Workspace, user: User) -> Assessment | None:
        async with self.db.read() as tx:
            return await tx.unfinished_assessment(workspace.id, user.id)

    async def card(self, workspace_id: int, partner_id: int) -> CardData | None:
        async with self.db.read() as tx:
            partner = await tx.partner(workspace_id, partner_id)
            if partner is None:
                return None
            assessments = await tx.assessments(partner.id)
            sheets = {a.id: await tx.answers(a.id) for a in assessments}
            notes = [note for a in assessments for note in await tx.notes(a.id)]
        card = self._score(partner, list(sheets.values()))
        return CardData(partner, card, assessments, sheets, notes)

    async def find(self, workspace: Workspace, name: str) -> Partner | None:
        async with self.db.read() as tx:
            return await tx.partner_by_name(workspace.id, name)

    async def partner(self, workspace: Workspace, partner_id: int) -> Partner | None:
        async with self.db.read() as tx:
            return await tx.partner(workspace.id, partner_id)

    async def all_partners(self, workspace: Workspace) -> list[Partner]:
        async with self.db.read() as tx:
            return await tx.partners(workspace.id)

    async def count(self, workspace: Workspace) -> int:
        async with self.db.read() as tx:
            return await tx.count_partners(workspace.id)

    async def partners_page(self, workspace: Workspace, page: int) -> Page:
        """A page of the workspace's partners in name order; past the end gives the last."""
        async with self.db.read() as tx:
            count = await tx.count_partners(workspace.id)
            pages = max(1, -(-count // PAGE))
            page = min(max(page, 1), pages)
            partners = await tx.partners(workspace.id, offset=(page - 1) * PAGE, limit=PAGE)
        return Page(partners, page, pages)

    async def rename(self, workspace: Workspace, partner_id: int, name: str) -> bool:
        """False when another partner in the workspace has that name."""
        async with self.db.transaction() as tx:
            return await tx.rename_partner(workspace.id, partner_id, name)

    async def delete(self, workspace: Workspace, partner_id: int) -> Partner | None:
        async with self.db.transaction() as tx:
            partner = await tx.partner(workspace.id, partner_id)
            if partner is not None:
                await tx.delete_partner(workspace.id, partner.id)
            return partner

    async def ranking(self, workspace: Workspace) -> list[Ranked[Partner]]:
        async with self.db.read() as tx:
            partners = await tx.partners(workspace.id)
        empty = self._score_ratings({}, technology=False).summary()
        return rank(((p, p.summary or empty) for p in partners), name=lambda p: p.name)

    def _score_ratings(self, ratings: Ratings, *, technology: bool) -> ScoreCard:
        return score_partner(self.questionnaire, ratings, technology=technology)

    def _score(self, partner: Partner, sheets: Sequence[Mapping[str, int | None]]) -> ScoreCard:
        return self._score_ratings(combine(sheets), technology=bool(partner.technology))

    async def _rescore(self, tx: Tx, partner: Partner) -> Summary:
        sheets = [await tx.answers(a.id) for a in await tx.assessments(partner.id)]
        summary = self._score(partner, sheets).summary()
        await tx.save_summary(partner.id, summary)
        return summary
