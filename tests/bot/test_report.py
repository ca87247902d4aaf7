"""The report's files for 50 and 500 partners: the XLSX holds the cards' numbers as numbers,
the PDF has its pages, its Cyrillic text and its tiers (pages looked at through pdftoppm)."""

from __future__ import annotations

import asyncio
import io
import math
import re
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from bot.charts import model, pdf, worker, xlsx
from bot.charts.model import Report
from bot.charts.report import report
from bot.render.texts import Texts
from bot.services.report import ReportData
from questionnaire.model import Questionnaire
from questionnaire.scoring import points
from tests.bot.reports import MOMENT, NO_POPPLER, longlist, pdf_pages, pdf_text

HEADERS = {
    "Веса разделов": ["№", "Раздел", "Вес"],
    "Рейтинг": [
        "Место", "Партнёр", "Балл", "Балл от", "Балл до", "Категория", "Покрытие",
        "Стоп-факторы", "Проверить", "Красные флаги", "Оценщиков", "Решение",
    ],
    "Баллы по разделам": [
        "Место", "Партнёр", "1. Стратегия", "2. Рынок", "3. Технологии", "4. Финансы",
        "5. Репутация", "6. Маркетинг", "7. Условия", "8. Команда", "9. Право", "10. Рост",
    ],
    "Флаги": ["Место", "Партнёр", "Флаг", "Вопрос", "Формулировка"],
}  # fmt: skip
DECISIONS = {"focus": "Фокус", "pilot": "Пилот", "hold": "Пауза", "rejected": "Отказ"}
ENGLISH_SHEETS = ["Section weights", "Ranking", "Section scores", "Flags"]


def made(questionnaire: Questionnaire, count: int, lang: str = "ru") -> tuple[ReportData, Report]:
    data = longlist(questionnaire, count)
    return data, report(Texts()("ru" if lang == "ru" else "en"), data, questionnaire, MOMENT)


@pytest.mark.parametrize("count", [50, 500])
def test_the_workbook_holds_the_cards_numbers(questionnaire: Questionnaire, count: int) -> None:
    data, shown = made(questionnaire, count)
    book = load_workbook(io.BytesIO(xlsx.report_xlsx(shown)))
    assert book.sheetnames == list(HEADERS)
    assert book.active is not None
    assert book.active.title == "Рейтинг"
    for name, header in HEADERS.items():
        sheet = book[name]
        assert sheet["A1"].value == "Отчёт по оценке партнёров · Отдел продаж"
        assert str(sheet["A2"].value).startswith(f"04.12.2026 · Партнёров: {count} · A: ")
        assert [c.value for c in sheet[4]] == header
        assert sheet.freeze_panes == ("A5" if name == "Веса разделов" else "C5")
        last = sheet.cell(sheet.max_row, len(header)).coordinate
        assert sheet.auto_filter.ref == f"A4:{last}"
    ranking = list(book["Рейтинг"].iter_rows(min_row=5))
    assert len(ranking) == count
    for row, entry in zip(ranking, data.ranked, strict=True):
        card = data.assessed[entry.item.id].card
        assert row[1].value == entry.item.name
        scored = card.coverage > 0
        assert [c.value for c in row[2:5]] == [
            points(v) if scored else None for v in (card.score, card.low, card.high)
        ]
        assert row[5].value == (card.tier.value if card.tier else "?")
        assert row[6].value == points(card.coverage * 100) / 100
        assert row[6].number_format == "0%"
        assert row[9].value == len(card.red_flags)
        status = data.assessed[entry.item.id].status
        assert row[11].value == (DECISIONS[status] if status else None)
        assert row[7].value == ", ".join(card.failed_gates) or row[7].value is None
        if entry.rank is None:
            assert row[0].value == ("—" if card.tier and card.tier.value == "X" else "?")
        else:
            assert row[0].value == entry.rank
            assert row[0].data_type == "n"
            assert row[0].number_format == ('"="0' if entry.shared else "0")
    sections = list(book["Баллы по разделам"].iter_rows(min_row=5, values_only=True))
    for cells, entry in zip(sections, data.ranked, strict=True):
        card = data.assessed[entry.item.id].card
        scores = [None if s.score is None else points(s.score) for s in card.sections]
        assert list(cells[2:]) == scores
    flags = list(book["Флаги"].iter_rows(min_row=5, values_only=True))
    expected = sum(
        len(c.card.failed_gates) + len(c.card.pending_gates) + len(c.card.red_flags)
        for c in data.assessed.values()
    )
    assert len(flags) == expected
    weights = list(book["Веса разделов"].iter_rows(min_row=5, values_only=True))
    assert [w for _, _, w in weights] == [15, 15, 10, 10, 10, 8, 10, 10, 5, 7]


def test_an_english_list_gets_english_sheets(questionnaire: Questionnaire) -> None:
    _, shown = made(questionnaire, 5, "en")
    book = load_workbook(io.BytesIO(xlsx.report_xlsx(shown)))
    assert book.sheetnames == ENGLISH_SHEETS
    assert [c.value for c in book["Ranking"][4]][:4] == ["Rank", "Partner", "Score", "Score from"]
    # No time zone set: an English list's is UTC, where it is still the 3rd.
    assert str(book["Ranking"]["A2"].value).startswith("3 Dec 2026 · Partners: 5")


@pytest.mark.parametrize("count", [50, 500])
def test_the_pdf_prints_every_partner_on_a4_pages(
    questionnaire: Questionnaire, count: int, tmp_path: Path
) -> None:
    data, shown = made(questionnaire, count)
    document = pdf.report_pdf(shown)
    assert document.startswith(b"%PDF")
    assert b"DejaVuSans" in document  # the font is embedded, Cyrillic glyphs and all
    pages = len(re.findall(rb"/Type /Page\b", document))
    flags = sum(
        len(c.card.failed_gates) + len(c.card.pending_gates) + len(c.card.red_flags)
        for c in data.assessed.values()
    )
    rows_a_page = 62  # the most rows of body text an A4 page holds at this size
    assert pages >= math.ceil((2 * count + flags) / rows_a_page)
    text = pdf_text(document, tmp_path)
    if text is None:
        pytest.skip(NO_POPPLER)
    assert "Отчёт по оценке партнёров" in text
    for heading in HEADERS:
        assert heading in text
    footers = re.findall(r"стр\. (\d+) из (\d+)", text)
    assert footers == [(str(n), str(pages)) for n in range(1, pages + 1)]
    for entry in data.ranked:  # each partner in the ranking and in the sections
        assert text.count(entry.item.name + " ") + text.count(entry.item.name + "\n") >= 2
    first = text.split("\f")[0]
    assert "04.12.2026 · Партнёров: " in first  # dated in the list's time zone (Moscow)
    assert "A — фокус: вкладываем усилия" in re.sub(r" +", " ", first)
    images = pdf_pages(document, tmp_path)
    assert images is not None
    assert len(images) == pages
    for image in images:
        with Image.open(image) as page:
            assert abs(page.width / page.height - 210 / 297) < 0.01  # A4, portrait


async def test_a_cards_picture_does_not_wait_behind_a_report(questionnaire: Questionnaire) -> None:
    _, shown = made(questionnaire, 500)
    making = asyncio.ensure_future(worker.report_files(shown))
    names = ["Раз", "Два", "Три"]
    radar = model.Radar("Вектор · 63", names, [60.0, 70.0, None], [50.0] * 3, [80.0] * 3)
    assert (await worker.radar_png(radar)).startswith(b"\x89PNG")
    assert not making.done()  # seconds of work for 500 partners, in a worker of its own
    document, workbook = await making
    assert document.startswith(b"%PDF")
    assert workbook.startswith(b"PK")  # an XLSX is a zip


def test_a_name_like_a_formula_stays_text(questionnaire: Questionnaire) -> None:
    data = longlist(questionnaire, 3)
    entry = data.ranked[0]
    name = '=HYPERLINK("http://evil.example","Вектор")'
    one = data.assessed[entry.item.id]
    data.assessed[entry.item.id] = replace(one, partner=replace(one.partner, name=name))
    data.ranked[0] = entry._replace(item=entry.item._replace(name=name))
    shown = report(Texts()("ru"), data, questionnaire, MOMENT)
    book = load_workbook(io.BytesIO(xlsx.report_xlsx(shown)))
    cell = book["Рейтинг"]["B5"]
    assert cell.value == name
    assert cell.data_type == "s"
