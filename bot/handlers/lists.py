"""The list a private /ranking, /partners, /card, /compare or /export works on: picked with
a button (then the command that asked goes on), or offered again with /list."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.access import Access
from bot.dialog.lists import member_teams, offer
from bot.dialog.middleware import attach
from bot.render.texts import T
from bot.services.longlist import Longlist
from bot.services.teams import Teams
from bot.telegram import callbacks as cb
from bot.telegram.filters import PrivateChat
from storage.models import User, Workspace

NOT_PASSED_ON = ("callback_data", "callback_answer", "handler", "event_router", "command")
"""What the press's handling made for the press itself, not for the command it goes on with."""


async def list_command(
    message: Message, t: T, user: User, workspace: Workspace, teams: Teams, access: Access
) -> None:
    """/list: the pick again, saying which list is chosen now."""
    groups, _ = await member_teams(message, user, teams, access)
    if not groups:
        await message.answer(t("lists.only_own"))
        return
    now = await teams.chosen(user)
    await offer(message, t, user, workspace, groups, teams, "", now=now)


async def list_picked(
    query: CallbackQuery,
    callback_data: cb.PickList,
    callback_answer: CallbackAnswer,
    bot: Bot,
    dispatcher: Dispatcher,
    **data: Any,
) -> None:
    """A list picked (the guard has checked it is the person's own or a team they are in):
    kept for 30 minutes, and the command that asked goes on, as if sent again now."""
    t: T = data["t"]
    longlist: Longlist = data["longlist"]
    chosen = await longlist.workspace(callback_data.workspace)
    message = query.message
    if chosen is None or not isinstance(message, Message):
        callback_answer.text = t.plain("alert.stale_button")
        return
    pending = await data["teams"].choose(data["user"], chosen)
    team = chosen.title if chosen.kind == "group" else None
    await message.edit_text(t("lists.picked", team=team), reply_markup=None)
    if not pending:
        return
    again = Message(
        message_id=message.message_id,
        date=message.date,
        chat=message.chat,
        from_user=query.from_user,
        text=pending,
    ).as_(bot)
    passed = {k: v for k, v in data.items() if k not in NOT_PASSED_ON}
    passed.update(workspace=chosen, bot=bot, dispatcher=dispatcher)
    attach(passed)  # cards and flow for the list picked
    await dispatcher.propagate_event("message", again, **passed)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(list_command, Command("list"), PrivateChat())
    router.callback_query.register(list_picked, cb.PickList.filter(), PrivateChat())
    return router
