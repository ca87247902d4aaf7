"""Who is assigned to assess which partner, and what waits for a person."""

from __future__ import annotations

from storage.models import Assessment, Partner, User
from storage.queries.assessments import _assessment
from storage.queries.base import Queries, utcnow
from storage.queries.partners import _partner
from storage.queries.people import _user


class AssignmentQueries(Queries):
    async def users_by_username(self, usernames: list[str]) -> dict[str, User]:
        """People the bot knows by these @usernames (case-insensitive), by lowercased name."""
        if not usernames:
            return {}
        marks = ",".join("?" * len(usernames))
        rows = await self._all(
            f"SELECT * FROM users WHERE lower(username) IN ({marks})",
            [name.lower() for name in usernames],
        )
        return {row["username"].lower(): _user(row) for row in rows}

    async def assign(self, partner_id: int, user_ids: list[int], by: int) -> None:
        now = utcnow().isoformat()
        for user_id in user_ids:
            await self._run(
                "INSERT OR IGNORE INTO assignments (partner_id, user_id, assigned_by, assigned_at)"
                " VALUES (?, ?, ?, ?)",
                (partner_id, user_id, by, now),
            )

    async def assignees(self, partner_id: int) -> list[User]:
        rows = await self._all(
            "SELECT u.* FROM assignments s JOIN users u ON u.id = s.user_id "
            "WHERE s.partner_id = ? ORDER BY s.assigned_at, u.first_name",
            (partner_id,),
        )
        return [_user(row) for row in rows]

    async def waiting_for(self, user_id: int) -> list[tuple[Partner, Assessment | None]]:
        """Partners assigned to the person and not finished by them, and those they started and
        left unfinished (not set aside): each with their assessment, if started."""
        rows = await self._all(
            """
            SELECT p.id AS pid, a.id AS aid FROM assignments s
              JOIN partners p ON p.id = s.partner_id
              LEFT JOIN assessments a ON a.partner_id = p.id AND a.user_id = s.user_id
             WHERE s.user_id = ? AND a.finished_at IS NULL AND a.set_aside_at IS NULL
            UNION
            SELECT a.partner_id AS pid, a.id AS aid FROM assessments a
             WHERE a.user_id = ? AND a.finished_at IS NULL AND a.set_aside_at IS NULL
            """,
            (user_id, user_id),
        )
        found: list[tuple[Partner, Assessment | None]] = []
        for row in rows:
            prow = await self._one("SELECT * FROM partners WHERE id = ?", (row["pid"],))
            arow = None
            if row["aid"] is not None:
                arow = await self._one(
                    "SELECT a.*, u.first_name FROM assessments a JOIN users u ON u.id = a.user_id"
                    " WHERE a.id = ?",
                    (row["aid"],),
                )
            if prow is not None:
                found.append((_partner(prow), _assessment(arow) if arow else None))
        return found
