"""Team weights: rank-order centroid against hand-computed values; always 100 in total."""

from __future__ import annotations

import random

import pytest

from questionnaire.model import Questionnaire
from questionnaire.weights import rank_order_centroid, step, whole
from tests.data import DEFAULT_WEIGHTS


def test_rank_order_centroid_for_ten_sections() -> None:
    # (1/10)·(1 + 1/2 + … + 1/10) = 0.29290, then 0.19290, 0.14290, 0.10956, 0.08456,
    # 0.06456, 0.04790, 0.03361, 0.02111, 0.01000; in points: 29.29, 19.29, 14.29, 10.96,
    # 8.46, 6.46, 4.79, 3.36, 2.11, 1.00 → floors 29 19 14 10 8 6 4 3 2 1 = 96, and the four
    # largest remainders (.96 .79 .46 .46) get a point each.
    order = [2, 1, 7, 4, 5, 8, 3, 6, 10, 9]
    assert rank_order_centroid(order) == {
        2: 29, 1: 19, 7: 14, 4: 11, 5: 9, 8: 7, 3: 5, 6: 3, 10: 2, 9: 1,
    }  # fmt: skip


def test_rank_order_centroid_needs_each_section_once() -> None:
    with pytest.raises(ValueError, match="each section once"):
        rank_order_centroid([1, 1, 2])


def test_a_plus_takes_from_the_others_in_proportion() -> None:
    moved = step(DEFAULT_WEIGHTS, 2, +5)
    assert moved[2] == 20
    assert sum(moved.values()) == 100
    assert moved[1] > moved[9]  # proportions kept: 15 stays above 5


def test_weights_stay_whole_and_sum_to_100_after_any_presses() -> None:
    rng = random.Random(4)
    for _ in range(200):
        weights = dict(DEFAULT_WEIGHTS)
        for _ in range(rng.randint(1, 40)):
            weights = step(weights, rng.randint(1, 10), rng.choice([-5, 5]))
            assert sum(weights.values()) == 100
            assert all(isinstance(w, int) and 0 <= w <= 100 for w in weights.values())


def test_one_section_can_take_everything_and_give_it_back() -> None:
    weights = dict(DEFAULT_WEIGHTS)
    for _ in range(30):
        weights = step(weights, 3, +5)
    assert weights[3] == 100
    weights = step(weights, 3, -5)
    assert weights[3] == 95
    assert sum(weights.values()) == 100


def test_defaults_are_whole_and_the_questionnaires(questionnaire: Questionnaire) -> None:
    assert whole(questionnaire.default_weights()) == DEFAULT_WEIGHTS
