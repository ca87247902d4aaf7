"""The buttons of a group's progress board, and of a partner's assessors."""

from __future__ import annotations

from functools import partial

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.render.keyboards.buttons import button, pager
from bot.render.texts import T
from bot.services.model import BOARD_PAGE, BoardView
from bot.services.names import clip
from bot.telegram import callbacks as cb

BUTTON_NAME = 20
"""The longest name on a picker's button (two a row)."""


def board(
    t: T, view: BoardView, page: int, *, picking: bool = False
) -> InlineKeyboardMarkup | None:
    """Paging and "I'll assess"; while picking, a button per partner of the page instead."""
    page, rows = view.page(page)
    if not rows:
        return None
    builder = InlineKeyboardBuilder()
    if picking:
        first = (page - 1) * BOARD_PAGE
        for n, row in enumerate(rows, first + 1):
            label = t.plain("button.board_partner", n=n, name=clip(row.name, BUTTON_NAME))
            builder.add(button(label, cb.IllAssess(partner=row.partner_id)))
        builder.adjust(2)
    if pages := pager(t, page, view.pages, partial(cb.BoardPage, pick=picking)):
        builder.row(*pages)
    key, switch = ("button.board_done", False) if picking else ("button.board_pick", True)
    builder.row(button(t.plain(key), cb.BoardPage(page=page, pick=switch)))
    return builder.as_markup()


def assessors(
    t: T, partner_id: int, people: list[tuple[int, str, bool]], *, editable: bool
) -> InlineKeyboardMarkup:
    """A toggle per person (✅ assigned, ➕ not) for those who may assign; then back to the
    partner's menu."""
    builder = InlineKeyboardBuilder()
    if editable:
        for person, name, assigned in people:
            key = "button.assessor_on" if assigned else "button.assessor_off"
            data = cb.Assessors(partner=partner_id, person=person)
            builder.add(button(t.plain(key, name=clip(name, BUTTON_NAME)), data))
        builder.adjust(2)
    back = cb.PartnerMenu(partner=partner_id, action="open")
    builder.row(button(t.plain("button.to_partner"), back))
    return builder.as_markup()
