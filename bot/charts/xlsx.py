"""The report as an XLSX workbook (openpyxl; in the drawing worker only): a sheet per table,
numbers as numbers, the header frozen and filtered, columns as wide as they need."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.charts.model import Cell, Kind, Place, Report, Table

HEADER_ROW = 4
"""Rows above it: the title, the date and summary, the table's note."""
FORMATS = {Kind.NUMBER: "0", Kind.PERCENT: "0%", Kind.PLACE: "0"}
SHARED_PLACE = '"="0'
"""A shared place is still the number 2 (it sorts as one), shown "=2" as in the ranking."""
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E4E7EB")
WRAP = Alignment(wrap_text=True, vertical="top")


def report_xlsx(report: Report) -> bytes:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    used: set[str] = set()
    for table in report.tables:
        sheet = book.create_sheet(_sheet_name(table.sheet, used))
        _fill(sheet, report, table)
    # The ranking opens first: it is what people look for.
    book.active = next((i for i, t in enumerate(report.tables) if _has(t, "score")), 0)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _has(table: Table, key: str) -> bool:
    return any(column.key == key for column in table.columns)


def _sheet_name(name: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, each name once."""
    base = NOT_IN_SHEET_NAMES.sub(" ", name).strip()[:31] or "Sheet"
    candidate, n = base, 1
    while candidate.lower() in used:
        n += 1
        candidate = f"{base[: 31 - len(str(n)) - 1]} {n}"
    used.add(candidate.lower())
    return candidate


def _fill(sheet: Worksheet, report: Report, table: Table) -> None:
    sheet.append([f"{report.title} · {report.list_name}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"{report.date} · {report.summary}"])
    sheet.append([table.note])
    sheet.append([column.title for column in table.columns])
    for cell in sheet[HEADER_ROW]:
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP
    for row in table.rows:
        sheet.append([_value(value) for value in row])
    last = HEADER_ROW + len(table.rows)
    for cells in sheet.iter_rows(HEADER_ROW + 1, last):
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a partner called "=HYPERLINK(…)" is a name, not a formula
    for index, column in enumerate(table.columns, 1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(column.width, 4) + 2
        number_format = FORMATS.get(column.kind)
        if number_format is None:
            continue
        for (cell,) in sheet.iter_rows(HEADER_ROW + 1, last, index, index):
            cell.number_format = number_format
        if column.kind is Kind.PLACE:
            for cell, row in zip(sheet[letter][HEADER_ROW:], table.rows, strict=True):
                place = row[index - 1]
                if isinstance(place, Place) and place.shared:
                    cell.number_format = SHARED_PLACE
    names = 3 if len(table.columns) > 2 and table.columns[1].key == "partner" else 1
    sheet.freeze_panes = f"{get_column_letter(names)}{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(table.columns))}{last}"


def _value(value: Cell | Place) -> Cell:
    """A place is its number when it has one ("?" and "—" stay text)."""
    if isinstance(value, Place):
        return value.rank if value.rank is not None else value.text
    return value
