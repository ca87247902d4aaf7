"""Robustness labels and scoring many partners at once (PRODUCT.md §3)."""

from __future__ import annotations

import random

import pytest

from questionnaire.model import Questionnaire
from questionnaire.robustness import Field, Hold, label, robustness, swap_section, top_k
from questionnaire.scoring import Standing, Tier, score_partner
from questionnaire.weights import step
from tests.data import ALL_IDS, DEFAULT_WEIGHTS


def even(known_sum: float) -> Standing:
    """Every section: two questions asked, one answered with `known_sum`, one unknown."""
    return Standing((known_sum,) * 10, (1,) * 10, (2,) * 10, failed=0, pending=0, red_flags=0)


def test_many_at_once_scores_like_one_at_a_time(questionnaire: Questionnaire) -> None:
    rng = random.Random(11)
    cards = []
    for _ in range(60):
        technology = rng.random() < 0.5
        ratings = {
            q: rng.choice([None, 2, 4, 5] if q == "2.2" else [None, 1, 2, 3, 4, 5])
            for q in rng.sample(ALL_IDS, rng.randint(0, 27))
        }
        cards.append((ratings, technology))
    weights = dict(DEFAULT_WEIGHTS)
    for _ in range(6):
        weights = step(weights, rng.randint(1, 10), rng.choice([-5, 5]))
    singles = [score_partner(questionnaire, r, technology=t, weights=weights) for r, t in cards]
    field = Field([card.standing() for card in singles])
    for single, many in zip(singles, field.summaries(weights), strict=True):
        assert many.score == pytest.approx(single.score)
        assert many.low == pytest.approx(single.low)
        assert many.coverage == pytest.approx(single.coverage)
        assert (many.tier, many.red_flags) == (single.tier, len(single.red_flags))


def test_two_partners_a_third_of_a_point_apart_are_both_contested() -> None:
    field = Field([even(0.9), even(0.894)])  # headline scores 70.0 and 69.7
    shares = robustness(field, DEFAULT_WEIGHTS, [True, True], k=1)
    assert [label(s) for s in shares] == [Hold.CONTESTED, Hold.CONTESTED]
    assert shares.sum() == pytest.approx(1)


def test_a_partner_far_ahead_is_stable_and_one_far_behind_a_long_shot() -> None:
    field = Field([even(0.95), even(0.5), even(0.1), even(0.05)])
    shares = robustness(field, DEFAULT_WEIGHTS, [True] * 4, k=1)
    assert label(shares[0]) is Hold.STABLE
    assert label(shares[3]) is Hold.LONG_SHOT


def test_the_same_seed_gives_the_same_labels() -> None:
    field = Field([even(0.6 + i / 100) for i in range(12)])
    contenders = [True] * 12
    first = robustness(field, DEFAULT_WEIGHTS, contenders, k=3, seed=7)
    again = robustness(field, DEFAULT_WEIGHTS, contenders, k=3, seed=7)
    other = robustness(field, DEFAULT_WEIGHTS, contenders, k=3, seed=8)
    assert first.tolist() == again.tolist()
    assert first.tolist() != other.tolist()


def test_partners_out_of_the_running_never_place() -> None:
    field = Field([even(0.99), even(0.5), even(0.4)])
    shares = robustness(field, DEFAULT_WEIGHTS, [False, True, True], k=1)
    assert shares[0] == 0
    assert shares[1] + shares[2] == pytest.approx(1)


def test_k_is_the_size_of_tier_a_or_three() -> None:
    assert top_k([Tier.A, Tier.A, Tier.B, None]) == 2
    assert top_k([Tier.B, Tier.C, Tier.X]) == 3


def test_the_swap_section_is_the_cheapest_single_weight_change(
    questionnaire: Questionnaire,
) -> None:
    market = {q: 5 if q.startswith("2.") else 3 for q in ALL_IDS if q != "2.2"} | {"2.2": 5}
    strategy = {q: 5 if q.startswith("1.") else 3 for q in ALL_IDS if q != "2.2"} | {"2.2": 2}
    cards = [
        score_partner(questionnaire, r, technology=True, weights=DEFAULT_WEIGHTS)
        for r in (market, strategy)
    ]
    field = Field([c.standing() for c in cards])
    swap = swap_section(field, DEFAULT_WEIGHTS, 0, 1)
    assert swap is not None
    changed = {**DEFAULT_WEIGHTS, swap.section: DEFAULT_WEIGHTS[swap.section] + swap.delta}
    before = [s.score for s in field.summaries(DEFAULT_WEIGHTS)]
    after = [s.score for s in field.summaries(changed)]
    assert (before[0] > before[1]) != (after[0] > after[1])
    short_of_it = swap.delta - 1 if swap.delta > 0 else swap.delta + 1
    one_less = {**DEFAULT_WEIGHTS, swap.section: DEFAULT_WEIGHTS[swap.section] + short_of_it}
    nearer = [s.score for s in field.summaries(one_less)]
    assert (before[0] > before[1]) == (nearer[0] > nearer[1])
