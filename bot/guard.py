"""Every message and button a handler takes is checked here first, against `Access`.

What an update acts on is found the same way for every handler, so a new one cannot forget:
- the chat's own workspace (in a group, the person must be a member; a lead where the button
  asks for one, see `Led`);
- the partner a button's `partner` or `assessment` id points to, when it belongs to another
  workspace (a team's partner seen from a private chat): the person must be in that group;
- in a private chat, the partner of the open question, for what is typed or sent there (notes
  and evidence).
Handlers that must run for anyone (service messages: someone left, the group moved) say so with
the flag `ANYONE`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol, runtime_checkable

from aiogram import BaseMiddleware, Bot
from aiogram.dispatcher.flags import get_flag
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.access import Access, Need, Role, permits
from bot.conversation import Conversation
from bot.texts import T
from storage.db import Database
from storage.models import Partner, User, Workspace

ANYONE = {"anyone": True}
"""Handler flags of a handler that anyone may reach (service messages)."""


@runtime_checkable
class Led(Protocol):
    """Callback data of a button that asks more than membership of whoever presses it."""

    def need(self) -> Need: ...


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
        workspace: Workspace | None = data.get("workspace")
        if user is None or workspace is None or get_flag(data, "anyone"):
            return await handler(event, data)
        bot: Bot = data["bot"]
        button = data.get("callback_data")
        need = button.need() if isinstance(button, Led) else Need.MEMBER
        subject = await self._subject(event, button, data.get("state"))
        if subject is not None and subject.workspace_id != workspace.id:
            home = await self._workspace(subject.workspace_id)
            if home is not None and not await self.access.allows(
                bot, user.id, home, Need.MEMBER, subject
            ):
                await self._refuse(event, data, "guard.left", home)
                return None
            subject = None  # the chat's own workspace is checked below, without a partner
        role = await self.access.role(bot, user.id, workspace)
        if not permits(role, need, user.id, subject):
            if role is Role.NONE:
                key = "guard.not_member"
            else:
                key = "guard.lead_only" if need is Need.LEAD else "guard.not_yours"
            await self._refuse(event, data, key, workspace)
            return None
        return await handler(event, data)

    async def _subject(
        self, event: TelegramObject, button: CallbackData | None, state: FSMContext | None
    ) -> Partner | None:
        """The partner the update acts on, wherever it lives; None when it names none."""
        partner_id = assessment_id = 0
        if button is not None:
            partner_id = _id(getattr(button, "partner", 0))
            assessment_id = _id(getattr(button, "assessment", 0))
        elif (
            isinstance(event, Message)
            and event.chat.type == "private"
            and not (event.text or "").startswith("/")
            and state is not None
        ):
            open_ = await state.get_data()  # the open question (or technology question)
            assessment_id = _id(open_.get("assessment"))
            partner_id = _id(open_.get("partner"))
        if not (partner_id or assessment_id):
            return None
        async with self.db.read() as tx:
            return await tx.home_of(partner_id=partner_id, assessment_id=assessment_id)

    async def _workspace(self, workspace_id: int) -> Workspace | None:
        async with self.db.read() as tx:
            return await tx.workspace_by_id(workspace_id)

    async def _refuse(
        self, event: TelegramObject, data: dict[str, Any], key: str, place: Workspace
    ) -> None:
        t: T = data["t"]
        talk: Conversation | None = data.get("talk")
        if key == "guard.left" and talk is not None:
            # The open question belongs to a group the person left: set it aside, so that
            # nothing keeps asking them to answer what they may no longer answer.
            message = event.message if isinstance(event, CallbackQuery) else event
            if isinstance(message, Message) and (await talk.state.get_data()).get("message"):
                await talk.close_open_question(message)
                await talk.state.clear()
        if isinstance(event, CallbackQuery):
            answer: CallbackAnswer = data["callback_answer"]
            answer.text = t.plain(f"alert.{key.split('.')[1]}", team=place.title)
            answer.show_alert = True
        elif isinstance(event, Message):
            await event.reply(t(key, team=place.title))


def _id(value: object) -> int:
    """An id from callback data or the FSM's data; 0 for anything else."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
