"""`python -m bot` killed with SIGKILL at random points loses no confirmed answer.

CI runs 20 kills; the full soak runs as many as SOAK_KILLS says, for example:
    SOAK_KILLS=200 .venv/bin/pytest tests/e2e/test_durability.py
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import sqlite3
import sys
from collections.abc import Callable, Coroutine
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import pytest

from questionnaire.model import Questionnaire
from tests.botapi import BotAPIEmulator, ScriptedUser
from tests.data import NON_TECH_IDS
from tests.e2e.driver import button_for, button_label, is_question, shown_question, start
from tests.e2e.harness import MENU_CALLS, start_bot

T = TypeVar("T")
KILLS = int(os.environ.get("SOAK_KILLS", "20"))
CARD_SECONDS = 180
"""Each interview's limit, however the kills fall: past it, the test fails with the bot's log."""
pytestmark = [
    pytest.mark.soak,  # CI runs it as it is; the variable above scales it up
    pytest.mark.timeout(120 + 15 * KILLS),
]
RATINGS: dict[str, int | None] = {
    q: (None if i % 7 == 3 else 1 + (i * 3) % 5) for i, q in enumerate(NON_TECH_IDS)
}
RATINGS["2.2"] = 4
NOTES = {"2.1": "выручка 70/30", "5.2": "CRM: 12 000 клиентов", "8.3": "Иван, head of sales"}
NOT_TECHNOLOGY = button_label("no_technology")


class BotProcess:
    """The bot in a process of its own, pointed at the emulator by its real settings."""

    def __init__(self, emu: BotAPIEmulator, database: Path, log: Path) -> None:
        self.emu = emu
        self.database = database
        self.log = log
        self.process: asyncio.subprocess.Process | None = None
        self.orphans: set[int] = set()
        """Processes the killed bots had started (the drawing worker): they must end too."""
        self.starts = 0
        self.kills = 0

    async def start(self) -> None:
        env = {
            **os.environ,
            "BOT_TOKEN": self.emu.token,
            "DATABASE_PATH": str(self.database),
            "TELEGRAM_API_URL": self.emu.base_url,
            "LOG_LEVEL": "INFO",
        }
        before = len(self.emu.calls_of("setMyCommands"))
        with self.log.open("ab") as output:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", env=env, cwd=self.database.parent,
                stdout=output, stderr=asyncio.subprocess.STDOUT,
            )  # fmt: skip
        self.starts += 1
        for _ in range(600):  # its start-up is done once the menus are set
            if len(self.emu.calls_of("setMyCommands")) >= before + MENU_CALLS:
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"the bot process did not start in 30s; {self.tail()}")

    async def kill(self) -> None:
        assert self.process is not None
        self.orphans |= children(self.process.pid)
        self.process.send_signal(signal.SIGKILL)
        await self.ended(10)
        self.kills += 1

    async def stop(self) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return await self.ended(30)

    async def ended(self, seconds: float) -> int:
        assert self.process is not None
        try:
            return await asyncio.wait_for(self.process.wait(), seconds)
        except TimeoutError:
            raise AssertionError(f"the bot did not end in {seconds}s; {self.tail()}") from None

    def tail(self) -> str:
        lines = self.log.read_text(errors="replace").splitlines()[-30:]
        return "its log ends:\n" + "\n".join(lines)


async def until(condition: Callable[[], object], seconds: float) -> bool:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await asyncio.sleep(0.05)
    return False


def open_question(user: ScriptedUser) -> str | None:
    """The question on screen with its buttons live, if any."""
    live = [m for m in user.messages if m.has_inline_keyboard]
    return shown_question(live[-1]) if live and is_question(live[-1]) else None


def card_shown(user: ScriptedUser, name: str) -> bool:
    return any(m.text.startswith(f"🤝 {name}\n") and "Раздел" not in m.text for m in user.messages)


def acknowledged(user: ScriptedUser, question: str) -> bool:
    saved = f"📝 Заметка к вопросу {question} сохранена."
    return any(m.text.startswith(saved) for m in user.messages)


def moved_on(user: ScriptedUser, question: str, name: str) -> bool:
    return open_question(user) != question or card_shown(user, name)


async def assess_through_kills(
    user: ScriptedUser,
    name: str,
    questionnaire: Questionnaire,
    bot: BotProcess,
    killing: asyncio.Task[None],
) -> None:
    """Answer as a person would whatever the bot shows, coming back with /continue when the
    screen is left without a live question (a kill between an answer and the next one).
    Stops, failing, if the killer fails (no bot would come back) or no card comes in time."""
    noted: set[str] = set()
    deadline = asyncio.get_running_loop().time() + CARD_SECONDS
    await user.send(f"/new {name}")
    while not card_shown(user, name):
        if killing.done():
            killing.result()  # raises what stopped it
        if asyncio.get_running_loop().time() > deadline:
            shown = "\n---\n".join(m.text for m in user.messages[-3:])
            raise AssertionError(
                f"{name}: no card in {CARD_SECONDS}s; last shown:\n{shown}\n{bot.tail()}"
            )
        last = user.messages[-1] if user.messages else None
        if last and last.has_inline_keyboard and NOT_TECHNOLOGY in last.button_texts:
            await _tolerant(user.press(NOT_TECHNOLOGY, message=last))
            continue
        question = open_question(user)
        if question is None:
            if not await until(lambda: open_question(user) or card_shown(user, name), 6):
                await carry_on(user)
            continue
        if question in NOTES and question not in noted:
            await _tolerant(user.send(NOTES[question]))
            if await until(partial(acknowledged, user, question), 20):
                noted.add(question)
            continue
        label = button_for(questionnaire, question, RATINGS[question], "ru")
        result = await _tolerant(user.press(label))
        if result is not None and (result.text or "").startswith("Этот вопрос уже закрыт"):
            await carry_on(user)
            continue
        await until(partial(moved_on, user, question, name), 20)


async def carry_on(user: ScriptedUser) -> None:
    """What a person does when nothing on screen can be answered: /continue; and if nothing is
    left unfinished (the bot was killed after the last answer, before the card), open the card
    the bot offers instead."""
    await _tolerant(user.send("/continue"))
    last = user.messages[-1] if user.messages else None
    if last and last.text.startswith("Незаконченных") and last.has_inline_keyboard:
        await _tolerant(user.press("📋 Карточка", message=last))


def children(pid: int) -> set[int]:
    """The processes `pid` started (Linux)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.add(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie (nobody may reap an orphan in a container)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


async def _tolerant(action: Coroutine[Any, Any, T]) -> T | None:
    """An action whose wait may run out while the bot restarts; the loop looks again."""
    try:
        return await action
    except AssertionError:
        return None


async def test_kill_9_at_random_points_loses_no_confirmed_answer(
    tmp_path: Path, questionnaire: Questionnaire
) -> None:
    emu = BotAPIEmulator(timeout=30, callback_timeout=60)
    await emu.start()
    database = tmp_path / "bot.db"
    bot = BotProcess(emu, database, tmp_path / "bot.log")
    rng = random.Random(KILLS)
    anna = emu.user(1001, "Anna", language_code="ru")

    async def killer() -> None:
        while bot.kills < KILLS:
            await asyncio.sleep(rng.uniform(0.1, 1.2))
            await bot.kill()
            await bot.start()

    killing: asyncio.Task[None] | None = None
    try:
        await bot.start()
        killing = asyncio.create_task(killer())
        partners = 0
        while not killing.done() or partners == 0:
            partners += 1
            name = f"Partner {partners}"
            await assess_through_kills(anna, name, questionnaire, bot, killing)
        await killing
        assert await bot.stop() == 0
    finally:
        if killing and not killing.done():  # the interview failed: no more kills or starts
            killing.cancel()
            with contextlib.suppress(BaseException):
                await killing
        if bot.process and bot.process.returncode is None:
            bot.process.kill()
            await bot.process.wait()
        await emu.stop()
    assert bot.kills >= KILLS
    assert bot.orphans, "the bots started no drawing worker: nothing was checked"
    for _ in range(50):  # a worker notices its bot is gone within a second or two
        if not any(map(running, bot.orphans)):
            break
        await asyncio.sleep(0.1)
    assert not [pid for pid in bot.orphans if running(pid)]
    with sqlite3.connect(database) as db:
        for n in range(1, partners + 1):
            (assessment,) = db.execute(
                "SELECT a.id FROM assessments a JOIN partners p ON p.id = a.partner_id "
                "WHERE p.name = ?",
                (f"Partner {n}",),
            ).fetchone()
            answers = dict(
                db.execute(
                    "SELECT question_id, rating FROM answers WHERE assessment_id = ?",
                    (assessment,),
                ).fetchall()
            )
            assert answers == RATINGS, f"Partner {n}"
            notes = db.execute(
                "SELECT question_id, body FROM notes WHERE assessment_id = ? ORDER BY id",
                (assessment,),
            ).fetchall()
            assert sorted(notes) == sorted(NOTES.items()), f"Partner {n}: {notes}"
    first_card = next(
        m.text
        for m in anna.messages
        if m.text.startswith("🤝 Partner 1\n") and "/100 · диапазон" in m.text  # not a question
    )
    assert first_card == await clean_card(tmp_path, questionnaire)


async def clean_card(tmp_path: Path, questionnaire: Questionnaire) -> str:
    """The card of the same answers and notes, in one run without kills."""
    emu = BotAPIEmulator()
    await emu.start()
    bot = await start_bot(emu, tmp_path / "clean" / "bot.db")
    anna = emu.user(1001, "Anna", language_code="ru")
    try:
        await start(anna, "Partner 1", technology=False)
        while (question := open_question(anna)) is not None:
            if question in NOTES:
                await anna.send(NOTES[question])
            await anna.press(button_for(questionnaire, question, RATINGS[question], "ru"))
        return next(m.text for m in anna.messages if m.text.startswith("🤝 Partner 1\n"))
    finally:
        await bot.stop()
        await emu.stop()
