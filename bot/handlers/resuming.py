"""Coming back to an assessment: /continue, the Continue button, /cancel."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import callbacks as cb
from bot.assessments import Assessments
from bot.conversation import (
    close_open_question,
    proceed,
)
from bot.texts import T
from questionnaire.model import Questionnaire
from storage.models import User, Workspace


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


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.callback_query.register(resume_pressed, cb.Resume.filter())
    router.message.register(continue_command, Command("continue"))
    router.message.register(cancel_command, Command("cancel"))
    return router
