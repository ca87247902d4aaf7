"""Where an interview goes next: the technology question, the next question, or the card;
coming back to it (/continue), past assessments in groups the person has left; and finding a
partner by name among those the person may still see."""

from __future__ import annotations

import html

from aiogram.types import Message

from bot.access import Access, Role
from bot.dialog.cards import Cards
from bot.dialog.screen import Screen
from bot.render import keyboards
from bot.render.texts import T
from bot.services.interview import Assessments
from bot.services.longlist import Longlist
from bot.services.model import Position, Resumable
from bot.services.teams import Teams
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
        teams: Teams,
        access: Access,
    ) -> None:
        self.t = t
        self.user = user
        self.workspace = workspace
        self.screen = screen
        self.cards = cards
        self.assessments = assessments
        self.longlist = longlist
        self.teams = teams
        self.access = access

    async def start(self, message: Message, name: str, *, own: bool = False) -> None:
        """Start assessing a partner by name, or pick up the one already called that (its card,
        when the person has answered everything). In a private chat, a name on one of the
        person's teams' lists (and not on their own) asks first which is meant, unless `own`."""
        t = self.t
        if not own and (team := await self.on_a_team(message, name)):
            partner, home = team
            await message.answer(
                t("interview.team_or_own", name=partner.name, team=home.title),
                reply_markup=keyboards.team_or_own(t, partner.id, home.title),
            )
            return
        opened = await self.assessments.open(self.workspace, self.user, name)
        partner, assessment = opened.partner, opened.assessment
        if assessment.finished:
            await self.screen.close(message)
            await self.screen.clear()
            await self.cards.show(
                message, partner.id, t("interview.already_done", name=partner.name)
            )
            return
        if opened.created:
            await message.answer(t("interview.created", name=partner.name))
        elif (at := await self.assessments.position(self.user, assessment.id)) is not None:
            progress = at.progress
            await message.answer(
                t(
                    "interview.resumed",
                    name=partner.name,
                    position=progress.position,
                    total=progress.total,
                )
            )
        await self.proceed(message, assessment.id)

    async def on_a_team(self, message: Message, name: str) -> tuple[Partner, Workspace] | None:
        """In a private chat: the partner called this on a list of a team the person is in,
        when their own list has none of that name."""
        if self.workspace.kind != "private" or await self.longlist.find_here(self.workspace, name):
            return None
        for partner, home in await self.teams.on_teams(self.user, name):
            if await self.role_in(message, home) >= Role.MEMBER:
                return partner, home
        return None

    async def join(self, message: Message, partner: Partner, home: Workspace) -> None:
        """The person's own assessment of a team's partner, started or picked up (its card
        when finished)."""
        t = self.t
        opened = await self.assessments.join(home, self.user, partner)
        if opened.assessment.finished:
            await self.cards.show(message, partner.id, t("team.assessed", name=partner.name))
            return
        if home.kind == "group":
            key = "team.joined" if opened.created else "team.rejoined"
            await message.answer(t(key, name=partner.name, team=home.title))
        await self.proceed(message, opened.assessment.id)

    async def proceed(
        self,
        message: Message,
        assessment_id: int,
        *,
        after: str | None = None,
        review: bool = False,
        in_place: bool = False,
        at: Position | None = None,
    ) -> None:
        """Go on with an assessment: the technology question, the next question, or the card.

        The next question is the first open one after `after`; when `review`ing answers (going
        forward again after "Back"), it is simply the one after `after`, answered or not.
        `in_place`: the next question takes the place of `message` (a reminder, a pause).
        `at`: that question, found already (with the answer that led to it).
        """
        if at is None:
            at = await self.assessments.position(
                self.user, assessment_id, after=after, review=review
            )
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
