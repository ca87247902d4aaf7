"""What a person's teams look like from elsewhere: a partner's name on a team's list, a partner
wherever it lives, what a group was last told of a partner's tier, and which list the person's
private list commands work on (PRODUCT.md §8 "The team's list in private")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from storage.db import Database
from storage.models import Partner, User, Workspace
from storage.repositories import Tx, utcnow

HOLD = timedelta(minutes=30)
"""How long a pick of a list holds: a working session, not a setting to forget about."""


def final(assigned: set[int], finished: set[int]) -> bool:
    """Whether a partner's tier is final: once all its assignees have finished (others may
    assess too, but the tier waits for those asked to); unassigned, from the first finish."""
    return assigned <= finished if assigned else bool(finished)


class Teams:
    def __init__(self, db: Database, *, clock: Callable[[], datetime] = utcnow) -> None:
        self.db = db
        self.clock = clock
        """When a pick of a list was made, and whether it still holds."""

    async def lists_of(self, user: User) -> list[Workspace]:
        """The groups the person was seen in, by title (membership is not checked here)."""
        async with self.db.read() as tx:
            every = await tx.workspaces_of(user.id)
        return sorted((w for w in every if w.kind == "group"), key=lambda w: w.title.casefold())

    async def chosen(self, user: User) -> Workspace | None:
        """The list picked less than 30 minutes ago; None when there is none (or it is gone)."""
        async with self.db.read() as tx:
            choice = await tx.list_choice(user.id)
            if choice is None or choice.workspace_id is None or choice.chosen_at is None:
                return None
            if self.clock() - choice.chosen_at >= HOLD:
                return None
            return await tx.workspace_by_id(choice.workspace_id)

    async def choose(self, user: User, workspace: Workspace) -> str:
        """Keep the pick from now; the command that waited for it ("" for none)."""
        async with self.db.transaction() as tx:
            return await tx.choose_list(user.id, workspace.id, self.clock())

    async def wait(self, user: User, command: str) -> None:
        """Ask again: the command goes on once a list is picked."""
        async with self.db.transaction() as tx:
            await tx.wait_for_list(user.id, command)

    async def on_teams(self, user: User, name: str) -> list[tuple[Partner, Workspace]]:
        """Partners called this on the lists of groups the person was seen in, with each
        group (membership is not checked here)."""
        async with self.db.read() as tx:
            partners = await tx.team_partners_named(user.id, name)
            homes = await tx.workspaces_by_id([p.workspace_id for p in partners])
        return [(p, homes[p.workspace_id]) for p in partners if p.workspace_id in homes]

    async def home_of(self, partner_id: int) -> tuple[Partner, Workspace] | None:
        """A partner wherever it is, with its workspace (callers check who may see it)."""
        async with self.db.read() as tx:
            partner = await tx.home_of(partner_id=partner_id)
            home = await tx.workspace_by_id(partner.workspace_id) if partner else None
        return (partner, home) if partner and home else None

    async def announce(self, partner_id: int) -> tuple[str | None, str] | None:
        """What the partner's group should hear now: the tier it was last told (None: never)
        and the tier now ("-": none yet); None when it was told this already, or when the
        tier is not final yet (some of the partner's assignees have not finished)."""
        async with self.db.transaction() as tx:
            partner = await tx.home_of(partner_id=partner_id)
            if partner is None or not await self._final(tx, partner_id):
                return None
            now = partner.summary.tier.value if partner.summary and partner.summary.tier else "-"
            before = await tx.announce(partner_id, now)
        return None if before == now else (before, now)

    @staticmethod
    async def _final(tx: Tx, partner_id: int) -> bool:
        finished = {a.user_id for a in await tx.assessments(partner_id) if a.finished}
        return final({u.id for u in await tx.assignees(partner_id)}, finished)
