"""A team's longlist in a group: adding partners there, assessing them in private chats."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import ChatMemberUpdated, ForceReply, Message

from bot.access import MEMBER_STATUSES, Access, Need
from bot.conversation import Conversation
from bot.handlers.sharing import FROM_INLINE
from bot.render import keyboards, messages
from bot.render.texts import T
from bot.services.interview import clean_name
from bot.telegram.filters import AnswersPrompt, GroupChat, Migration, PlainText, PrivateChat
from bot.telegram.guard import ANYONE
from bot.telegram.states import Team
from storage.db import Database


async def bot_status_changed(event: ChatMemberUpdated, t: T, access: Access) -> None:
    """Say in three lines how a team uses the bot, once, when it joins the group. Joining or
    leaving, what was known of the group's members is asked again."""
    access.forget_chat(event.chat.id)
    joined = event.new_chat_member.status in MEMBER_STATUSES
    if joined and event.old_chat_member.status not in MEMBER_STATUSES:
        await event.answer(t("team.welcome"))


async def new_in_group(message: Message, command: CommandObject, talk: Conversation) -> None:
    """/new Acme in a group puts Acme on the team's list; the questions come in private."""
    if command.args:
        await add_partner(message, command.args, talk)
    else:
        await ask_name(message, talk)


async def name_replied(message: Message, talk: Conversation) -> None:
    await add_partner(message, message.text or "", talk)


async def ask_name(message: Message, talk: Conversation, *, again: bool = False) -> None:
    # In a group the bot sees replies to itself, not plain messages: ask for a reply.
    await talk.state.set_state(Team.name)
    asked = await message.reply(
        messages.bad_name(talk.t) if again else talk.t("team.ask_name"),
        reply_markup=ForceReply(selective=True),
    )
    await talk.state.set_data({"prompt": asked.message_id})


async def add_partner(message: Message, typed: str, talk: Conversation) -> None:
    name = clean_name(typed)
    if name is None:
        await ask_name(message, talk, again=True)
        return
    await talk.state.clear()
    partner, created = await talk.longlist.add(talk.workspace, talk.user, name)
    url = await talk.assess_url(message, partner)
    text = talk.t("team.added" if created else "team.exists", name=partner.name)
    await message.answer(text, reply_markup=keyboards.assess(talk.t, url) if url else None)


async def deep_link(
    message: Message, command: CommandObject, talk: Conversation, access: Access
) -> None:
    """A team member's "Assess in a private chat": their own interview of the team's partner."""
    t = talk.t
    found = await talk.assessments.invitation(command.args or "")
    if found is None or message.bot is None:
        await message.answer(t("team.bad_link"))
        return
    partner, home = found
    if not await access.allows(message.bot, talk.user.id, home, Need.MEMBER, partner):
        # A group's link says whose it is; someone else's private list stays unnamed.
        text = t("team.not_member", team=home.title) if home.kind == "group" else None
        await message.answer(text or t("team.bad_link"))
        return
    opened = await talk.assessments.join(home, talk.user, partner)
    if opened.assessment.finished:
        data = await talk.longlist.card(talk.workspace, talk.user, partner.id)
        if data is not None:
            await talk.send_card(message, data, t("team.assessed", name=partner.name))
        return
    if home.kind == "group":
        key = "team.joined" if opened.created else "team.rejoined"
        await message.answer(t(key, name=partner.name, team=home.title))
    await talk.proceed(message, opened.assessment.id)


async def private_only(message: Message, t: T, bot: Bot) -> None:
    """Interviews and personal settings live in a private chat with the bot."""
    me = await bot.me()
    await message.reply(
        t("team.private_only"), reply_markup=keyboards.open_bot(t, f"https://t.me/{me.username}")
    )


async def group_migrated(message: Message, db: Database, access: Access) -> None:
    """A group upgraded to a supergroup gets a new chat id; its workspace moves with it."""
    old, new = (
        (message.chat.id, message.migrate_to_chat_id)
        if message.migrate_to_chat_id
        else (message.migrate_from_chat_id, message.chat.id)
    )
    if old is not None and new is not None:
        access.forget_chat(old)
        async with db.transaction() as tx:
            await tx.migrate_workspace(old, new)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.my_chat_member.register(bot_status_changed, GroupChat())
    router.message.register(group_migrated, Migration(), flags={ANYONE: True})
    from_inline = F.args == FROM_INLINE  # greeted by /start like anyone else
    router.message.register(
        deep_link, CommandStart(deep_link=True, magic=~from_inline), PrivateChat()
    )
    router.message.register(new_in_group, Command("new"), GroupChat())
    router.message.register(name_replied, Team.name, PlainText(), AnswersPrompt(), GroupChat())
    router.message.register(private_only, Command("continue", "settings"), GroupChat())
    return router
