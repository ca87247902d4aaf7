"""What the deadline sends (PRODUCT.md §8), as jobs of the scheduler: at 10:00 in a list's own
time zone a nudge to each assignee who is behind, the morning after the deadline one line to
the group; at 18:00 the day's digest.

Each send is recorded in SQLite (table `sends`, one row per list, kind, person and local day)
before it is made: a restart never repeats one, and a bot that was down at 10:00 sends when it
comes back the same day.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError

from bot.access import Access, Role
from bot.render import deadlines as render
from bot.render import keyboards
from bot.render.texts import Texts
from bot.services.calendar import due_today
from bot.services.deadlines import Deadlines
from bot.services.model import Waiting
from questionnaire.model import Lang
from storage.db import Database
from storage.models import User, Workspace

log = logging.getLogger(__name__)

NUDGE_AT = time(10)
DIGEST_AT = time(18)


class Nudges:
    """At 10:00 local: a nudge per person behind, until the deadline; the line the day after."""

    def __init__(self, db: Database, texts: Texts, deadlines: Deadlines, access: Access) -> None:
        self.db = db
        self.texts = texts
        self.deadlines = deadlines
        self.access = access

    async def run(self, bot: Bot, now: datetime) -> int:
        async with self.db.read() as tx:
            lists = await tx.with_deadline()
        sent = 0
        for workspace, lang in lists:
            today = due_today(now, NUDGE_AT, workspace.zone(lang))
            if today is None or workspace.deadline is None:
                continue
            if today <= workspace.deadline:
                sent += await self._nudge(bot, workspace, today, now)
            elif today == workspace.deadline + timedelta(days=1):
                sent += await self._overdue(bot, workspace, lang, now)
        return sent

    async def _nudge(self, bot: Bot, workspace: Workspace, today: date, now: datetime) -> int:
        async with self.db.read() as tx:
            done = await tx.sent_to(workspace.id, "nudge", today)
        sent = 0
        for user, items in await self.deadlines.behind(workspace, skip=done):
            role = await self.access.role(bot, user.id, workspace)
            if role is Role.UNKNOWN:
                continue  # Telegram could not say: asked again at the next tick
            if role is Role.NONE:
                continue  # no longer in the group: not theirs to do
            async with self.db.statement() as tx:
                if not await tx.claim_send(workspace.id, "nudge", today, now, user_id=user.id):
                    continue
            sent += await self._send_nudge(bot, user, workspace, items, today)
        return sent

    async def _send_nudge(
        self, bot: Bot, user: User, workspace: Workspace, items: list[Waiting], today: date
    ) -> int:
        t = self.texts(user.lang)
        try:
            await bot.send_message(
                user.id,
                render.nudge(t, workspace, items, today),
                reply_markup=keyboards.todo(t, items[: render.SHOWN]),
            )
        except TelegramForbiddenError:
            async with self.db.statement() as tx:
                await tx.set_blocked(user.id, True)
            return 0
        except TelegramAPIError as exc:
            log.warning("nudge to %s failed: %s", user.id, exc)
            return 0
        return 1

    async def _overdue(self, bot: Bot, workspace: Workspace, lang: Lang, now: datetime) -> int:
        assert workspace.deadline is not None
        day = workspace.deadline + timedelta(days=1)
        async with self.db.statement() as tx:
            if not await tx.claim_send(workspace.id, "overdue", day, now):
                return 0
        standing = await self.deadlines.standing(workspace)
        t = self.texts(lang)
        text = render.overdue(
            t,
            workspace,
            standing.done,
            standing.total,
            standing.owed,
            by_partner=standing.by_partner,
        )
        try:
            await bot.send_message(workspace.chat_id, text)
        except TelegramAPIError as exc:
            log.warning("the deadline line to %s failed: %s", workspace.chat_id, exc)
            return 0
        return 1


class DailyDigest:
    """At 18:00 local, one message a group: what changed since its last digest; none when
    nothing did."""

    def __init__(self, db: Database, texts: Texts, deadlines: Deadlines) -> None:
        self.db = db
        self.texts = texts
        self.deadlines = deadlines

    async def run(self, bot: Bot, now: datetime) -> int:
        async with self.db.read() as tx:
            groups = await tx.groups()
        sent = 0
        for workspace, lang in groups:
            today = due_today(now, DIGEST_AT, workspace.zone(lang))
            if today is None:
                continue
            async with self.db.read() as tx:
                if await tx.sent_to(workspace.id, "digest", today):
                    continue
            digest, state = await self.deadlines.digest(workspace, now)
            async with self.db.statement() as tx:  # recorded even when empty: looked at today
                if not await tx.claim_send(workspace.id, "digest", today, now, state=state):
                    continue
            if digest.empty:
                continue
            by_person: dict[str, list[str]] = {}
            for done in digest.finished:
                by_person.setdefault(done.user, []).append(done.partner)
            text = render.digest(
                self.texts(lang),
                workspace,
                list(by_person.items()),
                digest.tiers,
                digest.disagreements,
                digest.reopened,
            )
            try:
                await bot.send_message(workspace.chat_id, text)
                sent += 1
            except TelegramAPIError as exc:
                log.warning("the digest to %s failed: %s", workspace.chat_id, exc)
        return sent
