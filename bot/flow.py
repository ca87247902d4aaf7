"""Where an interview goes next: the technology question, the next question, or the card;
and coming back to it (/continue), past assessments in groups the person has left."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Message, TelegramObject

from bot.access import Access, Role
from bot.cards import Cards
from bot.render import keyboards
from bot.render.texts import T
from bot.services.interview import Assessments
from bot.services.longlist import Longlist
from bot.services.model import Resumable
from bot.telegram.screen import Screen
from storage.models import Partner, User, Workspace


class Flow:
    def __init__(
        self,
        t: T,
        user: User,
        workspace: Workspace,
        screen: Screen,
        cards: Cards,
        assessments: Assessments,
        longlist: Longlist,
        access: Access,
    ) -> None:
        self.t = t
        self.user = user
        self.workspace = workspace
        self.screen = screen
        self.cards = cards
        self.assessments = assessments
        self.longlist = longlist
        self.access = access

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
        at = await self.assessments.position(self.user, assessment_id, after=after, review=review)
        if at is not None:
            await self.screen.show_question(message, at, in_place=in_place)
            return
        if in_place:
            await message.edit_reply_markup(reply_markup=None)  # a second tap sends nothing
        pair = await self.assessments.own(self.user, assessment_id)
        if pair is None:
            await self.screen.clear()
            await self.nothing_to_continue(message)
            return
        _, partner = pair
        if partner.technology is None:
            await self.screen.ask_technology(message, partner)
            return
        await self.screen.close(message)
        await self.screen.remember(None)
        await self.cards.show(message, partner.id)

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
        shown = await self.screen.open_question()
        if shown and shown.assessment in {item.assessment.id for item in left}:
            await self.screen.close(message)
            await self.screen.clear()
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


class ProvideFlow(BaseMiddleware):
    """Puts this update's `screen`, `cards` and `flow` among the handlers' arguments, for a
    person in a chat (after the context middleware has found both)."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        workspace, state = data.get("workspace"), data.get("state")
        if workspace is not None and state is not None:
            t, user, questionnaire = data["t"], data["user"], data["questionnaire"]
            screen = Screen(state, t, questionnaire)
            cards = Cards(
                data["texts"],
                t,
                user,
                workspace,
                data["longlist"],
                questionnaire,
                data["pictures"],
                data["posts"],
            )
            data["screen"], data["cards"] = screen, cards
            data["flow"] = Flow(
                t, user, workspace, screen, cards, data["assessments"], data["longlist"],
                data["access"],
            )  # fmt: skip
        return await handler(event, data)
