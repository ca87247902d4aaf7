"""Steps several handlers share: ask for a name, show a question, move on, show a card.

A `Conversation` is made for each update by the context middleware, from the person, their
chat's workspace, the FSM context and the services, so handlers ask for `talk` alone.
"""

from __future__ import annotations

import contextlib
import html
from dataclasses import dataclass
from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.access import Access, Role
from bot.charts.send import Pictures
from bot.render import keyboards, messages
from bot.render.texts import T
from bot.services.interview import Answered, Assessments, Position, Resumable
from bot.services.longlist import CardData, Longlist
from bot.teamwork import GroupPosts
from bot.telegram.states import Interview
from questionnaire.model import Questionnaire
from storage.fsm import SQLiteStorage
from storage.models import Partner, User, Workspace


@dataclass(frozen=True)
class OpenQuestion:
    """The question that takes answers now, as the FSM keeps it."""

    assessment: int
    question: str
    message: int
    """The message that shows it."""
    home: int
    """The workspace its partner belongs to."""


@dataclass
class Conversation:
    """One update's view of the conversation: who, where, in which language, and the
    services; the steps several handlers share."""

    t: T
    user: User
    workspace: Workspace
    state: FSMContext
    assessments: Assessments
    longlist: Longlist
    questionnaire: Questionnaire
    posts: GroupPosts
    pictures: Pictures
    access: Access
    answered: int | None = None
    """The question message this update closed itself (its buttons are gone already)."""

    async def remember(self, step: State | None, data: dict[str, Any]) -> None:
        """The conversation's step and its data, in one write where the storage allows."""
        storage, key = self.state.storage, self.state.key
        if isinstance(storage, SQLiteStorage):
            await storage.set_step(key, step, data)
        else:
            await self.state.set_state(step)
            await self.state.set_data(data)

    async def open_question(self) -> OpenQuestion | None:
        data = await self.state.get_data()
        if await self.state.get_state() != Interview.question.state:
            return None
        return OpenQuestion(
            data["assessment"], data["question"], data["message"], data.get("home", 0)
        )

    async def close_open_question(self, message: Message, *, keep: int | None = None) -> None:
        """Take the buttons off the question that was open: only one question takes answers.
        `keep`: the message becoming the open question itself."""
        open_id = (await self.state.get_data()).get("message")
        if isinstance(open_id, int) and open_id not in (self.answered, keep) and message.bot:
            with contextlib.suppress(TelegramBadRequest):
                await message.bot.edit_message_reply_markup(
                    chat_id=message.chat.id, message_id=open_id, reply_markup=None
                )

    async def ask_name(self, message: Message, *, again: bool = False) -> None:
        """Wait for a partner's name (`again` after one that would not do)."""
        await self.close_open_question(message)
        await self.remember(Interview.name, {})
        await message.answer(messages.bad_name(self.t) if again else self.t("interview.ask_name"))

    async def show_question(
        self, message: Message, at: Position, *, editing: bool = False, in_place: bool = False
    ) -> None:
        """Send the question (or turn `message` into it) and remember it as the open one."""
        text = messages.question_message(self.t, at)
        markup = keyboards.question(self.t, at, editing=editing)
        if in_place:
            await self.close_open_question(message, keep=message.message_id)
            await message.edit_text(text, reply_markup=markup)
            shown = message.message_id
        else:
            await self.close_open_question(message)
            shown = (await message.answer(text, reply_markup=markup)).message_id
        await self.remember(
            Interview.question,
            {
                "assessment": at.assessment.id,
                "question": at.question.id,
                "message": shown,
                "editing": editing,
                "home": at.partner.workspace_id,
            },
        )

    async def pressed(
        self, query: CallbackQuery, assessment_id: int, question_id: str
    ) -> tuple[Message, Position] | None:
        """The open question a button was pressed on, with the message that shows it.

        Anything else (an old question's buttons, a second tap, forged data, another person's
        assessment) gets None and changes nothing.
        """
        message = query.message
        if not isinstance(message, Message):
            return None
        data = await self.state.get_data()
        if (data.get("assessment"), data.get("question"), data.get("message")) != (
            assessment_id,
            question_id,
            message.message_id,
        ):
            return None
        at = await self.assessments.position(self.user, assessment_id, question_id)
        return (message, at) if at else None

    async def card_pressed(
        self, query: CallbackQuery, partner_id: int, answer: CallbackAnswer
    ) -> tuple[Message, CardData] | None:
        """A partner's card for a button, or None after telling the person it is gone."""
        data = await self.longlist.card(self.workspace, self.user, partner_id)
        if data is None or not isinstance(query.message, Message):
            answer.text = self.t.plain("alert.unknown_partner")
            return None
        return query.message, data

    async def proceed(
        self,
        message: Message,
        assessment_id: int,
        *,
        after: str | None = None,
        review: bool = False,
        in_place: bool = False,
    ) -> None:
        """Go on with an assessment: the technology question, the next question, or the card.

        The next question is the first open one after `after`; when `review`ing answers (going
        forward again after "Back"), it is simply the one after `after`, answered or not.
        `in_place`: the next question takes the place of `message` (a reminder, a pause).
        """
        t, state = self.t, self.state
        at = await self.assessments.position(self.user, assessment_id, after=after, review=review)
        if at is not None:
            await self.show_question(message, at, in_place=in_place)
            return
        if in_place:
            await message.edit_reply_markup(reply_markup=None)  # a second tap sends nothing
        pair = await self.assessments.own(self.user, assessment_id)
        if pair is None:
            await state.clear()
            await self.nothing_to_continue(message)
            return
        _, partner = pair
        if partner.technology is None:
            await self.close_open_question(message)
            asked = await message.answer(
                messages.technology_question(t, self.questionnaire, partner.name),
                reply_markup=keyboards.technology(t, partner.id),
            )
            await self.remember(
                Interview.technology,
                {"partner": partner.id, "message": asked.message_id, "home": partner.workspace_id},
            )
            return
        await self.close_open_question(message)
        await self.remember(None, {})
        data = await self.longlist.card(self.workspace, self.user, partner.id)
        if data is not None:
            await self.send_card(message, data)

    async def resume(self, message: Message, prefer: int | None = None) -> None:
        """/continue: the latest unfinished assessment (`prefer`red: the one whose question is
        open) that the person may still work on. Those in groups they have left are set
        aside, and they are told so, once."""
        chosen, left, unsure = None, [], []
        for item in await self.assessments.recent(self.user, unfinished=True):
            role = await self.role_in(message, item.home)
            if role is Role.NONE:
                left.append(item)
            elif role is Role.UNKNOWN:
                unsure.append(item)  # not set aside on a guess: asked again next time
            elif chosen is None or item.assessment.id == prefer:
                chosen = item
        if left:
            await self.set_aside(message, left)
        if chosen is not None:
            await self.proceed(message, chosen.assessment.id)
        elif unsure:
            text = self.t.plain("alert.unknown_role", team=unsure[0].home.title)
            await message.answer(html.escape(text))
        else:
            await self.nothing_to_continue(message)

    async def role_in(self, message: Message, home: Workspace) -> Role:
        """What the person is to the workspace a partner of theirs lives in."""
        if message.bot is None:
            return Role.UNKNOWN
        return await self.access.role(message.bot, self.user.id, home)

    async def find(self, message: Message, name: str) -> Partner | None:
        """The partner called this here; in a private chat, also a team's one the person
        assessed, while they are still in that team."""
        partner = await self.longlist.find(self.workspace, self.user, name)
        if partner is None or partner.workspace_id == self.workspace.id:
            return partner
        home = await self.longlist.workspace(partner.workspace_id)
        return partner if home and await self.role_in(message, home) >= Role.MEMBER else None

    async def set_aside(self, message: Message, left: list[Resumable]) -> None:
        await self.assessments.set_aside([item.assessment.id for item in left])
        if (await self.state.get_data()).get("assessment") in {i.assessment.id for i in left}:
            await self.close_open_question(message)
            await self.state.clear()
        groups: dict[str, list[str]] = {}
        for item in left:
            groups.setdefault(item.home.title, []).append(item.partner.name)
        await message.answer(self.t("interview.set_aside", groups=list(groups.items())[:10]))

    async def nothing_to_continue(self, message: Message) -> None:
        """Say so, with the card of the partner assessed last: after the last answer, that is
        what a person comes back for (the bot may have stopped before it could show it)."""
        latest = None
        for item in await self.assessments.recent(self.user, unfinished=False, limit=5):
            if await self.role_in(message, item.home) >= Role.MEMBER:
                latest = item.partner
                break
        if latest is None:
            await message.answer(self.t("interview.nothing_to_continue"))
            return
        await message.answer(
            self.t("interview.nothing_to_continue_but", name=latest.name),
            reply_markup=keyboards.open_card(self.t, latest.id),
        )

    async def send_card(self, message: Message, data: CardData, intro: str | None = None) -> None:
        """The radar picture, then the card with its buttons."""
        t = self.t
        if data.card.summary().scored:
            await self.pictures.send_radar(message, t, data, self.user.id)
        robust = neighbour = None
        if not data.own:
            firmness = await self.longlist.firmness(data.workspace)
            if firmness is not None:
                robust = firmness.of(data.partner.id)
                neighbour = firmness.neighbour(data.partner.id)
        text = messages.card_message(
            t, data, self.questionnaire, intro, robust=robust, neighbour=neighbour
        )
        group = self.workspace.kind == "group"
        # Interviews run in private chats: a group's card offers the deep link instead.
        resume = None if group else data.unfinished_of(self.user.id)
        markup = keyboards.card(
            t,
            data.partner,
            resume_id=resume.id if resume else None,
            own=data.own,
            assess_url=await self.assess_url(message, data.partner) if group else None,
            team=data.team,
        )
        await message.answer(text, reply_markup=markup)

    async def tell_team(
        self, message: Message, partner: Partner, change: Answered | None = None
    ) -> None:
        """Post the team's updated card in the group a partner belongs to (rate-limited):
        once someone finishes, or when a change moves the partner to another tier."""
        home = await self.longlist.workspace(partner.workspace_id)
        if home is None or home.kind != "group" or message.bot is None:
            return
        t, user = self.t, self.user
        url = await self.assess_url(message, partner)

        async def render() -> tuple[str, InlineKeyboardMarkup | None]:
            data = await self.longlist.card(home, user, partner.id)
            if data is None:  # deleted meanwhile
                return t("partners.gone"), None
            intro = (
                t(
                    "team.tier_changed",
                    who=user.first_name,
                    name=partner.name,
                    was=messages.tier_text(change.before),
                    now=messages.tier_text(change.after),
                )
                if change
                else t("team.posted", who=user.first_name, name=partner.name)
            )
            text = messages.card_message(t, data, self.questionnaire, intro)
            return text, keyboards.card(t, partner, resume_id=None, assess_url=url, team=data.team)

        await self.posts.post(message.bot, home.chat_id, partner.id, render)

    async def assess_url(self, message: Message, partner: Partner) -> str | None:
        """The deep link that opens this partner's interview in a private chat with the bot."""
        if message.bot is None:
            return None
        me = await message.bot.me()
        invite = await self.longlist.invite(partner)
        return f"https://t.me/{me.username}?start={invite}"
