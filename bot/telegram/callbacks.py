"""Callback data of every inline button: short prefixes and ids, never names (64 bytes max)."""

from __future__ import annotations

from typing import Annotated, Literal

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from bot.access import Need
from bot.telegram.pointing import ROW_ID, AssessmentId, PartnerId, WorkspaceId

# The weights buttons' codec lives in its own module; callers keep using cb.encode_weights etc.
from bot.telegram.weights_codec import decode_sections as decode_sections
from bot.telegram.weights_codec import decode_weights as decode_weights
from bot.telegram.weights_codec import encode_weights as encode_weights

DONT_KNOW = 0
"""The rating value a "Don't know" button carries."""


class Rate(CallbackData, prefix="a"):
    """An answer to a question of an assessment: 1..5, or DONT_KNOW."""

    assessment: AssessmentId
    question: str
    value: int


class Step(CallbackData, prefix="s"):
    """Moving within the open question: back to the previous one, or pause the interview."""

    assessment: AssessmentId
    question: str
    action: Literal["back", "pause"]


class Resume(CallbackData, prefix="r"):
    """Go on with an assessment from a card: its next question is sent."""

    assessment: AssessmentId


class Assess(CallbackData, prefix="d"):
    """Start (or pick up) the person's own assessment of a team's partner, as its link does."""

    partner: PartnerId


class Todo(CallbackData, prefix="y"):
    """What waits for the person (/todo), from the /start menu."""


class ResumeHere(CallbackData, prefix="h"):
    """Go on from a reminder or a paused question: the message itself becomes the question."""

    assessment: AssessmentId


class Technology(CallbackData, prefix="t"):
    partner: PartnerId
    value: bool


class NewPartner(CallbackData, prefix="n"):
    pass


class TeamOrOwn(CallbackData, prefix="j"):
    """/new of a name on one of the person's teams' lists: assess that partner for the team,
    or start their own of the same name."""

    partner: PartnerId
    own: bool

    def aims(self) -> bool:
        """Starting one's own assessment needs no team: only assessing for it asks membership
        (the partner's name is all the person's own one takes from it)."""
        return not self.own


class PickList(CallbackData, prefix="L"):
    """The list a private /ranking, /partners, /card, /compare or /export works on: the
    person's own or one of their teams' (held for 30 minutes)."""

    workspace: WorkspaceId


class Card(CallbackData, prefix="c"):
    partner: PartnerId


class TeamAnswers(CallbackData, prefix="w"):
    """Every assessor's answer to every question of a partner."""

    partner: PartnerId


class Edit(CallbackData, prefix="e"):
    """Changing answers from a card: the sections, one section's questions, or one question."""

    partner: PartnerId
    section: int = 0
    question: str = ""
    here: bool = False
    """Turn the pressed message into the menu rather than send a new one."""


class Ranking(CallbackData, prefix="k"):
    page: int


class Partners(CallbackData, prefix="p"):
    page: int


class PartnerMenu(CallbackData, prefix="m"):
    partner: PartnerId
    action: Literal["open", "rename", "delete", "confirm", "keep"]

    def need(self) -> Need:
        """Deleting drops everyone's answers: whoever added the partner, or a lead."""
        return Need.CREATOR_OR_LEAD if self.action in {"delete", "confirm"} else Need.MEMBER


class Assessors(CallbackData, prefix="B"):
    """A partner's assessors (`person` 0), or assigning / unassigning that person."""

    partner: PartnerId
    person: Annotated[int, Field(ge=0, le=2**63 - 1)] = 0
    """A Telegram user id, looked up among the partner's possible assessors only."""

    def need(self) -> Need:
        """Anyone sees who assesses; whoever added the partner, or a lead, changes it."""
        return Need.MEMBER if self.person == 0 else Need.CREATOR_OR_LEAD


class BoardPage(CallbackData, prefix="b"):
    """A page of the group's progress board; `pick`: its buttons pick a partner to assess."""

    page: int
    pick: bool


class IllAssess(CallbackData, prefix="i"):
    """From the board: the presser assigns themselves to this partner, or stops."""

    partner: PartnerId


class ReminderSwitch(CallbackData, prefix="o"):
    on: bool


class WeightStep(CallbackData, prefix="v"):
    """A section's weight -5 or +5 (0: just say what it is), from the weight it `was`: a tap
    on a panel someone else has changed since (or delivered twice) changes nothing."""

    section: int
    delta: int
    was: int

    def need(self) -> Need:
        return Need.MEMBER if self.delta == 0 else Need.LEAD


class WeightsMode(CallbackData, prefix="x"):
    action: Literal["order", "reset", "show"]

    def need(self) -> Need:
        return Need.MEMBER if self.action == "show" else Need.LEAD


class Order(CallbackData, prefix="q"):
    """Sections picked so far, most important first, as "2.1.7"."""

    picked: str

    def need(self) -> Need:
        return Need.LEAD


class WhatIf(CallbackData, prefix="f"):
    """Trying other weights without saving them; `weights` is all ten, as "15.15.10…"."""

    action: Literal["pick", "show", "save", "close"]
    section: int = 0
    weights: str = ""

    def need(self) -> Need:
        """Trying weights is for everyone; saving them, for leads."""
        return Need.LEAD if self.action == "save" else Need.MEMBER


class WeightsUndo(CallbackData, prefix="u"):
    """Undo the weights change (or the quick run of them) a group's line tells of."""

    line: Annotated[int, ROW_ID]

    def need(self) -> Need:
        return Need.LEAD


class Zone(CallbackData, prefix="z"):
    """The list's time zone: one of those /settings offers, by its place in `ZONES`."""

    zone: Annotated[int, Field(ge=0, le=99)]

    def need(self) -> Need:
        """A group's zone is its leads'; in private the person is the lead of their list."""
        return Need.LEAD


class RankingChart(CallbackData, prefix="g"):
    pass


class Language(CallbackData, prefix="l"):
    lang: Literal["ru", "en"]

    def need(self) -> Need:
        """In a group it sets the group's command menu; in private the person is the lead."""
        return Need.LEAD


SETTLE_ASK = -1
"""`Settle.value` that shows the choices for the question rather than settling it."""
KEEP_MEDIAN = 0
"""`Settle.value` of "keep the median"."""


class Discuss(CallbackData, prefix="T"):
    """A partner's "To discuss", five questions a page (page 0: sent anew, from the card)."""

    partner: PartnerId
    page: int


class Settle(CallbackData, prefix="S"):
    """A lead settles a question of "To discuss": SETTLE_ASK shows the choices, KEEP_MEDIAN
    keeps the median, 1..5 is the value agreed on."""

    partner: PartnerId
    question: str
    value: int

    def need(self) -> Need:
        return Need.LEAD


class Evidence(CallbackData, prefix="E"):
    """The partner's kept photos, documents and voice notes sent again; `page`: which batch."""

    partner: PartnerId
    page: int = 0


class Decide(CallbackData, prefix="P"):
    """A lead's decision on a partner, from its card: the choices ("menu"), a status, "none"
    (undecided again) or "back" to the card's own buttons."""

    partner: PartnerId
    status: Literal["menu", "focus", "pilot", "hold", "rejected", "none", "back"]

    def need(self) -> Need:
        return Need.LEAD


class RankingView(CallbackData, prefix="F"):
    """The ranking shown by decision status, a page of it."""

    show: Literal["all", "focus", "undecided", "hide_rejected"]
    page: int
