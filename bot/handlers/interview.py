"""The interview: name a partner, answer its questions one by one, go back, pause."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.dialog.board import Boards
from bot.dialog.cards import Cards
from bot.dialog.flow import Flow
from bot.dialog.screen import Screen
from bot.render import keyboards, messages
from bot.render.format import answer_text
from bot.render.texts import T
from bot.services.interview import Assessments
from bot.services.names import clean_name
from bot.services.teams import Teams
from bot.telegram import callbacks as cb
from bot.telegram.filters import PlainText, PrivateChat
from bot.telegram.states import Interview, QuestionOpen
from questionnaire.flow import previous
from questionnaire.model import Questionnaire
from storage.models import User


async def new_command(
    message: Message, command: CommandObject, screen: Screen, flow: Flow
) -> None:
    """/new Acme starts (or picks up) Acme; a bare /new asks for the name."""
    if command.args:
        await start_partner(message, command.args, screen, flow)
    else:
        await screen.ask_name(message)


async def new_pressed(
    query: CallbackQuery, callback_answer: CallbackAnswer, t: T, screen: Screen
) -> None:
    if await screen.waits_for_name():
        callback_answer.text = t.plain("alert.waiting_name")  # a second tap asks nothing
    elif isinstance(query.message, Message):
        await screen.ask_name(query.message)


async def name_typed(message: Message, screen: Screen, flow: Flow) -> None:
    await start_partner(message, message.text or "", screen, flow)


async def start_partner(message: Message, typed: str, screen: Screen, flow: Flow) -> None:
    name = clean_name(typed)
    if name is None:
        await screen.ask_name(message, again=True)
    else:
        await flow.start(message, name)


async def team_or_own_chosen(
    query: CallbackQuery,
    callback_data: cb.TeamOrOwn,
    callback_answer: CallbackAnswer,
    t: T,
    flow: Flow,
    teams: Teams,
) -> None:
    """The answer to "assess it for the team, or your own?" (the guard has checked that the
    person is still in that team)."""
    found = await teams.home_of(callback_data.partner)
    if found is None or not isinstance(query.message, Message):
        callback_answer.text = t.plain("alert.unknown_partner")
        return
    partner, home = found
    await query.message.edit_reply_markup(reply_markup=None)  # a second tap does nothing
    if callback_data.own:
        await flow.start(query.message, partner.name, own=True)
    else:
        await flow.join(query.message, partner, home)


async def technology_chosen(
    query: CallbackQuery,
    callback_data: cb.Technology,
    callback_answer: CallbackAnswer,
    t: T,
    user: User,
    screen: Screen,
    flow: Flow,
    assessments: Assessments,
    boards: Boards,
) -> None:
    """Answered once, on the question that is open; any other tap changes nothing."""
    message, chosen = query.message, None
    if await screen.technology_pressed(query, callback_data.partner):
        chosen = await assessments.choose_technology(
            user, callback_data.partner, callback_data.value
        )
    if chosen is None or not isinstance(message, Message):
        callback_answer.text = t.plain("alert.stale_button")
        return
    await screen.clear()
    assessment, partner = chosen
    await boards.touch(partner.workspace_id)  # how many questions each is asked
    answer = t.plain("label.yes" if partner.technology else "label.no")
    await message.edit_text(
        t("interview.technology_set", name=partner.name, answer=answer), reply_markup=None
    )
    await flow.proceed(message, assessment.id)


async def answer_pressed(
    query: CallbackQuery,
    callback_data: cb.Rate,
    callback_answer: CallbackAnswer,
    t: T,
    user: User,
    screen: Screen,
    flow: Flow,
    cards: Cards,
    assessments: Assessments,
    boards: Boards,
) -> None:
    rating = None if callback_data.value == cb.DONT_KNOW else callback_data.value
    shown = await screen.open_question()
    pressed = await screen.pressed(query, callback_data.assessment, callback_data.question)
    # Checked, recorded and the next question found: one trip to the database.
    done = pressed and await assessments.press(
        user, callback_data.assessment, callback_data.question, rating
    )
    if not done or not isinstance(query.message, Message):
        callback_answer.text = t.plain("alert.stale")
        return
    message, editing = query.message, isinstance(shown, QuestionOpen) and shown.editing
    at, result = done.at, done.answered
    # "Saved" goes out now that it is committed, not after the next question is drawn.
    callback_answer.disabled = True
    await query.answer(t.plain("alert.saved", answer=answer_text(t, at.question, rating)))
    await screen.settle(message, at, rating)
    finished_now = result.finished and not at.assessment.finished  # the last open question
    if finished_now:
        await message.answer(t("interview.finished", name=result.partner.name))
    moved = at.assessment.finished and result.before.tier != result.after.tier
    if (finished_now or moved) and message.bot:
        await cards.tell_team(message.bot, result.partner)
    await boards.touch(result.partner.workspace_id)  # progress, and a tier once final
    if editing:
        await screen.remember(None)
        intro = messages.changed_intro(t, at.question, result, rating)
        await cards.show(message, result.partner.id, intro)
        return
    await flow.proceed(
        message, at.assessment.id, after=at.question.id, review=result.had_answer, at=done.upcoming
    )


async def step_pressed(
    query: CallbackQuery,
    callback_data: cb.Step,
    callback_answer: CallbackAnswer,
    t: T,
    user: User,
    screen: Screen,
    assessments: Assessments,
    questionnaire: Questionnaire,
) -> None:
    """ "Back" turns the open question into the previous one; "Pause" parks the interview."""
    pressed = await screen.pressed(query, callback_data.assessment, callback_data.question)
    at = pressed and await assessments.position(
        user, callback_data.assessment, callback_data.question
    )
    if not at or not isinstance(query.message, Message):
        callback_answer.text = t.plain("alert.stale")
        return
    message = query.message
    if callback_data.action == "pause":
        await screen.clear()
        progress = at.progress
        await message.edit_text(
            t(
                "interview.paused",
                name=at.partner.name,
                position=progress.position,
                total=progress.total,
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
    await screen.show_question(message, earlier, in_place=True)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    # Interviews happen in private chats only; in a group these buttons do nothing.
    private = PrivateChat()
    router.message.register(new_command, Command("new"), private)
    router.callback_query.register(new_pressed, cb.NewPartner.filter(), private)
    router.message.register(name_typed, Interview.name, PlainText(), private)
    router.callback_query.register(team_or_own_chosen, cb.TeamOrOwn.filter(), private)
    router.callback_query.register(technology_chosen, cb.Technology.filter(), private)
    router.callback_query.register(answer_pressed, cb.Rate.filter(), private)
    router.callback_query.register(step_pressed, cb.Step.filter(), private)
    return router
