"""The use cases of an interview, joining storage and the questionnaire.

Handlers call these and get plain objects back; every change happens in one transaction, and
every answer re-scores its partner in the same transaction, so the ranking is never stale. An
answer pressed, and the question to show, are one unit of work: one trip to the database's
thread and back (storage/unit.py), so the next question waits for no more than that.
"""

from __future__ import annotations

from dataclasses import replace

from bot.services.model import Answered, Opened, Position, Pressed, Resumable
from bot.services.scoring import rescore
from questionnaire.flow import following, next_open, progress
from questionnaire.model import Questionnaire
from storage.db import Database
from storage.models import Assessment, Note, NoteKind, Partner, User, Workspace
from storage.repositories import Tx


class Assessments:
    """One person's interviews: starting, answering, notes, and where each one stands."""

    def __init__(self, db: Database, questionnaire: Questionnaire) -> None:
        self.db = db
        self.questionnaire = questionnaire

    async def open(self, workspace: Workspace, user: User, name: str) -> Opened:
        """Start assessing a partner by name, or pick up the one already called that."""
        async with self.db.transaction() as tx:
            partner, created = await tx.ensure_partner(workspace.id, name, user.id)
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
        return await self.db.run(
            lambda tx: self._position(tx, user, assessment_id, question_id, after, review),
            write=False,
        )

    async def press(
        self, user: User, assessment_id: int, question_id: str, rating: int | None
    ) -> Pressed | None:
        """An answer pressed on a question: checked, recorded, the partner re-scored and the
        question after it found, in one trip and one commit. None when the press does not
        count (not the person's assessment, a question that does not apply, a value it does
        not take)."""

        async def unit(tx: Tx) -> Pressed | None:
            at = await self._position(tx, user, assessment_id, question_id)
            if at is None or not at.question.accepts(rating):
                return None
            answered = await self._answer(tx, at, rating)
            review = answered.had_answer
            upcoming = await self._position(tx, user, assessment_id, None, question_id, review)
            return Pressed(at, answered, upcoming)

        return await self.db.run(unit)

    async def answer(self, at: Position, rating: int | None) -> Answered:
        """Record an answer and re-score the partner, all in one commit."""
        return await self.db.run(lambda tx: self._answer(tx, at, rating))

    async def _position(
        self,
        tx: Tx,
        user: User,
        assessment_id: int,
        question_id: str | None,
        after: str | None = None,
        review: bool = False,
    ) -> Position | None:
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

    async def _answer(self, tx: Tx, at: Position, rating: int | None) -> Answered:
        partner = await tx.partner_of(at.assessment.id) or at.partner
        before = partner.summary or await rescore(tx, self.questionnaire, partner)
        answers = await tx.answers(at.assessment.id)
        await tx.save_answer(at.assessment.id, at.question.id, rating)
        answers[at.question.id] = rating
        finished = (
            next_open(self.questionnaire, technology=bool(partner.technology), answered=answers)
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
