"""A team's weights changes as history, and the lines that told its group of them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime

from questionnaire.scoring import Tier
from storage.models import TierMove, WeightChange, WeightLine
from storage.queries.base import Queries


def _weights(text: str) -> dict[int, int]:
    return {int(s): int(w) for s, w in json.loads(text).items()}


def _tier(value: str | None) -> Tier | None:
    return Tier(value) if value else None


def _line(row: sqlite3.Row) -> WeightLine:
    return WeightLine(
        id=row["id"],
        user_id=row["user_id"],
        user=row["first_name"],
        last_change=row["last_change"],
        before=_weights(row["before"]),
        after=_weights(row["weights"]),
        named=tuple(json.loads(row["named"])),
        moves={
            int(p): (_tier(was), _tier(now)) for p, (was, now) in json.loads(row["moves"]).items()
        },
        updated_at=datetime.fromisoformat(row["updated_at"]),
        message_id=row["message_id"],
        undone_by=row["undone_name"],
    )


def _moves(moves: dict[int, TierMove]) -> str:
    return json.dumps({p: [was, now] for p, (was, now) in moves.items()})


_LINES = """
    SELECT l.*, u.first_name, c.weights, v.first_name AS undone_name
    FROM weight_lines l
    JOIN users u ON u.id = l.user_id
    JOIN weight_changes c ON c.id = l.last_change
    LEFT JOIN users v ON v.id = l.undone_by
"""


class WeightQueries(Queries):
    async def weight_history(self, workspace_id: int, limit: int) -> list[WeightChange]:
        """The workspace's latest weights changes, the latest first."""
        rows = await self._all(
            """
            SELECT c.*, u.first_name FROM weight_changes c JOIN users u ON u.id = c.user_id
            WHERE c.workspace_id = ? ORDER BY c.id DESC LIMIT ?
            """,
            (workspace_id, limit),
        )
        return [
            WeightChange(
                _weights(row["weights"]),
                row["first_name"],
                datetime.fromisoformat(row["changed_at"]),
                row["how"],
                row["id"],
            )
            for row in rows
        ]

    async def weight_line(self, workspace_id: int, line_id: int) -> WeightLine | None:
        row = await self._one(
            f"{_LINES} WHERE l.id = ? AND l.workspace_id = ?", (line_id, workspace_id)
        )
        return _line(row) if row else None

    async def latest_weight_line(self, workspace_id: int) -> WeightLine | None:
        row = await self._one(
            f"{_LINES} WHERE l.workspace_id = ? ORDER BY l.id DESC LIMIT 1", (workspace_id,)
        )
        return _line(row) if row else None

    async def add_weight_line(
        self,
        workspace_id: int,
        user_id: int,
        change_id: int,
        before: dict[int, int],
        named: Sequence[int],
        moves: dict[int, TierMove],
        at: datetime,
    ) -> int:
        row = await self._one(
            """
            INSERT INTO weight_lines (workspace_id, user_id, last_change, before, named, moves,
                                      updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            (
                workspace_id,
                user_id,
                change_id,
                json.dumps(before),
                json.dumps(list(named)),
                _moves(moves),
                at.isoformat(),
            ),
        )
        assert row is not None
        return int(row[0])

    async def extend_weight_line(
        self,
        line_id: int,
        change_id: int,
        named: Sequence[int],
        moves: dict[int, TierMove],
        at: datetime,
    ) -> None:
        """A further change of the same run: the line now tells of it too."""
        await self._run(
            """
            UPDATE weight_lines SET last_change = ?, named = ?, moves = ?, updated_at = ?
            WHERE id = ?
            """,
            (change_id, json.dumps(list(named)), _moves(moves), at.isoformat(), line_id),
        )

    async def weight_line_posted(self, line_id: int, message_id: int) -> None:
        await self._run(
            "UPDATE weight_lines SET message_id = ? WHERE id = ?", (message_id, line_id)
        )

    async def undo_weight_line(self, line_id: int, user_id: int) -> bool:
        """Mark the line undone by this person; False when it was already."""
        changed = await self._run(
            "UPDATE weight_lines SET undone_by = ? WHERE id = ? AND undone_by IS NULL",
            (user_id, line_id),
        )
        return changed == 1
