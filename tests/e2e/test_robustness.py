"""Stale buttons, double taps, forged data, hostile names: nothing changes that should not."""

from __future__ import annotations

import asyncio

from bot.telegram.middlewares import PRESSES_QUEUED
from questionnaire.model import Questionnaire
from tests.data import NON_TECH
from tests.e2e.driver import answer_all, shown_question, start
from tests.e2e.harness import Running


async def answers_in_db(running: Running) -> dict[str, int | None]:
    async with running.app.db.read() as tx:
        return await tx.answers(1)


async def test_an_old_questions_button_changes_nothing(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    first = anna.last
    await anna.press("3")  # 1.1, and its message loses its buttons
    await anna.press("4")  # 1.2
    before = await answers_in_db(running)
    stale = await anna.press_data(first, "a:1:1.1:5")  # the old keyboard, pressed again
    assert stale.answered
    assert stale.text == "Этот вопрос уже закрыт — отвечайте на последний."
    assert stale.messages == []
    assert await answers_in_db(running) == before == {"1.1": 3, "1.2": 4}
    assert shown_question(anna.last) == "2.1"


async def test_a_double_tap_is_recorded_once(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    question = anna.last
    first, second = await asyncio.gather(
        anna.press("5", message=question), anna.press("2", message=question)
    )
    assert first.answered
    assert second.answered
    assert (await answers_in_db(running)) in ({"1.1": 5}, {"1.1": 2})
    assert [shown_question(m) for m in anna.messages if m.has_inline_keyboard] == ["1.2"]
    assert "Этот вопрос уже закрыт — отвечайте на последний." in (first.text, second.text)


async def test_hammered_buttons_are_turned_away_while_others_are_served(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    boris = running.emu.user(1002, "Boris", language_code="ru")
    await start(anna, "Acme", technology=False)
    await start(boris, "Globex", technology=False)
    question = anna.last
    hammering = asyncio.gather(*(anna.press("4", message=question) for _ in range(40)))
    boris_pressed = await boris.press("3")  # meanwhile
    presses = await hammering
    assert boris_pressed.text == "Сохранено: 3"
    assert shown_question(boris.last) == "1.2"
    assert all(p.answered for p in presses)
    texts = [p.text for p in presses]
    assert texts.count("Сохранено: 4") == 1
    assert texts.count("Не так быстро — нажатия уже в очереди.") >= 40 - 1 - PRESSES_QUEUED
    assert set(texts) == {
        "Сохранено: 4",
        "Этот вопрос уже закрыт — отвечайте на последний.",
        "Не так быстро — нажатия уже в очереди.",
    }
    assert await answers_in_db(running) == {"1.1": 4}
    assert [shown_question(m) for m in anna.messages if m.has_inline_keyboard] == ["1.2"]


async def test_forged_callback_data_gets_a_short_answer_and_changes_nothing(
    running: Running,
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    mallory = running.emu.user(1666, "Mallory", language_code="en")
    await start(anna, "Acme", technology=False)
    await anna.press("3")
    await start(mallory, "Mine", technology=False, lang="en")
    target = mallory.last
    forged = [
        "a:1:1.2:5",  # Anna's assessment, from Mallory's chat
        "a:2:1.1:9",  # a rating out of range
        "a:2:1.1:-1",
        "a:2:99.9:3",  # no such question
        "a:x:1.1:3",  # not a number
        "a:2:1.1",  # too few parts
        "c:1",  # Anna's partner's card
        "e:1:1:1.1:0",  # editing Anna's partner
        "m:1:confirm",  # deleting Anna's partner
        "m:1:rename",
        "t:1:1",  # the technology answer of Anna's partner
        "k:-5",  # a ranking page before the first
        "p:99999",
        "r:1",  # resuming Anna's assessment
        "zz:unknown",
        "",
        "💥" * 16,
    ]
    for data in forged:
        result = await mallory.press_data(target, data)
        assert result.answered, data
        assert result.text, data
        assert len(result.text) <= 200
    assert await answers_in_db(running) == {"1.1": 3}
    async with running.app.db.read() as tx:
        acme = await tx.partner_by_name(1, "Acme")
    assert acme is not None
    assert acme.technology is False
    assert "Acme" not in "".join(m.text for m in mallory.messages)


async def test_a_hostile_name_shows_literally_everywhere(
    running: Running, questionnaire: Questionnaire
) -> None:
    name = '<b>Acme & "Co"</b>'
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, name, technology=False)
    assert anna.messages[-3].text.startswith(f"Оцениваем «{name}».")
    assert anna.last.text.startswith(f"🤝 {name}\n")
    await answer_all(anna, questionnaire, NON_TECH)
    assert anna.last.text.startswith(f"🤝 {name}\n")
    assert not any(e["type"] == "bold" and e["offset"] == 3 and e["length"] == 4
                   for e in anna.last.entities)  # fmt: skip
    await anna.send("/ranking")
    assert "\n1 <b>Acme &…   71   A  96%  · У\n" in anna.last.text
    assert f"1. {name}" in anna.last.button_texts
    await anna.send("/partners")
    assert any(text.startswith(name) for text in anna.last.button_texts)
    await anna.send(f"/card {name}")
    assert anna.last.text.startswith(f"🤝 {name}\n")
    await anna.send(f"/new {name.upper()}")
    assert anna.last.text.startswith(f"«{name}» уже оценён — вот карточка.")


async def test_huge_and_odd_text_is_handled_politely(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await anna.send("/new")
    replies = await anna.send("x" * 4000)
    assert replies[-1].text.startswith("Название — одна строка длиной до 64 символов.")
    await anna.send("Первая строка\nвторая строка")  # a list: a partner a line (PRODUCT §8)
    assert anna.last.text.startswith("✅ Добавлено в лонг-лист: 2 партнёра.")
    await anna.send("/new Acme")
    await anna.press("Нет")
    note = "‮RTL 🤝 \x00\x07 " + "заметка " * 500
    reply = await anna.send(note[:4000])
    assert reply[-1].text.startswith("📝 Заметка к вопросу 1.1 сохранена.")
    unknown = await anna.send("/frobnicate now")
    assert unknown[-1].text == "Не знаю команду /frobnicate. /help — список команд."
    sticker_like = await anna.send_document(file_name="terms.pdf")
    assert sticker_like[-1].text.startswith("📎 Сохранено к вопросу 1.1: документ.")


async def test_a_failure_mid_update_gets_a_reply_and_keeps_the_answers(
    running: Running,
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    await anna.press("4")
    running.emu.inject_error("sendMessage", 400, "Bad Request: something unexpected")
    failed = await anna.press("3")  # recorded; showing the next question fails once
    assert failed.answered
    assert anna.last.text == (
        "Что-то пошло не так, но ответы сохранены. Попробуйте ещё раз или /continue."
    )
    assert await answers_in_db(running) == {"1.1": 4, "1.2": 3}
    # The failed update left 1.2 as the open question: taking its (gone) buttons off is
    # a harmless "not modified".
    running.emu.forgive("message is not modified")
    await anna.send("/continue")
    assert shown_question(anna.last) == "2.1"
