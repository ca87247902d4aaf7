"""Several assessors of one partner: one rating per question, and where they disagree.

"Don't know" is not a vote. A question's team rating is the median of those who rated it. A
gate rated 1 by anyone counts as 1 (the partner is blocked until that person re-rates it).
Ratings that differ by 2 or more put the question on the "discuss" list.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field

from questionnaire.model import Questionnaire

DISCUSS_SPREAD = 2


@dataclass(frozen=True)
class TeamAnswer:
    question_id: str
    rating: float | None
    """The team's rating: the median, or 1 for a vetoed gate; None when nobody knows."""
    votes: dict[str, int]
    """Assessor → rating, for those who rated the question."""
    unknown: list[str] = field(default_factory=list)
    """Assessors who answered "Don't know"."""
    vetoed_by: list[str] = field(default_factory=list)
    """Assessors who rated this gate 1."""

    @property
    def median(self) -> float | None:
        return statistics.median(self.votes.values()) if self.votes else None

    @property
    def spread(self) -> int:
        return max(self.votes.values()) - min(self.votes.values()) if self.votes else 0

    @property
    def assessed(self) -> int:
        return len(self.votes) + len(self.unknown)


@dataclass(frozen=True)
class Team:
    answers: dict[str, TeamAnswer]

    @property
    def ratings(self) -> dict[str, float | None]:
        """What the scoring takes: one rating per answered question."""
        return {q: a.rating for q, a in self.answers.items()}

    @property
    def discuss(self) -> list[TeamAnswer]:
        return [a for a in self.answers.values() if a.spread >= DISCUSS_SPREAD]

    @property
    def vetoes(self) -> list[TeamAnswer]:
        return [a for a in self.answers.values() if a.vetoed_by]


def combine(questionnaire: Questionnaire, sheets: Mapping[str, Mapping[str, int | None]]) -> Team:
    """Merge each assessor's answers (by assessor name), in questionnaire order."""
    answers: dict[str, TeamAnswer] = {}
    for question in questionnaire.questions:
        given = {who: sheet[question.id] for who, sheet in sheets.items() if question.id in sheet}
        if not given:
            continue
        votes = {who: r for who, r in given.items() if r is not None}
        unknown = [who for who, r in given.items() if r is None]
        vetoed_by = [who for who, r in votes.items() if r == 1] if question.gate else []
        rating: float | None = statistics.median(votes.values()) if votes else None
        if vetoed_by:
            rating = 1
        answers[question.id] = TeamAnswer(question.id, rating, votes, unknown, vetoed_by)
    return Team(answers)
