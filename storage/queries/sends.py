"""What the scheduler sends on a list's behalf (migration 16), and what it reads to decide:
lists with a deadline, who is behind, what changed for the digest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, cast

from questionnaire.model import Lang
from storage.models import Workspace
from storage.queries.base import Queries
from storage.queries.people import _workspace

SendKind = Literal["nudge", "overdue", "digest"]


@dataclass(frozen=True)
class Owed:
    """One partner a person is to assess on a list, and how far they are (None: not started)."""

    user_id: int
    partner_id: int
    assessment_id: int | None
    finished: bool


@dataclass(frozen=True)
class Finished:
    partner_id: int
    partner: str
    user: str
    at: datetime


@dataclass(frozen=True)
class Digested:
    """The last digest's row of a list: when, for which day, and what it knew (JSON)."""

    day: date
    at: datetime
    state: str | None


class SendQueries(Queries):
    async def claim_send(
        self,
        workspace_id: int,
        kind: SendKind,
        day: date,
        at: datetime,
        *,
        user_id: int = 0,
        state: str | None = None,
    ) -> bool:
        """Record a send before it is made; False when it was recorded already (made, or being
        made by a run that was stopped halfway: never made twice)."""
        changed = await self._run(
            "INSERT OR IGNORE INTO sends (workspace_id, kind, user_id, day, at, state)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (workspace_id, kind, user_id, day.isoformat(), at.isoformat(), state),
        )
        return changed == 1

    async def sent_to(self, workspace_id: int, kind: SendKind, day: date) -> set[int]:
        """Whom this kind of send went to on the list's day (0: the list's chat itself)."""
        rows = await self._all(
            "SELECT user_id FROM sends WHERE workspace_id = ? AND kind = ? AND day = ?",
            (workspace_id, kind, day.isoformat()),
        )
        return {row["user_id"] for row in rows}

    async def last_digest(self, workspace_id: int) -> Digested | None:
        row = await self._one(
            "SELECT day, at, state FROM sends WHERE workspace_id = ? AND kind = 'digest'"
            " ORDER BY day DESC LIMIT 1",
            (workspace_id,),
        )
        if row is None:
            return None
        return Digested(
            date.fromisoformat(row["day"]), datetime.fromisoformat(row["at"]), row["state"]
        )

    async def with_deadline(self) -> list[tuple[Workspace, Lang]]:
        """Lists with a deadline set, each with its language (a private list's: its person's)."""
        return await self._with_lang("w.deadline IS NOT NULL")

    async def groups(self) -> list[tuple[Workspace, Lang]]:
        return await self._with_lang("w.kind = 'group'")

    async def _with_lang(self, where: str) -> list[tuple[Workspace, Lang]]:
        rows = await self._all(
            "SELECT w.*, COALESCE(w.lang, u.lang, 'ru') AS shown_lang FROM workspaces w"
            f" LEFT JOIN users u ON u.id = w.chat_id AND w.kind = 'private' WHERE {where}"
        )
        return [(_workspace(row), cast(Lang, row["shown_lang"])) for row in rows]

    async def owed(self, workspace: Workspace) -> list[Owed]:
        """What the list waits for, per person. A group's: each assignment, finished or not; a
        private list's: each of its partners, for its person. Set-aside assessments (their
        person left the group) are left out."""
        if workspace.kind == "group":
            sql = """
            SELECT s.user_id, p.id AS pid, a.id AS aid, a.finished_at FROM assignments s
              JOIN partners p ON p.id = s.partner_id
              LEFT JOIN assessments a ON a.partner_id = p.id AND a.user_id = s.user_id
             WHERE p.workspace_id = ? AND a.set_aside_at IS NULL
             ORDER BY s.user_id, p.name_key
            """
            params: tuple[int, ...] = (workspace.id,)
        else:
            sql = """
            SELECT ? AS user_id, p.id AS pid, a.id AS aid, a.finished_at FROM partners p
              LEFT JOIN assessments a ON a.partner_id = p.id AND a.user_id = ?
             WHERE p.workspace_id = ? AND a.set_aside_at IS NULL
             ORDER BY p.name_key
            """
            params = (workspace.chat_id, workspace.chat_id, workspace.id)
        rows = await self._all(sql, params)
        return [
            Owed(row["user_id"], row["pid"], row["aid"], row["finished_at"] is not None)
            for row in rows
        ]

    async def finished_since(self, workspace_id: int, since: datetime) -> list[Finished]:
        rows = await self._all(
            """
            SELECT p.id AS pid, p.name, u.first_name, a.finished_at FROM assessments a
              JOIN partners p ON p.id = a.partner_id JOIN users u ON u.id = a.user_id
             WHERE p.workspace_id = ? AND a.finished_at > ?
             ORDER BY a.finished_at
            """,
            (workspace_id, since.isoformat()),
        )
        return [
            Finished(
                row["pid"],
                row["name"],
                row["first_name"],
                datetime.fromisoformat(row["finished_at"]),
            )
            for row in rows
        ]

    async def assessed_by_several(self, workspace_id: int) -> list[int]:
        """Partners with answers from two people or more: the ones that can disagree."""
        rows = await self._all(
            """
            SELECT a.partner_id FROM assessments a JOIN partners p ON p.id = a.partner_id
             WHERE p.workspace_id = ?
               AND EXISTS (SELECT 1 FROM answers x WHERE x.assessment_id = a.id)
             GROUP BY a.partner_id HAVING count(*) >= 2
            """,
            (workspace_id,),
        )
        return [row["partner_id"] for row in rows]
