"""Data the emulator keeps: chats, users, messages the bot sent, recorded calls."""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "APIError",
    "BotMessage",
    "Call",
    "CallbackRecord",
    "CallbackResult",
    "ChatRecord",
    "InlineQueryRecord",
    "StoredFile",
    "UploadedFile",
    "UserRecord",
    "bad_request",
    "forbidden",
]

JSON = dict[str, Any]


class APIError(Exception):
    """An error answer of the Bot API: HTTP status == error_code, as Telegram does."""

    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(message: str, parameters: JSON | None = None) -> APIError:
    return APIError(400, f"Bad Request: {message}", parameters)


def forbidden(message: str) -> APIError:
    return APIError(403, f"Forbidden: {message}")


@dataclass
class Call:
    """One API request the emulator received and how it answered."""

    method: str
    params: dict[str, Any]
    ok: bool
    response: dict[str, Any]
    injected: bool = False
    at: float = 0.0

    @property
    def description(self) -> str | None:
        value = self.response.get("description")
        return value if isinstance(value, str) else None

    def __str__(self) -> str:
        shown = {k: v for k, v in self.params.items() if k not in {"reply_markup", "entities"}}
        outcome = "ok" if self.ok else f"{self.response.get('error_code')} {self.description}"
        return f"{self.method}({shown}) -> {outcome}"


@dataclass
class UploadedFile:
    """A file part of a multipart request."""

    filename: str
    content: bytes
    content_type: str | None = None


@dataclass
class StoredFile:
    """A file Telegram knows by file_id."""

    file_id: str
    file_unique_id: str
    kind: str  # photo | document | voice
    data: bytes | None
    file_name: str | None = None
    mime_type: str | None = None
    width: int = 0
    height: int = 0
    duration: int = 0
    path: str = ""

    @property
    def size(self) -> int:
        return len(self.data) if self.data is not None else 0


@dataclass
class UserRecord:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    started: bool = False
    blocked: bool = False

    def to_json(self) -> JSON:
        data: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass
class BotMessage:
    """A message the bot sent, in its current state (edits applied)."""

    message_id: int
    chat_id: int
    html: str
    text: str
    entities: list[dict[str, Any]]
    reply_markup: dict[str, Any] | None
    date: int
    photo: bytes | None = None
    document: bytes | None = None
    document_name: str | None = None
    edits: list[str] = field(default_factory=list)
    parse_mode: str | None = None
    kind: str = "text"  # text | photo | document
    media: dict[str, Any] = field(default_factory=dict)  # "photo"/"document" JSON
    edit_date: int | None = None
    edit_count: int = 0
    deleted: bool = False
    reply_to_message_id: int | None = None
    pinned: bool = False

    @property
    def buttons(self) -> list[list[dict[str, Any]]]:
        """Rows of buttons (inline keyboard, or reply keyboard with strings as {"text": s})."""
        markup = self.reply_markup or {}
        rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
        return [[b if isinstance(b, dict) else {"text": b} for b in row] for row in rows]

    @property
    def button_texts(self) -> list[str]:
        return [str(button["text"]) for row in self.buttons for button in row]

    @property
    def has_inline_keyboard(self) -> bool:
        return bool(self.reply_markup and "inline_keyboard" in self.reply_markup)

    def button(self, text: str) -> dict[str, Any]:
        """The button with exactly this text."""
        for row in self.buttons:
            for button in row:
                if button.get("text") == text:
                    return button
        raise AssertionError(
            f"message {self.message_id} has no button {text!r}; buttons: {self.button_texts}"
        )

    def snapshot(self) -> BotMessage:
        return copy.deepcopy(self)

    def __repr__(self) -> str:
        flags = " deleted" if self.deleted else ""
        return (
            f"<BotMessage #{self.message_id} in {self.chat_id}{flags}: {self.text[:60]!r} "
            f"buttons={self.button_texts}>"
        )


@dataclass
class ChatRecord:
    id: int
    type: str  # private | group | supergroup
    title: str | None = None
    user_id: int | None = None
    member_ids: list[int] = field(default_factory=list)
    creator_id: int | None = None
    admin_ids: set[int] = field(default_factory=set)
    readers: set[int] = field(default_factory=set)
    """Non-members who still see the chat and write in it: anyone in a public supergroup
    open to comments, or a former member whose app still shows its messages."""
    bot_status: str = "member"  # member | administrator | left | kicked
    migrated_to: int | None = None
    next_message_id: int = 1
    bot_messages: dict[int, BotMessage] = field(default_factory=dict)
    user_messages: dict[int, JSON] = field(default_factory=dict)
    touches: list[tuple[int, int]] = field(default_factory=list)
    reply_keyboard: dict[str, Any] | None = None

    def alloc_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    @property
    def bot_is_member(self) -> bool:
        return self.type == "private" or self.bot_status in {"member", "administrator"}


@dataclass
class CallbackRecord:
    """A callback query sent to the bot; chat and message are None for an inline message's."""

    id: str
    user_id: int
    chat_id: int | None
    message_id: int | None
    data: str
    created: float = field(default_factory=time.monotonic)
    answered: bool = False
    text: str | None = None
    show_alert: bool = False
    url: str | None = None
    inline_message_id: str | None = None


@dataclass
class InlineQueryRecord:
    id: str
    user_id: int
    query: str
    offset: str
    created: float = field(default_factory=time.monotonic)
    answered: bool = False
    results: list[dict[str, Any]] = field(default_factory=list)
    next_offset: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class CallbackResult:
    """What a user saw after pressing an inline button."""

    answered: bool
    text: str | None
    show_alert: bool
    messages: list[BotMessage]
    url: str | None = None
    query_id: str = ""
