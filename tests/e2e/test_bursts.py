"""Bursts of notes (a batch of forwarded messages arrives at once): every note is evidence.

Each is kept, in order; where a flood is cut, the person is told exactly which were not saved.
Meanwhile another person's replies are timed (printed, not asserted: the machine is shared).
"""

from __future__ import annotations

import asyncio
import statistics
import time

import pytest

from bot.telegram import middlewares
from tests.botapi import BotMessage, ScriptedUser
from tests.e2e.driver import start
from tests.e2e.harness import Running

SAVED = "📝 Заметка к вопросу 1.1 сохранена."


async def notes_kept(running: Running, assessment_id: int) -> list[str]:
    async with running.app.db.read() as tx:
        return [note.body for note in await tx.notes(assessment_id)]


async def reply_times(user: ScriptedUser, count: int, label: str) -> list[float]:
    """Milliseconds from each of `count` notes sent to the bot's reply, one after another."""
    times = []
    for number in range(count):
        began = time.perf_counter()
        replies = await user.send(f"{label} {number}")
        times.append((time.perf_counter() - began) * 1000)
        assert replies[-1].text.startswith(SAVED)
    return times


def shown(times: list[float]) -> str:
    return f"median {statistics.median(times):.1f} ms, max {max(times):.1f} ms"


@pytest.mark.parametrize("size", [40, 200])
async def test_a_burst_of_notes_is_kept_whole_while_others_are_served(
    running: Running, size: int
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    boris = running.emu.user(1002, "Boris", language_code="ru")
    await start(anna, "Acme", technology=False)  # assessment 1
    await start(boris, "Globex", technology=False)  # assessment 2
    quiet = await reply_times(boris, 5, "before")
    notes = [f"пересланное сообщение {number}" for number in range(1, size + 1)]
    burst = asyncio.create_task(anna.send_many(notes, timeout=60))
    await asyncio.sleep(0)  # all of Anna's are queued before Boris writes
    during = await reply_times(boris, 5, "during")
    flooding = not burst.done()
    replies: list[BotMessage] = await burst
    print(
        f"\n{size} notes in one batch: Boris's replies before {shown(quiet)}; "
        f"during {shown(during)} (Anna's burst still being handled: {flooding})"
    )
    assert await notes_kept(running, 1) == notes
    assert len(replies) == size
    assert all(reply.text.startswith(SAVED) for reply in replies)
    assert await notes_kept(running, 2) == [f"{label} {n}" for label in ("before", "during")
                                            for n in range(5)]  # fmt: skip


async def test_a_flood_past_the_limit_says_exactly_which_were_not_saved(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(middlewares, "MESSAGES_QUEUED", 10)
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    notes = [f"пересланное сообщение {number}" for number in range(1, 61)]
    replies = await anna.send_many(notes)
    kept = await notes_kept(running, 1)
    assert 0 < len(kept) < len(notes)
    assert kept == notes[: len(kept)]  # the earliest are kept, the rest cut in one run
    first_lost = notes[len(kept)]
    sent = {message["text"]: number for number, message in anna.chat.user_messages.items()}
    notices = [reply for reply in replies if not reply.text.startswith(SAVED)]
    assert [(n.text, n.reply_to_message_id) for n in notices] == [
        (
            f"⚠️ Это сообщение и ещё {len(notes) - len(kept) - 1} после него не сохранены: "
            "слишком много сразу. Пришлите их ещё раз, по частям.",
            sent[first_lost],
        )
    ]
    assert len(replies) == len(kept) + 1
    # Once the flood is over, notes are kept again.
    again = await anna.send("и ещё одна")
    assert again[-1].text.startswith(SAVED)
    assert (await notes_kept(running, 1))[-1] == "и ещё одна"
