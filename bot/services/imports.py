"""A longlist sent in one go, as pasted lines or a .csv, .xlsx or .txt file, read into rows.

Text and bytes in; out, either a `Batch` (the partners to add, one a row, and the rows that
would not do, with why) or `Unreadable` (the whole thing refused, so nothing is added). Which
of them are on the list already is for storage to say.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from openpyxl import load_workbook

from bot.services.names import NAME_LIMIT
from storage.queries.base import name_key

LIMIT = 500
"""Partners added at once, at most: a longlist, not a database."""
FILE_LIMIT = 1024 * 1024
"""The largest file read: 500 rows of a longlist take a few tens of kilobytes."""
KINDS = ("csv", "xlsx", "txt")
COLUMNS = 20
"""Columns of a table looked at for its headers."""
SCANNED = 100 * LIMIT
"""Rows of a sheet read at most, empty ones included (a 1 MB .xlsx can unpack to millions)."""

HEADERS = {
    "name": {"название", "name", "партнёр", "партнер", "partner", "компания", "company"},
    "technology": {"технологический", "технологическое", "технология", "technology", "tech"},
    "assessors": {"оценщики", "оценщик", "assessors", "assessor"},
}
YES = {"yes", "y", "да", "д", "true", "истина", "1", "+"}
NO = {"no", "n", "нет", "н", "false", "ложь", "0", "-", "—"}
USERNAME = re.compile(r"@?([A-Za-z][A-Za-z0-9_]{3,31})")
"""A Telegram username, with or without its @: 4 to 32 letters, digits and underscores
(4 for the short ones sold at auction)."""

Problem = Literal["kind", "too_big", "not_table", "binary", "too_many", "no_names", "download"]
Why = Literal["too_long", "technology", "assessor", "too_many_assessors", "no_name"]
ASSESSORS = 5
"""@usernames a row may name: a partner is assessed by a handful of people."""


@dataclass(frozen=True)
class Row:
    """A partner to add: its name, and what the file says of it."""

    line: int
    name: str
    technology: bool | None = None
    assessors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Refused:
    """A line or row that adds nothing: `text` is its name (or the line), `value` the cell
    that would not do."""

    line: int
    why: Why
    text: str = ""
    value: str = ""


@dataclass(frozen=True)
class Batch:
    rows: tuple[Row, ...]
    refused: tuple[Refused, ...] = ()

    @property
    def entries(self) -> list[tuple[str, bool | None]]:
        """(name, technology) of each row, in order: what storage adds."""
        return [(row.name, row.technology) for row in self.rows]

    @property
    def named(self) -> list[tuple[str, tuple[str, ...]]]:
        """(name, @usernames) of each row that names assessors."""
        return [(row.name, row.assessors) for row in self.rows if row.assessors]

    @property
    def assessors(self) -> list[str]:
        """Every assessor named, once, in the order first named."""
        return list(dict.fromkeys(a for row in self.rows for a in row.assessors))


@dataclass(frozen=True)
class Unreadable:
    problem: Problem
    file_name: str = ""


Read = Batch | Unreadable


def from_text(text: str) -> Read:
    """Pasted lines, one partner a line; empty lines are skipped (and counted as lines)."""
    return _from_lines(enumerate(text.splitlines(), 1))


def _from_lines(lines: Iterable[tuple[int, str]], file_name: str = "") -> Read:
    rows: list[Row] = []
    refused: list[Refused] = []
    for line, text in lines:
        name = " ".join(text.split())
        if not name_key(name):
            continue
        if len(rows) + len(refused) == LIMIT:
            return Unreadable("too_many", file_name)
        if len(name) > NAME_LIMIT:
            refused.append(Refused(line, "too_long", name))
        else:
            rows.append(Row(line, name))
    if not rows and not refused:
        return Unreadable("no_names", file_name)
    return Batch(tuple(rows), tuple(refused))


def kind_of(file_name: str) -> str:
    """What a file's name says it is: "csv" for "Лонг-лист.CSV"."""
    return file_name.rpartition(".")[2].lower() if "." in file_name else ""


def check_file(file_name: str | None, size: int | None) -> Unreadable | None:
    """What is wrong with a file before it is even downloaded, if anything."""
    name = file_name or ""
    if kind_of(name) not in KINDS:
        return Unreadable("kind", name)
    if size is not None and size > FILE_LIMIT:
        return Unreadable("too_big", name)
    return None


async def read_file(file_name: str, data: bytes) -> Read:
    """A file's rows, worked out in a thread: a sheet of 500 rows takes a moment to unpack."""
    return await asyncio.to_thread(from_file, file_name, data)


def from_file(file_name: str, data: bytes) -> Read:
    if wrong := check_file(file_name, len(data)):
        return wrong
    kind = kind_of(file_name)
    if kind == "xlsx":
        return _from_sheet(file_name, data)
    text = _decoded(data)
    if text is None:
        return Unreadable("binary", file_name)
    if kind == "txt":
        return _from_lines(enumerate(text.splitlines(), 1), file_name)
    try:
        return _from_table(_csv_rows(text), file_name)
    except csv.Error:
        return Unreadable("not_table", file_name)


def _decoded(data: bytes) -> str | None:
    """Text as Excel and editors save it (UTF-8 with or without a BOM, UTF-16 with one, or
    Windows-1251); None for anything with control characters in it: not text at all."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    elif b"\x00" in data:
        return None
    else:
        encodings = ["utf-8-sig", "cp1251"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = (c for c in text if c not in "\t\r\n" and unicodedata.category(c) == "Cc")
        return None if any(controls) else text
    return None


def _csv_rows(text: str) -> Iterator[tuple[int, Sequence[object]]]:
    """Rows with their line numbers; `;` or `,` (or a tab) between cells, as the file has it."""
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=";,\t").delimiter
    except csv.Error:  # one column, or rows that disagree: read each line whole
        delimiter = ";"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for row in reader:
        yield reader.line_num, row


def _from_sheet(file_name: str, data: bytes) -> Read:
    """The first sheet of a workbook. Anything openpyxl cannot read is not a table."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a zip of something else, broken XML, not a zip at all: all the same
        return Unreadable("not_table", file_name)
    try:
        sheet = book.worksheets[0]
        rows: list[tuple[int, Sequence[object]]] = []
        filled = 0
        cells = sheet.iter_rows(max_col=COLUMNS, values_only=True)
        for number, row in enumerate(cells, 1):
            if any(_text(cell) for cell in row):
                rows.append((number, row))
                filled += 1
            if filled > LIMIT + 1 or number > SCANNED:  # + 1: a header
                return Unreadable("too_many", file_name)
    except Exception:  # the sheet's XML breaks off half-way
        return Unreadable("not_table", file_name)
    finally:
        book.close()
    return _from_table(rows, file_name)


def _text(cell: object) -> str:
    """A cell as text: 12.0 is "12", nothing is ""."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return " ".join(str(cell).split())


def _columns(first: Sequence[object]) -> dict[str, int] | None:
    """Where the name, technology and assessors are, if the first row is a header row."""
    found: dict[str, int] = {}
    for index, cell in enumerate(first):
        title = _text(cell).casefold().strip(" :*")
        for column, titles in HEADERS.items():
            if title in titles and column not in found:
                found[column] = index
    if not found:
        return None
    if "name" not in found:
        found["name"] = min(set(range(len(first))) - set(found.values()), default=0)
    return found


def _from_table(table: Iterable[tuple[int, Sequence[object]]], file_name: str) -> Read:
    """A table's rows: name, technology and assessors, in that order or as its header says."""
    rows: list[Row] = []
    refused: list[Refused] = []
    columns: dict[str, int] | None = None
    for number, cells in table:
        if not any(_text(cell) for cell in cells):
            continue
        if columns is None:
            columns = _columns(cells)
            if columns is not None:
                continue  # the header
            columns = {"name": 0, "technology": 1, "assessors": 2}
        if len(rows) + len(refused) == LIMIT:
            return Unreadable("too_many", file_name)
        read = _row(
            number, {k: _text(cells[i]) if i < len(cells) else "" for k, i in columns.items()}
        )
        if isinstance(read, Row):
            rows.append(read)
        else:
            refused.append(read)
    if not rows and all(r.why == "no_name" for r in refused):
        return Unreadable("no_names", file_name)
    return Batch(tuple(rows), tuple(refused))


def _row(number: int, cells: dict[str, str]) -> Row | Refused:
    name = cells["name"]
    if not name_key(name):
        return Refused(number, "no_name")
    if len(name) > NAME_LIMIT:
        return Refused(number, "too_long", name)
    technology = _yes_no(cells.get("technology", ""))
    if technology == "?":
        return Refused(number, "technology", name, cells["technology"])
    assessors = []
    for word in re.split(r"[\s,;]+", cells.get("assessors", "")):
        if not word:
            continue
        if (found := USERNAME.fullmatch(word)) is None:
            return Refused(number, "assessor", name, word)
        assessors.append("@" + found.group(1))
    assessors = list({a.lower(): a for a in reversed(assessors)}.values())[::-1]
    if len(assessors) > ASSESSORS:
        return Refused(number, "too_many_assessors", name, str(len(assessors)))
    return Row(number, name, technology, tuple(assessors))


def _yes_no(text: str) -> bool | Literal["?"] | None:
    """Yes, no, or not said; "?" for anything else."""
    word = text.casefold().rstrip(".!")
    if not word:
        return None
    if word in YES:
        return True
    return False if word in NO else "?"
