"""Weights governance (PRODUCT.md §8): every change saved and kept as history; in a group, a
line per change (one line for a quick run of one lead's changes), undone within a day.

Who may change or undo is the guard's to decide, before any of this is asked."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.services.longlist import Longlist
from bot.services.model import Reweighed, WeightsNews, WeightsPanel
from questionnaire.weights import Weights
from storage.db import Database
from storage.models import TierMove, User, WeightLine, Workspace
from storage.repositories import utcnow

RUN = timedelta(seconds=60)
"""Changes by one person this close to the one before are told in the same line."""
UNDO_FOR = timedelta(hours=24)
HISTORY = 10

Undo = Literal["done", "late", "changed", "undone", "gone"]
"""What pressing Undo did: undone now; too late; the weights changed since (a later change
must be undone first); undone already; no such line here."""


@dataclass(frozen=True)
class Told:
    """The group's line that tells of a saved change."""

    line: int
    new: bool
    """A new line to post (False: the change joined the line of a run)."""
    message_id: int | None
    """The line's message once posted (None: new, or still waiting to be posted)."""


def moved_sections(before: Weights, after: Weights, named: Sequence[int] = ()) -> list[int]:
    """The named sections whose weight differs, or else every one that does; the largest
    move first."""
    changed = [s for s in named if before.get(s) != after.get(s)]
    changed = changed or [s for s in after if before.get(s) != after[s]]
    return sorted(changed, key=lambda s: -abs(after[s] - before.get(s, 0)))


def merged(kept: Mapping[int, TierMove], new: Mapping[int, TierMove]) -> dict[int, TierMove]:
    """A run's moves: each partner's tier before the run's first change and after its last;
    those back where they started are dropped."""
    moves = dict(kept)
    for partner, (was, now) in new.items():
        moves[partner] = (moves[partner][0] if partner in moves else was, now)
    return {p: (was, now) for p, (was, now) in moves.items() if was != now}


class WeightLog:
    def __init__(
        self, db: Database, longlist: Longlist, *, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self.db = db
        self.longlist = longlist
        self.clock = clock

    async def save(
        self,
        workspace: Workspace,
        user: User,
        weights: Weights,
        how: str,
        section: int | None = None,
    ) -> Told | None:
        """Save new weights (re-scoring the list); in a group, the line that tells of them.

        `section`: the one section a step moved (the others only made room for it).
        """
        now = self.clock()
        saved = await self.longlist.set_weights(workspace, user, weights, how, at=now)
        if workspace.kind != "group":
            return None
        named = [section] if section is not None else moved_sections(saved.before, saved.after)
        async with self.db.transaction() as tx:
            latest = await tx.latest_weight_line(workspace.id)
            if latest is not None and self._continues(latest, user, saved, now):
                named = [*latest.named, *(s for s in named if s not in latest.named)]
                moves = merged(latest.moves, saved.moves)
                await tx.extend_weight_line(latest.id, saved.change, named, moves, now)
                return Told(latest.id, False, latest.message_id)
            line = await tx.add_weight_line(
                workspace.id, user.id, saved.change, saved.before, named, saved.moves, now
            )
        return Told(line, True, None)

    @staticmethod
    def _continues(line: WeightLine, user: User, saved: Reweighed, now: datetime) -> bool:
        """Whether a change goes on the line's run: the same person, right after its last
        change (nobody changed the weights between), within RUN of it, and not undone."""
        return (
            line.user_id == user.id
            and line.last_change == saved.previous
            and line.undone_by is None
            and now - line.updated_at <= RUN
        )

    async def posted(self, line: int, message_id: int) -> None:
        async with self.db.statement() as tx:
            await tx.weight_line_posted(line, message_id)

    async def news(self, workspace: Workspace, line_id: int) -> WeightsNews | None:
        """The line as it reads now (None: no such line in this workspace)."""
        async with self.db.read() as tx:
            line = await tx.weight_line(workspace.id, line_id)
            listed = await tx.listed(workspace.id) if line and line.moves else []
        if line is None:
            return None
        sections = moved_sections(line.before, line.after, line.named)
        moved = sorted(
            (p for p in listed if p.id in line.moves),
            key=lambda p: (-(p.summary.score if p.summary else 0), p.name),
        )
        return WeightsNews(
            line.id,
            line.user,
            [(s, line.before.get(s, 0), line.after[s]) for s in sections],
            [(p.name, line.moves[p.id]) for p in moved],
            line.undone_by,
            undoable=line.undone_by is None and self.clock() - line.updated_at <= UNDO_FOR,
        )

    async def undo(self, workspace: Workspace, user: User, line_id: int) -> Undo:
        """Put the weights back as they were before the line's change (its run's first), as a
        change of its own, told in no line of its own."""
        now = self.clock()
        async with self.db.read() as tx:
            line = await tx.weight_line(workspace.id, line_id)
            latest = await tx.weight_change(workspace.id)
        if line is None:
            return "gone"
        if line.undone_by is not None:
            return "undone"
        if now - line.updated_at > UNDO_FOR:
            return "late"
        if latest is None or latest.weights != line.after:
            return "changed"
        async with self.db.transaction() as tx:
            latest = await tx.weight_change(workspace.id)  # again, with the line marked at once
            if latest is None or latest.weights != line.after:
                return "changed"  # another lead saved weights meanwhile: theirs stay
            if not await tx.undo_weight_line(line.id, user.id):
                return "undone"  # pressed twice at once: the other press undid it
        await self.longlist.set_weights(workspace, user, line.before, "undo", at=now)
        return "done"

    async def panel(self, workspace: Workspace) -> WeightsPanel:
        """The weights as /weights shows them; in a group, with the latest changes."""
        weights, change = await self.longlist.weights(workspace)
        if workspace.kind != "group":
            return WeightsPanel(weights, change, None)
        async with self.db.read() as tx:
            history = await tx.weight_history(workspace.id, HISTORY)
        return WeightsPanel(weights, change, history)
