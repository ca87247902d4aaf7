"""The report's files for 50 and 500 partners (PRODUCT.md §9): the XLSX's five sheets hold the
cards' numbers, everyone's answers, the discussion and the weights' history; the PDF is one or
two A4 pages with the top ten, the top fifteen and the open disagreements (pages looked at
through pdftoppm)."""

from __future__ import annotations

import asyncio
import io
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from PIL import Image

from bot.charts import model, pdf, worker, xlsx
from bot.charts.cells import open_disagreements
from bot.charts.model import Report
from bot.charts.report import report
from bot.render.format import place_text
from bot.render.texts import Texts
from bot.services.report import ReportData
from questionnaire.model import Questionnaire
from questionnaire.ranking import Ranked
from questionnaire.scoring import points
from storage.models import Listed
from tests.bot.reports import MOMENT, NO_POPPLER, NOTE, longlist, pdf_pages, pdf_text

HEADERS = {
    "Рейтинг": [
        "Место", "Партнёр", "Балл", "Балл от", "Балл до", "Категория", "Покрытие",
        "Устойчивость", "В топе", "Что поменяет местами с соседом", "Решение", "Кто решил",
        "Когда решили", "Причина", "Оценщиков", "Оценщики", "Стоп-факторы", "Проверить",
        "Красные флаги", "Вопросы с красным флагом", "Не согласовано",
    ],
    "Разделы": [
        "Место", "Партнёр", "1. Стратегия", "2. Рынок", "3. Технологии", "4. Финансы",
        "5. Репутация", "6. Маркетинг", "7. Условия", "8. Команда", "9. Право", "10. Рост",
    ],
    "Ответы": [
        "Место", "Партнёр", "Вопрос", "Формулировка", "Оценка команды", "Откуда",
    ],  # then a column per assessor, then the notes
    "Обсуждение": [
        "Место", "Партнёр", "Вопрос", "Формулировка", "Разброс", "Оценки", "Медиана",
        "Согласовано", "Кто согласовал", "Когда согласовали", "Состояние",
        "Изменили после согласования",
    ],
    "Веса": ["№", "Раздел", "Вес"],
}  # fmt: skip
HISTORY = ["Когда", "Кто", "Как", "Раздел", "Было", "Стало"]
DECISIONS = {"focus": "Фокус", "pilot": "Пилот", "hold": "Пауза", "rejected": "Отказ"}
FILLS = {"A": "001F9D55", "B": "00D69E2E", "C": "00A0AEC0", "X": "00C53030", "?": "00CBD5E0"}
SETTLED_AT = datetime(2026, 12, 3, 12, 15)
"""09:15 UTC, as the list's clock (Moscow) showed it."""


def made(questionnaire: Questionnaire, count: int, lang: str = "ru") -> tuple[ReportData, Report]:
    data = longlist(questionnaire, count)
    if lang == "en":  # a group that speaks English
        data = replace(data, workspace=replace(data.workspace, lang="en"))
    return data, report(Texts()("ru" if lang == "ru" else "en"), data, questionnaire, MOMENT)


def rows_of(sheet: Worksheet) -> dict[str, list[tuple[object, ...]]]:
    """The sheet's rows under its header, by partner name."""
    found: dict[str, list[tuple[object, ...]]] = {}
    for row in sheet.iter_rows(min_row=5, values_only=True):
        found.setdefault(str(row[1]), []).append(row)
    return found


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
        facts = f"04.12.2026 · Партнёров: {count} · оценщиков: 4 · A: "
        assert str(sheet["A2"].value).startswith(facts)
        assert [c.value for c in sheet[4]][: len(header)] == header
        assert sheet.freeze_panes == ("A5" if name == "Веса" else "C5")
    ranking = book["Рейтинг"]
    assert ranking.auto_filter.ref == f"A4:U{4 + count}"
    rows = list(ranking.iter_rows(min_row=5))
    assert len(rows) == count
    for row, entry in zip(rows, data.ranked, strict=True):
        one = data.assessed[entry.item.id]
        card = one.card
        assert row[1].value == entry.item.name
        scored = card.coverage > 0
        assert [c.value for c in row[2:5]] == [
            points(v) if scored else None for v in (card.score, card.low, card.high)
        ]
        tier = card.tier.value if card.tier else "?"
        assert row[5].value == tier
        assert row[5].fill.fgColor.rgb == FILLS[tier]  # the tier's colour, and its letter
        assert row[6].value == points(card.coverage * 100) / 100
        assert row[6].number_format == "0%"
        status = one.status
        assert row[10].value == (DECISIONS[status.kind] if status else None)
        assert row[11].value == (status.user if status else None)
        assert row[12].value == (SETTLED_AT if status else None)
        assert row[14].value == len(one.sheets.assessments)
        assert row[15].value == ", ".join(one.assessors)
        assert row[16].value == (", ".join(card.failed_gates) or None)
        assert row[18].value == len(card.red_flags)
        assert row[20].value == open_disagreements(one)
        if entry.rank is None:
            assert row[0].value == ("—" if card.tier and card.tier.value == "X" else "?")
            assert row[7].value is None  # no place: no firmness
        else:
            assert row[0].value == entry.rank
            assert row[0].data_type == "n"
            assert row[0].number_format == ('"="0' if entry.shared else "0")
            assert data.firm is not None
            firm = data.firm[entry.item.id]
            assert row[8].value == round(firm.share, 2)
            words = {"stable": f"устойчиво в топ-{firm.k}", "contested": "спорно"}
            word = words.get(firm.hold.value, f"вне топ-{firm.k}")
            swappable = firm.hold.value != "stable" and firm.swap is not None
            assert row[7].value == (f"↔ «{firm.other}»" if swappable else word)
    sections = list(book["Разделы"].iter_rows(min_row=5, values_only=True))
    for cells, entry in zip(sections, data.ranked, strict=True):
        card = data.assessed[entry.item.id].card
        assert list(cells[2:]) == [
            None if s.score is None else points(s.score) for s in card.sections
        ]
    weights = list(book["Веса"].iter_rows(min_row=5, max_row=14, values_only=True))
    assert [row[:3] for row in weights][:3] == [
        (1, "Стратегия", 19),
        (2, "Рынок", 20),
        (3, "Технологии", 10),
    ]
    assert [w for _, _, w, *_ in weights] == [19, 20, 10, 10, 10, 3, 10, 10, 1, 7]


def test_answers_and_discussion_show_what_was_settled(questionnaire: Questionnaire) -> None:
    data, shown = made(questionnaire, 50)
    book = load_workbook(io.BytesIO(xlsx.report_xlsx(shown)))
    answers_sheet = book["Ответы"]
    people = [str(c.value) for c in answers_sheet[4]][6:-1]
    assert sorted(people) == ["Анна", "Борис", "Вера", "Глеб"]
    assert answers_sheet[4][-1].value == "Заметки"
    answers, discussion = rows_of(answers_sheet), rows_of(book["Обсуждение"])
    settled = [one for one in data.assessed.values() if one.sheets.settled]
    assert settled
    for one in settled:
        [(question, settlement)] = one.sheets.settled.items()
        name = one.partner.name
        [row] = [r for r in answers[name] if r[2] == question]
        assert row[4] == 4  # the agreed value, not the median
        assert row[5] == "согласовано: Вера, 03.12.2026"
        by_person = dict(zip(people, row[6:-1], strict=True))
        names = one.names
        for a in one.sheets.assessments:
            rating = one.sheets.answers[a.id].get(question)
            assert by_person[names[a.id]] == ("не знаю" if rating is None else rating)
        [talk] = [r for r in discussion[name] if r[2] == question]
        assert talk[7:10] == (4, "Вера", SETTLED_AT)
        changed = one.sheets.changed_since(question)
        assert changed == (settlement.answers == "stale")
        assert talk[10:] == (
            ("изменили после согласования", "да") if changed else ("согласовано", None)
        )
    open_rows = sum(1 for rows in discussion.values() for r in rows if r[10] != "согласовано")
    assert open_rows == sum(open_disagreements(one) for one in data.assessed.values())
    for one in data.assessed.values():  # an unsettled question's team value is the median
        for row in answers.get(one.partner.name, []):
            team = one.sheets.team.answers.get(str(row[2]))
            if team and not team.vetoed_by and team.agreed is None:
                assert row[4] == team.median
                assert row[5] == ("медиана" if team.median is not None else None)
    noted = [one for one in data.assessed.values() if one.notes]
    assert noted
    for one in noted:
        [row] = [r for r in answers[one.partner.name] if r[2] == "1.1"]
        assert row[-1] == f"{one.names[one.notes[0].assessment_id]}: {NOTE}"
    weights = book["Веса"]
    assert weights["A16"].value == "История изменений"
    assert [c.value for c in weights[18]] == HISTORY
    history = list(weights.iter_rows(min_row=19, values_only=True))
    assert history == [
        (datetime(2026, 12, 2, 10, 0), "Вера", "кнопками −/+", "2. Рынок", 15, 20),
        (datetime(2026, 12, 2, 10, 0), "Вера", "кнопками −/+", "6. Маркетинг", 8, 3),
        (datetime(2026, 12, 1, 10, 0), "Вера", "кнопками −/+", "1. Стратегия", 15, 19),
        (datetime(2026, 12, 1, 10, 0), "Вера", "кнопками −/+", "9. Право", 5, 1),
    ]
    assert weights["A19"].number_format == "DD.MM.YYYY HH:MM"


def test_an_english_list_gets_english_sheets(questionnaire: Questionnaire) -> None:
    _, shown = made(questionnaire, 5, "en")
    book = load_workbook(io.BytesIO(xlsx.report_xlsx(shown)))
    assert book.sheetnames == ["Ranking", "Sections", "Answers", "Discussion", "Weights"]
    assert [c.value for c in book["Ranking"][4]][:4] == ["Rank", "Partner", "Score", "Score from"]
    # No time zone set: an English list's is UTC, where it is still the 3rd.
    assert str(book["Ranking"]["A2"].value).startswith("3 Dec 2026 · Partners: 5")


def page_count(document: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", document))


@pytest.mark.parametrize("count", [50, 500])
def test_the_pdf_is_one_or_two_a4_pages(
    questionnaire: Questionnaire, count: int, tmp_path: Path
) -> None:
    data, shown = made(questionnaire, count)
    document = pdf.report_pdf(shown)
    assert document.startswith(b"%PDF")
    assert b"DejaVuSans" in document  # the font is embedded, Cyrillic glyphs and all
    assert 1 <= page_count(document) <= 2
    assert re.search(rb"/MediaBox \[ *0 0 595\.2\d* 841\.8\d*", document)  # A4
    text = pdf_text(document, tmp_path)
    if text is None:
        pytest.skip(NO_POPPLER)
    flat = re.sub(r"\s+", " ", text)
    assert "Отчёт по оценке партнёров" in flat
    assert f"04.12.2026 · Партнёров: {count} · оценщиков: 4" in flat  # the list's day (Moscow)
    assert "Первая десятка рейтинга" in flat
    assert f"Первые 15 из {count}" in flat
    opened = [open_disagreements(one) for one in data.assessed.values()]
    partners = sum(1 for n in opened if n)
    assert f"Несогласованных расхождений: {sum(opened)} — у {partners} партнёр" in flat
    assert "A — фокус: вкладываем усилия" in flat
    assert "Как считали" in flat
    assert "Веса разделов (в сумме 100; последнее изменение: Вера, 02.12.2026)" in flat
    lines = [" ".join(line.split()) for line in text.splitlines()]

    def row_of(entry: Ranked[Listed]) -> list[str]:
        start = f"{place_text(entry)} {entry.item.name} "
        return [line for line in lines if line.startswith(start)]

    for entry in data.ranked[:15]:  # the top fifteen: place, name, score, band, tier, status
        one = data.assessed[entry.item.id]
        [line] = row_of(entry)
        card = one.card
        if card.coverage > 0:
            assert f" {points(card.score)} {points(card.low)}–{points(card.high)} " in line
        assert f" {card.tier.value if card.tier else '?'} " in line
        if one.status:
            assert f" {DECISIONS[one.status.kind]} " in line
    assert not any(row_of(entry) for entry in data.ranked[15:])
    images = pdf_pages(document, tmp_path)
    assert images is not None
    assert len(images) == page_count(document)
    for image in images:
        with Image.open(image) as page:
            assert abs(page.width / page.height - 210 / 297) < 0.01  # A4, portrait


def test_long_names_still_fit_two_pages(questionnaire: Questionnaire, tmp_path: Path) -> None:
    data = longlist(questionnaire, 60)
    long = "Очень длинное название партнёра, которое не помещается " * 2
    for entry in data.ranked[:15]:
        one = data.assessed[entry.item.id]
        data.assessed[entry.item.id] = replace(one, partner=replace(one.partner, name=long))
    data.ranked[:15] = [e._replace(item=e.item._replace(name=long[:64])) for e in data.ranked[:15]]
    for lang in ("ru", "en"):
        document = pdf.report_pdf(report(Texts()(lang), data, questionnaire, MOMENT))
        assert 1 <= page_count(document) <= 2


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
    for sheet in ("Рейтинг", "Разделы", "Ответы"):
        cell = book[sheet]["B5"]
        assert cell.value == name
        assert cell.data_type == "s"


def test_typed_text_in_the_workbook_is_text(questionnaire: Questionnaire) -> None:
    """An assessor called "=2+2" heads a column as a name; a note typed with a control
    character the format may not hold is kept without it."""
    data = longlist(questionnaire, 12)
    one = next(one for one in data.assessed.values() if one.notes)
    renamed = [replace(a, assessor="=2+2") for a in one.sheets.opened]
    sheets = replace(
        one.sheets, opened=renamed, assessments=[a for a in renamed if one.sheets.answers[a.id]]
    )
    notes = tuple(replace(note, body="строка\x0bвторая") for note in one.notes)
    data.assessed[one.partner.id] = replace(one, sheets=sheets, notes=notes)
    book = load_workbook(
        io.BytesIO(xlsx.report_xlsx(report(Texts()("ru"), data, questionnaire, MOMENT)))
    )
    answers = book["Ответы"]
    [header] = [c for c in answers[4] if c.value == "=2+2"]
    assert header.data_type == "s"
    found = [
        row for row in answers.iter_rows(min_row=5, values_only=True) if row[1] == one.partner.name
    ]
    assert [row[-1] for row in found if row[2] == "1.1"] == ["=2+2: строкавторая"]
