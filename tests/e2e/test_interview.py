"""A person assesses partners in a private chat, through the real Dispatcher and the emulator."""

from __future__ import annotations

from questionnaire.model import Questionnaire
from questionnaire.scoring import points, score_partner
from tests.data import ALL_IDS, NON_TECH, TECH
from tests.e2e.driver import answer_all, card_figures, is_question, shown_question, start
from tests.e2e.harness import Running


async def test_full_technology_assessment_ends_in_the_scored_card(
    running: Running, questionnaire: Questionnaire
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await anna.send("/start")
    await start(anna, "Acme", technology=True)
    asked = await answer_all(anna, questionnaire, TECH)
    assert asked == ALL_IDS
    expected = score_partner(questionnaire, TECH, technology=True)
    card = anna.last
    assert card_figures(card) == (
        points(expected.score),
        points(expected.low),
        points(expected.high),
    )
    print(card.text)


async def test_non_technology_assessment_asks_24_questions(
    running: Running, questionnaire: Questionnaire
) -> None:
    boris = running.emu.user(1002, "Boris", language_code="en")
    await start(boris, "Globex", technology=False, lang="en")
    first = boris.last.text
    assert "Section 1/10 · Strategic and corporate (cultural) fit · question 1 of 24" in first
    asked = await answer_all(boris, questionnaire, NON_TECH, lang="en")
    assert asked == [q for q in ALL_IDS if q not in {"3.1", "3.2", "8.5"}]
    expected = score_partner(questionnaire, NON_TECH, technology=False)
    assert card_figures(boris.last) == (
        points(expected.score),
        points(expected.low),
        points(expected.high),
    )
    assert "Not applicable: Tech" in boris.last.text
    assert [m.text for m in boris.messages[-3:-1]] == [
        "Done — every question on “Globex” is answered.",
        f"🤝 Globex · {points(expected.score)}/100",  # the radar picture's caption
    ]
    assert boris.messages[-2].photo is not None


async def test_a_question_shows_progress_anchors_and_exactly_the_asked_buttons(
    running: Running,
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=True)
    first = anna.last
    assert first.text.splitlines()[:3] == [
        "🤝 Acme",
        "Раздел 1/10 · Стратегическая и корпоративная (культурная) совместимость · вопрос 1 из 27",
        "▱▱▱▱▱▱▱▱▱▱ отвечено 0 из 27",
    ]
    for anchored in ("\n1 — ", "\n3 — ", "\n5 — "):
        assert anchored in first.text
    assert first.button_texts == ["1", "2", "3", "4", "5", "Не знаю", "⏸ Пауза"]
    await anna.press("4")
    second = anna.last
    assert second.button_texts == ["1", "2", "3", "4", "5", "Не знаю", "← Назад", "⏸ Пауза"]
    assert "вопрос 2 из 27" in second.text
    answered = anna.messages[-2]
    assert answered.buttons == []
    assert "✅ Ответ: 4" in answered.text
    for message in anna.messages:
        for row in message.buttons:
            for button in row:
                assert len(str(button.get("callback_data", "")).encode()) <= 64


async def test_back_shows_the_saved_answer_and_a_change_changes_the_card(
    running: Running, questionnaire: Questionnaire
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    await anna.press("2")  # 1.1
    await anna.press("5")  # 1.2
    back = await anna.press("← Назад")  # on 2.1: back to 1.2, in place
    assert back.answered
    assert shown_question(anna.last) == "1.2"
    assert "Сохранённый ответ: 5" in anna.last.text
    await anna.press("← Назад")
    assert shown_question(anna.last) == "1.1"
    assert "Сохранённый ответ: 2" in anna.last.text
    assert "← Назад" not in anna.last.button_texts  # nothing before the first question
    await anna.press("4")  # 1.1 changed from 2 to 4: going forward again shows 1.2
    assert shown_question(anna.last) == "1.2"
    assert "Сохранённый ответ: 5" in anna.last.text
    await anna.press("5")
    assert shown_question(anna.last) == "2.1"
    await answer_all(anna, questionnaire, NON_TECH)
    changed = {**NON_TECH, "1.1": 4}
    expected = score_partner(questionnaire, changed, technology=False)
    assert card_figures(anna.last)[0] == points(expected.score)

    # Later, from the card: Edit answers → section 1 → 1.1 → 1.
    await anna.press("✏️ Изменить ответы")
    await anna.press("1. Стратегия · 88")
    await anna.press("1.1 Миссия и ценности · 4")
    assert "Сохранённый ответ: 4" in anna.last.text
    await anna.press("1")
    after = score_partner(questionnaire, {**changed, "1.1": 1}, technology=False)
    card = anna.last
    assert card.text.startswith(
        f"Ответ на 1.1 изменён: 4 → 1. Балл: {points(expected.score)} → {points(after.score)}."
    )
    assert card_figures(card)[0] == points(after.score)
    assert "Красные флаги — категория не выше B\n🚩 1.1 Миссия и ценности — ответ 1" in card.text


async def test_dont_know_widens_the_band(running: Running, questionnaire: Questionnaire) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    sure = dict.fromkeys(ALL_IDS, 4)
    await start(anna, "Sure", technology=True)
    await answer_all(anna, questionnaire, sure)
    assert card_figures(anna.last) == (75, 75, 75)
    unsure = {**sure, "5.1": None, "6.1": None}
    await start(anna, "Unsure", technology=True)
    await answer_all(anna, questionnaire, unsure)
    score, low, high = card_figures(anna.last)
    expected = score_partner(questionnaire, unsure, technology=True)
    assert (score, low, high) == tuple(
        points(v) for v in (expected.score, expected.low, expected.high)
    )
    assert low < 75 < high


async def test_a_note_typed_mid_question_appears_on_the_card(
    running: Running, questionnaire: Questionnaire
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    await anna.press("3")  # 1.1
    await anna.press("4")  # 1.2
    question = anna.last
    replies = await anna.send("Делят выручку 70/30 <в нашу пользу> & платят ежемесячно")
    assert [m.text for m in replies] == [
        "📝 Заметка к вопросу 2.1 сохранена. Ответ выберите кнопками под вопросом."
    ]
    await anna.send_photo(caption="скрин условий")
    assert anna.messages[-1].text.startswith("📎 Сохранено к вопросу 2.1: фото.")
    assert question.message_id == next(m for m in anna.messages if is_question(m)).message_id
    await anna.press("5", message=question)  # the question stayed open for its rating
    await answer_all(anna, questionnaire, NON_TECH)
    card = anna.last.text
    assert "Заметки\n• 2.1 Делят выручку 70/30 <в нашу пользу> & платят ежемесячно" in card
    assert "• 2.1 📎 фото: скрин условий" in card
