"""Before serving: is the Bot API there, and will it serve this token? And what never to log.

Exit codes the caller gives these: 2 for `Refused`, `UNREACHABLE` (69, EX_UNAVAILABLE in
sysexits.h) for `Unreachable`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import GetMe
from aiogram.types import User

from bot.config import Settings
from bot.telegram import proxy

log = logging.getLogger(__name__)

REFUSED = """\
Telegram refused BOT_TOKEN: getMe at {address} answered 401 Unauthorized. The token is
mistyped or was revoked; copy the bot's current one from @BotFather (/mybots, the bot,
API Token) into BOT_TOKEN.
"""
NOT_FOUND = """\
The Bot API at {address} answered 404 Not Found to getMe: either TELEGRAM_API_URL is not a
Bot API server, or it does not know BOT_TOKEN.
"""
UNREACHABLE = 69
UNREACHABLE_TEXT = """\
Could not reach the Bot API at {address}{through} ({attempts} attempts in {waited:.0f} s).
The last error: {error}
{check} Exit code {code}.
"""
CHECK_DIRECT = """\
Check that this machine reaches that address (network, firewall, DNS). Where Telegram is
blocked, set TELEGRAM_PROXY to a proxy that reaches it, or TELEGRAM_API_URL to a Bot API server
that this machine reaches (see .env.example)."""
CHECK_PROXY = """\
Check that the proxy runs, reaches that address, and takes the user and password in
TELEGRAM_PROXY; or set TELEGRAM_API_URL to a Bot API server that the proxy reaches."""
TELEGRAM = "https://api.telegram.org"
CHECK_TIMEOUT = 10
"""Seconds for each getMe at start; aiogram's own 60 would make a silent network slow to tell."""


class RedactSecrets(logging.Filter):
    """Keep secrets (the token, a proxy's password) out of every log line, whatever library
    writes it; each shows as its name instead."""

    def __init__(self, secrets: Mapping[str, str]) -> None:
        super().__init__()
        # Longest first, so that no secret is left half shown by a shorter one inside it.
        self.secrets = sorted(
            ((secret, name) for secret, name in secrets.items() if secret),
            key=lambda pair: -len(pair[0]),
        )

    def redact(self, text: str) -> str:
        for secret, name in self.secrets:
            text = text.replace(secret, name)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if (redacted := self.redact(message)) != message:
            record.msg, record.args = redacted, None
        if record.exc_info and record.exc_info[1]:
            failure = logging.Formatter().formatException(record.exc_info)
            if (redacted := self.redact(failure)) != failure:
                record.exc_text, record.exc_info = redacted, None
        return True


def secrets(settings: Settings) -> dict[str, str]:
    """Each secret in the settings, and the name a log line shows in its place."""
    found: dict[str, str] = {}
    if settings.bot_token is not None:
        found[settings.bot_token.get_secret_value()] = "<BOT_TOKEN>"
    if settings.webhook_secret is not None:
        found[settings.webhook_secret.get_secret_value()] = "<WEBHOOK_SECRET>"
    if settings.telegram_proxy is not None:
        for password in proxy.passwords(settings.telegram_proxy.get_secret_value()):
            found[password] = "<TELEGRAM_PROXY password>"
    return found


def through(settings: Settings) -> str:
    """ " through the proxy socks5://anna:***@10.0.0.5:1080", or nothing without a proxy."""
    if settings.telegram_proxy is None:
        return ""
    return f" through the proxy {proxy.shown(settings.telegram_proxy.get_secret_value())}"


class Refused(Exception):
    """The Bot API answered, and will not serve this token: waiting would not help."""


class Unreachable(Exception):
    """No answer from the Bot API within the start-up's patience."""


@dataclass(frozen=True)
class Patience:
    """How start-up waits for the Bot API: pauses double from `first` up to `longest` seconds,
    until `total` seconds of pauses are spent (about ten attempts in three minutes)."""

    first: float = 1.0
    longest: float = 30.0
    total: float = 180.0
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep


async def check_telegram(bot: Bot, settings: Settings, patience: Patience) -> User:
    """Ask the Bot API who the bot is before serving, so that a wrong address, a blocked network
    or a refused token ends in a message rather than a traceback from inside polling."""
    address = settings.telegram_api_url or TELEGRAM
    via = through(settings)
    pause, waited, attempts = patience.first, 0.0, 0
    while True:
        attempts += 1
        try:
            # Past the session's middlewares: Resilience would retry each attempt on its own.
            return await bot.session.make_request(bot, GetMe(), timeout=CHECK_TIMEOUT)
        except TelegramUnauthorizedError as exc:
            raise Refused(REFUSED.format(address=address)) from exc
        except TelegramNotFound as exc:
            raise Refused(NOT_FOUND.format(address=address)) from exc
        except TelegramRetryAfter as exc:
            error, wait = exc.message, float(exc.retry_after)
        except (TelegramNetworkError, TelegramServerError) as exc:
            error, wait = exc.message, pause
        except ClientDecodeError:  # say, a captive portal's or a blocking page's HTML
            error, wait = "the answer was not the Bot API's", pause
        if waited + wait > patience.total:
            text = UNREACHABLE_TEXT.format(
                address=address,
                through=via,
                attempts=attempts,
                waited=waited,
                error=error,
                check=CHECK_PROXY if via else CHECK_DIRECT,
                code=UNREACHABLE,
            )
            raise Unreachable(text)
        log.warning("Bot API at %s%s: %s; trying again in %.0f s", address, via, error, wait)
        await patience.sleep(wait)
        waited += wait
        pause = min(pause * 2, patience.longest)
