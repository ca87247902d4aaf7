"""A group's progress board as data: who stands where on each partner of the list, where its
message is, and assigning oneself from it (no Telegram here: `bot/dialog/board.py` shows it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Literal

from bot.services.model import BoardMark, BoardRow, BoardView
from bot.services.teams import final
from questionnaire.model import Questionnaire
from storage.db import Database
from storage.models import Board, Mark, Partner, Status, User, Workspace
from storage.repositories import utcnow

KNOWN_MEMBERS = 24
"""People offered as assessors of a partner: the group's most lately seen (a team is a handful)."""


class ProgressBoard:
    def __init__(
        self,
        db: Database,
        questionnaire: Questionnaire,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.clock = clock
        asked = {q.id for q in questionnaire.applicable(False)}
        everything = [q.id for q in questionnaire.applicable(True)]
        self._technology_only = [q for q in everything if q not in asked]
        self._totals = {False: len(asked), True: len(everything)}

    async def view(self, workspace: Workspace) -> BoardView:
        """Every partner of the list, in name order, each with its people:

        - assignees first: ✅ done, ◐ part-way, · not started;
        - then anyone else who answered at least one question (opening the link is not
          assessing), unless they set it aside unfinished (they left the group);
        - the tier once final (the rule of the group's ✅ line: see `teams.final`);
        - the team's decision on it, if any.
        Every mark is one expected assessment: `expected` counts them, `done` the finished.
        """
        async with self.db.read() as tx:
            partners = await tx.partners(workspace.id)
            marks = await tx.marks(workspace.id, self._technology_only)
            statuses = await tx.statuses(workspace.id)
        by_partner: dict[int, list[Mark]] = {}
        for mark in marks:
            by_partner.setdefault(mark.partner_id, []).append(mark)
        rows = [self._row(p, by_partner.get(p.id, []), statuses.get(p.id)) for p in partners]
        shown = [m for row in rows for m in row.marks]
        days_left = None
        if workspace.deadline is not None:
            zone = workspace.zone(workspace.lang or "en")
            days_left = (workspace.deadline - self.clock().astimezone(zone).date()).days
        return BoardView(
            rows=tuple(rows),
            done=sum(1 for m in shown if m.state == "done"),
            expected=len(shown),
            deadline=workspace.deadline,
            days_left=days_left,
        )

    def _row(self, partner: Partner, marks: list[Mark], status: Status | None) -> BoardRow:
        technology = bool(partner.technology)
        total = self._totals[technology]
        shown = []
        state: Literal["done", "started", "waiting"]
        for mark in marks:
            answered = mark.answered - (0 if technology else mark.technology_only)
            if mark.finished:
                state = "done"
            elif answered > 0 and (mark.assigned or not mark.set_aside):
                state = "started"
            elif mark.assigned:
                state = "waiting"
            else:
                continue
            shown.append(BoardMark(mark.first_name, state, min(answered, total), total))
        assigned = {m.user_id for m in marks if m.assigned}
        tier = None
        if final(assigned, {m.user_id for m in marks if m.finished}):
            summary = partner.summary
            tier = summary.tier.value if summary and summary.tier else "-"
        kind = status.kind if status else None
        return BoardRow(partner.id, partner.name, tuple(shown), tier, kind)

    async def board(self, workspace_id: int) -> Board | None:
        async with self.db.read() as tx:
            return await tx.board(workspace_id)

    async def boards(self) -> list[Board]:
        async with self.db.read() as tx:
            return await tx.boards()

    async def posted(self, workspace_id: int, message_id: int, shown: str) -> Board | None:
        """A new board message: it is the live one from now; the one it replaces."""
        async with self.db.transaction() as tx:
            return await tx.put_board(workspace_id, message_id, shown)

    async def shows(self, board: Board, page: int, picking: bool, shown: str) -> None:
        async with self.db.statement() as tx:
            await tx.board_shows(board.workspace_id, board.message_id, page, picking, shown)

    async def gone(self, board: Board) -> None:
        async with self.db.statement() as tx:
            await tx.drop_board(board.workspace_id, board.message_id)

    async def workspace(self, workspace_id: int) -> Workspace | None:
        async with self.db.read() as tx:
            return await tx.workspace_by_id(workspace_id)

    async def toggle(self, partner: Partner, user: User) -> bool:
        """The person assigns themselves to the partner, or stops being assigned; whether they
        are assigned now."""
        async with self.db.transaction() as tx:
            assigned = {u.id for u in await tx.assignees(partner.id)}
            if user.id in assigned:
                await tx.unassign(partner.id, [user.id])
            else:
                await tx.assign(partner.id, [user.id], user.id)
            return user.id not in assigned

    async def candidates(self, partner: Partner) -> list[tuple[int, str, bool]]:
        """Who may be asked to assess the partner: its assignees and the people lately seen in
        its group, as (id, first name, assigned)."""
        async with self.db.read() as tx:
            assignees = await tx.assignees(partner.id)
            seen = await tx.seen_members(partner.workspace_id, KNOWN_MEMBERS)
        people = [(u.id, u.first_name, True) for u in assignees]
        ids = {u.id for u in assignees}
        people += [(i, name, False) for i, name in seen if i not in ids]
        return people[:KNOWN_MEMBERS]

    async def set_assigned(self, partner: Partner, person: int, by: User, on: bool) -> None:
        async with self.db.transaction() as tx:
            if on:
                await tx.assign(partner.id, [person], by.id)
            else:
                await tx.unassign(partner.id, [person])
