"""Assignments and a personal queue (PRODUCT.md §8): /assign in a group, /todo in private.

Sales team: Vera (creator, a lead), Anna and Boris (members). Marketing: Anna (creator) and
Boris. Oleg is known to the bot but in neither group.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from questionnaire.model import Questionnaire
from tests.botapi import Group, ScriptedUser
from tests.data import BASE
from tests.e2e.driver import answer_all, payload_of, shown_question
from tests.e2e.harness import Running

TODO = """📋 Ждут вашей оценки: 3

1. «Delta» · Marketing · отвечено 3 из 24
2. «Globex» · мой лонг-лист · отвечено 2 из 24
3. «Acme» · Sales team · не начата

Кнопка под списком открывает следующий вопрос."""
NEXT_AFTER_THREE = "2.2"
"""The fourth question of a partner that is not a technology partnership."""


@dataclass
class Teams:
    sales: Group
    marketing: Group
    vera: ScriptedUser
    anna: ScriptedUser
    boris: ScriptedUser
    oleg: ScriptedUser


@pytest.fixture
async def teams(running: Running) -> Teams:
    emu = running.emu
    vera = emu.user(1003, "Vera", username="vera", language_code="ru")
    anna = emu.user(1001, "Anna", username="anna", language_code="ru")
    boris = emu.user(1002, "Boris", username="boris", language_code="ru")
    oleg = emu.user(1666, "Oleg", username="oleg", language_code="ru")
    sales = emu.group(-4001, "Sales team", members=[vera, anna, boris], type="supergroup")
    marketing = emu.group(-4002, "Marketing", members=[anna, boris], type="supergroup")
    for user in (vera, anna, boris, oleg):
        await user.send("/start")  # the bot knows them by their @usernames from now on
    return Teams(sales, marketing, vera, anna, boris, oleg)


async def add(user: ScriptedUser, group: Group, name: str) -> str:
    added = await user.send(f"/new {name}", chat=group)
    return payload_of(added[-1].buttons[0][0]["url"])


async def test_a_lead_assigns_members_and_others_are_refused(teams: Teams) -> None:
    sales, vera, anna = teams.sales, teams.vera, teams.anna
    await add(vera, sales, "Acme")
    replies = await vera.send("/assign Acme @Anna @boris", chat=sales)
    assert [r.text for r in replies] == ["Оценивают «Acme»: Anna (@anna), Boris (@boris)."]

    replies = await anna.send("/assign Acme @anna", chat=sales)
    assert [r.text for r in replies] == [
        "Назначать оценщиков может администратор группы или участник, который добавил «Acme»."
    ]

    replies = await vera.send("/assign acme @ghost @oleg @vera", chat=sales)
    assert [r.text for r in replies] == [
        "Оценивают «Acme»: Anna (@anna), Boris (@boris), Vera (@vera).\n"
        "Назначу @ghost, как только появится в группе: вступит в неё, отправит команду или нажмёт "
        "кнопку.\n"
        "Не назначил — нет в группе: @oleg."
    ]
    # Anna added Beta: she may assign it; anyone sees who is assigned.
    await add(anna, sales, "Beta")
    replies = await anna.send("/assign Beta @boris", chat=sales)
    assert replies[-1].text == "Оценивают «Beta»: Boris (@boris)."
    replies = await teams.boris.send("/assign Acme", chat=sales)
    assert replies[-1].text == (
        "Оценивают «Acme»: Anna (@anna), Boris (@boris), Vera (@vera).\n"
        "Назначу @ghost, как только появится в группе: вступит в неё, отправит команду или "
        "нажмёт кнопку."
    )
    replies = await teams.boris.send("/assign Nope @anna", chat=sales)
    assert replies[-1].text == "В лонг-листе группы нет «Nope». /partners — список."


async def test_todo_lists_work_across_teams_and_forgets_a_group_left(
    running: Running, teams: Teams
) -> None:
    boris = teams.boris
    await add(teams.vera, teams.sales, "Acme")
    await teams.vera.send("/assign Acme @boris", chat=teams.sales)
    delta = await add(teams.anna, teams.marketing, "Delta")
    await teams.anna.send("/assign Delta @boris", chat=teams.marketing)
    await boris.send(f"/start {delta}")
    await boris.press("Нет")
    for _ in range(3):
        await boris.press("4")
    await boris.send("/new Globex")
    await boris.press("Нет")
    for _ in range(2):
        await boris.press("3")
    todo = (await boris.send("/todo"))[-1]
    print(todo.text)
    assert todo.text == TODO
    assert todo.button_texts == [
        "▶ Delta: продолжить (3)",
        "▶ Globex: продолжить (2)",
        "▶ Acme: начать",
    ]
    # Not started: the button starts Boris's assessment as the group's link would.
    await boris.press("▶ Acme: начать", message=todo)
    assert "технологическое" in boris.last.text
    await boris.press("Нет")
    assert shown_question(boris.last) == "1.1"
    # Started: the next question after the three answered.
    await boris.press("▶ Delta: продолжить (3)", message=todo)
    assert shown_question(boris.last) == NEXT_AFTER_THREE

    # From the /start menu too; after Boris leaves Marketing, Delta is not his to do.
    await boris.send("/start")
    await boris.press("📋 Мои оценки — /todo")
    assert boris.last.text.startswith("📋 Ждут вашей оценки: 3")
    await running.emu.leave_group(teams.marketing, boris)
    todo = (await boris.send("/todo"))[-1]
    assert "Delta" not in todo.text
    assert "Marketing" not in todo.text
    assert todo.text.startswith("📋 Ждут вашей оценки: 2\n\n1. «Globex» · мой лонг-лист")


async def test_nothing_waiting_is_one_friendly_line(teams: Teams) -> None:
    replies = await teams.oleg.send("/todo")
    assert [r.text for r in replies] == [
        "Сейчас вас не ждёт ни одна оценка — всё сделано 🎉 Новая оценка: /new Название"
    ]


async def test_a_long_queue_fits_one_message(teams: Teams) -> None:
    names = [f"Partner {n:02}" for n in range(1, 24)]
    await teams.vera.send("/new " + "\n".join(names), chat=teams.sales)
    for name in names:
        await teams.vera.send(f"/assign {name} @boris", chat=teams.sales)
    todo = (await teams.boris.send("/todo"))[-1]
    assert todo.text.startswith("📋 Ждут вашей оценки: 23\n\n1. «Partner 01» · Sales team")
    assert "…и ещё 3. Закончите эти — /todo покажет остальные." in todo.text
    assert len(todo.text) < 4096
    assert len(todo.button_texts) == 20


async def test_an_assigned_partners_tier_is_told_once_all_its_assignees_finished(
    teams: Teams, questionnaire: Questionnaire
) -> None:
    sales, vera, anna, boris = teams.sales, teams.vera, teams.anna, teams.boris
    payload = await add(vera, sales, "Acme")
    await vera.send("/assign Acme @anna @boris", chat=sales)
    posts = len(sales.messages)
    for person in (anna, boris):
        await person.send(f"/start {payload}")
        if "технологическое" in person.last.text:
            await person.press("Нет")
        await answer_all(person, questionnaire, BASE)
        if person is anna:
            assert len(sales.messages) == posts  # Boris has not finished: nothing yet
    told = [m.text for m in sales.messages[posts:]]
    assert len(told) == 1
    assert told[0].startswith("✅ «Acme»: категория ")
    assert told[0].endswith("Boris закончил(а) оценку, всего оценок: 2.")


async def test_huge_assign_arguments_get_a_reply_that_fits(teams: Teams) -> None:
    sales, vera = teams.sales, teams.vera
    await add(vera, sales, "Acme")
    for command in (
        "/assign " + "Ы" * 4000,
        "/assign Acme @" + "y" * 4000,
        "/assign Acme " + "@x " * 900,
    ):
        replies = await vera.send(command[:4096], chat=sales)
        assert len(replies) == 1
        assert len(replies[0].text.encode("utf-16-le")) // 2 <= 4096
