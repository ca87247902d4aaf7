"""Posting to a group keeps under Telegram's per-group limit; repeated posts become one."""

from __future__ import annotations

import asyncio
from typing import Any, cast

from aiogram import Bot
from aiogram.types import InlineKeyboardMarkup

from bot.teamwork import GroupPosts


class RecordingBot:
    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []

    async def send_message(self, chat_id: int, text: str, **_: Any) -> None:
        self.sent.append((chat_id, text))


async def test_posts_past_the_limit_wait_and_merge_per_partner() -> None:
    posts = GroupPosts()
    posts.LIMIT, posts.WINDOW = 3, 0.3
    bot = RecordingBot()
    renders = 0

    def render(label: str) -> Any:
        async def make() -> tuple[str, InlineKeyboardMarkup | None]:
            nonlocal renders
            renders += 1
            return label, None

        return make

    for n in range(5):  # five finishes about partner 1 in a row
        await posts.post(cast(Bot, bot), -100, 1, render(f"card 1 #{n}"))
    await posts.post(cast(Bot, bot), -100, 2, render("card 2"))
    await posts.post(cast(Bot, bot), -200, 1, render("other group"))
    assert bot.sent == [(-100, "card 1 #0"), (-100, "card 1 #1"), (-100, "card 1 #2"),
                        (-200, "other group")]  # fmt: skip
    await asyncio.sleep(0.45)
    assert sorted(bot.sent[4:]) == [(-100, "card 1 #3"), (-100, "card 2")]
    assert renders == 6  # the waiting posts were rendered once each, when sent
    await posts.close()
