"""Scripted users and groups: they act through real updates and see what the bot sent."""

# Every action takes ``timeout=`` (seconds to wait for the bot) as part of the public API.
# ruff: noqa: ASYNC109

from __future__ import annotations

import base64
import copy
import mimetypes
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .media import make_png
from .models import (
    BotMessage,
    CallbackRecord,
    CallbackResult,
    ChatRecord,
    InlineQueryRecord,
    UserRecord,
)
from .text import find_bot_commands

if TYPE_CHECKING:
    from .server import BotAPIEmulator

__all__ = ["BotMessage", "CallbackResult", "Group", "ScriptedUser"]


def _visible(chat: ChatRecord) -> list[BotMessage]:
    messages = sorted(chat.bot_messages.values(), key=lambda m: m.message_id)
    return [m.snapshot() for m in messages if not m.deleted]


def _last(chat: ChatRecord, where: str) -> BotMessage:
    shown = [m for m in chat.bot_messages.values() if not m.deleted]
    if not shown:
        raise AssertionError(f"the bot has sent no message to {where}")
    return max(shown, key=lambda m: m.message_id).snapshot()


class Group:
    """A group or supergroup chat with scripted members."""

    def __init__(self, emulator: BotAPIEmulator, record: ChatRecord) -> None:
        self._emulator = emulator
        self.record = record  # replaced by the supergroup's record after migrate_group()

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def title(self) -> str:
        return self.record.title or ""

    @property
    def type(self) -> str:
        return self.record.type

    @property
    def members(self) -> list[ScriptedUser]:
        return [self._emulator.scripted_user(user_id) for user_id in self.record.member_ids]

    @property
    def messages(self) -> list[BotMessage]:
        """The bot's messages in the group, current state, deleted ones left out."""
        return _visible(self.record)

    @property
    def last(self) -> BotMessage:
        return _last(self.record, f"group {self.id}")

    def add_member(self, user: ScriptedUser) -> None:
        if user.id not in self.record.member_ids:
            self.record.member_ids.append(user.id)

    def let_read(self, user: ScriptedUser) -> None:
        """``user`` sees the group and writes there without being a member (a public
        supergroup open to comments; a former member's app still showing it)."""
        self.record.readers.add(user.id)

    def require_member(self, user: ScriptedUser) -> None:
        if user.id not in self.record.member_ids and user.id not in self.record.readers:
            raise AssertionError(f"{user.first_name} ({user.id}) is not a member of {self.id}")


class ScriptedUser:
    """A Telegram user who talks to the bot in a private chat and in groups."""

    def __init__(self, emulator: BotAPIEmulator, record: UserRecord) -> None:
        self._emulator = emulator
        self._world = emulator.world
        self.record = record

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def first_name(self) -> str:
        return self.record.first_name

    @property
    def username(self) -> str | None:
        return self.record.username

    @property
    def language_code(self) -> str | None:
        return self.record.language_code

    @property
    def blocked(self) -> bool:
        return self.record.blocked

    @property
    def chat(self) -> ChatRecord:
        return self._world.chats[self.id]

    @property
    def messages(self) -> list[BotMessage]:
        """The bot's messages in the private chat, current state, deleted ones left out."""
        return _visible(self.chat)

    @property
    def last(self) -> BotMessage:
        return _last(self.chat, f"{self.first_name}'s private chat")

    @property
    def keyboard(self) -> list[list[str]] | None:
        """The reply keyboard currently shown in the private chat, as rows of texts."""
        markup = self.chat.reply_keyboard
        if markup is None:
            return None
        rows = markup.get("keyboard") or []
        return [[b["text"] if isinstance(b, dict) else str(b) for b in row] for row in rows]

    def __repr__(self) -> str:
        return f"<ScriptedUser {self.id} {self.first_name!r}>"

    # --- sending ------------------------------------------------------------------------------

    def _record(self, chat: Group | None) -> ChatRecord:
        if chat is None:
            if self.blocked:
                raise AssertionError(f"{self.first_name} blocked the bot; unblock_bot() first")
            return self.chat
        chat.require_member(self)
        return chat.record

    def _bot_sees(self, chat: ChatRecord, text: str, reply_to_bot: bool) -> bool:
        """Group privacy mode: without admin rights a bot only gets commands, mentions and
        replies to its own messages."""
        if not chat.bot_is_member:
            return False
        world = self._world
        if chat.type == "private" or not world.group_privacy or chat.bot_status == "administrator":
            return True
        words = text.split(maxsplit=1)
        if reply_to_bot or f"@{world.bot_username}".lower() in text.lower():
            return True
        if words and words[0].startswith("/"):
            target = words[0].partition("@")[2]
            return not target or target.lower() == world.bot_username.lower()
        return False

    async def _post(
        self,
        chat: Group | None,
        fields: dict[str, Any],
        description: str,
        reply_to: BotMessage | int | None,
        timeout: float | None,
    ) -> list[BotMessage]:
        record = self._record(chat)
        reply_to_bot = False
        if reply_to is not None:
            reply_id = reply_to if isinstance(reply_to, int) else reply_to.message_id
            replied = self._world.message_by_id(record, reply_id)
            if replied is None:
                raise AssertionError(f"message {reply_id} does not exist in chat {record.id}")
            fields["reply_to_message"] = replied
            reply_to_bot = replied.get("from", {}).get("id") == self._world.bot_id
        text = str(fields.get("text") or fields.get("caption") or "")
        if not self._bot_sees(record, text, reply_to_bot):
            self._world.user_message(record, self.id, fields)
            return []
        pending = self._emulator._enqueue_user_message(record, self.id, fields, description)
        await self._emulator._wait(pending, timeout)
        return self._world.results_since(record, pending.start_seq)

    async def send(
        self,
        text: str,
        *,
        chat: Group | None = None,
        reply_to: BotMessage | int | None = None,
        timeout: float | None = None,
    ) -> list[BotMessage]:
        """Send a text message; return the bot messages sent or edited in that chat as a
        result, once the bot has handled it."""
        if not text.strip():
            raise ValueError("Telegram clients can't send an empty message")
        fields: dict[str, Any] = {"text": text}
        if entities := find_bot_commands(text):
            fields["entities"] = entities
        return await self._post(chat, fields, f"message {text!r}", reply_to, timeout)

    async def send_many(
        self, texts: Sequence[str], *, chat: Group | None = None, timeout: float | None = None
    ) -> list[BotMessage]:
        """Send several text messages at once, as a batch of forwarded messages arrives: all
        are queued before the bot fetches any (getUpdates hands out up to 100 at a time).
        Return the bot messages sent or edited in that chat once it has handled them all."""
        record = self._record(chat)
        start = self._world.seq
        pending = []
        for text in texts:
            if not text.strip():
                raise ValueError("Telegram clients can't send an empty message")
            fields: dict[str, Any] = {"text": text}
            if entities := find_bot_commands(text):
                fields["entities"] = entities
            if not self._bot_sees(record, text, False):
                self._world.user_message(record, self.id, fields)
                continue
            description = f"message {text!r} (in a batch)"
            pending.append(
                self._emulator._enqueue_user_message(record, self.id, fields, description)
            )
        for item in pending:
            await self._emulator._wait(item, timeout)
        return self._world.results_since(record, start)

    def _caption(self, fields: dict[str, Any], caption: str | None) -> dict[str, Any]:
        if caption:
            fields["caption"] = caption
            if entities := find_bot_commands(caption):
                fields["caption_entities"] = entities
        return fields

    async def send_photo(
        self,
        caption: str | None = None,
        *,
        width: int = 640,
        height: int = 480,
        chat: Group | None = None,
        timeout: float | None = None,
    ) -> list[BotMessage]:
        files = self._world.files
        stored = files.add("photo", make_png(width, height), width=width, height=height)
        fields = self._caption({"photo": files.photo_sizes(stored)}, caption)
        return await self._post(chat, fields, "photo", None, timeout)

    async def send_document(
        self,
        file_name: str = "document.pdf",
        content: bytes | None = None,
        *,
        mime_type: str | None = None,
        caption: str | None = None,
        chat: Group | None = None,
        reply_to: BotMessage | int | None = None,
        timeout: float | None = None,
    ) -> list[BotMessage]:
        """Send a file; the bot can download `content` through getFile and the file URL."""
        files = self._world.files
        mime = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        data = content if content is not None else b"%PDF-1.4\n%emulated document\n"
        stored = files.add("document", data, file_name=file_name, mime_type=mime)
        fields = self._caption({"document": files.document_json(stored)}, caption)
        return await self._post(chat, fields, f"document {file_name!r}", reply_to, timeout)

    async def send_voice(
        self, duration: int = 3, *, chat: Group | None = None, timeout: float | None = None
    ) -> list[BotMessage]:
        stored = self._world.files.add(
            "voice", b"OggS" + bytes(60), mime_type="audio/ogg", duration=duration
        )
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": stored.size,
        }
        return await self._post(chat, {"voice": voice}, "voice", None, timeout)

    async def edit_message(
        self,
        message_id: int,
        text: str,
        *,
        chat: Group | None = None,
        timeout: float | None = None,
    ) -> list[BotMessage]:
        """Edit one of the user's own text messages (an edited_message update)."""
        record = self._record(chat)
        original = record.user_messages.get(message_id)
        if original is None or original["from"]["id"] != self.id or "text" not in original:
            raise AssertionError(f"{self.first_name} has no text message {message_id} there")
        edited = {k: v for k, v in original.items() if k != "entities"}
        edited.update(text=text, edit_date=int(time.time()))
        if entities := find_bot_commands(text):
            edited["entities"] = entities
        record.user_messages[message_id] = edited
        if not self._bot_sees(record, text, False):
            return []
        description = f"edited_message {message_id} -> {text!r}"
        pending = self._emulator._enqueue("edited_message", edited, record, description)
        await self._emulator._wait(pending, timeout)
        return self._world.results_since(record, pending.start_seq)

    # --- buttons and queries ----------------------------------------------------------------

    async def press(
        self,
        text: str,
        *,
        message: BotMessage | None = None,
        chat: Group | None = None,
        timeout: float | None = None,
    ) -> CallbackResult:
        """Press the inline button with exactly this text on ``message`` or else on the latest
        bot message in the chat that has one."""
        record = self._record(chat)
        if message is None:
            candidates = [m for m in _visible(record) if m.has_inline_keyboard]
            found = [m for m in candidates if text in m.button_texts]
            if not found:
                shown = [m.button_texts for m in candidates[-3:]]
                raise AssertionError(f"no inline button {text!r}; latest keyboards: {shown}")
            target = record.bot_messages[found[-1].message_id]
        else:
            target = self._current(record, message)
        if not target.has_inline_keyboard:
            raise AssertionError(f"message {target.message_id} has no inline keyboard")
        button = target.button(text)
        if "callback_data" not in button:
            kinds = [k for k in button if k != "text"]
            raise AssertionError(f"button {text!r} is a {kinds} button; it sends no callback")
        return await self._callback(record, target, str(button["callback_data"]), timeout)

    async def press_data(
        self,
        message: BotMessage,
        data: str,
        *,
        too_old: bool = False,
        timeout: float | None = None,
    ) -> CallbackResult:
        """A callback query with arbitrary (forged or stale) data on a bot message.

        ``too_old``: the message comes as an InaccessibleMessage (chat and id, date 0), as
        Telegram sends a message the bot can no longer see, such as one older than 48 hours.
        """
        record = self._world.chats[message.chat_id]
        if record.type != "private":
            self.require_member_of(record)
        current = self._current(record, message)
        if too_old:
            shown = {"chat": self._world.chat_json(record), "message_id": current.message_id}
            fields = {
                "message": {**shown, "date": 0},
                "chat_instance": self._world.chat_instance(record),
            }
            return await self._query(record, current.message_id, fields, data, timeout)
        return await self._callback(record, current, data, timeout)

    async def press_inline(self, data: str, *, timeout: float | None = None) -> CallbackResult:
        """A button on a message sent through inline mode (``@bot query`` in some chat): the
        query carries an ``inline_message_id`` instead of a message, so the bot sees no chat.

        The result's messages are those the bot sent to the presser's private chat meanwhile.
        """
        query_number = len(self._world.callbacks) + 1
        inline_message_id = base64.urlsafe_b64encode(f"{self.id}:{query_number}".encode())
        fields = {
            "inline_message_id": inline_message_id.decode(),
            # Where the message was posted is not the bot's business: some chat of the presser's.
            "chat_instance": str(10**19 - self.id),
        }
        return await self._query(None, None, fields, data, timeout)

    def require_member_of(self, record: ChatRecord) -> None:
        if self.id not in record.member_ids and self.id not in record.readers:
            raise AssertionError(f"{self.first_name} is not a member of {record.id}")

    def _current(self, record: ChatRecord, message: BotMessage) -> BotMessage:
        current = record.bot_messages.get(message.message_id)
        if current is None or current.deleted:
            raise AssertionError(f"message {message.message_id} no longer exists")
        return current

    async def _callback(
        self, record: ChatRecord, message: BotMessage, data: str, timeout: float | None
    ) -> CallbackResult:
        fields = {
            "message": self._world.message_json(record, message),
            "chat_instance": self._world.chat_instance(record),
        }
        return await self._query(record, message.message_id, fields, data, timeout)

    async def _query(
        self,
        record: ChatRecord | None,
        message_id: int | None,
        fields: dict[str, Any],
        data: str,
        timeout: float | None,
    ) -> CallbackResult:
        """Send a callback query whose ``fields`` say where the button is (a message, or an
        inline message in a chat the bot is not told about); wait until it is answered."""
        world = self._world
        query_id = world.new_query_id()
        inline_message_id = fields.get("inline_message_id")
        world.callbacks[query_id] = CallbackRecord(
            query_id,
            self.id,
            record.id if record else None,
            message_id,
            data,
            inline_message_id=inline_message_id,
        )
        payload = {
            "id": query_id,
            "from": self.record.to_json(),
            **fields,
            "data": data,
        }
        where = (
            f"on message {message_id} in {record.id}"
            if record
            else f"on inline message {inline_message_id}"
        )
        description = f"callback_query {data!r} {where}"
        pending = self._emulator._enqueue("callback_query", payload, record, description)
        await self._emulator._wait(pending, timeout, lambda: world.callbacks[query_id].answered)
        answer = world.callbacks[query_id]
        return CallbackResult(
            answered=answer.answered,
            text=answer.text,
            show_alert=answer.show_alert,
            messages=world.results_since(record or self.chat, pending.start_seq),
            url=answer.url,
            query_id=query_id,
        )

    async def inline_query(
        self, query: str, *, offset: str = "", timeout: float | None = None
    ) -> list[dict[str, Any]]:
        """Type ``@bot query``; return the results the bot answered with ([] if none)."""
        world = self._world
        if not world.supports_inline_queries:
            return []
        query_id = world.new_query_id()
        world.inline_queries[query_id] = InlineQueryRecord(query_id, self.id, query, offset)
        payload = {
            "id": query_id,
            "from": self.record.to_json(),
            "query": query,
            "offset": offset,
            "chat_type": "sender",
        }
        pending = self._emulator._enqueue("inline_query", payload, None, f"inline {query!r}")
        await self._emulator._wait(pending, timeout)
        return copy.deepcopy(world.inline_queries[query_id].results)

    # --- blocking ---------------------------------------------------------------------------

    async def block_bot(self, *, timeout: float | None = None) -> None:
        """Block the bot: a my_chat_member update (member -> kicked); sends then get 403."""
        self.record.blocked = True
        pending = self._emulator._enqueue_member_update(self.chat, self.id, "member", "kicked")
        await self._emulator._wait(pending, timeout)

    async def unblock_bot(self, *, timeout: float | None = None) -> None:
        self.record.blocked = False
        pending = self._emulator._enqueue_member_update(self.chat, self.id, "kicked", "member")
        await self._emulator._wait(pending, timeout)
