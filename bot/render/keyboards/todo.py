"""The keyboard of /todo: a button per partner waiting for the person, opening its next
question."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup

from bot.render.keyboards.buttons import BUTTON_NAME, button
from bot.render.texts import T
from bot.services.model import Waiting
from bot.services.names import clip
from bot.telegram import callbacks as cb


def todo(t: T, items: list[Waiting]) -> InlineKeyboardMarkup | None:
    rows = []
    for item in items:
        data: CallbackData
        name = clip(item.partner.name, BUTTON_NAME)
        if item.assessment is None:
            label, data = (
                t.plain("button.todo_start", name=name),
                cb.Assess(partner=item.partner.id),
            )
        else:
            label = t.plain("button.todo_resume", name=name, answered=item.answered)
            data = cb.Resume(assessment=item.assessment.id)
        rows.append([button(label, data)])
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
