"""The interview: name a partner, answer its questions one by one, go back, pause."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.conversation import Conversation
from bot.render import keyboards, messages
from bot.services.interview import clean_name
from bot.telegram import callbacks as cb
from bot.telegram.filters import PlainText, PrivateChat
from bot.telegram.states import Interview
from questionnaire.flow import previous


async def new_command(message: Message, command: CommandObject, talk: Conversation) -> None:
    """/new Acme starts (or picks up) Acme; a bare /new asks for the name."""
    if command.args:
        await start_partner(message, command.args, talk)
    else:
        await talk.ask_name(message)


async def new_pressed(
    query: CallbackQuery, callback_answer: CallbackAnswer, talk: Conversation
) -> None:
    if await talk.state.get_state() == Interview.name.state:
        callback_answer.text = talk.t.plain("alert.waiting_name")  # a second tap asks nothing
    elif isinstance(query.message, Message):
        await talk.ask_name(query.message)


async def name_typed(message: Message, talk: Conversation) -> None:
    await start_partner(message, message.text or "", talk)


async def start_partner(message: Message, typed: str, talk: Conversation) -> None:
    name = clean_name(typed)
    if name is None:
        await talk.ask_name(message, again=True)
        return
    t = talk.t
    opened = await talk.assessments.open(talk.workspace, talk.user, name)
    partner, assessment = opened.partner, opened.assessment
    if assessment.finished:
        await talk.close_open_question(message)
        await talk.state.clear()
        data = await talk.longlist.card(talk.workspace, talk.user, partner.id)
        if data is not None:
            await talk.send_card(message, data, t("interview.already_done", name=partner.name))
        return
    if opened.created:
        await message.answer(t("interview.created", name=partner.name))
    elif (at := await talk.assessments.position(talk.user, assessment.id)) is not None:
        await message.answer(
            t(
                "interview.resumed",
                name=partner.name,
                position=at.progress.position,
                total=at.progress.total,
            )
        )
    await talk.proceed(message, assessment.id)


async def technology_chosen(
    query: CallbackQuery,
    callback_data: cb.Technology,
    callback_answer: CallbackAnswer,
    talk: Conversation,
) -> None:
    """Answered once, on the question that is open; any other tap changes nothing."""
    message, t = query.message, talk.t
    asked = await talk.state.get_data()
    chosen = None
    if (
        isinstance(message, Message)
        and await talk.state.get_state() == Interview.technology.state
        and (asked.get("partner"), asked.get("message"))
        == (callback_data.partner, message.message_id)
    ):
        chosen = await talk.assessments.choose_technology(
            talk.user, callback_data.partner, callback_data.value
        )
    if chosen is None or not isinstance(message, Message):
        callback_answer.text = t.plain("alert.stale_button")
        return
    await talk.state.clear()
    assessment, partner = chosen
    answer = t.plain("label.yes" if partner.technology else "label.no")
    await message.edit_text(
        t("interview.technology_set", name=partner.name, answer=answer), reply_markup=None
    )
    await talk.proceed(message, assessment.id)


async def answer_pressed(
    query: CallbackQuery,
    callback_data: cb.Rate,
    callback_answer: CallbackAnswer,
    talk: Conversation,
) -> None:
    t = talk.t
    pressed = await talk.pressed(query, callback_data.assessment, callback_data.question)
    rating = None if callback_data.value == cb.DONT_KNOW else callback_data.value
    if pressed is None or not pressed[1].question.accepts(rating):
        callback_answer.text = t.plain("alert.stale")
        return
    message, at = pressed
    editing = bool((await talk.state.get_data()).get("editing"))
    result = await talk.assessments.answer(at, rating)
    answer = messages.answer_text(t, at.question, rating)
    # "Saved" goes out now that it is committed, not after the next question is drawn.
    callback_answer.disabled = True
    await query.answer(t.plain("alert.saved", answer=answer))
    await message.edit_text(messages.answered_message(t, at.question, rating), reply_markup=None)
    talk.answered = message.message_id  # closed here: `proceed` need not close it again
    if result.finished and not at.assessment.finished:  # the last open question answered
        await message.answer(t("interview.finished", name=result.partner.name))
        await talk.tell_team(message, result.partner)
    elif at.assessment.finished and result.before.tier != result.after.tier:
        await talk.tell_team(message, result.partner, result)
    if editing:
        await talk.remember(None, {})
        data = await talk.longlist.card(talk.workspace, talk.user, result.partner.id)
        if data is not None:
            await talk.send_card(
                message, data, messages.changed_intro(t, at.question, result, rating)
            )
        return
    await talk.proceed(message, at.assessment.id, after=at.question.id, review=result.had_answer)


async def step_pressed(
    query: CallbackQuery,
    callback_data: cb.Step,
    callback_answer: CallbackAnswer,
    talk: Conversation,
) -> None:
    """ "Back" turns the open question into the previous one; "Pause" parks the interview."""
    t = talk.t
    pressed = await talk.pressed(query, callback_data.assessment, callback_data.question)
    if pressed is None:
        callback_answer.text = t.plain("alert.stale")
        return
    message, at = pressed
    if callback_data.action == "pause":
        await talk.state.clear()
        await message.edit_text(
            t(
                "interview.paused",
                name=at.partner.name,
                position=at.progress.position,
                total=at.progress.total,
            ),
            reply_markup=keyboards.resume(t, at.assessment.id),
        )
        return
    before = previous(
        talk.questionnaire, technology=bool(at.partner.technology), current=at.question.id
    )
    earlier = before and await talk.assessments.position(talk.user, at.assessment.id, before.id)
    if not earlier:
        callback_answer.text = t.plain("alert.first_question")
        return
    await talk.show_question(message, earlier, in_place=True)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    # Interviews happen in private chats only; in a group these buttons do nothing.
    private = PrivateChat()
    router.message.register(new_command, Command("new"), private)
    router.callback_query.register(new_pressed, cb.NewPartner.filter(), private)
    router.message.register(name_typed, Interview.name, PlainText(), private)
    router.callback_query.register(technology_chosen, cb.Technology.filter(), private)
    router.callback_query.register(answer_pressed, cb.Rate.filter(), private)
    router.callback_query.register(step_pressed, cb.Step.filter(), private)
    return router
