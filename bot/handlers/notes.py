"""Evidence sent while a question is open: typed text, photos, documents, voice."""

from __future__ import annotations

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.assessments import Assessments
from bot.filters import Attachment, PlainText
from bot.states import Interview
from bot.texts import T
from storage.models import NoteKind, User


async def note_typed(
    message: Message, state: FSMContext, t: T, user: User, assessments: Assessments
) -> None:
    """Text typed while a question is open is evidence: keep it as a note on that question.

    A lone digit is someone trying to answer by typing: point at the buttons instead.
    """
    text = (message.text or "").strip()
    if text in {"1", "2", "3", "4", "5"}:
        question = (await state.get_data()).get("question", "")
        await message.reply(t("interview.typed_answer", answer=text, question=question))
        return
    await keep_note(message, state, t, user, assessments, "text", message.text or "", None)


async def file_sent(
    message: Message,
    attachment: tuple[NoteKind, str, str],
    state: FSMContext,
    t: T,
    user: User,
    assessments: Assessments,
) -> None:
    kind, file_id, body = attachment
    await keep_note(message, state, t, user, assessments, kind, body, file_id)


async def keep_note(
    message: Message,
    state: FSMContext,
    t: T,
    user: User,
    assessments: Assessments,
    kind: NoteKind,
    body: str,
    file_id: str | None,
) -> None:
    data = await state.get_data()
    at = None
    if isinstance(data.get("assessment"), int) and isinstance(data.get("question"), str):
        at = await assessments.position(user, data["assessment"], data["question"])
    if at is None:
        await state.clear()
        await message.answer(t("fallback.text"))
        return
    await assessments.add_note(at, kind, body, file_id)
    if kind == "text":
        await message.reply(t("interview.note_saved", question=at.question.id))
    else:
        await message.reply(
            t("interview.file_saved", kind=t(f"kind.{kind}"), question=at.question.id)
        )


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(note_typed, Interview.question, PlainText())
    router.message.register(file_sent, Interview.question, Attachment())
    return router
