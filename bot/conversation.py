"""Steps several handlers share: show a question, move on, show a card."""

from __future__ import annotations

import contextlib

from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot import keyboards, views
from bot.assessments import Assessments, CardData, Position
from bot.states import Interview
from bot.texts import T
from questionnaire.flow import following
from questionnaire.model import Questionnaire
from storage.models import User


async def close_open_question(message: Message, state: FSMContext) -> None:
    """Take the buttons off the question that was open, so only one question takes answers."""
    data = await state.get_data()
    open_id = data.get("message")
    if isinstance(open_id, int) and message.bot:
        with contextlib.suppress(TelegramBadRequest):
            await message.bot.edit_message_reply_markup(
                chat_id=message.chat.id, message_id=open_id, reply_markup=None
            )


async def ask_name(message: Message, state: FSMContext, t: T, *, again: bool = False) -> None:
    """Wait for a partner's name (`again` after one that would not do)."""
    await close_open_question(message, state)
    await state.set_state(Interview.name)
    await state.set_data({})
    await message.answer(t("interview.bad_name" if again else "interview.ask_name"))


async def show_question(
    message: Message,
    at: Position,
    state: FSMContext,
    t: T,
    *,
    editing: bool = False,
    in_place: bool = False,
) -> None:
    """Send the question (or turn `message` into it) and remember it as the open one."""
    text = views.question_message(t, at)
    markup = keyboards.question(t, at, editing=editing)
    if in_place:
        await message.edit_text(text, reply_markup=markup)
        shown = message.message_id
    else:
        await close_open_question(message, state)
        shown = (await message.answer(text, reply_markup=markup)).message_id
    await state.set_state(Interview.question)
    await state.set_data(
        {
            "assessment": at.assessment.id,
            "question": at.question.id,
            "message": shown,
            "editing": editing,
        }
    )


async def open_position(
    message: Message,
    assessment_id: int,
    question_id: str,
    state: FSMContext,
    user: User,
    assessments: Assessments,
) -> Position | None:
    """The position a button on `message` acts on, if that message holds the open question.

    Anything else (an old question's buttons, a second tap, forged data, another person's
    assessment) gets None and changes nothing.
    """
    data = await state.get_data()
    if (data.get("assessment"), data.get("question"), data.get("message")) != (
        assessment_id,
        question_id,
        message.message_id,
    ):
        return None
    return await assessments.position(user, assessment_id, question_id)


async def proceed(
    message: Message,
    assessment_id: int,
    *,
    state: FSMContext,
    t: T,
    user: User,
    assessments: Assessments,
    questionnaire: Questionnaire,
    after: str | None = None,
    review: bool = False,
) -> None:
    """Go on with an assessment: the technology question, the next question, or the card.

    The next question is the first open one after `after`; when `review`ing answers (going
    forward again after "Back"), it is simply the one after `after`, answered or not.
    """
    pair = await assessments.own(user, assessment_id)
    if pair is None:
        await state.clear()
        await message.answer(t("interview.nothing_to_continue"))
        return
    _, partner = pair
    if partner.technology is None:
        await close_open_question(message, state)
        asked = await message.answer(
            t("interview.technology", name=partner.name),
            reply_markup=keyboards.technology(t, partner.id),
        )
        await state.set_state(Interview.technology)
        await state.set_data({"partner": partner.id, "message": asked.message_id})
        return
    upcoming = (
        following(questionnaire, technology=partner.technology, current=after)
        if review and after
        else None
    )
    at = await assessments.position(
        user, assessment_id, upcoming.id if upcoming else None, after=after
    )
    if at is not None:
        await show_question(message, at, state, t)
        return
    await close_open_question(message, state)
    await state.clear()
    data = await assessments.card(partner.workspace_id, partner.id)
    if data is not None:
        await send_card(message, data, t=t, user=user, questionnaire=questionnaire)


async def send_card(
    message: Message,
    data: CardData,
    *,
    t: T,
    user: User,
    questionnaire: Questionnaire,
    intro: str | None = None,
) -> None:
    own = next((a for a in data.assessments if a.user_id == user.id and not a.finished), None)
    text = views.card_message(t, data, questionnaire)
    if intro:
        text = f"{intro}\n\n{text}"
        if views.telegram_length(text) > views.MESSAGE_LIMIT:
            await message.answer(intro)
            text = views.card_message(t, data, questionnaire)
    await message.answer(
        text, reply_markup=keyboards.card(t, data.partner.id, resume_id=own.id if own else None)
    )
