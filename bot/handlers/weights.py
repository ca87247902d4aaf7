"""The team's own weights: /weights (−/+ or ordering by importance) and "What if…"."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.charts.send import Pictures
from bot.dialog.weight_lines import WeightLines
from bot.render import keyboards, tables
from bot.render.texts import T
from bot.services.longlist import Longlist
from bot.telegram import callbacks as cb
from questionnaire.model import Questionnaire
from questionnaire.weights import STEP, rank_order_centroid, step
from storage.models import User, Workspace


async def weights_command(
    message: Message,
    t: T,
    workspace: Workspace,
    weight_lines: WeightLines,
    questionnaire: Questionnaire,
) -> None:
    await show(message, t, workspace, weight_lines, questionnaire, in_place=False)


async def show(
    message: Message,
    t: T,
    workspace: Workspace,
    weight_lines: WeightLines,
    questionnaire: Questionnaire,
    *,
    in_place: bool,
    notice: str = "",
) -> None:
    panel = await weight_lines.panel(workspace)
    text = tables.weights_message(
        t,
        questionnaire,
        panel.weights,
        panel.change,
        notice,
        history=panel.history,
        zone=workspace.zone(workspace.lang or t.lang),
    )
    markup = keyboards.weights(t, questionnaire, panel.weights)
    if in_place:
        shown = message.reply_markup.model_dump() if message.reply_markup else None
        if shown != markup.model_dump() or notice:  # else it shows these weights already
            await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)


async def weight_stepped(
    query: CallbackQuery,
    callback_data: cb.WeightStep,
    callback_answer: CallbackAnswer,
    bot: Bot,
    t: T,
    user: User,
    workspace: Workspace,
    longlist: Longlist,
    weight_lines: WeightLines,
    questionnaire: Questionnaire,
) -> None:
    message, section, delta = query.message, callback_data.section, callback_data.delta
    weights, _ = await longlist.weights(workspace)
    if (
        section not in section_ids(questionnaire)
        or delta not in (-STEP, 0, STEP)
        or not isinstance(message, Message)
    ):
        callback_answer.text = t.plain("alert.stale_button")
        return
    title = questionnaire.section(section).short(t.lang)
    moved = step(weights, section, delta)
    if weights[section] != callback_data.was or delta == 0 or moved == weights:
        # Changed meanwhile (then it shows how things are now), the label itself, or already
        # at 0 or 100: nothing to save.
        callback_answer.text = t.plain("alert.weight", title=title, weight=weights[section])
        if weights[section] != callback_data.was:
            await show(message, t, workspace, weight_lines, questionnaire, in_place=True)
        return
    await weight_lines.save(bot, t, workspace, user, moved, "step", section)
    callback_answer.text = t.plain("alert.weight", title=title, weight=moved[section])
    await show(message, t, workspace, weight_lines, questionnaire, in_place=True)


async def mode_pressed(
    query: CallbackQuery,
    callback_data: cb.WeightsMode,
    callback_answer: CallbackAnswer,
    bot: Bot,
    t: T,
    user: User,
    workspace: Workspace,
    longlist: Longlist,
    weight_lines: WeightLines,
    questionnaire: Questionnaire,
) -> None:
    message = query.message
    if not isinstance(message, Message):
        return
    if callback_data.action == "order":
        await ask_order(message, t, questionnaire, [])
    elif callback_data.action == "reset":
        await weight_lines.save(bot, t, workspace, user, longlist.defaults, "reset")
        callback_answer.text = t.plain("alert.weights_saved")
        notice = t("weights.reset")
        await show(
            message, t, workspace, weight_lines, questionnaire, in_place=True, notice=notice
        )
    else:
        await show(message, t, workspace, weight_lines, questionnaire, in_place=True)


async def ask_order(
    message: Message, t: T, questionnaire: Questionnaire, picked: list[int]
) -> None:
    text = tables.order_message(t, questionnaire, picked)
    await message.edit_text(text, reply_markup=keyboards.order(t, questionnaire, picked))


async def order_picked(
    query: CallbackQuery,
    callback_data: cb.Order,
    callback_answer: CallbackAnswer,
    bot: Bot,
    t: T,
    user: User,
    workspace: Workspace,
    weight_lines: WeightLines,
    questionnaire: Questionnaire,
) -> None:
    """Each tap adds a section; with nine placed the tenth is last, and the weights are set."""
    message, sections = query.message, section_ids(questionnaire)
    picked = cb.decode_sections(callback_data.picked, sections)
    if picked is None or not isinstance(message, Message):
        callback_answer.text = t.plain("alert.stale_button")
        return
    if len(picked) < len(sections) - 1:
        await ask_order(message, t, questionnaire, picked)
        return
    order = [*picked, *(s for s in sections if s not in picked)]
    await weight_lines.save(bot, t, workspace, user, rank_order_centroid(order), "order")
    callback_answer.text = t.plain("alert.weights_saved")
    notice = t("weights.done")
    await show(message, t, workspace, weight_lines, questionnaire, in_place=True, notice=notice)


def section_ids(questionnaire: Questionnaire) -> tuple[int, ...]:
    return tuple(s.id for s in questionnaire.sections)


async def what_if_pressed(
    query: CallbackQuery,
    callback_data: cb.WhatIf,
    callback_answer: CallbackAnswer,
    bot: Bot,
    t: T,
    user: User,
    workspace: Workspace,
    longlist: Longlist,
    weight_lines: WeightLines,
    questionnaire: Questionnaire,
) -> None:
    """Try a section's weight up or down and see the ranking move; save only on request."""
    message, action, section = query.message, callback_data.action, callback_data.section
    if not isinstance(message, Message):
        return
    current, _ = await longlist.weights(workspace)
    if action == "pick":
        markup = keyboards.what_if_sections(t, questionnaire, current)
        await message.answer(t("what_if.pick"), reply_markup=markup)
        return
    if action == "close":
        await message.delete()
        return
    sections = section_ids(questionnaire)
    proposed = cb.decode_weights(callback_data.weights, sections)
    if proposed is None or section not in sections:
        callback_answer.text = t.plain("alert.stale_button")
        return
    title = questionnaire.section(section).short(t.lang)
    if action == "save":
        await weight_lines.save(bot, t, workspace, user, proposed, "what_if")
        callback_answer.text = t.plain("alert.weights_saved")
        saved = t("what_if.saved", title=title, weight=proposed[section])
        await message.edit_text(saved, reply_markup=None)
        return
    before = await longlist.ranking(workspace)
    after = await longlist.preview(workspace, proposed)
    text = tables.what_if_message(t, title, current[section], proposed[section], before, after)
    await message.edit_text(text, reply_markup=keyboards.what_if(t, section, proposed))


async def undo_pressed(
    query: CallbackQuery,
    callback_data: cb.WeightsUndo,
    callback_answer: CallbackAnswer,
    t: T,
    user: User,
    workspace: Workspace,
    weight_lines: WeightLines,
) -> None:
    """↩️ on a group's weights line (a lead's: the guard refuses the others)."""
    if isinstance(query.message, Message):
        done = await weight_lines.undo(query.message, t, workspace, user, callback_data.line)
        callback_answer.text = t.plain(
            "alert.stale_button" if done == "gone" else f"alert.undo_{done}"
        )
        callback_answer.show_alert = done in {"late", "changed"}


async def ranking_chart_pressed(
    query: CallbackQuery,
    callback_answer: CallbackAnswer,
    t: T,
    workspace: Workspace,
    longlist: Longlist,
    pictures: Pictures,
) -> None:
    if isinstance(query.message, Message):
        ranked = await longlist.ranking(workspace)
        if not tables.any_ranked(ranked):  # an old button: nobody has a place any more
            callback_answer.text = t.plain("alert.nothing_ranked")
            return
        fresh = await longlist.workspace(workspace.id) or workspace
        await pictures.send_ranking(query.message, t, fresh, ranked)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only).

    Who may press what is not checked here: each button's callback data says what it needs
    (`need()`: changing weights asks for a lead), and the guard asks `bot/access.py` before any
    of these handlers runs."""
    router = Router(name=__name__)
    router.message.register(weights_command, Command("weights"))
    router.callback_query.register(weight_stepped, cb.WeightStep.filter())
    router.callback_query.register(mode_pressed, cb.WeightsMode.filter())
    router.callback_query.register(order_picked, cb.Order.filter())
    router.callback_query.register(what_if_pressed, cb.WhatIf.filter())
    router.callback_query.register(undo_pressed, cb.WeightsUndo.filter())
    router.callback_query.register(ranking_chart_pressed, cb.RankingChart.filter())
    return router
