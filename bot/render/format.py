"""Small pieces of text the messages, tables and keyboards share: answers, tiers, dates,
numbers and places as people read them."""

from __future__ import annotations

from datetime import date, datetime

from bot.render.texts import T
from questionnaire.model import Question
from questionnaire.ranking import Ranked
from questionnaire.scoring import Summary
from questionnaire.team import TeamAnswer
from storage.models import Listed, Workspace

MESSAGE_LIMIT = 4096
"""Telegram's longest message, in UTF-16 code units."""


def telegram_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units); the raw HTML is never shorter."""
    return len(text.encode("utf-16-le")) // 2


def answer_text(t: T, question: Question, rating: int | None) -> str:
    """How an answer reads: "4", "don't know", or a choice's label ("Head of sales")."""
    if rating is None:
        return t.plain("label.dont_know")
    if question.kind == "choice" and (choice := question.choice_by_score(rating)):
        return choice.label(t.lang)
    return str(rating)


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def date_text(t: T, moment: date) -> str:
    """28.11.2026, or 28 Nov 2026 (not `%b`, which follows the machine's locale)."""
    if t.lang == "ru":
        return f"{moment:%d.%m.%Y}"
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def local(t: T, workspace: Workspace, moment: datetime) -> datetime:
    """A stored moment (UTC) as the list's own time zone has it: the bot never shows bare UTC
    (a group's language picks its default zone; a private list's is its person's, in `t`)."""
    return moment.astimezone(workspace.zone(workspace.lang or t.lang))


def tier_text(summary: Summary) -> str:
    return summary.tier.value if summary.tier else "?"


def number_text(t: T, value: float | None) -> str:
    """A median as people write it: 4, 3.5 (3,5 in Russian)."""
    if value is None:
        return "—"
    text = str(int(value)) if value == int(value) else f"{value:g}"
    return text.replace(".", t.plain("label.decimal_point"))


def team_rating_text(t: T, answer: TeamAnswer) -> str:
    """The team's rating; a gate someone answered 1 stays at 1, whatever the median."""
    rating = number_text(t, answer.rating)
    return t.plain("label.vetoed", rating=rating) if answer.vetoed_by else rating


def place_text(entry: Ranked[Listed]) -> str:
    """ "1", "=2" for ranked partners; "?" too little data; "—" blocked."""
    if entry.rank is None:
        return "—" if entry.summary.blocked else "?"
    return f"={entry.rank}" if entry.shared else str(entry.rank)


def rank_button(t: T, entry: Ranked[Listed], name: str) -> str:
    if entry.rank is not None:
        return t.plain("button.ranked_entry", place=place_text(entry), name=name)
    return t.plain(
        "button.blocked_entry" if entry.summary.blocked else "button.unranked_entry", name=name
    )
