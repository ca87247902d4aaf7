"""Showing a partner's card: to the person who asked, and to the group it belongs to."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import InlineKeyboardMarkup, Message

from bot.charts.send import Pictures
from bot.render import keyboards
from bot.render.card import card_message
from bot.render.format import tier_text
from bot.render.texts import T, Texts
from bot.services.longlist import Longlist
from bot.services.model import Answered, CardData
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
        questionnaire: Questionnaire,
        pictures: Pictures,
        posts: GroupPosts,
    ) -> None:
        self.texts = texts
        self.t = t
        self.user = user
        self.workspace = workspace
        self.longlist = longlist
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
        group = self.workspace.kind == "group"
        # Interviews run in private chats: a group's card offers the deep link instead.
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

    async def tell_team(self, bot: Bot, partner: Partner, change: Answered | None = None) -> None:
        """Post the team's updated card in the group a partner belongs to (rate-limited):
        once someone finishes, or when a change moves the partner to another tier. In the
        group's language: this person acted in their private chat, in theirs."""
        home = await self.longlist.workspace(partner.workspace_id)
        if home is None or home.kind != "group":
            return
        user = self.user
        t = self.texts.of_chat(home, user)
        url = await self.assess_url(bot, partner)

        async def render() -> tuple[str, InlineKeyboardMarkup | None]:
            data = await self.longlist.card(home, user, partner.id)
            if data is None:  # deleted meanwhile
                return t("partners.gone"), None
            intro = (
                t(
                    "team.tier_changed",
                    who=user.first_name,
                    name=partner.name,
                    was=tier_text(change.before),
                    now=tier_text(change.after),
                )
                if change
                else t("team.posted", who=user.first_name, name=partner.name)
            )
            text = card_message(t, data, self.questionnaire, intro)
            return text, keyboards.card(t, partner, resume_id=None, assess_url=url, team=data.team)

        await self.posts.post(bot, home.chat_id, partner.id, render)

    async def assess_url(self, bot: Bot | None, partner: Partner) -> str | None:
        """The deep link that opens this partner's interview in a private chat with the bot."""
        if bot is None:
            return None
        me = await bot.me()
        invite = await self.longlist.invite(partner)
        return f"https://t.me/{me.username}?start={invite}"
