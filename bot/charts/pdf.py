"""The report as a PDF (matplotlib's PdfPages; in the drawing worker only): A4, DejaVu Sans
embedded (it has Cyrillic), tables that continue over pages under their header, and tiers
marked by letter and hatching, so that a black-and-white print reads as well as the screen."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

from matplotlib import rc_context
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from bot.charts.model import Cell, Column, Kind, Place, Report, Table
from bot.charts.page import BODY, HEIGHT, INK, WIDTH, Page, drawable

MARGIN = 40.0
TOP = HEIGHT - MARGIN - 16  # under the running head
BOTTOM = MARGIN + 14  # over the page number
ROW = 11.5
HEAD = 6.5
HEAD_LINE = 8.6
CHAR = 0.6
"""DejaVu Sans's usual width of a character, in ems (for fitting text into a column)."""
BOLD_CHAR = 0.66
GREY, BAND = "#555555", "#eef0f3"
HATCHES = {"A": "", "B": "////", "C": "..", "X": "xxx", "?": ""}
FILLS = {"A": "#1f9d55", "B": "#f6e05e", "C": "#e2e8f0", "X": "#fbb6b6", "?": "white"}
TEXT_ON = {"A": "white"}
DITTO = ("place", "partner")
"""Left blank in a row that goes on about the partner of the row above (its next flag)."""
NEW_PAGE_FROM = 2
"""Tables from the third on start a page of their own (the weights and the ranking share
the first)."""


@dataclass(frozen=True)
class _Part:
    """What one page shows of one table: its heading (on the first part only) and rows."""

    table: Table
    first: bool
    start: int
    end: int


def report_pdf(report: Report) -> bytes:
    pages = _paginate(report)
    buffer = io.BytesIO()
    title = drawable(f"{report.title} · {report.list_name}")
    with (
        rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans", "hatch.linewidth": 0.6}),
        PdfPages(buffer, metadata={"Title": title}) as pdf,
    ):
        for number, parts in enumerate(pages, 1):
            figure = Figure(figsize=(WIDTH / 72, HEIGHT / 72))
            page = Page(figure)
            y = _intro(page, report) if number == 1 else TOP
            for part in parts:
                y = _part(page, part, y)
            _frame(page, report, number, len(pages))
            pdf.savefig(figure)
    return buffer.getvalue()


def _intro_height(report: Report) -> float:
    return 84 + 12 * -(-len(report.tiers) // 2)


def _paginate(report: Report) -> list[list[_Part]]:
    pages: list[list[_Part]] = [[]]
    y = TOP - _intro_height(report)
    for index, table in enumerate(report.tables):
        if index >= NEW_PAGE_FROM and pages[-1]:
            pages.append([])
            y = TOP
        start, first = 0, True
        while True:
            room = y - BOTTOM - _top_height(table, first)
            fits = max(0, int(room // ROW))
            if fits < min(3, len(table.rows) - start):  # not even three rows: a new page
                pages.append([])
                y = TOP
                continue
            end = min(len(table.rows), start + fits)
            pages[-1].append(_Part(table, first, start, end))
            y -= _top_height(table, first) + ROW * (end - start) + 14
            if end >= len(table.rows):
                break
            pages.append([])
            y, start, first = TOP, end, False
    return [page for page in pages if page] or [[]]


def _note_lines(table: Table) -> list[str]:
    return textwrap.wrap(table.note, int((WIDTH - 2 * MARGIN) / (BODY * CHAR)))


def _header_lines(table: Table) -> list[list[str]]:
    widths = _widths(table)
    pairs = list(zip(table.columns, [_fits(w, HEAD, BOLD_CHAR) for w in widths], strict=True))
    # Where one title does not fit, all that have a short form take it, alike.
    short = any(c.abbr and any(len(word) > fits for word in c.title.split()) for c, fits in pairs)
    return [
        textwrap.wrap(c.abbr if short and c.abbr else c.title, fits, break_long_words=False)
        or [""]
        for c, fits in pairs
    ]


def _top_height(table: Table, first: bool) -> float:
    heading = 18 + 9 * len(_note_lines(table)) if first else 12
    return heading + HEAD_LINE * max(map(len, _header_lines(table))) + 6


def _widths(table: Table) -> list[float]:
    """Each column's share of the page's width; a narrow table stays narrow."""
    total = sum(column.width for column in table.columns)
    scale = min((WIDTH - 2 * MARGIN) / total, BODY * CHAR * 1.6)
    return [scale * column.width for column in table.columns]


def _intro(page: Page, report: Report) -> float:
    y = TOP - 10
    page.text(MARGIN, y, report.title, 18, weight="bold")
    y -= 24
    page.text(MARGIN, y, report.list_name, 13)
    y -= 18
    page.text(MARGIN, y, f"{report.date} · {report.summary}", 9, color=GREY)
    y -= 22
    half = (WIDTH - 2 * MARGIN) / 2
    for n, (tier, meaning) in enumerate(report.tiers):
        x = MARGIN + half * (n % 2)
        row_y = y - 12 * (n // 2)
        _tier_mark(page, x, row_y, tier)
        page.text(x + 34, row_y, f"— {meaning}", 8)
    return TOP - _intro_height(report)


def _tier_mark(page: Page, x: float, y: float, tier: str) -> None:
    """The tier's swatch (its own hatching and fill) with its letter beside it."""
    page.box(
        x, y - 2, 14, 8.5, facecolor=FILLS.get(tier, "white"), edgecolor=INK,
        hatch=HATCHES.get(tier, ""), linewidth=0.6,
    )  # fmt: skip
    page.text(x + 18, y, tier, 8.5, weight="bold")


def _part(page: Page, part: _Part, y: float) -> float:
    table, widths = part.table, _widths(part.table)
    if part.first:
        page.text(MARGIN, y - 12, table.sheet, 11, weight="bold")
        y -= 18
        for line in _note_lines(table):
            page.text(MARGIN, y - 7, line, BODY, color=GREY)
            y -= 9
    else:
        page.text(MARGIN, y - 8, table.sheet, 8, color=GREY, weight="bold")
        y -= 12
    headers = _header_lines(table)
    height = HEAD_LINE * max(map(len, headers)) + 4
    wide = sum(widths)
    page.box(MARGIN, y - height, wide, height, facecolor=BAND, linewidth=0)
    for (x, w), column, lines in zip(_spans(widths), table.columns, headers, strict=True):
        for n, line in enumerate(lines):
            _cell(page, x, w, y - 2 - HEAD_LINE * (n + 1) + 2, column, line, HEAD, bold=True)
    y -= height + 2
    before: tuple[object, ...] = ()
    shaded = True
    for row in table.rows[part.start : part.end]:
        lead, before = before, row[:2]
        shaded ^= row[:2] != lead  # a band a partner, its rows together
        if shaded:
            page.box(MARGIN, y - ROW, wide, ROW, facecolor=BAND, linewidth=0)
        base = y - ROW + 3.2
        for (x, w), column, value in zip(_spans(widths), table.columns, row, strict=True):
            if column.key in DITTO and row[:2] == lead:
                continue  # the partner's next flag: its place and name are just above
            if column.kind is Kind.TIER and isinstance(value, str):
                _tier_mark(page, x + 3, base, value)
            else:
                _cell(page, x, w, base, column, _shown(column, value), BODY)
        y -= ROW
    return y - 14


def _spans(widths: list[float]) -> Iterator[tuple[float, float]]:
    x = MARGIN
    for w in widths:
        yield x, w
        x += w


def _cell(
    page: Page, x: float, w: float, y: float, column: Column, text: str, size: float,
    *, bold: bool = False,
) -> None:  # fmt: skip
    """Text in a column: cut to its width; numbers to the right, words to the left."""
    if not text:
        return
    fits = _fits(w, size, BOLD_CHAR if bold else CHAR)
    if len(text) > fits:
        text = text[: fits - 1].rstrip() + "…"
    right = column.kind in {Kind.NUMBER, Kind.PERCENT, Kind.PLACE}
    weight = "bold" if bold else "normal"
    if right:
        page.text(x + w - 4, y, text, size, ha="right", weight=weight)
    else:
        page.text(x + 3, y, text, size, weight=weight)


def _fits(width: float, size: float, char: float = CHAR) -> int:
    """Characters of this size that fit a column this wide."""
    return max(1, int((width - 6) / (size * char)))


def _shown(column: Column, value: Cell | Place) -> str:
    if value is None:
        return ""
    if isinstance(value, Place):
        return value.text
    if column.kind is Kind.PERCENT and isinstance(value, int | float):
        return f"{round(value * 100)}%"
    return str(value)


def _frame(page: Page, report: Report, number: int, pages: int) -> None:
    """The running head and the page number."""
    head = f"{report.title} · {report.list_name} · {report.date}"
    page.text(MARGIN, HEIGHT - MARGIN, head, 7, color=GREY)
    page.box(MARGIN, HEIGHT - MARGIN - 5, WIDTH - 2 * MARGIN, 0.5, facecolor=GREY, linewidth=0)
    footer = report.page.replace("{n}", str(number)).replace("{m}", str(pages))
    page.text(WIDTH - MARGIN, MARGIN, footer, 7, color=GREY, ha="right")
