"""One scheduler for everything the bot sends on its own (reminders now; nudges, the digest
and the deadline line as they come), on a clock that tests move.

Each job sends what is due at the time it is given and records every send in SQLite before
making it, so that a restart at any moment repeats none; a job that finds nothing new to send
sends nothing, so a tick missed while the bot was down is made up by the next one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Protocol

from aiogram import Bot

from storage.repositories import utcnow

log = logging.getLogger(__name__)

EVERY = 60.0
"""Seconds between ticks: a send due at 10:00 goes out before 10:01."""


class Job(Protocol):
    async def run(self, bot: Bot, now: datetime) -> int:
        """Send what is due at `now`; how many were sent."""
        ...


class Scheduler:
    def __init__(
        self,
        jobs: Sequence[Job],
        *,
        clock: Callable[[], datetime] = utcnow,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        every: float = EVERY,
    ) -> None:
        self.jobs = jobs
        self.clock = clock
        self._sleep = sleep
        self.every = every
        self._task: asyncio.Task[None] | None = None

    async def tick(self, bot: Bot) -> int:
        """Run every job once, at the clock's time; a failing job does not stop the others."""
        now, sent = self.clock(), 0
        for job in self.jobs:
            try:
                sent += await job.run(bot, now)
            except Exception:
                log.exception("scheduled %s failed", type(job).__name__)
        return sent

    async def _loop(self, bot: Bot) -> None:
        while True:
            await self.tick(bot)
            await self._sleep(self.every)

    async def start(self, bot: Bot) -> None:
        self._task = asyncio.create_task(self._loop(bot))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
