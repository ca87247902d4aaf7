"""Results: a partner's card, the ranking, and changing answers from the card."""

from __future__ import annotations

import difflib

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.conversation import Conversation
from bot.render import keyboards, tables
from bot.services.interview import clean_name
from bot.telegram import callbacks as cb
from bot.telegram.filters import PrivateChat


async def card_command(message: Message, command: CommandObject, talk: Conversation) -> None:
    """/card Acme shows Acme's card; a bare /card offers the list; a near miss, suggestions."""
    t, longlist, workspace = talk.t, talk.longlist, talk.workspace
    name = clean_name(command.args or "")
    if name is None:
        page = await longlist.partners_page(workspace, 1)
        if not page.partners:
            await message.answer(t("card.none"))
            return
        await message.answer(
            t("card.which"),
            reply_markup=keyboards.partners(t, page.partners, 1, page.pages, cards=True),
        )
        return
    partner = await talk.find(message, name)
    data = partner and await longlist.card(workspace, talk.user, partner.id)
    if data:
        await talk.send_card(message, data)
        return
    names = {p.name: p for p in await longlist.all_partners(workspace)}
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.5)
    if not close:
        await message.answer(t("card.not_found", name=name))
        return
    await message.answer(
        t("card.suggest", name=name),
        reply_markup=keyboards.partners(t, [names[n] for n in close], 1, 1, cards=True),
    )


async def card_pressed(
    query: CallbackQuery,
    callback_data: cb.Card,
    callback_answer: CallbackAnswer,
    talk: Conversation,
) -> None:
    if shown := await talk.card_pressed(query, callback_data.partner, callback_answer):
        await talk.send_card(*shown)


async def ranking_command(message: Message, talk: Conversation) -> None:
    await send_ranking(message, 1, talk, in_place=False)


async def ranking_pressed(
    query: CallbackQuery,
    callback_data: cb.Ranking,
    callback_answer: CallbackAnswer,
    talk: Conversation,
) -> None:
    """Page buttons turn the ranking in place; the card's "Ranking" (page 0) sends a new one."""
    if callback_data.page < 0:
        callback_answer.text = talk.t.plain("alert.stale_button")
    elif isinstance(query.message, Message):
        page = max(1, callback_data.page)
        turning = callback_data.page > 0
        pages = await send_ranking(query.message, page, talk, in_place=turning)
        if turning:
            callback_answer.text = talk.t.plain("alert.page", page=min(page, pages), pages=pages)


async def send_ranking(message: Message, page: int, talk: Conversation, *, in_place: bool) -> int:
    t = talk.t
    ranked = await talk.longlist.ranking(talk.workspace)
    if not ranked:
        await message.answer(t("card.none"))
        return 1
    pages = tables.ranking_pages(len(ranked))
    page = min(page, pages)
    firmness = await talk.longlist.firmness(talk.workspace)
    text = tables.ranking_message(t, ranked, page, firmness)
    entries = tables.ranking_page(ranked, page)
    markup = keyboards.ranking(t, entries, page, pages, chart=tables.any_ranked(ranked))
    if in_place:
        await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)
    return pages


async def edit_pressed(
    query: CallbackQuery,
    callback_data: cb.Edit,
    callback_answer: CallbackAnswer,
    talk: Conversation,
) -> None:
    """ "Edit answers" → a section → a question, which then opens for a new answer."""
    message, t, questionnaire = query.message, talk.t, talk.questionnaire
    data = await talk.longlist.card(talk.workspace, talk.user, callback_data.partner)
    if data is None or not isinstance(message, Message):
        callback_answer.text = t.plain("alert.unknown_partner")
        return
    partner = data.partner
    own = next((a for a in data.sheets.assessments if a.user_id == talk.user.id), None)
    if own is None:
        callback_answer.text = t.plain("alert.not_assessed")
        return
    if partner.technology is None:
        await talk.proceed(message, own.id)
        return
    if (await talk.state.get_data()).get("message") == message.message_id:
        await talk.state.clear()  # the open question this message held is being left
    if callback_data.question:
        at = await talk.assessments.position(talk.user, own.id, callback_data.question)
        if at is None:
            callback_answer.text = t.plain("alert.stale_button")
            return
        await talk.show_question(message, at, editing=True, in_place=True)
        return
    if 1 <= callback_data.section <= len(questionnaire.sections):
        section = questionnaire.section(callback_data.section)
        await message.edit_text(
            t(
                "edit.questions",
                name=partner.name,
                section=section.id,
                title=section.title(t.lang),
            ),
            reply_markup=keyboards.edit_questions(
                t,
                partner.id,
                questionnaire,
                section.id,
                partner.technology,
                data.sheets.answers[own.id],
            ),
        )
        return
    text = t("edit.sections", name=partner.name)
    markup = keyboards.edit_sections(t, partner.id, data.card)
    if callback_data.here:
        await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(card_command, Command("card"))
    router.callback_query.register(card_pressed, cb.Card.filter())
    router.message.register(ranking_command, Command("ranking"))
    router.callback_query.register(ranking_pressed, cb.Ranking.filter())
    router.callback_query.register(edit_pressed, cb.Edit.filter(), PrivateChat())
    return router
