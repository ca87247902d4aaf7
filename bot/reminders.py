"""A reminder, once, of an assessment left unfinished for about a day (a scheduler job)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError

from bot.access import Access, Role
from bot.render import keyboards
from bot.render.texts import Texts
from bot.services.interview import Assessments
from storage.db import Database
from storage.repositories import utcnow

log = logging.getLogger(__name__)

IDLE = timedelta(hours=24)


class Reminders:
    def __init__(
        self, db: Database, texts: Texts, assessments: Assessments, access: Access
    ) -> None:
        self.db = db
        self.texts = texts
        self.assessments = assessments
        self.access = access

    async def send_due(self, bot: Bot, now: datetime | None = None) -> int:
        """Remind everyone whose assessment has been idle for a day; return how many."""
        now = now or utcnow()
        async with self.db.read() as tx:
            due = await tx.due_reminders(now - IDLE)
        sent = 0
        for assessment, partner, workspace_id in due:
            async with self.db.read() as tx:
                user = await tx.user(assessment.user_id)
                home = await tx.workspace_by_id(workspace_id)
            role = await self.access.role(bot, user.id, home) if user and home else Role.NONE
            if role is Role.UNKNOWN:
                continue  # Telegram could not say: asked again next round
            async with self.db.statement() as tx:
                await tx.set_reminded(assessment.id, now)  # once, whatever happens next
            if user is None or role is Role.NONE:
                continue  # they left its group: /continue tells them, a reminder would not help
            at = await self.assessments.position(user, assessment.id)
            t = self.texts(user.lang)
            text = (
                t(
                    "interview.reminder",
                    name=partner,
                    answered=at.progress.answered,
                    total=at.progress.total,
                )
                if at
                else t("interview.reminder_start", name=partner)
            )
            try:
                await bot.send_message(
                    user.id, text, reply_markup=keyboards.resume(t, assessment.id)
                )
                sent += 1
            except TelegramForbiddenError:
                async with self.db.transaction() as tx:
                    await tx.set_blocked(user.id, True)
            except TelegramAPIError as exc:
                log.warning("reminder to %s failed: %s", user.id, exc)
        return sent

    async def run(self, bot: Bot, now: datetime) -> int:
        """As a job of the scheduler."""
        return await self.send_due(bot, now)
