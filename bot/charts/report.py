"""The report for management (/report, PRODUCT.md §9): its data in the list's language, made
in the bot's process from what the card and the ranking show; its PDF and XLSX, made in the
worker."""

from __future__ import annotations

from datetime import date, datetime

from bot.charts import model, worker
from bot.charts.cells import columns, firm_word, lead, open_disagreements, status_word, zone_of
from bot.charts.model import Kind, Table
from bot.charts.sheets import workbook
from bot.render.format import date_text, tier_text
from bot.render.texts import T
from bot.services.report import ReportData
from questionnaire.model import Questionnaire
from questionnaire.scoring import points
from storage.models import Workspace

CHART = 10
"""Partners in the PDF's chart."""
TOP = 15
"""Partners in the PDF's table."""
LEGEND = {"A": "A", "B": "B", "C": "C", "X": "X", "?": "none"}
"""Each tier's letter as the ranking shows it, and its word's key."""
METHOD = 3


def report(t: T, data: ReportData, questionnaire: Questionnaire, now: datetime) -> model.Report:
    """The report as of `now` (aware), dated in the list's time zone."""
    zone = zone_of(t, data.workspace)
    moment = now.astimezone(zone)
    return model.Report(
        title=t.plain("sheet.title"),
        list_name=data.workspace.title
        if data.workspace.kind == "group"
        else t.plain("sheet.own_list", name=data.workspace.title),
        date=date_text(t, moment),
        facts=_facts(t, data),
        tiers=tuple((tier, t.plain(f"sheet.tier_{LEGEND[tier]}")) for tier in LEGEND),
        chart=t.plain("sheet.chart", count=CHART),
        bars=tuple(
            model.Bar(
                r.item.name, r.summary.score, r.summary.low, r.summary.high, tier_text(r.summary)
            )
            for r in data.ranked[:CHART]
            if r.rank is not None
        ),
        top=_top(t, data),
        weights=_weights(t, data, questionnaire),
        method=tuple(t.plain(f"sheet.method_{n}") for n in range(METHOD + 1)),
        disagreements=_disagreements(t, data),
        page=t.plain("sheet.page"),
        sheets=workbook(t, data, questionnaire, zone),
        moment_format=t.plain("sheet.moment_format"),
    )


def local_day(t: T, workspace: Workspace, now: datetime) -> date:
    """The day `now` is in the list's time zone."""
    return now.astimezone(zone_of(t, workspace)).date()


async def files(report: model.Report) -> tuple[bytes, bytes]:
    """(PDF, XLSX) of the report, made in the drawing worker."""
    return await worker.report_files(report)


def _facts(t: T, data: ReportData) -> str:
    counts = dict.fromkeys(LEGEND, 0)
    for entry in data.ranked:
        counts[tier_text(data.assessed[entry.item.id].card.summary())] += 1
    unranked = counts.pop("?")
    facts = t.plain(
        "sheet.facts",
        count=len(data.ranked),
        assessors=data.assessors,
        unranked=unranked,
        **counts,
    )
    return facts + (t.plain("sheet.left_out", count=data.left_out) if data.left_out else "")


def _top(t: T, data: ReportData) -> Table:
    """The first fifteen of the ranking, with the figures a manager asks about."""
    specs = (
        ("place", Kind.PLACE, 6), ("partner", Kind.TEXT, 19.5), ("score", Kind.NUMBER, 6),
        ("band", Kind.TEXT, 7.5), ("tier", Kind.TIER, 9.5), ("coverage", Kind.PERCENT, 8.5),
        ("firmness", Kind.TEXT, 20), ("status", Kind.TEXT, 9), ("assessor_names", Kind.TEXT, 19),
    )  # fmt: skip
    firm = data.firm or {}
    rows = []
    for entry in data.ranked[:TOP]:
        one = data.assessed[entry.item.id]
        card = one.card
        scored = card.coverage > 0
        rows.append(
            (
                *lead(entry),
                points(card.score) if scored else None,
                f"{points(card.low)}–{points(card.high)}" if scored else "",
                tier_text(card.summary()),
                points(card.coverage * 100) / 100,
                firm_word(t, firm.get(entry.item.id)),
                status_word(t, one),
                ", ".join(one.assessors),
            )
        )
    heading = t.plain("sheet.top", count=min(TOP, len(data.ranked)), total=len(data.ranked))
    return Table(heading, columns(t, *specs), tuple(rows), t.plain("sheet.top_note"))


def _weights(t: T, data: ReportData, questionnaire: Questionnaire) -> tuple[str, str]:
    # No-break spaces: a section stays with its weight, and a "·" ends a line, never starts one.
    line = "\u00a0· ".join(
        f"{s.short(t.lang)}\u00a0{data.weights.get(s.id, 0)}" for s in questionnaire.sections
    )
    if not data.history:
        return t.plain("sheet.weights_default"), line
    latest = data.history[0]
    when = date_text(t, latest.changed_at.astimezone(zone_of(t, data.workspace)))
    return t.plain("sheet.weights_changed", who=latest.user, when=when), line


def _disagreements(t: T, data: ReportData) -> str:
    counts = [open_disagreements(data.assessed[e.item.id]) for e in data.ranked]
    partners = sum(1 for c in counts if c)
    return t.plain("sheet.disagreements", count=sum(counts), partners=partners)
