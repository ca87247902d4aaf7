"""A team of three in a group builds one longlist, assesses in private, sees one team card."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import UTC, datetime

import pytest

from questionnaire.model import Questionnaire
from questionnaire.scoring import points, score_partner
from questionnaire.team import combine
from tests.botapi import BotAPIEmulator, Group, ScriptedUser
from tests.data import BASE, NON_TECH_IDS
from tests.e2e.driver import answer_all, card_figures, payload_of
from tests.e2e.harness import Running

SHEETS: dict[str, dict[str, int | None]] = {
    "Anna": {**BASE, "4.1": 5, "6.1": 3},
    "Boris": {**BASE, "4.1": 2, "6.1": 3, "10.2": 5, "5.1": 5},
    "Vera": {**BASE, "4.1": 4, "6.1": 5, "5.1": None},
}


@pytest.fixture
async def team(running: Running) -> tuple[Group, list[ScriptedUser], ScriptedUser]:
    emu = running.emu
    anna = emu.user(1001, "Anna", language_code="ru")
    boris = emu.user(1002, "Boris", language_code="en")
    vera = emu.user(1003, "Vera", language_code="ru")
    oleg = emu.user(1666, "Oleg", language_code="ru")
    group = emu.group(-4001, "Sales team", members=[anna, boris, vera], bot_status="left")
    welcome = await emu.add_bot_to_group(group, by=anna)
    assert welcome[-1].text.startswith("Привет, команда! Я веду общий лонг-лист партнёров")
    return group, [anna, boris, vera], oleg


async def assess_in_private(
    user: ScriptedUser, payload: str, ratings: Mapping[str, int | None], q: Questionnaire
) -> None:
    lang = "en" if user.language_code == "en" else "ru"
    await user.send(f"/start {payload}")
    if user.last.text.startswith(("«Acme» — технологическое", "Is “Acme” a technology")):
        await user.press("Нет" if lang == "ru" else "No")
    await answer_all(user, q, ratings, lang=lang)


async def test_a_team_assesses_in_private_and_sees_one_card_in_the_group(
    running: Running,
    team: tuple[Group, list[ScriptedUser], ScriptedUser],
    questionnaire: Questionnaire,
) -> None:
    group, members, oleg = team
    anna, _, vera = members
    added = await anna.send("/new Acme", chat=group)
    assert added[-1].text.startswith("«Acme» — в лонг-листе команды.")
    payload = payload_of(added[-1].button("✍️ Оценить в личном чате")["url"])
    assert len(payload) <= 64
    assert payload.replace("-", "").replace("_", "").isalnum()

    posts_before = len(group.messages)
    for user in members:
        await assess_in_private(user, payload, SHEETS[user.first_name], questionnaire)
    # Each private chat ends on that person's own card; the group, kept quiet, got one line at
    # the first finish and one more only where a finish changed the tier, in the group's
    # language (Anna's, who added the bot), English-speaking Boris's too.
    assert anna.last.text.startswith("🤝 Acme\n")
    assert "Здесь только ваши ответы; карточка команды — в группе «Sales team»." in anna.last.text
    posts = [p.text for p in group.messages[posts_before:]]
    print("\n".join(posts))
    assert posts[0].startswith("✅ «Acme»: категория ")
    assert posts[0].endswith("Anna закончил(а) оценку.")
    assert all(p.startswith("✏️ «Acme»: категория ") for p in posts[1:])
    assert len(posts) <= 3

    team_result = combine(questionnaire, SHEETS)
    expected = score_partner(questionnaire, team_result.ratings, technology=False)
    await vera.send("/card Acme", chat=group)
    card = group.last
    assert card_figures(card) == (
        points(expected.score),
        points(expected.low),
        points(expected.high),
    )
    assert "👤 Anna, " in card.text
    assert "👤 Boris, " in card.text
    assert "Обсудить — ответы расходятся на 2 и больше" in card.text
    assert "🗣 4.1 Финансовая устойчивость: Anna 5 · Boris 2 · Vera 4 → 4" in card.text
    assert "🗣 6.1" in card.text  # 3, 3, 5
    assert "🗣 10.2" not in card.text  # 4, 5, 4: within one point
    assert card.button_texts == [
        "🏆 Рейтинг", "✍️ Оценить в личном чате", "📊 Ответы команды", "🗣 Обсудить (2)",
        "🎯 Решение", "↗️ Поделиться",
    ]  # fmt: skip

    await vera.press("📊 Ответы команды", chat=group)
    answers = group.last.text
    assert "4.1 Финансовая устойчивость — 4 · Anna 5, Boris 2, Vera 4" in answers
    assert "5.1 Связи и репутация — 4,5 · Anna 4, Boris 5 · не знает: Vera" in answers

    # The outsider is refused at the deep link and finds nothing of the team's inline.
    refused = await oleg.send(f"/start {payload}")
    assert refused[-1].text.startswith("Эта оценка — для участников группы «Sales team».")
    assert await oleg.inline_query("Acme") == []
    async with running.app.db.read() as tx:
        assert oleg.id not in {a.user_id for a in await tx.assessments(1)}

    shared = await anna.inline_query("acm")
    assert [r["title"] for r in shared] == ["Acme"]
    assert shared[0]["description"].startswith("Sales team · ")
    text = shared[0]["input_message_content"]["message_text"]
    assert "🗣" not in text  # disagreements stay inside the team (the public card)
    assert [name for name in ("Anna", "Boris", "Vera") if name in text] == []


async def test_a_gate_rated_1_by_anyone_blocks_until_re_rated(
    running: Running,
    team: tuple[Group, list[ScriptedUser], ScriptedUser],
    questionnaire: Questionnaire,
) -> None:
    group, (anna, boris, vera), _ = team
    added = await anna.send("/new Acme", chat=group)
    payload = payload_of(added[-1].buttons[0][0]["url"])
    await assess_in_private(anna, payload, BASE, questionnaire)
    await assess_in_private(vera, payload, BASE, questionnaire)
    await assess_in_private(boris, payload, {**BASE, "9.1": 1}, questionnaire)
    await anna.send("/card Acme", chat=group)
    assert "Категория <b>X</b>" in group.last.html
    assert "⛔ 9.1 Соответствие закону — Boris: ответ 1, партнёр заблокирован" in group.last.text
    # Its median would be 4; the team's rating is the veto, and the card says so.
    assert "🗣 9.1 Соответствие закону: Anna 4 · Vera 4 · Boris 1 → 1 ⛔ стоп-фактор" in (
        group.last.text
    )
    await anna.press("📊 Ответы команды", chat=group)
    assert "9.1 Соответствие закону — 1 ⛔ стоп-фактор · Anna 4, Vera 4, Boris 1" in (
        group.last.text
    )
    # Boris opens his own card from the same link and changes his answer.
    await boris.send(f"/start {payload}")
    assert boris.last.text.startswith("You have already assessed “Acme”")
    await boris.press("✏️ Edit answers")
    await boris.press("9. Legal · 38")
    await boris.press("9.1 Legal compliance · 1")
    await boris.press("4")
    # The group hears of it, in its own language: the change moved Acme out of X.
    assert group.last.text == "✏️ «Acme»: категория X → A (Boris)."
    assert group.last.button_texts == ["📋 Карточка"]
    await anna.send("/card Acme", chat=group)
    assert "Категория <b>A</b>" in group.last.html


async def test_compare_export_and_a_supergroup_upgrade(
    emu: BotAPIEmulator,
    running: Running,
    team: tuple[Group, list[ScriptedUser], ScriptedUser],
    questionnaire: Questionnaire,
) -> None:
    group, (anna, boris, vera), _ = team
    for name, ratings in (("Acme", {**BASE, "1.1": 5}), ("Globex", {**BASE, "1.1": 2})):
        added = await anna.send(f"/new {name}", chat=group)
        payload = payload_of(added[-1].buttons[0][0]["url"])
        await anna.send(f"/start {payload}")
        await anna.press("Нет")
        await answer_all(anna, questionnaire, ratings)
        await boris.send(f"/start {payload}")
        await anna.send("/cancel")  # Boris started but answered nothing

    await vera.send("/compare acme | globex", chat=group)
    table = group.last.text
    assert table.startswith("⚖️ Acme и Globex\n")
    assert "\n          Acme Globex\n" in table
    assert "\nСтратегия   88     50 ◀\n" in table
    assert "\nРынок       75     75\n" in table

    await vera.send("/export", chat=group)
    exported = group.last
    assert exported.document_name is not None
    assert exported.document_name.endswith(".csv")
    assert exported.document is not None
    assert exported.document.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(exported.document.decode("utf-8-sig")), delimiter=";"))
    head, body = rows[0], rows[1:]
    assert head[:6] == ["Партнёр", "Балл", "Низ", "Верх", "Категория", "Покрытие %"]
    assert head[-6:] == ["Оценил", "Статус", "Обновлено", "Вопрос", "Ответ", "Заметки"]
    acme = [r for r in body if r[0] == "Acme"]
    assert len(acme) == len(NON_TECH_IDS)  # Anna's answers; Boris answered nothing
    first = dict(zip(head, acme[0], strict=True))
    expected = score_partner(questionnaire, {**BASE, "1.1": 5}, technology=False)
    assert (first["Балл"], first["Категория"], first["Покрытие %"]) == (
        str(points(expected.score)), "A", "100",
    )  # fmt: skip
    assert (first["Оценил"], first["Статус"], first["Вопрос"], first["Ответ"]) == (
        "Anna", "готово", "1.1 Миссия и ценности", "5",
    )  # fmt: skip
    assert first["Обновлено"] == f"{datetime.now(UTC):%Y-%m-%d}"
    assert first["Стратегия"] == "88"

    await emu.migrate_group(group, -1009999)
    await anna.send("/ranking", chat=group)
    assert group.id == -1009999
    assert "Acme" in group.last.text
    assert "Globex" in group.last.text
    async with running.app.db.read() as tx:
        assert await tx.workspace(-4001) is None
