"""Membership: a person blocking or unblocking the bot, someone joining or leaving a group."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import ChatMemberUpdated, Message
from aiogram.types import User as TelegramUser

from bot.access import Access, Role, role_of
from bot.dialog.board import Boards
from bot.telegram.filters import GroupChat, JoinedMembers, LeftMember, PrivateChat
from bot.telegram.guard import ANYONE
from bot.telegram.middlewares import language_of
from storage.db import Database
from storage.models import User


async def private_chat_changed(event: ChatMemberUpdated, user: User, db: Database) -> None:
    """Blocked: send that person nothing (no reminders) until they unblock the bot."""
    blocked = event.new_chat_member.status == "kicked"
    async with db.transaction() as tx:
        await tx.set_blocked(user.id, blocked)


async def member_changed(
    event: ChatMemberUpdated, access: Access, db: Database, boards: Boards
) -> None:
    """Telegram tells an admin bot of every change of anyone's status: it counts at once.
    Someone who joins is seen in the group from now on."""
    member = event.new_chat_member
    role = role_of(member.status, is_member=bool(getattr(member, "is_member", False)))
    access.learn(event.chat.id, member.user.id, role)
    if role >= Role.MEMBER:
        await seen(db, boards, event.chat.id, [member.user])


async def members_joined(message: Message, access: Access, db: Database, boards: Boards) -> None:
    """People added to the group (or joining by its link) are members and seen there now."""
    joined = [person for person in message.new_chat_members or [] if not person.is_bot]
    for person in joined:
        access.learn(message.chat.id, person.id, Role.MEMBER)
    await seen(db, boards, message.chat.id, joined)


async def seen(db: Database, boards: Boards, chat_id: int, people: list[TelegramUser]) -> None:
    """Recorded as seen in the group, and assigned what waited there for their @username (which
    the board then shows)."""
    claimed = 0
    async with db.transaction() as tx:
        workspace = await tx.workspace(chat_id)
        if workspace is None or workspace.kind != "group":
            return
        for person in people:
            await tx.ensure_user(
                person.id, person.first_name, person.username, language_of(person)
            )
            await tx.add_member(workspace.id, person.id)
            if person.username:
                claimed += await tx.claim_pending(workspace.id, person.id, person.username)
    if claimed:
        await boards.touch(workspace.id)


async def member_left(message: Message, access: Access) -> None:
    """Whoever left no longer sees the team's partners, from this moment."""
    if message.left_chat_member:
        access.learn(message.chat.id, message.left_chat_member.id, Role.NONE)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.my_chat_member.register(private_chat_changed, PrivateChat())
    router.chat_member.register(member_changed, GroupChat())
    router.message.register(member_left, LeftMember(), flags={ANYONE: True})
    router.message.register(members_joined, JoinedMembers(), GroupChat())
    return router
