"""Every query the bot makes. A `Tx` is handed out by `Database` for one unit of work."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, cast

import aiosqlite

from questionnaire.model import Lang
from questionnaire.scoring import Summary, Tier
from storage.models import (
    Assessment,
    Note,
    NoteKind,
    Partner,
    User,
    Workspace,
    WorkspaceKind,
)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def name_key(name: str) -> str:
    """Two names that differ only in case or spacing name the same partner."""
    return " ".join(name.split()).casefold()


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _user(row: sqlite3.Row) -> User:
    return User(
        id=row["id"],
        first_name=row["first_name"],
        username=row["username"],
        lang=cast(Lang, row["lang"]),
        reminders=bool(row["reminders"]),
        blocked=bool(row["blocked"]),
    )


def _partner(row: sqlite3.Row) -> Partner:
    summary = None
    if row["score"] is not None:
        summary = Summary(
            score=row["score"],
            low=row["low"],
            high=row["high"],
            coverage=row["coverage"],
            tier=Tier(row["tier"]) if row["tier"] else None,
            red_flags=row["red_flags"],
        )
    technology = row["technology"]
    return Partner(
        id=row["id"],
        workspace_id=row["workspace_id"],
        name=row["name"],
        technology=None if technology is None else bool(technology),
        created_at=datetime.fromisoformat(row["created_at"]),
        summary=summary,
    )


def _assessment(row: sqlite3.Row) -> Assessment:
    return Assessment(
        id=row["id"],
        partner_id=row["partner_id"],
        user_id=row["user_id"],
        assessor=row["first_name"],
        started_at=datetime.fromisoformat(row["started_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        finished_at=_time(row["finished_at"]),
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


class Tx:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    # One hop to aiosqlite's thread per query: a query's execute, fetch and close would be three.

    async def _one(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        rows = await self._conn.execute_fetchall(sql, tuple(params))
        return next(iter(rows), None)

    async def _all(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        return cast(list[sqlite3.Row], await self._conn.execute_fetchall(sql, tuple(params)))

    async def _run(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Execute a change; return the number of rows it touched."""
        cursor = await self._conn.execute(sql, tuple(params))
        return cursor.rowcount

    # People

    async def user(self, user_id: int) -> User | None:
        row = await self._one("SELECT * FROM users WHERE id = ?", (user_id,))
        return _user(row) if row else None

    async def ensure_user(
        self, user_id: int, first_name: str, username: str | None, lang: Lang
    ) -> User:
        """Record a person on first contact (in `lang`); later, keep their names current."""
        row = await self._one(
            """
            INSERT INTO users (id, first_name, username, lang, created_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name,
                                           username = excluded.username, blocked = 0
            RETURNING *
            """,
            (user_id, first_name, username, lang, utcnow().isoformat()),
        )
        assert row is not None
        return _user(row)

    async def set_lang(self, user_id: int, lang: Lang) -> None:
        await self._run("UPDATE users SET lang = ? WHERE id = ?", (lang, user_id))

    async def set_reminders(self, user_id: int, on: bool) -> None:
        await self._run("UPDATE users SET reminders = ? WHERE id = ?", (on, user_id))

    async def set_blocked(self, user_id: int, blocked: bool) -> None:
        await self._run("UPDATE users SET blocked = ? WHERE id = ?", (blocked, user_id))

    # Workspaces

    async def ensure_workspace(self, chat_id: int, kind: WorkspaceKind, title: str) -> Workspace:
        row = await self._one(
            """
            INSERT INTO workspaces (chat_id, kind, title, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (chat_id) DO UPDATE SET title = excluded.title
            RETURNING *
            """,
            (chat_id, kind, title, utcnow().isoformat()),
        )
        assert row is not None
        return Workspace(row["id"], row["chat_id"], row["kind"], row["title"])

    async def workspace(self, chat_id: int) -> Workspace | None:
        row = await self._one("SELECT * FROM workspaces WHERE chat_id = ?", (chat_id,))
        return Workspace(row["id"], row["chat_id"], row["kind"], row["title"]) if row else None

    # Partners: every lookup is scoped to a workspace, so an id from elsewhere finds nothing.

    async def partner(self, workspace_id: int, partner_id: int) -> Partner | None:
        row = await self._one(
            "SELECT * FROM partners WHERE id = ? AND workspace_id = ?", (partner_id, workspace_id)
        )
        return _partner(row) if row else None

    async def partner_of(self, assessment_id: int) -> Partner | None:
        """The partner an assessment is about; callers check the assessment is theirs first."""
        row = await self._one(
            "SELECT p.* FROM partners p JOIN assessments a ON a.partner_id = p.id WHERE a.id = ?",
            (assessment_id,),
        )
        return _partner(row) if row else None

    async def partner_by_name(self, workspace_id: int, name: str) -> Partner | None:
        row = await self._one(
            "SELECT * FROM partners WHERE workspace_id = ? AND name_key = ?",
            (workspace_id, name_key(name)),
        )
        return _partner(row) if row else None

    async def add_partner(self, workspace_id: int, name: str, user_id: int) -> Partner:
        row = await self._one(
            """
            INSERT INTO partners (workspace_id, name, name_key, created_by, created_at)
            VALUES (?, ?, ?, ?, ?) RETURNING *
            """,
            (workspace_id, name, name_key(name), user_id, utcnow().isoformat()),
        )
        assert row is not None
        return _partner(row)

    async def rename_partner(self, workspace_id: int, partner_id: int, name: str) -> bool:
        """False when another partner of the workspace already has that name."""
        try:
            changed = await self._run(
                "UPDATE partners SET name = ?, name_key = ? WHERE id = ? AND workspace_id = ?",
                (name, name_key(name), partner_id, workspace_id),
            )
        except sqlite3.IntegrityError:
            return False
        return changed == 1

    async def delete_partner(self, workspace_id: int, partner_id: int) -> bool:
        changed = await self._run(
            "DELETE FROM partners WHERE id = ? AND workspace_id = ?", (partner_id, workspace_id)
        )
        return changed == 1

    async def set_technology(self, partner_id: int, technology: bool) -> None:
        await self._run(
            "UPDATE partners SET technology = ? WHERE id = ?", (technology, partner_id)
        )

    async def save_summary(self, partner_id: int, summary: Summary) -> None:
        await self._run(
            """
            UPDATE partners SET score = ?, low = ?, high = ?, coverage = ?, tier = ?,
                                red_flags = ?
            WHERE id = ?
            """,
            (
                summary.score,
                summary.low,
                summary.high,
                summary.coverage,
                summary.tier.value if summary.tier else None,
                summary.red_flags,
                partner_id,
            ),
        )

    async def partners(
        self, workspace_id: int, *, offset: int = 0, limit: int = -1
    ) -> list[Partner]:
        rows = await self._all(
            "SELECT * FROM partners WHERE workspace_id = ? ORDER BY name_key LIMIT ? OFFSET ?",
            (workspace_id, limit, offset),
        )
        return [_partner(row) for row in rows]

    async def count_partners(self, workspace_id: int) -> int:
        row = await self._one(
            "SELECT count(*) FROM partners WHERE workspace_id = ?", (workspace_id,)
        )
        return int(row[0]) if row else 0

    # Assessments: one per partner and assessor

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
            VALUES (?, ?, ?, ?) ON CONFLICT (partner_id, user_id) DO NOTHING
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

    async def unfinished_assessment(self, workspace_id: int, user_id: int) -> Assessment | None:
        """The person's most recently touched unfinished assessment in a workspace."""
        row = await self._one(
            f"""
            {_ASSESSMENT} JOIN partners p ON p.id = a.partner_id
            WHERE p.workspace_id = ? AND a.user_id = ? AND a.finished_at IS NULL
            ORDER BY a.updated_at DESC, a.id DESC LIMIT 1
            """,
            (workspace_id, user_id),
        )
        return _assessment(row) if row else None

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

    async def due_reminders(self, idle_since: datetime) -> list[tuple[Assessment, str]]:
        """Unfinished assessments untouched since `idle_since`, never reminded of, whose
        assessor wants reminders and has not blocked the bot; with the partner's name."""
        rows = await self._all(
            """
            SELECT a.*, u.first_name, p.name AS partner_name
            FROM assessments a
            JOIN users u ON u.id = a.user_id
            JOIN partners p ON p.id = a.partner_id
            WHERE a.finished_at IS NULL AND a.reminded_at IS NULL AND a.updated_at < ?
              AND u.reminders AND NOT u.blocked
            ORDER BY a.updated_at
            """,
            (idle_since.isoformat(),),
        )
        return [(_assessment(row), row["partner_name"]) for row in rows]

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
        await self._run("UPDATE assessments SET updated_at = ? WHERE id = ?", (now, assessment_id))

    async def add_note(
        self,
        assessment_id: int,
        question_id: str,
        kind: NoteKind,
        body: str,
        file_id: str | None = None,
    ) -> Note:
        row = await self._one(
            """
            INSERT INTO notes (assessment_id, question_id, kind, body, file_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?) RETURNING *
            """,
            (assessment_id, question_id, kind, body, file_id, utcnow().isoformat()),
        )
        assert row is not None
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

    # aiogram FSM

    async def fsm_state(self, key: str) -> str | None:
        row = await self._one("SELECT state FROM fsm WHERE key = ?", (key,))
        return row["state"] if row else None

    async def fsm_data(self, key: str) -> str | None:
        row = await self._one("SELECT data FROM fsm WHERE key = ?", (key,))
        return row["data"] if row else None

    async def fsm_set_state(self, key: str, state: str | None) -> None:
        await self._run(
            "INSERT INTO fsm (key, state) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET state = excluded.state",
            (key, state),
        )

    async def fsm_set_data(self, key: str, data: str) -> None:
        await self._run(
            "INSERT INTO fsm (key, data) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET data = excluded.data",
            (key, data),
        )
