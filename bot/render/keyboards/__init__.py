"""Inline keyboards. Labels come from the locale files; callback data carries ids only."""

from bot.render.keyboards.board import assessors, board
from bot.render.keyboards.interview import (
    assess,
    languages,
    open_bot,
    question,
    resume,
    start,
    team_or_own,
    technology,
)
from bot.render.keyboards.lists import (
    card,
    confirm_delete,
    edit_questions,
    edit_sections,
    open_card,
    partner_menu,
    partners,
    ranking,
    to_list,
    to_ranking,
)
from bot.render.keyboards.todo import todo
from bot.render.keyboards.weights import order, undo, weights, what_if, what_if_sections
from bot.render.keyboards.zones import zone_settings

__all__ = [
    "assess", "assessors", "board", "card", "confirm_delete", "edit_questions", "edit_sections",
    "languages",
    "open_bot", "open_card", "order", "partner_menu", "partners", "question", "ranking",
    "resume", "start", "team_or_own", "technology", "to_list", "to_ranking", "todo",
    "undo", "weights", "what_if",
    "what_if_sections", "zone_settings",
]  # fmt: skip
