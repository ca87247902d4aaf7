"""What a group's weights line names: the sections a change moved, a run's tier moves."""

from __future__ import annotations

from bot.services.weight_log import merged, moved_sections
from questionnaire.scoring import Tier
from questionnaire.weights import step
from tests.data import DEFAULT_WEIGHTS

A, B, C = Tier.A, Tier.B, Tier.C


def test_a_step_names_its_section_only() -> None:
    after = step(DEFAULT_WEIGHTS, 9, 5)
    assert moved_sections(DEFAULT_WEIGHTS, after, [9]) == [9]


def test_other_changes_name_every_section_moved_the_largest_first() -> None:
    after = {**DEFAULT_WEIGHTS, 1: 5, 9: 10, 10: 12}
    assert moved_sections(DEFAULT_WEIGHTS, after) == [1, 9, 10]


def test_steps_that_cancel_out_name_what_still_differs_or_nothing() -> None:
    assert moved_sections(DEFAULT_WEIGHTS, {**DEFAULT_WEIGHTS, 2: 10, 3: 15}, [9]) == [2, 3]
    assert moved_sections(DEFAULT_WEIGHTS, DEFAULT_WEIGHTS, [9]) == []


def test_a_runs_moves_go_from_before_its_first_change_to_after_its_last() -> None:
    kept = {1: (B, A), 2: (C, B)}
    new = {1: (A, B), 3: (None, C), 2: (B, A)}
    assert merged(kept, new) == {2: (C, A), 3: (None, C)}  # 1 is back where it started
