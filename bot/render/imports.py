"""What a longlist sent in one go came to: one summary, or why nothing was added."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.render import keyboards
from bot.render.texts import T
from bot.services.imports import ASSESSORS, FILE_LIMIT, LIMIT, Batch, Unreadable, kind_of
from bot.services.model import Assigned
from bot.services.names import NAME_LIMIT
from storage.models import Added

SHOWN = 15
"""Names (or refused lines, or assessors) listed at most; the rest are counted. So that even
500 refused lines make a summary well within Telegram's 4096 characters."""


def summary(
    t: T, batch: Batch, added: Added, *, group: bool, assigned: Assigned | None = None
) -> str:
    """How many were added, which were there already, which lines were refused and why; in a
    group, who was assigned to assess them and who will be once seen there (`assigned`)."""
    if not added.new:
        hint = None
    elif group and len(added.new) == 1:
        hint = t("bulk.hint_one", name=added.new[0].name)
    elif group:
        hint = t("bulk.hint_group", button=t.plain("button.assess"))
    else:
        hint = t("bulk.hint_private")
    return t.render(
        "imported.html",
        new=len(added.new),
        existing=added.existing,
        refused=batch.refused,
        assessors=batch.assessors,
        assigned=assigned,
        shown=SHOWN,
        most=ASSESSORS,
        limit=NAME_LIMIT,
        hint=hint,
    )


def summary_buttons(t: T, added: Added, assess_url: str | None) -> InlineKeyboardMarkup | None:
    """In a group: assessing the one partner added, or the ranking when there are more."""
    if assess_url:
        return keyboards.assess(t, assess_url)
    return keyboards.to_ranking(t) if added.new else None


def unreadable(t: T, problem: Unreadable) -> str:
    """Why nothing at all was added."""
    name = problem.file_name
    return t(
        f"bulk.{problem.problem}",
        file=name,
        kind=kind_of(name),
        limit=LIMIT,
        size=FILE_LIMIT // (1024 * 1024),
    )
