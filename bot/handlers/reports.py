"""Looking across partners: /compare two side by side, /export everything, /report for
management, a team's answers."""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import UTC, datetime

from aiogram import Bot, Router
from aiogram.enums import ChatAction
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.charts import report
from bot.dialog.flow import Flow
from bot.render import tables
from bot.render.export import export_csv
from bot.render.format import local
from bot.render.texts import T
from bot.services.longlist import Longlist
from bot.services.names import NAME_LIMIT, clean_name
from bot.services.report import report_data
from bot.telegram import callbacks as cb
from questionnaire.model import Questionnaire
from storage.models import Partner, User, Workspace
from storage.repositories import utcnow

log = logging.getLogger(__name__)

SEPARATOR = re.compile(r"\s*(?:\||,|\s+vs\.?\s+|\s+и\s+)\s*", re.IGNORECASE)


async def compare_command(
    message: Message,
    command: CommandObject,
    t: T,
    user: User,
    workspace: Workspace,
    flow: Flow,
    longlist: Longlist,
    questionnaire: Questionnaire,
) -> None:
    """/compare Acme | Globex (also "vs", "и" or a comma; or just two names that exist)."""
    pair = await _two_partners(message, command.args or "", flow)
    if isinstance(pair, str):
        await message.answer(t("compare.not_found", name=pair) if pair else t("compare.usage"))
        return
    first = await longlist.card(workspace, user, pair[0].id)
    second = await longlist.card(workspace, user, pair[1].id)
    if first is None or second is None:
        await message.answer(t("compare.usage"))
        return
    await message.answer(tables.compare_message(t, first, second, questionnaire))


async def _two_partners(message: Message, args: str, flow: Flow) -> tuple[Partner, Partner] | str:
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
        found = [await flow.find(message, n) if n else None for n in names]
        if found[0] and found[1]:
            return found[0], found[1]
        if len(candidates) == 1:
            missing = next(n or "" for n, p in zip(names, found, strict=True) if p is None)
    return missing


async def export_command(
    message: Message,
    t: T,
    user: User,
    workspace: Workspace,
    longlist: Longlist,
    questionnaire: Questionnaire,
) -> None:
    cards = await longlist.cards(workspace, user)
    if not cards:
        await message.answer(t("export.empty"))
        return
    data = export_csv(t, cards, questionnaire)
    name = f"partnerfit-{local(t, workspace, utcnow()):%Y-%m-%d}.csv"
    await message.answer_document(
        BufferedInputFile(data, filename=name), caption=t("export.caption", count=len(cards))
    )


async def report_command(
    message: Message,
    bot: Bot,
    t: T,
    workspace: Workspace,
    longlist: Longlist,
    questionnaire: Questionnaire,
) -> None:
    """/report: the list for management, as a PDF to print and an XLSX to sort and filter,
    both made in the drawing worker from the numbers the cards and the ranking show."""
    data = await report_data(longlist, workspace)
    if not data.ranked:
        await message.answer(t("report.empty"))
        return
    await bot.send_chat_action(message.chat.id, ChatAction.UPLOAD_DOCUMENT)  # a long list: seconds
    now = datetime.now(UTC)
    # Tens of thousands of cells for a long list: in a thread, so other updates interleave.
    made = await asyncio.to_thread(report.report, t, data, questionnaire, now)
    try:
        pdf, xlsx = await report.files(made)
    except Exception:  # the worker's failure is logged and told, never a silent nothing
        log.exception("the report of workspace %s could not be made", workspace.id)
        await message.answer(t("report.failed"))
        return
    stem = f"partnerfit-report-{report.local_day(t, workspace, now):%Y-%m-%d}"
    count = len(data.ranked)
    await message.answer_document(
        BufferedInputFile(pdf, filename=f"{stem}.pdf"),
        caption=t(
            "report.caption_pdf",
            name=workspace.title,
            own=workspace.kind == "private",
            count=count,
        ),
    )
    await message.answer_document(
        BufferedInputFile(xlsx, filename=f"{stem}.xlsx"), caption=t("report.caption_xlsx")
    )


async def team_answers_pressed(
    query: CallbackQuery,
    callback_data: cb.TeamAnswers,
    callback_answer: CallbackAnswer,
    t: T,
    user: User,
    workspace: Workspace,
    longlist: Longlist,
    questionnaire: Questionnaire,
) -> None:
    data = await longlist.card(workspace, user, callback_data.partner)
    if data is None or not isinstance(query.message, Message):
        callback_answer.text = t.plain("alert.unknown_partner")
        return
    await query.message.answer(tables.team_answers_message(t, data, questionnaire))


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.message.register(compare_command, Command("compare"))
    router.message.register(export_command, Command("export"))
    router.message.register(report_command, Command("report"))
    router.callback_query.register(team_answers_pressed, cb.TeamAnswers.filter())
    return router
