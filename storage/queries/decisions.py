"""Decisions on partners: settled disagreements and decision statuses."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import cast

from storage.models import Settlement, Status, StatusKind
from storage.queries.base import Queries, utcnow


def _settlement(row: sqlite3.Row) -> Settlement:
    return Settlement(
        partner_id=row["partner_id"],
        question_id=row["question_id"],
        value=row["value"],
        user=row["first_name"],
        settled_at=datetime.fromisoformat(row["settled_at"]),
        answers=row["answers"],
    )


def _status(row: sqlite3.Row) -> Status:
    return Status(
        partner_id=row["partner_id"],
        kind=cast(StatusKind, row["status"]),
        reason=row["reason"],
        user=row["first_name"],
        set_at=datetime.fromisoformat(row["set_at"]),
    )


class DecisionQueries(Queries):
    async def settlements(self, partner_id: int) -> dict[str, Settlement]:
        """The partner's settled questions, by question id."""
        rows = await self._all(
            "SELECT s.*, u.first_name FROM settlements s JOIN users u ON u.id = s.user_id "
            "WHERE s.partner_id = ?",
            (partner_id,),
        )
        return {row["question_id"]: _settlement(row) for row in rows}

    async def settle(
        self,
        partner_id: int,
        question_id: str,
        value: int | None,
        user_id: int,
        answers: str,
        at: datetime | None = None,
    ) -> None:
        """Record (or replace) the settlement of one question."""
        await self._run(
            "INSERT INTO settlements"
            " (partner_id, question_id, value, user_id, settled_at, answers)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (partner_id, question_id) DO UPDATE SET"
            " value = excluded.value, user_id = excluded.user_id,"
            " settled_at = excluded.settled_at, answers = excluded.answers",
            (partner_id, question_id, value, user_id, (at or utcnow()).isoformat(), answers),
        )

    async def status(self, partner_id: int) -> Status | None:
        row = await self._one(
            "SELECT s.*, u.first_name FROM statuses s JOIN users u ON u.id = s.user_id "
            "WHERE s.partner_id = ?",
            (partner_id,),
        )
        return _status(row) if row else None

    async def statuses(self, workspace_id: int) -> dict[int, Status]:
        """Every decided partner of the workspace, by partner id."""
        rows = await self._all(
            "SELECT s.*, u.first_name FROM statuses s JOIN users u ON u.id = s.user_id "
            "JOIN partners p ON p.id = s.partner_id WHERE p.workspace_id = ?",
            (workspace_id,),
        )
        return {row["partner_id"]: _status(row) for row in rows}

    async def set_status(
        self,
        partner_id: int,
        kind: StatusKind | None,
        user_id: int,
        reason: str = "",
        at: datetime | None = None,
    ) -> None:
        """Set the partner's status (None: not decided any more)."""
        if kind is None:
            await self._run("DELETE FROM statuses WHERE partner_id = ?", (partner_id,))
            return
        await self._run(
            "INSERT INTO statuses (partner_id, status, reason, user_id, set_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (partner_id) DO UPDATE SET"
            " status = excluded.status, reason = excluded.reason,"
            " user_id = excluded.user_id, set_at = excluded.set_at",
            (partner_id, kind, reason, user_id, (at or utcnow()).isoformat()),
        )

    async def set_reason(self, partner_id: int, reason: str) -> bool:
        """The reason of a partner's status; False when it has none any more."""
        done = await self._run(
            "UPDATE statuses SET reason = ? WHERE partner_id = ?", (reason, partner_id)
        )
        return done > 0
