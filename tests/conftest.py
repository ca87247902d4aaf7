from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.__main__ import App, build
from bot.config import Settings
from bot.telegram.commands import MENUS
from questionnaire.loader import load_questionnaire
from questionnaire.model import LANGS, Questionnaire
from tests.botapi import BotAPIEmulator

MENU_CALLS = len(MENUS) * (len(LANGS) + 1)
"""setMyCommands calls a bot makes as it starts: each menu in each language and the default."""


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    return load_questionnaire()


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
    settings = settings_for(emu, database)
    app = await build(settings)
    emu.attach(app.dispatcher)
    polling = asyncio.create_task(
        app.dispatcher.start_polling(app.bot, handle_signals=False, polling_timeout=1)
    )
    await emu.wait_idle()
    return Running(emu, app, settings, polling)


@pytest.fixture
async def emu() -> AsyncIterator[BotAPIEmulator]:
    emulator = BotAPIEmulator()
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture
async def running(emu: BotAPIEmulator, tmp_path: Path) -> AsyncIterator[Running]:
    """The bot polling the emulator; afterwards, Telegram must have refused nothing it sent."""
    bot = await start_bot(emu, tmp_path / "data" / "bot.db")
    yield bot
    await bot.stop()
    assert emu.rejections == [], [f"{c.method}: {c.response}" for c in emu.rejections]
    assert emu.unanswered_callbacks() == []
