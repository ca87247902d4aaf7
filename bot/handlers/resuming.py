"""Coming back to an assessment: /continue, the Continue buttons, /cancel."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.dialog.flow import Flow
from bot.dialog.screen import Screen
from bot.render import keyboards
from bot.render.texts import T
from bot.services.interview import Assessments
from bot.services.longlist import Longlist
from bot.telegram import callbacks as cb
from bot.telegram.filters import PrivateChat
from bot.telegram.states import GroupPrompt, PartnerEdit, Prompt
from storage.models import User, Workspace


async def resume_pressed(
    query: CallbackQuery,
    callback_data: cb.Resume,
    callback_answer: CallbackAnswer,
    t: T,
    user: User,
    flow: Flow,
    assessments: Assessments,
) -> None:
    """ "Continue" on a card: the assessment's next question is sent."""
    message = query.message
    if (
        not isinstance(message, Message)
        or await assessments.own(user, callback_data.assessment) is None
    ):
        callback_answer.text = t.plain("alert.stale_button")
        return
    await message.edit_reply_markup(reply_markup=None)  # a second tap sends nothing twice
    await flow.proceed(message, callback_data.assessment)


async def resume_here_pressed(
    query: CallbackQuery,
    callback_data: cb.ResumeHere,
    callback_answer: CallbackAnswer,
    t: T,
    user: User,
    screen: Screen,
    flow: Flow,
    assessments: Assessments,
) -> None:
    """ "Continue" on a reminder or a paused question: that message becomes the next open
    question (the one open before loses its buttons), so one question takes answers; when
    that question was posted after this message already, it is left where it is; after the
    last answer, the message says the assessment is done."""
    message = query.message
    own = await assessments.own(user, callback_data.assessment)
    if not isinstance(message, Message) or own is None:
        callback_answer.text = t.plain("alert.stale_button")
        return
    assessment, partner = own
    if assessment.finished:
        await message.edit_text(
            t("interview.resume_done", name=partner.name),
            reply_markup=keyboards.open_card(t, partner.id),
        )
        return
    shown = await screen.open_question()
    if shown and shown.message == message.message_id:
        callback_answer.text = t.plain("alert.stale_button")  # a second tap: it is open already
        return
    if shown and shown.assessment == assessment.id and shown.message > message.message_id:
        await message.edit_reply_markup(reply_markup=None)
        callback_answer.text = t.plain("alert.question_below", question=shown.question)
        return
    await flow.proceed(message, assessment.id, in_place=True)


async def continue_command(message: Message, screen: Screen, flow: Flow) -> None:
    """Back to the open question, or the next one of the latest unfinished assessment."""
    shown = await screen.open_question()
    await flow.resume(message, shown.assessment if shown and not shown.editing else None)


async def cancel_command(
    message: Message, t: T, workspace: Workspace, screen: Screen, longlist: Longlist
) -> None:
    """Leave whatever step is open; what it says depends on the step."""
    step, data = await screen.step_name(), await screen.step()
    if step is None:
        await message.answer(t("interview.nothing_to_cancel"))
        return
    await screen.close(message)
    await screen.clear()
    if step == PartnerEdit.rename.state:
        renaming = data.partner if isinstance(data, Prompt) else 0
        partner = await longlist.partner(workspace, renaming)
        await message.answer(
            t("partners.kept", name=partner.name) if partner else t("interview.cancelled")
        )
    elif step == GroupPrompt.name.state:
        await message.answer(t("team.not_added"))
    else:
        await message.answer(t("interview.cancelled"))


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.callback_query.register(resume_pressed, cb.Resume.filter(), PrivateChat())
    router.callback_query.register(resume_here_pressed, cb.ResumeHere.filter(), PrivateChat())
    router.message.register(continue_command, Command("continue"), PrivateChat())
    router.message.register(cancel_command, Command("cancel"))
    return router
