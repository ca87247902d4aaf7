"""First contact: /start, /help, /lang."""

from __future__ import annotations

from aiogram import Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandStart
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.access import Need
from bot.render import keyboards
from bot.render.texts import T, Texts
from bot.telegram import callbacks as cb
from bot.telegram.commands import set_chat_menu
from bot.telegram.guard import NEED
from storage.db import Database
from storage.models import User, Workspace


async def start_command(message: Message, t: T, user: User) -> None:
    if message.chat.type != ChatType.PRIVATE:
        await message.answer(t("team.welcome"))  # in a group: how the team works with the bot
        return
    await message.answer(
        t("start.greeting", name=user.first_name), reply_markup=keyboards.start(t, todo=True)
    )


async def help_command(message: Message, t: T) -> None:
    private = message.chat.type == ChatType.PRIVATE
    await message.answer(t("help.text") if private else t("team.help"))


async def lang_command(message: Message, t: T, workspace: Workspace) -> None:
    """/lang: in private, the person's language; in a group, the group's (a lead's choice)."""
    key = "lang.choose_group" if workspace.kind == "group" else "lang.choose"
    await message.answer(t(key), reply_markup=keyboards.languages())


async def language_chosen(
    query: CallbackQuery,
    callback_data: cb.Language,
    callback_answer: CallbackAnswer,
    user: User,
    workspace: Workspace,
    db: Database,
    texts: Texts,
) -> None:
    """In a group, the group's language (its posts and its menu); in private, the person's."""
    group = workspace.kind == "group"
    async with db.transaction() as tx:
        if group:
            await tx.set_workspace_lang(workspace.id, callback_data.lang)
        else:
            await tx.set_lang(user.id, callback_data.lang)
    t = texts(callback_data.lang)
    callback_answer.text = t.plain("alert.language")
    if isinstance(query.message, Message) and query.bot:
        await query.message.edit_text(
            t("lang.group_set" if group else "lang.set"), reply_markup=None
        )
        await set_chat_menu(query.bot, workspace.chat_id, t, group=group)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(start_command, CommandStart())
    router.message.register(help_command, Command("help"))
    # A group's language is its leads' to set (in private the person is the lead), as the
    # Language button asks too: a member is refused at once rather than shown buttons.
    router.message.register(lang_command, Command("lang"), flags={NEED: Need.LEAD})
    router.callback_query.register(language_chosen, cb.Language.filter())
    return router
