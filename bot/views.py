"""Messages built from templates: a question, an answered question, a card, a ranking page."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from bot.assessments import Position, labels
from bot.longlist import CardData
from bot.texts import T, clip
from questionnaire.model import Lang, Question, Questionnaire
from questionnaire.scoring import Ranked, SectionResult, Summary, points
from storage.models import Partner, Workspace

MESSAGE_LIMIT = 4096
NOTE_LIMIT = 300
RANKING_PAGE = 10
NAME_COLUMN = 11
ASSESSORS_SHOWN = 10


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


def date_text(t: T, moment: datetime) -> str:
    return f"{moment:%d.%m.%Y}" if t.lang == "ru" else f"{moment.day} {moment:%b %Y}"


def tier_text(summary: Summary) -> str:
    return summary.tier.value if summary.tier else "?"


def question_message(t: T, at: Position) -> str:
    saved = at.answers.get(at.question.id)
    return t.render(
        "question.html",
        partner=at.partner.name,
        p=at.progress,
        q=at.question,
        saved=answer_text(t, at.question, saved) if at.saved else None,
        notes=at.notes,
    )


def answered_message(t: T, question: Question, rating: int | None) -> str:
    meaning = None
    if rating is not None:
        if question.kind == "choice" and (choice := question.choice_by_score(rating)):
            meaning = choice.meaning(t.lang)
        else:
            meaning = question.level(rating, t.lang)
    return t.render(
        "answered.html", q=question, answer=answer_text(t, question, rating), meaning=meaning
    )


@dataclass(frozen=True)
class _Line:
    id: str
    title: str


def card_message(
    t: T, data: CardData, questionnaire: Questionnaire, intro: str | None = None
) -> str:
    """The score card (after `intro`, if any), with as many notes as fit in one message."""
    card, sheets, lang = data.card, data.sheets, t.lang

    def question_line(question_id: str) -> _Line:
        question = questionnaire.question(question_id)
        return _Line(question_id, question.short(lang) if question else question_id)

    names = labels(sheets.assessments)
    team = len(sheets.assessments) > 1
    asked = {q.id for q in questionnaire.applicable(bool(data.partner.technology))}
    assessors = [
        {
            "name": names[a.id],
            "when": date_text(t, a.finished_at or a.updated_at),
            "progress": None
            if a.finished
            else t(
                "card.in_progress",
                answered=len(asked & sheets.answers[a.id].keys()),
                total=len(asked),
            ),
        }
        for a in sheets.assessments
    ]
    notes = [
        {
            "question": n.question_id,
            "kind": t.plain(f"label.{n.kind}") if n.kind != "text" else None,
            "body": n.body,
            "author": names[n.assessment_id] if team else None,
        }
        for n in data.notes
    ]
    vetoes = {a.question_id: ", ".join(a.vetoed_by) for a in sheets.team.vetoes}
    discuss = [
        {
            **vars(question_line(a.question_id)),
            "votes": " · ".join(f"{who} {rating}" for who, rating in a.votes.items()),
            "median": _number(a.median),
        }
        for a in sheets.team.discuss
    ]
    firm = card.tier is not None  # strengths and weaknesses mislead on thin data

    def render(shown: int) -> str:
        return t.render(
            "card.html",
            intro=intro,
            partner=data.partner,
            card=card,
            score=points(card.score),
            low=points(card.low),
            high=points(card.high),
            coverage=points(card.coverage * 100),
            assessors=assessors[:ASSESSORS_SHOWN],
            more_assessors=max(0, len(assessors) - ASSESSORS_SHOWN),
            own_in=data.workspace.title if data.own else None,
            sections=[_section(s, lang) for s in card.sections if s.applicable],
            not_applicable=", ".join(
                s.section.short(lang) for s in card.sections if not s.applicable
            ),
            failed_gates=[
                {**vars(question_line(q)), "by": vetoes.get(q) if team else None}
                for q in card.failed_gates
            ],
            pending_gates=", ".join(
                f"{line.id} {line.title}" for line in map(question_line, card.pending_gates)
            ),
            red_flags=[question_line(q) for q in card.red_flags],
            strongest=[_section(s, lang) for s in card.strongest()] if firm else [],
            weakest=[_section(s, lang) for s in card.weakest()] if firm else [],
            discuss=discuss,
            notes=notes[:shown],
            hidden_notes=len(notes) - shown,
            note_limit=NOTE_LIMIT,
        )

    shown = len(notes)
    text = render(shown)
    while telegram_length(text) > MESSAGE_LIMIT and shown:
        shown //= 2
        text = render(shown)
    return text


def _number(value: float | None) -> str:
    """A median as people write it: 4, 3.5."""
    if value is None:
        return "—"
    return str(int(value)) if value == int(value) else f"{value:g}"


def _section(result: SectionResult, lang: Lang) -> dict[str, object]:
    return {
        "title": result.section.short(lang),
        "applicable": result.applicable,
        "score": None if result.score is None else points(result.score),
        "answered": result.answered,
        "total": result.total,
    }


def partner_summary(t: T, partner: Partner) -> str:
    """The partner's name and where it stands, for the partner menu."""
    summary = partner.summary
    if summary is None or summary.coverage == 0:
        line = t("partners.unscored")
    else:
        figures = {
            "score": points(summary.score),
            "tier": tier_text(summary),
            "coverage": points(summary.coverage * 100),
        }
        line = t(
            "partners.insufficient" if summary.tier is None else "partners.summary", **figures
        )
    return f"{t('partners.menu', name=partner.name)}\n{line}"


def share_line(t: T, partner: Partner, home: Workspace) -> str:
    """A partner's standing in one plain line, for an inline result: "Sales team · 63 · B"."""
    summary = partner.summary
    parts = [home.title] if home.kind == "group" else []
    if summary and summary.coverage > 0:
        parts += [str(points(summary.score)), tier_text(summary)]
    return " · ".join(parts) or t.plain("label.unanswered")


def ranking_pages(count: int) -> int:
    return max(1, math.ceil(count / RANKING_PAGE))


def ranking_page(ranked: list[Ranked[Partner]], page: int) -> list[Ranked[Partner]]:
    return ranked[(page - 1) * RANKING_PAGE : page * RANKING_PAGE]


def ranking_message(t: T, ranked: list[Ranked[Partner]], page: int) -> str:
    """One page of the ranking as a monospace table that fits a phone's width."""
    rows = ranking_page(ranked, page)
    table = [t.plain("label.columns").split("|")]
    for entry in rows:
        summary = entry.summary
        scored = summary.coverage > 0
        table.append(
            [
                place_text(entry),
                clip(entry.item.name, NAME_COLUMN),
                str(points(summary.score)) if scored else "—",
                tier_text(summary),
                f"{points(summary.coverage * 100)}%",
                str(summary.red_flags) if summary.red_flags else "·",
            ]
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    widths[1] = max(widths[1], NAME_COLUMN)
    lines = [
        " ".join(
            cell.ljust(width) if i == 1 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in table
    ]
    return t.render(
        "ranking.html",
        count=len(ranked),
        page=page,
        pages=ranking_pages(len(ranked)),
        table="\n".join(lines),
        shared=any(entry.shared for entry in rows),
        unranked=any(entry.summary.tier is None for entry in rows),
    )


def place_text(entry: Ranked[Partner]) -> str:
    """ "1", "=2" for ranked partners; "?" too little data; "—" blocked."""
    if entry.rank is None:
        return "—" if entry.summary.blocked else "?"
    return f"={entry.rank}" if entry.shared else str(entry.rank)


def rank_button(t: T, entry: Ranked[Partner], name: str) -> str:
    if entry.rank is not None:
        return t.plain("button.ranked_entry", place=place_text(entry), name=name)
    return t.plain(
        "button.blocked_entry" if entry.summary.blocked else "button.unranked_entry", name=name
    )


COMPARE_NAME = 7
COMPARE_GAP = 10
"""Points by which one partner must lead in a row for the row to be marked."""


def compare_message(t: T, first: CardData, second: CardData, questionnaire: Questionnaire) -> str:
    """Two partners side by side: score, tier, coverage, then each section; leads marked."""

    def figure(value: float | None) -> str:
        return "—" if value is None else str(points(value))

    def mark(a: float | None, b: float | None) -> str:
        if a is None or b is None:
            return ""
        return "◀" if a - b >= COMPARE_GAP else "▶" if b - a >= COMPARE_GAP else ""

    one, two = first.card, second.card
    rows = [
        ["", clip(first.partner.name, COMPARE_NAME), clip(second.partner.name, COMPARE_NAME), ""],
        [t.plain("label.score"), figure(one.score), figure(two.score), mark(one.score, two.score)],
        [t.plain("label.tier"), tier_text(one.summary()), tier_text(two.summary()), ""],
        [
            t.plain("label.coverage"),
            f"{points(one.coverage * 100)}%",
            f"{points(two.coverage * 100)}%",
            "",
        ],
    ]
    for a, b in zip(one.sections, two.sections, strict=True):
        if not (a.applicable or b.applicable):
            continue
        rows.append(
            [a.section.short(t.lang), figure(a.score), figure(b.score), mark(a.score, b.score)]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    table = "\n".join(
        f"{row[0]:<{widths[0]}} {row[1]:>{widths[1]}} {row[2]:>{widths[2]}} {row[3]}".rstrip()
        for row in rows
    )
    return t.render(
        "compare.html", first=first.partner.name, second=second.partner.name, table=table
    )


def team_answers_message(t: T, data: CardData, questionnaire: Questionnaire) -> str:
    """Every question: the team's rating, and who answered what (shortened if too long)."""
    team = data.sheets.team.answers

    def lines(detailed: bool) -> list[dict[str, str]]:
        shown = []
        for question in questionnaire.applicable(bool(data.partner.technology)):
            answer = team.get(question.id)
            votes = (
                ", ".join(
                    f"{who} {answer_text(t, question, r)}" for who, r in answer.votes.items()
                )
                if answer and detailed
                else (t.plain("label.votes", count=len(answer.votes)) if answer else "")
            )
            shown.append(
                {
                    "id": question.id,
                    "title": question.short(t.lang),
                    "rating": _number(answer.rating) if answer else t.plain("label.unanswered"),
                    "votes": votes,
                    "unknown": ", ".join(answer.unknown) if answer and detailed else "",
                }
            )
        return shown

    text = t.render("team_answers.html", partner=data.partner.name, lines=lines(True))
    if telegram_length(text) > MESSAGE_LIMIT:
        text = t.render("team_answers.html", partner=data.partner.name, lines=lines(False))
    return text
