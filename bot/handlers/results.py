"""Results: a partner's card, the ranking, and changing answers from the card."""

from __future__ import annotations

import difflib

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.dialog.cards import Cards
from bot.dialog.flow import Flow
from bot.dialog.screen import Screen
from bot.render import keyboards, tables
from bot.render.decisions import status_mark
from bot.render.texts import T
from bot.services.decisions import Decisions, Show, shown
from bot.services.interview import Assessments
from bot.services.longlist import Longlist
from bot.services.model import CardData, page_count
from bot.services.names import clean_name
from bot.telegram import callbacks as cb
from bot.telegram.filters import PrivateChat
from questionnaire.model import Questionnaire
from questionnaire.ranking import RankingPage
from storage.models import Assessment, User, Workspace


async def card_command(
    message: Message,
    command: CommandObject,
    t: T,
    workspace: Workspace,
    flow: Flow,
    cards: Cards,
    longlist: Longlist,
) -> None:
    """/card Acme shows Acme's card; a bare /card offers the list; a near miss, suggestions."""
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
    partner = await flow.find(message, name)
    if partner and await cards.show(message, partner.id):
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
    t: T,
    cards: Cards,
) -> None:
    if not isinstance(query.message, Message) or not await cards.show(
        query.message, callback_data.partner
    ):
        callback_answer.text = t.plain("alert.unknown_partner")


async def ranking_command(
    message: Message, t: T, workspace: Workspace, longlist: Longlist, decisions: Decisions
) -> None:
    await send_ranking(message, 1, t, workspace, longlist, decisions, in_place=False)


async def ranking_pressed(
    query: CallbackQuery,
    callback_data: cb.Ranking,
    callback_answer: CallbackAnswer,
    t: T,
    workspace: Workspace,
    longlist: Longlist,
    decisions: Decisions,
) -> None:
    """Page buttons turn the ranking in place; the card's "Ranking" (page 0) sends a new one."""
    if callback_data.page < 0:
        callback_answer.text = t.plain("alert.stale_button")
    elif isinstance(query.message, Message):
        page = max(1, callback_data.page)
        turning = callback_data.page > 0
        pages = await send_ranking(
            query.message, page, t, workspace, longlist, decisions, in_place=turning
        )
        if turning:
            callback_answer.text = t.plain("alert.page", page=min(page, pages), pages=pages)


async def send_ranking(
    message: Message,
    page: int,
    t: T,
    workspace: Workspace,
    longlist: Longlist,
    decisions: Decisions,
    *,
    in_place: bool,
    show: Show = "all",
) -> int:
    """A page of the ranking (of those `show` lets through, by decision status). All of it
    is read only to filter it: a page of all is read as a page (a longlist can be thousands)."""
    statuses = await decisions.statuses(workspace)
    if show == "all":
        view = await longlist.page(workspace, page)
        empty = not view.count
    else:
        everyone = await longlist.ranking(workspace)
        ranked = shown(everyone, statuses, show)
        pages = page_count(len(ranked))
        page = min(page, pages)
        entries = tables.ranking_page(ranked, page)
        view = RankingPage(entries, page, pages, len(ranked), tables.any_ranked(everyone))
        empty = not everyone
    if empty:
        await message.answer(t("card.none"))
        return 1
    firmness = await longlist.firmness(workspace)
    marks = {p: status_mark(s) for p, s in statuses.items()}
    text = tables.page_message(t, view, firmness, marks=marks, show=show)
    # A team's weights are tried in its group: its ranking picked in private has no "What if".
    here = message.chat.type != "private" or workspace.kind == "private"
    page, pages = view.page, view.pages
    markup = keyboards.ranking(
        t, view.entries, page, pages, chart=view.any_ranked, what_if=here, show=show
    )
    if in_place:
        await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)
    return pages


async def edit_pressed(
    query: CallbackQuery,
    callback_data: cb.Edit,
    callback_answer: CallbackAnswer,
    t: T,
    user: User,
    workspace: Workspace,
    screen: Screen,
    flow: Flow,
    assessments: Assessments,
    longlist: Longlist,
    questionnaire: Questionnaire,
) -> None:
    """ "Edit answers" → a section → a question, which then opens for a new answer."""
    message = query.message
    data = await longlist.card(workspace, user, callback_data.partner)
    if data is None or not isinstance(message, Message):
        callback_answer.text = t.plain("alert.unknown_partner")
        return
    own = next((a for a in data.sheets.assessments if a.user_id == user.id), None)
    if own is None:
        callback_answer.text = t.plain("alert.not_assessed")
        return
    if data.partner.technology is None:
        await flow.proceed(message, own.id)
        return
    shown = await screen.open_question()
    if shown and shown.message == message.message_id:
        await screen.clear()  # the open question this message held is being left
    if callback_data.question:
        at = await assessments.position(user, own.id, callback_data.question)
        if at is None:
            callback_answer.text = t.plain("alert.stale_button")
            return
        await screen.show_question(message, at, editing=True, in_place=True)
    elif 1 <= callback_data.section <= len(questionnaire.sections):
        await show_section(message, t, data, own, callback_data.section, questionnaire)
    else:
        text = t("edit.sections", name=data.partner.name)
        markup = keyboards.edit_sections(t, data.partner.id, data.card)
        if callback_data.here:
            await message.edit_text(text, reply_markup=markup)
        else:
            await message.answer(text, reply_markup=markup)


async def show_section(
    message: Message,
    t: T,
    data: CardData,
    own: Assessment,
    section_id: int,
    questionnaire: Questionnaire,
) -> None:
    """One section's questions, each with the person's answer, to pick one to change."""
    section, partner = questionnaire.section(section_id), data.partner
    await message.edit_text(
        t("edit.questions", name=partner.name, section=section.id, title=section.title(t.lang)),
        reply_markup=keyboards.edit_questions(
            t,
            partner.id,
            questionnaire,
            section.id,
            bool(partner.technology),
            data.sheets.answers[own.id],
        ),
    )


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(card_command, Command("card"))
    router.callback_query.register(card_pressed, cb.Card.filter())
    router.message.register(ranking_command, Command("ranking"))
    router.callback_query.register(ranking_pressed, cb.Ranking.filter())
    router.callback_query.register(edit_pressed, cb.Edit.filter(), PrivateChat())
    return router
