"""Hand-made data for the render tests: partners, assessors, answers, notes, a ranking.

Nothing here touches a database or a bot. Answers are written out per question, the team's
sheets are combined and the cards scored by the pure functions the services call, so a card here
is what the bot would show for the same answers. Every moment is fixed, so dates read the same.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import UTC, datetime

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.render.texts import Texts
from bot.services.model import CardData, Position, Sheets, labels, listed_name
from bot.services.scoring import default_weights
from questionnaire.flow import Progress
from questionnaire.loader import load_questionnaire
from questionnaire.model import Question
from questionnaire.ranking import Ranked, rank
from questionnaire.robustness import Firmness, Neighbour, Robust, Swap, label
from questionnaire.scoring import Summary, points, score_partner, tier_of
from questionnaire.team import combine
from storage.models import Assessment, Listed, Note, NoteKind, Partner, Workspace

Q = load_questionnaire()
TEXTS = Texts()
WEIGHTS = default_weights(Q)

STARTED = datetime(2026, 3, 2, 9, 15, tzinfo=UTC)
FINISHED = datetime(2026, 3, 14, 16, 40, tzinfo=UTC)
TOUCHED = datetime(2026, 3, 9, 11, 5, tzinfo=UTC)
"""When an unfinished assessment was last answered."""

ANNA = 1
BORIS = 2
VERA = 3

PRIVATE = Workspace(id=1, chat_id=ANNA, kind="private", title="Anna")
GROUP = Workspace(id=2, chat_id=-1002003004005, kind="group", title="Sales team")

HOSTILE = '<b>Acme & "Co"</b>'
"""Text that must come out exactly as typed, never as markup."""


def partner(id: int, name: str, *, technology: bool, workspace: Workspace = PRIVATE) -> Partner:
    return Partner(
        id=id,
        workspace_id=workspace.id,
        name=name,
        technology=technology,
        created_at=STARTED,
        summary=None,
        created_by=ANNA,
    )


def assessment(id: int, of: Partner, user: int, name: str, *, finished: bool = True) -> Assessment:
    return Assessment(
        id=id,
        partner_id=of.id,
        user_id=user,
        assessor=name,
        started_at=STARTED,
        updated_at=FINISHED if finished else TOUCHED,
        finished_at=FINISHED if finished else None,
    )


def note(id: int, by: Assessment, question: str, body: str, kind: NoteKind = "text") -> Note:
    return Note(
        id=id,
        assessment_id=by.id,
        question_id=question,
        kind=kind,
        body=body,
        file_id=None if kind == "text" else f"file-{id}",
        created_at=by.started_at,
    )


def card_data(
    of: Partner,
    answered: list[tuple[Assessment, dict[str, int | None]]],
    notes: Sequence[Note] = (),
    *,
    workspace: Workspace = PRIVATE,
    own: bool = False,
) -> CardData:
    """A card as the longlist service builds it, from each assessor's answers (none: opened)."""
    opened = [a for a, _ in answered]
    answers = {a.id: sheet for a, sheet in answered}
    assessments = [a for a in opened if answers[a.id]]
    names = labels(opened)
    team = combine(Q, {names[a.id]: answers[a.id] for a in assessments})
    card = score_partner(Q, team.ratings, technology=bool(of.technology), weights=WEIGHTS)
    sheets = Sheets(assessments, answers, team, opened)
    return CardData(of, card, sheets, list(notes), own, workspace, WEIGHTS)


# ── Globex: Anna's own partner, finished: a band, a gate not verified, a red flag, notes ──────

GLOBEX = partner(11, "Globex", technology=False)
ANNA_GLOBEX = assessment(101, GLOBEX, ANNA, "Anna")
GLOBEX_ANSWERS: dict[str, int | None] = {
    "1.1": 4, "1.2": 5, "2.1": 4, "2.2": 4, "2.3": 3, "4.1": 4, "4.2": None, "4.3": 3,
    "5.1": 4, "5.2": None, "5.3": 1, "6.1": 3, "6.2": 2, "7.1": 4, "7.2": 3, "7.3": None,
    "8.1": 5, "8.2": 4, "8.3": 4, "8.4": None, "9.1": 4, "9.2": 3, "10.1": 5, "10.2": 4,
}  # fmt: skip
GLOBEX_NOTES = [
    note(1, ANNA_GLOBEX, "1.1", f"Resells {HOSTILE} in the Baltics"),
    note(2, ANNA_GLOBEX, "4.1", "Balance sheet 2025", kind="photo"),
    note(3, ANNA_GLOBEX, "7.3", "", kind="voice"),
]
GLOBEX_CARD = card_data(GLOBEX, [(ANNA_GLOBEX, GLOBEX_ANSWERS)], GLOBEX_NOTES)

# ── Initech: a technology partnership Anna has only begun: insufficient data ─────────────────

INITECH = partner(12, "Initech", technology=True)
ANNA_INITECH = assessment(102, INITECH, ANNA, "Anna", finished=False)
INITECH_ANSWERS: dict[str, int | None] = {
    "1.1": 5, "1.2": 4, "2.1": 5, "2.2": 5, "2.3": 4, "3.1": 2, "3.2": None, "4.1": 5,
}  # fmt: skip
INITECH_CARD = card_data(INITECH, [(ANNA_INITECH, INITECH_ANSWERS)])

# ── Umbrella: the group's partner in Anna's private chat (her answers only): a gate failed ───

UMBRELLA = partner(23, "Umbrella", technology=False, workspace=GROUP)
ANNA_UMBRELLA = assessment(203, UMBRELLA, ANNA, "Anna")
UMBRELLA_ANSWERS: dict[str, int | None] = {q.id: 4 for q in Q.applicable(False)}
UMBRELLA_ANSWERS |= {"6.2": 5, "9.1": 1, "10.1": 5}
UMBRELLA_CARD = card_data(UMBRELLA, [(ANNA_UMBRELLA, UMBRELLA_ANSWERS)], workspace=GROUP, own=True)

# ── Acme: the group's partner, three assessors, one of them not finished ────────────────────

ACME = partner(21, "Acme", technology=False, workspace=GROUP)
ANNA_ACME = assessment(211, ACME, ANNA, "Anna")
BORIS_ACME = assessment(212, ACME, BORIS, "Boris", finished=False)
VERA_ACME = assessment(213, ACME, VERA, "Вера Константиновна")
ANNA_SHEET: dict[str, int | None] = {
    "1.1": 4, "1.2": 4, "2.1": 4, "2.2": 5, "2.3": 4, "4.1": 5, "4.2": 4, "4.3": 4,
    "5.1": 4, "5.2": 3, "5.3": 4, "6.1": 2, "6.2": 3, "7.1": 4, "7.2": 4, "7.3": 4,
    "8.1": 4, "8.2": 4, "8.3": 5, "8.4": 4, "9.1": 4, "9.2": 4, "10.1": 4, "10.2": 4,
}  # fmt: skip
BORIS_SHEET: dict[str, int | None] = {
    "1.1": 4, "1.2": 4, "2.1": 5, "2.2": 4, "2.3": 4, "4.1": 1, "4.2": 4, "4.3": None,
    "5.1": 5, "5.2": 4, "5.3": 4, "6.1": 5, "6.2": 3, "7.1": 3, "7.2": 4, "7.3": None,
}  # fmt: skip
VERA_SHEET: dict[str, int | None] = {
    "1.1": 5, "1.2": 4, "2.1": 4, "2.2": 4, "2.3": 3, "4.1": 4, "4.2": 4, "4.3": 4,
    "5.1": None, "5.2": 3, "5.3": 4, "6.1": None, "6.2": 3, "7.1": 4, "7.2": 4, "7.3": None,
    "8.1": 4, "8.2": 5, "8.3": 4, "8.4": 4, "9.1": 5, "9.2": 4, "10.1": 4, "10.2": 5,
}  # fmt: skip
ACME_NOTES = [
    note(11, ANNA_ACME, "4.1", f"Audited accounts; owns 30% of {HOSTILE}"),
    note(12, BORIS_ACME, "4.1", "They owe their bank 2M, see the court registry"),
    note(13, VERA_ACME, "7.1", "draft_terms.pdf · v2, our lawyer's comments", kind="document"),
]
ACME_CARD = card_data(
    ACME,
    [(ANNA_ACME, ANNA_SHEET), (BORIS_ACME, BORIS_SHEET), (VERA_ACME, VERA_SHEET)],
    ACME_NOTES,
    workspace=GROUP,
)


# ── Open questions: Globex's 4.1 gone back to (answered, a note); Initech's 2.2 and 1.1 ──


def question(id: str) -> Question:
    found = Q.question(id)
    assert found is not None, id
    return found


FINANCE = question("4.1")
CONTACT = question("2.2")
AT_FINANCE = Position(
    partner=GLOBEX,
    assessment=ANNA_GLOBEX,
    question=FINANCE,
    answers={q: GLOBEX_ANSWERS[q] for q in ("1.1", "1.2", "2.1", "2.2", "2.3", "4.1")},
    progress=Progress(Q.section(4), section_count=10, position=6, total=24, answered=6),
    notes=1,
)
AT_CONTACT = Position(
    partner=INITECH,
    assessment=ANNA_INITECH,
    question=CONTACT,
    answers={q: INITECH_ANSWERS[q] for q in ("1.1", "1.2", "2.1")},
    progress=Progress(Q.section(2), section_count=10, position=4, total=27, answered=3),
    notes=0,
)
AT_FIRST = Position(
    partner=INITECH,
    assessment=ANNA_INITECH,
    question=question("1.1"),
    answers={},
    progress=Progress(Q.section(1), section_count=10, position=1, total=27, answered=0),
    notes=0,
)


# ── A ranking of twelve: two pages, shared places, every tier, no tier, blocked ─────────────


def summary(
    score: float,
    low: float,
    high: float,
    coverage: float,
    *,
    red_flags: int = 0,
    failed: bool = False,
    pending: bool = False,
) -> Summary:
    """A partner's figures, with the tier the scoring would give them."""
    tier = tier_of(
        points(score),
        points(low),
        points(coverage * 100),
        failed=failed,
        pending=pending,
        red_flags=red_flags,
    )
    return Summary(score, low, high, coverage, tier, red_flags)


LONGLIST = [
    Listed(31, "Northwind", summary(81.6, 76.2, 87.0, 0.93)),
    Listed(32, HOSTILE, summary(72.4, 66.1, 78.7, 0.88)),
    Listed(33, "Stark Industries", summary(70.5, 61.0, 80.0, 0.81)),
    Listed(34, "Wayne", summary(74.0, 70.0, 78.0, 0.96, red_flags=1)),
    Listed(35, "Hooli", summary(63.2, 55.0, 71.4, 0.84, pending=True)),
    Listed(GLOBEX.id, GLOBEX.name, GLOBEX_CARD.card.summary()),
    Listed(37, "Cyberdyne", summary(57.9, 49.5, 66.3, 0.79)),
    Listed(38, "Soylent", summary(48.0, 41.2, 54.8, 0.86, red_flags=2)),
    Listed(39, "Tyrell", summary(44.1, 40.0, 48.2, 0.92)),
    Listed(INITECH.id, INITECH.name, INITECH_CARD.card.summary()),
    Listed(41, "Massive Dynamic", summary(75.2, 72.0, 78.4, 0.94, failed=True)),
    Listed(42, "Vandelay", summary(50.0, 0.0, 100.0, 0.0)),
]
RANKED: list[Ranked[Listed]] = rank(
    ((p, p.summary) for p in LONGLIST if p.summary), name=listed_name
)


class Shares(Firmness[Listed]):
    """How firm each place is, from given shares of trials: the trials themselves are the
    robustness tests' business."""

    def __init__(self, k: int, shares: dict[int, float]) -> None:  # no trials run
        self.k = k
        self.given = shares

    def of(self, key: Hashable) -> Robust | None:
        share = self.given.get(key) if isinstance(key, int) else None
        return None if share is None else Robust(share, label(share), self.k)


FIRMNESS = Shares(
    3,
    {31: 0.97, 34: 0.88, 32: 0.64, 33: 0.47, 35: 0.21, 11: 0.18, 37: 0.06, 38: 0.0, 39: 0.0},
)
HOOLI = next(p for p in LONGLIST if p.name == "Hooli")
GLOBEX_NEIGHBOUR = Neighbour(HOOLI, Swap(section=6, delta=10))
"""Hooli, next down, would overtake Globex were "Marketing" (Globex's weakest) to weigh more."""


def layout(markup: InlineKeyboardMarkup) -> str:
    """A keyboard as text: a line per row, each button as its label and, in brackets, its
    callback data, its link, or the inline query it starts."""

    def button_text(button: InlineKeyboardButton) -> str:
        if button.callback_data is not None:
            return f"{button.text} [{button.callback_data}]"
        if button.url is not None:
            return f"{button.text} [url {button.url}]"
        return f"{button.text} [inline {button.switch_inline_query!r}]"

    return "\n".join(" | ".join(map(button_text, row)) for row in markup.inline_keyboard)
