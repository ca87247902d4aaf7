"""The report as an XLSX workbook (openpyxl; in the drawing worker only): a sheet per table,
numbers as numbers, moments as moments, tiers as their letter on their colour, the header
frozen and filtered, columns as wide as they need."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.charts.model import Cell, Kind, Place, Report, Table
from bot.charts.render import TIERS

HEADER_ROW = 4
"""Rows above it: the title, the date and facts, the table's note."""
FORMATS = {Kind.NUMBER: "0", Kind.PERCENT: "0%", Kind.PLACE: "0"}
SHARED_PLACE = '"="0'
"""A shared place is still the number 2 (it sorts as one), shown "=2" as in the ranking."""
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E4E7EB")
WRAP = Alignment(wrap_text=True, vertical="top")
FILLS = {
    tier: PatternFill("solid", fgColor=colour.lstrip("#").upper())
    for tier, colour in TIERS.items()
}
CENTRE = Alignment(horizontal="center")


def report_xlsx(report: Report) -> bytes:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    used: set[str] = set()
    for table in report.sheets:
        sheet = book.create_sheet(_sheet_name(table.sheet, used))
        sheet.append([f"{report.title} · {report.list_name}"])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append([f"{report.date} · {report.facts}"])
        last = _fill(sheet, report, table, HEADER_ROW)
        names = 3 if len(table.columns) > 2 and table.columns[1].key == "partner" else 1
        sheet.freeze_panes = f"{get_column_letter(names)}{HEADER_ROW + 1}"
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(table.columns))}{last}"
        if table.then is not None:  # under it: its title, note, header and rows, unfiltered
            sheet.cell(last + 2, 1, table.then.sheet).font = Font(bold=True, size=12)
            _fill(sheet, report, table.then, last + 4)
    book.active = 0  # the ranking: what people look for first
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, each name once."""
    base = NOT_IN_SHEET_NAMES.sub(" ", name).strip()[:31] or "Sheet"
    candidate, n = base, 1
    while candidate.lower() in used:
        n += 1
        candidate = f"{base[: 31 - len(str(n)) - 1]} {n}"
    used.add(candidate.lower())
    return candidate


def _fill(sheet: Worksheet, report: Report, table: Table, header: int) -> int:
    """The table's note above `header`, its header and its rows; its last row."""
    sheet.cell(header - 1, 1, table.note)
    for index, column in enumerate(table.columns, 1):
        cell = sheet.cell(header, index, _value(column.title))
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP
        _as_text(cell, column.title)  # an assessor's column: their name, never a formula
        letter = get_column_letter(index)
        width = sheet.column_dimensions[letter].width or 0
        sheet.column_dimensions[letter].width = max(width, column.width + 2)
    kinds = [column.kind for column in table.columns]
    for number, row in enumerate(table.rows, header + 1):
        for index, (kind, value) in enumerate(zip(kinds, row, strict=True), 1):
            if value is None or value == "":
                continue
            cell = sheet.cell(number, index, _value(value))
            if isinstance(value, str):
                _as_text(cell, value)
                if kind is Kind.TIER:
                    cell.fill, cell.alignment = FILLS.get(value, FILLS["?"]), CENTRE
                elif kind is Kind.LONG:
                    cell.alignment = WRAP
                continue
            if kind is Kind.MOMENT:
                cell.number_format = report.moment_format
            elif isinstance(value, Place) and value.shared:
                cell.number_format = SHARED_PLACE
            elif (number_format := FORMATS.get(kind)) is not None:
                cell.number_format = number_format
    return header + len(table.rows)


def _value(value: Cell | Place) -> Cell:
    """A place is its number when it has one ("?" and "—" stay text); text without the
    control characters a workbook may not hold (a note typed with one is kept, without it)."""
    if isinstance(value, Place):
        return value.rank if value.rank is not None else value.text
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _as_text(cell: XlsxCell, value: str) -> None:
    """Typed text stays text: a partner called "=HYPERLINK(…)" is a name, not a formula."""
    if value.startswith("="):
        cell.data_type = "s"
