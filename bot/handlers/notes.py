"""Evidence sent while a question is open: typed text, photos, documents, voice."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.conversation import Conversation
from bot.telegram.filters import Attachment, PlainText
from bot.telegram.states import Interview
from storage.models import NoteKind


async def note_typed(message: Message, talk: Conversation) -> None:
    """Text typed while a question is open is evidence: keep it as a note on that question.

    A lone digit is someone trying to answer by typing: point at the buttons instead.
    """
    text = (message.text or "").strip()
    if text in {"1", "2", "3", "4", "5"}:
        question = (await talk.state.get_data()).get("question", "")
        await message.reply(talk.t("interview.typed_answer", answer=text, question=question))
        return
    await keep_note(message, talk, "text", message.text or "", None)


async def file_sent(
    message: Message, attachment: tuple[NoteKind, str, str], talk: Conversation
) -> None:
    kind, file_id, body = attachment
    await keep_note(message, talk, kind, body, file_id)


async def keep_note(
    message: Message, talk: Conversation, kind: NoteKind, body: str, file_id: str | None
) -> None:
    t = talk.t
    data = await talk.state.get_data()
    at = None
    if isinstance(data.get("assessment"), int) and isinstance(data.get("question"), str):
        at = await talk.assessments.position(talk.user, data["assessment"], data["question"])
    if at is None:
        await talk.state.clear()
        await message.answer(t("fallback.text"))
        return
    await talk.assessments.add_note(at, kind, body, file_id, message.message_id)
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
