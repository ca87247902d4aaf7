"""A group's progress board: where its message is, and who stands where on each partner."""

from __future__ import annotations

import sqlite3

from storage.models import Board, Mark
from storage.queries.base import Queries, utcnow


def _board(row: sqlite3.Row) -> Board:
    return Board(
        row["workspace_id"], row["message_id"], row["page"], bool(row["picking"]), row["shown"]
    )


class BoardQueries(Queries):
    async def board(self, workspace_id: int) -> Board | None:
        row = await self._one("SELECT * FROM boards WHERE workspace_id = ?", (workspace_id,))
        return _board(row) if row else None

    async def boards(self) -> list[Board]:
        """Every live board (a few per team: read at start-up)."""
        return [_board(row) for row in await self._all("SELECT * FROM boards")]

    async def put_board(self, workspace_id: int, message_id: int, shown: str) -> Board | None:
        """The workspace's board is now this message, on its first page; the one before."""
        before = await self.board(workspace_id)
        await self._run(
            """
            INSERT INTO boards (workspace_id, message_id, page, picking, shown, posted_at)
            VALUES (?, ?, 1, 0, ?, ?)
            ON CONFLICT (workspace_id) DO UPDATE SET message_id = excluded.message_id,
              page = 1, picking = 0, shown = excluded.shown, posted_at = excluded.posted_at
            """,
            (workspace_id, message_id, shown, utcnow().isoformat()),
        )
        return before

    async def board_shows(
        self, workspace_id: int, message_id: int, page: int, picking: bool, shown: str
    ) -> None:
        """What that board's message shows now (nothing changes if it is no longer the one)."""
        await self._run(
            "UPDATE boards SET page = ?, picking = ?, shown = ? "
            "WHERE workspace_id = ? AND message_id = ?",
            (page, picking, shown, workspace_id, message_id),
        )

    async def drop_board(self, workspace_id: int, message_id: int) -> None:
        """The message is gone: no board until the next /board."""
        await self._run(
            "DELETE FROM boards WHERE workspace_id = ? AND message_id = ?",
            (workspace_id, message_id),
        )

    async def marks(self, workspace_id: int, technology_only: list[str]) -> list[Mark]:
        """Everyone assigned to a partner of the list or who answered one of its questions,
        assignees first (in the order assigned), then the others in the order they started."""
        marks = ",".join("?" * len(technology_only)) or "NULL"
        rows = await self._all(
            f"""
            WITH pairs AS (
              SELECT s.partner_id, s.user_id FROM assignments s
                JOIN partners p ON p.id = s.partner_id WHERE p.workspace_id = ?
              UNION
              SELECT a.partner_id, a.user_id FROM assessments a
                JOIN partners p ON p.id = a.partner_id WHERE p.workspace_id = ?
            )
            SELECT x.partner_id, u.id, u.first_name, s.user_id IS NOT NULL,
                   (SELECT count(*) FROM answers n WHERE n.assessment_id = a.id),
                   (SELECT count(*) FROM answers n WHERE n.assessment_id = a.id
                       AND n.question_id IN ({marks})),
                   a.finished_at IS NOT NULL, a.set_aside_at IS NOT NULL
              FROM pairs x JOIN users u ON u.id = x.user_id
              LEFT JOIN assignments s ON s.partner_id = x.partner_id AND s.user_id = u.id
              LEFT JOIN assessments a ON a.partner_id = x.partner_id AND a.user_id = u.id
             ORDER BY x.partner_id, s.user_id IS NULL, s.assigned_at,
                      CASE WHEN s.user_id IS NULL THEN a.started_at END, u.first_name
            """,
            [workspace_id, workspace_id, *technology_only],
        )
        return [
            Mark(row[0], row[1], row[2], bool(row[3]), row[4], row[5], bool(row[6]), bool(row[7]))
            for row in rows
        ]

    async def unassign(self, partner_id: int, user_ids: list[int]) -> None:
        for user_id in user_ids:
            await self._run(
                "DELETE FROM assignments WHERE partner_id = ? AND user_id = ?",
                (partner_id, user_id),
            )

    async def assign_later_no_more(self, partner_id: int, usernames: list[str]) -> None:
        """These @usernames (without the @) are no longer to be assigned once seen."""
        for name in usernames:
            await self._run(
                "DELETE FROM pending_assignees WHERE partner_id = ? AND username = ?",
                (partner_id, name.lower()),
            )

    async def seen_members(self, workspace_id: int, limit: int) -> list[tuple[int, str]]:
        """(id, first name) of the people seen in the group, the most lately seen first."""
        rows = await self._all(
            "SELECT u.id, u.first_name FROM members m JOIN users u ON u.id = m.user_id "
            "WHERE m.workspace_id = ? ORDER BY m.seen_at DESC, u.first_name LIMIT ?",
            (workspace_id, limit),
        )
        return [(row[0], row[1]) for row in rows]
