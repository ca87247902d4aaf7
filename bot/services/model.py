"""What the use cases hand out: plain data for handlers and rendering (no I/O here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypeVar

from bot.services.names import clip
from questionnaire.flow import Progress
from questionnaire.model import Question
from questionnaire.scoring import ScoreCard, Summary
from questionnaire.team import Team, state_of
from questionnaire.weights import Weights
from storage.models import (
    Assessment,
    Listed,
    Note,
    Partner,
    Settlement,
    Status,
    StatusKind,
    TierMove,
    WeightChange,
    Workspace,
)

V = TypeVar("V")

PAGE = 10
"""Partners per page, in the partner list and in the ranking."""
ASSESSOR_NAME = 16
"""The longest assessor name shown (Telegram allows 64)."""


def page_count(count: int) -> int:
    """Pages of PAGE for `count` partners; an empty list still has a page."""
    return max(1, -(-count // PAGE))


@dataclass(frozen=True)
class Opened:
    partner: Partner
    assessment: Assessment
    created: bool
    """A new partner (False: the name matched one already on the list)."""


@dataclass(frozen=True)
class Resumable:
    """One of a person's assessments, with its partner and the workspace that holds it."""

    assessment: Assessment
    partner: Partner
    home: Workspace


@dataclass(frozen=True)
class Position:
    """One question of one assessment, with what is needed to show it."""

    partner: Partner
    assessment: Assessment
    question: Question
    answers: dict[str, int | None]
    progress: Progress
    notes: int

    @property
    def saved(self) -> bool:
        return self.question.id in self.answers


@dataclass(frozen=True)
class Answered:
    partner: Partner
    before: Summary
    after: Summary
    previous: int | None
    had_answer: bool
    finished: bool


@dataclass(frozen=True)
class Pressed:
    """An answer pressed on a question and recorded: where it was given, what it changed,
    and the question to show next (None: none is left, or the assessment waits for the
    technology question)."""

    at: Position
    answered: Answered
    upcoming: Position | None


@dataclass(frozen=True)
class Sheets:
    """Everyone's answers on one partner (or one person's, for their own card)."""

    assessments: list[Assessment]
    """The assessors': those with at least one answer (opening a link is not assessing)."""
    answers: dict[int, dict[str, int | None]]
    """Each assessment's answers, by assessment id."""
    team: Team
    opened: list[Assessment]
    """Every assessment begun, answered or not (one can be continued from the card)."""
    settled: dict[str, Settlement] = field(default_factory=dict)
    """The team's settled questions (none on a person's own view of a team's partner)."""

    def changed_since(self, question_id: str) -> bool:
        """Whether someone's answer to a settled question changed after it was settled."""
        settled = self.settled.get(question_id)
        return settled is not None and settled.answers != state_of(self.answers, question_id)


def labels(assessments: list[Assessment]) -> dict[int, str]:
    """Assessment id → the assessor's name as shown (at most ASSESSOR_NAME characters),
    numbered when two assessors' names look the same."""
    seen: dict[str, int] = {}
    named: dict[int, str] = {}
    for a in assessments:
        name = clip(a.assessor, ASSESSOR_NAME)
        seen[name] = seen.get(name, 0) + 1
        named[a.id] = name if seen[name] == 1 else f"{name} ({seen[name]})"
    return named


@dataclass(frozen=True)
class Page:
    partners: list[Partner]
    page: int
    pages: int
    count: int
    """Partners in the whole list."""


@dataclass(frozen=True)
class CardData:
    partner: Partner
    card: ScoreCard
    sheets: Sheets
    notes: list[Note]
    own: bool
    """Only the viewer's own answers (a team's partner seen from a private chat)."""
    workspace: Workspace
    """The workspace the partner belongs to."""
    weights: Weights
    """Its section weights, by which the card is scored."""
    status: Status | None = None
    """The decision on the partner (None: not decided)."""

    @property
    def team(self) -> bool:
        """More than one person assessed the partner."""
        return len(self.sheets.assessments) > 1

    def unfinished_of(self, user_id: int) -> Assessment | None:
        return next(
            (a for a in self.sheets.opened if a.user_id == user_id and not a.finished),
            None,
        )


@dataclass(frozen=True)
class Reweighed:
    """A saved weights change: the weights either side of it, and whose tier it moved."""

    change: int
    previous: int | None
    """The change it follows (None: it followed the defaults)."""
    before: Weights
    after: Weights
    moves: dict[int, TierMove]
    """Partner id → its tier before and after, for each partner whose tier changed."""


@dataclass(frozen=True)
class WeightsNews:
    """A group's line about a weights change (or a quick run of them), as it reads now."""

    line: int
    who: str
    sections: list[tuple[int, int, int]]
    """(section, before, after) of the sections it moved, the largest move first; empty when
    the weights are as they were."""
    moves: list[tuple[str, TierMove]]
    """(partner name, tiers) of the partners whose tier it changed, the highest scored first."""
    undone_by: str | None
    undoable: bool
    """Within the time an Undo is allowed, and not undone yet."""


@dataclass(frozen=True)
class WeightsPanel:
    weights: Weights
    change: WeightChange | None
    """The latest change; None while the weights are the defaults."""
    history: list[WeightChange] | None
    """A group's latest changes, the latest first; None in a private chat."""


def at_revision(kept: tuple[int, V] | None, revision: int) -> V | None:
    """What was kept, if it was worked out at this revision."""
    return kept[1] if kept is not None and kept[0] == revision else None


def listed_id(partner: Listed) -> int:
    return partner.id


def listed_name(partner: Listed) -> str:
    return partner.name


@dataclass(frozen=True)
class Waiting:
    """A partner waiting for the person: its list, and how far they are (0 when not started)."""

    partner: Partner
    home: Workspace
    assessment: Assessment | None
    answered: int
    total: int


@dataclass(frozen=True)
class Assigned:
    """What the assessors named in a list sent in one go came to: per person, how many
    partners they were assigned now, and how many wait for an @username to be seen in the
    group; partners nobody was assigned to because the sender may not assign them."""

    now: dict[str, int] = field(default_factory=dict)
    """"Anna (@anna)" → partners."""
    later: dict[str, int] = field(default_factory=dict)
    """"@dasha" → partners, assigned once she is seen in the group."""
    outside: dict[str, int] = field(default_factory=dict)
    """"@oleg" (known, not in the group) → partners not assigned."""
    not_allowed: int = 0


BOARD_PAGE = 10
"""Partners per page of a group's progress board."""


@dataclass(frozen=True)
class BoardMark:
    """One person on a partner's row: done, part-way (answered of total), or assigned and not
    started."""

    name: str
    state: Literal["done", "started", "waiting"]
    answered: int
    total: int


@dataclass(frozen=True)
class BoardRow:
    partner_id: int
    name: str
    marks: tuple[BoardMark, ...]
    tier: str | None
    """Once final: "A", "B", "C", "X", or "-" for too little data; None until then."""
    status: StatusKind | None = None
    """The team's decision on the partner (None: not decided)."""


@dataclass(frozen=True)
class BoardView:
    """A group's progress: each partner with its people, and the whole list's count."""

    rows: tuple[BoardRow, ...]
    done: int
    """Finished assessments among the expected ones (every mark on the board is one)."""
    expected: int
    deadline: date | None
    days_left: int | None
    """Days from today (in the list's time zone) to the deadline; negative once past."""

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.rows) // BOARD_PAGE))

    def page(self, page: int) -> tuple[int, tuple[BoardRow, ...]]:
        """The page (clamped to those there are) and its rows."""
        page = min(max(page, 1), self.pages)
        start = (page - 1) * BOARD_PAGE
        return page, self.rows[start : start + BOARD_PAGE]
