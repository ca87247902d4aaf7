"""What a picture or a report shows, as plain data: made by the bot, drawn by the worker."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple


@dataclass(frozen=True)
class Radar:
    title: str
    labels: list[str]
    values: list[float | None]
    """Each section's score 0..100 (the team's medians); None when nothing is known."""
    lows: list[float]
    highs: list[float]
    """Where each section can still go once its unknowns are known."""


@dataclass(frozen=True)
class Bar:
    name: str
    score: float
    low: float
    high: float
    tier: str


Cell = int | float | str | datetime | None
"""A table's cell: numbers stay numbers (an XLSX number cell), a moment stays a moment (in the
list's time zone, without it), None is left empty."""


class Kind(enum.StrEnum):
    """How a column's cells are written: text; long text, wrapped (notes); a whole number; a
    rating, whole or a median's half (3.5); a share 0..1 shown as a percentage; a place in the
    ranking ("=2" when shared); a tier letter (hatched in the PDF and filled with its colour in
    the XLSX, so that it reads printed in black and white); a moment."""

    TEXT = "text"
    LONG = "long"
    NUMBER = "number"
    RATING = "rating"
    PERCENT = "percent"
    PLACE = "place"
    TIER = "tier"
    MOMENT = "moment"


class Place(NamedTuple):
    """A partner's place as the ranking shows it: "1", "=2"; "?" too little data, "—" blocked
    (`rank` None for both)."""

    rank: int | None
    shared: bool
    text: str


@dataclass(frozen=True)
class Column:
    key: str
    """What the column holds, whatever the language ("score", "tier", "status"…)."""
    title: str
    kind: Kind
    width: float
    """In characters of the body's font in the XLSX; the PDF's table shares its page's width
    out in these proportions."""


@dataclass(frozen=True)
class Table:
    """One sheet of the XLSX (or the PDF's table): columns, and a row of cells for each."""

    sheet: str
    """The sheet's name (the PDF table's heading), in the list's language."""
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell | Place, ...], ...]
    note: str = ""
    """A line under the title that explains the columns."""
    then: Table | None = None
    """A second table on the same sheet, under this one (the weights' history)."""


@dataclass(frozen=True)
class Report:
    """The report for management, in the list's language: what its PDF's one or two pages
    show, and the workbook's sheets."""

    title: str
    list_name: str
    date: str
    """The day it was made, in the list's time zone, as the list writes dates."""
    facts: str
    """One line: how many partners and assessors, how many in each tier."""
    tiers: tuple[tuple[str, str], ...]
    """(letter, meaning) of each tier, for the legend."""
    chart: str
    """The chart's heading."""
    bars: tuple[Bar, ...]
    """The top ten, for the chart."""
    top: Table
    """The top fifteen, for the PDF's table."""
    weights: tuple[str, str]
    """The weights used: a heading, and the sections with their weights on one line."""
    method: tuple[str, ...]
    """A heading and the method in three lines."""
    disagreements: str
    """How many disagreements are open, in one line."""
    page: str
    """"page {n} of {m}" with `{n}` and `{m}` left to fill."""
    sheets: tuple[Table, ...]
    """The workbook's: the ranking, the sections, the answers, the discussion, the weights."""
    moment_format: str = "DD.MM.YYYY HH:MM"
    """How the workbook shows a moment (Excel's number format)."""
