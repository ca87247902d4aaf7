"""The interview: name a partner, answer its questions one by one, go back, pause."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import callbacks as cb
from bot import keyboards, views
from bot.assessments import Assessments, clean_name
from bot.conversation import (
    ask_name,
    close_open_question,
    open_position,
    proceed,
    send_card,
    show_question,
)
from bot.filters import PlainText
from bot.states import Interview
from bot.texts import T
from questionnaire.flow import previous
from questionnaire.model import Questionnaire
from questionnaire.scoring import points
from storage.models import User, Workspace


async def new_command(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    t: T,
    user: User,
    workspace: Workspace,
    assessments: Assessments,
    questionnaire: Questionnaire,
) -> None:
    """/new Acme starts (or picks up) Acme; a bare /new asks for the name."""
    if command.args:
        await start_partner(
            message, command.args, state, t, user, workspace, assessments, questionnaire
        )
        return
    await ask_name(message, state, t)


async def new_pressed(
    query: CallbackQuery, callback_answer: CallbackAnswer, state: FSMContext, t: T
) -> None:
    if await state.get_state() == Interview.name.state:
        callback_answer.text = t.plain("alert.waiting_name")  # a second tap asks nothing new
    elif isinstance(query.message, Message):
        await ask_name(query.message, state, t)


async def name_typed(
    message: Message,
    state: FSMContext,
    t: T,
    user: User,
    workspace: Workspace,
    assessments: Assessments,
    questionnaire: Questionnaire,
) -> None:
    await start_partner(
        message, message.text or "", state, t, user, workspace, assessments, questionnaire
    )


async def start_partner(
    message: Message,
    typed: str,
    state: FSMContext,
    t: T,
    user: User,
    workspace: Workspace,
    assessments: Assessments,
    questionnaire: Questionnaire,
) -> None:
    name = clean_name(typed)
    if name is None:
        await ask_name(message, state, t, again=True)
        return
    opened = await assessments.open(workspace, user, name)
    partner, assessment = opened.partner, opened.assessment
    if assessment.finished:
        await close_open_question(message, state)
        await state.clear()
        data = await assessments.card(workspace.id, partner.id)
        if data is not None:
            intro = t("interview.already_done", name=partner.name)
            await send_card(
                message, data, t=t, user=user, questionnaire=questionnaire, intro=intro
            )
        return
    if opened.created:
        await message.answer(t("interview.created", name=partner.name))
    elif (at := await assessments.position(user, assessment.id)) is not None:
        await message.answer(
            t(
                "interview.resumed",
                name=partner.name,
                position=at.progress.position,
                total=at.progress.total,
            )
        )
    await proceed(
        message,
        assessment.id,
        state=state,
        t=t,
        user=user,
        assessments=assessments,
        questionnaire=questionnaire,
    )


async def technology_chosen(
    query: CallbackQuery,
    callback_data: cb.Technology,
    callback_answer: CallbackAnswer,
    state: FSMContext,
    t: T,
    user: User,
    workspace: Workspace,
    assessments: Assessments,
    questionnaire: Questionnaire,
) -> None:
    message = query.message
    asked = await state.get_data()
    chosen = None
    if (
        isinstance(message, Message)
        and await state.get_state() == Interview.technology.state
        and (asked.get("partner"), asked.get("message"))
        == (callback_data.partner, message.message_id)
    ):
        chosen = await assessments.choose_technology(
            workspace, user, callback_data.partner, callback_data.value
        )
    if chosen is None or not isinstance(message, Message):
        callback_answer.text = t.plain("alert.stale_button")
        return
    await state.clear()
    partner = await assessments.partner(workspace, callback_data.partner)
    answer = t.plain("label.yes" if callback_data.value else "label.no")
    await message.edit_text(
        t("interview.technology_set", name=partner.name if partner else "", answer=answer),
        reply_markup=None,
    )
    await proceed(
        message,
        chosen.id,
        state=state,
        t=t,
        user=user,
        assessments=assessments,
        questionnaire=questionnaire,
    )


async def answer_pressed(
    query: CallbackQuery,
    callback_data: cb.Rate,
    callback_answer: CallbackAnswer,
    state: FSMContext,
    t: T,
    user: User,
    assessments: Assessments,
    questionnaire: Questionnaire,
) -> None:
    message = query.message
    at = None
    if isinstance(message, Message):
        at = await open_position(
            message, callback_data.assessment, callback_data.question, state, user, assessments
        )
    rating = None if callback_data.value == cb.DONT_KNOW else callback_data.value
    if at is None or not isinstance(message, Message) or not at.question.accepts(rating):
        callback_answer.text = t.plain("alert.stale")
        return
    editing = bool((await state.get_data()).get("editing"))
    result = await assessments.answer(at, rating)
    callback_answer.text = t.plain("alert.saved", answer=views.answer_text(t, at.question, rating))
    await message.edit_text(views.answered_message(t, at.question, rating), reply_markup=None)
    await state.clear()  # this question is closed; `proceed` opens the next one
    if editing:
        data = await assessments.card(result.partner.workspace_id, result.partner.id)
        if data is not None:
            intro = t(
                "card.changed",
                question=at.question.id,
                before=views.answer_text(t, at.question, result.previous)
                if result.had_answer
                else t.plain("label.unanswered"),
                after=views.answer_text(t, at.question, rating),
                score_before=points(result.before.score),
                score_after=points(result.after.score),
            )
            await send_card(
                message, data, t=t, user=user, questionnaire=questionnaire, intro=intro
            )
        return
    if result.finished:
        await message.answer(t("interview.finished", name=result.partner.name))
    await proceed(
        message,
        at.assessment.id,
        state=state,
        t=t,
        user=user,
        assessments=assessments,
        questionnaire=questionnaire,
        after=at.question.id,
        review=result.had_answer,
    )


async def step_pressed(
    query: CallbackQuery,
    callback_data: cb.Step,
    callback_answer: CallbackAnswer,
    state: FSMContext,
    t: T,
    user: User,
    assessments: Assessments,
    questionnaire: Questionnaire,
) -> None:
    """ "Back" turns the open question into the previous one; "Pause" parks the interview."""
    message = query.message
    at = None
    if isinstance(message, Message):
        at = await open_position(
            message, callback_data.assessment, callback_data.question, state, user, assessments
        )
    if at is None or not isinstance(message, Message):
        callback_answer.text = t.plain("alert.stale")
        return
    if callback_data.action == "pause":
        await state.clear()
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
        questionnaire, technology=bool(at.partner.technology), current=at.question.id
    )
    earlier = before and await assessments.position(user, at.assessment.id, before.id)
    if not earlier:
        callback_answer.text = t.plain("alert.first_question")
        return
    await show_question(message, earlier, state, t, in_place=True)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(new_command, Command("new"))
    router.callback_query.register(new_pressed, cb.NewPartner.filter())
    router.message.register(name_typed, Interview.name, PlainText())
    router.callback_query.register(technology_chosen, cb.Technology.filter())
    router.callback_query.register(answer_pressed, cb.Rate.filter())
    router.callback_query.register(step_pressed, cb.Step.filter())
    return router
