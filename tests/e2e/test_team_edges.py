"""Where teams trip: buttons pressed in the group, long names, stray replies, leaving, races."""

from __future__ import annotations

import csv
import io

import pytest

from questionnaire.model import Questionnaire
from tests.botapi import Group, ScriptedUser
from tests.data import BASE
from tests.e2e.driver import answer_all, payload_of, shown_question
from tests.e2e.harness import Running


@pytest.fixture
async def group(running: Running) -> tuple[Group, ScriptedUser, ScriptedUser]:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    boris = running.emu.user(1002, "Boris", language_code="ru")
    team = running.emu.group(-4001, "Sales team", members=[anna, boris])
    return team, anna, boris


async def add(user: ScriptedUser, group: Group, name: str) -> str:
    added = await user.send(f"/new {name}", chat=group)
    return payload_of(added[-1].buttons[0][0]["url"])


async def test_the_interview_never_runs_in_the_group(
    running: Running, group: tuple[Group, ScriptedUser, ScriptedUser]
) -> None:
    team, anna, _ = group
    payload = await add(anna, team, "Acme")
    await anna.send(f"/start {payload}")
    await anna.press("Нет")
    await anna.press("4")
    await anna.send("/card Acme", chat=team)
    card = team.last
    assert "▶ Продолжить" not in card.button_texts
    for forged in ("r:1", "a:1:1.2:5", "s:1:1.2:back", "t:1:1", "n"):
        result = await anna.press_data(card, forged)
        assert result.text == "Эта кнопка больше не действует."
    assert not any("1.2" in m.text.split("\n")[0] for m in team.messages)
    assert shown_question(anna.last) == "1.2"  # the private interview is where it was


async def test_a_card_of_many_long_named_assessors_fits_one_message(
    running: Running, questionnaire: Questionnaire
) -> None:
    people = [
        running.emu.user(2000 + i, f"{'Очень-длинное-имя ' * 4}{i}"[:64], language_code="ru")
        for i in range(6)
    ]
    team = running.emu.group(-4002, "Long names", members=people)
    payload = await add(people[0], team, "Acme")
    for i, person in enumerate(people):
        await person.send(f"/start {payload}")
        if "технологическое" in person.last.text:
            await person.press("Нет")
        ratings = {q: 1 + (i + int(q.split(".")[1])) % 5 for q in BASE}
        ratings["2.2"] = (2, 4, 5)[i % 3]
        await answer_all(person, questionnaire, ratings)
    # A quiet group: one line at the first finish, then one only when the tier changes.
    posts = [m for m in team.messages if m.text.startswith(("✅", "✏️"))]
    assert 1 <= len(posts) < 6
    assert posts[0].text.startswith("✅ «Acme»: категория")
    await people[0].send("/card Acme", chat=team)
    assert team.last.text.startswith("🤝 Acme\n")


async def test_a_stray_reply_is_not_a_partner_name(
    running: Running, group: tuple[Group, ScriptedUser, ScriptedUser]
) -> None:
    team, anna, _ = group
    await anna.send("/new", chat=team)
    prompt = team.last
    assert prompt.text == "Как называется партнёр? Ответьте на это сообщение названием."
    await anna.send("/ranking", chat=team)
    await anna.send("nice list", chat=team, reply_to=team.last.message_id)
    async with running.app.db.read() as tx:
        assert await tx.count_partners(2) == 0
    await anna.send("/new", chat=team)
    await anna.send("Globex", chat=team, reply_to=team.last.message_id)
    assert team.last.text.startswith("«Globex» — в лонг-листе команды.")


async def test_only_whoever_added_a_partner_or_an_admin_deletes_it(
    running: Running, group: tuple[Group, ScriptedUser, ScriptedUser]
) -> None:
    team, anna, boris = group
    await add(anna, team, "Acme")
    await boris.send("/partners", chat=team)
    await boris.press("Acme", chat=team)
    refused = await boris.press("🗑 Удалить", chat=team)
    assert refused.text == (
        "Это может администратор группы или участник, который добавил этого партнёра."
    )
    await anna.send("/partners", chat=team)
    await anna.press("Acme", chat=team)
    await anna.press("🗑 Удалить", chat=team)
    running.emu.forgive("message is not modified")  # what Telegram says to the second tap
    twice = await anna.press_data(team.last, "m:1:delete")  # a double tap on Delete
    assert twice.answered
    assert not any("Что-то пошло не так" in m.text for m in team.messages)
    await anna.press("Да, удалить", chat=team)
    assert team.last.text == "«Acme» удалён."


async def test_renaming_in_the_group_asks_whoever_pressed_for_a_reply(
    running: Running, group: tuple[Group, ScriptedUser, ScriptedUser]
) -> None:
    team, anna, _ = group
    await add(anna, team, "Acme")
    await anna.send("/partners", chat=team)
    await anna.press("Acme", chat=team)
    prompt = await anna.press("✏️ Переименовать", chat=team)
    asked = team.last
    assert prompt.answered
    assert asked.text.startswith("Anna, новое название для «Acme»? Ответьте на это сообщение")
    assert f'<a href="tg://user?id={anna.id}">Anna</a>' in asked.html
    await anna.send("Acme Corp", chat=team, reply_to=asked)
    assert team.last.text.startswith("Переименовал: «Acme» → «Acme Corp».")


async def test_cancel_while_renaming_keeps_the_name(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await anna.send("/new Acme")
    await anna.send("/cancel")
    await anna.send("/partners")
    await anna.press("Acme")
    await anna.press("✏️ Переименовать")
    await anna.send("/cancel")
    assert anna.last.text == "«Acme» остаётся в списке."


async def test_someone_who_left_the_group_can_no_longer_answer(
    running: Running, group: tuple[Group, ScriptedUser, ScriptedUser]
) -> None:
    team, anna, boris = group
    payload = await add(anna, team, "Acme")
    await boris.send(f"/start {payload}")
    await boris.press("Нет")
    await boris.press("4")
    await running.emu.leave_group(team, boris)  # at once, not once the bot's memory expires
    question = boris.last
    refused = await boris.press("5")
    assert refused.text == (
        "Вы больше не состоите в группе «Sales team» — её лонг-лист для вас закрыт, ничего не "
        "сохранено."
    )
    assert boris.messages[-1].message_id == question.message_id
    assert boris.last.buttons == []  # set aside: nothing keeps asking for an answer
    async with running.app.db.read() as tx:
        assert await tx.answers(1) == {"1.1": 4}


async def test_the_first_technology_answer_stands_for_the_team(
    running: Running, group: tuple[Group, ScriptedUser, ScriptedUser]
) -> None:
    team, anna, boris = group
    payload = await add(anna, team, "Acme")
    await anna.send(f"/start {payload}")
    await boris.send(f"/start {payload}")
    await anna.press("Нет")
    late = await boris.press("Да, технологическое")
    assert late.text is None
    assert boris.messages[-2].text == "Технологическое партнёрство с «Acme»: нет"
    assert shown_question(boris.last) == "1.1"
    assert "из 24" in boris.last.text


async def test_finishing_from_edit_answers_counts_as_finishing(
    running: Running, questionnaire: Questionnaire
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await anna.send("/new Acme")
    await anna.press("Нет")
    await answer_all(anna, questionnaire, BASE, stop_after=23)  # all but 10.2
    await anna.send("/cancel")
    await anna.send("/card Acme")
    await anna.press("✏️ Изменить ответы")
    await anna.press("10. Рост · 75")
    await anna.press("10.2 Новые продукты и рынки · —")
    await anna.press("4")
    assert any(m.text == "Готово — все вопросы по «Acme» отвечены." for m in anna.messages)
    assert "оценка не закончена" not in anna.last.text


async def test_export_keeps_formulas_out_of_excel(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="en")
    await anna.send('/new =HYPERLINK("http://x","y")')
    await anna.press("No")
    await anna.press("4")
    await anna.send("/export")
    assert anna.last.document is not None
    rows = list(csv.reader(io.StringIO(anna.last.document.decode("utf-8-sig"))))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Partner"] == '\'=HYPERLINK("http://x","y")'
    assert (row["Tier"], row["Status"], row["Answer"]) == ("too little data", "unfinished", "4")


async def test_card_in_private_finds_a_teams_partner_one_assessed(
    running: Running, group: tuple[Group, ScriptedUser, ScriptedUser]
) -> None:
    team, anna, boris = group
    payload = await add(anna, team, "Acme")
    await anna.send(f"/start {payload}")
    await anna.press("Нет")
    await anna.press("4")
    await anna.send("/card acme")
    await anna.press("👤 Мой лонг-лист")  # she is in a team: which list (PRODUCT.md §8)
    assert anna.last.text.startswith("🤝 Acme\n")
    assert "Здесь только ваши ответы; карточка команды — в группе «Sales team»." in anna.last.text
    # Boris has not assessed it: his private longlist has no Acme.
    await boris.send("/card Acme")
    assert boris.last.text == "Не нашёл партнёра «Acme». /partners — список."
