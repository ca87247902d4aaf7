"""What every keyboard is made of: a button carrying callback data, a pager."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton

from bot.render.texts import T

BUTTON_NAME = 28
"""The longest partner name on a button."""


def button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def pager(
    t: T, page: int, pages: int, make: Callable[..., CallbackData]
) -> list[InlineKeyboardButton]:
    """◀ ▶ around `page`; `make(page=n)` is what a press on each carries."""
    row = []
    if page > 1:
        row.append(button(t.plain("button.previous_page"), make(page=page - 1)))
    if page < pages:
        row.append(button(t.plain("button.next_page"), make(page=page + 1)))
    return row
