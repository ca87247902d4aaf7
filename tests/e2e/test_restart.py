"""Stopping the bot mid-interview loses nothing: a new process picks up where it stopped."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from questionnaire.model import Questionnaire
from questionnaire.scoring import points, score_partner
from tests.botapi import BotAPIEmulator
from tests.data import ALL_IDS, TECH
from tests.e2e.driver import answer_all, card_figures, shown_question, start
from tests.e2e.harness import MENU_CALLS, start_bot


def menus_set(emu: BotAPIEmulator) -> int:
    return len(emu.calls_of("setMyCommands"))


async def run_bot_process(
    emu: BotAPIEmulator, database: Path, log: Path
) -> asyncio.subprocess.Process:
    """`python -m bot` in its own process, pointed at the emulator by its real settings.

    Its log goes to a file: a pipe nobody reads fills up and stalls the bot.
    """
    env = {
        **os.environ,
        "BOT_TOKEN": emu.token,
        "DATABASE_PATH": str(database),
        "TELEGRAM_API_URL": emu.base_url,
        "LOG_LEVEL": "DEBUG",
    }
    before = menus_set(emu)
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", env=env, cwd=database.parent,
            stdout=output, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
    for _ in range(200):  # until its start-up is done; it polls right after
        if menus_set(emu) == before + MENU_CALLS:
            return process
        await asyncio.sleep(0.05)
    process.kill()
    raise AssertionError("the bot process never polled the emulator")


async def test_a_new_process_resumes_at_the_next_open_question(
    emu: BotAPIEmulator, tmp_path: Path, questionnaire: Questionnaire
) -> None:
    database = tmp_path / "bot.db"
    first = await start_bot(emu, database)
    anna = emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=True)
    assert await answer_all(anna, questionnaire, TECH, stop_after=10) == ALL_IDS[:10]
    still_open = anna.last
    assert shown_question(still_open) == ALL_IDS[10]
    await first.stop()

    log_file = tmp_path / "bot.log"
    process = await run_bot_process(emu, database, log_file)
    try:
        # The question left open before the stop still takes its answer.
        await anna.press(str(TECH[ALL_IDS[10]]), message=still_open)
        assert shown_question(anna.last) == ALL_IDS[11]
        await anna.send("/cancel")
        await anna.send("/continue")
        assert shown_question(anna.last) == ALL_IDS[11]
        assert "отвечено 11 из 27" in anna.last.text
        assert await answer_all(anna, questionnaire, TECH) == ALL_IDS[11:]
        expected = score_partner(questionnaire, TECH, technology=True)
        assert card_figures(anna.last) == (
            points(expected.score),
            points(expected.low),
            points(expected.high),
        )
        assert "отвечено" not in anna.last.text
    finally:
        process.terminate()
        await process.wait()
    log = log_file.read_text()
    assert process.returncode == 0, log
    assert "Start polling" in log
    assert emu.token not in log
    assert emu.token.split(":")[1] not in log
    assert emu.rejections == []
    assert emu.unanswered_callbacks() == []


async def test_no_token_exits_with_code_2_and_says_how_to_get_one(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, errors = await process.communicate()
    assert process.returncode == 2
    assert "BOT_TOKEN is not set" in errors.decode()
    assert "@BotFather" in errors.decode()
    assert not (tmp_path / "data").exists()
