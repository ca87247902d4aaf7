"""Looking across partners: /compare two side by side, /export everything, a team's answers."""

from __future__ import annotations

import re
from datetime import date

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.conversation import Conversation
from bot.render import tables
from bot.render.export import export_csv
from bot.services.interview import NAME_LIMIT, clean_name
from bot.telegram import callbacks as cb
from storage.models import Partner

SEPARATOR = re.compile(r"\s*(?:\||,|\s+vs\.?\s+|\s+и\s+)\s*", re.IGNORECASE)


async def compare_command(message: Message, command: CommandObject, talk: Conversation) -> None:
    """/compare Acme | Globex (also "vs", "и" or a comma; or just two names that exist)."""
    t = talk.t
    pair = await _two_partners(message, command.args or "", talk)
    if isinstance(pair, str):
        await message.answer(t("compare.not_found", name=pair) if pair else t("compare.usage"))
        return
    first = await talk.longlist.card(talk.workspace, talk.user, pair[0].id)
    second = await talk.longlist.card(talk.workspace, talk.user, pair[1].id)
    if first is None or second is None:
        await message.answer(t("compare.usage"))
        return
    await message.answer(tables.compare_message(t, first, second, talk.questionnaire))


async def _two_partners(
    message: Message, args: str, talk: Conversation
) -> tuple[Partner, Partner] | str:
    """The two partners named, or the name that matched nothing ("" when it is not two names)."""
    if len(args) > 2 * NAME_LIMIT + 5:  # longer than any two names: not worth trying splits
        return ""
    parts = [p for p in SEPARATOR.split(args.strip()) if p]
    words = args.split()
    candidates = (
        [(parts[0], parts[1])]
        if len(parts) == 2
        else [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    )
    missing = ""
    for left, right in candidates:
        names = [clean_name(left), clean_name(right)]
        found = [await talk.find(message, n) if n else None for n in names]
        if found[0] and found[1]:
            return found[0], found[1]
        if len(candidates) == 1:
            missing = next(n or "" for n, p in zip(names, found, strict=True) if p is None)
    return missing


async def export_command(message: Message, talk: Conversation) -> None:
    t = talk.t
    cards = await talk.longlist.cards(talk.workspace, talk.user)
    if not cards:
        await message.answer(t("export.empty"))
        return
    data = export_csv(t, cards, talk.questionnaire)
    name = f"partnerfit-{date.today():%Y-%m-%d}.csv"
    await message.answer_document(
        BufferedInputFile(data, filename=name), caption=t("export.caption", count=len(cards))
    )


async def team_answers_pressed(
    query: CallbackQuery,
    callback_data: cb.TeamAnswers,
    callback_answer: CallbackAnswer,
    talk: Conversation,
) -> None:
    if shown := await talk.card_pressed(query, callback_data.partner, callback_answer):
        message, data = shown
        await message.answer(tables.team_answers_message(talk.t, data, talk.questionnaire))


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(compare_command, Command("compare"))
    router.message.register(export_command, Command("export"))
    router.callback_query.register(team_answers_pressed, cb.TeamAnswers.filter())
    return router
