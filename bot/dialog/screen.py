"""The message a person answers on: one open question (or prompt) at a time.

Like aiogram_dialog's message manager, one object remembers which message takes answers,
shows the next one, takes the buttons off the one left behind, and tells a press on the open
question from a stale one. Use cases never see messages; handlers never see the FSM's data.
"""

from __future__ import annotations

import contextlib

from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, ForceReply, Message

from bot.render import keyboards, messages
from bot.render.texts import T
from bot.services.model import Position
from bot.telegram import states
from bot.telegram.states import Interview, Prompt, QuestionOpen, TechnologyAsked
from questionnaire.model import Questionnaire
from storage.models import Partner


class Screen:
    def __init__(self, state: FSMContext, t: T, questionnaire: Questionnaire) -> None:
        self.state = state
        self.t = t
        self.questionnaire = questionnaire
        self._settled: int | None = None
        """A question message this update has closed already (it shows its answer). One
        Screen serves a whole update (handler and flow alike), so each knows."""

    async def step(self) -> states.StepData | None:
        return await states.read(self.state)

    async def step_name(self) -> str | None:
        return await self.state.get_state()

    async def waits_for_name(self) -> bool:
        """A private chat's "what is the partner called?" is open."""
        return await self.step_name() == Interview.name.state

    async def open_question(self) -> QuestionOpen | None:
        step = await self.step()
        return step if isinstance(step, QuestionOpen) else None

    async def remember(self, step: State | None, data: states.StepData | None = None) -> None:
        await states.write(self.state, step, data)

    async def clear(self) -> None:
        await self.state.clear()

    async def close(self, message: Message, *, keep: int | None = None) -> None:
        """Take the buttons off the question (or technology question) that was open: only
        one takes answers. `keep`: the message becoming the open question itself."""
        step = await self.step()
        shown = step.message if isinstance(step, QuestionOpen | TechnologyAsked) else None
        if shown is not None and shown not in (self._settled, keep) and message.bot:
            with contextlib.suppress(TelegramBadRequest):
                await message.bot.edit_message_reply_markup(
                    chat_id=message.chat.id, message_id=shown, reply_markup=None
                )

    async def show_question(
        self, message: Message, at: Position, *, editing: bool = False, in_place: bool = False
    ) -> None:
        """Send the question (or turn `message` into it) and remember it as the open one."""
        text = messages.question_message(self.t, at)
        markup = keyboards.question(self.t, at, editing=editing)
        if in_place:
            await self.close(message, keep=message.message_id)
            await message.edit_text(text, reply_markup=markup)
            shown = message.message_id
        else:
            await self.close(message)
            shown = (await message.answer(text, reply_markup=markup)).message_id
        opened = QuestionOpen(
            at.assessment.id, at.question.id, shown, editing, at.partner.workspace_id
        )
        await self.remember(Interview.question, opened)

    async def settle(self, message: Message, at: Position, rating: int | None) -> None:
        """The open question was answered: it shows its answer and takes no more."""
        text = messages.answered_message(self.t, at.question, rating)
        await message.edit_text(text, reply_markup=None)
        self._settled = message.message_id

    async def ask_technology(self, message: Message, partner: Partner) -> None:
        await self.close(message)
        asked = await message.answer(
            messages.technology_question(self.t, self.questionnaire, partner.name),
            reply_markup=keyboards.technology(self.t, partner.id),
        )
        data = TechnologyAsked(partner.id, asked.message_id, partner.workspace_id)
        await self.remember(Interview.technology, data)

    async def ask_name(self, message: Message, *, again: bool = False) -> None:
        """Wait for a partner's name in a private chat (`again` after one that would not do)."""
        await self.close(message)
        await self.remember(Interview.name, Prompt())
        await message.answer(messages.bad_name(self.t) if again else self.t("interview.ask_name"))

    async def ask_reply(
        self, message: Message, step: State, text: str, *, partner: int = 0, quote: bool = True
    ) -> None:
        """In a group the bot sees replies to itself, not plain messages: ask for a reply
        (quoting `message`, or, when it is the bot's own, with the person named in `text`)."""
        await self.close(message)
        force = ForceReply(selective=True)
        send = message.reply if quote else message.answer
        asked = await send(text, reply_markup=force)
        await self.remember(step, Prompt(asked.message_id, partner))

    async def technology_pressed(self, query: CallbackQuery, partner_id: int) -> bool:
        """Whether a button was pressed on the open technology question of this partner."""
        asked = await self.step()
        return (
            isinstance(asked, TechnologyAsked)
            and isinstance(query.message, Message)
            and (asked.partner, asked.message) == (partner_id, query.message.message_id)
        )

    async def pressed(self, query: CallbackQuery, assessment_id: int, question_id: str) -> bool:
        """Whether a button was pressed on the open question. Anything else (an old
        question's buttons, a second tap, forged data) changes nothing."""
        shown = await self.open_question()
        return (
            shown is not None
            and isinstance(query.message, Message)
            and (shown.assessment, shown.question, shown.message)
            == (assessment_id, question_id, query.message.message_id)
        )
