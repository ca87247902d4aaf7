"""Conversation steps kept by the FSM storage (in SQLite, so they survive a restart)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class Interview(StatesGroup):
    name = State()
    """Waiting for the name of a partner to assess."""
    technology = State()
    """Asked whether the partner is a technology partnership; data: partner, message."""
    question = State()
    """A question is open; data: assessment, question, message (its id), editing."""


class Team(StatesGroup):
    name = State()
    """In a group: waiting for a reply with the name of a partner to add."""


class PartnerEdit(StatesGroup):
    rename = State()
    """Waiting for a partner's new name; data: partner."""
