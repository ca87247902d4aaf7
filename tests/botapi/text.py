"""What Telegram does to a message text after parsing it (tdlib's ``fix_formatted_text``).

Control characters become spaces, ``\\r`` and a few invisible characters are removed,
entities are made to nest the way Telegram allows (continuous entities such as links and code
can't nest, bold/italic/... are split around them and dropped inside code), entities made of
whitespace only are dropped, and the text is trimmed of leading and trailing spaces and
newlines.  All offsets are in UTF-16 code units.
"""

from __future__ import annotations

import re
from typing import Any

from .html import sort_entities, utf16_len

__all__ = ["EmptyTextError", "find_bot_commands", "fix_formatted_text", "validate_entities"]

Entity = dict[str, Any]

_SPLITTABLE = ("bold", "italic", "underline", "strikethrough", "spoiler")
_BLOCKQUOTE = frozenset({"blockquote", "expandable_blockquote"})
_PRE = frozenset({"pre", "code"})
_HIDDEN = frozenset({"text_link", "text_mention", "custom_emoji"})
_REMOVED = frozenset("\r\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u0333\u033f\u030a")
_ENTITY_TYPES = frozenset(
    {
        "mention", "hashtag", "cashtag", "bot_command", "url", "email", "phone_number",
        "bold", "italic", "underline", "strikethrough", "spoiler", "blockquote",
        "expandable_blockquote", "code", "pre", "text_link", "text_mention", "custom_emoji",
        "date_time",
    }
)  # fmt: skip
_COMMAND = re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])")


class EmptyTextError(ValueError):
    """The text is empty after Telegram's clean-up."""


def _end(entity: Entity) -> int:
    return int(entity["offset"]) + int(entity["length"])


def _kind(entity_type: str) -> str:
    if entity_type in _SPLITTABLE:
        return "splittable"
    return "blockquote" if entity_type in _BLOCKQUOTE else "continuous"


def _are_valid(entities: list[Entity]) -> bool:
    """tdlib's ``are_entities_valid``: True if the entities already nest as Telegram allows."""
    stack: list[Entity] = []
    split_end = dict.fromkeys(_SPLITTABLE, 0)
    for entity in entities:
        while stack and entity["offset"] >= _end(stack[-1]):
            stack.pop()
        kind = _kind(entity["type"])
        if stack:
            parent = stack[-1]
            parent_kind = _kind(parent["type"])
            if _end(entity) > _end(parent) or parent["type"] in _PRE:
                return False
            if any(e["type"] == entity["type"] for e in stack):
                return False
            if kind != "splittable" and (
                parent_kind == "splittable"
                or parent_kind == kind
                or (kind == "blockquote" and parent_kind == "continuous")
            ):
                return False
        if kind == "splittable":
            if split_end[entity["type"]] and split_end[entity["type"]] >= entity["offset"]:
                return False
            split_end[entity["type"]] = _end(entity)
        stack.append(entity)
    return True


def _remove_intersecting(entities: list[Entity]) -> list[Entity]:
    kept: list[Entity] = []
    last_end = 0
    for entity in entities:
        if entity["offset"] >= last_end:
            kept.append(entity)
            last_end = _end(entity)
    return kept


def _split(splittable: list[Entity], others: list[Entity]) -> list[Entity]:
    """tdlib's ``split_entities``: cut bold/italic/... at the borders of other entities,
    merge overlapping ones of a type, and drop the parts inside code and pre."""
    begin = dict.fromkeys(_SPLITTABLE, 0)
    end = dict.fromkeys(_SPLITTABLE, 0)
    result: list[Entity] = []
    position = 0

    def flush(offset: int) -> None:
        for kind in _SPLITTABLE:
            if end[kind] and begin[kind] < offset:
                stop = min(end[kind], offset)
                result.append({"type": kind, "offset": begin[kind], "length": stop - begin[kind]})
                begin[kind], end[kind] = (0, 0) if end[kind] <= offset else (offset, end[kind])

    def add_entities(end_offset: int) -> None:
        nonlocal position
        while position < len(splittable) and splittable[position]["offset"] < end_offset:
            entity = splittable[position]
            kind = entity["type"]
            if end[kind] and entity["offset"] <= end[kind]:
                end[kind] = max(end[kind], _end(entity))
            else:
                flush(entity["offset"])
                begin[kind], end[kind] = entity["offset"], _end(entity)
            position += 1
        flush(end_offset)

    stack: list[Entity] = []

    def add_offset(offset: int) -> None:
        while stack and offset >= _end(stack[-1]):
            size = len(result)
            add_entities(_end(stack[-1]))
            if stack[-1]["type"] in _PRE:
                del result[size:]
            stack.pop()
        add_entities(offset)

    for other in others:
        add_offset(other["offset"])
        stack.append(other)
    add_offset(2**31)
    return result


def _fix_entities(entities: list[Entity]) -> list[Entity]:
    entities = sort_entities(entities)
    if _are_valid(entities):
        return entities
    splittable = [e for e in entities if _kind(e["type"]) == "splittable"]
    continuous = _remove_intersecting([e for e in entities if _kind(e["type"]) == "continuous"])
    quotes = _remove_intersecting([e for e in entities if _kind(e["type"]) == "blockquote"])
    if quotes:
        continuous = [
            e
            for e in continuous
            if all(
                _end(q) <= e["offset"]
                or _end(e) <= q["offset"]
                or (q["offset"] <= e["offset"] and _end(e) <= _end(q))
                for q in quotes
            )
        ]
        continuous = sort_entities(continuous + quotes)
    return sort_entities(_split(splittable, continuous) + continuous)


def _units(text: str) -> list[str]:
    """One entry per UTF-16 code unit: the character starting there, or "" for a low
    surrogate."""
    units: list[str] = []
    for ch in text:
        units.append(ch)
        if ord(ch) > 0xFFFF:
            units.append("")
    return units


def _clean(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    out: list[str] = []
    new_offset: list[int] = []
    position = 0
    for ch in text:
        width = 2 if ord(ch) > 0xFFFF else 1
        new_offset.extend([position] * width)
        if ch in _REMOVED:
            continue
        out.append(" " if ord(ch) < 32 and ch != "\n" else ch)
        position += width
    new_offset.append(position)
    fixed = []
    for entity in entities:
        start, stop = new_offset[entity["offset"]], new_offset[_end(entity)]
        if stop > start:
            fixed.append({**entity, "offset": start, "length": stop - start})
    return "".join(out), fixed


def _drop_blank(units: list[str], entities: list[Entity]) -> list[Entity]:
    kept: list[Entity] = []
    for entity in entities:
        offset, stop = entity["offset"], _end(entity)
        if entity["type"] in _HIDDEN:
            kept.append(entity)
            continue
        while offset < stop and units[offset] in {" ", "\n"}:
            offset += 1
        if any(u not in {" ", "\n"} for u in units[offset:stop]):
            kept.append({**entity, "offset": offset, "length": stop - offset})
    return kept


def fix_formatted_text(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Return the text and entities as Telegram stores them; raise EmptyTextError if nothing
    but whitespace is left."""
    entities = _fix_entities([dict(e) for e in entities if e["length"] > 0])
    text, entities = _clean(text, entities)
    units = _units(text)
    entities = _fix_entities(_drop_blank(units, entities))
    last = len(units) - 1
    while last >= 0 and units[last] in {" ", "\n"}:
        last -= 1
    if last < 0:
        raise EmptyTextError
    end = last + 1
    trimmed: list[Entity] = []
    for entity in entities:
        if entity["offset"] < end:
            trimmed.append({**entity, "length": min(_end(entity), end) - entity["offset"]})
    first_entity = min((e["offset"] for e in trimmed), default=end)
    start = 0
    while start < min(first_entity, end) and units[start] in {" ", "\n"}:
        start += 1
    text = "".join(units[start:end])
    for entity in trimmed:
        entity["offset"] -= start
    return text, _drop_blank(_units(text), sort_entities(trimmed))


def validate_entities(text: str, entities: Any) -> list[Entity]:
    """Check an explicit ``entities`` parameter; return it as a list of entity dicts."""
    if not isinstance(entities, list):
        raise ValueError("can't parse entities JSON object")
    length = utf16_len(text)
    result: list[Entity] = []
    for entity in entities:
        if not isinstance(entity, dict):
            raise ValueError("can't parse MessageEntity: object expected")
        kind, offset, size = entity.get("type"), entity.get("offset"), entity.get("length")
        if kind not in _ENTITY_TYPES:
            raise ValueError(f"can't parse MessageEntity: unsupported type {kind!r}")
        if not isinstance(offset, int) or not isinstance(size, int) or offset < 0 or size < 0:
            raise ValueError("can't parse MessageEntity: offset and length must be integers")
        if offset > length:
            raise ValueError(f"entity begins after the end of the text at UTF-16 offset {offset}")
        if offset + size > length:
            raise ValueError(
                f"entity beginning at UTF-16 offset {offset} ends after the end of the text "
                f"at UTF-16 offset {offset + size}"
            )
        if kind == "text_link" and not isinstance(entity.get("url"), str):
            raise ValueError('can\'t parse MessageEntity: field "url" must be of type String')
        if kind == "custom_emoji" and not str(entity.get("custom_emoji_id", "")).isdigit():
            raise ValueError("invalid custom emoji identifier specified")
        if kind == "text_mention" and not isinstance(entity.get("user"), dict):
            raise ValueError('can\'t parse MessageEntity: field "user" must be an Object')
        result.append(dict(entity))
    return result


def find_bot_commands(text: str) -> list[Entity]:
    """The bot_command entities Telegram adds to a user's message ("/cmd" or
    "/cmd@BotName" not glued to other words)."""
    entities: list[Entity] = []
    for match in _COMMAND.finditer(text):
        entities.append(
            {
                "type": "bot_command",
                "offset": utf16_len(text[: match.start()]),
                "length": utf16_len(match.group()),
            }
        )
    return entities
