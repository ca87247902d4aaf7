"""The emulated Telegram world: users, chats, the bot's messages, files and updates."""

from __future__ import annotations

import copy
import itertools
import time
from typing import Any

from .media import FileStore
from .models import (
    BotMessage,
    CallbackRecord,
    ChatRecord,
    InlineQueryRecord,
    UserRecord,
    bad_request,
    forbidden,
)
from .params import Params
from .updates import UpdateQueue

__all__ = ["World"]

JSON = dict[str, Any]
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)


def _inline(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    return markup if markup is not None and "inline_keyboard" in markup else None


class World:
    def __init__(
        self,
        token: str,
        bot_id: int,
        bot_username: str,
        bot_first_name: str,
        *,
        group_privacy: bool,
        supports_inline_queries: bool,
        callback_timeout: float,
    ) -> None:
        self.token = token
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.group_privacy = group_privacy
        self.supports_inline_queries = supports_inline_queries
        self.callback_timeout = callback_timeout
        self.users: dict[int, UserRecord] = {}
        self.chats: dict[int, ChatRecord] = {}
        self.files = FileStore()
        self.queue = UpdateQueue()
        self.callbacks: dict[str, CallbackRecord] = {}
        self.inline_queries: dict[str, InlineQueryRecord] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.command_scopes: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.menu_buttons: dict[int | None, JSON] = {}
        self.bot_texts: dict[tuple[str, str], str] = {}
        self.seq = 0
        self._ids = itertools.count(4_382_000_000_000_000_001, 7_919)

    # --- JSON -----------------------------------------------------------------------------

    def bot_json(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def user_json(self, user_id: int) -> JSON:
        user = self.users.get(user_id)
        if user is None:
            return {"id": user_id, "is_bot": False, "first_name": ""}
        return user.to_json()

    def chat_json(self, chat: ChatRecord) -> JSON:
        if chat.type == "private":
            data = self.user_json(chat.id)
            data.pop("is_bot", None)
            data.pop("language_code", None)
            return {
                "id": chat.id,
                "type": "private",
                **{k: v for k, v in data.items() if k != "id"},
            }
        return {"id": chat.id, "type": chat.type, "title": chat.title or ""}

    def chat_instance(self, chat: ChatRecord) -> str:
        return str((abs(chat.id) * 2_654_435_761 + self.bot_id) % 10**19)

    def new_query_id(self) -> str:
        return str(next(self._ids))

    def message_json(self, chat: ChatRecord, message: BotMessage, *, nested: bool = True) -> JSON:
        data: JSON = {
            "message_id": message.message_id,
            "from": self.bot_json(),
            "chat": self.chat_json(chat),
            "date": message.date,
        }
        if message.kind == "text":
            data["text"] = message.text
            if message.entities:
                data["entities"] = copy.deepcopy(message.entities)
        else:
            data.update(copy.deepcopy(message.media))
            if message.text:
                data["caption"] = message.text
                if message.entities:
                    data["caption_entities"] = copy.deepcopy(message.entities)
        if message.edit_date is not None:
            data["edit_date"] = message.edit_date
        if nested and message.reply_to_message_id is not None:
            replied = self.message_by_id(chat, message.reply_to_message_id)
            if replied is not None:
                data["reply_to_message"] = replied
        markup = _inline(message.reply_markup)
        if markup is not None:
            data["reply_markup"] = copy.deepcopy(markup)
        return data

    def message_by_id(self, chat: ChatRecord, message_id: int) -> JSON | None:
        if message_id in chat.user_messages:
            return copy.deepcopy(chat.user_messages[message_id])
        message = chat.bot_messages.get(message_id)
        if message is None or message.deleted:
            return None
        return self.message_json(chat, message, nested=False)

    def user_message(self, chat: ChatRecord, user_id: int, fields: JSON) -> JSON:
        """Store a message a user sent to the chat and return its JSON."""
        message: JSON = {
            "message_id": chat.alloc_message_id(),
            "from": self.user_json(user_id),
            "chat": self.chat_json(chat),
            "date": int(time.time()),
            **fields,
        }
        chat.user_messages[message["message_id"]] = message
        if chat.type == "private" and user_id in self.users:
            self.users[user_id].started = True
        return message

    # --- chats ----------------------------------------------------------------------------

    def resolve_chat(self, chat_id: int | str | None) -> ChatRecord:
        if isinstance(chat_id, str):
            raise bad_request("chat not found")  # no public usernames for our chats
        chat = self.chats.get(chat_id) if chat_id is not None else None
        if chat is None:
            raise bad_request("chat not found")
        if chat.migrated_to is not None:
            raise bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        return chat

    def check_can_send(self, chat: ChatRecord) -> None:
        if chat.type == "private":
            user = self.users[chat.id]
            if user.blocked:
                raise forbidden("bot was blocked by the user")
            if not user.started:
                raise forbidden("bot can't initiate conversation with a user")
            return
        kind = "supergroup" if chat.type == "supergroup" else "group"
        if chat.bot_status == "kicked":
            raise forbidden(f"bot was kicked from the {kind} chat")
        if chat.bot_status == "left":
            raise forbidden(f"bot is not a member of the {kind} chat")

    def reply_target(self, chat: ChatRecord, params: Params) -> int | None:
        reply = params.get_json("reply_parameters")
        if reply is not None:
            if not isinstance(reply, dict) or not isinstance(reply.get("message_id"), int):
                raise bad_request("can't parse reply parameters JSON object")
            message_id: int | None = reply["message_id"]
            allow = bool(reply.get("allow_sending_without_reply"))
            if reply.get("chat_id") not in (None, chat.id):
                chat = self.resolve_chat(reply["chat_id"])
        else:
            message_id = params.get_int("reply_to_message_id")
            allow = params.get_bool("allow_sending_without_reply")
        if message_id is None:
            return None
        if self.message_by_id(chat, message_id) is None:
            if allow:
                return None
            raise bad_request("message to be replied not found")
        return message_id

    # --- the bot's messages ---------------------------------------------------------------

    def touch(self, chat: ChatRecord, message_id: int) -> None:
        self.seq += 1
        chat.touches.append((self.seq, message_id))

    def add_bot_message(self, chat: ChatRecord, message: BotMessage) -> BotMessage:
        chat.bot_messages[message.message_id] = message
        if message.reply_markup is not None:
            if "keyboard" in message.reply_markup:
                chat.reply_keyboard = message.reply_markup
            elif "remove_keyboard" in message.reply_markup:
                chat.reply_keyboard = None
        self.touch(chat, message.message_id)
        return message

    def editable_message(self, chat: ChatRecord, message_id: int) -> BotMessage:
        message = chat.bot_messages.get(message_id)
        if message is None or message.deleted:
            if message_id in chat.user_messages:
                raise bad_request("message can't be edited")
            raise bad_request("message to edit not found")
        return message

    def apply_edit(
        self,
        chat: ChatRecord,
        message: BotMessage,
        *,
        html: str,
        text: str,
        entities: list[dict[str, Any]],
        markup: dict[str, Any] | None,
        parse_mode: str | None,
    ) -> BotMessage:
        if (
            text == message.text
            and entities == message.entities
            and markup == _inline(message.reply_markup)
        ):
            raise bad_request(NOT_MODIFIED)
        if text != message.text:
            message.edits.append(message.text)
        message.html, message.text, message.entities = html, text, entities
        message.parse_mode = parse_mode
        if markup is not None or _inline(message.reply_markup) is not None:
            message.reply_markup = markup
        message.edit_date = int(time.time())
        message.edit_count += 1
        self.touch(chat, message.message_id)
        return message

    def results_since(self, chat: ChatRecord | None, seq: int) -> list[BotMessage]:
        """Bot messages sent or edited in the chat after ``seq``, in first-touch order."""
        if chat is None:
            return []
        seen: dict[int, None] = {}
        for touched_seq, message_id in chat.touches:
            if touched_seq > seq:
                seen.setdefault(message_id)
        return [chat.bot_messages[m].snapshot() for m in seen if m in chat.bot_messages]

    def fill_mentions(self, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for entity in entities:
            if entity["type"] == "text_mention":
                entity["user"] = self.user_json(int(entity["user"]["id"]))
        return entities

    def check_callback(self, query_id: str) -> CallbackRecord:
        record = self.callbacks.get(query_id)
        too_old = record is not None and (
            time.monotonic() - record.created > self.callback_timeout
        )
        if record is None or record.answered or too_old:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        return record

    def member_status(self, chat: ChatRecord, user_id: int) -> str:
        if user_id == self.bot_id:
            return "member" if chat.type == "private" else chat.bot_status
        if chat.type == "private":
            if user_id != chat.id:
                raise bad_request("user not found")
            return "member"
        if user_id not in self.users:
            raise bad_request("user not found")
        if user_id not in chat.member_ids:
            return "left"
        if user_id == chat.creator_id:
            return "creator"
        return "administrator" if user_id in chat.admin_ids else "member"

    def member_json(self, chat: ChatRecord, user_id: int) -> JSON:
        status = self.member_status(chat, user_id)
        user = self.bot_json() if user_id == self.bot_id else self.user_json(user_id)
        data: JSON = {"status": status, "user": user}
        if status == "creator":
            data["is_anonymous"] = False
        elif status == "administrator":
            data.update(administrator_rights(can_be_edited=user_id == self.bot_id))
        elif status == "kicked":
            data["until_date"] = 0
        return data


def administrator_rights(*, can_be_edited: bool) -> JSON:
    rights = dict.fromkeys(
        (
            "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
            "can_restrict_members", "can_promote_members", "can_change_info",
            "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories",
            "can_send_welcome_messages", "can_pin_messages", "can_manage_topics",
        ),
        True,
    )  # fmt: skip
    rights.update(is_anonymous=False, can_be_edited=can_be_edited, can_promote_members=False)
    return rights
