"""Names as people type them and as the bot shows them."""

from __future__ import annotations

from storage.queries.base import name_key

NAME_LIMIT = 64
"""The longest partner name; a name is one line."""


def clean_name(text: str) -> str | None:
    """A partner name as typed, spaces tidied; None when it is empty (quotation marks alone
    count as empty), too long or multi-line."""
    if "\n" in text.strip():
        return None
    name = " ".join(text.split())
    return name if name_key(name) and len(name) <= NAME_LIMIT else None


def clip(text: str, limit: int) -> str:
    """Shorten plain text to `limit` characters, marking the cut with an ellipsis."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
