"""Dates as people type them and times due in a list's zone (bot/services/calendar.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.services.calendar import (
    ZONES,
    Refusal,
    days_left,
    due_at,
    due_today,
    local_day,
    parse_deadline,
    zone_named,
)

TODAY = date(2026, 12, 3)
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15.12", date(2026, 12, 15)),
        ("15.12.2026", date(2026, 12, 15)),
        ("2026-12-15", date(2026, 12, 15)),
        ("15/12/26", date(2026, 12, 15)),
        (" 3.12 ", TODAY),  # today counts
        ("2.12", date(2027, 12, 2)),  # no year and passed: next year's
        ("1.1", date(2027, 1, 1)),
        ("29.02", date(2028, 2, 29)),  # the next year that has it
        ("31.02", Refusal.NONSENSE),
        ("32.12", Refusal.NONSENSE),
        ("15.13", Refusal.NONSENSE),
        ("завтра", Refusal.NONSENSE),
        ("", Refusal.NONSENSE),
        ("15.12.2026 10:00", Refusal.NONSENSE),
        ("2.12.2026", Refusal.PAST),
        ("2020-01-01", Refusal.PAST),
        ("01.01.2099", Refusal.FAR),
    ],
)
def test_a_typed_deadline_is_read_or_refused(typed: str, expected: date | Refusal) -> None:
    assert parse_deadline(typed, TODAY) == expected


def test_ten_oclock_in_berlin_moves_an_hour_in_utc_at_the_march_change() -> None:
    """Clocks go forward at 02:00 on 29 March 2026: 10:00 is 09:00 UTC the day before and
    08:00 UTC on the day."""
    ten = time(10)
    assert due_at(date(2026, 3, 28), ten, BERLIN) == datetime(2026, 3, 28, 9, tzinfo=UTC)
    assert due_at(date(2026, 3, 29), ten, BERLIN) == datetime(2026, 3, 29, 8, tzinfo=UTC)
    assert due_at(date(2026, 10, 25), ten, BERLIN) == datetime(2026, 10, 25, 9, tzinfo=UTC)
    # a wall time the clocks skip (02:30 on the day) is read an hour on, as zoneinfo does
    assert due_at(date(2026, 3, 29), time(2, 30), BERLIN) == datetime(
        2026, 3, 29, 1, 30, tzinfo=UTC
    )


def test_due_today_is_the_local_date_once_the_hour_has_come() -> None:
    ten = time(10)
    assert due_today(datetime(2026, 3, 29, 7, 59, tzinfo=UTC), ten, BERLIN) is None
    assert due_today(datetime(2026, 3, 29, 8, 0, tzinfo=UTC), ten, BERLIN) == date(2026, 3, 29)
    assert due_today(datetime(2026, 3, 28, 8, 30, tzinfo=UTC), ten, BERLIN) is None
    # 23:30 UTC is 04:30 of the next day in Yekaterinburg (UTC+5): that day, before 10:00
    yekaterinburg = ZoneInfo("Asia/Yekaterinburg")
    late = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
    assert local_day(late, yekaterinburg) == date(2026, 12, 4)
    assert due_today(late, ten, yekaterinburg) is None
    assert due_today(datetime(2026, 12, 4, 5, 0, tzinfo=UTC), ten, yekaterinburg) == date(
        2026, 12, 4
    )


def test_days_left() -> None:
    assert days_left(date(2026, 12, 15), TODAY) == 12
    assert days_left(TODAY, TODAY) == 0
    assert days_left(date(2026, 12, 2), TODAY) == -1


def test_every_zone_offered_exists_and_typed_names_are_checked() -> None:
    assert all(zone_named(name) is not None for name in ZONES)
    assert zone_named("asia/yekaterinburg") == ZoneInfo("Asia/Yekaterinburg")
    assert zone_named("america/new_york") == ZoneInfo("America/New_York")
    assert zone_named("utc") == ZoneInfo("UTC")
    for bad in ("Mars/Olympus", "../../etc/passwd", "/etc/localtime", "", "Europe/" + "x" * 80):
        assert zone_named(bad) is None, bad
