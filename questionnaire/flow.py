"""What comes next in an interview: open questions, going back, progress."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from questionnaire.model import Question, Questionnaire, Section


@dataclass(frozen=True)
class Progress:
    section: Section
    section_count: int
    position: int
    """1-based place of the question among the questions this partner is asked."""
    total: int
    answered: int

    @property
    def share(self) -> float:
        return self.answered / self.total if self.total else 0.0


def next_open(
    questionnaire: Questionnaire,
    *,
    technology: bool,
    answered: Collection[str],
    after: str | None = None,
) -> Question | None:
    """The first unanswered question after `after` (wrapping round); None when all are answered.

    "Don't know" counts as answered: it is a deliberate answer, not an open question.
    """
    asked = questionnaire.applicable(technology)
    start = next((i + 1 for i, q in enumerate(asked) if q.id == after), 0)
    for question in (*asked[start:], *asked[:start]):
        if question.id not in answered:
            return question
    return None


def following(questionnaire: Questionnaire, *, technology: bool, current: str) -> Question | None:
    """The question asked after `current`, None after the last one."""
    return _neighbour(questionnaire, technology, current, 1)


def previous(questionnaire: Questionnaire, *, technology: bool, current: str) -> Question | None:
    """The question asked before `current`, None at the first one."""
    return _neighbour(questionnaire, technology, current, -1)


def _neighbour(
    questionnaire: Questionnaire, technology: bool, current: str, step: int
) -> Question | None:
    asked = questionnaire.applicable(technology)
    ids = [q.id for q in asked]
    if current not in ids:
        return None
    index = ids.index(current) + step
    return asked[index] if 0 <= index < len(asked) else None


def progress(
    questionnaire: Questionnaire,
    *,
    technology: bool,
    current: str,
    answered: Collection[str],
) -> Progress:
    asked = questionnaire.applicable(technology)
    ids = [q.id for q in asked]
    question = asked[ids.index(current)]
    return Progress(
        section=questionnaire.section(question.section),
        section_count=len(questionnaire.sections),
        position=ids.index(current) + 1,
        total=len(asked),
        answered=sum(1 for q in ids if q in answered),
    )
