"""Showing a partner's card: to the person who asked, and to the group it belongs to."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import InlineKeyboardMarkup, Message

from bot.charts.send import Pictures
from bot.render import keyboards
from bot.render.card import card_message
from bot.render.texts import T, Texts
from bot.services.longlist import Longlist
from bot.services.model import CardData
from bot.services.teams import Teams
from bot.telegram.posts import GroupPosts
from questionnaire.model import Questionnaire
from storage.models import Partner, User, Workspace


class Cards:
    """Cards for one person in one chat (`workspace`), in that chat's language (`t`)."""

    def __init__(
        self,
        texts: Texts,
        t: T,
        user: User,
        workspace: Workspace,
        longlist: Longlist,
        teams: Teams,
        questionnaire: Questionnaire,
        pictures: Pictures,
        posts: GroupPosts,
    ) -> None:
        self.texts = texts
        self.t = t
        self.user = user
        self.workspace = workspace
        self.longlist = longlist
        self.teams = teams
        self.questionnaire = questionnaire
        self.pictures = pictures
        self.posts = posts

    async def send(self, message: Message, data: CardData, intro: str | None = None) -> None:
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
        text = card_message(t, data, self.questionnaire, intro, robust=robust, neighbour=neighbour)
        group = message.chat.type != "private"
        # Interviews run in private chats: a card in a group offers the deep link instead (a
        # team's card seen in private, its list picked there, offers to go on right here).
        resume = None if group else data.unfinished_of(self.user.id)
        markup = keyboards.card(
            t,
            data.partner,
            resume_id=resume.id if resume else None,
            own=data.own,
            assess_url=await self.assess_url(message.bot, data.partner) if group else None,
            team=data.team,
        )
        await message.answer(text, reply_markup=markup)

    async def show(self, message: Message, partner_id: int, intro: str | None = None) -> bool:
        """The partner's card as seen from this chat; False when there is none to show."""
        data = await self.longlist.card(self.workspace, self.user, partner_id)
        if data is not None:
            await self.send(message, data, intro)
        return data is not None

    async def tell_team(self, bot: Bot, partner: Partner) -> None:
        """One line in the partner's group (rate-limited, in the group's language) when its
        tier there is new: at the first finished assessment, then only when the tier changes.
        The card itself is one button away: a quiet group is not sent a card per finish."""
        home = await self.longlist.workspace(partner.workspace_id)
        told = await self.teams.announce(partner.id) if home and home.kind == "group" else None
        if home is None or told is None:
            return
        before, _ = told  # the tier now is read when the line goes out
        t, who = self.texts.of_chat(home, self.user), self.user.first_name

        async def render() -> tuple[str, InlineKeyboardMarkup | None]:
            data = await self.longlist.card(home, self.user, partner.id)
            if data is None:  # deleted meanwhile
                return t("partners.gone"), None
            tier = data.card.tier.value if data.card.tier else None
            if before is None or before == "-":
                done = sum(1 for a in data.sheets.assessments if a.finished)
                meaning = t(f"tier.{tier}") if tier else ""
                line = t(
                    "team.tier_final",
                    name=partner.name,
                    tier=tier,
                    meaning=meaning,
                    who=who,
                    done=done,
                )
            else:
                line = t(
                    "team.tier_moved", name=partner.name, was=before, now=tier or "—", who=who
                )
            return line, keyboards.open_card(t, partner.id)

        await self.posts.post(bot, home.chat_id, partner.id, render)

    async def assess_url(self, bot: Bot | None, partner: Partner) -> str | None:
        """The deep link that opens this partner's interview in a private chat with the bot."""
        if bot is None:
            return None
        me = await bot.me()
        invite = await self.longlist.invite(partner)
        return f"https://t.me/{me.username}?start={invite}"
