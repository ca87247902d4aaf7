"""The ranking of PRODUCT.md §3: by score, then fewer red flags, higher coverage, higher Low;
partners less than SHARED_RANK_POINTS apart share a rank; those without a tier come last."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
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
    return numbered((item, s) for _, item, s in ordered)


def numbered(ordered: Iterable[tuple[T, Summary]]) -> list[Ranked[T]]:
    """Places and shared ranks for entries already in the order `rank` puts them in (as
    storage reads a longlist, sorted by the same key): one pass, no sorting."""
    entries = list(ordered)
    ranks = shared_ranks([points(s.score) for _, s in entries if not s.rank_group])
    return window(entries, 0, ranks)


def shared_ranks(shown: Sequence[int]) -> list[int]:
    """The rank of each ranked partner, from the shown scores of all of them in ranking order:
    less than SHARED_RANK_POINTS below the first partner of its group, a partner shares that
    one's rank."""
    ranks: list[int] = []
    leader = leader_points = 0
    for i, score in enumerate(shown):
        if i == 0 or leader_points - score >= SHARED_RANK_POINTS:
            leader, leader_points = i, score
        ranks.append(leader + 1)
    return ranks


def window(entries: Sequence[tuple[T, Summary]], offset: int, ranks: list[int]) -> list[Ranked[T]]:
    """Ranking lines for `entries`, the ones at `offset` onwards in ranking order (a page, or
    all); `ranks`: `shared_ranks` of the whole ranking (the ranked come first, the rest after)."""
    lines = []
    last = len(ranks) - 1
    for i, (item, summary) in enumerate(entries, start=offset):
        if i > last:
            lines.append(Ranked(item, summary, i + 1, None, False))
            continue
        r = ranks[i]  # those sharing it stand next to each other
        shared = (i > 0 and ranks[i - 1] == r) or (i < last and ranks[i + 1] == r)
        lines.append(Ranked(item, summary, i + 1, r, shared))
    return lines


def any_ranked(ranked: Sequence[Ranked[T]]) -> bool:
    """Whether some partner has a place (the ranked come first)."""
    return bool(ranked) and ranked[0].rank is not None


@dataclass(frozen=True)
class RankingPage(Generic[T]):
    """A page of a ranking, and what the whole says around it."""

    entries: list[Ranked[T]]
    page: int
    pages: int
    count: int
    """Entries in the whole ranking."""
    any_ranked: bool
    """Some entry of the whole has a place."""
