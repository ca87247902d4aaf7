"""Telegram's errors, handled once for every request the bot makes.

- 429 Too Many Requests: wait the `retry_after` Telegram asks for and try again (bounded).
- 5xx and network errors: try again with a growing pause (bounded).
- 400 "message is not modified" (a second tap that would change nothing) and 400 "query is too
  old" (a button answered already, say before a restart): nothing to do, not an error.
- 403 from a private chat (the person blocked the bot): remembered, so nothing more is sent
  there; the error still ends the update, quietly (see the error handler).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

log = logging.getLogger(__name__)

HARMLESS = ("message is not modified", "query is too old")


class Resilience(BaseRequestMiddleware):
    def __init__(
        self,
        *,
        retries: int = 4,
        longest_wait: float = 60.0,
        pause: float = 0.5,
        blocked: Callable[[int], Awaitable[None]] | None = None,
    ) -> None:
        self.retries = retries
        self.longest_wait = longest_wait
        self.pause = pause
        self.blocked = blocked

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        attempt = 0
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if attempt >= self.retries or exc.retry_after > self.longest_wait:
                    raise
                log.info("%s: Telegram asks to wait %ss", type(method).__name__, exc.retry_after)
                await asyncio.sleep(exc.retry_after)
            except (TelegramServerError, TelegramNetworkError) as exc:
                if attempt >= self.retries:
                    raise
                log.info("%s failed (%s), trying again", type(method).__name__, exc)
                await asyncio.sleep(self.pause * 2**attempt)
            except TelegramBadRequest as exc:
                if any(text in exc.message for text in HARMLESS):
                    return True
                raise
            except TelegramForbiddenError:
                chat = getattr(method, "chat_id", None)
                if self.blocked and isinstance(chat, int) and chat > 0:
                    await self.blocked(chat)
                raise
            attempt += 1
