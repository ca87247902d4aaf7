"""The report for management (/report): its data in the list's language, made in the bot's
process from what the card and the ranking show; its PDF and XLSX, made in the worker."""

from __future__ import annotations

from datetime import date, datetime

from bot.charts import model, worker
from bot.charts.model import Column, Kind, Place, Table
from bot.render.format import date_text, place_text, tier_text
from bot.render.texts import T
from bot.services.report import Assessed, ReportData
from questionnaire.model import Questionnaire
from questionnaire.ranking import Ranked
from questionnaire.scoring import points
from storage.models import Listed, Workspace

NAME_WIDTH = 24
"""The partner column's width in characters (longer names are cut in the PDF only)."""
LEGEND = {"A": "A", "B": "B", "C": "C", "X": "X", "?": "none"}
"""Each tier's letter as the ranking shows it, and its word's key."""


def report(t: T, data: ReportData, questionnaire: Questionnaire, now: datetime) -> model.Report:
    """The report as of `now` (aware), dated in the list's time zone."""
    moment = now.astimezone(data.workspace.zone(t.lang))
    counts = dict.fromkeys(LEGEND, 0)
    for entry in data.ranked:
        counts[tier_text(data.assessed[entry.item.id].card.summary())] += 1
    unranked = counts.pop("?")
    summary = t.plain("sheet.summary", count=len(data.ranked), unranked=unranked, **counts)
    if data.left_out:
        summary += t.plain("sheet.left_out", count=data.left_out)
    return model.Report(
        title=t.plain("sheet.title"),
        list_name=data.workspace.title
        if data.workspace.kind == "group"
        else t.plain("sheet.own_list", name=data.workspace.title),
        date=date_text(t, moment),
        summary=summary,
        tiers=tuple((tier, t.plain(f"sheet.tier_{LEGEND[tier]}")) for tier in LEGEND),
        page=t.plain("sheet.page"),
        tables=(
            _weights(t, data, questionnaire),
            _ranking(t, data),
            _sections(t, data, questionnaire),
            _flags(t, data, questionnaire),
        ),
    )


def local_day(t: T, workspace: Workspace, now: datetime) -> date:
    """The day `now` is in the list's time zone."""
    return now.astimezone(workspace.zone(t.lang)).date()


async def files(report: model.Report) -> tuple[bytes, bytes]:
    """(PDF, XLSX) of the report, made in the drawing worker."""
    return await worker.report_files(report)


def _columns(t: T, *specs: tuple[str, Kind, float]) -> tuple[Column, ...]:
    return tuple(Column(key, t.plain(f"sheet.col_{key}"), kind, w) for key, kind, w in specs)


def _lead(entry: Ranked[Listed]) -> tuple[Place, str]:
    """The cells each partner's row starts with: its place and its name."""
    return Place(entry.rank, entry.shared, place_text(entry)), entry.item.name


def _weights(t: T, data: ReportData, questionnaire: Questionnaire) -> Table:
    columns = _columns(
        t, ("section_id", Kind.NUMBER, 4), ("section", Kind.TEXT, 28), ("weight", Kind.NUMBER, 8)
    )
    rows = tuple((s.id, s.short(t.lang), data.weights[s.id]) for s in questionnaire.sections)
    return Table(t.plain("sheet.weights"), columns, rows, t.plain("sheet.weights_note"))


def _ranking(t: T, data: ReportData) -> Table:
    columns = _columns(
        t,
        ("place", Kind.PLACE, 7),
        ("partner", Kind.TEXT, NAME_WIDTH - 4),  # room for the decision
        ("score", Kind.NUMBER, 6),
        ("low", Kind.NUMBER, 6),
        ("high", Kind.NUMBER, 6),
        ("tier", Kind.TIER, 10),
        ("coverage", Kind.PERCENT, 9),
        ("blocked", Kind.TEXT, 11),
        ("pending", Kind.TEXT, 10),
        ("red_flags", Kind.NUMBER, 8),
        ("assessors", Kind.NUMBER, 10),
        ("decision", Kind.TEXT, 8),
    )
    rows = []
    for entry in data.ranked:
        one = data.assessed[entry.item.id]
        card = one.card
        band = (card.score, card.low, card.high)  # no answers: no score, as on the card
        rows.append(
            (
                *_lead(entry),
                *((points(v) if card.coverage > 0 else None) for v in band),
                tier_text(card.summary()),
                points(card.coverage * 100) / 100,
                ", ".join(card.failed_gates),
                ", ".join(card.pending_gates),
                len(card.red_flags),
                one.assessors,
                t.plain(f"sheet.status_{one.status}") if one.status else "",
            )
        )
    return Table(t.plain("sheet.ranking"), columns, tuple(rows), t.plain("sheet.ranking_note"))


def _sections(t: T, data: ReportData, questionnaire: Questionnaire) -> Table:
    sections = questionnaire.sections
    columns = (
        *_columns(t, ("place", Kind.PLACE, 7), ("partner", Kind.TEXT, NAME_WIDTH)),
        *(
            Column(f"section_{s.id}", f"{s.id}. {s.short(t.lang)}", Kind.NUMBER, 8, str(s.id))
            for s in sections
        ),
    )
    rows = []
    for entry in data.ranked:
        results = {r.section.id: r for r in data.assessed[entry.item.id].card.sections}
        scores = [results[s.id].score if s.id in results else None for s in sections]
        rows.append((*_lead(entry), *(None if v is None else points(v) for v in scores)))
    names = " · ".join(f"{s.id} {s.short(t.lang)}" for s in sections)
    note = f"{t.plain('sheet.sections_note')} {names}."
    return Table(t.plain("sheet.sections"), columns, tuple(rows), note)


def _flags(t: T, data: ReportData, questionnaire: Questionnaire) -> Table:
    columns = _columns(
        t,
        ("place", Kind.PLACE, 7),
        ("partner", Kind.TEXT, NAME_WIDTH),
        ("flag", Kind.TEXT, 16),
        ("question", Kind.TEXT, 9),
        ("wording", Kind.TEXT, 40),
    )
    words = {kind: t.plain(f"sheet.flag_{kind}") for kind in ("blocked", "pending", "red")}
    wordings = {q.id: q.short(t.lang) for q in questionnaire.questions}
    rows = []
    for entry in data.ranked:
        for kind, question_id in _flags_of(data.assessed[entry.item.id]):
            wording = wordings.get(question_id, question_id)
            rows.append((*_lead(entry), words[kind], question_id, wording))
    return Table(t.plain("sheet.flags"), columns, tuple(rows), t.plain("sheet.flags_note"))


def _flags_of(one: Assessed) -> list[tuple[str, str]]:
    """(kind, question id): the gates failed, the gates to verify, then the red flags."""
    card = one.card
    return [
        *(("blocked", q) for q in card.failed_gates),
        *(("pending", q) for q in card.pending_gates),
        *(("red", q) for q in card.red_flags),
    ]
