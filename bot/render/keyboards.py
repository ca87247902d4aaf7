"""Inline keyboards. Labels come from the locale files; callback data carries ids only."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.render.messages import answer_text
from bot.render.tables import rank_button
from bot.render.texts import T
from bot.services.model import Position
from bot.services.names import clip
from bot.telegram import callbacks as cb
from questionnaire.model import Questionnaire
from questionnaire.scoring import Ranked, ScoreCard, points
from questionnaire.weights import STEP, Weights, step
from storage.models import Listed, Partner

BUTTON_NAME = 28


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def _pager(
    t: T, page: int, pages: int, make: type[cb.Ranking] | type[cb.Partners]
) -> list[InlineKeyboardButton]:
    row = []
    if page > 1:
        row.append(_button(t.plain("button.previous_page"), make(page=page - 1)))
    if page < pages:
        row.append(_button(t.plain("button.next_page"), make(page=page + 1)))
    return row


def start(t: T) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(t.plain("button.new_assessment"), cb.NewPartner())]]
    )


def languages() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button("Русский", cb.Language(lang="ru")),
                _button("English", cb.Language(lang="en")),
            ]
        ]
    )


def settings(t: T, reminders: bool) -> InlineKeyboardMarkup:
    label = t.plain("button.reminders_off" if reminders else "button.reminders_on")
    return InlineKeyboardMarkup(inline_keyboard=[[_button(label, cb.Reminders(on=not reminders))]])


def technology(t: T, partner_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(
                    t.plain("button.yes_technology"), cb.Technology(partner=partner_id, value=True)
                ),
                _button(
                    t.plain("button.no_technology"), cb.Technology(partner=partner_id, value=False)
                ),
            ]
        ]
    )


def question(t: T, at: Position, *, editing: bool) -> InlineKeyboardMarkup:
    """`1`…`5` (or the choices of 2.2), "Don't know", then "Back" and "Pause"."""
    aid, qid = at.assessment.id, at.question.id

    def rate(value: int) -> cb.Rate:
        return cb.Rate(assessment=aid, question=qid, value=value)

    if at.question.kind == "choice":
        rows = [[_button(c.label(t.lang), rate(c.score))] for c in at.question.choices]
    else:
        rows = [[_button(str(value), rate(value)) for value in range(1, 6)]]
    rows.append([_button(t.plain("button.dont_know"), rate(cb.DONT_KNOW))])
    steps = []
    if editing:
        section = at.question.section
        back = cb.Edit(partner=at.partner.id, section=section, here=True)
        steps.append(_button(t.plain("button.to_questions"), back))
    else:
        if at.progress.position > 1:
            steps.append(
                _button(
                    t.plain("button.back"), cb.Step(assessment=aid, question=qid, action="back")
                )
            )
        steps.append(
            _button(t.plain("button.pause"), cb.Step(assessment=aid, question=qid, action="pause"))
        )
    rows.append(steps)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def resume(t: T, assessment_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t.plain("button.resume"), cb.ResumeHere(assessment=assessment_id))]
        ]
    )


def card(
    t: T,
    partner: Partner,
    *,
    resume_id: int | None,
    own: bool = False,
    assess_url: str | None = None,
    team: bool = False,
) -> InlineKeyboardMarkup:
    """A card's buttons. In a group: the ranking, assessing in private, the team's answers.
    In a private chat: continuing, the ranking (of one's own partners), editing answers.
    Everywhere: sharing through inline mode."""
    rows = []
    if resume_id is not None:
        rows.append([_button(t.plain("button.resume"), cb.Resume(assessment=resume_id))])
    ranking = _button(t.plain("button.ranking"), cb.Ranking(page=0))
    if assess_url:
        rows.append([ranking, InlineKeyboardButton(text=t.plain("button.assess"), url=assess_url)])
    else:
        edit = _button(t.plain("button.edit_answers"), cb.Edit(partner=partner.id))
        rows.append([edit] if own else [ranking, edit])
    share = InlineKeyboardButton(text=t.plain("button.share"), switch_inline_query=partner.name)
    if team:
        rows.append([_button(t.plain("button.team_answers"), cb.TeamAnswers(partner=partner.id))])
    rows.append([share])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def ranking(
    t: T, entries: Sequence[Ranked[Listed]], page: int, pages: int, *, chart: bool
) -> InlineKeyboardMarkup:
    """A page of the ranking: its partners, the pager, "What if" and, with `chart` (some
    partner is ranked), the chart of the top."""
    builder = InlineKeyboardBuilder()
    for entry in entries:
        label = rank_button(t, entry, clip(entry.item.name, BUTTON_NAME))
        builder.add(_button(label, cb.Card(partner=entry.item.id)))
    builder.adjust(2)
    if pager := _pager(t, page, pages, cb.Ranking):
        builder.row(*pager)
    what_if = _button(t.plain("button.what_if"), cb.WhatIf(action="pick"))
    if chart:
        builder.row(what_if, _button(t.plain("button.chart"), cb.RankingChart()))
    else:
        builder.row(what_if)
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
        builder.row(_button(label, target))
    if not cards and (pager := _pager(t, page, pages, cb.Partners)):
        builder.row(*pager)
    return builder.as_markup()


def to_list(t: T) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(t.plain("button.to_list"), cb.Partners(page=1))]]
    )


def open_card(t: T, partner_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(t.plain("button.card"), cb.Card(partner=partner_id))]]
    )


def partner_menu(t: T, partner_id: int, *, group: bool) -> InlineKeyboardMarkup:
    """Open, rename, delete. Answers are edited in a private chat, so not from a group."""

    def act(action: str) -> cb.PartnerMenu:
        return cb.PartnerMenu(partner=partner_id, action=action)

    first = [_button(t.plain("button.card"), cb.Card(partner=partner_id))]
    if not group:
        first.append(_button(t.plain("button.edit_answers"), cb.Edit(partner=partner_id)))
    return InlineKeyboardMarkup(
        inline_keyboard=[
            first,
            [
                _button(t.plain("button.rename"), act("rename")),
                _button(t.plain("button.delete"), act("delete")),
            ],
            [_button(t.plain("button.to_list"), cb.Partners(page=1))],
        ]
    )


def confirm_delete(t: T, partner_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(
                    t.plain("button.confirm_delete"),
                    cb.PartnerMenu(partner=partner_id, action="confirm"),
                ),
                _button(t.plain("button.keep"), cb.PartnerMenu(partner=partner_id, action="keep")),
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
        builder.row(_button(label, cb.Edit(partner=partner_id, section=result.section.id)))
    builder.row(_button(t.plain("button.card"), cb.Card(partner=partner_id)))
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
        builder.row(_button(label, cb.Edit(partner=partner_id, section=section, question=q.id)))
    builder.row(_button(t.plain("button.to_sections"), cb.Edit(partner=partner_id, here=True)))
    return builder.as_markup()


def assess(t: T, url: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t.plain("button.assess"), url=url)]]
    )


def open_bot(t: T, url: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t.plain("button.open_bot"), url=url)]]
    )


def weights(t: T, questionnaire: Questionnaire, current: Weights) -> InlineKeyboardMarkup:
    """−/+ per section around its name and weight; then ordering by importance, defaults."""
    rows = []
    for section in questionnaire.sections:
        now = current[section.id]

        def move(delta: int, section: int = section.id, now: int = now) -> cb.WeightStep:
            return cb.WeightStep(section=section, delta=delta, was=now)

        name = t.plain("button.weight_entry", title=section.short(t.lang), weight=now)
        rows.append(
            [
                _button(t.plain("button.weights_minus"), move(-STEP)),
                _button(name, move(0)),
                _button(t.plain("button.weights_plus"), move(STEP)),
            ]
        )
    rows.append(
        [
            _button(t.plain("button.weights_order"), cb.WeightsMode(action="order")),
            _button(t.plain("button.weights_reset"), cb.WeightsMode(action="reset")),
        ]
    )
    return InlineKeyboardMarkup(inline_keyboard=rows)


def order(t: T, questionnaire: Questionnaire, picked: list[int]) -> InlineKeyboardMarkup:
    """The sections not placed yet; each button carries the whole order so far."""
    builder = InlineKeyboardBuilder()
    so_far = ".".join(map(str, picked))
    for section in questionnaire.sections:
        if section.id not in picked:
            after = f"{so_far}.{section.id}" if so_far else str(section.id)
            builder.add(_button(section.short(t.lang), cb.Order(picked=after)))
    builder.adjust(2)
    back: CallbackData = (
        cb.Order(picked=".".join(map(str, picked[:-1])))
        if picked
        else cb.WeightsMode(action="show")
    )
    builder.row(
        _button(t.plain("button.order_undo"), back),
        _button(t.plain("button.order_cancel"), cb.WeightsMode(action="show")),
    )
    return builder.as_markup()


def encode(weights: Weights) -> str:
    return ".".join(str(weights[s]) for s in sorted(weights))


def what_if_sections(t: T, questionnaire: Questionnaire, current: Weights) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for section in questionnaire.sections:
        label = t.plain(
            "button.weight_entry", title=section.short(t.lang), weight=current[section.id]
        )
        builder.add(
            _button(label, cb.WhatIf(action="show", section=section.id, weights=encode(current)))
        )
    builder.adjust(2)
    builder.row(_button(t.plain("button.what_if_close"), cb.WhatIf(action="close")))
    return builder.as_markup()


def what_if(t: T, section: int, proposed: Weights) -> InlineKeyboardMarkup:
    def tried(delta: int) -> cb.WhatIf:
        return cb.WhatIf(
            action="show", section=section, weights=encode(step(proposed, section, delta))
        )

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t.plain("button.what_if_minus"), tried(-STEP)),
                _button(t.plain("button.what_if_plus"), tried(STEP)),
            ],
            [
                _button(
                    t.plain("button.what_if_save"),
                    cb.WhatIf(action="save", section=section, weights=encode(proposed)),
                ),
                _button(t.plain("button.to_sections"), cb.WhatIf(action="pick")),
            ],
            [_button(t.plain("button.what_if_close"), cb.WhatIf(action="close"))],
        ]
    )
