"""Section weights a team sets: whole points that always sum to 100.

Two ways to set them on a phone: -/+ in steps of 5 (the other sections give or take in
proportion), or ordering sections by importance, turned into weights by rank-order centroid.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

TOTAL = 100
STEP = 5

Weights = dict[int, int]
"""Section id → weight in whole points, summing to TOTAL."""


def whole(shares: Mapping[int, float]) -> Weights:
    """Round to whole points summing to exactly 100 (largest remainder; ties to lower ids)."""
    total = sum(shares.values())
    if total <= 0:
        raise ValueError("weights must not all be zero")
    exact = {s: v * TOTAL / total for s, v in shares.items()}
    floors = {s: math.floor(v) for s, v in exact.items()}
    short = TOTAL - sum(floors.values())
    by_remainder = sorted(exact, key=lambda s: (-(exact[s] - floors[s]), s))
    for s in by_remainder[:short]:
        floors[s] += 1
    return floors


def step(weights: Mapping[int, int], section: int, delta: int) -> Weights:
    """Move one section by `delta` points; the others give or take in proportion to theirs."""
    target = min(TOTAL, max(0, weights[section] + delta))
    others = {s: w for s, w in weights.items() if s != section}
    rest = TOTAL - target
    spread = sum(others.values())
    scaled = (
        {s: w * rest / spread for s, w in others.items()}
        if spread
        else {s: rest / len(others) for s in others}
    )
    exact = {**scaled, section: float(target)}
    if not any(exact.values()):
        return dict(weights)
    return whole(exact)


def rank_order_centroid(order: Sequence[int]) -> Weights:
    """Weights from an order of importance: the i-th of n gets (1/n)·Σ_{k=i..n} 1/k."""
    n = len(order)
    if n == 0 or len(set(order)) != n:
        raise ValueError("the order must name each section once")
    centroid = {s: sum(1 / k for k in range(i, n + 1)) / n for i, s in enumerate(order, 1)}
    return whole(centroid)
