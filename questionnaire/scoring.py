"""The scoring model of PRODUCT.md §3: sections, band, coverage, gates, flags, tiers.

A rating r in 1..5 counts as u = (r - 1) / 4. "Don't know" and questions not answered yet are
unknown: the Low bound counts them as 1, the High bound as 5, and the headline score is the
midpoint. Questions that do not apply (technology-only ones for other partners) are left out.
Thresholds compare the whole numbers the card shows, so a card never reads "70, tier B".
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from questionnaire.model import Question, Questionnaire, Section

Ratings = Mapping[str, float | None]
"""Question id → rating 1..5 (a team median may fall between), None for "Don't know"."""

INSUFFICIENT_COVERAGE = 60
TIER_A_SCORE = 70
TIER_A_LOW = 60
TIER_A_COVERAGE = 70
TIER_B_SCORE = 55


class Tier(enum.StrEnum):
    A = "A"
    B = "B"
    C = "C"
    X = "X"


NUDGE = 1e-9
"""Added before rounding, so that a score a float's error left just below .5 rounds up."""


def points(value: float) -> int:
    """Round half up, as people expect a card to round (62.5 → 63)."""
    return math.floor(value + 0.5 + NUDGE)


@dataclass(frozen=True)
class SectionResult:
    section: Section
    applicable: bool
    weight: float
    """Share of the total weight after sections that do not apply drop out, 0..1."""
    answered: int
    total: int
    score: float | None
    """Mean of the answered questions on 0..100; None when none is answered."""
    low: float
    high: float

    @property
    def coverage(self) -> float:
        return self.answered / self.total if self.total else 0.0


class Summary(NamedTuple):
    """What a ranking needs of a card; small enough to store per partner, and a tuple, as a
    longlist of thousands is read into as many of them."""

    score: float
    low: float
    high: float
    coverage: float
    tier: Tier | None
    red_flags: int

    @property
    def blocked(self) -> bool:
        return self.tier is Tier.X

    @property
    def scored(self) -> bool:
        """Some answer is known (with none, the score is only the middle of 0–100)."""
        return self.coverage > 0

    @property
    def rank_group(self) -> int:
        """0 ranked, 1 too little data to rank (no tier), 2 blocked by a gate."""
        if self.tier is None:
            return 1
        return 2 if self.tier is Tier.X else 0


@dataclass(frozen=True)
class Standing:
    """What re-scoring a partner under other weights needs, without its answers."""

    known_sum: tuple[float, ...]
    """Per section: the sum of answered ratings on 0..1."""
    known: tuple[int, ...]
    """Per section: questions answered (not "Don't know")."""
    total: tuple[int, ...]
    """Per section: questions asked; 0 for a section that does not apply."""
    failed: int
    pending: int
    red_flags: int


@dataclass(frozen=True)
class ScoreCard:
    score: float
    low: float
    high: float
    coverage: float
    """Weighted share of applicable questions answered, 0..1."""
    tier: Tier | None
    """None when coverage is too low to tier the partner ("Insufficient data")."""
    sections: tuple[SectionResult, ...]
    failed_gates: tuple[str, ...]
    pending_gates: tuple[str, ...]
    red_flags: tuple[str, ...]

    @property
    def insufficient(self) -> bool:
        return self.tier is None

    def ranked_sections(self) -> list[SectionResult]:
        """Applicable, answered sections from strongest to weakest (ties: by weight, then id)."""
        scored = [s for s in self.sections if s.applicable and s.score is not None]
        return sorted(scored, key=lambda s: (-(s.score or 0.0), -s.weight, s.section.id))

    def strongest(self, n: int = 2) -> list[SectionResult]:
        """Up to `n` best sections, only those above the worst one."""
        ranked = self.ranked_sections()
        top = ranked[: min(n, len(ranked) // 2)]
        return [s for s in top if _value(s) > _value(ranked[-1])]

    def weakest(self, n: int = 2) -> list[SectionResult]:
        """Up to `n` worst sections, worst first, only those below every strongest one."""
        ranked = self.ranked_sections()
        if not ranked:
            return []
        strongest = self.strongest(n)
        ceiling = min(map(_value, strongest)) if strongest else _value(ranked[0])
        bottom = ranked[len(ranked) - min(n, len(ranked) // 2) :]
        return [s for s in reversed(bottom) if _value(s) < ceiling]

    def standing(self) -> Standing:
        return Standing(
            known_sum=tuple((s.score or 0.0) / 100 * s.answered for s in self.sections),
            known=tuple(s.answered for s in self.sections),
            total=tuple(s.total for s in self.sections),
            failed=len(self.failed_gates),
            pending=len(self.pending_gates),
            red_flags=len(self.red_flags),
        )

    def summary(self) -> Summary:
        return Summary(
            score=self.score,
            low=self.low,
            high=self.high,
            coverage=self.coverage,
            tier=self.tier,
            red_flags=len(self.red_flags),
        )


def _value(section: SectionResult) -> int:
    return points(section.score or 0.0)


def _unit(rating: float) -> float:
    return (rating - 1.0) / 4.0


def _section(
    section: Section, asked: list[Question], ratings: Ratings, share: float
) -> tuple[SectionResult, float, float]:
    """One section, and its Low and High (0..1) before weighting: the band its unknown
    answers leave open."""
    if not asked:
        return SectionResult(section, False, 0.0, 0, 0, None, 0.0, 0.0), 0.0, 0.0
    known = [_unit(rating) for q in asked if (rating := ratings.get(q.id)) is not None]
    unknown = len(asked) - len(known)
    low = sum(known) / len(asked)
    high = (sum(known) + unknown) / len(asked)
    mean = sum(known) / len(known) * 100 if known else None
    result = SectionResult(
        section, True, share, len(known), len(asked), mean, low * 100, high * 100
    )
    return result, low, high


def score_partner(
    questionnaire: Questionnaire,
    ratings: Ratings,
    *,
    technology: bool,
    weights: Mapping[int, float] | None = None,
) -> ScoreCard:
    """Score one partner from its ratings; `weights` defaults to the questionnaire's."""
    weights = weights if weights is not None else questionnaire.default_weights()
    applicable = questionnaire.applicable(technology)
    live = questionnaire.sections_asked(technology)
    total_weight = sum(weights[s.id] for s in live)
    if total_weight <= 0:  # all the weight is on sections this partner is not asked
        weights, total_weight = dict.fromkeys(weights, 1.0), float(len(live))
    shares = {section: weight / total_weight for section, weight in weights.items()}

    sections: list[SectionResult] = []
    low = high = coverage = 0.0
    for section in questionnaire.sections:
        asked = [q for q in applicable if q.section == section.id]
        result, section_low, section_high = _section(section, asked, ratings, shares[section.id])
        sections.append(result)
        if result.applicable:
            low += result.weight * section_low
            high += result.weight * section_high
            coverage += result.weight * result.answered / result.total

    gates = [q for q in applicable if q.gate]
    failed = tuple(q.id for q in gates if ratings.get(q.id) == 1)
    pending = tuple(q.id for q in gates if ratings.get(q.id) is None)
    flags = tuple(q.id for q in applicable if not q.gate and ratings.get(q.id) == 1)
    score = (low + high) / 2 * 100
    return ScoreCard(
        score=score,
        low=low * 100,
        high=high * 100,
        coverage=coverage,
        tier=tier_of(
            points(score),
            points(low * 100),
            points(coverage * 100),
            failed=bool(failed),
            pending=bool(pending),
            red_flags=len(flags),
        ),
        sections=tuple(sections),
        failed_gates=failed,
        pending_gates=pending,
        red_flags=flags,
    )


def tier_of(
    score: int, low: int, coverage: int, *, failed: bool, pending: bool, red_flags: int
) -> Tier | None:
    """The tier from the whole numbers a card shows (coverage in percent)."""
    if failed:
        return Tier.X
    if coverage < INSUFFICIENT_COVERAGE:
        return None
    if (
        score >= TIER_A_SCORE
        and low >= TIER_A_LOW
        and coverage >= TIER_A_COVERAGE
        and not red_flags
        and not pending
    ):
        return Tier.A
    return Tier.B if score >= TIER_B_SCORE else Tier.C
