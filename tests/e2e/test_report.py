"""/report (PRODUCT.md §9): a PDF and an XLSX for management, with the numbers the cards show.

Sales team: Vera (creator, a lead), Anna and Boris (members) assess three partners; a fourth
has no answers yet.
"""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from questionnaire.model import Questionnaire
from tests.bot.reports import NO_POPPLER, pdf_text
from tests.botapi import BotMessage, Group, ScriptedUser
from tests.data import BASE, NON_TECH
from tests.e2e.driver import answer_all, card_figures, payload_of, start
from tests.e2e.harness import Running

SHEETS = ["Веса разделов", "Рейтинг", "Баллы по разделам", "Флаги"]
RANKING = [
    "Место", "Партнёр", "Балл", "Балл от", "Балл до", "Категория", "Покрытие", "Стоп-факторы",
    "Проверить", "Красные флаги", "Оценщиков", "Решение",
]  # fmt: skip
SECTION_LINE = re.compile(r"^[▰▱]+\s+(\d+|—) · ([^(\n]+?)(?: \(|$)", re.MULTILINE)


async def assess(
    person: ScriptedUser, payload: str, questionnaire: Questionnaire, sheet: dict[str, int | None]
) -> None:
    await person.send(f"/start {payload}")
    if "технологическое" in person.last.text:
        await person.press("Нет")
    await answer_all(person, questionnaire, sheet)


async def add(user: ScriptedUser, group: Group, name: str) -> str:
    added = await user.send(f"/new {name}", chat=group)
    return payload_of(added[-1].buttons[0][0]["url"])


def sections_of(card: BotMessage) -> dict[str, int | None]:
    """Each section's score as the card's bars show it ("—": nothing answered)."""
    return {
        title.strip(): None if score == "—" else int(score)
        for score, title in SECTION_LINE.findall(card.text)
    }


async def test_report_in_a_group_carries_the_cards_numbers(
    running: Running, questionnaire: Questionnaire, tmp_path: Path
) -> None:
    emu = running.emu
    vera = emu.user(1003, "Vera", username="vera", language_code="ru")
    anna = emu.user(1001, "Anna", username="anna", language_code="ru")
    boris = emu.user(1002, "Boris", username="boris", language_code="ru")
    sales = emu.group(-4001, "Sales team", members=[vera, anna, boris], type="supergroup")
    vector = await add(vera, sales, "Вектор")
    globex = await add(vera, sales, "Globex & <Co>")
    delta = await add(vera, sales, "Дельта")
    await add(vera, sales, "Пустой")
    await assess(anna, vector, questionnaire, BASE)
    await assess(boris, vector, questionnaire, {**BASE, "1.1": 5, "2.1": 2, "6.1": 1})
    await assess(vera, vector, questionnaire, {**BASE, "6.1": 1})  # the team's 6.1: a red flag
    await assess(anna, globex, questionnaire, NON_TECH)
    await assess(boris, delta, questionnaire, {**BASE, "4.1": 1})  # a gate: blocked

    cards = {}
    for name in ("Вектор", "Globex & <Co>", "Дельта"):
        cards[name] = (await vera.send(f"/card {name}", chat=sales))[-1]
    await vera.press("🎯 Решение", message=cards["Вектор"], chat=sales)  # Vera leads the group
    await vera.press("🎯 Фокус", message=cards["Вектор"], chat=sales)
    sent = await anna.send("/report", chat=sales)
    assert [m.kind for m in sent] == ["document", "document"]
    pdf, xlsx = sent
    assert pdf.document_name is not None
    assert pdf.document_name.endswith(".pdf")
    assert xlsx.document_name is not None
    assert xlsx.document_name.endswith(".xlsx")
    assert pdf.text.startswith("📄 Отчёт по лонг-листу «Sales team»: 4 партнёра")
    assert pdf.document is not None
    assert xlsx.document is not None

    book = load_workbook(io.BytesIO(xlsx.document))
    assert book.sheetnames == SHEETS
    ranking = book["Рейтинг"]
    assert [c.value for c in ranking[4]] == RANKING
    assert ranking.freeze_panes == "C5"
    assert ranking.auto_filter.ref == "A4:L8"
    rows = {row[1]: row for row in ranking.iter_rows(min_row=5, values_only=True)}
    assert set(rows) == {"Вектор", "Globex & <Co>", "Дельта", "Пустой"}
    for name, card in cards.items():
        score, low, high = card_figures(card)
        assert rows[name][2:5] == (score, low, high), name
        coverage = re.search(r"[Пп]окрытие (\d+)%", card.text)
        assert coverage, card.text
        assert rows[name][6] == int(coverage.group(1)) / 100
    assert rows["Дельта"][0] == "—"
    assert rows["Дельта"][5] == "X"
    assert rows["Дельта"][7] == "4.1"
    assert rows["Пустой"][2:5] == (None, None, None)
    assert rows["Пустой"][5] == "?"
    assert rows["Вектор"][10] == 3  # three people assessed it
    assert (rows["Вектор"][11], rows["Дельта"][11]) == ("Фокус", None)  # the team's decision

    sections = book["Баллы по разделам"]
    titles = [str(c.value) for c in sections[4]][2:]
    by_name = {row[1]: row[2:] for row in sections.iter_rows(min_row=5, values_only=True)}
    for name, card in cards.items():
        shown = sections_of(card)
        assert shown, card.text
        for title, bar in shown.items():
            [column] = [i for i, t in enumerate(titles) if t.endswith(f". {title}")]
            assert by_name[name][column] == bar, (name, title)
    flags = list(book["Флаги"].iter_rows(min_row=5, values_only=True))
    assert ("—", "Дельта", "стоп-фактор", "4.1") in [row[:4] for row in flags]
    for name, card in cards.items():
        red = [row[3] for row in flags if row[1] == name and row[2] == "красный флаг"]
        assert red == re.findall(r"🚩 (\d+\.\d+) ", card.text), name

    assert pdf.document.startswith(b"%PDF")
    text = await asyncio.to_thread(pdf_text, pdf.document, tmp_path)
    if text is None:
        pytest.skip(NO_POPPLER)
    assert "Отчёт по оценке партнёров" in text
    assert "Sales team" in text
    assert "Globex & <Co>" in text
    vector_line = next(line for line in text.splitlines() if "Вектор" in line)
    score, low, high = card_figures(cards["Вектор"])
    assert vector_line.split()[2:5] == [str(score), str(low), str(high)]


async def test_a_private_report_is_of_ones_own_list(
    running: Running, questionnaire: Questionnaire
) -> None:
    ivan = running.emu.user(1001, "Ivan", language_code="ru")
    replies = await ivan.send("/report")
    assert [r.text for r in replies] == [
        "Отчёт пока не из чего собрать: в лонг-листе нет ни одного партнёра. Добавить — "
        "/new Название"
    ]
    await start(ivan, "Вектор", technology=False)
    await answer_all(ivan, questionnaire, NON_TECH)
    sent = await ivan.send("/report")
    assert [m.kind for m in sent] == ["document", "document"]
    assert sent[0].text.startswith("📄 Отчёт по вашему лонг-листу: 1 партнёр — ")
    assert sent[1].document is not None
    ranking = load_workbook(io.BytesIO(sent[1].document))["Рейтинг"]
    assert ranking["A1"].value == "Отчёт по оценке партнёров · Личный лонг-лист: Ivan"
    assert ranking["B5"].value == "Вектор"


async def test_a_longlist_of_500_gets_its_report(
    running: Running, questionnaire: Questionnaire
) -> None:
    emu = running.emu
    vera = emu.user(1003, "Vera", username="vera", language_code="ru")
    sales = emu.group(-4001, "Sales team", members=[vera], type="supergroup")
    names = [f"Партнёр {n:03}" for n in range(1, 501)]
    await vera.send("/new " + "\n".join(names), chat=sales)
    await assess(vera, await add(vera, sales, "Партнёр 007"), questionnaire, BASE)
    card = (await vera.send("/card Партнёр 007", chat=sales))[-1]
    sent = await vera.send("/report", chat=sales)
    assert [m.kind for m in sent] == ["document", "document"]
    assert sent[0].text.startswith("📄 Отчёт по лонг-листу «Sales team»: 500 партнёров")
    assert sent[1].document is not None
    ranking = load_workbook(io.BytesIO(sent[1].document))["Рейтинг"]
    rows = list(ranking.iter_rows(min_row=5, values_only=True))
    assert len(rows) == 500
    assert rows[0][:5] == (1, "Партнёр 007", *card_figures(card))
    assert {row[5] for row in rows[1:]} == {"?"}  # nobody else assessed: no tier, no place
