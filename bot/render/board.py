"""A group's progress board: a page of it."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

from bot.render.decisions import MARKS as DECIDED
from bot.render.format import MONTHS
from bot.render.texts import T
from bot.services.model import BOARD_PAGE, BoardMark, BoardRow, BoardView
from bot.services.names import clip

PERSON = 12
"""The longest first name on a row."""
MARKS = 8
"""People shown on a row; more are counted (+3). With names clipped and ten rows a page, a
page stays far below Telegram's 4096 characters whatever the names."""


def mark_text(mark: BoardMark) -> Markup:
    name = escape(clip(mark.name, PERSON))
    if mark.state == "done":
        return Markup("✅ {}").format(name)
    if mark.state == "started":
        return Markup("◐ {} {}/{}").format(name, mark.answered, mark.total)
    return Markup("· {}").format(name)


def row_text(t: T, n: int, row: BoardRow) -> str:
    if row.marks:
        marks = Markup(", ").join(mark_text(m) for m in row.marks[:MARKS])
        if len(row.marks) > MARKS:
            marks += f" +{len(row.marks) - MARKS}"
    else:
        marks = Markup("<i>{}</i>").format(t("board.nobody"))
    tier = t("board.no_tier") if row.tier == "-" else row.tier
    decided = DECIDED[row.status] if row.status else ""
    return t("board.row", n=n, name=row.name, tier=tier, marks=marks, decided=decided)


def day_text(t: T, day: date) -> str:
    """15.12, or 15 Dec."""
    return f"{day:%d.%m}" if t.lang == "ru" else f"{day.day} {MONTHS[day.month - 1]}"


def deadline_text(t: T, view: BoardView) -> str | None:
    if view.deadline is None or view.days_left is None:
        return None
    day, days = day_text(t, view.deadline), view.days_left
    if days > 0:
        return t("board.deadline_ahead", date=day, days=days)
    if days == 0:
        return t("board.deadline_today", date=day)
    return t("board.deadline_past", date=day, days=-days)


def board_text(t: T, view: BoardView, page: int, *, picking: bool = False) -> str:
    """A page of the board (clamped to the pages there are)."""
    page, rows = view.page(page)
    title = t("board.title")
    if view.pages > 1:
        title += " · " + t("board.page", page=page, pages=view.pages)
    lines: list[str] = [title]
    if deadline := deadline_text(t, view):
        lines.append(deadline)
    if not rows:
        return "\n".join([*lines, "", t("board.empty")])
    lines += [t("board.done", done=view.done, expected=view.expected), ""]
    first = (page - 1) * BOARD_PAGE
    lines += [row_text(t, n, row) for n, row in enumerate(rows, first + 1)]
    decided = any(row.status for row in rows)
    legend = t("board.picking") if picking else t("board.legend", decided=decided)
    lines += ["", f"<i>{legend}</i>"]
    return "\n".join(lines)


def assessors_text(t: T, name: str, people: list[tuple[int, str, bool]], *, editable: bool) -> str:
    """Who is assigned to a partner and, to those who may change it, how; to others, why
    they may not."""
    assigned = [person for _, person, on in people if on]
    lines = [t("assessors.title", name=name), t("assessors.assigned", people=assigned), ""]
    lines.append(t("assessors.hint") if editable else t("assessors.read_only", name=name))
    return "\n".join(lines)
