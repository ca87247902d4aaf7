"""The score card: the whole message, fitted into Telegram's 4096 characters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.render.format import (
    MESSAGE_LIMIT,
    answer_text,
    date_text,
    local,
    team_rating_text,
    telegram_length,
)
from bot.render.texts import T
from bot.services.model import CardData, labels
from questionnaire.model import Lang, Questionnaire
from questionnaire.robustness import Neighbour, Robust
from questionnaire.scoring import SectionResult, points
from questionnaire.team import TeamAnswer
from storage.models import Listed

NOTE_LIMIT = 300
ASSESSORS_SHOWN = 10
ASSESSORS_COMPACT = 3
DISCUSS_COMPACT = 5


@dataclass(frozen=True)
class _Line:
    id: str
    title: str


def card_message(
    t: T,
    data: CardData,
    questionnaire: Questionnaire,
    intro: str | None = None,
    *,
    robust: Robust | None = None,
    neighbour: Neighbour[Listed] | None = None,
) -> str:
    """The score card (after `intro`, if any), with as many notes as fit in one message:
    fewer notes first, then a compact team part, then no notes at all."""
    parts = _Parts(t, data, questionnaire)
    fixed = {**parts.figures(), "intro": intro, "firmness": parts.firmness(robust, neighbour)}
    assessors, notes, discuss = parts.assessors(), parts.notes(), parts.discuss()

    def render(shown: int, compact: bool = False) -> str:
        """`compact`: fewer assessors and disagreements, without everyone's votes."""
        people = ASSESSORS_COMPACT if compact else ASSESSORS_SHOWN
        return t.render(
            "card.html",
            **fixed,
            assessors=assessors[:people],
            more_assessors=max(0, len(assessors) - people),
            discuss=[{**d, "votes": ""} for d in discuss[:DISCUSS_COMPACT]]
            if compact
            else discuss,
            more_discuss=max(0, len(discuss) - DISCUSS_COMPACT) if compact else 0,
            notes=notes[:shown],
            hidden_notes=len(notes) - shown,
            note_limit=NOTE_LIMIT,
        )

    shown = len(notes)
    text = render(shown)
    while telegram_length(text) > MESSAGE_LIMIT and shown:
        shown //= 2
        text = render(shown)
    if telegram_length(text) > MESSAGE_LIMIT:
        text = render(0, compact=True)
    return text


class _Parts:
    """The card's pieces, as the template takes them."""

    def __init__(self, t: T, data: CardData, questionnaire: Questionnaire) -> None:
        self.t, self.data, self.questionnaire = t, data, questionnaire
        self.names = labels(data.sheets.opened)

    def line(self, question_id: str) -> _Line:
        question = self.questionnaire.question(question_id)
        return _Line(question_id, question.short(self.t.lang) if question else question_id)

    def figures(self) -> dict[str, Any]:
        """Score, band, coverage, sections, gates, flags, strengths: what every card shows."""
        card, lang, team = self.data.card, self.t.lang, self.data.team
        vetoes = {a.question_id: ", ".join(a.vetoed_by) for a in self.data.sheets.team.vetoes}
        firm = card.tier is not None  # strengths and weaknesses mislead on thin data
        return {
            "partner": self.data.partner,
            "card": card,
            "score": points(card.score),
            "low": points(card.low),
            "high": points(card.high),
            "coverage": points(card.coverage * 100),
            "own_in": self.data.workspace.title if self.data.own else None,
            "sections": [_section(s, lang) for s in card.sections if s.applicable],
            "not_applicable": ", ".join(
                s.section.short(lang) for s in card.sections if not s.applicable
            ),
            "failed_gates": [
                {**vars(self.line(q)), "by": vetoes.get(q) if team else None}
                for q in card.failed_gates
            ],
            "pending_gates": ", ".join(
                f"{line.id} {line.title}" for line in map(self.line, card.pending_gates)
            ),
            "red_flags": [self.line(q) for q in card.red_flags],
            "strongest": [_section(s, lang) for s in card.strongest()] if firm else [],
            "weakest": [_section(s, lang) for s in card.weakest()] if firm else [],
        }

    def assessors(self) -> list[dict[str, Any]]:
        t, sheets = self.t, self.data.sheets
        asked = {q.id for q in self.questionnaire.applicable(bool(self.data.partner.technology))}
        return [
            {
                "name": self.names[a.id],
                "when": date_text(t, local(t, self.data.workspace, a.finished_at or a.updated_at)),
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

    def notes(self) -> list[dict[str, Any]]:
        return [
            {
                "question": n.question_id,
                "kind": self.t.plain(f"label.{n.kind}") if n.kind != "text" else None,
                "body": n.body,
                "author": self.names[n.assessment_id] if self.data.team else None,
            }
            for n in self.data.notes
        ]

    def discuss(self) -> list[dict[str, Any]]:
        return [
            {
                **vars(self.line(a.question_id)),
                "votes": self.votes(a),
                "rating": team_rating_text(self.t, a),
            }
            for a in self.data.sheets.team.discuss
        ]

    def votes(self, answer: TeamAnswer) -> str:
        """Each vote as the buttons read (a choice's name for 2.2)."""
        question = self.questionnaire.question(answer.question_id)
        return " · ".join(
            f"{who} {answer_text(self.t, question, rating) if question else rating}"
            for who, rating in answer.votes.items()
        )

    def firmness(
        self, robust: Robust | None, neighbour: Neighbour[Listed] | None
    ) -> dict[str, Any] | None:
        if robust is None:
            return None
        firmness: dict[str, Any] = {
            "label": self.t(f"robust.{robust.label.value}"),
            "share": round(robust.share * 100),
            "k": robust.k,
            "other": neighbour.other.name if neighbour else None,
            "swap": None,
        }
        if neighbour and neighbour.swap:
            swap = neighbour.swap
            firmness["swap"] = {
                "section": self.questionnaire.section(swap.section).short(self.t.lang),
                "weight": self.data.weights[swap.section] + swap.delta,
                "delta": f"{swap.delta:+d}",
            }
        return firmness


def _section(result: SectionResult, lang: Lang) -> dict[str, object]:
    return {
        "title": result.section.short(lang),
        "applicable": result.applicable,
        "score": None if result.score is None else points(result.score),
        "answered": result.answered,
        "total": result.total,
    }
