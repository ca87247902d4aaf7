"""Decisions as they read: a partner's status, "To discuss" with what was settled, the choices
for settling a question, and the captions of evidence sent again."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.render.format import (
    MESSAGE_LIMIT,
    MONTHS,
    answer_text,
    number_text,
    team_rating_text,
    telegram_length,
)
from bot.render.texts import T
from bot.services.model import CardData, labels
from bot.services.names import clip
from questionnaire.model import Questionnaire
from questionnaire.team import TeamAnswer
from storage.models import Note, Status, StatusKind

DISCUSS_PAGE = 5
"""Questions of "To discuss" a page."""
CAPTION_LIMIT = 1024
"""Telegram's longest caption, in characters."""
MARKS: dict[StatusKind, str] = {"focus": "🎯", "pilot": "🧪", "hold": "⏸", "rejected": "✖️"}


def status_mark(status: Status | None) -> str:
    """A partner's decision as one mark for a line of a list or a board ("" undecided)."""
    return MARKS[status.kind] if status else ""


def short_date(t: T, moment: datetime, zone: ZoneInfo) -> str:
    """03.12, or 3 Dec, in the list's time zone."""
    local = moment.astimezone(zone)
    return f"{local:%d.%m}" if t.lang == "ru" else f"{local.day} {MONTHS[local.month - 1]}"


def zone_of(t: T, data: CardData) -> ZoneInfo:
    return data.workspace.zone(data.workspace.lang or t.lang)


def status_text(t: T, status: Status, zone: ZoneInfo, *, public: bool = False) -> str:
    """ "🎯 Фокус · Анна · 03.12"; outside the team only the status itself."""
    return t(
        "decision.line",
        mark=MARKS[status.kind],
        status=t(f"decision.{status.kind}"),
        who=None if public else status.user,
        when=short_date(t, status.set_at, zone),
        reason=None if public else status.reason,
    )


def discussed(t: T, data: CardData, questionnaire: Questionnaire) -> list[dict[str, Any]]:
    """Each question of "To discuss", the largest spread first: votes, the team's value, and
    how it was settled (and whether an answer changed since)."""
    zone, sheets = zone_of(t, data), data.sheets
    items = []
    for answer in sheets.team.discussed(sheets.settled):
        question = questionnaire.question(answer.question_id)
        settled = sheets.settled.get(answer.question_id)
        items.append(
            {
                "id": answer.question_id,
                "title": question.short(t.lang) if question else answer.question_id,
                "votes": votes_text(t, questionnaire, answer),
                "rating": team_rating_text(t, answer),
                "settled": t(
                    "discuss.settled",
                    value=None if settled.value is None else str(settled.value),
                    median=number_text(t, answer.median),
                    who=settled.user,
                    when=short_date(t, settled.settled_at, zone),
                )
                if settled
                else None,
                "changed": sheets.changed_since(answer.question_id),
            }
        )
    return items


def votes_text(t: T, questionnaire: Questionnaire, answer: TeamAnswer) -> str:
    """Each vote as the buttons read (a choice's name for 2.2)."""
    question = questionnaire.question(answer.question_id)
    return " · ".join(
        f"{who} {answer_text(t, question, rating) if question else rating}"
        for who, rating in answer.votes.items()
    )


def discuss_message(t: T, data: CardData, questionnaire: Questionnaire, page: int) -> str:
    """One page of the partner's "To discuss" (DISCUSS_PAGE questions)."""
    items = discussed(t, data, questionnaire)
    pages = max(1, -(-len(items) // DISCUSS_PAGE))
    page = min(max(page, 1), pages)
    first = (page - 1) * DISCUSS_PAGE
    shown = items[first : first + DISCUSS_PAGE]

    def render(with_votes: bool) -> str:
        return t.render(
            "discuss.html",
            name=data.partner.name,
            items=[{**item, "votes": item["votes"] if with_votes else ""} for item in shown],
            first=first + 1,
            last=first + len(shown),
            count=len(items),
            open=sum(1 for item in items if item["settled"] is None or item["changed"]),
        )

    text = render(True)
    return text if telegram_length(text) <= MESSAGE_LIMIT else render(False)


def settle_message(t: T, data: CardData, questionnaire: Questionnaire, question_id: str) -> str:
    """The choices for settling one question: its text, everyone's vote, the median now."""
    answer = data.sheets.team.answers.get(question_id)
    question = questionnaire.question(question_id)
    text = t(
        "discuss.settle",
        name=data.partner.name,
        id=question_id,
        title=question.text(t.lang) if question else question_id,
        votes=clip(votes_text(t, questionnaire, answer), 2000) if answer else "",
        median=number_text(t, answer.median) if answer else "—",
    )
    return str(text)


def evidence_caption(t: T, data: CardData, note: Note) -> str:
    """ "2.1 · Анна · 03.12 · the note", the note clipped to fit a caption (HTML-escaped
    after clipping, so the limit holds for what Telegram counts)."""
    who = labels(data.sheets.opened).get(note.assessment_id, "")
    head = f"{note.question_id} · {who} · {short_date(t, note.created_at, zone_of(t, data))}"
    room = CAPTION_LIMIT - len(head) - 3
    body = clip(note.body, room) if note.body else ""
    return str(t("evidence.caption", head=head, body=body))
