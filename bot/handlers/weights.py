"""The team's own weights: /weights (−/+ or ordering by importance) and "What if…"."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.conversation import Conversation
from bot.render import keyboards, tables
from bot.telegram import callbacks as cb
from questionnaire.weights import STEP, Weights, rank_order_centroid, step

SECTIONS = range(1, 11)


async def weights_command(message: Message, talk: Conversation) -> None:
    await show(message, talk, in_place=False)


async def show(message: Message, talk: Conversation, *, in_place: bool, notice: str = "") -> None:
    weights, change = await talk.longlist.weights(talk.workspace)
    text = tables.weights_message(talk.t, talk.questionnaire, weights, change, notice)
    markup = keyboards.weights(talk.t, talk.questionnaire, weights)
    if in_place:
        shown = message.reply_markup.model_dump() if message.reply_markup else None
        if shown != markup.model_dump() or notice:  # else it shows these weights already
            await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)


async def weight_stepped(
    query: CallbackQuery,
    callback_data: cb.Weights,
    callback_answer: CallbackAnswer,
    talk: Conversation,
) -> None:
    t, message = talk.t, query.message
    weights, _ = await talk.longlist.weights(talk.workspace)
    section, delta = callback_data.section, callback_data.delta
    if (
        section not in SECTIONS
        or delta not in (-STEP, 0, STEP)
        or not isinstance(message, Message)
    ):
        callback_answer.text = t.plain("alert.stale_button")
        return
    title = talk.questionnaire.section(section).short(t.lang)
    if weights[section] != callback_data.was:  # changed meanwhile: show how things are now
        callback_answer.text = t.plain("alert.weight", title=title, weight=weights[section])
        await show(message, talk, in_place=True)
        return
    moved = step(weights, section, delta)
    if delta == 0 or moved == weights:  # the label itself, or already at 0 or 100
        callback_answer.text = t.plain("alert.weight", title=title, weight=weights[section])
        return
    await talk.longlist.set_weights(talk.workspace, talk.user, moved, "step")
    callback_answer.text = t.plain("alert.weight", title=title, weight=moved[section])
    await show(message, talk, in_place=True)


async def mode_pressed(
    query: CallbackQuery,
    callback_data: cb.WeightsMode,
    callback_answer: CallbackAnswer,
    talk: Conversation,
) -> None:
    message, t = query.message, talk.t
    if not isinstance(message, Message):
        return
    if callback_data.action == "order":
        await ask_order(message, talk, [])
    elif callback_data.action == "reset":
        defaults = talk.longlist.defaults
        await talk.longlist.set_weights(talk.workspace, talk.user, defaults, "reset")
        callback_answer.text = t.plain("alert.weights_saved")
        await show(message, talk, in_place=True, notice=t("weights.reset"))
    else:
        await show(message, talk, in_place=True)


async def ask_order(message: Message, talk: Conversation, picked: list[int]) -> None:
    t, q = talk.t, talk.questionnaire
    text = tables.order_message(t, q, picked)
    await message.edit_text(text, reply_markup=keyboards.order(t, q, picked))


async def order_picked(
    query: CallbackQuery,
    callback_data: cb.Order,
    callback_answer: CallbackAnswer,
    talk: Conversation,
) -> None:
    """Each tap adds a section; with nine placed the tenth is last, and the weights are set."""
    message, t = query.message, talk.t
    picked = parse_sections(callback_data.picked)
    if picked is None or not isinstance(message, Message):
        callback_answer.text = t.plain("alert.stale_button")
        return
    if len(picked) < len(SECTIONS) - 1:
        await ask_order(message, talk, picked)
        return
    order = [*picked, *(s for s in SECTIONS if s not in picked)]
    await talk.longlist.set_weights(talk.workspace, talk.user, rank_order_centroid(order), "order")
    callback_answer.text = t.plain("alert.weights_saved")
    await show(message, talk, in_place=True, notice=t("weights.done"))


def parse_sections(text: str) -> list[int] | None:
    """ "2.1.7" → [2, 1, 7]; None for anything else (repeats, unknown sections)."""
    if not text:
        return []
    parts = text.split(".")
    if not all(p.isdigit() for p in parts):
        return None
    picked = [int(p) for p in parts]
    ok = len(set(picked)) == len(picked) and all(s in SECTIONS for s in picked)
    return picked if ok else None


def parse_weights(text: str) -> Weights | None:
    """ "15.15.10…" (ten whole numbers summing to 100) → weights; None otherwise."""
    parts = text.split(".")
    if len(parts) != len(SECTIONS) or not all(p.isdigit() for p in parts):
        return None
    weights = dict(zip(SECTIONS, map(int, parts), strict=True))
    return weights if sum(weights.values()) == 100 else None


async def what_if_pressed(
    query: CallbackQuery,
    callback_data: cb.WhatIf,
    callback_answer: CallbackAnswer,
    talk: Conversation,
) -> None:
    """Try a section's weight up or down and see the ranking move; save only on request."""
    message, t, q = query.message, talk.t, talk.questionnaire
    if not isinstance(message, Message):
        return
    current, _ = await talk.longlist.weights(talk.workspace)
    action, section = callback_data.action, callback_data.section
    if action == "pick":
        await message.answer(
            t("what_if.pick"), reply_markup=keyboards.what_if_sections(t, q, current)
        )
        return
    if action == "close":
        await message.delete()
        return
    proposed = parse_weights(callback_data.weights)
    if proposed is None or section not in SECTIONS:
        callback_answer.text = t.plain("alert.stale_button")
        return
    title = q.section(section).short(t.lang)
    if action == "save":
        await talk.longlist.set_weights(talk.workspace, talk.user, proposed, "what_if")
        callback_answer.text = t.plain("alert.weights_saved")
        await message.edit_text(
            t("what_if.saved", title=title, weight=proposed[section]), reply_markup=None
        )
        return
    before = await talk.longlist.ranking(talk.workspace)
    after = await talk.longlist.preview(talk.workspace, proposed)
    text = tables.what_if_message(t, title, current[section], proposed[section], before, after)
    markup = keyboards.what_if(t, section, proposed)
    await message.edit_text(text, reply_markup=markup)


async def ranking_chart_pressed(
    query: CallbackQuery, callback_answer: CallbackAnswer, talk: Conversation
) -> None:
    if isinstance(query.message, Message):
        ranked = await talk.longlist.ranking(talk.workspace)
        if not tables.any_ranked(ranked):  # an old button: nobody has a place any more
            callback_answer.text = talk.t.plain("alert.nothing_ranked")
            return
        fresh = await talk.longlist.workspace(talk.workspace.id) or talk.workspace
        await talk.pictures.send_ranking(query.message, talk.t, fresh, ranked)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(weights_command, Command("weights"))
    router.callback_query.register(weight_stepped, cb.Weights.filter())
    router.callback_query.register(mode_pressed, cb.WeightsMode.filter())
    router.callback_query.register(order_picked, cb.Order.filter())
    router.callback_query.register(what_if_pressed, cb.WhatIf.filter())
    router.callback_query.register(ranking_chart_pressed, cb.RankingChart.filter())
    return router
