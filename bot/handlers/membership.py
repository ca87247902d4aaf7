"""Membership: a person blocking or unblocking the bot, someone leaving a team's group."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import ChatMemberUpdated, Message

from bot.filters import GroupChat, PrivateChat
from bot.teamwork import Membership
from storage.db import Database
from storage.models import User


async def private_chat_changed(event: ChatMemberUpdated, user: User, db: Database) -> None:
    """Blocked: send that person nothing (no reminders) until they unblock the bot."""
    blocked = event.new_chat_member.status == "kicked"
    async with db.transaction() as tx:
        await tx.set_blocked(user.id, blocked)


async def member_left(message: Message, membership: Membership) -> None:
    """Whoever left no longer sees the team's partners, from this moment."""
    if message.left_chat_member:
        membership.forget(message.chat.id, message.left_chat_member.id)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.my_chat_member.register(private_chat_changed, PrivateChat())
    router.message.register(member_left, F.left_chat_member, GroupChat())
    return router
