"""The command menu Telegram shows, described in each language."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
)

from bot.render.texts import T

log = logging.getLogger(__name__)

COMMANDS = (
    "start", "new", "continue", "todo", "card", "ranking", "partners", "compare", "weights",
    "export", "report", "list", "cancel", "deadline", "settings", "lang", "help",
)  # fmt: skip
GROUP_COMMANDS = (
    "new", "board", "assign", "card", "ranking", "partners", "compare", "weights", "export",
    "report", "deadline", "settings", "lang", "help",
)  # fmt: skip
"""What works in a team's group; interviews stay in private chats. /lang, /deadline and
/settings (the time zone) there are the group's, its leads' to change."""

MENUS = ((BotCommandScopeDefault(), COMMANDS), (BotCommandScopeAllGroupChats(), GROUP_COMMANDS))


def menu(t: T, commands: tuple[str, ...] = COMMANDS) -> list[BotCommand]:
    return [BotCommand(command=c, description=t.plain(f"command.{c}")) for c in commands]


async def set_chat_menu(bot: Bot, chat_id: int, t: T, *, group: bool) -> None:
    """This chat's own menu, in `t`'s language, whatever the language of each person's app.

    A failure is logged, not raised: the menu for all chats of its kind stands in meanwhile.
    """
    commands = menu(t, GROUP_COMMANDS if group else COMMANDS)
    try:
        await bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id=chat_id))
    except TelegramAPIError as exc:
        log.warning("could not set the menu of chat %s: %s", chat_id, exc)
