"""A list's deadline (/deadline) and its settings (/settings: the time zone; in private the
reminder switch too). In a group the leads change them and everyone sees them; in a private
list the person is its lead."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.access import Access, Need, Role, permits
from bot.dialog.board import Boards
from bot.render import keyboards
from bot.render.deadlines import deadline_shown, left_text, zone_text
from bot.render.format import date_text
from bot.render.texts import T
from bot.services.calendar import ZONES, Refusal, local_day, parse_deadline, zone_named
from bot.services.deadlines import Deadlines
from bot.telegram import callbacks as cb
from bot.telegram.filters import PrivateChat
from storage.db import Database
from storage.models import User, Workspace
from storage.repositories import utcnow

OFF = {"off", "нет", "снять", "убрать", "-"}


def zone_of(workspace: Workspace, t: T) -> ZoneInfo:
    """The list's zone; its language is a group's own, or the person's in private."""
    return workspace.zone(workspace.lang or t.lang)


async def deadline_command(
    message: Message,
    command: CommandObject,
    t: T,
    user: User,
    workspace: Workspace,
    bot: Bot,
    access: Access,
    deadlines: Deadlines,
    boards: Boards,
) -> None:
    """/deadline: show it; /deadline 15.12: set it (a lead); /deadline off: remove it."""
    zone = zone_of(workspace, t)
    now = utcnow()
    today = local_day(now, zone)
    shown_zone = zone_text(t, zone, now, ZONES)
    args = (command.args or "").strip()
    if not args:
        await message.answer(deadline_shown(t, workspace, today, shown_zone))
        return
    role = await access.role(bot, user.id, workspace)
    if role is Role.UNKNOWN:
        await message.answer(html.escape(t.plain("alert.unknown_role", team=workspace.title)))
        return
    if not permits(role, Need.LEAD, user.id, None):
        await message.answer(t("deadline.lead_only", team=workspace.title))
        return
    if args.casefold() in OFF:
        await deadlines.set_deadline(workspace, None)
        await boards.touch(workspace.id)
        await message.answer(t("deadline.off"))
        return
    found = parse_deadline(args, today)
    if found is Refusal.NONSENSE:
        await message.answer(t("deadline.nonsense", text=args))
    elif found is Refusal.PAST:
        await message.answer(t("deadline.past", date=args[:20], today=date_text(t, today)))
    elif found is Refusal.FAR:
        await message.answer(t("deadline.far", date=args[:20]))
    else:
        await deadlines.set_deadline(workspace, found)
        await boards.touch(workspace.id)
        await message.answer(
            t(
                "deadline.set",
                date=date_text(t, found),
                left=left_text(t, found, today),
                zone=shown_zone,
            )
        )


async def settings_command(
    message: Message,
    command: CommandObject,
    t: T,
    user: User,
    workspace: Workspace,
    bot: Bot,
    access: Access,
    deadlines: Deadlines,
    boards: Boards,
) -> None:
    """/settings: what they are, with buttons; /settings Europe/Riga: that zone (a lead)."""
    typed = (command.args or "").strip()
    if typed:
        if not await access.allows(bot, user.id, workspace, Need.LEAD, None):
            await message.answer(t("zone.lead_only", team=workspace.title))
            return
        zone = zone_named(typed)
        if zone is None:
            await message.answer(t("zone.unknown", name=typed))
            return
        await deadlines.set_zone(workspace, zone.key)
        await boards.touch(workspace.id)  # its days left are counted in the zone
        await message.answer(t("zone.set", zone=zone_text(t, zone, utcnow(), ZONES)))
        return
    lead = await access.allows(bot, user.id, workspace, Need.LEAD, None)
    text, markup = settings_view(t, workspace, user, user.reminders, lead=lead)
    await message.answer(text, reply_markup=markup)


def settings_view(
    t: T, workspace: Workspace, user: User, reminders: bool, *, lead: bool
) -> tuple[str, InlineKeyboardMarkup | None]:
    zone = zone_of(workspace, t)
    shown = zone_text(t, zone, utcnow(), ZONES)
    if workspace.kind == "group":
        text = t("zone.group", team=workspace.title, zone=shown, lead=lead)
        markup = keyboards.zone_settings(t, ZONES, zone.key) if lead else None
        return text, markup
    text = t("zone.private", on=reminders, zone=shown)
    return text, keyboards.zone_settings(t, ZONES, zone.key, reminders=reminders)


async def zone_pressed(
    query: CallbackQuery,
    callback_data: cb.Zone,
    callback_answer: CallbackAnswer,
    t: T,
    user: User,
    workspace: Workspace,
    db: Database,
    deadlines: Deadlines,
    boards: Boards,
) -> None:
    """A zone's button (the guard has let only a lead through)."""
    if callback_data.zone >= len(ZONES):
        callback_answer.text = t.plain("alert.stale_button")
        return
    await deadlines.set_zone(workspace, ZONES[callback_data.zone])
    await boards.touch(workspace.id)
    async with db.read() as tx:
        now = await tx.workspace(workspace.chat_id)
    callback_answer.text = t.plain("alert.saved_setting")
    if now is not None and isinstance(query.message, Message):
        text, markup = settings_view(t, now, user, user.reminders, lead=True)
        await query.message.edit_text(text, reply_markup=markup)


async def reminders_switched(
    query: CallbackQuery,
    callback_data: cb.ReminderSwitch,
    callback_answer: CallbackAnswer,
    t: T,
    user: User,
    workspace: Workspace,
    db: Database,
) -> None:
    async with db.transaction() as tx:
        await tx.set_reminders(user.id, callback_data.on)
    callback_answer.text = t.plain("alert.saved_setting")
    if isinstance(query.message, Message):
        text, markup = settings_view(t, workspace, user, callback_data.on, lead=True)
        await query.message.edit_text(text, reply_markup=markup)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(deadline_command, Command("deadline"))
    router.message.register(settings_command, Command("settings"))
    router.callback_query.register(zone_pressed, cb.Zone.filter())
    router.callback_query.register(reminders_switched, cb.ReminderSwitch.filter(), PrivateChat())
    return router
