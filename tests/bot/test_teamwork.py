"""Posting to a group keeps under Telegram's per-group limit; repeated posts become one."""

from __future__ import annotations

import asyncio
from typing import Any, cast

from aiogram import Bot
from aiogram.types import InlineKeyboardMarkup

from bot.telegram.posts import GroupPosts


class RecordingBot:
    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []

    async def send_message(self, chat_id: int, text: str, **_: Any) -> None:
        self.sent.append((chat_id, text))


class Clock:
    """Time that moves only when something sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


async def test_posts_past_the_limit_wait_and_merge_per_partner() -> None:
    clock = Clock()
    posts = GroupPosts(clock=clock, sleep=clock.sleep)
    bot = RecordingBot()
    renders = 0

    def render(label: str) -> Any:
        async def make() -> tuple[str, InlineKeyboardMarkup | None]:
            nonlocal renders
            renders += 1
            return label, None

        return make

    for n in range(25):  # 25 finishes about partner 1 within the same minute
        await posts.post(cast(Bot, bot), -100, 1, render(f"card 1 #{n}"))
    await posts.post(cast(Bot, bot), -100, 2, render("card 2"))
    await posts.post(cast(Bot, bot), -200, 1, render("other group"))
    assert len(bot.sent) == 21  # 20 to the first group, 1 to the other
    assert bot.sent[-1] == (-200, "other group")
    for _ in range(5):  # let the waiting posts run
        await asyncio.sleep(0)
    assert sorted(bot.sent[21:]) == [(-100, "card 1 #20"), (-100, "card 2")]
    assert clock.now >= 1060  # they waited for the minute to pass
    assert renders == 23  # each waiting post was drawn once, when it went out
    await posts.close()


class EditingBot(RecordingBot):
    def __init__(self) -> None:
        super().__init__()
        self.edited: list[tuple[int, int, str]] = []

    async def send_message(self, chat_id: int, text: str, **_: Any) -> Any:
        await super().send_message(chat_id, text)
        return type("Sent", (), {"message_id": len(self.sent)})()

    async def edit_message_text(
        self, text: str, *, chat_id: int, message_id: int, **_: Any
    ) -> None:
        self.edited.append((chat_id, message_id, text))


async def test_edits_count_against_the_limit_and_nothing_to_show_sends_nothing() -> None:
    clock = Clock()
    posts = GroupPosts(clock=clock, sleep=clock.sleep)
    bot = EditingBot()
    told: list[int] = []

    async def sent(message: Any) -> None:
        told.append(message.message_id)

    def shows(text: str | None) -> Any:
        async def make() -> tuple[str, InlineKeyboardMarkup | None] | None:
            return None if text is None else (text, None)

        return make

    await posts.post(cast(Bot, bot), -100, "line", shows("line"), sent=sent)
    assert told == [1]
    await posts.post(cast(Bot, bot), -100, "nothing", shows(None), sent=sent)
    assert (len(bot.sent), told) == (1, [1])
    for n in range(19):  # 2 slots taken above: the 19th edit waits
        await posts.edit(cast(Bot, bot), -100, 1, "line", shows(f"line #{n}"))
    assert len(bot.edited) == 18
    # Joins the waiting edit, which draws the message as it is when it goes out (a fixed text
    # here; the bot's renders read what is current).
    await posts.edit(cast(Bot, bot), -100, 1, "line", shows("line, last"))
    for _ in range(5):
        await asyncio.sleep(0)
    assert bot.edited[-1] == (-100, 1, "line #18")
    assert len(bot.edited) == 19
    assert clock.now >= 1060
    await posts.close()
