"""Evidence that opens: a partner's kept photos, documents and voice notes sent again, each
with its caption ("2.1 · Анна · 03.12 · the note"), photos and documents as albums of up to
ten, a batch of files at a time; a file Telegram no longer has is told in one line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InputMediaDocument, InputMediaPhoto

from bot.render.decisions import evidence_caption
from bot.render.texts import T
from bot.services.model import CardData
from storage.models import Note

ALBUM = 10
"""Telegram's largest album."""
BATCH = 30
"""Files sent for one press; the rest wait for "more" (a partner may keep hundreds)."""


@dataclass(frozen=True)
class Sent:
    sent: int
    missing: list[Note]
    left: int
    """Files still to send after this batch."""


def files_of(data: CardData) -> list[Note]:
    """The partner's kept files: photos, then documents, then voice notes, each in the order
    they were kept."""
    order = {"photo": 0, "document": 1, "voice": 2}
    kept = [n for n in data.notes if n.file_id and n.kind in order]
    return sorted(kept, key=lambda n: (order[n.kind], n.id))


async def send_evidence(bot: Bot, chat_id: int, t: T, data: CardData, page: int) -> Sent:
    """Batch `page` (from 0) of the partner's files, sent to `chat_id`."""
    files = files_of(data)
    batch = files[page * BATCH : (page + 1) * BATCH]
    missing: list[Note] = []
    for kind in ("photo", "document"):
        same = [n for n in batch if n.kind == kind]
        for start in range(0, len(same), ALBUM):
            missing += await _album(bot, chat_id, t, data, same[start : start + ALBUM])
    for note in (n for n in batch if n.kind == "voice"):
        missing += await _one(bot, chat_id, t, data, note)
    left = max(0, len(files) - (page + 1) * BATCH)
    return Sent(len(batch) - len(missing), missing, left)


async def _album(
    bot: Bot, chat_id: int, t: T, data: CardData, notes: Sequence[Note]
) -> list[Note]:
    """An album of photos or of documents (one file alone goes as itself); when Telegram
    refuses it, each file again on its own, to tell which are gone."""
    if len(notes) == 1:
        return await _one(bot, chat_id, t, data, notes[0])
    media: list[InputMediaPhoto | InputMediaDocument] = [
        InputMediaPhoto(media=n.file_id or "", caption=evidence_caption(t, data, n))
        if n.kind == "photo"
        else InputMediaDocument(media=n.file_id or "", caption=evidence_caption(t, data, n))
        for n in notes
    ]
    try:
        await bot.send_media_group(chat_id, media)  # type: ignore[arg-type]
    except TelegramBadRequest:
        missing = []
        for note in notes:
            missing += await _one(bot, chat_id, t, data, note)
        return missing
    return []


async def _one(bot: Bot, chat_id: int, t: T, data: CardData, note: Note) -> list[Note]:
    """One file with its caption; [note] when Telegram no longer has it."""
    caption, file_id = evidence_caption(t, data, note), note.file_id or ""
    try:
        if note.kind == "photo":
            await bot.send_photo(chat_id, file_id, caption=caption)
        elif note.kind == "document":
            await bot.send_document(chat_id, file_id, caption=caption)
        else:
            await bot.send_voice(chat_id, file_id, caption=caption)
    except TelegramBadRequest:
        return [note]
    return []
