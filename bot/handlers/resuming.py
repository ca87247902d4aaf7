"""Coming back to an assessment: /continue, the Continue button, /cancel."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import callbacks as cb
from bot.conversation import Conversation
from bot.filters import PrivateChat
from bot.states import PartnerEdit, Team


async def resume_pressed(
    query: CallbackQuery,
    callback_data: cb.Resume,
    callback_answer: CallbackAnswer,
    talk: Conversation,
) -> None:
    message = query.message
    if (
        not isinstance(message, Message)
        or await talk.assessments.own(talk.user, callback_data.assessment) is None
    ):
        callback_answer.text = talk.t.plain("alert.stale_button")
        return
    await message.edit_reply_markup(reply_markup=None)  # a second tap sends nothing twice
    await talk.proceed(message, callback_data.assessment)


async def continue_command(message: Message, talk: Conversation) -> None:
    """Back to the open question, or the next one of the latest unfinished assessment."""
    data = await talk.state.get_data()
    assessment_id = data.get("assessment")
    if not isinstance(assessment_id, int) or data.get("editing"):
        unfinished = await talk.assessments.unfinished(talk.user)
        if unfinished is None:
            await talk.nothing_to_continue(message)
            return
        assessment_id = unfinished.id
    await talk.proceed(message, assessment_id)


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
    router.message.register(continue_command, Command("continue"), PrivateChat())
    router.message.register(cancel_command, Command("cancel"))
    return router
