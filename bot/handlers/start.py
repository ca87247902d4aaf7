"""First contact: /start, /help, /lang."""

from __future__ import annotations

from aiogram import Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandStart
from aiogram.types import BotCommandScopeChat, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.render import keyboards
from bot.render.texts import T, Texts
from bot.telegram import callbacks as cb
from bot.telegram.commands import COMMANDS, GROUP_COMMANDS, menu
from storage.db import Database
from storage.models import User


async def start_command(message: Message, t: T, user: User) -> None:
    if message.chat.type != ChatType.PRIVATE:
        await message.answer(t("team.welcome"))  # in a group: how the team works with the bot
        return
    await message.answer(
        t("start.greeting", name=user.first_name), reply_markup=keyboards.start(t)
    )


async def help_command(message: Message, t: T) -> None:
    private = message.chat.type == ChatType.PRIVATE
    await message.answer(t("help.text") if private else t("team.help"))


async def lang_command(message: Message, t: T) -> None:
    await message.answer(t("lang.choose"), reply_markup=keyboards.languages())


async def language_chosen(
    query: CallbackQuery,
    callback_data: cb.Language,
    callback_answer: CallbackAnswer,
    user: User,
    db: Database,
    texts: Texts,
) -> None:
    async with db.transaction() as tx:
        await tx.set_lang(user.id, callback_data.lang)
    t = texts(callback_data.lang)
    callback_answer.text = t.plain("alert.language")
    if isinstance(query.message, Message) and query.bot:
        await query.message.edit_text(t("lang.set"), reply_markup=None)
        # The menu follows the chosen language in this chat, whatever the app's language.
        chat = query.message.chat
        names = COMMANDS if chat.type == ChatType.PRIVATE else GROUP_COMMANDS
        await query.bot.set_my_commands(menu(t, names), scope=BotCommandScopeChat(chat_id=chat.id))


async def settings_command(message: Message, t: T, user: User) -> None:
    await message.answer(
        t("settings.text", on=user.reminders), reply_markup=keyboards.settings(t, user.reminders)
    )


async def reminders_switched(
    query: CallbackQuery,
    callback_data: cb.ReminderSwitch,
    callback_answer: CallbackAnswer,
    t: T,
    user: User,
    db: Database,
) -> None:
    async with db.transaction() as tx:
        await tx.set_reminders(user.id, callback_data.on)
    callback_answer.text = t.plain("alert.saved_setting")
    if isinstance(query.message, Message):
        await query.message.edit_text(
            t("settings.text", on=callback_data.on),
            reply_markup=keyboards.settings(t, callback_data.on),
        )


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(start_command, CommandStart())
    router.message.register(help_command, Command("help"))
    router.message.register(lang_command, Command("lang"))
    router.callback_query.register(language_chosen, cb.Language.filter())
    router.message.register(settings_command, Command("settings"))
    router.callback_query.register(reminders_switched, cb.ReminderSwitch.filter())
    return router
