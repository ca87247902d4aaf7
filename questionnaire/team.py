"""Several assessors of one partner: one rating per question, and where they disagree.

"Don't know" is not a vote. A question's team rating is the median of those who rated it. A
gate rated 1 by anyone counts as 1 (the partner is blocked until that person re-rates it).
Ratings that differ by 2 or more put the question on the "discuss" list, the largest spread
first. A lead may settle a question: the agreed value then counts instead of the median (or the
veto) in the score, band, gates and flags; "keep the median" changes nothing.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace

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
    agreed: int | None = None
    """The value a lead settled on, counted instead of the median (None: not settled on one)."""

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
        """Questions whose ratings differ by DISCUSS_SPREAD or more, the largest spread first
        (ties in questionnaire order)."""
        found = [a for a in self.answers.values() if a.spread >= DISCUSS_SPREAD]
        return sorted(found, key=lambda a: -a.spread)

    def discussed(self, settled: Collection[str]) -> list[TeamAnswer]:
        """What "To discuss" lists: the disagreements and the questions settled already (whose
        spread a later change may have narrowed), the largest spread first."""
        found = [
            a
            for a in self.answers.values()
            if a.spread >= DISCUSS_SPREAD or a.question_id in settled
        ]
        return sorted(found, key=lambda a: -a.spread)

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


def settle(team: Team, agreed: Mapping[str, int | None]) -> Team:
    """The team's answers with each agreed value (question id → 1..5; None: keep the median)
    counted instead of the median or a veto. A question nobody rated may be agreed too (a gate
    everyone answered "Don't know" and the team then checked)."""
    answers = dict(team.answers)
    for question_id, value in agreed.items():
        if value is None:
            continue
        was = answers.get(question_id) or TeamAnswer(question_id, None, {})
        answers[question_id] = replace(was, rating=value, vetoed_by=[], agreed=value)
    return Team(answers)


def state_of(sheets: Mapping[int, Mapping[str, int | None]], question_id: str) -> str:
    """Everyone's answer to one question as one text (assessment id → rating, "-" for "Don't
    know"), kept when a question is settled, so a later change of any of them shows."""
    given = sorted(
        (key, sheet[question_id]) for key, sheet in sheets.items() if question_id in sheet
    )
    return ",".join(f"{key}:{'-' if rating is None else rating}" for key, rating in given)
