"""Which list a person's private commands work on, and assessors waiting to be seen."""

from __future__ import annotations

from datetime import datetime

from storage.models import ListChoice
from storage.queries.base import Queries, utcnow


class ListQueries(Queries):
    async def list_choice(self, user_id: int) -> ListChoice | None:
        row = await self._one("SELECT * FROM list_choices WHERE user_id = ?", (user_id,))
        if row is None:
            return None
        chosen = row["chosen_at"]
        return ListChoice(
            row["workspace_id"], datetime.fromisoformat(chosen) if chosen else None, row["pending"]
        )

    async def choose_list(self, user_id: int, workspace_id: int, at: datetime) -> str:
        """Keep the pick; the command that waited for it (cleared: it goes on once)."""
        before = await self.list_choice(user_id)
        await self._run(
            """
            INSERT INTO list_choices (user_id, workspace_id, chosen_at, pending)
            VALUES (?, ?, ?, '')
            ON CONFLICT (user_id) DO UPDATE SET
              workspace_id = excluded.workspace_id, chosen_at = excluded.chosen_at, pending = ''
            """,
            (user_id, workspace_id, at.isoformat()),
        )
        return before.pending if before else ""

    async def wait_for_list(self, user_id: int, command: str) -> None:
        """The command to go on with once a list is picked; the old pick no longer holds."""
        await self._run(
            """
            INSERT INTO list_choices (user_id, workspace_id, chosen_at, pending)
            VALUES (?, NULL, NULL, ?)
            ON CONFLICT (user_id) DO UPDATE SET
              workspace_id = NULL, chosen_at = NULL, pending = excluded.pending
            """,
            (user_id, command),
        )

    async def assign_later(self, partner_id: int, usernames: list[str], by: int) -> None:
        """Assessors by @username (without the @), to be assigned once seen in the group."""
        now = utcnow().isoformat()
        for name in usernames:
            await self._run(
                "INSERT OR IGNORE INTO pending_assignees (partner_id, username, assigned_by,"
                " named_at) VALUES (?, ?, ?, ?)",
                (partner_id, name.lower(), by, now),
            )

    async def claim_pending(self, workspace_id: int, user_id: int, username: str) -> int:
        """The person, seen in the group, takes over what waited for their @username there:
        how many partners were assigned to them."""
        name = username.lower()
        mine = "SELECT id FROM partners WHERE workspace_id = ?"
        assigned = await self._run(
            f"""
            INSERT OR IGNORE INTO assignments (partner_id, user_id, assigned_by, assigned_at)
            SELECT partner_id, ?, assigned_by, ? FROM pending_assignees
             WHERE username = ? AND partner_id IN ({mine})
            """,
            (user_id, utcnow().isoformat(), name, workspace_id),
        )
        await self._run(
            f"DELETE FROM pending_assignees WHERE username = ? AND partner_id IN ({mine})",
            (name, workspace_id),
        )
        return max(assigned, 0)

    async def pending_assignees(self, partner_id: int) -> list[str]:
        """The @usernames (without the @) waiting to be seen to be assigned to the partner."""
        rows = await self._all(
            "SELECT username FROM pending_assignees WHERE partner_id = ? ORDER BY named_at,"
            " username",
            (partner_id,),
        )
        return [row["username"] for row in rows]
