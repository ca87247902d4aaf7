"""The interview: name a partner, answer its questions one by one, go back, pause, resume."""

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
from bot.filters import Attachment, PlainText
from bot.states import Interview
from bot.texts import T
from questionnaire.flow import previous
from questionnaire.model import Questionnaire
from questionnaire.scoring import points
from storage.models import NoteKind, User, Workspace


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
        await close_open_question(message, state)
        await state.set_state(Interview.name)
        await state.set_data({})
        await message.answer(t("interview.bad_name"))
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


async def resume_pressed(
    query: CallbackQuery,
    callback_data: cb.Resume,
    callback_answer: CallbackAnswer,
    state: FSMContext,
    t: T,
    user: User,
    assessments: Assessments,
    questionnaire: Questionnaire,
) -> None:
    message = query.message
    if (
        not isinstance(message, Message)
        or await assessments.own(user, callback_data.assessment) is None
    ):
        callback_answer.text = t.plain("alert.stale_button")
        return
    await message.edit_reply_markup(reply_markup=None)  # a second tap sends nothing twice
    await proceed(
        message,
        callback_data.assessment,
        state=state,
        t=t,
        user=user,
        assessments=assessments,
        questionnaire=questionnaire,
    )


async def continue_command(
    message: Message,
    state: FSMContext,
    t: T,
    user: User,
    workspace: Workspace,
    assessments: Assessments,
    questionnaire: Questionnaire,
) -> None:
    data = await state.get_data()
    assessment_id = data.get("assessment")
    if not isinstance(assessment_id, int) or data.get("editing"):
        unfinished = await assessments.unfinished(workspace, user)
        if unfinished is None:
            await message.answer(t("interview.nothing_to_continue"))
            return
        assessment_id = unfinished.id
    await proceed(
        message,
        assessment_id,
        state=state,
        t=t,
        user=user,
        assessments=assessments,
        questionnaire=questionnaire,
        after=None,
    )


async def cancel_command(message: Message, state: FSMContext, t: T) -> None:
    if await state.get_state() is None:
        await message.answer(t("interview.nothing_to_cancel"))
        return
    await close_open_question(message, state)
    await state.clear()
    await message.answer(t("interview.cancelled"))


async def note_typed(
    message: Message, state: FSMContext, t: T, user: User, assessments: Assessments
) -> None:
    """Text typed while a question is open is evidence: keep it as a note on that question.

    A lone digit is someone trying to answer by typing: point at the buttons instead.
    """
    text = (message.text or "").strip()
    if text in {"1", "2", "3", "4", "5"}:
        question = (await state.get_data()).get("question", "")
        await message.reply(t("interview.typed_answer", answer=text, question=question))
        return
    await keep_note(message, state, t, user, assessments, "text", message.text or "", None)


async def file_sent(
    message: Message,
    attachment: tuple[NoteKind, str, str],
    state: FSMContext,
    t: T,
    user: User,
    assessments: Assessments,
) -> None:
    kind, file_id, body = attachment
    await keep_note(message, state, t, user, assessments, kind, body, file_id)


async def keep_note(
    message: Message,
    state: FSMContext,
    t: T,
    user: User,
    assessments: Assessments,
    kind: NoteKind,
    body: str,
    file_id: str | None,
) -> None:
    data = await state.get_data()
    at = None
    if isinstance(data.get("assessment"), int) and isinstance(data.get("question"), str):
        at = await assessments.position(user, data["assessment"], data["question"])
    if at is None:
        await state.clear()
        await message.answer(t("fallback.text"))
        return
    await assessments.add_note(at, kind, body, file_id)
    if kind == "text":
        await message.reply(t("interview.note_saved", question=at.question.id))
    else:
        await message.reply(
            t("interview.file_saved", kind=t(f"kind.{kind}"), question=at.question.id)
        )


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(new_command, Command("new"))
    router.callback_query.register(new_pressed, cb.NewPartner.filter())
    router.message.register(name_typed, Interview.name, PlainText())
    router.callback_query.register(technology_chosen, cb.Technology.filter())
    router.callback_query.register(answer_pressed, cb.Rate.filter())
    router.callback_query.register(step_pressed, cb.Step.filter())
    router.callback_query.register(resume_pressed, cb.Resume.filter())
    router.message.register(continue_command, Command("continue"))
    router.message.register(cancel_command, Command("cancel"))
    router.message.register(note_typed, Interview.question, PlainText())
    router.message.register(file_sent, Interview.question, Attachment())
    return router
