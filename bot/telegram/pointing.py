"""What a button acts on: the ids its callback data carries, marked for the guard, which checks
that the presser may act on them (bot/telegram/guard.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal, Protocol, runtime_checkable

from aiogram.filters.callback_data import CallbackData
from pydantic import Field


@dataclass(frozen=True)
class Points:
    """Marks a field as the id of what a button acts on, for the guard to check who may."""

    at: Literal["partner", "assessment", "workspace"]


ROW_ID = Field(ge=1, le=2**63 - 1)
"""A row's id as SQLite gives it out. Data outside that range names no row: it fails to unpack,
which aiogram's filter takes as "no match", so it gets the stale-button reply instead of
reaching SQL (where it would raise OverflowError)."""
PartnerId = Annotated[int, ROW_ID, Points("partner")]
AssessmentId = Annotated[int, ROW_ID, Points("assessment")]
WorkspaceId = Annotated[int, ROW_ID, Points("workspace")]
"""A list (a group's, or a person's own): the guard checks the presser belongs to it."""


@runtime_checkable
class Aimed(Protocol):
    """Callback data whose marked id is what it acts on only for some of its values."""

    def aims(self) -> bool:
        """Whether this button acts on the marked id (the guard checks it only then)."""
        ...


def pointed_at(data: CallbackData) -> tuple[str, int] | None:
    """What a button acts on ("partner", "assessment" or "workspace", and its id), from its
    marked field; None when it acts on nothing beyond the chat."""
    if isinstance(data, Aimed) and not data.aims():
        return None
    for name, field in type(data).model_fields.items():
        for mark in field.metadata:
            if isinstance(mark, Points):
                return mark.at, getattr(data, name)
    return None
