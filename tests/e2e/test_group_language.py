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

from bot.telegram.commands import GROUP_COMMANDS
from questionnaire.model import Questionnaire
from tests.botapi import Call, Group, ScriptedUser
from tests.data import BASE
from tests.e2e.driver import answer_all, payload_of
from tests.e2e.harness import Running

LEAD_ONLY = "Это доступно только администраторам группы «Продажи»."
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


def group_menus(running: Running, group: Group) -> list[Call]:
    """The setMyCommands calls that set this group's own menu."""
    return [
        c
        for c in running.emu.calls_of("setMyCommands")
        if c.params.get("scope") == {"type": "chat", "chat_id": group.id}
    ]


async def group_lang(running: Running, group: Group) -> str | None:
    async with running.app.db.read() as tx:
        workspace = await tx.workspace(group.id)
    assert workspace is not None
    return workspace.lang


def described(call: Call) -> dict[str, str]:
    return {c["command"]: c["description"] for c in call.params["commands"]}


async def test_a_russian_group_stays_russian_when_an_english_member_acts(
    running: Running, team: Team, questionnaire: Questionnaire
) -> None:
    group, bob = team.group, team.bob
    [welcome] = group.messages
    assert welcome.text.startswith("Привет, команда! Я веду общий лонг-лист партнёров")
    [menu] = group_menus(running, group)  # given as the bot joined, in Vera's language
    assert described(menu)["new"] == "Оценить партнёра: /new Название"
    assert "language_code" not in menu.params

    added = await bob.send("/new Acme", chat=group)
    assert [m.text for m in added] == [
        "«Acme» — в лонг-листе команды. Каждый оценивает его в личном чате со мной: кнопка "
        "ниже. Когда оценка будет готова, я напишу сюда строку с категорией."
    ]
    assert added[0].button_texts == ["✍️ Оценить в личном чате"]
    ranking = await bob.send("/ranking", chat=group)
    assert ranking[-1].text.startswith("🏆 Рейтинг: 1 партнёр\n# Партнёр    Балл Кат Покр Фл У\n")
    card = await bob.send("/card Acme", chat=group)
    assert card[-1].text.startswith("🤝 Acme\nОтветов ещё нет.\nБез технологической интеграции")
    assert card[-1].button_texts == [
        "🏆 Рейтинг", "✍️ Оценить в личном чате", "🎯 Решение", "↗️ Поделиться",
    ]  # fmt: skip
    pressed = await bob.press("🏆 Рейтинг", chat=group)
    assert pressed.messages[-1].text.startswith("🏆 Рейтинг: 1 партнёр\n")

    # The group's link lands Bob in his private chat, which speaks his language; his finished
    # assessment is told to the group in the group's.
    await bob.send(f"/start {payload_of(added[0].buttons[0][0]['url'])}")
    assert bob.messages[-2].text.startswith("Assessing “Acme” for the team “Продажи”.")
    await bob.press("No")
    await answer_all(bob, questionnaire, BASE, lang="en")
    assert bob.last.text.startswith("🤝 Acme\n75/100\nTier A — focus: put effort here\n")
    assert (
        group.last.text
        == "✅ «Acme»: категория A — фокус: вкладываем усилия. Bob закончил(а) оценку."
    )
    assert all(CYRILLIC.search(m.text) for m in group.messages), [m.text for m in group.messages]
    assert len(group_menus(running, group)) == 1  # nobody's action changed the group's menu


async def test_a_member_cannot_change_the_groups_language(running: Running, team: Team) -> None:
    group = team.group
    refused = await team.anna.send("/lang", chat=group)  # no buttons for a member to press
    assert [m.text for m in refused] == [LEAD_ONLY]
    asked = await team.vera.send("/lang", chat=group)
    assert asked[-1].text == (
        "Язык группы / Group language\nНа нём будут все мои сообщения здесь и меню команд. "
        "В личных чатах я говорю с каждым на его языке."
    )
    # The lead's buttons are seen by all; Bob's press is refused, in the group's language
    # as everything about the group's messages is.
    pressed = await team.bob.press("English", chat=group)
    assert (pressed.text, pressed.show_alert) == (LEAD_ONLY, True)
    assert group.last.button_texts == ["Русский", "English"]  # still open for a lead
    assert await group_lang(running, group) == "ru"
    assert len(group_menus(running, group)) == 1  # the one given as the bot joined
    helped = await team.bob.send("/help", chat=group)
    assert helped[-1].text.startswith("PartnerFit в группе — общий лонг-лист команды.")


async def test_a_lead_switches_the_groups_posts_and_menu_and_private_chats_keep_theirs(
    running: Running, team: Team, questionnaire: Questionnaire
) -> None:
    group, vera, anna = team.group, team.vera, team.anna
    await vera.send("/lang", chat=group)
    done = await vera.press("English", chat=group)
    assert done.text == "Done"
    assert group.last.text == (
        "Done: I speak English in this group now, and its command menu is in English too."
    )
    assert not group.last.has_inline_keyboard
    menu = group_menus(running, group)[-1]
    assert described(menu)["new"] == "Assess a partner: /new Name"
    assert list(described(menu)) == list(GROUP_COMMANDS)
    assert await group_lang(running, group) == "en"

    added = await anna.send("/new Acme", chat=group)  # Anna speaks Russian
    assert added[-1].text.startswith("“Acme” is on the team's longlist.")
    assert added[-1].button_texts == ["✍️ Assess in a private chat"]
    # In private, Anna and Vera keep Russian: chats, menus and their assessment alike.
    helped = await anna.send("/help")
    assert helped[-1].text.startswith("PartnerFit — оценка партнёров по продажам")
    await anna.send(f"/start {payload_of(added[-1].buttons[0][0]['url'])}")
    assert anna.messages[-2].text.startswith("Оцениваем «Acme» для команды «Продажи».")
    await anna.press("Нет")
    await answer_all(anna, questionnaire, BASE)
    assert anna.last.text.startswith("🤝 Acme\n75/100\nКатегория A")
    assert group.last.text == "✅ “Acme”: tier A — focus: put effort here. Anna finished."
    greeted = await vera.send("/start")
    assert greeted[-1].text.startswith("Привет, Vera!")
    scoped = [c.params["scope"] for c in running.emu.calls_of("setMyCommands")]
    assert {"type": "chat", "chat_id": vera.id} not in scoped  # her own menu is untouched
    async with running.app.db.read() as tx:
        people = [await tx.user(u.id) for u in (vera, anna)]
    assert [p.lang if p else None for p in people] == ["ru", "ru"]


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
