"""The command menu Telegram shows, described in each language."""

from __future__ import annotations

from aiogram.types import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeDefault

from bot.render.texts import T

COMMANDS = (
    "start", "new", "continue", "card", "ranking", "partners", "compare", "weights",
    "export", "cancel", "settings", "lang", "help",
)  # fmt: skip
GROUP_COMMANDS = ("new", "card", "ranking", "partners", "compare", "weights", "export", "help")
"""What works in a team's group; interviews and settings stay in private chats."""

MENUS = ((BotCommandScopeDefault(), COMMANDS), (BotCommandScopeAllGroupChats(), GROUP_COMMANDS))


def menu(t: T, commands: tuple[str, ...] = COMMANDS) -> list[BotCommand]:
    return [BotCommand(command=c, description=t.plain(f"command.{c}")) for c in commands]
