"""How firm a rank is: the scoring of many partners at once (numpy), and random trials.

A partner's `Standing` (per section: the sum of answered ratings on 0..1, how many answered, how
many asked; and its gate and red-flag counts) is all that re-scoring under other weights needs,
so a whole longlist re-scores in one pass.

Robustness: trials multiply each weight by a factor drawn from [0.8, 1.2] and give every unknown
answer a random rating 1..5; a partner's share of trials in the top k (k = the size of tier A,
or 3 without one) labels it Stable (≥ 80%), Contested (40–80%) or Long shot (< 40%).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
import numpy.typing as npt

from questionnaire.ranking import Ranked
from questionnaire.scoring import Standing, Summary, Tier, tier_of

SEED = 20261128
TRIALS = 1000
JITTER = 0.2
TOP_K = 3
CELLS_PER_CHUNK = 4_000_000
"""Trials run in chunks of about this many partner × section cells, to bound memory."""

Floats = npt.NDArray[np.float64]
T = TypeVar("T")


class Hold(enum.StrEnum):
    """How firmly a partner holds its place in the trials."""

    STABLE = "stable"
    CONTESTED = "contested"
    LONG_SHOT = "long_shot"


def label(share: float) -> Hold:
    if share >= 0.8:
        return Hold.STABLE
    return Hold.CONTESTED if share >= 0.4 else Hold.LONG_SHOT


def _points(values: Floats) -> Floats:
    """The card's rounding (half up), for a whole array."""
    return np.floor(values + 0.5 + 1e-9)


class Field:
    """Many partners' standings as arrays, ready to be scored under any weights."""

    def __init__(self, standings: Sequence[Standing]) -> None:
        self.size = len(standings)
        self.known_sum = np.array([s.known_sum for s in standings], dtype=np.float64)
        self.known = np.array([s.known for s in standings], dtype=np.int64)
        self.total = np.array([s.total for s in standings], dtype=np.int64)
        self.failed = np.array([s.failed for s in standings], dtype=bool)
        self.pending = np.array([s.pending for s in standings], dtype=bool)
        self.red_flags = np.array([s.red_flags for s in standings], dtype=np.int64)
        self.asked = self.total > 0
        self.unknown = self.total - self.known
        safe_total = np.where(self.asked, self.total, 1)
        self.low_part = np.where(self.asked, self.known_sum / safe_total, 0.0)
        self.high_part = np.where(self.asked, (self.known_sum + self.unknown) / safe_total, 0.0)
        self.covered = np.where(self.asked, self.known / safe_total, 0.0)

    def shares(self, weights: Floats) -> Floats:
        """Each partner's section shares under `weights` (sections it is not asked drop out;
        a partner whose sections all weigh 0 counts them equally, as `score_partner` does)."""
        raw = np.where(self.asked, weights, 0.0)
        total = raw.sum(axis=-1, keepdims=True)
        equal = self.asked / np.maximum(self.asked.sum(axis=-1, keepdims=True), 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            shares: Floats = np.where(total > 0, raw / total, equal)
        return shares

    def summaries(self, weights: Mapping[int, float]) -> list[Summary]:
        """Every partner's summary under other weights, as `score_partner` would give."""
        shares = self.shares(np.array([weights[s] for s in sorted(weights)], dtype=np.float64))
        low = (shares * self.low_part).sum(axis=1) * 100
        high = (shares * self.high_part).sum(axis=1) * 100
        coverage = (shares * self.covered).sum(axis=1)
        score = (low + high) / 2
        tiers = self._tiers(score, low, coverage)
        return [
            Summary(
                float(score[i]),
                float(low[i]),
                float(high[i]),
                float(coverage[i]),
                tiers[i],
                int(self.red_flags[i]),
            )
            for i in range(self.size)
        ]

    def _tiers(self, score: Floats, low: Floats, coverage: Floats) -> list[Tier | None]:
        score, low, cover = _points(score), _points(low), _points(coverage * 100)
        return [
            tier_of(
                int(score[i]),
                int(low[i]),
                int(cover[i]),
                failed=bool(self.failed[i]),
                pending=bool(self.pending[i]),
                red_flags=int(self.red_flags[i]),
            )
            for i in range(self.size)
        ]


def top_k(tiers: Sequence[Tier | None]) -> int:
    """The size of tier A, or 3 when nobody is in it."""
    return sum(1 for t in tiers if t is Tier.A) or TOP_K


def robustness(
    field: Field,
    weights: Mapping[int, float],
    contenders: Sequence[bool],
    k: int,
    *,
    trials: int = TRIALS,
    seed: int = SEED,
) -> Floats:
    """Each partner's share of trials in which it places in the top k of the contenders.

    Partners who are not contenders (no tier, or blocked) never place. Seeded: the same
    longlist and weights give the same shares.
    """
    rng = np.random.default_rng(seed)
    n, sections = field.known_sum.shape
    running = np.asarray(contenders, dtype=bool)
    k = min(k, int(running.sum()))
    placed = np.zeros(n, dtype=np.int64)
    if n == 0 or k == 0:
        return placed.astype(np.float64)
    base_weights = np.array([weights[s] for s in sorted(weights)], dtype=np.float64)
    # Partners differ in which sections apply to them by a few patterns only (technology or
    # not), so a trial's section shares are worked out per pattern, not per partner.
    patterns, group = np.unique(field.asked, axis=0, return_inverse=True)
    group = group.ravel()
    safe_total = np.where(field.asked, field.total, 1)
    known_part = (field.known_sum / safe_total).astype(np.float32)
    # Unknown answers, by cell (partner, section): a cell with m unknowns gets the sum of m
    # random ratings 0..4 (quarters), drawn as one number below 5**m whose base-5 digits add up.
    cells = np.flatnonzero(field.unknown.ravel())
    cell_partner, cell_section = np.divmod(cells, sections)
    unknowns = field.unknown.ravel()[cells]
    digit_sums = _digit_sums(int(unknowns.max()) if len(cells) else 0)
    outcomes = (5.0**unknowns).astype(np.float32)
    scale = (1 / (4 * field.total.ravel()[cells])).astype(np.float32)
    share_of_cell = group[cell_partner] * sections + cell_section
    owners, starts = np.unique(cell_partner, return_index=True)
    chunk = max(1, CELLS_PER_CHUNK // max(1, n * sections))
    for begin in range(0, trials, chunk):
        size = min(chunk, trials - begin)
        jittered = base_weights * rng.uniform(1 - JITTER, 1 + JITTER, size=(size, 1, sections))
        raw = jittered * patterns  # (size, patterns, sections)
        totals = raw.sum(axis=-1, keepdims=True)
        equal = patterns / np.maximum(patterns.sum(axis=-1, keepdims=True), 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = np.where(totals > 0, raw / totals, equal).astype(np.float32)
        score = np.empty((size, n), dtype=np.float32)
        for g in range(len(patterns)):
            members = group == g
            score[:, members] = shares[:, g, :] @ known_part[members].T
        if len(cells):
            draws = (rng.random((size, len(cells)), dtype=np.float32) * outcomes).astype(np.int32)
            fill = digit_sums[draws] * scale
            fill *= np.take(shares.reshape(size, -1), share_of_cell, axis=1)
            score[:, owners] += np.add.reduceat(fill, starts, axis=1)
        score[:, ~running] = -np.inf
        best = np.argpartition(-score, k - 1, axis=1)[:, :k]
        placed += np.bincount(best.ravel(), minlength=n)
    return placed / trials


def _digit_sums(digits: int) -> npt.NDArray[np.float32]:
    """The sum of the base-5 digits of every number below 5**digits."""
    sums = np.zeros(1, dtype=np.float32)
    for _ in range(digits):
        sums = (sums[:, None] + np.arange(5, dtype=np.float32)[None, :]).ravel()
    return sums


@dataclass(frozen=True)
class Swap:
    section: int
    delta: int
    """Points to add to (or, negative, take from) the section's weight."""


def swap_section(field: Field, weights: Mapping[int, float], one: int, other: int) -> Swap | None:
    """The smallest change of a single section's weight that puts `one` and `other` the other
    way round (by headline score), or None when no single section can."""
    ids = sorted(weights)
    base = np.array([weights[s] for s in ids], dtype=np.float64)
    sub = _Pair(field, one, other)
    now = np.sign(sub.gap(base[None, :])[0])
    deltas = np.arange(-100, 101)
    deltas = deltas[deltas != 0]
    best: Swap | None = None
    for index, section in enumerate(ids):
        trial = np.repeat(base[None, :], len(deltas), axis=0)
        trial[:, index] = base[index] + deltas
        usable = (trial[:, index] >= 0) & (trial.sum(axis=1) > 0)
        flipped = usable & (np.sign(sub.gap(trial)) == -now) & (now != 0)
        if flipped.any():
            found = deltas[flipped]
            delta = int(found[np.argmin(np.abs(found))])
            if best is None or abs(delta) < abs(best.delta):
                best = Swap(section, delta)
    return best


class _Pair:
    """Two partners of a field, to compare under many weightings."""

    def __init__(self, field: Field, one: int, other: int) -> None:
        self.field = field
        self.rows = [one, other]

    def gap(self, weights: Floats) -> Floats:
        """Score of `one` minus score of `other`, per row of `weights`."""
        f = self.field
        mids = []
        with np.errstate(divide="ignore", invalid="ignore"):  # all-zero rows are unusable
            for row in self.rows:
                raw = np.where(f.asked[row], weights, 0.0)
                mid = (f.low_part[row] + f.high_part[row]) / 2
                mids.append((raw * mid).sum(axis=1) / raw.sum(axis=1))
            return np.asarray(mids[0] - mids[1])


@dataclass(frozen=True)
class Robust:
    share: float
    """Share of trials in which the partner placed in the top k."""
    label: Hold
    k: int


@dataclass(frozen=True)
class Neighbour(Generic[T]):
    other: T
    swap: Swap | None
    """The single weight change that would put the two the other way round."""


class Firmness(Generic[T]):
    """How firm each place of a ranking is, and what would swap a partner with its neighbour.

    The trials run once, here; swaps are worked out on demand, one pair at a time.
    """

    def __init__(
        self,
        ranked: Sequence[Ranked[T]],
        weights: Mapping[int, float],
        standing: Callable[[T], Standing | None],
        key: Callable[[T], Hashable],
    ) -> None:
        self.weights = weights
        known = [(r, s) for r in ranked if (s := standing(r.item)) is not None]
        self.items = [r.item for r, _ in known]
        self.field = Field([s for _, s in known])
        self.k = top_k([r.summary.tier for r, _ in known])
        contenders = [r.rank is not None for r, _ in known]
        self.shares = robustness(self.field, weights, contenders, self.k) if known else np.zeros(0)
        self.order = [i for i, (r, _) in enumerate(known) if r.rank is not None]
        self.rows = {key(self.items[i]): i for i in self.order}

    def of(self, key: Hashable) -> Robust | None:
        """None for partners without a place (no tier, or blocked)."""
        row = self.rows.get(key)
        if row is None:
            return None
        share = float(self.shares[row])
        return Robust(share, label(share), self.k)

    def neighbour(self, key: Hashable) -> Neighbour[T] | None:
        """The next one down (the one above, for the last) and the swap between the two."""
        row = self.rows.get(key)
        if row is None or len(self.order) < 2:
            return None
        place = self.order.index(row)
        other = self.order[place + 1] if place + 1 < len(self.order) else self.order[place - 1]
        return Neighbour(self.items[other], swap_section(self.field, self.weights, row, other))
