"""What a picture shows, as plain data: made by the bot, drawn by the worker."""

from __future__ import annotations

from dataclasses import dataclass


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
