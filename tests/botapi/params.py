"""Decoding Bot API request parameters the way Telegram does.

aiogram sends form fields: strings as they are, numbers as their JSON text, booleans as
"true"/"false", and objects/arrays (reply_markup, entities, commands, ...) JSON-encoded; files
as multipart parts referenced by "attach://<name>".  Requests may also be JSON bodies or a
query string.  Every value is converted to the type the parameter has in the Bot API.
"""

from __future__ import annotations

import json
import re
from typing import Any

from aiohttp import web

from .models import APIError, UploadedFile, bad_request

__all__ = ["Params", "read_params"]

JSON_FIELDS = frozenset(
    {
        "reply_markup", "entities", "caption_entities", "commands", "scope", "allowed_updates",
        "link_preview_options", "reply_parameters", "results", "menu_button", "button",
        "media", "options", "explanation_entities", "permissions", "rights", "reaction",
        "message_ids", "input_message_content", "prices", "suggested_post_parameters",
    }
)  # fmt: skip
INT_FIELDS = frozenset(
    {
        "chat_id", "message_id", "user_id", "offset", "limit", "timeout", "cache_time",
        "from_chat_id", "message_thread_id", "reply_to_message_id", "duration", "width",
        "height", "until_date", "max_connections", "sender_chat_id", "direct_messages_topic_id",
    }
)  # fmt: skip
BOOL_FIELDS = frozenset(
    {
        "disable_notification", "protect_content", "show_alert", "is_personal",
        "disable_web_page_preview", "allow_sending_without_reply", "has_spoiler",
        "show_caption_above_media", "disable_content_type_detection", "drop_pending_updates",
        "revoke_messages", "only_if_banned", "allow_paid_broadcast", "supports_streaming",
        "for_channels", "remove_caption",
    }
)  # fmt: skip
_INT = re.compile(r"^[+-]?\d{1,19}$")
_TRUE = frozenset({"true", "1"})
_FALSE = frozenset({"false", "0"})
MAX_BODY = 50 * 1024 * 1024


class _BadJSON:
    def __init__(self, raw: str) -> None:
        self.raw = raw


def _convert(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if name in JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            return _BadJSON(value)
    if name in INT_FIELDS and _INT.match(value.strip()):
        return int(value)
    if name in BOOL_FIELDS and value.lower() in _TRUE | _FALSE:
        return value.lower() in _TRUE
    return value


class Params:
    """The parameters of one request, with typed accessors raising Telegram's errors."""

    def __init__(self, raw: dict[str, Any], files: dict[str, UploadedFile]) -> None:
        self.values = {name: _convert(name, value) for name, value in raw.items()}
        self.files = files

    def recorded(self) -> dict[str, Any]:
        """The parameters as recorded in Call.params (uploads as UploadedFile objects)."""
        result: dict[str, Any] = {}
        for name, value in self.values.items():
            if isinstance(value, _BadJSON):
                value = value.raw
            elif isinstance(value, str) and value.startswith("attach://"):
                value = self.files.get(value[len("attach://") :], value)
            result[name] = value
        return result

    def has(self, name: str) -> bool:
        return self.values.get(name) not in (None, "")

    def get_str(self, name: str, *, required: bool = False) -> str | None:
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return None if value is None else ""
        if isinstance(value, bool | dict | list | _BadJSON):
            raise bad_request(f'field "{name}" must be of type String')
        return str(value)

    def require_str(self, name: str) -> str:
        value = self.get_str(name, required=True)
        assert value is not None
        return value

    def get_int(self, name: str, *, required: bool = False) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                return int(value)
            raise bad_request(f'field "{name}" must be of type Integer')
        return value

    def require_int(self, name: str) -> int:
        value = self.get_int(name, required=True)
        assert value is not None
        return value

    def get_bool(self, name: str) -> bool:
        value = self.values.get(name)
        if value is None or value == "":
            return False
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        raise bad_request(f'field "{name}" must be of type Boolean')

    def get_json(self, name: str) -> Any:
        value = self.values.get(name)
        if isinstance(value, _BadJSON):
            what = "reply keyboard markup" if name == "reply_markup" else name
            raise bad_request(f"can't parse {what} JSON object")
        return value

    def chat_id(self, name: str = "chat_id", *, required: bool = True) -> int | str | None:
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return None
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise bad_request(f'field "{name}" must be of type Integer or String')
        return value

    def input_file(self, name: str) -> UploadedFile | str | None:
        """An uploaded file ("attach://..." or a part named like the field) or a string."""
        value = self.values.get(name)
        if isinstance(value, UploadedFile):
            return value
        if value is None or value == "":
            return self.files.get(name)
        if not isinstance(value, str):
            raise bad_request(f'field "{name}" must be of type String or InputFile')
        if value.startswith("attach://"):
            upload = self.files.get(value[len("attach://") :])
            if upload is None:
                raise bad_request(f"file {value} not found in the request")
            return upload
        return value

    def media_file(self, value: Any) -> UploadedFile | str | None:
        """The file of one album item (its "media": a file id, a URL or "attach://name")."""
        if not isinstance(value, str):
            raise bad_request("can't parse InputMedia: media must be a String")
        if value.startswith("attach://"):
            upload = self.files.get(value[len("attach://") :])
            if upload is None:
                raise bad_request(f"file {value} not found in the request")
            return upload
        return value


async def read_params(request: web.Request) -> Params:
    """Read GET query, urlencoded, multipart or JSON bodies into Params."""
    raw: dict[str, Any] = dict(request.query)
    files: dict[str, UploadedFile] = {}
    if request.method == "POST" and request.can_read_body:
        content_type = request.content_type
        if content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON encoded request body") from None
            if not isinstance(body, dict):
                raise bad_request("JSON object expected as request body")
            raw.update(body)
        else:
            try:
                form = await request.post()
            except web.HTTPRequestEntityTooLarge:
                raise APIError(413, "Request Entity Too Large") from None
            except UnicodeDecodeError:
                raise bad_request("strings must be encoded in UTF-8") from None
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    try:
                        content = value.file.read()
                    finally:
                        value.file.close()
                    files[name] = UploadedFile(value.filename, content, value.content_type)
                else:
                    raw[name] = value if isinstance(value, str) else bytes(value).decode()
    return Params(raw, files)
