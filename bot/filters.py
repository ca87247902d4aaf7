"""Async filters: aiogram runs sync filters and magic-filter lambdas in a thread."""

from __future__ import annotations

from typing import Any

from aiogram.enums import ChatType
from aiogram.filters import Filter
from aiogram.types import ChatMemberUpdated, Message


class PlainText(Filter):
    """A text message that is not a command."""

    async def __call__(self, message: Message) -> bool:
        return message.text is not None and not message.text.startswith("/")


class Attachment(Filter):
    """A photo, document or voice message; passes its kind, file id and caption on."""

    async def __call__(self, message: Message) -> bool | dict[str, Any]:
        if message.photo:
            kind, file_id, body = "photo", message.photo[-1].file_id, message.caption or ""
        elif message.document:
            doc = message.document
            kind, file_id = "document", doc.file_id
            body = " · ".join(part for part in (doc.file_name, message.caption) if part)
        elif message.voice:
            kind, file_id, body = "voice", message.voice.file_id, message.caption or ""
        else:
            return False
        return {"attachment": (kind, file_id, body)}


class PrivateChat(Filter):
    """A change of the bot's membership in a private chat (blocked or unblocked)."""

    async def __call__(self, event: ChatMemberUpdated) -> bool:
        return event.chat.type == ChatType.PRIVATE
