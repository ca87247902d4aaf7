"""A team's longlist in a group: adding partners there, assessing them in private chats."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import ChatMemberUpdated, Message

from bot.access import MEMBER_STATUSES, Access, Need
from bot.dialog.board import Boards
from bot.dialog.cards import Cards
from bot.dialog.flow import Flow
from bot.dialog.screen import Screen
from bot.handlers.sharing import FROM_INLINE
from bot.render import keyboards, messages
from bot.render.texts import T
from bot.services.interview import Assessments
from bot.services.longlist import Longlist
from bot.services.names import clean_name
from bot.telegram.commands import set_chat_menu
from bot.telegram.filters import AnswersPrompt, GroupChat, Migration, PlainText, PrivateChat
from bot.telegram.guard import ANYONE
from bot.telegram.states import GroupPrompt
from storage.db import Database
from storage.models import User, Workspace


async def bot_status_changed(event: ChatMemberUpdated, t: T, access: Access, bot: Bot) -> None:
    """Say in three lines how a team uses the bot, once, when it joins the group, and give the
    group its command menu: both in the group's language (whoever added the bot's, or the one
    the group had before if the bot comes back). Joining or leaving, what was known of the
    group's members is asked again."""
    access.forget_chat(event.chat.id)
    joined = event.new_chat_member.status in MEMBER_STATUSES
    if joined and event.old_chat_member.status not in MEMBER_STATUSES:
        await event.answer(t("team.welcome"))
        await set_chat_menu(bot, event.chat.id, t, group=True)


async def new_in_group(
    message: Message,
    command: CommandObject,
    t: T,
    user: User,
    workspace: Workspace,
    screen: Screen,
    cards: Cards,
    longlist: Longlist,
    boards: Boards,
) -> None:
    """/new Acme in a group puts Acme on the team's list; the questions come in private."""
    if command.args:
        await add_partner(message, command.args, t, user, workspace, screen, cards, longlist)
        await boards.touch(workspace.id)
    else:
        await screen.ask_reply(message, GroupPrompt.name, t("team.ask_name"))


async def name_replied(
    message: Message,
    t: T,
    user: User,
    workspace: Workspace,
    screen: Screen,
    cards: Cards,
    longlist: Longlist,
    boards: Boards,
) -> None:
    typed = message.text or ""
    await add_partner(message, typed, t, user, workspace, screen, cards, longlist)
    await boards.touch(workspace.id)


async def add_partner(
    message: Message,
    typed: str,
    t: T,
    user: User,
    workspace: Workspace,
    screen: Screen,
    cards: Cards,
    longlist: Longlist,
) -> None:
    name = clean_name(typed)
    if name is None:
        await screen.ask_reply(message, GroupPrompt.name, messages.bad_name(t))
        return
    await screen.clear()
    partner, created = await longlist.add(workspace, user, name)
    url = await cards.assess_url(message.bot, partner)
    text = t("team.added" if created else "team.exists", name=partner.name)
    await message.answer(text, reply_markup=keyboards.assess(t, url) if url else None)


async def deep_link(
    message: Message,
    command: CommandObject,
    t: T,
    user: User,
    flow: Flow,
    assessments: Assessments,
    access: Access,
) -> None:
    """A team member's "Assess in a private chat": their own interview of the team's partner."""
    found = await assessments.invitation(command.args or "")
    if found is None or message.bot is None:
        await message.answer(t("team.bad_link"))
        return
    partner, home = found
    if not await access.allows(message.bot, user.id, home, Need.MEMBER, partner):
        # A group's link says whose it is; someone else's private list stays unnamed.
        text = t("team.not_member", team=home.title) if home.kind == "group" else None
        await message.answer(text or t("team.bad_link"))
        return
    await flow.join(message, partner, home)


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
    router.message.register(
        name_replied, GroupPrompt.name, PlainText(), AnswersPrompt(), GroupChat()
    )
    router.message.register(private_only, Command("continue", "todo"), GroupChat())
    return router
