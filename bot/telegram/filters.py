"""Async filters: aiogram runs sync filters and magic-filter lambdas in a thread."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.enums import ChatType
from aiogram.filters import Filter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message

from bot.telegram import states
from bot.telegram.states import Prompt


class OurCommand(Filter):
    """A command for this bot: `/x`, or `/x@ThisBot` (not `/x@AnotherBot` in a shared group)."""

    async def __call__(self, message: Message, bot: Bot) -> bool:
        text = message.text or ""
        if not text.startswith("/"):
            return False
        _, _, mention = text.split(maxsplit=1)[0].partition("@")
        return not mention or mention.lower() == ((await bot.me()).username or "").lower()


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


class SeveralLines(Filter):
    """Text of two or more lines with something on them (after the command, when it starts
    with one): a pasted list. Passes that text on as `pasted`."""

    async def __call__(self, message: Message) -> bool | dict[str, Any]:
        text = message.text or ""
        if text.startswith("/"):
            parts = text.split(maxsplit=1)
            text = parts[1] if len(parts) == 2 else ""
        several = sum(1 for line in text.splitlines() if line.strip()) > 1
        return {"pasted": text} if several else False


class HasDocument(Filter):
    """A message with a file (a document, in Telegram's words); passes it on as `document`."""

    async def __call__(self, message: Message) -> bool | dict[str, Any]:
        return {"document": message.document} if message.document else False


def _chat_type(event: Message | CallbackQuery | ChatMemberUpdated) -> str | None:
    if isinstance(event, CallbackQuery):
        return event.message.chat.type if event.message else None
    return event.chat.type


class PrivateChat(Filter):
    """An event in a private chat with the bot."""

    async def __call__(self, event: Message | CallbackQuery | ChatMemberUpdated) -> bool:
        return _chat_type(event) == ChatType.PRIVATE


class GroupChat(Filter):
    """An event in a group or a supergroup."""

    async def __call__(self, event: Message | CallbackQuery | ChatMemberUpdated) -> bool:
        return _chat_type(event) in {ChatType.GROUP, ChatType.SUPERGROUP}


class Migration(Filter):
    """The service message of a group becoming a supergroup (sent in both chats)."""

    async def __call__(self, message: Message) -> bool:
        return bool(message.migrate_to_chat_id or message.migrate_from_chat_id)


class AnswersPrompt(Filter):
    """In a group, a reply to the bot's own question (the prompt the FSM keeps); in a private
    chat, any message. A group's other replies are not answers."""

    async def __call__(self, message: Message, state: FSMContext) -> bool:
        if message.chat.type == ChatType.PRIVATE:
            return True
        replied, asked = message.reply_to_message, await states.read(state)
        return (
            replied is not None
            and isinstance(asked, Prompt)
            and replied.message_id == asked.prompt
        )


class JoinedMembers(Filter):
    """The service message of people added to a group, or joining it by its link."""

    async def __call__(self, message: Message) -> bool:
        return bool(message.new_chat_members)


class LeftMember(Filter):
    """The service message of someone leaving a group (or being removed from it)."""

    async def __call__(self, message: Message) -> bool:
        return message.left_chat_member is not None
