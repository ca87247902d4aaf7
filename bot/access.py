"""Who may do what to a workspace: the one place that decides (PRODUCT.md §8).

A group's Telegram creator and administrators are its leads, everyone else in it a member; in
a private list its owner is the lead and nobody else is anything. What Telegram says is kept
for ten seconds at most, and replaced at once when Telegram tells of a change (`chat_member`,
`my_chat_member`, `left_chat_member`), so a removal counts within seconds even in groups that
hide joins and leaves.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from enum import IntEnum

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError

from storage.cache import Bounded
from storage.models import Partner, Workspace

log = logging.getLogger(__name__)

LEAD_STATUSES = {"creator", "administrator"}
MEMBER_STATUSES = {*LEAD_STATUSES, "member"}


class Role(IntEnum):
    """What a person is to a workspace, in increasing order of rights."""

    UNKNOWN = -1
    """Telegram could not be asked just now: neither allowed nor known to have left."""
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
    """Roles in groups, asked of Telegram (getChatMember) and remembered for TTL seconds.

    Past half the TTL a remembered role is still used, and asked again in the background, so
    that an answer rarely waits for Telegram while a removal still counts within the TTL.
    """

    TTL = 10.0
    KEEP = 10_000

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._known: Bounded[tuple[int, int], Role] = Bounded(
            self.KEEP, ttl=self.TTL, clock=lambda: self.clock()
        )
        self._asking: dict[tuple[int, int], asyncio.Task[Role]] = {}

    async def role(self, bot: Bot, user_id: int, workspace: Workspace) -> Role:
        if workspace.kind == "private":
            return Role.LEAD if workspace.chat_id == user_id else Role.NONE
        key = (workspace.chat_id, user_id)
        known = self._known.get(key)  # None past the TTL too
        if known is None:
            return await self._ask(bot, key)
        if (self._known.age(key) or 0) >= self.TTL / 2 and key not in self._asking:
            task = asyncio.create_task(self._ask(bot, key))
            self._asking[key] = task
            task.add_done_callback(lambda _: self._asking.pop(key, None))
        return known

    async def allows(
        self, bot: Bot, user_id: int, workspace: Workspace, need: Need, partner: Partner | None
    ) -> bool:
        """Whether the person may do what needs `need` to this workspace (to this partner)."""
        return permits(await self.role(bot, user_id, workspace), need, user_id, partner)

    async def close(self) -> None:
        """At shutdown: the questions still out in the background are dropped."""
        for task in list(self._asking.values()):
            task.cancel()
        await asyncio.gather(*self._asking.values(), return_exceptions=True)

    def learn(self, chat_id: int, user_id: int, role: Role) -> None:
        """Telegram told of a change: it counts from now."""
        self._remember((chat_id, user_id), role)

    def forget_chat(self, chat_id: int) -> None:
        """The bot left a group, or it moved to a new id: ask again about everyone."""
        self._known.drop(lambda key: key[0] == chat_id)

    async def _ask(self, bot: Bot, key: tuple[int, int]) -> Role:
        chat_id, user_id = key
        try:
            member = await bot.get_chat_member(chat_id, user_id)
        except (TelegramBadRequest, TelegramForbiddenError) as exc:
            # The group is gone for the bot (it was removed, or the group was deleted).
            log.info("role of %s in %s: none (%s)", user_id, chat_id, exc)
            role = Role.NONE
        except TelegramAPIError as exc:  # unreachable, or busy past Resilience's retries
            log.warning("role of %s in %s unknown: %s", user_id, chat_id, exc)
            return Role.UNKNOWN
        else:
            role = role_of(member.status, is_member=bool(getattr(member, "is_member", False)))
        self._remember(key, role)
        return role

    def _remember(self, key: tuple[int, int], role: Role) -> None:
        self._known.put(key, role)
