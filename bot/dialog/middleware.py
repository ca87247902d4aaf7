"""Puts this update's `screen`, `cards` and `flow` among the handlers' arguments."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update

from bot.dialog.cards import Cards
from bot.dialog.flow import Flow
from bot.dialog.lists import pick_list_of
from bot.dialog.screen import Screen


class Dialog(BaseMiddleware):
    """For a person in a chat (after the context middleware has found both): the message they
    answer on, the cards they see, the way through their interviews. Each holds who and where,
    so that handlers do not pass them along; the services come from the Dispatcher. In a
    private chat, a list command or a list's button acts on the list the person picked
    (`dialog/lists.py`), which may be a team's."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, Update) and not await pick_list_of(event, data):
            return None  # asked which list first: the command goes on once picked
        attach(data)
        return await handler(event, data)


def attach(data: dict[str, Any]) -> None:
    """Make `screen`, `cards` and `flow` for the person and `data["workspace"]` (again, when
    the list acted on is not the chat's: a team's list picked in private)."""
    workspace, state = data.get("workspace"), data.get("state")
    if workspace is None or state is None:
        return
    t, user = data["t"], data["user"]
    screen = Screen(state, t, data["questionnaire"])
    cards = Cards(
        texts=data["texts"],
        t=t,
        user=user,
        workspace=workspace,
        longlist=data["longlist"],
        teams=data["teams"],
        questionnaire=data["questionnaire"],
        pictures=data["pictures"],
        posts=data["posts"],
    )
    data["screen"], data["cards"] = screen, cards
    data["flow"] = Flow(
        t=t,
        user=user,
        workspace=workspace,
        screen=screen,
        cards=cards,
        assessments=data["assessments"],
        longlist=data["longlist"],
        teams=data["teams"],
        access=data["access"],
    )
