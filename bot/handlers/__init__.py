"""Handler routers, in the order they are tried."""

from __future__ import annotations

from aiogram import Router

from bot.handlers import (
    assign,
    board,
    deadline,
    decisions,
    fallback,
    imports,
    interview,
    lists,
    membership,
    notes,
    partners,
    reports,
    results,
    resuming,
    sharing,
    start,
    team,
    weights,
)

# Specific first (a deep link before a plain /start); the fallback takes whatever is left.
ORDER = (
    membership, imports, team, start, interview, resuming, notes, partners, results, decisions,
    reports, weights, assign, deadline, lists, board, sharing, fallback,
)  # fmt: skip


def routers() -> list[Router]:
    return [module.router() for module in ORDER]
