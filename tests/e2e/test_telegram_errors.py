"""Telegram's errors, injected in the emulator: the bot waits, retries, or lets go."""

from __future__ import annotations

import time

from tests.e2e.driver import shown_question, start
from tests.e2e.harness import Running


async def test_too_many_requests_waits_as_asked_then_goes_on(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    running.emu.inject_error("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    began = time.monotonic()
    await anna.press("4")
    assert time.monotonic() - began >= 1
    assert shown_question(anna.last) == "1.2"
    tries = [c for c in running.emu.calls_of("sendMessage") if c.injected]
    assert len(tries) == 1


async def test_server_errors_are_retried(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    running.emu.inject_error("editMessageText", 502, "Bad Gateway", times=2)
    await anna.press("4")
    assert "✅ Ответ: 4" in anna.messages[-2].text
    assert shown_question(anna.last) == "1.2"


async def test_not_modified_is_not_an_error(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await anna.send("/start")
    running.emu.inject_error(
        "sendMessage", 400, "Bad Request: message is not modified: specified new message content"
    )
    replies = await anna.send("/help")
    assert replies == []  # the (injected) refusal was taken as "nothing to change"
    assert not any("Что-то пошло не так" in m.text for m in anna.messages)


async def test_a_person_who_blocked_the_bot_is_a_state_not_an_error(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    running.emu.inject_error("sendMessage", 403, "Forbidden: bot was blocked by the user")
    await anna.press("4")
    async with running.app.db.read() as tx:
        user = await tx.user(anna.id)
    assert user is not None
    assert user.blocked
    assert not any("Что-то пошло не так" in m.text for m in anna.messages)
    running.emu.forgive("message is not modified")  # 1.1's buttons are gone already
    await anna.send("/continue")  # writing again means the chat is open again
    async with running.app.db.read() as tx:
        user = await tx.user(anna.id)
    assert user is not None
    assert not user.blocked
    assert shown_question(anna.last) == "1.2"
