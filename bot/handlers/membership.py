"""The bot's own membership in chats: a person blocking or unblocking it."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import ChatMemberUpdated

from bot.filters import PrivateChat
from storage.db import Database
from storage.models import User


async def private_chat_changed(event: ChatMemberUpdated, user: User, db: Database) -> None:
    """Blocked: send that person nothing (no reminders) until they unblock the bot."""
    blocked = event.new_chat_member.status == "kicked"
    async with db.transaction() as tx:
        await tx.set_blocked(user.id, blocked)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.my_chat_member.register(private_chat_changed, PrivateChat())
    return router
