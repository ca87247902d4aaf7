"""Keyboards of the weights panel, ordering by importance and "What if…"."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.render.keyboards.buttons import button
from bot.render.texts import T
from bot.telegram import callbacks as cb
from questionnaire.model import Questionnaire
from questionnaire.weights import STEP, Weights, step


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
                button(t.plain("button.weights_minus"), move(-STEP)),
                button(name, move(0)),
                button(t.plain("button.weights_plus"), move(STEP)),
            ]
        )
    rows.append(
        [
            button(t.plain("button.weights_order"), cb.WeightsMode(action="order")),
            button(t.plain("button.weights_reset"), cb.WeightsMode(action="reset")),
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
            builder.add(button(section.short(t.lang), cb.Order(picked=after)))
    builder.adjust(2)
    back: CallbackData = (
        cb.Order(picked=".".join(map(str, picked[:-1])))
        if picked
        else cb.WeightsMode(action="show")
    )
    builder.row(
        button(t.plain("button.order_undo"), back),
        button(t.plain("button.order_cancel"), cb.WeightsMode(action="show")),
    )
    return builder.as_markup()


def what_if_sections(t: T, questionnaire: Questionnaire, current: Weights) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for section in questionnaire.sections:
        label = t.plain(
            "button.weight_entry", title=section.short(t.lang), weight=current[section.id]
        )
        builder.add(
            button(
                label,
                cb.WhatIf(action="show", section=section.id, weights=cb.encode_weights(current)),
            )
        )
    builder.adjust(2)
    builder.row(button(t.plain("button.what_if_close"), cb.WhatIf(action="close")))
    return builder.as_markup()


def what_if(t: T, section: int, proposed: Weights) -> InlineKeyboardMarkup:
    def tried(delta: int) -> cb.WhatIf:
        return cb.WhatIf(
            action="show",
            section=section,
            weights=cb.encode_weights(step(proposed, section, delta)),
        )

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(t.plain("button.what_if_minus"), tried(-STEP)),
                button(t.plain("button.what_if_plus"), tried(STEP)),
            ],
            [
                button(
                    t.plain("button.what_if_save"),
                    cb.WhatIf(action="save", section=section, weights=cb.encode_weights(proposed)),
                ),
                button(t.plain("button.to_sections"), cb.WhatIf(action="pick")),
            ],
            [button(t.plain("button.what_if_close"), cb.WhatIf(action="close"))],
        ]
    )


def undo(t: T, line: int) -> InlineKeyboardMarkup:
    """Under a group's line about a weights change."""
    return InlineKeyboardMarkup(
        inline_keyboard=[[button(t.plain("button.weights_undo"), cb.WeightsUndo(line=line))]]
    )
