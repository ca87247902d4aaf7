"""The report's cells that both files show alike: a partner's place and name, how firm its
place is, its decision, its open disagreements (made in the bot's process, in the list's
language)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.charts.model import Column, Kind, Place
from bot.render.format import place_text
from bot.render.texts import T
from bot.services.report import Assessed, Firm
from questionnaire.model import Questionnaire
from questionnaire.ranking import Ranked
from questionnaire.robustness import Hold
from storage.models import Listed, Workspace


def columns(t: T, *specs: tuple[str, Kind, float]) -> tuple[Column, ...]:
    """Columns titled by their `sheet.col_<key>` words."""
    return tuple(Column(key, t.plain(f"sheet.col_{key}"), kind, w) for key, kind, w in specs)


def lead(entry: Ranked[Listed]) -> tuple[Place, str]:
    """The cells each partner's row starts with: its place and its name."""
    return Place(entry.rank, entry.shared, place_text(entry)), entry.item.name


def zone_of(t: T, workspace: Workspace) -> ZoneInfo:
    """The list's time zone (a group's language picks its default; a private list's is its
    person's, in `t`)."""
    return workspace.zone(workspace.lang or t.lang)


def moment(value: datetime, zone: ZoneInfo) -> datetime:
    """A stored moment as the list's clock showed it, without the zone (Excel has none)."""
    return value.astimezone(zone).replace(tzinfo=None, microsecond=0)


def firm_word(t: T, firm: Firm | None) -> str:
    """How firm the place is, in a few words: "firm", "could swap with «X»", or the trials'
    verdict when no single weight swaps it; "" without a place."""
    if firm is None:
        return ""
    if firm.hold is not Hold.STABLE and firm.other and firm.swap:
        return t.plain("sheet.firm_swap", other=firm.other)
    return t.plain(f"sheet.firm_{firm.hold.value}", k=firm.k)


def swap_text(t: T, firm: Firm | None, questionnaire: Questionnaire, weight: int) -> str:
    """The single weight change that would swap the partner with its neighbour, as the card
    says it; "" when none would."""
    if firm is None or firm.other is None or firm.swap is None:
        return ""
    section = questionnaire.section(firm.swap.section)
    return t.plain(
        "sheet.swap",
        other=firm.other,
        section=section.short(t.lang),
        weight=weight + firm.swap.delta,
        delta=f"{firm.swap.delta:+d}",
    )


def status_word(t: T, one: Assessed) -> str:
    """The decision as a word (the PDF's font has no emoji)."""
    return t.plain(f"sheet.status_{one.status.kind}") if one.status else ""


def open_disagreements(one: Assessed) -> int:
    """Questions of the partner's "To discuss" not settled yet, or changed since settled."""
    sheets = one.sheets
    return sum(
        1
        for answer in sheets.team.discussed(sheets.settled)
        if answer.question_id not in sheets.settled or sheets.changed_since(answer.question_id)
    )
