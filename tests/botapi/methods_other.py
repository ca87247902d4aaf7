"""Bot API methods other than sending messages: updates, commands, queries, chats, files."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from .models import ChatRecord, bad_request
from .params import Params
from .validation import (
    validate_commands,
    validate_inline_results,
    validate_language_code,
    validate_scope,
)
from .world import World

__all__ = ["HANDLERS"]

Handler = Callable[[World, Params], Awaitable[Any]]
FILE_DOWNLOAD_LIMIT = 20 * 1024 * 1024
_BOT_TEXT_LIMITS = {"name": 64, "description": 512, "short_description": 120}


async def get_me(world: World, params: Params) -> Any:
    return {
        **world.bot_json(),
        "can_join_groups": True,
        "can_read_all_group_messages": not world.group_privacy,
        "supports_inline_queries": world.supports_inline_queries,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def ok(world: World, params: Params) -> Any:
    return True


async def get_updates(world: World, params: Params) -> Any:
    return await world.queue.get_updates(
        params.get_int("offset"),
        params.get_int("limit"),
        params.get_int("timeout"),
        params.get_json("allowed_updates"),
    )


async def set_webhook(world: World, params: Params) -> Any:
    url = params.get_str("url") or ""
    if url and not url.lower().startswith("https://"):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    world.queue.webhook_url = url
    return True


async def delete_webhook(world: World, params: Params) -> Any:
    world.queue.webhook_url = ""
    if params.get_bool("drop_pending_updates"):
        world.queue.drop_pending()
    return True


async def get_webhook_info(world: World, params: Params) -> Any:
    return {
        "url": world.queue.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": len(world.queue.queue),
    }


def _command_key(world: World, params: Params) -> tuple[str, str, str]:
    scope = validate_scope(params.get_json("scope"))
    if "chat_id" in scope:
        _visible_chat(world, scope["chat_id"])
    language = validate_language_code(params.get_str("language_code"))
    detail = ",".join(f"{k}={scope[k]}" for k in ("chat_id", "user_id") if k in scope)
    return scope["type"], language, detail


async def set_my_commands(world: World, params: Params) -> Any:
    commands = validate_commands(params.get_json("commands"))
    scope, language, detail = _command_key(world, params)
    world.commands[(scope, language)] = commands
    world.command_scopes[(f"{scope}:{detail}", language)] = commands
    return True


async def get_my_commands(world: World, params: Params) -> Any:
    scope, language, detail = _command_key(world, params)
    return world.command_scopes.get((f"{scope}:{detail}", language), [])


async def delete_my_commands(world: World, params: Params) -> Any:
    scope, language, detail = _command_key(world, params)
    world.commands.pop((scope, language), None)
    world.command_scopes.pop((f"{scope}:{detail}", language), None)
    return True


async def set_chat_menu_button(world: World, params: Params) -> Any:
    chat_id = params.get_int("chat_id")
    if chat_id is not None:
        world.resolve_chat(chat_id)
    button = params.get_json("menu_button") or {"type": "default"}
    if not isinstance(button, dict) or button.get("type") not in {
        "default",
        "commands",
        "web_app",
    }:
        raise bad_request("can't parse menu button JSON object")
    world.menu_buttons[chat_id] = button
    return True


async def get_chat_menu_button(world: World, params: Params) -> Any:
    return world.menu_buttons.get(params.get_int("chat_id"), {"type": "default"})


def _bot_text_handlers(field: str) -> tuple[Handler, Handler]:
    async def setter(world: World, params: Params) -> Any:
        value = params.get_str(field) or ""
        if len(value) > _BOT_TEXT_LIMITS[field]:
            raise bad_request(f"bot {field.replace('_', ' ')} is too long")
        language = validate_language_code(params.get_str("language_code"))
        world.bot_texts[(field, language)] = value
        return True

    async def getter(world: World, params: Params) -> Any:
        language = validate_language_code(params.get_str("language_code"))
        value = world.bot_texts.get((field, language), world.bot_texts.get((field, ""), ""))
        if field == "name" and not value:
            value = world.bot_first_name
        return {field: value}

    return setter, getter


async def answer_callback_query(world: World, params: Params) -> Any:
    record = world.check_callback(params.require_str("callback_query_id"))
    text = params.get_str("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answered = True
    record.text = text or None
    record.show_alert = params.get_bool("show_alert")
    record.url = params.get_str("url")
    return True


async def answer_inline_query(world: World, params: Params) -> Any:
    query_id = params.require_str("inline_query_id")
    record = world.inline_queries.get(query_id)
    if record is None or record.answered:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    results = validate_inline_results(params.get_json("results"))
    next_offset = params.get_str("next_offset")
    if next_offset is not None and len(next_offset.encode("utf-8")) > 64:
        raise bad_request("NEXT_OFFSET_INVALID")
    record.answered = True
    record.results = results
    record.next_offset = next_offset
    record.params = params.recorded()
    return True


def _visible_chat(world: World, chat_id: int | str | None) -> ChatRecord:
    """A chat the bot may look at: groups only while the bot is in them."""
    chat = world.resolve_chat(chat_id)
    if chat.type != "private":
        world.check_can_send(chat)
    return chat


def _chat_full_info(world: World, chat: ChatRecord) -> dict[str, Any]:
    gifts = dict.fromkeys(
        ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription",
         "gifts_from_channels"),
        False,
    )  # fmt: skip
    data = {**world.chat_json(chat), "accent_color_id": 0, "max_reaction_count": 11}
    data["accepted_gift_types"] = gifts
    return data


async def get_chat(world: World, params: Params) -> Any:
    chat = _visible_chat(world, params.chat_id())
    return _chat_full_info(world, chat)


async def get_chat_member(world: World, params: Params) -> Any:
    chat = _visible_chat(world, params.chat_id())
    return world.member_json(chat, params.require_int("user_id"))


async def get_chat_administrators(world: World, params: Params) -> Any:
    chat = _visible_chat(world, params.chat_id())
    if chat.type == "private":
        raise bad_request("there are no administrators in the private chat")
    ids = [m for m in chat.member_ids if m == chat.creator_id or m in chat.admin_ids]
    if chat.bot_status == "administrator":
        ids.append(world.bot_id)
    return [world.member_json(chat, member) for member in ids]


async def get_chat_member_count(world: World, params: Params) -> Any:
    chat = _visible_chat(world, params.chat_id())
    if chat.type == "private":
        return 2
    return len(chat.member_ids) + (1 if chat.bot_is_member else 0)


async def leave_chat(world: World, params: Params) -> Any:
    chat = world.resolve_chat(params.chat_id())
    if chat.type == "private":
        raise bad_request("chat member status can't be changed in private chats")
    world.check_can_send(chat)
    chat.bot_status = "left"
    return True


async def get_file(world: World, params: Params) -> Any:
    stored = world.files.files.get(params.require_str("file_id"))
    if stored is None:
        raise bad_request("invalid file_id")
    if stored.size > FILE_DOWNLOAD_LIMIT:
        raise bad_request("file is too big")
    return world.files.file_json(stored)


_set_name, _get_name = _bot_text_handlers("name")
_set_description, _get_description = _bot_text_handlers("description")
_set_short, _get_short = _bot_text_handlers("short_description")

HANDLERS: dict[str, Handler] = {
    "getMe": get_me,
    "logOut": ok,
    "close": ok,
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setChatMenuButton": set_chat_menu_button,
    "getChatMenuButton": get_chat_menu_button,
    "setMyName": _set_name,
    "getMyName": _get_name,
    "setMyDescription": _set_description,
    "getMyDescription": _get_description,
    "setMyShortDescription": _set_short,
    "getMyShortDescription": _get_short,
    "answerCallbackQuery": answer_callback_query,
    "answerInlineQuery": answer_inline_query,
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "getChatMemberCount": get_chat_member_count,
    "leaveChat": leave_chat,
    "getFile": get_file,
}
