"""Posting to a Telegram group without flooding it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import InlineKeyboardMarkup

from storage.cache import Bounded

log = logging.getLogger(__name__)

CHATS = 10_000
"""Groups whose last minute of posts is remembered."""

Render = Callable[[], Awaitable[tuple[str, InlineKeyboardMarkup | None]]]


class GroupPosts:
    """Posts to groups at most 20 a minute each (Telegram's limit for a group).

    Within the limit a post goes out at once. Past it, the post waits for a free slot, and
    several waiting posts about the same partner become one, rendered when it is sent.
    """

    LIMIT = 20
    WINDOW = 60.0

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._sent: Bounded[int, deque[float]] = Bounded(CHATS)
        """Each group's posts of the last minute (groups posted to least lately go first)."""
        self._waiting: dict[tuple[int, int], asyncio.Task[None]] = {}

    def _delay(self, chat_id: int) -> float:
        sent = self._sent_to(chat_id)
        now = self._clock()
        while sent and now - sent[0] >= self.WINDOW:
            sent.popleft()
        return 0.0 if len(sent) < self.LIMIT else self.WINDOW - (now - sent[0])

    async def post(self, bot: Bot, chat_id: int, about: int, render: Render) -> None:
        delay = self._delay(chat_id)
        if delay <= 0:
            await self._send(bot, chat_id, render)
        elif (chat_id, about) not in self._waiting:
            task = asyncio.create_task(self._later(bot, chat_id, about, render, delay))
            self._waiting[chat_id, about] = task

    async def _later(
        self, bot: Bot, chat_id: int, about: int, render: Render, delay: float
    ) -> None:
        try:
            while delay > 0:
                await self._sleep(delay)
                delay = self._delay(chat_id)
            await self._send(bot, chat_id, render)
        finally:
            self._waiting.pop((chat_id, about), None)

    async def _send(self, bot: Bot, chat_id: int, render: Render) -> None:
        self._sent_to(chat_id).append(self._clock())
        text, markup = await render()
        try:
            await bot.send_message(chat_id, text, reply_markup=markup)
        except TelegramAPIError as exc:
            log.warning("could not post to group %s: %s", chat_id, exc)

    def _sent_to(self, chat_id: int) -> deque[float]:
        sent = self._sent.get(chat_id)
        if sent is None:
            sent = deque()
            self._sent.put(chat_id, sent)
        return sent

    async def close(self) -> None:
        for task in list(self._waiting.values()):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
