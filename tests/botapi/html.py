"""Telegram's HTML parse mode, modelled on tdlib's ``parse_html``.

It accepts what Telegram accepts and rejects what Telegram rejects, with the same error
messages.  It is deliberately stricter than Telegram in three places, following the Bot API
documentation ("all <, > and & symbols that are not a part of a tag or an HTML entity must be
replaced with the corresponding HTML entities"): a bare ``&`` that does not begin a supported
entity terminated by ``;``, a bare ``>``, and an ``<a>`` tag without a usable ``href`` are
errors here, while Telegram silently keeps the character or drops the link.  That catches
user input interpolated into templates without escaping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["TelegramHTMLError", "check_link", "parse_html", "sort_entities", "utf16_len"]

_SPACES = frozenset(" \t\r\n\0\v\f")
_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler",
        "tg-emoji", "tg-time", "span", "pre", "code", "blockquote",
    }
)  # fmt: skip
_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# tdlib's MessageEntity::get_type_priority: entities with equal offset and length are ordered
# by it.
_PRIORITY = {
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "text_mention": 49,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}
_USER_LINK = re.compile(r"tg://user\?id=(\d{1,19})", re.IGNORECASE)
_HOST = re.compile(r"^(?:\[[0-9A-Fa-f:.]+\]|[^\s/?#@:\[\]<>\"]+)$")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
_BARE_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:(?!\d)")
_ENTITY = re.compile(r"&(?:#(\d{1,8})|#[xX]([0-9A-Fa-f]{1,7})|([A-Za-z]+))(;?)")


class TelegramHTMLError(ValueError):
    """Text is not valid Telegram HTML; ``str(error)`` is Telegram's message.

    The Bot API reports it as ``Bad Request: can't parse entities: <message>``.
    """


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit Telegram's offsets are counted in."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def sort_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Order entities like Telegram: by offset, longer first, then by type priority."""
    return sorted(
        entities, key=lambda e: (e["offset"], -e["length"], _PRIORITY.get(e["type"], 50))
    )


def check_link(url: str) -> str | None:
    """Normalise a link like tdlib's ``LinkManager::get_checked_link``; None if invalid."""
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        return None
    match = _SCHEME.match(url)
    scheme, rest = ("http", url) if match is None else (match[1].lower(), url[match.end() :])
    if match is None and _BARE_SCHEME.match(url):
        return None  # "mailto:", "javascript:" and the like
    if scheme in {"tg", "ton"}:
        return f"{scheme}://{rest}" if rest else None
    if scheme not in {"http", "https"}:
        return None
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = authority.rsplit("@", 1)[-1]
    host = host if host.startswith("[") else host.split(":", 1)[0]
    if not host or "." not in host.strip(".") or not _HOST.match(host):
        return None
    tail = rest[len(authority) :]
    return f"{scheme}://{authority}{tail if tail.startswith('/') else '/' + tail}"


@dataclass
class _Open:
    tag: str
    argument: str
    offset: int
    index: int


class _Parser:
    def __init__(self, html: str) -> None:
        self.html = html
        self.n = len(html)
        self.out: list[str] = []
        self.utf16 = 0
        self.entities: list[dict[str, Any]] = []
        self.stack: list[_Open] = []

    def byte(self, index: int) -> int:
        return len(self.html[:index].encode("utf-8", "surrogatepass"))

    def at(self, index: int) -> str:
        return self.html[index] if index < self.n else ""

    def is_space(self, index: int) -> bool:
        return index < self.n and self.html[index] in _SPACES

    def emit(self, ch: str) -> None:
        self.out.append(ch)
        self.utf16 += 2 if ord(ch) > 0xFFFF else 1

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        i = 0
        while i < self.n:
            ch = self.html[i]
            if ch == "&":
                i = self.text_entity(i)
            elif ch == ">":
                raise TelegramHTMLError(
                    f'Character ">" at byte offset {self.byte(i)} must be escaped as "&gt;"'
                )
            elif ch != "<":
                self.emit(ch)
                i += 1
            elif self.at(i + 1) == "/":
                i = self.end_tag(i)
            else:
                i = self.start_tag(i)
        if self.stack:
            raise TelegramHTMLError(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].tag}"'
            )
        text = "".join(self.out)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise TelegramHTMLError(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            ) from None
        for entity in self.entities:
            entity.pop("_language", None)
        return text, sort_entities(self.entities)

    def decode_entity(self, i: int, *, strict: bool) -> tuple[str, int] | None:
        """Decode the HTML entity at ``i``; returns (character, next index) or None."""
        match = _ENTITY.match(self.html, i)
        if match is None:
            return None
        decimal, hexadecimal, name, semicolon = match.groups()
        if strict and not semicolon:
            return None
        if name is not None:
            ch = _NAMED.get(name)
            return None if ch is None else (ch, match.end())
        code = int(decimal) if decimal is not None else int(hexadecimal, 16)
        if code == 0 or code >= 0x10FFFF:
            return None
        return chr(code), match.end()

    def text_entity(self, i: int) -> int:
        decoded = self.decode_entity(i, strict=True)
        if decoded is None:
            raise TelegramHTMLError(
                f'Character "&" at byte offset {self.byte(i)} does not begin a supported HTML '
                'entity (&lt; &gt; &amp; &quot; &#NN; &#xHH;) and must be escaped as "&amp;"'
            )
        ch, end = decoded
        self.emit(ch)
        return end

    def start_tag(self, begin: int) -> int:
        i = begin + 1
        while i < self.n and not self.is_space(i) and self.html[i] != ">":
            i += 1
        if i >= self.n:
            raise TelegramHTMLError(f"Unclosed start tag at byte offset {self.byte(begin)}")
        tag = self.html[begin + 1 : i].lower()
        if tag not in _TAGS:
            raise TelegramHTMLError(
                f'Unsupported start tag "{tag}" at byte offset {self.byte(begin)}'
            )
        attributes: dict[str, str] = {}
        while self.at(i) != ">":
            while self.is_space(i):
                i += 1
            if self.at(i) == ">":
                break
            name_begin = i
            while i < self.n and not self.is_space(i) and self.html[i] not in "=>":
                i += 1
            name = self.html[name_begin:i]
            if not name:
                raise TelegramHTMLError(
                    f'Empty attribute name in the tag "{tag}" at byte offset {self.byte(begin)}'
                )
            while self.is_space(i):
                i += 1
            if self.at(i) != "=":
                if tag == "blockquote" and name == "expandable" and i < self.n:
                    attributes[name] = ""
                    continue
                raise TelegramHTMLError(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {self.byte(begin)}'
                )
            i += 1
            while self.is_space(i):
                i += 1
            if i >= self.n:
                raise TelegramHTMLError(
                    f'Unclosed start tag "{tag}" at byte offset {self.byte(begin)}'
                )
            value, i = self.attribute_value(i)
            if i >= self.n:
                raise TelegramHTMLError(f"Unclosed start tag at byte offset {self.byte(begin)}")
            attributes[name] = value
        if i >= self.n:
            raise TelegramHTMLError(f"Unclosed start tag at byte offset {self.byte(begin)}")
        self.stack.append(_Open(tag, self.argument(tag, attributes, begin), self.utf16, begin))
        return i + 1

    def attribute_value(self, i: int) -> tuple[str, int]:
        quote = self.html[i]
        if quote not in "'\"":
            begin = i
            while i < self.n and (
                (self.html[i].isascii() and self.html[i].isalnum()) or self.html[i] in ".-"
            ):
                i += 1
            if i < self.n and not self.is_space(i) and self.html[i] != ">":
                raise TelegramHTMLError(
                    f"Unexpected end of name token at byte offset {self.byte(begin)}"
                )
            return self.html[begin:i].lower(), i
        i += 1
        value: list[str] = []
        while i < self.n and self.html[i] != quote:
            if self.html[i] == "&":
                decoded = self.decode_entity(i, strict=False)
                if decoded is not None:
                    value.append(decoded[0])
                    i = decoded[1]
                    continue
            value.append(self.html[i])
            i += 1
        if i < self.n:
            i += 1
        return "".join(value), i

    def argument(self, tag: str, attributes: dict[str, str], begin: int) -> str:
        where = f"at byte offset {self.byte(begin)}"
        if tag == "a":
            href = attributes.get("href", "")
            if not href.strip():
                raise TelegramHTMLError(f'Tag "a" must have a non-empty attribute "href" {where}')
            return href
        if tag == "code":
            css = attributes.get("class", "")
            return css[len("language-") :] if css.startswith("language-") else ""
        if tag == "span":
            css = attributes.get("class", "")
            if css != "tg-spoiler":
                raise TelegramHTMLError(f'Tag "span" must have class "tg-spoiler" {where}')
            return "spoiler"
        if tag == "tg-emoji":
            return attributes.get("emoji-id", "")
        if tag == "blockquote":
            return "expandable" if "expandable" in attributes else ""
        if tag == "tg-time":
            unix = attributes.get("unix", "")
            if not unix.isdigit():
                raise TelegramHTMLError(
                    f'Tag "tg-time" must have a numeric attribute "unix" {where}'
                )
            return f"{unix}|{attributes.get('format', '')}"
        return ""

    def end_tag(self, begin: int) -> int:
        if not self.stack:
            raise TelegramHTMLError(f"Unexpected end tag at byte offset {self.byte(begin)}")
        i = begin + 2
        while i < self.n and not self.is_space(i) and self.html[i] != ">":
            i += 1
        name = self.html[begin + 2 : i].lower()
        while self.is_space(i):
            i += 1
        if self.at(i) != ">":
            raise TelegramHTMLError(f"Unclosed end tag at byte offset {self.byte(begin)}")
        top = self.stack[-1]
        if name and name != top.tag:
            raise TelegramHTMLError(
                f"Unmatched end tag at byte offset {self.byte(begin)}, "
                f'expected "</{top.tag}>", found "</{name}>"'
            )
        if self.utf16 > top.offset:
            self.close_entity(top)
        self.stack.pop()
        return i + 1

    def close_entity(self, top: _Open) -> None:
        offset, length = top.offset, self.utf16 - top.offset
        entity: dict[str, Any] = {"type": "", "offset": offset, "length": length}
        last = self.entities[-1] if self.entities else None
        same_range = last is not None and (last["offset"], last["length"]) == (offset, length)
        if top.tag in _SIMPLE:
            entity["type"] = _SIMPLE[top.tag]
        elif top.tag == "tg-time":
            unix, _, time_format = top.argument.partition("|")
            entity.update(type="date_time", unix_time=int(unix))
            if time_format:
                entity["date_time_format"] = time_format
        elif top.tag == "tg-emoji":
            if not top.argument.isdigit() or not 0 < int(top.argument) < 2**63:
                raise TelegramHTMLError("Invalid custom emoji identifier specified")
            entity.update(type="custom_emoji", custom_emoji_id=top.argument)
        elif top.tag == "a":
            user = _USER_LINK.fullmatch(top.argument.strip())
            url = check_link(top.argument)
            if user is not None:
                entity.update(type="text_mention", user={"id": int(user.group(1))})
            elif url is None:
                raise TelegramHTMLError(
                    f'Wrong URL "{top.argument}" in tag "a" at byte offset {self.byte(top.index)}'
                )
            else:
                entity.update(type="text_link", url=url)
        elif top.tag == "pre":
            if last is not None and same_range and last["type"] == "code" and last["_language"]:
                last.update(type="pre", language=last.pop("_language"))
                return
            entity["type"] = "pre"
        elif top.tag == "code":
            if (
                last is not None
                and same_range
                and last["type"] == "pre"
                and top.argument
                and "language" not in last
            ):
                last["language"] = top.argument
                return
            entity.update(type="code", _language=top.argument)
        else:  # blockquote
            entity["type"] = "expandable_blockquote" if top.argument else "blockquote"
        self.entities.append(entity)


def parse_html(html: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into plain text and MessageEntity dicts (UTF-16 offsets).

    Tags: b strong i em u ins s strike del, span class="tg-spoiler", tg-spoiler,
    a href (tg://user?id=N gives a text_mention), tg-emoji emoji-id, tg-time unix [format],
    code [class="language-..."], pre, blockquote [expandable].  Entities: &lt; &gt; &amp;
    &quot; &#NN; &#xHH;.  Attribute values may be quoted with " or ' or be bare tokens.
    Raises TelegramHTMLError with a Telegram-like message when the markup is invalid.
    The result is what tdlib's parser produces; trimming and entity normalisation done when a
    message is sent are in ``tests.botapi.text.fix_formatted_text``.
    """
    return _Parser(html).run()
