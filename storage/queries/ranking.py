"""A longlist read in ranking order: its index (migration 0018) holds the order, so a ranking
is read, not sorted, and a page of it is ten rows; places are numbered as
questionnaire/ranking.py numbers them."""

from __future__ import annotations

from storage.models import Listed
from storage.queries.base import Queries
from storage.queries.partners import _SUMMARY, _summary

UNANSWERED = (50.0, 0.0, 100.0, 0.0, None, 0)
"""Where a partner with no answers stands (score, low, high, coverage, tier, red flags): the
constants of the order below; Longlist checks them against the scoring."""

_GROUP = "CASE WHEN score IS NULL OR tier IS NULL THEN 1 WHEN tier = 'X' THEN 2 ELSE 0 END"
_SHOWN = "CAST(coalesce(score, 50.0) + 0.5 + 1e-9 AS INTEGER)"
_WITHIN = f"""
    {_SHOWN} DESC, coalesce(red_flags, 0), coalesce(coverage, 0.0) DESC, coalesce(low, 0.0) DESC,
    name_key
"""
_ORDER = f"{_GROUP}, {_WITHIN}"
"""The index's expressions, word for word (SQLite uses it only for the same ones)."""


class RankingQueries(Queries):
    async def ranked(self, workspace_id: int, *, offset: int = 0, limit: int = -1) -> list[Listed]:
        """The workspace's partners with their figures, in ranking order (a page of them)."""
        rows = await self._all(
            f"SELECT id, name, {_SUMMARY} FROM partners WHERE workspace_id = ?"
            f" ORDER BY {_ORDER} LIMIT ? OFFSET ?",
            (workspace_id, limit, offset),
        )
        return [Listed(row[0], row[1], _summary(*row[2:])) for row in rows]

    async def ranked_scores(self, workspace_id: int) -> list[int]:
        """The shown score of every ranked partner (one with a tier, not blocked), in order:
        what shared ranks are worked out from."""
        rows = await self._all(
            f"SELECT {_SHOWN} FROM partners WHERE workspace_id = ? AND {_GROUP} = 0"
            f" ORDER BY {_WITHIN}",
            (workspace_id,),
        )
        return [row[0] for row in rows]
