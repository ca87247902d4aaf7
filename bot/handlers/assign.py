"""Assignments in a group (/assign) and a person's queue in private (/todo)."""

from __future__ import annotations

import html
from datetime import datetime

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.access import Access, Need, Role, permits
from bot.dialog.board import Boards
from bot.dialog.flow import Flow
from bot.render import keyboards
from bot.render.deadlines import left_text
from bot.render.format import date_text
from bot.render.texts import T
from bot.services.assignments import Assignments, parse_assign
from bot.services.calendar import local_day
from bot.services.longlist import Longlist
from bot.services.model import Waiting
from bot.services.teams import Teams
from bot.telegram import callbacks as cb
from bot.telegram.filters import GroupChat, PrivateChat
from storage.models import User, Workspace
from storage.repositories import utcnow

SHOWN = 20
"""Partners /todo lists at most: with their buttons, well within one message."""


async def assign_command(
    message: Message,
    command: CommandObject,
    t: T,
    user: User,
    workspace: Workspace,
    bot: Bot,
    access: Access,
    longlist: Longlist,
    assignments: Assignments,
    boards: Boards,
) -> None:
    """/assign Acme @boris @vera -@oleg: a lead or whoever added Acme assigns members of the
    group (and unassigns Oleg); /assign Acme: who is assigned now. One reply."""
    asked = parse_assign(command.args or "")
    if not asked.name:
        await message.answer(t("assign.usage"))
        return
    partner = await longlist.find_here(workspace, asked.name)
    if partner is None:
        await message.answer(t("assign.not_found", name=asked.name))
        return
    if not asked.usernames and not asked.removed:
        people, waiting = await assignments.assignees(partner), await assignments.pending(partner)
        lines = [t("assign.assigned", name=partner.name, people=names(people))]
        if waiting:
            lines.append(t("assign.later", names=[f"@{n}" for n in waiting]))
        await message.answer("\n".join(lines))
        return
    mine = await access.role(bot, user.id, workspace)
    if mine is Role.UNKNOWN:
        await message.answer(html.escape(t.plain("alert.unknown_role", team=workspace.title)))
        return
    if not permits(mine, Need.CREATOR_OR_LEAD, user.id, partner):
        await message.answer(t("assign.not_allowed", name=partner.name))
        return
    known, unknown = await assignments.known(asked.usernames + asked.removed)
    removing = {n.lower() for n in asked.removed}
    gone = await assignments.unassign(
        partner, [p for p in known if (p.username or "").lower() in removing], asked.removed
    )
    adding = [p for p in known if (p.username or "").lower() not in removing]
    inside, outside = await by_membership(bot, access, workspace, adding)
    people = await assignments.assign(partner, user, inside)
    if unknown := [n for n in unknown if n.lower() not in removing]:
        # assigned once seen in the group (writing there, pressing a button)
        await assignments.assign_later(partner, user, unknown)
    await boards.touch(workspace.id)
    lines = [t("assign.assigned", name=partner.name, people=names(people))]
    if gone:
        lines.append(t("assign.removed", names=names(gone)))
    if unknown:
        lines.append(t("assign.later", names=[f"@{n}" for n in unknown]))
    if outside:
        lines.append(t("assign.not_member", names=[f"@{p.username}" for p in outside]))
    await message.answer("\n".join(lines))


async def by_membership(
    bot: Bot, access: Access, workspace: Workspace, people: list[User]
) -> tuple[list[User], list[User]]:
    """The members of the group among these people, and those known not to be (of whom
    Telegram could not say: neither, so neither assigned nor refused)."""
    inside: list[User] = []
    outside: list[User] = []
    for person in people:
        role = await access.role(bot, person.id, workspace)
        if role is not Role.UNKNOWN:
            (inside if role >= Role.MEMBER else outside).append(person)
    return inside, outside


def names(people: list[User]) -> list[str]:
    return [p.first_name + (f" (@{p.username})" if p.username else "") for p in people]


async def todo_command(
    message: Message, t: T, user: User, bot: Bot, access: Access, assignments: Assignments
) -> None:
    await send_todo(message, t, user, bot, access, assignments)


async def todo_pressed(
    query: CallbackQuery, t: T, user: User, bot: Bot, access: Access, assignments: Assignments
) -> None:
    if isinstance(query.message, Message):
        await send_todo(query.message, t, user, bot, access, assignments)


async def send_todo(
    message: Message, t: T, user: User, bot: Bot, access: Access, assignments: Assignments
) -> None:
    """Every partner waiting for the person, on their own list and their teams' (only groups
    they are still in), each with a button to its next question."""
    items = [
        item
        for item in await assignments.waiting(user)
        if await access.role(bot, user.id, item.home) >= Role.MEMBER
    ]
    if not items:
        await message.answer(t("todo.empty"))
        return
    shown = items[:SHOWN]
    lines = [t("todo.header", count=len(items)), ""]
    lines += [item_line(t, n, item, utcnow()) for n, item in enumerate(shown, 1)]
    if len(items) > SHOWN:
        lines.append(t("todo.more", count=len(items) - SHOWN))
    lines += ["", t("todo.hint")]
    await message.answer("\n".join(lines), reply_markup=keyboards.todo(t, shown))


def item_line(t: T, n: int, item: Waiting, now: datetime) -> str:
    """A partner waiting, with its list and, when the list has a deadline, the days left (in
    the list's own time zone)."""
    team = item.home.title if item.home.kind == "group" else None
    deadline = item.home.deadline
    today = local_day(now, item.home.zone(item.home.lang or t.lang))
    return t(
        "todo.item",
        n=n,
        name=item.partner.name,
        team=team,
        started=item.assessment is not None,
        answered=item.answered,
        total=item.total,
        deadline=date_text(t, deadline) if deadline else None,
        left=left_text(t, deadline, today) if deadline else None,
    )


async def assess_pressed(
    query: CallbackQuery,
    callback_data: cb.Assess,
    callback_answer: CallbackAnswer,
    t: T,
    flow: Flow,
    teams: Teams,
) -> None:
    """A team's partner from /todo: the person's assessment starts, as its link starts it (the
    guard has checked that they are still in its group)."""
    found = await teams.home_of(callback_data.partner)
    if found is None or not isinstance(query.message, Message):
        callback_answer.text = t.plain("alert.unknown_partner")
        return
    partner, home = found
    await flow.join(query.message, partner, home)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(assign_command, Command("assign"), GroupChat())
    router.message.register(todo_command, Command("todo"), PrivateChat())
    router.callback_query.register(todo_pressed, cb.Todo.filter(), PrivateChat())
    router.callback_query.register(assess_pressed, cb.Assess.filter(), PrivateChat())
    return router
