"""Decisions from a card: "To discuss" and settling a question, a partner's status (with a
rejection's reason), the ranking by status, and evidence sent again."""

from __future__ import annotations

import contextlib
from dataclasses import replace

from aiogram import Bot, Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.access import Need
from bot.dialog.board import Boards
from bot.dialog.cards import Cards
from bot.dialog.evidence import BATCH, files_of, send_evidence
from bot.dialog.screen import Screen
from bot.handlers.results import send_ranking
from bot.render.decisions import DISCUSS_PAGE, MARKS, discuss_message, discussed, settle_message
from bot.render.keyboards import decisions as decision_keys
from bot.render.texts import T, Texts
from bot.services.decisions import Decisions
from bot.services.longlist import Longlist
from bot.services.model import CardData
from bot.telegram import callbacks as cb
from bot.telegram.filters import AnswersPrompt, PlainText
from bot.telegram.guard import NEED
from bot.telegram.states import Decision, Prompt
from questionnaire.model import Questionnaire
from storage.models import User, Workspace


async def _team_card(
    query: CallbackQuery, answer: CallbackAnswer, t: T, data: CardData | None
) -> Message | None:
    """The pressed message, when the card is the team's own (not a person's own answers)."""
    if data is None or data.own or not isinstance(query.message, Message):
        answer.text = t.plain("alert.unknown_partner")
        return None
    return query.message


async def discuss_pressed(
    query: CallbackQuery,
    callback_data: cb.Discuss,
    callback_answer: CallbackAnswer,
    t: T,
    user: User,
    workspace: Workspace,
    longlist: Longlist,
    questionnaire: Questionnaire,
) -> None:
    """The card's "To discuss" sends the list (page 0); its pager turns it in place."""
    data = await longlist.card(workspace, user, callback_data.partner)
    message = await _team_card(query, callback_answer, t, data)
    if message is None or data is None:
        return
    await show_discuss(message, t, data, questionnaire, callback_data.page)


async def show_discuss(
    message: Message, t: T, data: CardData, questionnaire: Questionnaire, page: int
) -> None:
    items = discussed(t, data, questionnaire)
    pages = max(1, -(-len(items) // DISCUSS_PAGE))
    at = min(max(page, 1), pages)
    text = discuss_message(t, data, questionnaire, at)
    shown = items[(at - 1) * DISCUSS_PAGE : at * DISCUSS_PAGE]
    markup = decision_keys.discuss(t, data.partner.id, shown, at, pages)
    if page > 0:
        with contextlib.suppress(TelegramBadRequest):  # pressed twice: "not modified"
            await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)


async def settle_pressed(
    query: CallbackQuery,
    callback_data: cb.Settle,
    callback_answer: CallbackAnswer,
    bot: Bot,
    t: T,
    user: User,
    workspace: Workspace,
    longlist: Longlist,
    decisions: Decisions,
    cards: Cards,
    boards: Boards,
    questionnaire: Questionnaire,
) -> None:
    """🤝 on a question shows the values to agree on; a value (or "keep the median") settles
    it, and the list comes back in place with the question shown as settled."""
    pid, qid, value = callback_data.partner, callback_data.question, callback_data.value
    data = await longlist.card(workspace, user, pid)
    message = await _team_card(query, callback_answer, t, data)
    if message is None or data is None:
        return
    listed = [a.question_id for a in data.sheets.team.discussed(data.sheets.settled)]
    question = questionnaire.question(qid)
    if qid not in listed or question is None or value < cb.SETTLE_ASK:
        callback_answer.text = t.plain("alert.not_to_settle")
        return
    page = listed.index(qid) // DISCUSS_PAGE + 1
    if value == cb.SETTLE_ASK:
        answer = data.sheets.team.answers.get(qid)
        markup = decision_keys.settle(t, pid, question, answer, page)
        await message.edit_text(settle_message(t, data, questionnaire, qid), reply_markup=markup)
        return
    agreed = None if value == cb.KEEP_MEDIAN else value
    settled = await decisions.settle(workspace, user, pid, qid, agreed)
    fresh = await longlist.card(workspace, user, pid) if settled else None
    if settled is None or fresh is None:
        callback_answer.text = t.plain("alert.not_to_settle")
        return
    callback_answer.text = (
        t.plain("alert.settled", value=agreed) if agreed else t.plain("alert.settled_median")
    )
    await show_discuss(message, t, fresh, questionnaire, page)
    await cards.tell_team(bot, settled.partner)  # one line, only if the tier moved
    await boards.touch(workspace.id)


async def decide_pressed(
    query: CallbackQuery,
    callback_data: cb.Decide,
    callback_answer: CallbackAnswer,
    bot: Bot,
    t: T,
    user: User,
    workspace: Workspace,
    screen: Screen,
    longlist: Longlist,
    decisions: Decisions,
    cards: Cards,
    boards: Boards,
) -> None:
    """A lead's decision, on the card itself: its buttons become the statuses, a status
    edits the card in place (nothing new is posted); a rejection asks for its reason."""
    pid, status = callback_data.partner, callback_data.status
    data = await longlist.card(workspace, user, pid)
    message = await _team_card(query, callback_answer, t, data)
    if message is None or data is None:
        return
    if status == "menu":
        with contextlib.suppress(TelegramBadRequest):
            await message.edit_reply_markup(reply_markup=decision_keys.decide(t, pid))
        return
    if status != "back":
        kind = None if status == "none" else status
        await decisions.set_status(workspace, user, pid, kind)
        await boards.touch(workspace.id)
        callback_answer.text = (
            t.plain("alert.status_set", mark=MARKS[kind], status=t(f"decision.{kind}"))
            if kind
            else t.plain("alert.status_cleared")
        )
    await cards.refresh(bot, message.chat.id, message.message_id, pid)
    if status == "rejected":
        text = t(
            "decision.ask_reason",
            name=data.partner.name,
            user_id=user.id,
            user_name=user.first_name,
        )
        await screen.ask_reply(message, Decision.reason, text, partner=pid, quote=False)
        asked = await screen.step()  # the card, too, so that the reason shows on it at once
        if isinstance(asked, Prompt):
            await screen.remember(Decision.reason, replace(asked, card=message.message_id))


async def reason_typed(
    message: Message,
    bot: Bot,
    t: T,
    workspace: Workspace,
    screen: Screen,
    cards: Cards,
    decisions: Decisions,
) -> None:
    """The reason for a rejection, one line, in reply to the bot's question: kept with the
    status and shown on the card (edited in place); the question is taken away, and one
    short line says what was kept."""
    asked = await screen.step()
    partner_id = asked.partner if isinstance(asked, Prompt) else 0
    await screen.clear()
    status = await decisions.set_reason(workspace, partner_id, message.text or "")
    if status is None or status.kind != "rejected":
        await message.reply(t("decision.gone"))
        return
    partner = await decisions.partner(workspace, partner_id)
    if isinstance(asked, Prompt) and asked.card:
        await cards.refresh(bot, message.chat.id, asked.card, partner_id)
    if isinstance(asked, Prompt) and asked.prompt:
        with contextlib.suppress(TelegramBadRequest):
            await bot.delete_message(message.chat.id, asked.prompt)
    name = partner.name if partner else ""
    await message.reply(t("decision.reason_saved", name=name, reason=status.reason))


async def ranking_view_pressed(
    query: CallbackQuery,
    callback_data: cb.RankingView,
    callback_answer: CallbackAnswer,
    t: T,
    workspace: Workspace,
    longlist: Longlist,
    decisions: Decisions,
) -> None:
    """The ranking's filters by decision status, turned in place."""
    if not isinstance(query.message, Message) or callback_data.page < 1:
        callback_answer.text = t.plain("alert.stale_button")
        return
    with contextlib.suppress(TelegramBadRequest):  # the same filter again: "not modified"
        await send_ranking(
            query.message,
            callback_data.page,
            t,
            workspace,
            longlist,
            decisions,
            in_place=True,
            show=callback_data.show,
        )


async def evidence_pressed(
    query: CallbackQuery,
    callback_data: cb.Evidence,
    callback_answer: CallbackAnswer,
    bot: Bot,
    t: T,
    texts: Texts,
    user: User,
    workspace: Workspace,
    longlist: Longlist,
) -> None:
    """📎 sends the partner's kept files again: to the presser's private chat when pressed in
    a group (the group sees nothing new), a batch at a time; missing files in one line."""
    data = await longlist.card(workspace, user, callback_data.partner)
    if data is None or not isinstance(query.message, Message) or callback_data.page < 0:
        callback_answer.text = t.plain("alert.unknown_partner")
        return
    files = files_of(data)
    if not files:
        callback_answer.text = t.plain("alert.evidence_none")
        return
    if callback_data.page * BATCH >= len(files):  # an old "more" button, or a forged one
        callback_answer.text = t.plain("alert.stale_button")
        return
    group = workspace.kind == "group"
    chat_id, mine = (user.id, texts(user.lang)) if group else (query.message.chat.id, t)
    try:
        sent = await send_evidence(bot, chat_id, mine, data, callback_data.page)
    except TelegramForbiddenError:  # never opened a private chat with the bot
        callback_answer.text = t.plain("alert.evidence_open_bot")
        callback_answer.show_alert = True
        return
    if sent.missing:
        items = ", ".join(
            f"{n.question_id} ({mine.plain(f'label.{n.kind}')})" for n in sent.missing
        )
        await bot.send_message(
            chat_id, mine("evidence.missing", count=len(sent.missing), items=items)
        )
    if sent.left:
        await bot.send_message(
            chat_id,
            mine(
                "evidence.more", sent=(callback_data.page + 1) * BATCH, count=len(files_of(data))
            ),
            reply_markup=decision_keys.more_evidence(
                mine, data.partner.id, callback_data.page + 1, sent.left
            ),
        )
    if group:
        callback_answer.text = t.plain("alert.evidence_sent")


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.callback_query.register(discuss_pressed, cb.Discuss.filter())
    router.callback_query.register(settle_pressed, cb.Settle.filter())
    router.callback_query.register(decide_pressed, cb.Decide.filter())
    router.callback_query.register(ranking_view_pressed, cb.RankingView.filter())
    router.callback_query.register(evidence_pressed, cb.Evidence.filter())
    router.message.register(
        reason_typed, Decision.reason, PlainText(), AnswersPrompt(), flags={NEED: Need.LEAD}
    )
    return router
