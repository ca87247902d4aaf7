"""Conversation steps kept by the FSM storage (in SQLite, so they survive a restart), and the
data each step keeps, as typed objects rather than a dict read by string keys."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from aiogram.filters import Filter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import TelegramObject

from storage.fsm import SQLiteStorage


class Step(State, Filter):
    """A state that, used as a handler's filter, is checked on the event loop: aiogram runs a
    plain State's check (a function, not a coroutine) in a thread, a hop for every message
    tried against it."""

    async def __call__(  # type: ignore[override]  # a coroutine, as Filter has it
        self, event: TelegramObject, raw_state: str | None = None
    ) -> bool:
        return raw_state == self.state


class Interview(StatesGroup):
    name = Step()
    """Waiting for the name of a partner to assess (data: `Prompt`)."""
    technology = Step()
    """Asked whether the partner is a technology partnership (data: `TechnologyAsked`)."""
    question = Step()
    """A question is open (data: `QuestionOpen`)."""


class GroupPrompt(StatesGroup):
    name = Step()
    """In a group: waiting for a reply with the name of a partner to add (data: `Prompt`)."""


class PartnerEdit(StatesGroup):
    rename = Step()
    """Waiting for a partner's new name (data: `Prompt`)."""


class Decision(StatesGroup):
    reason = Step()
    """A lead rejected a partner: waiting for the reason, one line (data: `Prompt`)."""


@dataclass(frozen=True)
class QuestionOpen:
    assessment: int
    question: str
    message: int
    """The message that shows the question."""
    editing: bool = False
    """Opened from the card's "Edit answers": after the answer, the card comes back."""
    home: int = 0
    """The workspace the partner belongs to (0 in what older versions wrote)."""


@dataclass(frozen=True)
class TechnologyAsked:
    partner: int
    message: int
    home: int = 0


@dataclass(frozen=True)
class Prompt:
    """A typed reply is awaited: a partner's name, or a new name for `partner`."""

    prompt: int = 0
    """The bot's message to reply to, in a group (where the bot sees only replies)."""
    partner: int = 0
    card: int = 0
    """The card a rejection's reason was asked from: edited once the reason is given."""


StepData = QuestionOpen | TechnologyAsked | Prompt
_KINDS: dict[str | None, type[StepData]] = {
    Interview.question.state: QuestionOpen,
    Interview.technology.state: TechnologyAsked,
    Interview.name.state: Prompt,
    GroupPrompt.name.state: Prompt,
    PartnerEdit.rename.state: Prompt,
    Decision.reason.state: Prompt,
}
PROMPTS = frozenset(name for name, kind in _KINDS.items() if kind is Prompt)
"""The steps that wait for typed text."""


async def read(state: FSMContext) -> StepData | None:
    """The step's data; None with no step (or data an older version left that does not fit)."""
    kind = _KINDS.get(await state.get_state())
    if kind is None:
        return None
    data: dict[str, Any] = await state.get_data()
    known = {f.name for f in fields(kind)}
    try:
        return kind(**{k: v for k, v in data.items() if k in known})
    except TypeError:
        return None


async def write(state: FSMContext, step: State | None, data: StepData | None = None) -> None:
    """The conversation's step and its data, in one write where the storage allows."""
    values = asdict(data) if data is not None else {}
    if isinstance(state.storage, SQLiteStorage):
        await state.storage.set_step(state.key, step, values)
    else:
        await state.set_state(step)
        await state.set_data(values)
