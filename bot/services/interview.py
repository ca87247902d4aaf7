"""The use cases of an interview, joining storage and the questionnaire.

Handlers call these and get plain objects back; every change happens in one transaction, and
every answer re-scores its partner in the same transaction, so the ranking is never stale.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.render.texts import clip
from questionnaire.flow import Progress, following, next_open, progress
from questionnaire.model import Question, Questionnaire
from questionnaire.scoring import ScoreCard, Summary, score_partner
from questionnaire.team import Team, combine
from questionnaire.weights import Weights, whole
from storage.db import Database
from storage.models import Assessment, Note, NoteKind, Partner, User, Workspace
from storage.repositories import Tx

NAME_LIMIT = 64
ASSESSOR_NAME = 16


def clean_name(text: str) -> str | None:
    """A partner name as typed, spaces tidied; None when it is empty, too long or multi-line."""
    if "\n" in text.strip():
        return None
    name = " ".join(text.split())
    return name if 0 < len(name) <= NAME_LIMIT else None


@dataclass(frozen=True)
class Opened:
    partner: Partner
    assessment: Assessment
    created: bool
    """A new partner (False: the name matched one already on the list)."""


@dataclass(frozen=True)
class Resumable:
    """One of a person's assessments, with its partner and the workspace that holds it."""

    assessment: Assessment
    partner: Partner
    home: Workspace


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
class Sheets:
    """Everyone's answers on one partner (or one person's, for their own card)."""

    assessments: list[Assessment]
    """The assessors': those with at least one answer (opening a link is not assessing)."""
    answers: dict[int, dict[str, int | None]]
    """Each assessment's answers, by assessment id."""
    team: Team
    opened: list[Assessment]
    """Every assessment begun, answered or not (one can be continued from the card)."""


def labels(assessments: list[Assessment]) -> dict[int, str]:
    """Assessment id → the assessor's name as shown (at most 16 characters; Telegram allows
    64), numbered when two assessors' names look the same."""
    seen: dict[str, int] = {}
    named: dict[int, str] = {}
    for a in assessments:
        name = clip(a.assessor, ASSESSOR_NAME)
        seen[name] = seen.get(name, 0) + 1
        named[a.id] = name if seen[name] == 1 else f"{name} ({seen[name]})"
    return named


async def load_sheets(
    tx: Tx, questionnaire: Questionnaire, partner: Partner, *, only_user: int | None = None
) -> Sheets:
    opened = [
        a for a in await tx.assessments(partner.id) if only_user is None or a.user_id == only_user
    ]
    answers = {a.id: await tx.answers(a.id) for a in opened}
    assessments = [a for a in opened if answers[a.id]]
    names = labels(opened)  # the same names wherever shown, notes of the unanswered included
    team = combine(questionnaire, {names[a.id]: answers[a.id] for a in assessments})
    return Sheets(assessments, answers, team, opened)


def default_weights(questionnaire: Questionnaire) -> Weights:
    return whole(questionnaire.default_weights())


async def weights_of(tx: Tx, questionnaire: Questionnaire, workspace_id: int) -> Weights:
    """The workspace's section weights: its own, or the questionnaire's defaults."""
    change = await tx.weight_change(workspace_id)
    return change.weights if change else default_weights(questionnaire)


def score(
    questionnaire: Questionnaire, partner: Partner, team: Team, weights: Weights
) -> ScoreCard:
    return score_partner(
        questionnaire, team.ratings, technology=bool(partner.technology), weights=weights
    )


async def rescore(tx: Tx, questionnaire: Questionnaire, partner: Partner) -> Summary:
    """Score the partner from everyone's answers and keep the figures for the ranking."""
    sheets = await load_sheets(tx, questionnaire, partner)
    weights = await weights_of(tx, questionnaire, partner.workspace_id)
    card = score(questionnaire, partner, sheets.team, weights)
    summary = card.summary()
    await tx.save_summary(partner.id, summary, card.standing())
    return summary


class Assessments:
    """One person's interviews: starting, answering, notes, and where each one stands."""

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

    async def invitation(self, invite: str) -> tuple[Partner, Workspace] | None:
        """The partner a deep link's token stands for, and the workspace it belongs to."""
        async with self.db.read() as tx:
            partner = await tx.partner_by_invite(invite)
            workspace = await tx.workspace_by_id(partner.workspace_id) if partner else None
        return (partner, workspace) if partner and workspace else None

    async def join(self, workspace: Workspace, user: User, partner: Partner) -> Opened:
        """Start (or pick up) the person's own assessment of a team's partner."""
        async with self.db.transaction() as tx:
            await tx.add_member(workspace.id, user.id)
            before = await tx.assessment_for(partner.id, user.id)
            assessment = await tx.start_assessment(partner.id, user.id)
        return Opened(partner, assessment, created=before is None)

    async def own(self, user: User, assessment_id: int) -> tuple[Assessment, Partner] | None:
        """The person's own assessment and its partner; None for anyone else's or a deleted one."""
        async with self.db.read() as tx:
            assessment = await tx.assessment(assessment_id)
            if assessment is None or assessment.user_id != user.id:
                return None
            partner = await tx.partner_of(assessment.id)
        return (assessment, partner) if partner else None

    async def choose_technology(
        self, user: User, partner_id: int, value: bool
    ) -> tuple[Assessment, Partner] | None:
        """Answer "is it a technology partnership?"; the person's assessment goes on.

        The first answer stands: if a teammate answered first, the partner comes back with
        theirs. None when the person is not assessing that partner.
        """
        async with self.db.transaction() as tx:
            assessment = await tx.assessment_for(partner_id, user.id)
            partner = await tx.partner_of(assessment.id) if assessment else None
            if assessment is None or partner is None:
                return None
            if partner.technology is None:
                partner = replace(partner, technology=value)
                await tx.set_technology(partner.id, value)
                await rescore(tx, self.questionnaire, partner)
        return assessment, partner

    async def position(
        self,
        user: User,
        assessment_id: int,
        question_id: str | None = None,
        *,
        after: str | None = None,
        review: bool = False,
    ) -> Position | None:
        """The question to show: `question_id`, or the first open one after `after`; when
        `review`ing answers (going forward again after "Back"), simply the one after `after`.

        None when the assessment is not the person's, when its partner still waits for the
        technology question, or when every question is answered.
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
        if question_id:
            question = self.questionnaire.question(question_id)
        else:
            upcoming = (
                following(self.questionnaire, technology=technology, current=after)
                if review and after
                else None
            )
            question = upcoming or next_open(
                self.questionnaire, technology=technology, answered=answers, after=after
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
            before = partner.summary or await rescore(tx, self.questionnaire, partner)
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
            after = await rescore(tx, self.questionnaire, partner)
        return Answered(
            partner=partner,
            before=before,
            after=after,
            previous=at.answers.get(at.question.id),
            had_answer=at.saved,
            finished=finished,
        )

    async def add_note(
        self, at: Position, kind: NoteKind, body: str, file_id: str | None, message_id: int
    ) -> Note:
        async with self.db.transaction() as tx:
            return await tx.add_note(
                at.assessment.id, at.question.id, kind, body, file_id, message_id
            )

    async def recent(self, user: User, *, unfinished: bool, limit: int = 50) -> list[Resumable]:
        """The person's assessments in any workspace, most recently touched first, leaving out
        those set aside; with `unfinished`, of those only."""
        async with self.db.read() as tx:
            latest = await tx.latest_assessments(user.id, unfinished=unfinished, limit=limit)
            partners = await tx.partners_by_id([a.partner_id for a in latest])
            homes = await tx.workspaces_by_id([p.workspace_id for p in partners.values()])
        return [
            Resumable(a, partner, homes[partner.workspace_id])
            for a in latest
            if (partner := partners.get(a.partner_id)) and partner.workspace_id in homes
        ]

    async def set_aside(self, assessment_ids: list[int]) -> None:
        async with self.db.transaction() as tx:
            for assessment_id in assessment_ids:
                await tx.set_aside(assessment_id)
