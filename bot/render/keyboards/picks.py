"""The pick of a list for private list commands: "Mine", then each team by its title."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.render.keyboards.buttons import button
from bot.render.texts import T
from bot.services.names import clip
from bot.telegram import callbacks as cb
from storage.models import Workspace

BUTTON_TEAM = 40
"""The longest group title on a button."""


def pick_list(t: T, own_id: int, teams: list[Workspace]) -> InlineKeyboardMarkup:
    rows = [[button(t.plain("button.list_mine"), cb.PickList(workspace=own_id))]]
    for team in teams:
        label = t.plain("button.list_team", team=clip(team.title, BUTTON_TEAM))
        rows.append([button(label, cb.PickList(workspace=team.id))])
    return InlineKeyboardMarkup(inline_keyboard=rows)
