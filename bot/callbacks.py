"""Callback data of every inline button: short prefixes and ids, never names (64 bytes max)."""

from __future__ import annotations

from typing import Literal

from aiogram.filters.callback_data import CallbackData

from bot.access import Need

DONT_KNOW = 0
"""The rating value a "Don't know" button carries."""


class Rate(CallbackData, prefix="a"):
    """An answer to a question of an assessment: 1..5, or DONT_KNOW."""

    assessment: int
    question: str
    value: int


class Step(CallbackData, prefix="s"):
    """Moving within the open question: back to the previous one, or pause the interview."""

    assessment: int
    question: str
    action: Literal["back", "pause"]


class Resume(CallbackData, prefix="r"):
    assessment: int
    here: bool = False
    """Turn the pressed message (a reminder, a pause) into the question."""


class Technology(CallbackData, prefix="t"):
    partner: int
    value: bool


class NewPartner(CallbackData, prefix="n"):
    pass


class Card(CallbackData, prefix="c"):
    partner: int


class TeamAnswers(CallbackData, prefix="w"):
    """Every assessor's answer to every question of a partner."""

    partner: int


class Edit(CallbackData, prefix="e"):
    """Changing answers from a card: the sections, one section's questions, or one question."""

    partner: int
    section: int = 0
    question: str = ""
    here: bool = False
    """Turn the pressed message into the menu rather than send a new one."""


class Ranking(CallbackData, prefix="k"):
    page: int


class Partners(CallbackData, prefix="p"):
    page: int


class PartnerMenu(CallbackData, prefix="m"):
    partner: int
    action: Literal["open", "rename", "delete", "confirm", "keep"]

    def need(self) -> Need:
        """Deleting drops everyone's answers: whoever added the partner, or a lead."""
        return Need.CREATOR_OR_LEAD if self.action in {"delete", "confirm"} else Need.MEMBER


class Reminders(CallbackData, prefix="o"):
    on: bool


class Weights(CallbackData, prefix="v"):
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


class RankingChart(CallbackData, prefix="g"):
    pass


class Language(CallbackData, prefix="l"):
    lang: Literal["ru", "en"]
