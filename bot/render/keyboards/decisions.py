"""Keyboards of decisions: "To discuss" and settling a question, a partner's status, the
ranking's filters, more evidence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.render.format import number_text
from bot.render.keyboards.buttons import button
from bot.render.texts import T
from bot.telegram import callbacks as cb
from questionnaire.model import Question
from questionnaire.team import TeamAnswer

SHOWS = ("all", "focus", "undecided", "hide_rejected")


def _pager(t: T, page: int, pages: int, make: Callable[[int], CallbackData]) -> list[Any]:
    row = []
    if page > 1:
        row.append(button(t.plain("button.previous_page"), make(page - 1)))
    if page < pages:
        row.append(button(t.plain("button.next_page"), make(page + 1)))
    return row


def discuss(
    t: T, partner_id: int, items: list[dict[str, Any]], page: int, pages: int
) -> InlineKeyboardMarkup:
    """A 🤝 button per question on the page (✓ once settled), and the pager."""
    builder = InlineKeyboardBuilder()
    for item in items:
        key = (
            "button.settled_item"
            if item["settled"] and not item["changed"]
            else "button.settle_item"
        )
        value = cb.SETTLE_ASK
        builder.add(
            button(
                t.plain(key, id=item["id"]),
                cb.Settle(partner=partner_id, question=item["id"], value=value),
            )
        )
    builder.adjust(5)
    if row := _pager(t, page, pages, lambda p: cb.Discuss(partner=partner_id, page=p)):
        builder.row(*row)
    return builder.as_markup()


def settle(
    t: T, partner_id: int, question: Question, answer: TeamAnswer | None, page: int
) -> InlineKeyboardMarkup:
    """The values to agree on (a choice's names for 2.2), "keep the median", and back."""

    def value(v: int) -> InlineKeyboardButton:
        return button(
            t.plain("button.settle_value", value=v),
            cb.Settle(partner=partner_id, question=question.id, value=v),
        )

    rows: list[list[InlineKeyboardButton]]
    if question.kind == "choice":
        rows = [
            [
                button(
                    c.label(t.lang),
                    cb.Settle(partner=partner_id, question=question.id, value=c.score),
                )
            ]
            for c in question.choices
        ]
    else:
        rows = [[value(v) for v in range(1, 6)]]
    median = number_text(t, answer.median if answer else None)
    keep = cb.Settle(partner=partner_id, question=question.id, value=cb.KEEP_MEDIAN)
    rows.append([button(t.plain("button.keep_median", median=median), keep)])
    rows.append(
        [button(t.plain("button.to_discuss"), cb.Discuss(partner=partner_id, page=max(1, page)))]
    )
    return InlineKeyboardMarkup(inline_keyboard=rows)


def decide(t: T, partner_id: int) -> InlineKeyboardMarkup:
    """The four statuses, clearing the decision, and back to the card's buttons."""
    builder = InlineKeyboardBuilder()
    for status in ("focus", "pilot", "hold", "rejected"):
        builder.add(
            button(
                t.plain(f"button.status_{status}"), cb.Decide(partner=partner_id, status=status)
            )
        )
    builder.adjust(2)
    builder.row(
        button(t.plain("button.status_none"), cb.Decide(partner=partner_id, status="none")),
        button(t.plain("button.to_card"), cb.Decide(partner=partner_id, status="back")),
    )
    return builder.as_markup()


def filters(t: T, show: str) -> list[InlineKeyboardButton]:
    """The ranking's filters by decision status, the one shown marked."""
    return [
        button(
            ("• " if s == show else "") + t.plain(f"button.show_{s}"),
            cb.RankingView(show=s, page=1),
        )
        for s in SHOWS
    ]


def pager(t: T, show: str, page: int, pages: int) -> list[InlineKeyboardButton]:
    return _pager(t, page, pages, lambda p: cb.RankingView(show=show, page=p))


def more_evidence(t: T, partner_id: int, page: int, left: int) -> InlineKeyboardMarkup:
    more = cb.Evidence(partner=partner_id, page=page)
    return InlineKeyboardMarkup(
        inline_keyboard=[[button(t.plain("button.evidence_more", count=left), more)]]
    )
