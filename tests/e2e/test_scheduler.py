"""The scheduler: sends come due on a clock the test moves, and a restart repeats none."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from bot.scheduler import Scheduler
from storage.repositories import utcnow
from tests.botapi import BotAPIEmulator
from tests.e2e.harness import Running, start_bot


def at(bot: Running, moment: datetime) -> Scheduler:
    """The bot's scheduler, its clock set to `moment`."""
    scheduler: Scheduler = bot.app.dispatcher["scheduler"]
    scheduler.clock = lambda: moment
    return scheduler


async def test_a_reminder_comes_due_once_and_a_restart_sends_it_not_again(
    emu: BotAPIEmulator, tmp_path: Path
) -> None:
    database = tmp_path / "bot.db"
    first = await start_bot(emu, database)
    anna = emu.user(1001, "Anna", language_code="ru")
    await anna.send("/new Acme")
    await anna.press("Нет")
    later = utcnow() + timedelta(hours=23)
    assert await at(first, later).tick(first.app.bot) == 0  # not a day yet
    due = later + timedelta(hours=2)
    assert await at(first, due).tick(first.app.bot) == 1
    assert anna.last.text.startswith("Вы не закончили оценку «Acme»")
    assert await at(first, due).tick(first.app.bot) == 0  # once
    await first.stop()

    second = await start_bot(emu, database)  # as if killed after the send and started again
    count = len(anna.messages)
    assert await at(second, due + timedelta(minutes=1)).tick(second.app.bot) == 0
    assert len(anna.messages) == count
    await second.stop()
    assert emu.rejections == []
