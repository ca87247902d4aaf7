"""The score card: the whole message, fitted into Telegram's 4096 characters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.render.decisions import discussed, status_text, zone_of
from bot.render.format import MESSAGE_LIMIT, date_text, local, telegram_length
from bot.render.texts import T
from bot.services.model import CardData, labels
from questionnaire.model import Lang, Questionnaire
from questionnaire.robustness import Neighbour, Robust
from questionnaire.scoring import SectionResult, points
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
    public: bool = False,
) -> str:
    """The score card (after `intro`, if any), with as many notes as fit in one message:
    fewer notes first, then a compact team part, then no notes at all.

    `public`: the card for outside the team (inline mode, "Share"): name, score and band, tier,
    coverage, sections, gates and status; no notes, evidence, names or disagreements."""
    parts = _Parts(t, data, questionnaire, public=public)
    fixed = {**parts.figures(), "intro": intro, "firmness": parts.firmness(robust, neighbour)}
    if public:
        return t.render(
            "card.html",
            **fixed,
            public=True,
            assessors=[],
            more_assessors=0,
            discuss=[],
            more_discuss=0,
            notes=[],
            hidden_notes=0,
            note_limit=0,
        )
    assessors, notes, discuss = parts.assessors(), parts.notes(), parts.discuss()

    def render(shown: int, compact: bool = False) -> str:
        """The five largest disagreements (the rest behind "To discuss"); `compact`: fewer
        assessors, and the disagreements without everyone's votes."""
        people = ASSESSORS_COMPACT if compact else ASSESSORS_SHOWN
        return t.render(
            "card.html",
            **fixed,
            public=False,
            assessors=assessors[:people],
            more_assessors=max(0, len(assessors) - people),
            discuss=[{**d, "votes": ""} if compact else d for d in discuss[:DISCUSS_COMPACT]],
            more_discuss=max(0, len(discuss) - DISCUSS_COMPACT),
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

    def __init__(
        self, t: T, data: CardData, questionnaire: Questionnaire, *, public: bool = False
    ) -> None:
        self.t, self.data, self.questionnaire = t, data, questionnaire
        self.public = public
        self.names = labels(data.sheets.opened)

    def line(self, question_id: str) -> _Line:
        question = self.questionnaire.question(question_id)
        return _Line(question_id, question.short(self.t.lang) if question else question_id)

    def figures(self) -> dict[str, Any]:
        """Score, band, coverage, sections, gates, flags, strengths: what every card shows."""
        card, lang, team = self.data.card, self.t.lang, self.data.team
        vetoes = {a.question_id: ", ".join(a.vetoed_by) for a in self.data.sheets.team.vetoes}
        firm = card.tier is not None  # strengths and weaknesses mislead on thin data
        status = self.data.status
        team = team and not self.public  # who vetoed a gate stays inside the team
        return {
            "status": status_text(self.t, status, zone_of(self.t, self.data), public=self.public)
            if status
            else None,
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
        return discussed(self.t, self.data, self.questionnaire)

    def firmness(
        self, robust: Robust | None, neighbour: Neighbour[Listed] | None
    ) -> dict[str, Any] | None:
        if robust is None or self.public:
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
