"""The ranking, the partner list, cards by name, and the small commands."""

from __future__ import annotations

import random
import re
from datetime import timedelta

from bot.reminders import Reminders
from bot.services.interview import Assessments
from questionnaire.model import Questionnaire
from questionnaire.ranking import rank
from questionnaire.scoring import points, score_partner
from storage.repositories import utcnow
from tests.data import NON_TECH_IDS
from tests.e2e.driver import answer_all, start
from tests.e2e.harness import Running


async def test_ranking_orders_three_partners(
    running: Running, questionnaire: Questionnaire
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    sheets = {
        "Gamma": {**dict.fromkeys(NON_TECH_IDS, 3), "2.2": 2},  # about 50, tier C
        "Alpha": dict.fromkeys(NON_TECH_IDS, 5),  # 100, tier A
        "Beta": {**dict.fromkeys(NON_TECH_IDS, 4), "6.1": 1},  # a red flag: tier B
    }
    for name, ratings in sheets.items():
        await start(anna, name, technology=False)
        await answer_all(anna, questionnaire, ratings)
    await anna.send("/ranking")
    table = anna.last.text.split("\n")
    beta = points(score_partner(questionnaire, sheets["Beta"], technology=False).score)
    gamma = points(score_partner(questionnaire, sheets["Gamma"], technology=False).score)
    assert table[:5] == [
        "🏆 Рейтинг: 3 партнёра",
        "# Партнёр    Балл Кат Покр Фл У",
        "1 Alpha       100   A 100%  · У",
        f"2 Beta         {beta}   B 100%  1 М",
        f"3 Gamma        {gamma}   C 100%  · М",
    ]
    assert anna.last.button_texts == [
        "1. Alpha", "2. Beta", "3. Gamma", "🔮 Что если…", "📊 График",
    ]  # fmt: skip
    await anna.press("2. Beta")
    assert anna.last.text.startswith("🤝 Beta\n")
    await anna.press("🏆 Рейтинг")  # from the card: a fresh ranking below it
    assert anna.last.text.startswith("🏆 Рейтинг: 3 партнёра")


async def test_ranking_of_200_partners_pages_under_the_message_limit(
    running: Running, questionnaire: Questionnaire
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await anna.send("/start")
    rng = random.Random(200)
    assessments: Assessments = running.app.dispatcher["assessments"]
    async with running.app.db.read() as tx:
        user = await tx.user(anna.id)
        workspace = await tx.workspace(anna.id)
    assert user is not None
    assert workspace is not None
    names = [f"Партнёр №{i:03d} " + "очень длинное название" * (i % 3) for i in range(200)]
    expected = []
    for name in names:
        opened = await assessments.open(workspace, user, name)
        await assessments.choose_technology(user, opened.partner.id, False)
        ratings = {
            q: rng.choice([2, 4, 5, None] if q == "2.2" else [1, 2, 3, 4, 5, None])
            for q in rng.sample(NON_TECH_IDS, 18)
        }
        for question_id, rating in ratings.items():
            at = await assessments.position(user, opened.assessment.id, question_id)
            assert at is not None
            await assessments.answer(at, rating)
        card = score_partner(questionnaire, ratings, technology=False)
        expected.append((opened.partner.id, card.summary()))
    order = [partner_id for partner_id, _ in [(r.item, r) for r in rank(expected, name=str)]]

    await anna.send("/ranking")
    seen: list[int] = []
    pages = 0
    while True:
        page = anna.last
        pages += 1
        assert len(page.text.encode("utf-16-le")) // 2 <= 4096
        assert len(page.html) <= 4096
        cards = [b["callback_data"] for row in page.buttons for b in row]
        seen += [int(data.split(":")[1]) for data in cards if data.startswith("c:")]
        if "▶" not in page.button_texts:
            break
        await anna.press("▶", message=page)
        assert anna.last.message_id == page.message_id  # turned in place
    assert pages == 20
    assert seen == order
    rows = [line for line in anna.last.text.split("\n") if re.match(r"^ *(=?\d+|—) ", line)]
    assert all(len(line) <= 32 for line in rows)


async def test_partners_can_be_renamed_and_deleted_after_confirmation(
    running: Running, questionnaire: Questionnaire
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    await answer_all(anna, questionnaire, dict.fromkeys(NON_TECH_IDS, 4))
    await start(anna, "Beta", technology=False)
    await anna.send("/partners")
    assert anna.last.text == "2 партнёра. Выберите, чтобы открыть, переименовать или удалить."
    assert anna.last.button_texts == ["Acme · 75", "Beta"]  # Beta has no answers yet
    await anna.press("Acme · 75")
    assert anna.last.text == "Acme\n75/100 · категория A · покрытие 100%"
    await anna.press("✏️ Переименовать")
    await anna.send("beta")
    assert anna.last.text == "Партнёр «beta» уже есть. Напишите другое название или /cancel."
    await anna.send("Acme Corp")
    assert anna.last.text == "Переименовал: «Acme» → «Acme Corp»."
    await anna.send("/partners")
    await anna.press("Beta")
    await anna.press("🗑 Удалить")
    assert anna.last.text.startswith("Удалить «Beta» вместе со всеми ответами и заметками?")
    await anna.press("Отмена")
    assert anna.last.text.startswith("«Beta» остаётся в списке.")
    await anna.press("🗑 Удалить")
    confirm = anna.last
    await anna.press("Да, удалить")
    assert anna.last.text == "«Beta» удалён."
    again = await anna.press_data(confirm, "m:2:confirm")
    assert again.text == "Партнёр не найден — возможно, его удалили."
    await anna.send("/ranking")
    assert "Beta" not in anna.last.text
    assert "Acme Corp" in anna.last.text


async def test_continue_with_nothing_unfinished_offers_the_last_card(
    running: Running, questionnaire: Questionnaire
) -> None:
    """What a person comes back for after the last answer, should the card not have come."""
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "A&B <Co>", technology=False)
    await answer_all(anna, questionnaire, {})
    await anna.send("/continue")
    assert anna.last.text == (
        "Незаконченных оценок нет. Последней вы оценивали «A&B <Co>» — карточка по кнопке ниже. "
        "Новая оценка: /new Название"
    )
    assert anna.last.button_texts == ["📋 Карточка"]
    await anna.press("📋 Карточка")
    assert anna.last.text.startswith("🤝 A&B <Co>\n")


async def test_card_by_name_continue_and_cancel(
    running: Running, questionnaire: Questionnaire
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await anna.send("/continue")
    assert anna.last.text.startswith("Незаконченных оценок нет.")
    await start(anna, "Acme Corp", technology=True)
    await anna.press("4")
    await anna.send("/cancel")
    assert anna.last.text.startswith("Остановились. Ответы сохранены")
    assert all(not m.has_inline_keyboard for m in anna.messages[-3:] if "1.2" in m.text)
    await anna.send("/card acme  corp")
    assert anna.last.text.startswith("🤝 Acme Corp\n")
    assert "оценка не закончена: 1 из 27" in anna.last.text
    assert anna.last.button_texts == [
        "▶ Продолжить",
        "🏆 Рейтинг",
        "✏️ Изменить ответы",
        "↗️ Поделиться",
    ]
    await anna.send("/card acme crop")
    assert anna.last.text == "Не нашёл «acme crop». Может быть, вы имели в виду:"
    await anna.send("/card Zeta")
    assert anna.last.text == "Не нашёл партнёра «Zeta». /partners — список."
    await anna.send("/new ACME   corp")
    assert anna.messages[-2].text == "«Acme Corp» уже в списке — продолжаем с вопроса 2 из 27."
    assert "1.2" in anna.last.text
    await anna.press("⏸ Пауза")
    assert anna.last.text.startswith("⏸ Пауза: «Acme Corp», вопрос 2 из 27.")
    await anna.press("▶ Продолжить")
    assert "1.2" in anna.last.text


async def test_start_help_language_and_commands(running: Running) -> None:
    boris = running.emu.user(1002, "Boris", language_code="en")
    greeting = await boris.send("/start")
    lines = greeting[0].text.split("\n")
    assert lines[0].startswith("Hi, Boris! I'm PartnerFit")
    assert len(lines) == 4  # a greeting and three lines on what the bot does
    await boris.press("➕ New assessment")
    assert boris.last.text == "What is the partner called? Send the name in one message."
    again = await boris.press("➕ New assessment")
    assert again.text == "Waiting for the partner's name — send it as a message."
    await boris.send("Initech")
    assert boris.messages[-2].text.startswith("Assessing “Initech”.")
    await boris.send("/help")
    assert "/ranking — the ranking of all partners" in boris.last.text
    await boris.send("/lang")
    await boris.press("Русский")
    assert boris.last.text == "Готово, теперь говорю по-русски."
    carol = running.emu.user(1003, "Carol", language_code="de")
    stray = await carol.send("hello?")
    assert stray[0].text.startswith("To assess a partner, press the button or send /new")
    assert stray[0].button_texts == ["➕ New assessment"]
    commands = running.emu.commands
    assert [c["command"] for c in commands["default", "ru"]] == [
        "start", "new", "continue", "todo", "card", "ranking", "partners", "compare",
        "weights", "export", "list", "cancel", "settings", "lang", "help",
    ]  # fmt: skip
    assert commands["default", "ru"][1]["description"] == "Оценить партнёра: /new Название"
    assert commands["default", "en"][1]["description"] == "Assess a partner: /new Name"
    assert commands["default", ""] == commands["default", "en"]


async def test_an_idle_assessment_is_recalled_once_unless_switched_off(
    running: Running,
) -> None:
    reminders: Reminders = running.app.dispatcher["reminders"]
    anna = running.emu.user(1001, "Anna", language_code="ru")
    boris = running.emu.user(1002, "Boris", language_code="en")
    carol = running.emu.user(1003, "Carol", language_code="en")
    for user, lang in ((anna, "ru"), (boris, "en"), (carol, "en")):
        await start(user, f"Acme {user.first_name}", technology=False, lang=lang)
        await user.press("4")
    await boris.send("/settings")
    assert boris.last.text.startswith("Settings\nA reminder about an unfinished assessment")
    await boris.press("🔕 Turn reminders off")
    assert boris.last.text.endswith("(once, about a day later): off.")
    await carol.block_bot()

    now = utcnow()
    assert await reminders.send_due(running.app.bot, now) == 0  # nobody idle for a day yet
    later = now + timedelta(hours=25)
    assert await reminders.send_due(running.app.bot, later) == 1
    await running.emu.wait_idle()
    assert anna.last.text == (
        "Вы не закончили оценку «Acme Anna»: отвечено 1 из 24. "
        "Продолжим с того места, где остановились?"
    )
    assert not any("not finished" in m.text for m in boris.messages + carol.messages)
    assert await reminders.send_due(running.app.bot, later + timedelta(days=3)) == 0  # once
    await anna.press("▶ Продолжить")
    assert "1.2" in anna.last.text
    async with running.app.db.read() as tx:
        blocked = await tx.user(carol.id)
    assert blocked is not None
    assert blocked.blocked
