"""Telegram's checks of message texts, keyboards, bot commands and inline query results."""

from __future__ import annotations

import re
from typing import Any

from .html import TelegramHTMLError, parse_html, utf16_len
from .models import bad_request
from .text import EmptyTextError, fix_formatted_text, validate_entities

__all__ = [
    "format_text",
    "validate_commands",
    "validate_inline_results",
    "validate_language_code",
    "validate_reply_markup",
    "validate_scope",
]

Entity = dict[str, Any]
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
BUTTON_ACTIONS = (
    "callback_data", "url", "switch_inline_query", "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat", "copy_text", "login_url", "web_app", "pay",
    "callback_game",
)  # fmt: skip
_BUTTON_URL = re.compile(
    r"^(?:https?://[^\s/?#]*[^\s/?#.]\.[^\s/?#]+(?:[/?#]\S*)?|tg://\S+)$", re.I
)
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_SCOPES = frozenset(
    {
        "default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat",
        "chat_administrators", "chat_member",
    }
)  # fmt: skip
_RESULT_TYPES = frozenset(
    {
        "article", "photo", "gif", "mpeg4_gif", "video", "audio", "voice", "document",
        "location", "venue", "contact", "game", "sticker",
    }
)  # fmt: skip


def format_text(
    raw: str | None, parse_mode: str | None, entities: Any, *, caption: bool = False
) -> tuple[str, list[Entity]]:
    """Parse a text or caption like sendMessage does; return (text, entities)."""
    raw = raw or ""
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        raise bad_request("strings must be encoded in UTF-8") from None
    if not raw and not caption:
        raise bad_request("message text is empty")
    mode = (parse_mode or "").lower()
    if entities is not None:
        try:
            text, parsed = raw, validate_entities(raw, entities)
        except ValueError as error:
            raise bad_request(str(error)) from None
    elif mode == "html":
        try:
            text, parsed = parse_html(raw)
        except TelegramHTMLError as error:
            raise bad_request(f"can't parse entities: {error}") from None
    elif mode in {"markdown", "markdownv2"}:
        raise bad_request(f"parse_mode {parse_mode} is not implemented by the emulator; use HTML")
    elif mode:
        raise bad_request("unsupported parse_mode")
    else:
        text, parsed = raw, []
    try:
        text, parsed = fix_formatted_text(text, parsed)
    except EmptyTextError:
        if caption:
            return "", []
        raise bad_request("message text is empty") from None
    if utf16_len(text) > (CAPTION_LIMIT if caption else TEXT_LIMIT):
        raise bad_request("message caption is too long" if caption else "message is too long")
    return text, parsed


def _button_error(message: str) -> Exception:
    return bad_request(f"can't parse inline keyboard button: {message}")


def _check_inline_button(button: Any, chat_type: str | None) -> dict[str, Any]:
    if not isinstance(button, dict):
        raise _button_error("InlineKeyboardButton must be an Object")
    text = button.get("text")
    if not isinstance(text, str):
        raise _button_error('Field "text" must be of type String')
    if not text.strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [name for name in BUTTON_ACTIONS if button.get(name) is not None]
    if not actions:
        raise _button_error("Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise _button_error(f"exactly one of the fields {', '.join(actions)} must be used")
    action, value = actions[0], button[actions[0]]
    if action == "callback_data":
        if not isinstance(value, str) or not 1 <= len(value.encode("utf-8")) <= 64:
            raise bad_request("BUTTON_DATA_INVALID")
    elif action == "url":
        if not isinstance(value, str) or not _BUTTON_URL.match(value):
            raise bad_request("BUTTON_URL_INVALID")
    elif action in {"login_url", "web_app"}:
        url = value.get("url") if isinstance(value, dict) else None
        if not isinstance(url, str) or not _BUTTON_URL.match(url):
            raise bad_request("BUTTON_URL_INVALID")
        private = chat_type in {None, "private"}
        if action == "web_app" and (not url.lower().startswith("https://") or not private):
            raise bad_request("BUTTON_TYPE_INVALID")
    elif action == "copy_text":
        copied = value.get("text") if isinstance(value, dict) else None
        if not isinstance(copied, str) or not 1 <= len(copied) <= 256:
            raise bad_request("BUTTON_COPY_TEXT_INVALID")
    elif action in {"switch_inline_query", "switch_inline_query_current_chat"}:
        if not isinstance(value, str):
            raise _button_error(f'Field "{action}" must be of type String')
    elif action in {"pay", "callback_game"} and value is False:
        raise _button_error(f'Field "{action}" must be true')
    return dict(button)


def _rows(markup: dict[str, Any], field: str, owner: str) -> list[list[Any]]:
    rows = markup.get(field)
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'field "{field}" of the {owner} should be an Array of Arrays')
    return rows


def validate_reply_markup(
    markup: Any, *, chat_type: str | None = None, inline_only: bool = False
) -> dict[str, Any] | None:
    """Validate reply_markup; return it as stored (None when absent)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = _rows(markup, "inline_keyboard", "InlineKeyboardMarkup")
        if sum(len(row) for row in rows) > 100:
            raise bad_request("reply markup is too long")
        checked = [[_check_inline_button(b, chat_type) for b in row] for row in rows]
        checked = [row for row in checked if row]
        return {"inline_keyboard": checked} if checked else None  # empty: no keyboard
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        rows = _rows(markup, "keyboard", "ReplyKeyboardMarkup")
        for row in rows:
            for button in row:
                text = button.get("text") if isinstance(button, dict) else button
                if not isinstance(text, str) or not text.strip():
                    raise bad_request("can't parse keyboard button: text must be non-empty")
        placeholder = markup.get("input_field_placeholder")
        if placeholder is not None and not (
            isinstance(placeholder, str) and 1 <= len(placeholder) <= 64
        ):
            raise bad_request("can't parse reply keyboard markup: wrong input_field_placeholder")
        return dict(markup)
    for field in ("remove_keyboard", "force_reply"):
        if field in markup:
            if markup[field] is not True:
                raise bad_request(f'field "{field}" must be true')
            return dict(markup)
    raise bad_request("can't parse reply keyboard markup JSON object")


def validate_commands(commands: Any) -> list[dict[str, str]]:
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    result: list[dict[str, str]] = []
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand: object expected")
        name, description = command.get("command"), command.get("description")
        if not isinstance(name, str) or not _COMMAND.match(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        result.append({"command": name, "description": description})
    return result


def validate_scope(scope: Any) -> dict[str, Any]:
    if scope is None:
        return {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
        raise bad_request("can't parse BotCommandScope: unsupported type")
    if scope["type"].startswith("chat") and not isinstance(scope.get("chat_id"), int | str):
        raise bad_request("can't parse BotCommandScope: chat_id is empty")
    if scope["type"] == "chat_member" and not isinstance(scope.get("user_id"), int):
        raise bad_request("can't parse BotCommandScope: user_id is empty")
    return dict(scope)


def validate_language_code(code: str | None) -> str:
    if code and not re.fullmatch(r"[a-z]{2}", code):
        raise bad_request("LANG_CODE_INVALID")
    return code or ""


def validate_inline_results(results: Any) -> list[dict[str, Any]]:
    if not isinstance(results, list):
        raise bad_request("can't parse inline query results JSON object")
    if len(results) > 50:
        raise bad_request("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in results:
        if not isinstance(result, dict) or result.get("type") not in _RESULT_TYPES:
            raise bad_request("can't parse inline query result: unsupported type")
        result_id = result.get("id")
        if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= 64:
            raise bad_request("RESULT_ID_INVALID")
        if result_id in seen:
            raise bad_request("RESULT_ID_DUPLICATE")
        seen.add(result_id)
        content = result.get("input_message_content")
        if result["type"] == "article":
            if not isinstance(result.get("title"), str) or not result["title"]:
                raise bad_request('can\'t parse InlineQueryResultArticle: field "title" is empty')
            if not isinstance(content, dict):
                raise bad_request("can't parse InlineQueryResultArticle: message content is empty")
        if isinstance(content, dict) and "message_text" in content:
            text = content["message_text"]
            text = text if isinstance(text, str) else None
            format_text(text, content.get("parse_mode"), content.get("entities"))
        validate_reply_markup(result.get("reply_markup"), inline_only=True)
    return [dict(result) for result in results]
