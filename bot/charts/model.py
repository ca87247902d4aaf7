"""What a picture or a report shows, as plain data: made by the bot, drawn by the worker."""

from __future__ import annotations

import enum
from dataclasses import dataclass
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


Cell = int | float | str | None
"""A table's cell: numbers stay numbers (an XLSX number cell), None is left empty."""


class Kind(enum.StrEnum):
    """How a column's cells are written: text; a whole number; a share 0..1 shown as a
    percentage; a place in the ranking ("=2" when shared); a tier letter (hatched in the PDF,
    so that it reads printed in black and white)."""

    TEXT = "text"
    NUMBER = "number"
    PERCENT = "percent"
    PLACE = "place"
    TIER = "tier"


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
    """In characters of the body's font, in both files."""
    abbr: str = ""
    """A header for the PDF's narrow columns, where the title does not fit (explained in the
    table's note)."""


@dataclass(frozen=True)
class Table:
    """One sheet of the XLSX and one part of the PDF: columns, and a row of cells for each."""

    sheet: str
    """The sheet's name and the part's heading, in the list's language."""
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell | Place, ...], ...]
    note: str = ""
    """A line under the heading that explains the columns (the PDF's section numbers)."""


@dataclass(frozen=True)
class Report:
    """The report for management, in the list's language, as both files show it.

    Tables are read by column key, so a column added to a table (a decision status, settled
    disagreements) appears in the PDF and in the XLSX without a change to either.
    """

    title: str
    list_name: str
    date: str
    """The day it was made, in the list's time zone, as the list writes dates."""
    summary: str
    """One line: how many partners, how many in each tier."""
    tiers: tuple[tuple[str, str], ...]
    """(letter, meaning) of each tier, for the legend."""
    page: str
    """"page {n} of {m}" with `{n}` and `{m}` left to fill."""
    tables: tuple[Table, ...]
    """The weights, the ranking, each partner's sections, the flags: in that order."""
