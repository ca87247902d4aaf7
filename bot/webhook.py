"""Webhook mode: Telegram posts updates to an aiohttp server that checks its secret token."""

from __future__ import annotations

import asyncio
import logging
import signal

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.config import Settings

log = logging.getLogger(__name__)

PATH = "/telegram"
"""The path the server serves; WEBHOOK_URL may end in it or not."""


def registered_url(webhook_url: str) -> str:
    """The address to give Telegram: WEBHOOK_URL ending in PATH, added only if missing.

    The README writes WEBHOOK_URL with PATH and .env.example without it; both must reach the
    server, and appending PATH again would register a path nothing serves.
    """
    base = webhook_url.rstrip("/")
    return base if base.endswith(PATH) else base + PATH


async def start(dispatcher: Dispatcher, bot: Bot, settings: Settings) -> web.AppRunner:
    """Listen on WEBHOOK_HOST:WEBHOOK_PORT and tell Telegram where to post."""
    if settings.webhook_url is None or settings.webhook_secret is None:
        raise ValueError("a webhook needs WEBHOOK_URL and WEBHOOK_SECRET")
    secret = settings.webhook_secret.get_secret_value()
    server = web.Application()
    # Handled before answering Telegram: an update is acknowledged only once it is handled.
    SimpleRequestHandler(
        dispatcher=dispatcher, bot=bot, secret_token=secret, handle_in_background=False
    ).register(server, path=PATH)
    setup_application(server, dispatcher, bot=bot)
    runner = web.AppRunner(server)
    await runner.setup()
    await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
    url = registered_url(settings.webhook_url)
    await bot.set_webhook(
        url,
        secret_token=secret,
        allowed_updates=dispatcher.resolve_used_update_types(),
        drop_pending_updates=False,
    )
    log.info("webhook %s served on %s:%s", url, settings.webhook_host, settings.webhook_port)
    return runner


async def stopped() -> None:
    """Until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
