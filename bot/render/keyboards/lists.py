"""Keyboards of cards and lists: a card's buttons, the ranking, the partner list and its
menu, editing answers."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.render.format import answer_text, rank_button
from bot.render.keyboards.buttons import BUTTON_NAME, button, pager
from bot.render.keyboards.decisions import filters
from bot.render.keyboards.decisions import pager as filtered_pager
from bot.render.texts import T
from bot.services.names import clip
from bot.telegram import callbacks as cb
from questionnaire.model import Questionnaire
from questionnaire.ranking import Ranked
from questionnaire.scoring import ScoreCard, points
from storage.models import Listed, Partner


def card(
    t: T,
    partner: Partner,
    *,
    resume_id: int | None,
    own: bool = False,
    assess_url: str | None = None,
    team: bool = False,
    discuss: int = 0,
    evidence: int = 0,
    decide: str | None = None,
) -> InlineKeyboardMarkup:
    """A card's buttons. In a group: the ranking, assessing in private, the team's answers.
    In a private chat: continuing, the ranking (of one's own partners), editing answers.
    Everywhere: sharing through inline mode. In the list's own chats also "To discuss" (with
    `discuss` questions), the `evidence` kept, and the decision (`decide`: its mark)."""
    rows = []
    if resume_id is not None:
        rows.append([button(t.plain("button.resume"), cb.Resume(assessment=resume_id))])
    ranking = button(t.plain("button.ranking"), cb.Ranking(page=0))
    if assess_url:
        rows.append([ranking, InlineKeyboardButton(text=t.plain("button.assess"), url=assess_url)])
    else:
        edit = button(t.plain("button.edit_answers"), cb.Edit(partner=partner.id))
        rows.append([edit] if own else [ranking, edit])
    share = InlineKeyboardButton(text=t.plain("button.share"), switch_inline_query=partner.name)
    if team:
        rows.append([button(t.plain("button.team_answers"), cb.TeamAnswers(partner=partner.id))])
    more = []
    if discuss:
        more.append(
            button(
                t.plain("button.discuss", count=discuss), cb.Discuss(partner=partner.id, page=0)
            )
        )
    if evidence:
        more.append(
            button(t.plain("button.evidence", count=evidence), cb.Evidence(partner=partner.id))
        )
    if more:
        rows.append(more)
    if decide is not None:
        label = t.plain("button.decide_again", mark=decide) if decide else t.plain("button.decide")
        rows.append([button(label, cb.Decide(partner=partner.id, status="menu")), share])
    else:
        rows.append([share])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def ranking(
    t: T,
    entries: Sequence[Ranked[Listed]],
    page: int,
    pages: int,
    *,
    chart: bool,
    what_if: bool = True,
    show: str | None = None,
) -> InlineKeyboardMarkup:
    """A page of the ranking: its partners, the pager, "What if" (unless not `what_if`) and,
    with `chart` (some partner is ranked), the chart of the top; with `show`, the filters by
    decision status (the one shown marked) and a pager within it."""
    builder = InlineKeyboardBuilder()
    for entry in entries:
        label = rank_button(t, entry, clip(entry.item.name, BUTTON_NAME))
        builder.add(button(label, cb.Card(partner=entry.item.id)))
    builder.adjust(2)
    shown = show is not None and show != "all"
    if pages_row := (
        filtered_pager(t, show or "all", page, pages)
        if shown
        else pager(t, page, pages, cb.Ranking)
    ):
        builder.row(*pages_row)
    if show is not None:
        first, second, *rest = filters(t, show)
        builder.row(first, second)
        builder.row(*rest)
    last = [button(t.plain("button.what_if"), cb.WhatIf(action="pick"))] if what_if else []
    if chart:
        last.append(button(t.plain("button.chart"), cb.RankingChart()))
    if last:
        builder.row(*last)
    return builder.as_markup()


def partners(
    t: T, items: Sequence[Partner], page: int, pages: int, *, cards: bool = False
) -> InlineKeyboardMarkup:
    """The partner list; each button opens the partner's menu, or with `cards` its card."""
    builder = InlineKeyboardBuilder()
    for partner in items:
        summary = partner.summary
        score = points(summary.score) if summary and summary.scored else None
        label = t.plain("button.partner_entry", name=clip(partner.name, BUTTON_NAME), score=score)
        target: CallbackData = (
            cb.Card(partner=partner.id)
            if cards
            else cb.PartnerMenu(partner=partner.id, action="open")
        )
        builder.row(button(label, target))
    if not cards and (pages_row := pager(t, page, pages, cb.Partners)):
        builder.row(*pages_row)
    return builder.as_markup()


def to_list(t: T) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[button(t.plain("button.to_list"), cb.Partners(page=1))]]
    )


def to_ranking(t: T) -> InlineKeyboardMarkup:
    """The ranking, as a new message (page 0): the one it is under stays as it is."""
    return InlineKeyboardMarkup(
        inline_keyboard=[[button(t.plain("button.ranking"), cb.Ranking(page=0))]]
    )


def open_card(t: T, partner_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[button(t.plain("button.card"), cb.Card(partner=partner_id))]]
    )


def partner_menu(t: T, partner_id: int, *, group: bool) -> InlineKeyboardMarkup:
    """Open, rename, delete; in a group, its assessors (answers are edited in a private chat,
    so not from a group)."""

    def act(action: str) -> cb.PartnerMenu:
        return cb.PartnerMenu(partner=partner_id, action=action)

    first = [button(t.plain("button.card"), cb.Card(partner=partner_id))]
    if group:  # who is to assess it: a team's matter
        first.append(button(t.plain("button.assessors"), cb.Assessors(partner=partner_id)))
    else:
        first.append(button(t.plain("button.edit_answers"), cb.Edit(partner=partner_id)))
    return InlineKeyboardMarkup(
        inline_keyboard=[
            first,
            [
                button(t.plain("button.rename"), act("rename")),
                button(t.plain("button.delete"), act("delete")),
            ],
            [button(t.plain("button.to_list"), cb.Partners(page=1))],
        ]
    )


def confirm_delete(t: T, partner_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(
                    t.plain("button.confirm_delete"),
                    cb.PartnerMenu(partner=partner_id, action="confirm"),
                ),
                button(t.plain("button.keep"), cb.PartnerMenu(partner=partner_id, action="keep")),
            ]
        ]
    )


def edit_sections(t: T, partner_id: int, card: ScoreCard) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for result in card.sections:
        if not result.applicable:
            continue
        score = None if result.score is None else points(result.score)
        label = t.plain(
            "button.section_entry",
            n=result.section.id,
            title=result.section.short(t.lang),
            score=score,
        )
        builder.row(button(label, cb.Edit(partner=partner_id, section=result.section.id)))
    builder.row(button(t.plain("button.card"), cb.Card(partner=partner_id)))
    return builder.as_markup()


def edit_questions(
    t: T,
    partner_id: int,
    questionnaire: Questionnaire,
    section: int,
    technology: bool,
    answers: dict[str, int | None],
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for q in questionnaire.applicable(technology):
        if q.section != section:
            continue
        answer = (
            answer_text(t, q, answers[q.id]) if q.id in answers else t.plain("label.unanswered")
        )
        label = t.plain("button.question_entry", id=q.id, title=q.short(t.lang), answer=answer)
        builder.row(button(label, cb.Edit(partner=partner_id, section=section, question=q.id)))
    builder.row(button(t.plain("button.to_sections"), cb.Edit(partner=partner_id, here=True)))
    return builder.as_markup()
