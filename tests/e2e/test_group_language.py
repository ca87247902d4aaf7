"""The group's language (PRODUCT.md §8): everything the bot posts in a group speaks it,
whoever acted; a lead changes it with /lang, with the group's command menu; private chats
keep each person's own language. A button's alert in a group, seen by its presser only,
speaks the group's language too: it answers a press on the group's message, whose words are
the group's.

Vera, who creates the group "Продажи" and adds the bot, is its lead and speaks Russian; Anna
is a Russian-speaking member, Bob an English-speaking one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from questionnaire.model import Questionnaire
from tests.botapi import Group, ScriptedUser
from tests.data import BASE
from tests.e2e.driver import answer_all, payload_of
from tests.e2e.harness import Running

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@dataclass
class Team:
    group: Group
    vera: ScriptedUser
    anna: ScriptedUser
    bob: ScriptedUser


@pytest.fixture
async def team(running: Running) -> Team:
    emu = running.emu
    vera = emu.user(1003, "Vera", language_code="ru")
    anna = emu.user(1001, "Anna", language_code="ru")
    bob = emu.user(1002, "Bob", language_code="en")
    group = emu.group(-4001, "Продажи", members=[vera, anna, bob], bot_status="left")
    await emu.add_bot_to_group(group, by=vera)
    return Team(group, vera, anna, bob)


async def group_lang(running: Running, group: Group) -> str | None:
    async with running.app.db.read() as tx:
        workspace = await tx.workspace(group.id)
    assert workspace is not None
    return workspace.lang


async def test_a_russian_group_stays_russian_when_an_english_member_acts(
    running: Running, team: Team, questionnaire: Questionnaire
) -> None:
    group, bob = team.group, team.bob
    [welcome] = group.messages
    assert welcome.text.startswith("Привет, команда! Я веду общий лонг-лист партнёров")

    added = await bob.send("/new Acme", chat=group)
    assert [m.text for m in added] == [
        "«Acme» — в лонг-листе команды. Каждый оценивает его в личном чате со мной: кнопка "
        "ниже. Карточка команды придёт сюда, когда кто-то закончит."
    ]
    assert added[0].button_texts == ["✍️ Оценить в личном чате"]
    ranking = await bob.send("/ranking", chat=group)
    assert ranking[-1].text.startswith("🏆 Рейтинг: 1 партнёр\n# Партнёр    Балл Кат Покр Фл У\n")
    card = await bob.send("/card Acme", chat=group)
    assert card[-1].text.startswith("🤝 Acme\nОтветов ещё нет.\nБез технологической интеграции")
    assert card[-1].button_texts == ["🏆 Рейтинг", "✍️ Оценить в личном чате", "↗️ Поделиться"]
    pressed = await bob.press("🏆 Рейтинг", chat=group)
    assert pressed.messages[-1].text.startswith("🏆 Рейтинг: 1 партнёр\n")

    # The group's link lands Bob in his private chat, which speaks his language; his finished
    # assessment is told to the group in the group's.
    await bob.send(f"/start {payload_of(added[0].buttons[0][0]['url'])}")
    assert bob.messages[-2].text.startswith("Assessing “Acme” for the team “Продажи”.")
    await bob.press("No")
    await answer_all(bob, questionnaire, BASE, lang="en")
    assert bob.last.text.startswith("🤝 Acme\n75/100\nTier A — focus: put effort here\n")
    assert group.last.text.startswith("✅ Bob: оценка «Acme» готова. Карточка команды:\n")
    assert all(CYRILLIC.search(m.text) for m in group.messages), [m.text for m in group.messages]


async def test_a_group_the_bot_was_in_already_speaks_as_the_first_person_seen(
    running: Running,
) -> None:
    """The bot was there before it kept groups' languages, and nobody was seen there since:
    the first person seen gives the group its language, and it stays when others write."""
    emu = running.emu
    bob = emu.user(1002, "Bob", language_code="en")
    anna = emu.user(1001, "Anna", language_code="ru")
    group = emu.group(-4002, "Partners EU", members=[anna, bob])
    async with running.app.db.transaction() as tx:  # as migration 9 leaves such a group
        await tx.ensure_workspace(group.id, "group", "Partners EU")
    assert await group_lang(running, group) is None
    first = await bob.send("/help", chat=group)
    assert first[-1].text.startswith("PartnerFit in a group: the team's shared longlist.")
    added = await anna.send("/new Acme", chat=group)
    assert added[-1].text.startswith("“Acme” is on the team's longlist.")
    assert await group_lang(running, group) == "en"
