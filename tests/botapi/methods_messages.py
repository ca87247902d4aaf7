"""Bot API methods that send, edit and delete messages."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from .models import BotMessage, ChatRecord, bad_request
from .params import Params
from .validation import format_text, validate_reply_markup
from .world import World

__all__ = ["HANDLERS"]

Handler = Callable[[World, Params], Awaitable[Any]]
CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice",
        "upload_voice", "upload_document", "choose_sticker", "find_location",
        "record_video_note", "upload_video_note",
    }
)  # fmt: skip


def _entities_param(params: Params, name: str) -> Any:
    return params.get_json(name) if params.has(name) else None


def _text(params: Params, field: str = "text", entities: str = "entities") -> Any:
    caption = field == "caption"
    raw = params.get_str(field)
    parse_mode = params.get_str("parse_mode")
    text, parsed = format_text(raw, parse_mode, _entities_param(params, entities), caption=caption)
    return raw or "", text, parsed, parse_mode


def _check_link_preview(params: Params) -> None:
    options = params.get_json("link_preview_options")
    if options is not None and not isinstance(options, dict):
        raise bad_request("can't parse link preview options JSON object")


def _new_message(chat: ChatRecord, **fields: Any) -> BotMessage:
    return BotMessage(
        message_id=chat.alloc_message_id(), chat_id=chat.id, date=int(time.time()), **fields
    )


async def send_message(world: World, params: Params) -> Any:
    chat = world.resolve_chat(params.chat_id())
    html, text, entities, parse_mode = _text(params)
    markup = validate_reply_markup(params.get_json("reply_markup"), chat_type=chat.type)
    _check_link_preview(params)
    world.check_can_send(chat)
    reply_to = world.reply_target(chat, params)
    message = _new_message(
        chat,
        html=html,
        text=text,
        entities=world.fill_mentions(entities),
        reply_markup=markup,
        parse_mode=parse_mode,
        reply_to_message_id=reply_to,
    )
    return world.message_json(chat, world.add_bot_message(chat, message))


async def _send_media(world: World, params: Params, kind: str) -> Any:
    chat = world.resolve_chat(params.chat_id())
    stored = world.files.resolve(params.input_file(kind), kind, kind)
    html, text, entities, parse_mode = _text(params, "caption", "caption_entities")
    markup = validate_reply_markup(params.get_json("reply_markup"), chat_type=chat.type)
    world.check_can_send(chat)
    reply_to = world.reply_target(chat, params)
    media = _media_json(world, stored, kind)
    message = _new_message(
        chat,
        html=html,
        text=text,
        entities=world.fill_mentions(entities),
        reply_markup=markup,
        parse_mode=parse_mode,
        reply_to_message_id=reply_to,
        kind=kind,
        media=media,
        photo=stored.data if kind == "photo" else None,
        document=stored.data if kind == "document" else None,
        document_name=stored.file_name if kind == "document" else None,
    )
    return world.message_json(chat, world.add_bot_message(chat, message))


def _media_json(world: World, stored: Any, kind: str) -> dict[str, Any]:
    if kind == "photo":
        return {"photo": world.files.photo_sizes(stored)}
    if kind == "voice":
        voice = world.files.file_json(stored)
        voice.pop("file_path", None)
        return {"voice": {**voice, "duration": stored.duration or 1, "mime_type": "audio/ogg"}}
    return {"document": world.files.document_json(stored)}


async def send_voice(world: World, params: Params) -> Any:
    return await _send_media(world, params, "voice")


ALBUM_KINDS = {"photo": "photo", "document": "document"}


async def send_media_group(world: World, params: Params) -> Any:
    """An album: 2–10 photos, or 2–10 documents, each with its own caption; one message each,
    sharing a media_group_id."""
    chat = world.resolve_chat(params.chat_id())
    items = params.get_json("media")
    if not isinstance(items, list) or not 2 <= len(items) <= 10:
        raise bad_request("wrong number of media in the album: from 2 to 10 are allowed")
    kinds = {item.get("type") if isinstance(item, dict) else None for item in items}
    if len(kinds) != 1 or not kinds <= set(ALBUM_KINDS):
        raise bad_request("only photos, or only documents, can be sent in one album")
    world.check_can_send(chat)
    stored = [
        world.files.resolve(params.media_file(item["media"]), item["type"], "media")
        for item in items
    ]
    group = f"album{chat.alloc_message_id()}"
    sent = []
    for item, file in zip(items, stored, strict=True):
        kind = item["type"]
        raw = item.get("caption") or ""
        text, entities = format_text(raw, item.get("parse_mode"), None, caption=True)
        message = _new_message(
            chat,
            html=raw,
            text=text,
            entities=world.fill_mentions(entities),
            reply_markup=None,
            parse_mode=item.get("parse_mode"),
            kind=kind,
            media={**_media_json(world, file, kind), "media_group_id": group},
            photo=file.data if kind == "photo" else None,
            document=file.data if kind == "document" else None,
            document_name=file.file_name if kind == "document" else None,
        )
        sent.append(world.message_json(chat, world.add_bot_message(chat, message)))
    return sent


async def send_photo(world: World, params: Params) -> Any:
    return await _send_media(world, params, "photo")


async def send_document(world: World, params: Params) -> Any:
    return await _send_media(world, params, "document")


def _target(world: World, params: Params) -> tuple[ChatRecord, BotMessage] | None:
    """The message an edit method addresses; None for inline messages."""
    if params.has("inline_message_id"):
        return None
    chat = world.resolve_chat(params.chat_id())
    message = world.editable_message(chat, params.require_int("message_id"))
    world.check_can_send(chat)
    return chat, message


async def edit_message_text(world: World, params: Params) -> Any:
    target = _target(world, params)
    html, text, entities, parse_mode = _text(params)
    chat_type = target[0].type if target else None
    markup = validate_reply_markup(
        params.get_json("reply_markup"), chat_type=chat_type, inline_only=True
    )
    _check_link_preview(params)
    if target is None:
        return True
    chat, message = target
    if message.kind != "text":
        raise bad_request("there is no text in the message to edit")
    world.apply_edit(
        chat,
        message,
        html=html,
        text=text,
        entities=world.fill_mentions(entities),
        markup=markup,
        parse_mode=parse_mode,
    )
    return world.message_json(chat, message)


async def edit_message_caption(world: World, params: Params) -> Any:
    target = _target(world, params)
    html, text, entities, parse_mode = _text(params, "caption", "caption_entities")
    chat_type = target[0].type if target else None
    markup = validate_reply_markup(
        params.get_json("reply_markup"), chat_type=chat_type, inline_only=True
    )
    if target is None:
        return True
    chat, message = target
    if message.kind == "text":
        raise bad_request("there is no caption in the message to edit")
    world.apply_edit(
        chat,
        message,
        html=html,
        text=text,
        entities=world.fill_mentions(entities),
        markup=markup,
        parse_mode=parse_mode,
    )
    return world.message_json(chat, message)


async def edit_message_reply_markup(world: World, params: Params) -> Any:
    target = _target(world, params)
    chat_type = target[0].type if target else None
    markup = validate_reply_markup(
        params.get_json("reply_markup"), chat_type=chat_type, inline_only=True
    )
    if target is None:
        return True
    chat, message = target
    world.apply_edit(
        chat,
        message,
        html=message.html,
        text=message.text,
        entities=message.entities,
        markup=markup,
        parse_mode=message.parse_mode,
    )
    return world.message_json(chat, message)


def _delete(world: World, chat: ChatRecord, message_id: int) -> bool:
    message = chat.bot_messages.get(message_id)
    if message is not None and not message.deleted:
        message.deleted = True
        return True
    if message_id in chat.user_messages:
        if chat.type != "private" and chat.bot_status != "administrator":
            raise bad_request("message can't be deleted")
        del chat.user_messages[message_id]
        return True
    return False


def _chat_for_delete(world: World, params: Params) -> ChatRecord:
    chat = world.resolve_chat(params.chat_id())
    if chat.type != "private":
        world.check_can_send(chat)
    return chat


async def delete_message(world: World, params: Params) -> Any:
    chat = _chat_for_delete(world, params)
    if not _delete(world, chat, params.require_int("message_id")):
        raise bad_request("message to delete not found")
    return True


async def delete_messages(world: World, params: Params) -> Any:
    chat = _chat_for_delete(world, params)
    ids = params.get_json("message_ids")
    if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
        raise bad_request("message_ids must be a list of 1-100 message identifiers")
    deleted = [_delete(world, chat, i) for i in ids if isinstance(i, int)]
    if not any(deleted):
        raise bad_request("message to delete not found")
    return True


async def send_chat_action(world: World, params: Params) -> Any:
    chat = world.resolve_chat(params.chat_id())
    if params.get_str("action", required=True) not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    world.check_can_send(chat)
    return True


async def pin_chat_message(world: World, params: Params) -> Any:
    chat = world.resolve_chat(params.chat_id())
    world.check_can_send(chat)
    if chat.type != "private" and chat.bot_status != "administrator":
        raise bad_request("not enough rights to manage pinned messages in the chat")
    message_id = params.require_int("message_id")
    message = chat.bot_messages.get(message_id)
    if world.message_by_id(chat, message_id) is None:
        raise bad_request("message to pin not found")
    if message is not None:
        message.pinned = True
    return True


async def unpin_chat_message(world: World, params: Params) -> Any:
    chat = world.resolve_chat(params.chat_id())
    world.check_can_send(chat)
    if chat.type != "private" and chat.bot_status != "administrator":
        raise bad_request("not enough rights to manage pinned messages in the chat")
    message_id = params.get_int("message_id")
    for message in chat.bot_messages.values():
        if message_id is None or message.message_id == message_id:
            message.pinned = False
    return True


HANDLERS: dict[str, Handler] = {
    "sendMessage": send_message,
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "sendVoice": send_voice,
    "sendMediaGroup": send_media_group,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "deleteMessages": delete_messages,
    "sendChatAction": send_chat_action,
    "pinChatMessage": pin_chat_message,
    "unpinChatMessage": unpin_chat_message,
    "unpinAllChatMessages": unpin_chat_message,
}
