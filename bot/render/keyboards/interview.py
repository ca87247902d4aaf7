"""Keyboards of the interview and of first contact: questions, the technology question,
resuming, settings."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.render.keyboards.buttons import BUTTON_NAME, button
from bot.render.texts import T
from bot.services.model import Position
from bot.services.names import clip
from bot.telegram import callbacks as cb


def start(t: T, *, todo: bool = False) -> InlineKeyboardMarkup:
    """A new assessment; on the /start menu, also what waits for the person (/todo)."""
    rows = [[button(t.plain("button.new_assessment"), cb.NewPartner())]]
    if todo:
        rows.append([button(t.plain("button.todo"), cb.Todo())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def languages() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button("Русский", cb.Language(lang="ru")),
                button("English", cb.Language(lang="en")),
            ]
        ]
    )


def technology(t: T, partner_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(
                    t.plain("button.yes_technology"), cb.Technology(partner=partner_id, value=True)
                ),
                button(
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
        rows = [[button(c.label(t.lang), rate(c.score))] for c in at.question.choices]
    else:
        rows = [[button(str(value), rate(value)) for value in range(1, 6)]]
    rows.append([button(t.plain("button.dont_know"), rate(cb.DONT_KNOW))])
    steps = []
    if editing:
        section = at.question.section
        back = cb.Edit(partner=at.partner.id, section=section, here=True)
        steps.append(button(t.plain("button.to_questions"), back))
    else:
        if at.progress.position > 1:
            steps.append(
                button(
                    t.plain("button.back"), cb.Step(assessment=aid, question=qid, action="back")
                )
            )
        steps.append(
            button(t.plain("button.pause"), cb.Step(assessment=aid, question=qid, action="pause"))
        )
    rows.append(steps)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def resume(t: T, assessment_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(t.plain("button.resume"), cb.ResumeHere(assessment=assessment_id))]
        ]
    )


def assess(t: T, url: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t.plain("button.assess"), url=url)]]
    )


def open_bot(t: T, url: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t.plain("button.open_bot"), url=url)]]
    )


def team_or_own(t: T, partner_id: int, team: str) -> InlineKeyboardMarkup:
    for_team = t.plain("button.for_team", team=clip(team, BUTTON_NAME))
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(for_team, cb.TeamOrOwn(partner=partner_id, own=False))],
            [button(t.plain("button.own_assessment"), cb.TeamOrOwn(partner=partner_id, own=True))],
        ]
    )
