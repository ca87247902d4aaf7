"""Handler routers, in the order they are tried."""

from __future__ import annotations

from aiogram import Router

from bot.handlers import (
    fallback,
    interview,
    membership,
    notes,
    partners,
    results,
    resuming,
    start,
)


def routers() -> list[Router]:
    # Commands and buttons first; the fallback router takes whatever is left.
    return [
        m.router()
        for m in (membership, start, interview, resuming, notes, partners, results, fallback)
    ]
