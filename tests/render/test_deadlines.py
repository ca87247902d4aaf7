"""The deadline's texts by exact output: a nudge, the line after the deadline, the digest;
each fits one message however long the names, and user text is escaped."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.render import deadlines
from bot.render.format import MESSAGE_LIMIT, telegram_length
from bot.render.texts import T
from bot.services.calendar import ZONES
from bot.services.model import Waiting
from tests.render.data import GROUP, HOSTILE, PRIVATE, assessment, partner

DEADLINE = date(2026, 12, 15)
TEAM = replace(GROUP, deadline=DEADLINE)
ACME = partner(21, HOSTILE, technology=False, workspace=GROUP)
BETA = partner(22, "Beta", technology=True, workspace=GROUP)
STARTED = assessment(201, ACME, 1, "Anna", finished=False)


def test_a_nudge_lists_what_is_left_with_progress_and_days(ru: T) -> None:
    items = [Waiting(ACME, TEAM, STARTED, 3, 24), Waiting(BETA, TEAM, None, 0, 27)]
    assert deadlines.nudge(ru, TEAM, items, date(2026, 12, 12)) == (
        "⏰ «Sales team»: срок 15.12.2026, осталось 3 дня. Ждут вашей оценки: 2\n"
        "• «&lt;b&gt;Acme &amp; &#34;Co&#34;&lt;/b&gt;» · отвечено 3 из 24\n"
        "• «Beta» · не начата\n"
        "Кнопка открывает следующий вопрос. Выключить напоминания — /settings"
    )


def test_the_days_left_read_as_russian_does(ru: T) -> None:
    left = [str(deadlines.left_text(ru, DEADLINE, date(2026, 12, 15 - n))) for n in (0, 1, 4)]
    assert left == ["сегодня последний день", "остался 1 день", "осталось 4 дня"]
    assert str(deadlines.left_text(ru, DEADLINE, date(2026, 11, 24))) == "остался 21 день"


def test_the_line_after_the_deadline_says_who_owes_what(ru: T, en: T) -> None:
    owed = [("Anna", ["Acme", "Beta"]), ("Boris", ["Beta"])]
    assert deadlines.overdue(ru, TEAM, 4, 7, owed, by_partner=False) == (
        "🏁 Срок 15.12.2026 прошёл: готово 4 из 7. Ещё не закончили: Anna — «Acme», «Beta»; "
        "Boris — «Beta»."
    )
    assert deadlines.overdue(en, TEAM, 7, 7, [], by_partner=False) == (
        "🏁 The deadline 15 Dec 2026 has passed: 7 of 7 done. Everything is assessed: "
        "thank you, team!"
    )
    assert deadlines.overdue(ru, TEAM, 1, 3, [("", ["Beta", "Gamma"])], by_partner=True) == (
        "🏁 Срок 15.12.2026 прошёл: готово 1 из 3 партнёров. Без оценки: «Beta», «Gamma»."
    )


def test_a_digest_is_short(ru: T) -> None:
    text = deadlines.digest(
        ru,
        TEAM,
        [("Anna", ["Acme"])],
        [("Acme", "-", "B"), ("Beta", "C", "B")],
        [("Acme", ["1.1", "4.2"])],
        [("Beta", ["9.1"])],
    )
    assert text == (
        "📰 За день в «Sales team»\n"
        "✅ Закончили оценку: Anna — «Acme»\n"
        "🏷 Категории: «Acme» — → B; «Beta» C → B\n"
        "⚖️ Новые расхождения (ответы отличаются на 2 и больше): «Acme»: 1.1, 4.2\n"
        "🔁 Ответы изменили после согласования — посмотрите ещё раз: «Beta»: 9.1\n"
        "Подробнее — /card Название"
    )


def test_huge_lists_and_names_fit_one_message(ru: T) -> None:
    name = "Ы" * 64
    people = [(f"Person{n}" + "Я" * 60, [name] * 40) for n in range(300)]
    line = deadlines.overdue(ru, TEAM, 0, 12000, people, by_partner=False)
    digest = deadlines.digest(
        ru,
        TEAM,
        people,
        [(name, "A", "B")] * 500,
        [(name, [f"{s}.{q}" for s in range(1, 11) for q in range(1, 4)])] * 500,
        [(name, ["9.1"])] * 500,
    )
    items = [Waiting(ACME, TEAM, STARTED, 3, 24)] * 500
    nudge = deadlines.nudge(ru, TEAM, items, DEADLINE)
    for text in (line, digest, nudge):
        assert telegram_length(text) <= MESSAGE_LIMIT
    assert "и ещё 290 человек" in line
    assert nudge.endswith(
        "…и ещё 490\nКнопка открывает следующий вопрос. Выключить напоминания — /settings"
    )


def test_a_zone_reads_as_its_city_and_offset(ru: T, en: T) -> None:
    winter = datetime(2026, 12, 3, tzinfo=UTC)
    assert deadlines.zone_text(ru, ZoneInfo("Asia/Yekaterinburg"), winter, ZONES) == (
        "Екатеринбург (UTC+5)"
    )
    assert deadlines.zone_text(en, ZoneInfo("UTC"), winter, ZONES) == "UTC"
    assert deadlines.zone_text(ru, ZoneInfo("Asia/Kolkata"), winter, ZONES) == (
        "Asia/Kolkata (UTC+5:30)"
    )
    assert deadlines.zone_text(ru, ZoneInfo("America/New_York"), winter, ZONES) == (
        "America/New_York (UTC−5)"
    )


def test_a_private_lists_nudge_names_no_team(en: T) -> None:
    own = replace(PRIVATE, deadline=DEADLINE)
    items = [Waiting(replace(BETA, workspace_id=own.id), own, None, 0, 27)]
    assert deadlines.nudge(en, own, items, DEADLINE) == (
        "⏰ Deadline 15 Dec 2026, today is the last day. Waiting for your assessment: 1\n"
        "• “Beta” · not started\n"
        "A button opens the next question. Reminders off: /settings"
    )
