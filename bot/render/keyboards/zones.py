"""/settings: the reminder switch (in private) and a button per time zone offered."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.render.keyboards.buttons import button
from bot.render.texts import T
from bot.telegram import callbacks as cb

ROW = 3


def zone_settings(
    t: T, zones: Sequence[str], current: str, *, reminders: bool | None = None
) -> InlineKeyboardMarkup:
    """`zones` are IANA names, each labelled by its city; the current one is marked.
    `reminders`: the person's reminder switch (private chats only)."""
    rows: list[list[InlineKeyboardButton]] = []
    if reminders is not None:
        label = t.plain("button.reminders_off" if reminders else "button.reminders_on")
        rows.append([button(label, cb.ReminderSwitch(on=not reminders))])
    zone_buttons = [
        button(("✓ " if name == current else "") + t.plain(f"label.zone.{name}"), cb.Zone(zone=i))
        for i, name in enumerate(zones)
    ]
    rows += [zone_buttons[i : i + ROW] for i in range(0, len(zone_buttons), ROW)]
    return InlineKeyboardMarkup(inline_keyboard=rows)
