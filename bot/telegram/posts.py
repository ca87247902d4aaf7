"""Posting to a Telegram group without flooding it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Hashable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import InlineKeyboardMarkup, Message

from storage.cache import Bounded

log = logging.getLogger(__name__)

CHATS = 10_000
"""Groups whose last minute of posts is remembered."""

Shown = tuple[str, InlineKeyboardMarkup | None]
Render = Callable[[], Awaitable[Shown | None]]
"""What a post or an edit shows, drawn when it goes out; None: nothing (any more) to show."""
Sent = Callable[[Message], Awaitable[None]]
Deliver = Callable[[], Awaitable[None]]


class GroupPosts:
    """Posts to groups (and edits their messages) at most 20 a minute each, Telegram's limit
    for a group.

    Within the limit a post goes out at once. Past it, the post waits for a free slot, and
    several waiting posts about the same thing (a partner, a line) become one, rendered when
    it is sent.
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
        self._waiting: dict[tuple[int, Hashable], asyncio.Task[None]] = {}

    def _delay(self, chat_id: int) -> float:
        sent = self._sent_to(chat_id)
        now = self._clock()
        while sent and now - sent[0] >= self.WINDOW:
            sent.popleft()
        return 0.0 if len(sent) < self.LIMIT else self.WINDOW - (now - sent[0])

    async def post(
        self, bot: Bot, chat_id: int, about: Hashable, render: Render, *, sent: Sent | None = None
    ) -> None:
        """A new message; `sent` is told of it once it is out."""

        async def deliver() -> None:
            shown = await render()
            if shown is not None:
                message = await bot.send_message(chat_id, shown[0], reply_markup=shown[1])
                if sent is not None:
                    await sent(message)

        await self._queue(chat_id, about, deliver)

    async def edit(
        self, bot: Bot, chat_id: int, message_id: int, about: Hashable, render: Render
    ) -> None:
        """A message of the group's shown anew."""

        async def deliver() -> None:
            shown = await render()
            if shown is not None:
                await bot.edit_message_text(
                    shown[0], chat_id=chat_id, message_id=message_id, reply_markup=shown[1]
                )

        await self._queue(chat_id, about, deliver)

    async def run(self, chat_id: int, about: Hashable, deliver: Deliver) -> None:
        """Whatever `deliver` shows in the group (it handles the errors it expects), counted
        against the same limit."""
        await self._queue(chat_id, about, deliver)

    async def _queue(self, chat_id: int, about: Hashable, deliver: Deliver) -> None:
        delay = self._delay(chat_id)
        if delay <= 0:
            await self._send(chat_id, deliver)
        elif (chat_id, about) not in self._waiting:
            task = asyncio.create_task(self._later(chat_id, about, deliver, delay))
            self._waiting[chat_id, about] = task

    async def _later(self, chat_id: int, about: Hashable, deliver: Deliver, delay: float) -> None:
        try:
            while delay > 0:
                await self._sleep(delay)
                delay = self._delay(chat_id)
            await self._send(chat_id, deliver)
        finally:
            self._waiting.pop((chat_id, about), None)

    async def _send(self, chat_id: int, deliver: Deliver) -> None:
        self._sent_to(chat_id).append(self._clock())
        try:
            await deliver()
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
