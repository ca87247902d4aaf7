"""The longlist of a workspace: cards, the ranking, finding, renaming and deleting partners."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.services.model import (
    PAGE,
    CardData,
    Page,
    Reweighed,
    page_count,
)
from bot.services.rankings import Rankings
from bot.services.scoring import (
    default_weights,
    load_sheets,
    rescore,
    score,
    weights_and_change,
    weights_of,
)
from questionnaire.ranking import Ranked
from questionnaire.robustness import Field
from questionnaire.weights import Weights
from storage.models import Added, Listed, Partner, User, Workspace

log = logging.getLogger(__name__)

SYNC_LIMIT = 2000
"""Partners beyond which robustness is worked out in the background."""

KEPT = 64
"""Workspaces whose ranking and firmness are kept in memory (the most recently used)."""


class Longlist(Rankings):
    """A workspace's partners: cards, the ranking, weights, and how firm each place is."""

    async def card(self, workspace: Workspace, user: User, partner_id: int) -> CardData | None:
        """The partner's card as seen from this chat.

        In the partner's own workspace: everyone's answers (the team's card). In the viewer's
        private chat, for a team's partner they assessed: their own answers only.
        """
        async with self.db.read() as tx:
            partner = await tx.partner(workspace.id, partner_id)
            own = False
            if partner is None and workspace.kind == "private":
                mine = await tx.assessment_for(partner_id, user.id)
                partner = await tx.partner_of(mine.id) if mine else None
                own = True
            if partner is None:
                return None
            sheets = await load_sheets(
                tx, self.questionnaire, partner, only_user=user.id if own else None
            )
            notes = [note for a in sheets.opened for note in await tx.notes(a.id)]
            home = await tx.workspace_by_id(partner.workspace_id) if own else workspace
            weights = await weights_of(tx, self.questionnaire, partner.workspace_id)
            status = await tx.status(partner.id)
        card = score(self.questionnaire, partner, sheets.team, weights)
        return CardData(partner, card, sheets, notes, own, home or workspace, weights, status)

    async def cards(self, workspace: Workspace, user: User) -> list[CardData]:
        """Every partner's card, in name order (for an export)."""
        async with self.db.read() as tx:
            partners = await tx.partners(workspace.id)
        cards = [await self.card(workspace, user, p.id) for p in partners]
        return [c for c in cards if c is not None]

    async def invite(self, partner: Partner) -> str:
        if partner.invite:
            return partner.invite
        async with self.db.transaction() as tx:
            return await tx.ensure_invite(partner)

    async def add(self, workspace: Workspace, user: User, name: str) -> tuple[Partner, bool]:
        """Put a partner on the list, or find the one already called that; True if new."""
        async with self.db.transaction() as tx:
            return await tx.ensure_partner(workspace.id, name, user.id)

    async def add_many(
        self, workspace: Workspace, user: User, entries: list[tuple[str, bool | None]]
    ) -> Added:
        """Put (name, technology) on the list in one go; those on it already stay as they are."""
        async with self.db.transaction() as tx:
            return await tx.add_partners(workspace.id, user.id, entries)

    async def workspace(self, workspace_id: int) -> Workspace | None:
        async with self.db.read() as tx:
            return await tx.workspace_by_id(workspace_id)

    async def workspaces_of(self, user: User) -> list[Workspace]:
        async with self.db.read() as tx:
            return await tx.workspaces_of(user.id)

    async def search(self, workspaces: list[Workspace], text: str, limit: int) -> list[Partner]:
        async with self.db.read() as tx:
            return await tx.search_partners([w.id for w in workspaces], text, limit)

    async def find(self, workspace: Workspace, user: User, name: str) -> Partner | None:
        """The partner called this here; in a private chat, also a team's the person assessed."""
        async with self.db.read() as tx:
            partner = await tx.partner_by_name(workspace.id, name)
            if partner is None and workspace.kind == "private":
                partner = await tx.assessed_partner_by_name(user.id, name)
            return partner

    async def find_here(self, workspace: Workspace, name: str) -> Partner | None:
        """The partner called this on this list only."""
        async with self.db.read() as tx:
            return await tx.partner_by_name(workspace.id, name)

    async def partner(self, workspace: Workspace, partner_id: int) -> Partner | None:
        async with self.db.read() as tx:
            return await tx.partner(workspace.id, partner_id)

    async def all_partners(self, workspace: Workspace) -> list[Partner]:
        async with self.db.read() as tx:
            return await tx.partners(workspace.id)

    async def partners_page(self, workspace: Workspace, page: int) -> Page:
        """A page of the workspace's partners in name order; past the end gives the last."""
        async with self.db.read() as tx:
            count = await tx.count_partners(workspace.id)
            pages = page_count(count)
            page = min(max(page, 1), pages)
            partners = await tx.partners(workspace.id, offset=(page - 1) * PAGE, limit=PAGE)
        return Page(partners, page, pages, count)

    async def rename(self, workspace: Workspace, partner_id: int, name: str) -> bool:
        """False when another partner in the workspace has that name."""
        async with self.db.transaction() as tx:
            return await tx.rename_partner(workspace.id, partner_id, name)

    async def delete(self, workspace: Workspace, partner_id: int) -> Partner | None:
        async with self.db.transaction() as tx:
            partner = await tx.partner(workspace.id, partner_id)
            if partner is not None:
                await tx.delete_partner(workspace.id, partner.id)
            return partner

    @property
    def defaults(self) -> Weights:
        return default_weights(self.questionnaire)

    async def set_weights(
        self,
        workspace: Workspace,
        user: User,
        weights: Weights,
        how: str,
        *,
        at: datetime | None = None,
    ) -> Reweighed:
        """Record who changed the weights, and re-score the whole longlist with them at once;
        what changed, with the partners whose tier it moved."""
        async with self.db.transaction() as tx:
            before, previous = await weights_and_change(tx, self.questionnaire, workspace.id)
            change = await tx.change_weights(workspace.id, user.id, weights, how, at)
            partners = await tx.partners(workspace.id, standings=True)
            was = {p.id: p.summary.tier if p.summary else None for p in partners}
            now = dict(was)
            for partner in (p for p in partners if p.standing is None):
                # Scored before standings were kept: scored again in full, with the new weights.
                now[partner.id] = (await rescore(tx, self.questionnaire, partner)).tier
            partners = await tx.partners(workspace.id, standings=True)
            standings = [p.standing for p in partners if p.standing]
            scored = [p.id for p in partners if p.standing]
            if standings:  # else nobody is scored yet: the weights are all there is to save
                summaries = dict(zip(scored, Field(standings).summaries(weights), strict=True))
                await tx.save_summaries(workspace.id, summaries)
                now.update((p, s.tier) for p, s in summaries.items())
        moves = {p: (was.get(p), tier) for p, tier in now.items() if was.get(p) != tier}
        return Reweighed(change, previous.id if previous else None, before, weights, moves)

    async def preview(self, workspace: Workspace, weights: Weights) -> list[Ranked[Listed]]:
        """The ranking as it would be under other weights (nothing is saved)."""
        async with self.db.read() as tx:
            partners = await tx.partners(workspace.id, standings=True)
        scored = [p for p in partners if p.standing]
        summaries = Field([p.standing for p in scored if p.standing]).summaries(weights)
        listed = [Listed(p.id, p.name, s) for p, s in zip(scored, summaries, strict=True)]
        listed += [p.listed for p in partners if not p.standing]
        return self._rank(listed)
