"""The group's progress board (/board, its pages, "I'll assess") and a partner's assessors."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.access import Access, Need, Role
from bot.dialog.board import Boards
from bot.render import keyboards
from bot.render.board import assessors_text
from bot.render.texts import T
from bot.services.longlist import Longlist
from bot.telegram import callbacks as cb
from bot.telegram.filters import GroupChat
from storage.models import User, Workspace


async def board_command(message: Message, t: T, workspace: Workspace, boards: Boards) -> None:
    """/board: the board, posted anew at the bottom (the one before says it moved)."""
    await boards.post(message, workspace, t)


async def board_page_pressed(
    query: CallbackQuery,
    callback_data: cb.BoardPage,
    callback_answer: CallbackAnswer,
    t: T,
    workspace: Workspace,
    boards: Boards,
) -> None:
    if not isinstance(query.message, Message) or not await boards.turn(
        query.message, workspace, callback_data.page, callback_data.pick
    ):
        callback_answer.text = t.plain("alert.board_moved")


async def ill_assess_pressed(
    query: CallbackQuery,
    callback_data: cb.IllAssess,
    callback_answer: CallbackAnswer,
    t: T,
    user: User,
    workspace: Workspace,
    longlist: Longlist,
    boards: Boards,
) -> None:
    """The presser's own assignment to the partner toggles; the board follows."""
    partner = await longlist.partner(workspace, callback_data.partner)
    if partner is None:
        callback_answer.text = t.plain("alert.unknown_partner")
        return
    on = await boards.progress.toggle(partner, user)
    callback_answer.text = t.plain(
        "alert.assess_on" if on else "alert.assess_off", name=partner.name
    )
    await boards.touch(workspace.id)


async def assessors_pressed(
    query: CallbackQuery,
    callback_data: cb.Assessors,
    callback_answer: CallbackAnswer,
    t: T,
    user: User,
    workspace: Workspace,
    bot: Bot,
    access: Access,
    longlist: Longlist,
    boards: Boards,
) -> None:
    """A partner's assessors; a press on a person (the guard let only a lead or whoever added
    the partner through) assigns or unassigns them."""
    partner = await longlist.partner(workspace, callback_data.partner)
    if partner is None or not isinstance(query.message, Message):
        callback_answer.text = t.plain("alert.unknown_partner")
        return
    progress, person = boards.progress, callback_data.person
    people = await progress.candidates(partner)
    if person:
        found = next((p for p in people if p[0] == person), None)
        if found is None:
            callback_answer.text = t.plain("alert.stale_button")
            return
        _, name, assigned = found
        role = Role.NONE if assigned else await access.role(bot, person, workspace)
        if role is Role.UNKNOWN:
            callback_answer.text = t.plain("alert.unknown_role", team=workspace.title)
            return
        if not assigned and role < Role.MEMBER:
            callback_answer.text = t.plain("alert.assessor_outside", name=name)
            return
        await progress.set_assigned(partner, person, user, not assigned)
        callback_answer.text = t.plain(
            "alert.assessor_off" if assigned else "alert.assessor_on", name=name
        )
        await boards.touch(workspace.id)
        people = await progress.candidates(partner)
    editable = await access.allows(bot, user.id, workspace, Need.CREATOR_OR_LEAD, partner)
    await query.message.edit_text(
        assessors_text(t, partner.name, people, editable=editable),
        reply_markup=keyboards.assessors(t, partner.id, people, editable=editable),
    )


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(board_command, Command("board"), GroupChat())
    # Buttons anywhere: elsewhere they find no board, or no such partner in that chat's list.
    router.callback_query.register(board_page_pressed, cb.BoardPage.filter())
    router.callback_query.register(ill_assess_pressed, cb.IllAssess.filter())
    router.callback_query.register(assessors_pressed, cb.Assessors.filter())
    return router
