"""Membership: a person blocking or unblocking the bot, someone joining or leaving a group."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import ChatMemberUpdated, Message

from bot.access import Access, Role, role_of
from bot.telegram.filters import GroupChat, LeftMember, PrivateChat
from bot.telegram.guard import ANYONE
from storage.db import Database
from storage.models import User


async def private_chat_changed(event: ChatMemberUpdated, user: User, db: Database) -> None:
    """Blocked: send that person nothing (no reminders) until they unblock the bot."""
    blocked = event.new_chat_member.status == "kicked"
    async with db.transaction() as tx:
        await tx.set_blocked(user.id, blocked)


async def member_changed(event: ChatMemberUpdated, access: Access) -> None:
    """Telegram tells an admin bot of every change of anyone's status: it counts at once."""
    member = event.new_chat_member
    role = role_of(member.status, is_member=bool(getattr(member, "is_member", False)))
    access.learn(event.chat.id, member.user.id, role)


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
    return router
