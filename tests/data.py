"""Test data more than one test module uses: question ids, rating sheets, weights, prefixes.

Written out by hand rather than read from the questionnaire, so that a test compares the code
against the checklist as it should be, not against itself.
"""

from __future__ import annotations

ALL_IDS = [
    "1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3",
    "6.1", "6.2", "7.1", "7.2", "7.3", "8.1", "8.2", "8.3", "8.4", "8.5", "9.1", "9.2", "10.1",
    "10.2",
]  # fmt: skip
"""Every question, in the order the checklist asks them."""

NON_TECH_IDS = [q for q in ALL_IDS if q not in {"3.1", "3.2", "8.5"}]
"""The 24 questions a partner without a technology integration is asked."""

DEFAULT_WEIGHTS = {1: 15, 2: 15, 3: 10, 4: 10, 5: 10, 6: 8, 7: 10, 8: 10, 9: 5, 10: 7}
"""Section weights before anyone changes them."""

TECH = {
    "1.1": 4, "1.2": 5, "2.1": 4, "2.2": 5, "2.3": 3, "3.1": 4, "3.2": 2, "4.1": 4, "4.2": 3,
    "4.3": 3, "5.1": 5, "5.2": 4, "5.3": None, "6.1": 2, "6.2": 3, "7.1": 3, "7.2": 4,
    "7.3": 4, "8.1": 5, "8.2": 3, "8.3": 4, "8.4": 3, "8.5": 4, "9.1": 5, "9.2": 3,
    "10.1": 4, "10.2": 5,
}  # fmt: skip
"""A technology partner's answers, one "Don't know" among them."""

NON_TECH = {q: r for q, r in TECH.items() if q not in {"3.1", "3.2", "8.5"}}
"""The same answers for a partner without a technology integration."""

BASE: dict[str, int | None] = dict.fromkeys(NON_TECH_IDS, 4)
"""A team member's sheet before their own differences: every question a 4."""

PREFIXES = list("asrhtjncwekpmvxqfgloudyLSTEPFzbiB")
"""Every prefix the bot's buttons use in their callback data."""

PROXY_PASSWORD = "p@ss-w0rd-4-proxy"
"""The proxy's password in the TELEGRAM_PROXY tests: "@" must be written %40 in a URL."""
