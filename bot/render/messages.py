"""Messages built from templates: a question, an answered question, a card, a ranking page."""

from __future__ import annotations

from markupsafe import Markup

from bot.render.format import (
    answer_text,
    tier_text,
)
from bot.render.texts import T
from bot.services.model import Answered, Position
from bot.services.names import NAME_LIMIT
from questionnaire.model import Question, Questionnaire
from questionnaire.scoring import points
from storage.models import Partner, Workspace


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
