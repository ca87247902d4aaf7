"""Every message and button a handler takes is checked here first, against `Access`.

What an update acts on is found the same way for every handler, so a new one cannot forget:
- the chat's own workspace: in a group, the person must be a member of it;
- what a button points at (its field marked `Points`: a partner, an assessment, or a list),
  wherever it lives: a team's partner (or list) seen from a private chat needs membership of
  that group;
- in a private chat, the partner of the open question, for what is typed or sent there (notes
  and evidence).
What the action asks (member, lead, or whoever added the partner) comes from the button's
`need()` or the handler's flag `need`, and applies to the workspace acted on. Handlers that
anyone may reach (service messages: someone left, the group moved) carry the flag `ANYONE`.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from aiogram import BaseMiddleware, Bot
from aiogram.dispatcher.flags import get_flag
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.access import Access, Need, Role, permits
from bot.dialog.screen import Screen
from bot.render.texts import T
from bot.telegram import states
from bot.telegram.pointing import pointed_at
from bot.telegram.states import QuestionOpen, TechnologyAsked
from storage.db import Database
from storage.models import Partner, User, Workspace

GUARDED = ("message", "edited_message", "callback_query")
"""The updates of people acting in a chat, each checked before any handler takes it. Inline
queries span lists, and check each list they show (handlers/sharing.py)."""
ANYONE = "anyone"
"""The flag of a handler anyone may reach: `flags={ANYONE: True}`."""
NEED = "need"
"""The flag of a message handler that asks more than membership: `flags={NEED: Need.LEAD}`."""


@runtime_checkable
class Led(Protocol):
    """Callback data of a button that asks more than membership of whoever presses it."""

    def need(self) -> Need: ...


@dataclass(frozen=True)
class Target:
    """The workspace an update acts on, and the partner when it had to be read."""

    workspace_id: int
    partner: Partner | None = None


class Guard(BaseMiddleware):
    """Refuses what the person may not do, with a short reason; lets the rest through."""

    def __init__(self, db: Database, access: Access) -> None:
        self.db = db
        self.access = access

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("user")
        chat: Workspace | None = data.get("workspace")
        if user is None or get_flag(data, ANYONE):
            return await handler(event, data)
        if chat is None:  # a channel's post: nobody's list
            return None
        bot: Bot = data["bot"]
        button = data.get("callback_data")
        need: Need = (
            button.need() if isinstance(button, Led) else get_flag(data, NEED, default=Need.MEMBER)
        )
        target = await self._target(event, button, data.get("state"))
        place, partner = chat, target.partner if target else None
        if target is not None and target.workspace_id != chat.id:
            home = await self._workspace(target.workspace_id)
            if home is None:  # deleted meanwhile: the handler finds nothing and says so
                return await handler(event, data)
            place = home
        for where in (chat, place) if place is not chat else (chat,):
            asked = need if where is place else Need.MEMBER
            role = await self.access.role(bot, user.id, where)
            if not permits(role, asked, user.id, partner if where is place else None):
                why = await self._why(role, asked, where, chat, user)
                await self._refuse(event, data, why, where)
                return None
        return await handler(event, data)

    async def _target(
        self, event: TelegramObject, button: CallbackData | None, state: FSMContext | None
    ) -> Target | None:
        """What the update acts on beyond the chat; None when it points at nothing."""
        step = await states.read(state) if state is not None else None
        home = step.home if isinstance(step, QuestionOpen | TechnologyAsked) else 0
        if button is not None:
            pointed = pointed_at(button)
            if pointed is None:
                return None
            kind, id_ = pointed
            if kind == "workspace":
                return Target(id_)  # a list itself: whose it is comes with the workspace
            if (
                isinstance(step, QuestionOpen)
                and home
                and (kind, id_)
                == (
                    "assessment",
                    step.assessment,
                )
            ):
                return Target(home)  # the open question's: known without a read
        elif (
            isinstance(event, Message)
            and event.chat.type == "private"
            and not (event.text or "").startswith("/")
            and home
        ):
            return Target(home)  # a note on the open question (or evidence)
        else:
            return None
        async with self.db.read() as tx:
            partner = await tx.home_of(**{f"{kind}_id": id_})
        return Target(partner.workspace_id, partner) if partner else None

    async def _workspace(self, workspace_id: int) -> Workspace | None:
        async with self.db.read() as tx:
            return await tx.workspace_by_id(workspace_id)

    async def _why(
        self, role: Role, need: Need, where: Workspace, chat: Workspace, user: User
    ) -> str:
        """The alert key that says why: never naming a list the person was never part of."""
        if role is Role.UNKNOWN:
            return "alert.unknown_role"
        if role is Role.NONE and where is chat:
            return "alert.not_member"
        if role is Role.NONE:
            async with self.db.read() as tx:
                seen = where.kind == "group" and await tx.seen_in(where.id, user.id)
            return "alert.left" if seen else "alert.stale_button"
        return "alert.lead_only" if need is Need.LEAD else "alert.not_yours"

    async def _refuse(
        self, event: TelegramObject, data: dict[str, Any], why: str, place: Workspace
    ) -> None:
        t: T = data["t"]
        screen: Screen | None = data.get("screen")
        message = event.message if isinstance(event, CallbackQuery) else event
        # When the open question belongs to the group the person left, it is set aside, so
        # that nothing keeps asking them to answer what they may no longer answer.
        if why == "alert.left" and screen is not None and isinstance(message, Message):
            step = await screen.step()
            if isinstance(step, QuestionOpen | TechnologyAsked) and step.home == place.id:
                await screen.close(message)
                await screen.clear()
        if isinstance(event, CallbackQuery):
            answer: CallbackAnswer = data["callback_answer"]
            answer.text = t.plain(why, team=place.title)
            answer.show_alert = why != "alert.stale_button"
        elif isinstance(event, Message):
            text = t("guard.left", team=place.title) if why == "alert.left" else None
            await event.reply(text or html.escape(t.plain(why, team=place.title)))
