"""An answer press costs two trips to the database's thread: the press as one unit of work
(checked, recorded, re-scored, the next question found) and the conversation's step written
through once the next question is sent; who is talking and where come from memory."""

from __future__ import annotations

import traceback
from typing import Any

import aiosqlite.core
import pytest

from questionnaire.model import Questionnaire
from tests.e2e.driver import button_for, shown_question, start
from tests.e2e.harness import Running


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The hops to aiosqlite's thread made while an update is handled (not the scheduler's)."""
    made: list[str] = []
    hop: Any = aiosqlite.core.Connection._execute

    async def counted(self: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
        frames = [frame.name for frame in traceback.extract_stack()]
        if "_listen_update" in frames:
            made.append(frames[-2])
        return await hop(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.core.Connection, "_execute", counted)
    return made


async def test_an_answer_press_is_two_trips_to_the_database(
    running: Running, questionnaire: Questionnaire, trips: list[str]
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    for rating in (4, None, 2):
        asked = anna.last
        trips.clear()
        done = await anna.press(button_for(questionnaire, shown_question(asked), rating, "ru"))
        assert (done.text or "").startswith("Сохранено")
        assert trips == ["run", "execute"]  # Database.run, then the FSM's one statement
        assert shown_question(anna.last) != shown_question(asked)  # the next one is open
        answered = anna.chat.bot_messages[asked.message_id]
        assert "✅" in answered.text  # the answered one says so
        assert not answered.has_inline_keyboard
    async with running.app.db.read() as tx:
        assert len(await tx.answers(1)) == 3
