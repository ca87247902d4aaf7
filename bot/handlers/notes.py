"""Evidence sent while a question is open: typed text, photos, documents, voice."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.dialog.screen import Screen
from bot.render.texts import T
from bot.services.interview import Assessments
from bot.telegram.filters import Attachment, PlainText
from bot.telegram.states import Interview
from storage.models import NoteKind, User


async def note_typed(
    message: Message, t: T, user: User, screen: Screen, assessments: Assessments
) -> None:
    """Text typed while a question is open is evidence: keep it as a note on that question.

    A lone digit is someone trying to answer by typing: point at the buttons instead.
    """
    text = (message.text or "").strip()
    if text in {"1", "2", "3", "4", "5"}:
        shown = await screen.open_question()
        question = shown.question if shown else ""
        await message.reply(t("interview.typed_answer", answer=text, question=question))
        return
    await keep_note(message, t, user, screen, assessments, ("text", message.text or "", None))


async def file_sent(
    message: Message,
    attachment: tuple[NoteKind, str, str],
    t: T,
    user: User,
    screen: Screen,
    assessments: Assessments,
) -> None:
    kind, file_id, body = attachment
    await keep_note(message, t, user, screen, assessments, (kind, body, file_id))


async def keep_note(
    message: Message,
    t: T,
    user: User,
    screen: Screen,
    assessments: Assessments,
    note: tuple[NoteKind, str, str | None],
) -> None:
    kind, body, file_id = note
    shown = await screen.open_question()
    at = shown and await assessments.position(user, shown.assessment, shown.question)
    if not at:
        await screen.clear()
        await message.answer(t("fallback.text"))
        return
    await assessments.add_note(at, kind, body, file_id, message.message_id)
    if kind == "text":
        await message.reply(t("interview.note_saved", question=at.question.id))
    else:
        await message.reply(
            t("interview.file_saved", kind=t.plain(f"label.{kind}"), question=at.question.id)
        )


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(note_typed, Interview.question, PlainText())
    router.message.register(file_sent, Interview.question, Attachment())
    return router
