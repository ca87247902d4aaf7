"""The longlist as a CSV file that Excel opens with Cyrillic intact (UTF-8 with a BOM)."""

from __future__ import annotations

import csv
import io

from bot.render.format import answer_text, local, tier_text
from bot.render.texts import T
from bot.services.model import CardData
from questionnaire.model import Questionnaire
from questionnaire.scoring import points

BOM = "\ufeff"
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """A value Excel shows as typed: text starting like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA):
        return "'" + value
    return value


def export_csv(t: T, cards: list[CardData], questionnaire: Questionnaire) -> bytes:
    """One row per partner, assessor and question answered (or noted); partner figures repeat.

    Russian Excel splits columns on ";", English on ",": the delimiter follows the language.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if t.lang == "ru" else ",", lineterminator="\r\n")
    sections = [s.short(t.lang) for s in questionnaire.sections]
    writer.writerow(
        [*t.plain("label.csv_head").split("|"), *sections, *t.plain("label.csv_tail").split("|")]
    )
    for data in cards:
        card = data.card
        scored = card.summary().scored
        figures = [
            data.partner.name,
            points(card.score) if scored else "",
            points(card.low) if scored else "",
            points(card.high) if scored else "",
            tier_text(card.summary()) if card.tier else t.plain("label.csv_no_tier"),
            points(card.coverage * 100),
            *[
                "" if s.score is None or not s.applicable else points(s.score)
                for s in card.sections
            ],
        ]
        rows = 0
        for assessment in data.sheets.opened:  # notes of someone yet to answer included
            answers = data.sheets.answers[assessment.id]
            status = t.plain("label.csv_done" if assessment.finished else "label.csv_open")
            notes: dict[str, list[str]] = {}
            for note in data.notes:
                if note.assessment_id == assessment.id:
                    kind = "" if note.kind == "text" else f"[{t.plain('label.' + note.kind)}] "
                    notes.setdefault(note.question_id, []).append(kind + note.body)
            for question in questionnaire.questions:
                if question.id not in answers and question.id not in notes:
                    continue
                answer = ""
                if question.id in answers:
                    rating = answers[question.id]
                    answer = t.plain("label.dont_know") if rating is None else str(rating)
                    if question.kind == "choice" and rating is not None:
                        answer = f"{rating} ({answer_text(t, question, rating)})"
                row = [
                    *figures,
                    assessment.assessor,
                    status,
                    f"{local(t, data.workspace, assessment.updated_at):%Y-%m-%d}",
                    f"{question.id} {question.short(t.lang)}",
                    answer,
                    " | ".join(notes.get(question.id, [])),
                ]
                writer.writerow([cell(value) for value in row])
                rows += 1
        if not rows:
            writer.writerow([cell(value) for value in figures])
    return (BOM + out.getvalue()).encode("utf-8")
