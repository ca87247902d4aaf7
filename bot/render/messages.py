"""Messages built from templates: a question, an answered question, a card, a ranking page."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from bot.render.format import (
    MESSAGE_LIMIT,
    answer_text,
    date_text,
    team_rating_text,
    telegram_length,
    tier_text,
)
from bot.render.texts import T
from bot.services.model import Answered, CardData, Position, labels
from bot.services.names import NAME_LIMIT
from questionnaire.model import Lang, Question, Questionnaire
from questionnaire.robustness import Neighbour, Robust
from questionnaire.scoring import SectionResult, points
from questionnaire.team import TeamAnswer
from storage.models import Listed, Partner, Workspace

NOTE_LIMIT = 300
ASSESSORS_SHOWN = 10
ASSESSORS_COMPACT = 3
DISCUSS_COMPACT = 5


def technology_question(t: T, questionnaire: Questionnaire, name: str) -> str:
    """Asks whether a partnership is technological, naming what that adds to the interview."""
    lang = t.lang
    extra = [
        t("interview.technology_section", id=s.id, title=s.title(lang))
        for s in questionnaire.sections
        if s.technology_only
    ] + [
        t("interview.technology_question", id=q.id, title=q.short(lang))
        for q in questionnaire.questions
        if q.technology_only
    ]
    return t(
        "interview.technology",
        name=name,
        extra=Markup(", ").join(extra),
        with_it=len(questionnaire.applicable(True)),
        without=len(questionnaire.applicable(False)),
    )


def bad_name(t: T) -> str:
    return t("interview.bad_name", limit=NAME_LIMIT)


def partner_menu_text(t: T, partner: Partner, *, kept: bool = False) -> str:
    """The partner's summary, after "it stays on the list" when a deletion was declined."""
    summary = partner_summary(t, partner)
    return f"{t('partners.kept', name=partner.name)}\n\n{summary}" if kept else summary


def changed_intro(t: T, question: Question, result: Answered, rating: int | None) -> str:
    """ "Answer to 4.2 changed: 3 → 5. Score: 61 → 64." above a card after an edit."""
    before = (
        answer_text(t, question, result.previous)
        if result.had_answer
        else t.plain("label.unanswered")
    )
    return t(
        "card.changed",
        question=question.id,
        before=before,
        after=answer_text(t, question, rating),
        score_before=points(result.before.score),
        score_after=points(result.after.score),
    )


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
    t: T,
    data: CardData,
    questionnaire: Questionnaire,
    intro: str | None = None,
    *,
    robust: Robust | None = None,
    neighbour: Neighbour[Listed] | None = None,
) -> str:
    """The score card (after `intro`, if any), with as many notes as fit in one message."""
    card, sheets, lang = data.card, data.sheets, t.lang

    def question_line(question_id: str) -> _Line:
        question = questionnaire.question(question_id)
        return _Line(question_id, question.short(lang) if question else question_id)

    names = labels(sheets.opened)
    team = data.team
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

    def votes(answer: TeamAnswer) -> str:
        """Each vote as the buttons read (a choice's name for 2.2)."""
        question = questionnaire.question(answer.question_id)
        return " · ".join(
            f"{who} {answer_text(t, question, rating) if question else rating}"
            for who, rating in answer.votes.items()
        )

    discuss = [
        {
            **vars(question_line(a.question_id)),
            "votes": votes(a),
            "rating": team_rating_text(t, a),
        }
        for a in sheets.team.discuss
    ]
    firm = card.tier is not None  # strengths and weaknesses mislead on thin data
    firmness = None
    if robust:
        firmness = {
            "label": t(f"robust.{robust.label.value}"),
            "share": round(robust.share * 100),
            "k": robust.k,
            "other": neighbour.other.name if neighbour else None,
            "swap": None,
        }
        if neighbour and neighbour.swap:
            swap = neighbour.swap
            weight = data.weights[swap.section] + swap.delta
            firmness["swap"] = {
                "section": questionnaire.section(swap.section).short(lang),
                "weight": weight,
                "delta": f"{swap.delta:+d}",
            }

    def render(shown: int, compact: bool = False) -> str:
        """`compact`: fewer assessors and disagreements, without everyone's votes."""
        people = ASSESSORS_COMPACT if compact else ASSESSORS_SHOWN
        return t.render(
            "card.html",
            intro=intro,
            partner=data.partner,
            card=card,
            score=points(card.score),
            low=points(card.low),
            high=points(card.high),
            coverage=points(card.coverage * 100),
            assessors=assessors[:people],
            more_assessors=max(0, len(assessors) - people),
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
            discuss=[{**d, "votes": ""} for d in discuss[:DISCUSS_COMPACT]]
            if compact
            else discuss,
            more_discuss=max(0, len(discuss) - DISCUSS_COMPACT) if compact else 0,
            firmness=firmness,
            notes=notes[:shown],
            hidden_notes=len(notes) - shown,
            note_limit=NOTE_LIMIT,
        )

    # Fit one message: fewer notes first, then a compact team part, then no notes at all.
    shown = len(notes)
    text = render(shown)
    while telegram_length(text) > MESSAGE_LIMIT and shown:
        shown //= 2
        text = render(shown)
    if telegram_length(text) > MESSAGE_LIMIT:
        text = render(0, compact=True)
    return text


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
    if summary is None or not summary.scored:
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
    if summary and summary.scored:
        parts += [str(points(summary.score)), tier_text(summary)]
    return " · ".join(parts) or t.plain("label.unanswered")
