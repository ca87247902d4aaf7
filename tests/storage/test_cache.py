"""The one bounded memory: least recently used out first, entries lapse after their ttl."""

from __future__ import annotations

from storage.cache import Bounded


def test_the_least_recently_used_goes_first() -> None:
    kept: Bounded[str, int] = Bounded(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # "a" is now the most recent
    kept.put("c", 3)
    assert (kept.get("a"), kept.get("b"), kept.get("c")) == (1, None, 3)
    assert len(kept) == 2


def test_an_entry_lapses_after_its_ttl() -> None:
    now = [100.0]
    kept: Bounded[str, int] = Bounded(10, ttl=10, clock=lambda: now[0])
    kept.put("a", 1)
    now[0] += 9.5
    assert kept.get("a") == 1
    assert kept.age("a") == 9.5
    now[0] += 0.5
    assert kept.get("a") is None
    assert "a" not in kept


def test_entries_are_dropped_by_their_keys() -> None:
    kept: Bounded[tuple[int, int], str] = Bounded(10)
    for key in [(1, 1), (1, 2), (2, 1)]:
        kept.put(key, "x")
    kept.drop(lambda key: key[0] == 1)
    kept.pop((9, 9))  # nothing there: nothing happens
    assert [key in kept for key in [(1, 1), (1, 2), (2, 1)]] == [False, False, True]
