"""The report as a PDF of one or two A4 pages (matplotlib's PdfPages; in the drawing worker
only): DejaVu Sans embedded (it has Cyrillic); the top ten as the ranking's chart, the top
fifteen as a table, the weights, the method and the open disagreements. Tiers are marked by
letter and hatching as well as colour, so that a black-and-white print reads as the screen."""

from __future__ import annotations

import functools
import io
import textwrap
from collections.abc import Callable, Iterator

from matplotlib import rc_context
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

from bot.charts.model import Cell, Column, Kind, Place, Report, Table
from bot.charts.page import BODY, HEIGHT, INK, WIDTH, Page, drawable
from bot.charts.render import HATCHES, TIERS, draw_bars

MARGIN = 40.0
TOP = HEIGHT - MARGIN - 16  # under the running head
BOTTOM = MARGIN + 14  # over the page number
ROW = 12.0
HEAD = 6.5
HEAD_LINE = 8.6
CHAR = 0.6
"""DejaVu Sans's usual width of a character, in ems (for fitting text into a column)."""
BOLD_CHAR = 0.66
GREY, BAND = "#555555", "#eef0f3"
BAR = 16.0
"""The chart's height per partner, in points."""
GAP = 14.0
NAME_SPACE = 130.0
"""The chart's room for the partners' names, left of the bars."""

TEXT_PATHS = TextToPath()

Block = tuple[float, Callable[[Page, float], None]]
"""A part of the page: its height, and what draws it with its top at y."""


def report_pdf(report: Report) -> bytes:
    pages = _paginate(_blocks(report))
    buffer = io.BytesIO()
    title = drawable(f"{report.title} · {report.list_name}")
    with (
        rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans", "hatch.linewidth": 0.6}),
        PdfPages(buffer, metadata={"Title": title}) as pdf,
    ):
        for number, blocks in enumerate(pages, 1):
            figure = Figure(figsize=(WIDTH / 72, HEIGHT / 72))
            page = Page(figure)
            y = TOP
            for height, draw in blocks:
                draw(page, y)
                y -= height + GAP
            _frame(page, report, number, len(pages))
            pdf.savefig(figure)
    return buffer.getvalue()


def _paginate(blocks: list[Block]) -> list[list[Block]]:
    """The blocks in order, a page as full as they fit (a block never splits)."""
    pages: list[list[Block]] = [[]]
    room = TOP - BOTTOM
    for block in blocks:
        if pages[-1] and block[0] > room:
            pages.append([])
            room = TOP - BOTTOM
        pages[-1].append(block)
        room -= block[0] + GAP
    return pages


def _blocks(report: Report) -> list[Block]:
    blocks = [_intro(report)]
    if report.bars:
        blocks.append(_chart(report))
    blocks.append(_table(report.top))
    heading, line = report.weights
    blocks.append(_lines(heading, [line]))
    blocks.append(_lines(report.method[0], list(report.method[1:])))
    return blocks


def _wrap(text: str, size: float) -> list[str]:
    """The text in lines as wide as the page between its margins, measured in the font (a
    few lines a report: worth measuring rather than guessing by an average letter)."""
    room, font = WIDTH - 2 * MARGIN, _font(size)
    lines: list[str] = []
    for word in text.split(" "):
        wider = f"{lines[-1]} {word}" if lines else word
        if lines and _measure(wider, font) <= room:
            lines[-1] = wider
        else:
            lines.append(word)
    return lines or [""]


@functools.cache
def _font(size: float) -> FontProperties:
    return FontProperties(family="DejaVu Sans", size=size)


def _measure(text: str, font: FontProperties) -> float:
    width, _, _ = TEXT_PATHS.get_text_width_height_descent(text, font, ismath=False)
    return float(width)


def _intro(report: Report) -> Block:
    facts = _wrap(f"{report.date} · {report.facts}", 9)
    legend_rows = -(-len(report.tiers) // 2)
    height = 24 + 18 + 12 * len(facts) + 14 + 6 + 12 * legend_rows

    def draw(page: Page, y: float) -> None:
        page.text(MARGIN, y - 16, report.title, 18, weight="bold")
        y -= 24
        page.text(MARGIN, y - 13, report.list_name, 13)
        y -= 18
        for line in facts:
            page.text(MARGIN, y - 10, line, 9, color=GREY)
            y -= 12
        page.text(MARGIN, y - 11, report.disagreements, 9.5, weight="bold")
        y -= 14 + 6
        half = (WIDTH - 2 * MARGIN) / 2
        for n, (tier, meaning) in enumerate(report.tiers):
            x = MARGIN + half * (n % 2)
            _tier_mark(page, x, y - 9 - 12 * (n // 2), tier)
            page.text(x + 34, y - 9 - 12 * (n // 2), f"— {meaning}", 8)

    return height, draw


def _chart(report: Report) -> Block:
    """The top ten as /ranking's chart draws them, hatched by tier."""
    body = BAR * len(report.bars) + 22
    height = 18 + body

    def draw(page: Page, y: float) -> None:
        page.text(MARGIN, y - 12, report.chart, 11, weight="bold")
        left, bottom = MARGIN + NAME_SPACE, y - height + 16
        width = WIDTH - MARGIN - left - 6
        ax = page.figure.add_axes(
            (left / WIDTH, bottom / HEIGHT, width / WIDTH, (body - 22) / HEIGHT)
        )
        draw_bars(ax, list(report.bars), hatched=True, size=8, name_limit=30)
        ax.set_ylim(-0.6, len(report.bars) - 0.4)

    return height, draw


def _lines(heading: str, lines: list[str]) -> Block:
    wrapped = [part for line in lines for part in _wrap(line, 8)]
    height = 14 + 11 * len(wrapped)

    def draw(page: Page, y: float) -> None:
        page.text(MARGIN, y - 11, heading, 10.5, weight="bold")
        y -= 14
        for line in wrapped:
            page.text(MARGIN, y - 9, line, 8)
            y -= 11

    return height, draw


def _table(table: Table) -> Block:
    widths = _widths(table)
    headers = _header_lines(table, widths)
    head = HEAD_LINE * max(map(len, headers)) + 4
    notes = _wrap(table.note, BODY) if table.note else []
    height = 18 + 9 * len(notes) + 3 + head + 2 + ROW * len(table.rows)

    def draw(page: Page, y: float) -> None:
        page.text(MARGIN, y - 12, table.sheet, 11, weight="bold")
        y -= 18
        for line in notes:
            page.text(MARGIN, y - 7, line, BODY, color=GREY)
            y -= 9
        y -= 3
        wide = sum(widths)
        page.box(MARGIN, y - head, wide, head, facecolor=BAND, linewidth=0)
        for (x, w), column, lines in zip(_spans(widths), table.columns, headers, strict=True):
            for n, line in enumerate(lines):
                _cell(page, x, w, y - HEAD_LINE * (n + 1), column, line, HEAD, bold=True)
        y -= head + 2
        for n, row in enumerate(table.rows):
            if n % 2:
                page.box(MARGIN, y - ROW, wide, ROW, facecolor=BAND, linewidth=0)
            base = y - ROW + 3.6
            for (x, w), column, value in zip(_spans(widths), table.columns, row, strict=True):
                if column.kind is Kind.TIER and isinstance(value, str):
                    _tier_mark(page, x + 3, base, value)
                else:
                    _cell(page, x, w, base, column, _shown(column, value), BODY)
            y -= ROW

    return height, draw


def _header_lines(table: Table, widths: list[float]) -> list[list[str]]:
    return [
        textwrap.wrap(c.title, _fits(w, HEAD, BOLD_CHAR), break_long_words=False) or [""]
        for c, w in zip(table.columns, widths, strict=True)
    ]


def _widths(table: Table) -> list[float]:
    """Each column's share of the page's width."""
    total = sum(column.width for column in table.columns)
    scale = (WIDTH - 2 * MARGIN) / total
    return [scale * column.width for column in table.columns]


def _tier_mark(page: Page, x: float, y: float, tier: str) -> None:
    """The tier's swatch (its colour and hatching) with its letter beside it."""
    page.box(
        x, y - 2, 14, 8.5, facecolor=TIERS.get(tier, "white"), edgecolor=INK,
        hatch=HATCHES.get(tier, ""), linewidth=0.6,
    )  # fmt: skip
    page.text(x + 18, y, tier, 8.5, weight="bold")


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
    weight = "bold" if bold else "normal"
    if column.kind in {Kind.NUMBER, Kind.PERCENT, Kind.PLACE}:
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
