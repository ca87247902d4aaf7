"""Assessments (one per partner and assessor), their answers and notes."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import cast

from storage.models import Assessment, Note, NoteKind
from storage.queries.base import Queries, utcnow


def _assessment(row: sqlite3.Row) -> Assessment:
    return Assessment(
        id=row["id"],
        partner_id=row["partner_id"],
        user_id=row["user_id"],
        assessor=row["first_name"],
        started_at=datetime.fromisoformat(row["started_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        finished_at=(datetime.fromisoformat(row["finished_at"]) if row["finished_at"] else None),
    )


def _note(row: sqlite3.Row) -> Note:
    return Note(
        id=row["id"],
        assessment_id=row["assessment_id"],
        question_id=row["question_id"],
        kind=cast(NoteKind, row["kind"]),
        body=row["body"],
        file_id=row["file_id"],
        created_at=datetime.fromisoformat(row["created_at"]),
    )


_ASSESSMENT = """
    SELECT a.*, u.first_name FROM assessments a JOIN users u ON u.id = a.user_id
"""


class AssessmentQueries(Queries):
    async def assessment(self, assessment_id: int) -> Assessment | None:
        row = await self._one(f"{_ASSESSMENT} WHERE a.id = ?", (assessment_id,))
        return _assessment(row) if row else None

    async def assessment_for(self, partner_id: int, user_id: int) -> Assessment | None:
        row = await self._one(
            f"{_ASSESSMENT} WHERE a.partner_id = ? AND a.user_id = ?", (partner_id, user_id)
        )
        return _assessment(row) if row else None

    async def start_assessment(self, partner_id: int, user_id: int) -> Assessment:
        now = utcnow().isoformat()
        await self._run(
            """
            INSERT INTO assessments (partner_id, user_id, started_at, updated_at)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (partner_id, user_id) DO UPDATE SET set_aside_at = NULL
            """,
            (partner_id, user_id, now, now),
        )
        found = await self.assessment_for(partner_id, user_id)
        assert found is not None
        return found

    async def assessments(self, partner_id: int) -> list[Assessment]:
        rows = await self._all(
            f"{_ASSESSMENT} WHERE a.partner_id = ? ORDER BY a.id", (partner_id,)
        )
        return [_assessment(row) for row in rows]

    async def latest_assessments(
        self, user_id: int, *, unfinished: bool = False, limit: int = 1
    ) -> list[Assessment]:
        """The person's most recently touched assessments (those not set aside); with
        `unfinished`, of those only."""
        only = "AND a.finished_at IS NULL" if unfinished else ""
        rows = await self._all(
            f"{_ASSESSMENT} WHERE a.user_id = ? AND a.set_aside_at IS NULL {only}"
            " ORDER BY a.updated_at DESC, a.id DESC LIMIT ?",
            (user_id, limit),
        )
        return [_assessment(row) for row in rows]

    async def set_aside(self, assessment_id: int) -> None:
        """The assessor left the partner's group and has been told: skip it from now on."""
        await self._run(
            "UPDATE assessments SET set_aside_at = ? WHERE id = ?",
            (utcnow().isoformat(), assessment_id),
        )

    async def set_finished(self, assessment_id: int, finished: bool) -> None:
        """Mark finished (keeping the first finish time) or open again."""
        await self._run(
            """
            UPDATE assessments
            SET finished_at = CASE WHEN ? THEN coalesce(finished_at, ?) END
            WHERE id = ?
            """,
            (finished, utcnow().isoformat(), assessment_id),
        )

    async def due_reminders(self, idle_since: datetime) -> list[tuple[Assessment, str, int]]:
        """Unfinished assessments untouched since `idle_since`, never reminded of nor set
        aside, whose assessor wants reminders and has not blocked the bot; with the partner's
        name and workspace."""
        rows = await self._all(
            """
            SELECT a.*, u.first_name, p.name AS partner_name, p.workspace_id
            FROM assessments a
            JOIN users u ON u.id = a.user_id
            JOIN partners p ON p.id = a.partner_id
            WHERE a.finished_at IS NULL AND a.reminded_at IS NULL AND a.set_aside_at IS NULL
              AND a.updated_at < ? AND u.reminders AND NOT u.blocked
            ORDER BY a.updated_at
            """,
            (idle_since.isoformat(),),
        )
        return [(_assessment(row), row["partner_name"], row["workspace_id"]) for row in rows]

    async def set_reminded(self, assessment_id: int, at: datetime) -> None:
        await self._run(
            "UPDATE assessments SET reminded_at = ? WHERE id = ?", (at.isoformat(), assessment_id)
        )

    # Answers and notes

    async def answers(self, assessment_id: int) -> dict[str, int | None]:
        rows = await self._all(
            "SELECT question_id, rating FROM answers WHERE assessment_id = ?", (assessment_id,)
        )
        return {row["question_id"]: row["rating"] for row in rows}

    async def save_answer(self, assessment_id: int, question_id: str, rating: int | None) -> None:
        """Record or replace one answer; None is "Don't know"."""
        now = utcnow().isoformat()
        await self._run(
            """
            INSERT INTO answers (assessment_id, question_id, rating, answered_at)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (assessment_id, question_id)
            DO UPDATE SET rating = excluded.rating, answered_at = excluded.answered_at
            """,
            (assessment_id, question_id, rating, now),
        )
        await self._run(  # answering again (back in the group) brings a set-aside one back
            "UPDATE assessments SET updated_at = ?, set_aside_at = NULL WHERE id = ?",
            (now, assessment_id),
        )

    async def add_note(
        self,
        assessment_id: int,
        question_id: str,
        kind: NoteKind,
        body: str,
        file_id: str | None = None,
        message_id: int | None = None,
    ) -> Note:
        """Keep a note; the same Telegram message (`message_id`) is kept only once."""
        row = await self._one(
            """
            INSERT INTO notes (assessment_id, question_id, kind, body, file_id, created_at,
                               message_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (assessment_id, message_id) WHERE message_id IS NOT NULL DO NOTHING
            RETURNING *
            """,
            (assessment_id, question_id, kind, body, file_id, utcnow().isoformat(), message_id),
        )
        if row is None:  # delivered again: the note is there already
            row = await self._one(
                "SELECT * FROM notes WHERE assessment_id = ? AND message_id = ?",
                (assessment_id, message_id),
            )
            assert row is not None
            return _note(row)
        await self._run(
            "UPDATE assessments SET updated_at = ? WHERE id = ?",
            (row["created_at"], assessment_id),
        )
        return _note(row)

    async def notes(self, assessment_id: int) -> list[Note]:
        rows = await self._all(
            "SELECT * FROM notes WHERE assessment_id = ? ORDER BY id", (assessment_id,)
        )
        return [_note(row) for row in rows]
