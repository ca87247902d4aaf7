"""The team's list in private (PRODUCT.md §8): a person in teams picks which list their
private /ranking, /card, /partners, /compare and /export work on, and the pick holds for 30
minutes; a team partner's name given to /new asks instead of duplicating.

Sales team: Vera (creator, a lead), Anna and Boris. Marketing: Anna (creator) and Boris.
Anna also has a list of her own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from questionnaire.model import Questionnaire
from storage.repositories import utcnow
from tests.botapi import BotMessage, Group, ScriptedUser
from tests.e2e.driver import answer_all, payload_of
from tests.e2e.harness import Running

PICK = "С каким лонг-листом работаем?\nВыбор запомню на 30 минут, сменить — /list."
PICK_BUTTONS = ["👤 Мой лонг-лист", "👥 Marketing", "👥 Sales team"]
SALES_PICKED = "Работаем с лонг-листом группы «Sales team». Сменить — /list."
LEFT_PICK = (
    "Вы больше не состоите в группе «Sales team» — её лонг-лист для вас закрыт.\n\n" + PICK
)


@dataclass
class People:
    sales: Group
    marketing: Group
    vera: ScriptedUser
    anna: ScriptedUser
    boris: ScriptedUser


class Clock:
    """The list pick's clock, moved by the test: nobody waits half an hour."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def move(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(running: Running) -> Clock:
    clock = Clock()
    running.app.dispatcher["teams"].clock = clock
    return clock


@pytest.fixture
async def people(running: Running) -> People:
    emu = running.emu
    vera = emu.user(1003, "Vera", username="vera", language_code="ru")
    anna = emu.user(1001, "Anna", username="anna", language_code="ru")
    boris = emu.user(1002, "Boris", username="boris", language_code="ru")
    sales = emu.group(-4001, "Sales team", members=[vera, anna, boris], type="supergroup")
    marketing = emu.group(-4002, "Marketing", members=[anna, boris], type="supergroup")
    for user in (vera, anna, boris):
        await user.send("/start")
    return People(sales, marketing, vera, anna, boris)


async def add(user: ScriptedUser, group: Group, name: str) -> str:
    added = await user.send(f"/new {name}", chat=group)
    return payload_of(added[-1].buttons[0][0]["url"])


def labels(message: BotMessage) -> list[str]:
    return [b["text"] for row in message.buttons for b in row]


async def test_ranking_asks_which_list_and_the_pick_holds_for_30_minutes(
    people: People, clock: Clock, questionnaire: Questionnaire
) -> None:
    anna, sales, marketing = people.anna, people.sales, people.marketing
    await add(people.vera, sales, "Acme")
    await add(anna, sales, "Globex")  # the bot has seen her in both groups
    await add(anna, marketing, "Delta")
    await anna.send("/new Own Co")
    await anna.press("Нет")
    await answer_all(anna, questionnaire, {}, stop_after=2)

    asked = await anna.send("/ranking")
    assert [m.text for m in asked] == [PICK]
    assert labels(asked[0]) == PICK_BUTTONS
    picked = await anna.press("👥 Sales team")
    assert picked.answered
    texts = [m.text for m in picked.messages]
    assert texts[0] == SALES_PICKED
    assert "Acme" in texts[-1] and "Globex" in texts[-1]
    assert "Delta" not in texts[-1] and "Own Co" not in texts[-1]
    print("\n".join(texts))

    clock.move(minutes=29)
    card = await anna.send("/card Acme")  # the pick holds: no asking
    assert "«Acme»" in card[-1].text or "Acme" in card[-1].text
    assert PICK not in [m.text for m in card]

    clock.move(minutes=2)  # 31 minutes after the pick
    again = await anna.send("/card Acme")
    assert [m.text for m in again] == [PICK]
    shown = await anna.press("👥 Sales team")
    assert shown.messages[0].text == SALES_PICKED
    assert "Acme" in shown.messages[-1].text
