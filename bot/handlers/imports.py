"""A longlist in one go: several lines, or a .csv, .xlsx or .txt file, one partner a line.

Sent with /new, or in answer to "what is the partner called?" (a reply in a group). One
summary answers it all; a single line is left to the interview (private) or the team's list
(group), as before.
"""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.types import Document, Message
from aiohttp import ClientError

from bot.access import Access, Need, Role, permits
from bot.dialog.board import Boards
from bot.dialog.cards import Cards
from bot.dialog.screen import Screen
from bot.render import imports as render
from bot.render.texts import T
from bot.services import imports
from bot.services.assignments import Assignments
from bot.services.longlist import Longlist
from bot.services.model import Assigned
from bot.telegram.filters import (
    AnswersPrompt,
    GroupChat,
    HasDocument,
    PlainText,
    PrivateChat,
    SeveralLines,
)
from bot.telegram.states import GroupPrompt, Interview, Prompt
from storage.models import User, Workspace

log = logging.getLogger(__name__)


async def lines_pasted(
    message: Message,
    pasted: str,
    t: T,
    user: User,
    workspace: Workspace,
    screen: Screen,
    cards: Cards,
    longlist: Longlist,
    access: Access,
    assignments: Assignments,
    boards: Boards,
) -> None:
    """Several lines: a partner each, without starting anyone's questions."""
    read = imports.from_text(pasted)
    await add(message, read, t, user, workspace, screen, cards, longlist, access, assignments)
    await boards.touch(workspace.id)  # once for the lot


async def file_sent(
    message: Message,
    document: Document,
    bot: Bot,
    t: T,
    user: User,
    workspace: Workspace,
    screen: Screen,
    cards: Cards,
    longlist: Longlist,
    access: Access,
    assignments: Assignments,
    boards: Boards,
) -> None:
    """A file of partners, checked for its kind and size before it is downloaded."""
    name = document.file_name or ""
    read = imports.check_file(name, document.file_size) or await downloaded(bot, document, name)
    await add(message, read, t, user, workspace, screen, cards, longlist, access, assignments)
    await boards.touch(workspace.id)


async def downloaded(bot: Bot, document: Document, name: str) -> imports.Read:
    try:
        data = await bot.download(document)
    except (TelegramAPIError, ClientError, TimeoutError) as exc:
        log.warning("could not download %r: %s", name, exc)
        return imports.Unreadable("download", name)
    return await imports.read_file(name, data.read() if data else b"")


async def add(
    message: Message,
    read: imports.Read,
    t: T,
    user: User,
    workspace: Workspace,
    screen: Screen,
    cards: Cards,
    longlist: Longlist,
    access: Access,
    assignments: Assignments,
) -> None:
    """One summary for all that was read. What adds nothing at all (a file that will not do)
    gets its reason, and the name prompt, if one is open, stays open for another try."""
    if isinstance(read, imports.Unreadable):
        await message.reply(render.unreadable(t, read))
        return
    if isinstance(await screen.step(), Prompt):
        await screen.clear()
    added = await longlist.add_many(workspace, user, read.entries)
    group = workspace.kind == "group"
    one = group and len(added.new) == 1
    url = await cards.assess_url(message.bot, added.new[0]) if one else None
    assigned = await assign(message, read, user, workspace, access, assignments) if group else None
    await message.answer(
        render.summary(t, read, added, group=group, assigned=assigned),
        reply_markup=render.summary_buttons(t, added, url) if group else None,
    )


async def assign(
    message: Message,
    read: imports.Batch,
    user: User,
    workspace: Workspace,
    access: Access,
    assignments: Assignments,
) -> Assigned:
    """The assessors a group's file names, assigned as /assign would: members at once, the
    people not seen yet once they are; only to partners the sender may assign (a lead: all;
    a member: those they added)."""
    bot = message.bot
    if bot is None or not read.named:
        return Assigned()
    mine = await access.role(bot, user.id, workspace)

    async def member(person: User) -> bool | None:
        role = await access.role(bot, person.id, workspace)
        return None if role is Role.UNKNOWN else role >= Role.MEMBER

    return await assignments.assign_named(
        workspace,
        user,
        read.named,
        member,
        lambda partner: permits(mine, Need.CREATOR_OR_LEAD, user.id, partner),
    )


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only). Before the team's and
    the interview's, which take a single name the same ways."""
    router = Router(name=__name__)
    several, document = SeveralLines(), HasDocument()
    router.message.register(lines_pasted, Command("new"), several)
    router.message.register(lines_pasted, Interview.name, PlainText(), several, PrivateChat())
    router.message.register(
        lines_pasted, GroupPrompt.name, PlainText(), several, AnswersPrompt(), GroupChat()
    )
    router.message.register(file_sent, Command("new"), document)
    router.message.register(file_sent, Interview.name, document, PrivateChat())
    router.message.register(file_sent, GroupPrompt.name, document, AnswersPrompt(), GroupChat())
    return router
