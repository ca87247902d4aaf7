"""Callback data the bot never made: ids outside SQLite's range, and buttons on inline messages.

Every button kind is covered: a new CallbackData class without an example here fails the test.
"""

from __future__ import annotations

import logging

import pytest
from aiogram.filters.callback_data import CallbackData
from annotated_types import Ge, Le

from bot.telegram import callbacks as cb
from bot.telegram.pointing import Points
from tests.data import PREFIXES
from tests.e2e.driver import start
from tests.e2e.harness import Running

CALLBACKS = [
    kind
    for kind in vars(cb).values()
    if isinstance(kind, type) and issubclass(kind, CallbackData) and kind is not CallbackData
]
EXAMPLES: list[CallbackData] = [
    cb.Rate(assessment=1, question="1.1", value=3),
    cb.Step(assessment=1, question="1.1", action="back"),
    cb.Resume(assessment=1),
    cb.ResumeHere(assessment=1),
    cb.Assess(partner=1),
    cb.Todo(),
    cb.TeamOrOwn(partner=1, own=False),
    cb.PickList(workspace=1),
    cb.Technology(partner=1, value=True),
    cb.NewPartner(),
    cb.Card(partner=1),
    cb.TeamAnswers(partner=1),
    cb.Edit(partner=1, section=1, question="1.1"),
    cb.Ranking(page=1),
    cb.Partners(page=1),
    cb.PartnerMenu(partner=1, action="open"),
    cb.ReminderSwitch(on=True),
    cb.WeightStep(section=1, delta=5, was=15),
    cb.WeightsMode(action="reset"),
    cb.Order(picked="2.1"),
    cb.WhatIf(action="show", section=1, weights="15.15.10.10.10.10.10.5.8.7"),
    cb.WeightsUndo(line=1),
    cb.RankingChart(),
    cb.Language(lang="en"),
    cb.Discuss(partner=1, page=1),
    cb.Settle(partner=1, question="2.1", value=4),
    cb.Evidence(partner=1),
    cb.Decide(partner=1, status="focus"),
    cb.RankingView(show="focus", page=1),
    cb.Zone(zone=3),
    cb.Assessors(partner=1, person=1001),
    cb.BoardPage(page=1, pick=False),
    cb.IllAssess(partner=1),
]
NUMBERS = {"value", "section", "delta", "was", "page", "zone", "person"}
"""Int fields that are small numbers checked by their handlers, not row ids."""
SCOPED = {"line"}
"""Row ids their handler looks up in the chat's own workspace only, so a forged one names
nothing there: the guard need not find where they point (in range all the same)."""
OUT_OF_RANGE = ["9" * 25, "-" + "9" * 25, str(2**63), "0"]


def with_field(example: CallbackData, name: str, value: str) -> str:
    """The example's packed data with one field's value replaced as raw text."""
    parts = example.pack().split(":")
    parts[1 + list(type(example).model_fields).index(name)] = value
    return ":".join(parts)


def id_fields(example: CallbackData) -> list[str]:
    return [
        name
        for name, field in type(example).model_fields.items()
        if field.annotation is int and name not in NUMBERS
    ]


def test_every_button_kind_has_an_example_and_a_prefix_in_the_hostile_tests() -> None:
    assert sorted(type(e).__name__ for e in EXAMPLES) == sorted(k.__name__ for k in CALLBACKS)
    assert sorted(PREFIXES) == sorted(k.__prefix__ for k in CALLBACKS)


def test_every_id_field_is_parsed_into_sqlites_range() -> None:
    ids = [(type(e).__name__, name) for e in EXAMPLES for name in id_fields(e)]
    assert ids  # assessments and partners, at least
    for example in EXAMPLES:
        for name in id_fields(example):
            field = type(example).model_fields[name]
            marks = field.metadata
            assert marks[:2] == [Ge(1), Le(2**63 - 1)], (type(example).__name__, name)
            points = [mark.at for mark in marks[2:] if isinstance(mark, Points)]
            expected = [] if name in SCOPED else [name]
            assert points == expected, (type(example).__name__, name)  # the guard checks it


async def test_an_id_out_of_range_is_a_stale_button_answered_quietly(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    caplog.set_level(logging.WARNING)
    pressed = [
        with_field(example, name, value)
        for example in EXAMPLES
        for name in id_fields(example)
        for value in OUT_OF_RANGE
    ]
    assert {data.split(":")[0] for data in pressed} == set("asrhtjcwemudLTSEPiB")
    answers = {data: (await anna.press_data(anna.last, data)).text for data in pressed}
    assert answers == dict.fromkeys(pressed, "Эта кнопка больше не действует.")
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert running.emu.handler_errors == []
    assert not any("Что-то пошло не так" in m.text for m in anna.messages)


async def test_a_deep_link_with_a_huge_number_is_just_an_unknown_link(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    caplog.set_level(logging.WARNING)
    for payload in OUT_OF_RANGE:
        replies = await anna.send(f"/start {payload}")
        assert replies[-1].text.startswith("Эта ссылка не ведёт ни к одной оценке")
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_a_button_on_an_inline_message_is_answered_and_nothing_runs(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, "Acme", technology=False)
    caplog.set_level(logging.WARNING)
    for example in EXAMPLES:
        data = example.pack()
        pressed = await anna.press_inline(data)
        assert pressed.answered, data
        assert pressed.text == "Эта кнопка работает только в чате с ботом.", data
        assert pressed.messages == [], data
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert running.emu.handler_errors == []


async def test_a_button_on_a_message_too_old_to_see_is_answered_and_nothing_runs(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="en")
    await start(anna, "Acme", technology=False, lang="en")
    question = anna.last
    caplog.set_level(logging.WARNING)
    for example in EXAMPLES:
        data = example.pack()
        pressed = await anna.press_data(question, data, too_old=True)
        assert pressed.answered, data
        assert pressed.text == (
            "This message is too old for its buttons to work — send the command again."
        ), data
        assert pressed.messages == [], data
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert running.emu.handler_errors == []
