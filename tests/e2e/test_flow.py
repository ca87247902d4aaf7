"""Flow details a person trips on: prompts left behind, stale questions, where results go."""

from __future__ import annotations

import asyncio

from questionnaire.model import Questionnaire
from tests.data import NON_TECH_IDS
from tests.e2e.driver import answer_all, shown_question, start
from tests.e2e.harness import Running


async def test_a_command_ends_the_name_prompt(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await anna.send("/start")
    await anna.press("➕ Новая оценка")
    await anna.send("/ranking")
    stray = await anna.send("ну и где")
    assert stray[0].text.startswith("Чтобы оценить партнёра, нажмите кнопку")
    async with running.app.db.read() as tx:
        assert await tx.count_partners(1) == 0


async def test_cancel_takes_the_buttons_off_a_pending_technology_question(
    running: Running,
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await anna.send("/new Acme")
    asked = anna.last
    assert asked.text.startswith("«Acme» — технологическое партнёрство, с интеграцией продуктов?")
    await anna.send("/cancel")
    assert anna.last.text.startswith("Остановились.")
    assert anna.messages[-2].message_id == asked.message_id
    assert anna.messages[-2].buttons == []


async def test_an_old_technology_question_cannot_switch_partners(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await anna.send("/new Third")
    old = anna.last
    await start(anna, "First", technology=False)
    stale = await anna.press_data(old, "t:1:1")
    assert stale.text == "Эта кнопка больше не действует."
    assert stale.messages == []
    assert anna.last.text.startswith("🤝 First\n")


async def test_the_cards_ranking_button_leaves_the_card_in_place(
    running: Running, questionnaire: Questionnaire
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    await answer_all(anna, questionnaire, dict.fromkeys(NON_TECH_IDS, 4))
    card = anna.last
    pressed = await anna.press("🏆 Рейтинг")
    assert pressed.text is None  # no pop-up for a single page
    assert anna.last.message_id != card.message_id
    assert anna.messages[-2].text == card.text


async def test_partners_without_enough_answers_follow_the_ranked_ones(
    running: Running, questionnaire: Questionnaire
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Lowly", technology=False)
    await answer_all(anna, questionnaire, dict.fromkeys(NON_TECH_IDS, 2))
    await start(anna, "Empty", technology=False)
    await anna.send("/cancel")
    await anna.send("/ranking")
    lines = anna.last.text.split("\n")
    assert lines[1:4] == [
        "# Партнёр    Балл Кат Покр Фл У",
        "1 Lowly        25   C 100%  · У",
        "? Empty         —   ?   0%  · ·",
    ]
    assert "? — мало данных (покрытие ниже 60%)" in lines[4]
    assert anna.last.button_texts[:2] == ["1. Lowly", "? Empty"]
    await anna.press("? Empty")
    assert anna.last.text.split("\n")[:2] == ["🤝 Empty", "Ответов ещё нет."]


async def test_card_suggestions_open_cards(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Northwind Traders", technology=False)
    await anna.send("/card Nortwind Traders")
    await anna.press("Northwind Traders")
    assert anna.last.text.startswith("🤝 Northwind Traders\n")


async def test_a_typed_digit_points_at_the_buttons_and_is_not_a_note(
    running: Running,
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    reply = await anna.send("5")
    assert reply[0].text.startswith("Чтобы ответить 5, нажмите кнопку под вопросом 1.1.")
    async with running.app.db.read() as tx:
        assert await tx.notes(1) == []


async def test_continue_on_a_pause_message_works_once(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    paused = await anna.press("⏸ Пауза")
    assert paused.text is None  # the message itself says it is paused
    pause = anna.last
    count = len(anna.messages)
    await anna.press("▶ Продолжить")
    # The paused message becomes the question again: nothing new is posted.
    assert len(anna.messages) == count
    assert anna.last.message_id == pause.message_id
    assert shown_question(anna.last) == "1.1"
    again = await anna.press_data(anna.last, "r:1:1")
    assert again.text == "Эта кнопка больше не действует."


async def test_language_choice_sets_this_chats_command_menu(running: Running) -> None:
    boris = running.emu.user(1002, "Boris", language_code="en")
    await boris.send("/lang")
    await boris.press("Русский")
    scoped = [c for c in running.emu.calls_of("setMyCommands") if "scope" in c.params]
    assert scoped[-1].params["scope"] == {"type": "chat", "chat_id": boris.id}
    assert scoped[-1].params["commands"][1]["description"] == "Оценить партнёра: /new Название"


async def test_groups_get_a_menu_of_what_works_in_groups(running: Running) -> None:
    for _ in range(100):  # the menus are set as polling starts
        if ("all_group_chats", "") in running.emu.commands:
            break
        await asyncio.sleep(0.05)
    private = [c["command"] for c in running.emu.commands[("default", "ru")]]
    group = [c["command"] for c in running.emu.commands[("all_group_chats", "ru")]]
    assert {"continue", "settings", "deadline"} <= set(private)
    assert "continue" not in group  # interviews stay in private chats
    assert {"new", "ranking", "card", "help", "deadline", "settings"} <= set(group)


async def test_inline_mode_with_nothing_to_share_offers_the_bot(running: Running) -> None:
    vera = running.emu.user(1003, "Vera", language_code="en")
    assert await vera.inline_query("Acme") == []
    [answered] = running.emu.calls_of("answerInlineQuery")
    assert answered.params["button"] == {
        "text": "Nothing found — open PartnerFit", "start_parameter": "inline",
    }  # fmt: skip
    greeted = await vera.send("/start inline")  # what pressing it sends
    assert greeted[0].text.startswith("Hi, Vera! I'm PartnerFit")
