"""Fixtures of the end-to-end tier: the Bot API emulator, and the bot polling it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.botapi import BotAPIEmulator
from tests.e2e.harness import Running, start_bot


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
