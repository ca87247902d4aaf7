"""/report (PRODUCT.md §9): a PDF and an XLSX for management, with the numbers the cards show.

Sales team: Vera (creator, a lead), Anna and Boris (members) assess three partners; a fourth
has no answers yet.
"""

from __future__ import annotations

import asyncio
import io
import re
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from bot.telegram import callbacks as cb
from questionnaire.model import Questionnaire
from tests.bot.reports import NO_POPPLER, pdf_pages, pdf_text
from tests.botapi import BotMessage, Group, ScriptedUser
from tests.data import BASE, NON_TECH
from tests.e2e.driver import answer_all, card_figures, payload_of, start
from tests.e2e.harness import Running

SHEETS = ["Рейтинг", "Разделы", "Ответы", "Обсуждение", "Веса"]
RANKING = [
    "Место", "Партнёр", "Балл", "Балл от", "Балл до", "Категория", "Покрытие", "Устойчивость",
    "В топе", "Что поменяет местами с соседом", "Решение", "Кто решил", "Когда решили",
    "Причина", "Оценщиков", "Оценщики", "Стоп-факторы", "Проверить", "Красные флаги",
    "Вопросы с красным флагом", "Не согласовано",
]  # fmt: skip
ANSWERS = ["Место", "Партнёр", "Вопрос", "Формулировка", "Оценка команды", "Откуда"]
DISCUSSION = [
    "Место", "Партнёр", "Вопрос", "Формулировка", "Разброс", "Оценки", "Медиана",
    "Согласовано", "Кто согласовал", "Когда согласовали", "Состояние",
    "Изменили после согласования",
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


def step_up(panel: BotMessage, title: str) -> str:
    """The data of the "+" beside a section on the weights panel."""
    row = next(r for r in panel.buttons if r[1]["text"].startswith(f"{title} "))
    return str(row[2]["callback_data"])


def moscow() -> datetime:
    return datetime.now(ZoneInfo("Europe/Moscow"))


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
    await anna.send(f"/start {globex}")
    await anna.press("Нет")  # 1.1 is open: what she sends now is kept on it
    await anna.send("Слышал от знакомых в X5 <b>про задержки</b>")
    await anna.send_photo("Скрин условий")
    await anna.press(str(NON_TECH["1.1"]))  # 1.1, still open under the notes
    await answer_all(anna, questionnaire, NON_TECH)
    await assess(boris, delta, questionnaire, {**BASE, "4.1": 1})  # a gate: blocked

    # Vera, a lead, settles 2.1 (Anna 4, Boris 2, Vera 4) at 5, and 6.1 (Anna 4, Boris 1,
    # Vera 1) at the median; then Boris changes his 6.1 to 2: open again, and flagged.
    await vera.send("/card Вектор", chat=sales)
    await vera.press("🗣 Обсудить (2)", chat=sales)
    await vera.press("🤝 2.1", chat=sales)
    assert (await vera.press("5", chat=sales)).text == "Согласовано: 5"
    await vera.press("🤝 6.1", chat=sales)
    await vera.press("Оставить медиану (1)", chat=sales)
    await boris.send("/card Вектор")  # his own answers, in private
    await boris.press_data(boris.last, cb.Edit(partner=1, question="6.1").pack())
    await boris.press("2")
    await vera.send("/weights", chat=sales)
    panel = sales.last
    await vera.press_data(panel, step_up(panel, "Право"))  # Право 5 → 10
    assert sales.last.text.startswith("⚖️ Vera: Право 5 → 10")
    cards = {}
    for name in ("Вектор", "Globex & <Co>", "Дельта"):
        cards[name] = (await vera.send(f"/card {name}", chat=sales))[-1]
    assert "🤝 согласовано: 5 · Vera" in cards["Вектор"].text
    await vera.press("🎯 Решение", message=cards["Вектор"], chat=sales)
    await vera.press("🎯 Фокус", message=cards["Вектор"], chat=sales)
    sent = await anna.send("/report", chat=sales)
    assert [m.kind for m in sent] == ["document", "document"]
    pdf, xlsx = sent
    assert pdf.document_name is not None
    assert pdf.document_name.endswith(".pdf")
    assert xlsx.document_name is not None
    assert xlsx.document_name.endswith(".xlsx")
    assert pdf.text.startswith("📄 Отчёт по лонг-листу «Sales team»: 4 партнёра")
    print(f"captions:\n{pdf.text}\n{xlsx.text}")
    assert pdf.document is not None
    assert xlsx.document is not None

    book = load_workbook(io.BytesIO(xlsx.document))
    assert book.sheetnames == SHEETS
    ranking = book["Рейтинг"]
    assert [c.value for c in ranking[4]] == RANKING
    assert ranking.freeze_panes == "C5"
    assert ranking.auto_filter.ref == "A4:U8"
    rows = {row[1]: row for row in ranking.iter_rows(min_row=5, values_only=True)}
    assert set(rows) == {"Вектор", "Globex & <Co>", "Дельта", "Пустой"}
    for name, card in cards.items():
        score, low, high = card_figures(card)
        assert rows[name][2:5] == (score, low, high), name
        coverage = re.search(r"[Пп]окрытие (\d+)%", card.text)
        assert coverage, card.text
        assert rows[name][6] == int(coverage.group(1)) / 100
        red = re.findall(r"🚩 (\d+\.\d+) ", card.text)
        assert rows[name][18] == len(red), name
        assert rows[name][19] == (", ".join(red) or None), name
    assert rows["Дельта"][0] == "—"
    assert rows["Дельта"][5] == "X"
    assert rows["Дельта"][16] == "4.1"
    assert rows["Пустой"][2:5] == (None, None, None)
    assert rows["Пустой"][5] == "?"
    vector_row = rows["Вектор"]
    assert vector_row[14:16] == (3, "Anna, Boris, Vera")  # three people assessed it
    assert vector_row[10:12] == ("Фокус", "Vera")  # the team's decision, and who made it
    assert isinstance(vector_row[12], datetime)
    assert abs(vector_row[12] - moscow().replace(tzinfo=None)) < timedelta(minutes=5)
    assert (vector_row[20], rows["Дельта"][10]) == (1, None)  # 6.1 is open again

    sections = book["Разделы"]
    titles = [str(c.value) for c in sections[4]][2:]
    by_name = {row[1]: row[2:] for row in sections.iter_rows(min_row=5, values_only=True)}
    for name, card in cards.items():
        shown = sections_of(card)
        assert shown, card.text
        for title, bar in shown.items():
            [column] = [i for i, t in enumerate(titles) if t.endswith(f". {title}")]
            assert by_name[name][column] == bar, (name, title)

    answers = book["Ответы"]
    assert [c.value for c in answers[4]] == [*ANSWERS, "Anna", "Boris", "Vera", "Заметки"]
    found = {(r[1], r[2]): r for r in answers.iter_rows(min_row=5, values_only=True)}
    today = f"{moscow():%d.%m.%Y}"
    assert found["Вектор", "2.1"][4:10] == (5, f"согласовано: Vera, {today}", 4, 2, 4, None)
    assert found["Вектор", "6.1"][4:9] == (2, "медиана", 4, 2, 1)
    assert found["Вектор", "1.1"][4:9] == (4, "медиана", 4, 5, 4)
    assert found["Дельта", "4.1"][4:9] == (1, "стоп-фактор: 1 от Boris", None, 1, None)
    assert found["Globex & <Co>", "1.1"][-1] == (
        "Anna: Слышал от знакомых в X5 <b>про задержки</b>\nAnna, фото: Скрин условий"
    )  # the notes as typed, with who wrote them; a photo by its caption
    assert not any(name == "Пустой" for name, _ in found)  # nothing answered: no rows

    discussion = book["Обсуждение"]
    assert [c.value for c in discussion[4]] == DISCUSSION
    talk = {(r[1], r[2]): r for r in discussion.iter_rows(min_row=5, values_only=True)}
    assert set(talk) == {("Вектор", "6.1"), ("Вектор", "2.1")}
    settled = talk["Вектор", "2.1"]
    assert settled[4:9] == (2, "Anna 4 · Boris 2 · Vera 4", 4, 5, "Vera")
    assert settled[10:] == ("согласовано", None)
    changed = talk["Вектор", "6.1"]
    assert changed[4:9] == (3, "Anna 4 · Boris 2 · Vera 1", 2, "оставили медиану", "Vera")
    assert changed[10:] == ("изменили после согласования", "да")

    weights = book["Веса"]
    assert weights["C13"].value == 10  # Право, now
    history = list(weights.iter_rows(min_row=19, values_only=True))
    assert ("Vera", "кнопками −/+", "9. Право", 5, 10) in [row[1:] for row in history]

    assert pdf.document.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b", pdf.document)) == 1
    text = await asyncio.to_thread(pdf_text, pdf.document, tmp_path)
    if text is None:
        pytest.skip(NO_POPPLER)
    flat = " ".join(text.split())
    assert "Отчёт по оценке партнёров" in flat
    assert "Sales team" in flat
    assert "Globex & <Co>" in flat
    assert "Партнёров: 4 · оценщиков: 3" in flat
    assert "Несогласованных расхождений: 1 — у 1 партнёра" in flat
    assert f"последнее изменение: Vera, {today}" in flat
    vector_line = next(
        " ".join(line.split()) for line in text.splitlines() if line.split()[1:2] == ["Вектор"]
    )
    score, low, high = card_figures(cards["Вектор"])
    assert re.match(rf"=?1 Вектор {score} {low}–{high} {vector_row[5]} 100% ", vector_line)
    assert " Фокус Anna, Boris, Vera" in vector_line
    images = await asyncio.to_thread(pdf_pages, pdf.document, tmp_path)
    assert images is not None
    print(f"the PDF's page: {images[0]}")


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
    began = time.perf_counter()
    sent = await vera.send("/report", chat=sales)
    print(f"/report for 500 partners: both files in {time.perf_counter() - began:.1f} s")
    assert [m.kind for m in sent] == ["document", "document"]
    assert sent[0].text.startswith("📄 Отчёт по лонг-листу «Sales team»: 500 партнёров")
    assert sent[0].document is not None
    assert len(re.findall(rb"/Type /Page\b", sent[0].document)) in {1, 2}
    assert sent[1].document is not None
    book = load_workbook(io.BytesIO(sent[1].document))
    assert book.sheetnames == SHEETS
    for sheet, header in (("Рейтинг", RANKING), ("Ответы", ANSWERS), ("Обсуждение", DISCUSSION)):
        assert [c.value for c in book[sheet][4]][: len(header)] == header
    ranking = book["Рейтинг"]
    rows = list(ranking.iter_rows(min_row=5, values_only=True))
    assert len(rows) == 500
    assert rows[0][:5] == (1, "Партнёр 007", *card_figures(card))
    assert {row[5] for row in rows[1:]} == {"?"}  # nobody else assessed: no tier, no place
    answers = list(book["Ответы"].iter_rows(min_row=5, values_only=True))
    assert {row[1] for row in answers} == {"Партнёр 007"}
    assert len(answers) == len(BASE)
    assert list(book["Обсуждение"].iter_rows(min_row=5)) == []  # one assessor: no disagreement
