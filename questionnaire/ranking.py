"""The ranking of PRODUCT.md §3: by score, then fewer red flags, higher coverage, higher Low;
partners less than SHARED_RANK_POINTS apart share a rank; those without a tier come last."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Generic, NamedTuple, TypeVar

from questionnaire.scoring import Summary, points

SHARED_RANK_POINTS = 3

T = TypeVar("T")


class Ranked(NamedTuple, Generic[T]):
    """One line of a ranking; a tuple, as a longlist of thousands makes many of them."""

    item: T
    summary: Summary
    position: int
    """1-based place in the list."""
    rank: int | None
    """The shared rank number; None for partners listed after the ranked ones, unranked:
    those with too little data for a tier, then those blocked by a gate."""
    shared: bool


def rank(
    entries: Iterable[tuple[T, Summary]], *, name: Callable[[T], str] = str
) -> list[Ranked[T]]:
    """Order partners by score, then fewer red flags, higher coverage, higher Low.

    The order depends only on each partner's own figures, so adding a partner never reorders
    the others. Partners whose shown scores are less than 3 points below the first partner of
    their group share that partner's rank ("=2"). Partners without a tier follow, unranked:
    first those with too little data, then those blocked by a gate.
    """
    # Each key is worked out once, with the shown score in it: a longlist can be thousands long.
    # The entry's index ends the key, so that ties keep their order and items are never compared.
    ordered = sorted(
        (
            (
                s.rank_group,
                -points(s.score),
                s.red_flags,
                -s.coverage,
                -s.low,
                name(item).casefold(),
                i,
            ),
            item,
            s,
        )
        for i, (item, s) in enumerate(entries)
    )
    ranks: list[int | None] = []
    leader = leader_points = 0  # the first partner of the current shared-rank group
    for i, (key, _, _) in enumerate(ordered):
        if key[0]:  # too little data, or blocked: no rank
            ranks.append(None)
            continue
        shown = -key[1]
        if i == 0 or leader_points - shown >= SHARED_RANK_POINTS:
            leader, leader_points = i, shown
        ranks.append(leader + 1)
    sizes = Counter(ranks)
    return [
        Ranked(item, summary, i + 1, r, r is not None and sizes[r] > 1)
        for i, ((_, item, summary), r) in enumerate(zip(ordered, ranks, strict=True))
    ]
