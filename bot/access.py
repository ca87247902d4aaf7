"""Who may do what to a workspace: the one place that decides (PRODUCT.md §8).

A group's Telegram creator and administrators are its leads, everyone else in it a member; in
a private list its owner is the lead and nobody else is anything. What Telegram says is kept
for ten seconds at most, and replaced at once when Telegram tells of a change (`chat_member`,
`my_chat_member`, `left_chat_member`), so a removal counts within seconds even in groups that
hide joins and leaves.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from enum import IntEnum

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from storage.models import Partner, Workspace

log = logging.getLogger(__name__)

LEAD_STATUSES = {"creator", "administrator"}
MEMBER_STATUSES = {*LEAD_STATUSES, "member"}


class Role(IntEnum):
    """What a person is to a workspace, in increasing order of rights."""

    NONE = 0
    MEMBER = 1
    LEAD = 2


class Need(IntEnum):
    """What an action asks of the person doing it."""

    MEMBER = 1
    LEAD = 2
    CREATOR_OR_LEAD = 3
    """Whoever added the partner (while still a member), or a lead: deleting a partner."""


def role_of(status: str, *, is_member: bool = False) -> Role:
    """A Telegram chat member status as a role (`restricted` counts while `is_member`)."""
    if status in LEAD_STATUSES:
        return Role.LEAD
    inside = status == "member" or (status == "restricted" and is_member)
    return Role.MEMBER if inside else Role.NONE


def permits(role: Role, need: Need, user_id: int, partner: Partner | None) -> bool:
    """Whether someone of this role may do what needs `need` (to this partner)."""
    if need is Need.CREATOR_OR_LEAD:
        created = partner is not None and partner.created_by == user_id
        return role is Role.LEAD or (created and role >= Role.MEMBER)
    return role >= need


class Access:
    """Roles in groups, asked of Telegram (getChatMember) and remembered for TTL seconds."""

    TTL = 10.0
    KEEP = 10_000

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._known: dict[tuple[int, int], tuple[Role, float]] = {}

    async def role(self, bot: Bot, user_id: int, workspace: Workspace) -> Role:
        if workspace.kind == "private":
            return Role.LEAD if workspace.chat_id == user_id else Role.NONE
        key = (workspace.chat_id, user_id)
        known = self._known.get(key)
        now = self.clock()
        if known is not None and now - known[1] < self.TTL:
            return known[0]
        try:
            member = await bot.get_chat_member(workspace.chat_id, user_id)
        except TelegramAPIError as exc:  # the bot left the group, or Telegram is unreachable
            log.info("role of %s in %s unknown: %s", user_id, workspace.chat_id, exc)
            return Role.NONE
        role = role_of(member.status, is_member=bool(getattr(member, "is_member", False)))
        self._remember(key, role, now)
        return role

    async def allows(
        self, bot: Bot, user_id: int, workspace: Workspace, need: Need, partner: Partner | None
    ) -> bool:
        """Whether the person may do what needs `need` to this workspace (to this partner)."""
        return permits(await self.role(bot, user_id, workspace), need, user_id, partner)

    def learn(self, chat_id: int, user_id: int, role: Role) -> None:
        """Telegram told of a change: it counts from now."""
        self._remember((chat_id, user_id), role, self.clock())

    def forget_chat(self, chat_id: int) -> None:
        """The bot left a group, or it moved to a new id: ask again about everyone."""
        for key in [k for k in self._known if k[0] == chat_id]:
            del self._known[key]

    def _remember(self, key: tuple[int, int], role: Role, at: float) -> None:
        if len(self._known) >= self.KEEP:
            self._known.clear()  # ten seconds' memory: losing it only costs a few calls
        self._known[key] = (role, at)
