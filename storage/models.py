"""What storage returns: small frozen objects, never database rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, NamedTuple
from zoneinfo import ZoneInfo

from questionnaire.model import Lang
from questionnaire.scoring import Standing, Summary, Tier

NoteKind = Literal["text", "photo", "document", "voice"]
WorkspaceKind = Literal["private", "group"]


@dataclass(frozen=True)
class User:
    id: int
    first_name: str
    username: str | None
    lang: Lang
    reminders: bool
    blocked: bool


@dataclass(frozen=True)
class Workspace:
    id: int
    chat_id: int
    kind: WorkspaceKind
    title: str
    revision: int = 0
    """Grows with every change to any of its partners' scores or to its weights."""
    lang: Lang | None = None
    """A group's language, of all the bot posts there; None for a private list (its person's)."""
    deadline: date | None = None
    """The day the list is to be assessed by, in its time zone."""
    tz: str | None = None
    """The list's IANA time zone; None: the default for its language (see `zone`)."""

    def zone(self, lang: Lang) -> ZoneInfo:
        """The time zone every date and time of this list is shown in (`lang`: the list's
        language, for the default: Moscow for Russian, UTC otherwise)."""
        return ZoneInfo(self.tz or ("Europe/Moscow" if lang == "ru" else "UTC"))


@dataclass(frozen=True)
class WeightChange:
    weights: dict[int, int]
    user: str
    """The first name of whoever made the change."""
    changed_at: datetime
    how: str
    id: int = 0


TierMove = tuple[Tier | None, Tier | None]
"""A partner's tier before and after (None: too little data for one)."""


@dataclass(frozen=True)
class WeightLine:
    """The line a group was told about a weights change, or about one lead's quick run of
    them, with what undoing it needs."""

    id: int
    user_id: int
    user: str
    """The first name of whoever made the change."""
    last_change: int
    before: dict[int, int]
    """The weights before the run's first change."""
    after: dict[int, int]
    """The weights its last change made."""
    named: tuple[int, ...]
    """The sections the person moved, in the order they moved them."""
    moves: dict[int, TierMove]
    """Partner id → its tier before the run and after its last change."""
    updated_at: datetime
    message_id: int | None
    undone_by: str | None
    """The first name of whoever undid it."""


class Listed(NamedTuple):
    """A partner as a ranking lists it: all that a longlist of thousands is read for (a tuple,
    quick to make by the thousand)."""

    id: int
    name: str
    summary: Summary | None


@dataclass(frozen=True)
class Partner:
    id: int
    workspace_id: int
    name: str
    technology: bool | None
    created_at: datetime
    summary: Summary | None
    """The score as of the last answer; None until the first answer."""
    invite: str | None = None
    """The unguessable token of the deep link that opens this partner's interview."""
    created_by: int = 0
    """The person who put the partner on the list."""
    standing: Standing | None = None
    """What re-scoring under other weights needs; None until scored since version 4."""
    revision: int = 0
    """Grows with every change to the partner's score, so cached pictures know they are old."""

    @property
    def listed(self) -> Listed:
        return Listed(self.id, self.name, self.summary)


@dataclass(frozen=True)
class Assessment:
    id: int
    partner_id: int
    user_id: int
    assessor: str
    """The assessor's first name, as Telegram gave it."""
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True)
class Note:
    id: int
    assessment_id: int
    question_id: str
    kind: NoteKind
    body: str
    file_id: str | None
    created_at: datetime


@dataclass(frozen=True)
class Added:
    """Partners put on a list in one go."""

    new: tuple[Partner, ...]
    existing: tuple[str, ...]
    """The names, as the list has them, of those it had already (or that came twice)."""


@dataclass(frozen=True)
class ListChoice:
    """The list a person picked for their private list commands, and the command waiting."""

    workspace_id: int | None
    chosen_at: datetime | None
    pending: str = ""
    """The command (with its arguments) to go on with once a list is picked; "" for none."""


StatusKind = Literal["focus", "pilot", "hold", "rejected"]
STATUS_KINDS: tuple[StatusKind, ...] = ("focus", "pilot", "hold", "rejected")


@dataclass(frozen=True)
class Settlement:
    """A lead's settlement of a question the team disagreed on."""

    partner_id: int
    question_id: str
    value: int | None
    """The agreed value 1..5; None: the median stands ("keep the median")."""
    user: str
    """The first name of the lead who settled it."""
    settled_at: datetime
    answers: str
    """Everyone's answers to the question when it was settled (see questionnaire.team.state_of)."""


@dataclass(frozen=True)
class Status:
    """A partner's decision status, with who set it and when."""

    partner_id: int
    kind: StatusKind
    reason: str
    user: str
    set_at: datetime


@dataclass(frozen=True)
class Board:
    """A group's progress board: the message the bot keeps editing, and what it shows."""

    workspace_id: int
    message_id: int
    page: int
    picking: bool
    """Its buttons pick a partner of the page to assess, instead of paging."""
    shown: str | None
    """A digest of the text and buttons the message shows now."""


class Mark(NamedTuple):
    """One person on a partner's row of the board: assigned, or having answered something."""

    partner_id: int
    user_id: int
    first_name: str
    assigned: bool
    answered: int
    """Questions answered, those asked of a technology partnership only counted apart."""
    technology_only: int
    finished: bool
    set_aside: bool
