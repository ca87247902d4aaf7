"""Coming back to an assessment: /continue, the Continue button, /cancel."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.conversation import Conversation
from bot.render import keyboards
from bot.telegram import callbacks as cb
from bot.telegram.filters import PrivateChat
from bot.telegram.states import PartnerEdit, Team


async def resume_pressed(
    query: CallbackQuery,
    callback_data: cb.Resume,
    callback_answer: CallbackAnswer,
    talk: Conversation,
) -> None:
    """ "Continue" on a card: the assessment's next question is sent."""
    message = query.message
    if (
        not isinstance(message, Message)
        or await talk.assessments.own(talk.user, callback_data.assessment) is None
    ):
        callback_answer.text = talk.t.plain("alert.stale_button")
        return
    await message.edit_reply_markup(reply_markup=None)  # a second tap sends nothing twice
    await talk.proceed(message, callback_data.assessment)


async def resume_here_pressed(
    query: CallbackQuery,
    callback_data: cb.ResumeHere,
    callback_answer: CallbackAnswer,
    talk: Conversation,
) -> None:
    """ "Continue" on a reminder or a paused question: that message becomes the next open
    question (the one open before loses its buttons), so one question takes answers; when
    that question was posted after this message already, it is left where it is; after the
    last answer, the message says the assessment is done."""
    message, t = query.message, talk.t
    own = await talk.assessments.own(talk.user, callback_data.assessment)
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
    shown = await talk.open_question()
    if shown and shown.message == message.message_id:
        callback_answer.text = t.plain("alert.stale_button")  # a second tap: it is open already
        return
    if shown and shown.assessment == assessment.id and shown.message > message.message_id:
        await message.edit_reply_markup(reply_markup=None)
        callback_answer.text = t.plain("alert.question_below", question=shown.question)
        return
    await talk.proceed(message, assessment.id, in_place=True)


async def continue_command(message: Message, talk: Conversation) -> None:
    """Back to the open question, or the next one of the latest unfinished assessment."""
    data = await talk.state.get_data()
    open_id = data.get("assessment")
    await talk.resume(
        message, open_id if isinstance(open_id, int) and not data.get("editing") else None
    )


async def cancel_command(message: Message, talk: Conversation) -> None:
    """Leave whatever step is open; what it says depends on the step."""
    t, state = talk.t, talk.state
    step = await state.get_state()
    if step is None:
        await message.answer(t("interview.nothing_to_cancel"))
        return
    data = await state.get_data()
    await talk.close_open_question(message)
    await state.clear()
    if step == PartnerEdit.rename.state:
        partner = await talk.longlist.partner(talk.workspace, data.get("partner", 0))
        await message.answer(
            t("partners.kept", name=partner.name) if partner else t("interview.cancelled")
        )
    elif step == Team.name.state:
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
