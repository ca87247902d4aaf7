"""The report's workbook as tables (made in the bot's process, in the list's language): the
ranking with every figure, each partner's sections, everyone's answers with the notes, the
discussion, and the weights with their history."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.charts.cells import (
    columns,
    firm_word,
    lead,
    moment,
    open_disagreements,
    status_word,
    swap_text,
)
from bot.charts.model import Cell, Column, Kind, Place, Table
from bot.render.format import date_text, tier_text
from bot.render.texts import T
from bot.services.report import Assessed, ReportData
from bot.services.scoring import default_weights
from questionnaire.model import Questionnaire
from questionnaire.scoring import points
from questionnaire.team import TeamAnswer

NAME_WIDTH = 24
"""The partner column's width in characters."""
CELL_LIMIT = 32_000
"""Excel keeps at most 32,767 characters in a cell."""
Row = tuple[Cell | Place, ...]


def workbook(
    t: T, data: ReportData, questionnaire: Questionnaire, zone: ZoneInfo
) -> tuple[Table, ...]:
    return (
        _ranking(t, data, questionnaire, zone),
        _sections(t, data, questionnaire),
        _answers(t, data, questionnaire, zone),
        _discussion(t, data, questionnaire, zone),
        _weights(t, data, questionnaire, zone),
    )


def _ranking(t: T, data: ReportData, questionnaire: Questionnaire, zone: ZoneInfo) -> Table:
    specs = (
        ("place", Kind.PLACE, 7), ("partner", Kind.TEXT, NAME_WIDTH),
        ("score", Kind.NUMBER, 6), ("low", Kind.NUMBER, 7), ("high", Kind.NUMBER, 7),
        ("tier", Kind.TIER, 10), ("coverage", Kind.PERCENT, 9),
        ("firmness", Kind.TEXT, 22), ("top_share", Kind.PERCENT, 10), ("swap", Kind.TEXT, 40),
        ("status", Kind.TEXT, 9), ("status_by", Kind.TEXT, 12), ("status_at", Kind.MOMENT, 16),
        ("reason", Kind.TEXT, 30), ("assessors", Kind.NUMBER, 10),
        ("assessor_names", Kind.TEXT, 24), ("blocked", Kind.TEXT, 12),
        ("pending", Kind.TEXT, 10), ("red_flags", Kind.NUMBER, 9),
        ("red_flag_questions", Kind.TEXT, 14), ("open", Kind.NUMBER, 10),
    )  # fmt: skip
    firm = data.firm or {}
    rows = []
    for entry in data.ranked:
        one = data.assessed[entry.item.id]
        card, status, placed = one.card, one.status, firm.get(entry.item.id)
        band = (card.score, card.low, card.high)  # no answers: no score, as on the card
        rows.append(
            (
                *lead(entry),
                *((points(v) if card.coverage > 0 else None) for v in band),
                tier_text(card.summary()),
                points(card.coverage * 100) / 100,
                firm_word(t, placed),
                round(placed.share, 2) if placed else None,
                swap_text(t, placed, questionnaire, data.weights.get(placed.swap.section, 0))
                if placed and placed.swap
                else "",
                status_word(t, one),
                status.user if status else "",
                moment(status.set_at, zone) if status else None,
                status.reason if status else "",
                len(one.sheets.assessments),
                ", ".join(one.assessors),
                ", ".join(card.failed_gates),
                ", ".join(card.pending_gates),
                len(card.red_flags),
                ", ".join(card.red_flags),
                open_disagreements(one),
            )
        )
    note = t.plain("sheet.ranking_note", k=next(iter(firm.values())).k if firm else 3)
    return Table(t.plain("sheet.ranking"), columns(t, *specs), tuple(rows), note)


def _sections(t: T, data: ReportData, questionnaire: Questionnaire) -> Table:
    sections = questionnaire.sections
    head = (
        *columns(t, ("place", Kind.PLACE, 7), ("partner", Kind.TEXT, NAME_WIDTH)),
        *(
            Column(f"section_{s.id}", f"{s.id}. {s.short(t.lang)}", Kind.NUMBER, 10)
            for s in sections
        ),
    )
    rows = []
    for entry in data.ranked:
        results = {r.section.id: r for r in data.assessed[entry.item.id].card.sections}
        scores = [results[s.id].score if s.id in results else None for s in sections]
        rows.append((*lead(entry), *(None if v is None else points(v) for v in scores)))
    return Table(t.plain("sheet.sections"), head, tuple(rows), t.plain("sheet.sections_note"))


def _people(data: ReportData) -> dict[int, str]:
    """Everyone who assessed a partner of the report (user id → name, as first seen), for a
    column each."""
    people: dict[int, str] = {}
    for entry in data.ranked:
        one = data.assessed[entry.item.id]
        names = one.names
        for a in one.sheets.assessments:
            people.setdefault(a.user_id, names[a.id])
    taken: dict[str, int] = {}
    for user_id, name in people.items():  # two Annas on different partners: two columns
        taken[name] = taken.get(name, 0) + 1
        if taken[name] > 1:
            people[user_id] = f"{name} ({taken[name]})"
    return people


def _answers(t: T, data: ReportData, questionnaire: Questionnaire, zone: ZoneInfo) -> Table:
    people = _people(data)
    head = (
        *columns(
            t,
            ("place", Kind.PLACE, 7), ("partner", Kind.TEXT, NAME_WIDTH),
            ("question", Kind.TEXT, 8), ("wording", Kind.TEXT, 36),
            ("team_value", Kind.RATING, 10), ("how", Kind.TEXT, 28),
        ),
        *(Column(f"person_{u}", n, Kind.RATING, max(8, len(n) + 2)) for u, n in people.items()),
        *columns(t, ("notes", Kind.LONG, 50)),
    )  # fmt: skip
    dont_know, median = t.plain("label.dont_know"), t.plain("sheet.how_median")
    kinds = {kind: t.plain(f"sheet.note_{kind}") for kind in ("photo", "document", "voice")}
    rows: list[Row] = []
    for entry in data.ranked:
        one = data.assessed[entry.item.id]
        sheets, names = one.sheets, one.names
        users = {a.id: a.user_id for a in one.sheets.opened}
        notes: dict[str, list[str]] = {}
        for note in one.notes:  # "Анна: text", "Анна, фото: its caption"
            who = names.get(note.assessment_id, "")
            if note.kind != "text":
                who = f"{who}, {kinds[note.kind]}"
            notes.setdefault(note.question_id, []).append(
                f"{who}: {note.body}" if note.body else who
            )
        for question in questionnaire.questions:
            answer = sheets.team.answers.get(question.id)
            said = {
                users[a_id]: answers[question.id]
                for a_id, answers in sheets.answers.items()
                if question.id in answers
            }
            if answer is None and not said and question.id not in notes:
                continue
            cells = [
                (dont_know if said[u] is None else said[u]) if u in said else None for u in people
            ]
            rows.append(
                (
                    *lead(entry),
                    question.id,
                    question.short(t.lang),
                    answer.rating if answer else None,
                    _how(t, one, answer, zone, median),
                    *cells,
                    "\n".join(notes.get(question.id, []))[:CELL_LIMIT],
                )
            )
    return Table(t.plain("sheet.answers"), head, tuple(rows), t.plain("sheet.answers_note"))


def _how(t: T, one: Assessed, answer: TeamAnswer | None, zone: ZoneInfo, median: str) -> str:
    """Where the team's value comes from: settled (by whom, when), a gate's veto, the median."""
    settled = one.sheets.settled.get(answer.question_id) if answer else None
    if settled is not None and settled.value is not None:
        when = moment(settled.settled_at, zone)
        return t.plain("sheet.how_agreed", who=settled.user, when=date_text(t, when))
    if answer is None or answer.rating is None:
        return ""
    if answer.vetoed_by:
        return t.plain("sheet.how_vetoed", who=", ".join(answer.vetoed_by))
    return median


def _discussion(t: T, data: ReportData, questionnaire: Questionnaire, zone: ZoneInfo) -> Table:
    head = columns(
        t,
        ("place", Kind.PLACE, 7), ("partner", Kind.TEXT, NAME_WIDTH),
        ("question", Kind.TEXT, 8), ("wording", Kind.TEXT, 36), ("spread", Kind.NUMBER, 9),
        ("votes", Kind.TEXT, 36), ("median", Kind.RATING, 9), ("agreed", Kind.TEXT, 14),
        ("settled_by", Kind.TEXT, 14), ("settled_at", Kind.MOMENT, 16),
        ("state", Kind.TEXT, 16), ("changed", Kind.TEXT, 12),
    )  # fmt: skip
    yes, kept = t.plain("sheet.yes"), t.plain("sheet.kept_median")
    states = {s: t.plain(f"sheet.state_{s}") for s in ("open", "settled", "changed")}
    rows: list[Row] = []
    for entry in data.ranked:
        sheets = data.assessed[entry.item.id].sheets
        for answer in sheets.team.discussed(sheets.settled):
            question = questionnaire.question(answer.question_id)
            settled = sheets.settled.get(answer.question_id)
            changed = sheets.changed_since(answer.question_id)
            state = "open" if settled is None else "changed" if changed else "settled"
            agreed = "" if settled is None else settled.value or kept
            rows.append(
                (
                    *lead(entry),
                    answer.question_id,
                    question.short(t.lang) if question else answer.question_id,
                    answer.spread,
                    " · ".join(f"{who} {r}" for who, r in answer.votes.items()),
                    answer.median,
                    agreed,
                    settled.user if settled else "",
                    moment(settled.settled_at, zone) if settled else None,
                    states[state],
                    yes if changed else "",
                )
            )
    return Table(t.plain("sheet.discussion"), head, tuple(rows), t.plain("sheet.discussion_note"))


def _weights(t: T, data: ReportData, questionnaire: Questionnaire, zone: ZoneInfo) -> Table:
    sections = questionnaire.sections
    now = columns(
        t, ("section_id", Kind.NUMBER, 5), ("section", Kind.TEXT, 28), ("weight", Kind.NUMBER, 8)
    )
    current = tuple((s.id, s.short(t.lang), data.weights.get(s.id, 0)) for s in sections)
    past = columns(
        t,
        ("changed_at", Kind.MOMENT, 16), ("changed_by", Kind.TEXT, 14),
        ("changed_how", Kind.TEXT, 22), ("section", Kind.TEXT, 28),
        ("before", Kind.NUMBER, 8), ("after", Kind.NUMBER, 8),
    )  # fmt: skip
    history = list(data.history)  # the latest first
    rows: list[Row] = []
    for n, change in enumerate(history):
        before = history[n + 1].weights if n + 1 < len(history) else default_weights(questionnaire)
        how = t.plain(f"sheet.by_{change.how}") if change.how else ""
        for s in sections:
            if before.get(s.id) != change.weights.get(s.id):
                rows.append(
                    (
                        moment(change.changed_at, zone),
                        change.user,
                        how,
                        f"{s.id}. {s.short(t.lang)}",
                        before.get(s.id),
                        change.weights.get(s.id),
                    )
                )
    then = Table(t.plain("sheet.history"), past, tuple(rows), t.plain("sheet.history_note"))
    return Table(t.plain("sheet.weights"), now, current, t.plain("sheet.weights_note"), then)
