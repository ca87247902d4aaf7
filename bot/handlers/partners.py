"""The partner list: open a partner, rename it, delete it (after a confirmation)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.dialog.board import Boards
from bot.dialog.screen import Screen
from bot.render import keyboards, messages
from bot.render.texts import T
from bot.services.longlist import Longlist
from bot.services.names import clean_name
from bot.telegram import callbacks as cb
from bot.telegram.filters import AnswersPrompt, PlainText
from bot.telegram.states import PartnerEdit, Prompt
from storage.models import Partner, User, Workspace


async def partners_command(
    message: Message, t: T, workspace: Workspace, longlist: Longlist
) -> None:
    page = await longlist.partners_page(workspace, 1)
    if not page.partners:
        await message.answer(t("card.none"))
        return
    await message.answer(
        t("partners.title", count=page.count),
        reply_markup=keyboards.partners(t, page.partners, page.page, page.pages),
    )


async def partners_page_pressed(
    query: CallbackQuery,
    callback_data: cb.Partners,
    callback_answer: CallbackAnswer,
    t: T,
    workspace: Workspace,
    longlist: Longlist,
) -> None:
    if not isinstance(query.message, Message):
        return
    page = await longlist.partners_page(workspace, callback_data.page)
    text = t("partners.title", count=page.count) if page.partners else t("card.none")
    await query.message.edit_text(
        text, reply_markup=keyboards.partners(t, page.partners, page.page, page.pages)
    )
    callback_answer.text = t.plain("alert.page", page=page.page, pages=page.pages)


async def partner_menu_pressed(
    query: CallbackQuery,
    callback_data: cb.PartnerMenu,
    callback_answer: CallbackAnswer,
    t: T,
    user: User,
    workspace: Workspace,
    screen: Screen,
    longlist: Longlist,
    boards: Boards,
) -> None:
    message = query.message
    partner = await longlist.partner(workspace, callback_data.partner)
    if partner is None or not isinstance(message, Message):
        callback_answer.text = t.plain("alert.unknown_partner")
        return
    action = callback_data.action
    if action == "rename":
        await ask_new_name(message, t, user, workspace, screen, partner)
    elif action == "delete":
        await message.edit_text(
            t("partners.confirm_delete", name=partner.name),
            reply_markup=keyboards.confirm_delete(t, partner.id),
        )
    elif action == "confirm":
        await longlist.delete(workspace, partner.id)
        await boards.touch(workspace.id)
        await message.edit_text(
            t("partners.deleted", name=partner.name), reply_markup=keyboards.to_list(t)
        )
    else:  # "open", or "keep" after declining to delete
        summary = messages.partner_menu_text(t, partner, kept=action == "keep")
        group = message.chat.type != "private"  # a team's list picked in private: not a group
        markup = keyboards.partner_menu(t, partner.id, group=group)
        await message.edit_text(summary, reply_markup=markup)


async def ask_new_name(
    message: Message, t: T, user: User, workspace: Workspace, screen: Screen, partner: Partner
) -> None:
    if message.chat.type != "private":
        # The pressed message is the bot's own: the prompt names the person who pressed.
        text = t(
            "partners.ask_new_name_group",
            name=partner.name,
            user_id=user.id,
            user_name=user.first_name,
        )
        await screen.ask_reply(message, PartnerEdit.rename, text, partner=partner.id, quote=False)
        return
    await screen.close(message)
    asked = await message.answer(t("partners.ask_new_name", name=partner.name))
    await screen.remember(PartnerEdit.rename, Prompt(asked.message_id, partner.id))


async def new_name_typed(
    message: Message,
    t: T,
    workspace: Workspace,
    screen: Screen,
    longlist: Longlist,
    boards: Boards,
) -> None:
    asked = await screen.step()
    partner = await longlist.partner(workspace, asked.partner if isinstance(asked, Prompt) else 0)
    if partner is None:
        await screen.clear()
        await message.answer(t("partners.gone"))
        return
    name = clean_name(message.text or "")
    if name is None:
        await message.answer(messages.bad_name(t))
        return
    if not await longlist.rename(workspace, partner.id, name):
        await message.answer(t("partners.name_taken", name=name))
        return
    await screen.clear()
    await message.answer(t("partners.renamed", old=partner.name, new=name))
    await boards.touch(workspace.id)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(partners_command, Command("partners"))
    router.callback_query.register(partners_page_pressed, cb.Partners.filter())
    router.callback_query.register(partner_menu_pressed, cb.PartnerMenu.filter())
    router.message.register(new_name_typed, PartnerEdit.rename, PlainText(), AnswersPrompt())
    return router
