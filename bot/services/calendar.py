"""Dates and times of a list (PRODUCT.md §8): a deadline as people type it, the time zones
offered, and when something due "at 10:00 local" falls (pure: no I/O, no aiogram)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from enum import Enum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ZONES = (
    "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk",
    "Asia/Novosibirsk", "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok",
    "Asia/Magadan", "Asia/Kamchatka", "UTC", "Europe/London", "Europe/Berlin", "Asia/Dubai",
    "Asia/Almaty", "Asia/Shanghai",
)  # fmt: skip
"""The zones /settings offers as buttons: Russia's from Kaliningrad to Kamchatka, UTC, and a
few capitals; any other IANA name can be typed."""

AHEAD = 3 * 366
"""A deadline further than about three years away is a typo, not a plan."""

_DAY_MONTH = re.compile(r"(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class Refusal(Enum):
    """Why a typed deadline was not taken."""

    NONSENSE = "nonsense"
    PAST = "past"
    FAR = "far"


def parse_deadline(text: str, today: date) -> date | Refusal:
    """`15.12`, `15.12.2026`, `15/12/26` or `2026-12-15` → the date; without a year, the next
    such date from `today` on (today counts). Past, impossible or far-off dates are refused."""
    text = text.strip()
    year: int | None
    if match := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_MONTH.fullmatch(text):
        day, month = int(match.group(1)), int(match.group(2))
        year = int(match.group(3)) if match.group(3) else None
        if year is not None and year < 100:
            year += 2000
    else:
        return Refusal.NONSENSE
    try:
        found = _next(day, month, today) if year is None else date(year, month, day)
    except ValueError:  # 31.02, 29.02 of a year without one, month 13
        return Refusal.NONSENSE
    if found < today:
        return Refusal.PAST
    return Refusal.FAR if (found - today).days > AHEAD else found


def _next(day: int, month: int, today: date) -> date:
    """The first such date from today on: this year's, or a later year's (29.02 included)."""
    for year in range(today.year, today.year + 9):
        try:
            found = date(year, month, day)
        except ValueError:
            if not 1 <= month <= 12 or not 1 <= day <= 31 or (month, day) != (2, 29):
                raise
            continue
        if found >= today:
            return found
    raise ValueError(f"no {day}.{month}")


def zone_named(name: str) -> ZoneInfo | None:
    """The IANA zone of that name (any case: `asia/yekaterinburg`), or None."""
    name = name.strip()
    if not re.fullmatch(r"[A-Za-z0-9_+\-/]{1,64}", name) or ".." in name:
        return None
    for candidate in (name, *_spelled(name)):
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return None


def _spelled(name: str) -> list[str]:
    """How people capitalise a zone they type in lower case: asia/ust-nera → Asia/Ust-Nera."""
    if name.upper() == "UTC":
        return ["UTC"]
    parts = ["_".join(w[:1].upper() + w[1:] for w in p.split("_")) for p in name.split("/")]
    titled = "/".join("-".join(w[:1].upper() + w[1:] for w in p.split("-")) for p in parts)
    return [titled]


def local_day(now: datetime, zone: ZoneInfo) -> date:
    """The date in the zone at the moment `now`."""
    return now.astimezone(zone).date()


def due_at(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The moment (UTC) it is `at` o'clock on `day` in the zone, daylight saving included: a
    time the clocks skip counts as the same wall time an hour later, as zoneinfo reads it."""
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def due_today(now: datetime, at: time, zone: ZoneInfo) -> date | None:
    """The zone's date, once `at` o'clock of it has come by `now`; None before then."""
    today = local_day(now, zone)
    return today if now >= due_at(today, at, zone) else None


def days_left(deadline: date, today: date) -> int:
    """Whole days from today to the deadline (0: it is today; below 0: passed)."""
    return (deadline - today).days
