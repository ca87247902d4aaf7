"""The command menu Telegram shows, described in each language."""

from __future__ import annotations

from aiogram.types import BotCommand

from bot.texts import T

COMMANDS = (
    "start", "new", "continue", "card", "ranking", "partners", "compare", "weights",
    "export", "cancel", "settings", "lang", "help",
)  # fmt: skip


def menu(t: T) -> list[BotCommand]:
    return [BotCommand(command=c, description=t.plain(f"command.{c}")) for c in COMMANDS]
