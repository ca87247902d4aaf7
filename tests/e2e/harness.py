"""The bot under test: built from its real settings and polling the Bot API emulator in this
process. The fixtures in conftest.py start it; tests that start their own import from here."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from bot.__main__ import App, build
from bot.config import Settings
from bot.telegram.commands import MENUS
from questionnaire.model import LANGS
from tests.botapi import BotAPIEmulator

MENU_CALLS = len(MENUS) * (len(LANGS) + 1)
"""setMyCommands calls a bot makes as it starts: each menu in each language and the default."""


@dataclass
class Running:
    """The real bot, polling the emulator in this process."""

    emu: BotAPIEmulator
    app: App
    settings: Settings
    polling: asyncio.Task[None]

    async def stop(self) -> None:
        """Stop polling and close the database, as a shutdown does."""
        if not self.polling.done():
            await self.app.dispatcher.stop_polling()
            await self.polling
        await self.app.db.close()
        self.emu.detach()


def settings_for(emu: BotAPIEmulator, database: Path) -> Settings:
    return Settings(
        bot_token=SecretStr(emu.token),
        database_path=database,
        telegram_api_url=emu.base_url,
        log_level="DEBUG",
    )


async def start_bot(emu: BotAPIEmulator, database: Path) -> Running:
    return await start_with(emu, settings_for(emu, database))


async def start_with(emu: BotAPIEmulator, settings: Settings) -> Running:
    """The bot built from `settings` (which must point it at `emu`), polling."""
    app = await build(settings)
    emu.attach(app.dispatcher)
    polling = asyncio.create_task(
        app.dispatcher.start_polling(app.bot, handle_signals=False, polling_timeout=1)
    )
    await emu.wait_idle()
    return Running(emu, app, settings, polling)
