"""The scoring model against figures worked out by hand (PRODUCT.md §3)."""

from __future__ import annotations

import random

import pytest

from questionnaire.model import Questionnaire
from questionnaire.ranking import rank
from questionnaire.scoring import Summary, Tier, points, score_partner
from tests.data import ALL_IDS

# A non-technology partner, worked out by hand below. Absent ids are not answered yet.
MIXED = {
    "1.1": 4, "1.2": 5,
    "2.1": 3, "2.2": 4, "2.3": None,
    "4.1": 4, "4.2": 3, "4.3": 2,
    "5.1": 5, "5.2": 4,
    "6.1": 2, "6.2": 3,
    "7.1": 3, "7.2": 3, "7.3": 4,
    "8.1": 4, "8.2": 4, "8.3": 3, "8.4": 2,
    "9.1": 5, "9.2": 3,
    "10.1": 4, "10.2": None,
}  # fmt: skip


def test_all_unknown_is_the_middle_of_the_widest_band(questionnaire: Questionnaire) -> None:
    card = score_partner(questionnaire, {}, technology=True)
    assert (card.low, card.high, card.score, card.coverage) == (0, 100, 50, 0)
    assert card.tier is None
    assert card.insufficient
    assert card.pending_gates == ("1.2", "4.1", "7.3", "9.1")
    assert card.red_flags == ()
    assert all(s.score is None for s in card.sections)


def test_all_ones_fail_every_gate_and_flag_the_rest(questionnaire: Questionnaire) -> None:
    card = score_partner(questionnaire, dict.fromkeys(ALL_IDS, 1), technology=True)
    assert (card.low, card.high, card.score, card.coverage) == (0, 0, 0, 1)
    assert card.tier is Tier.X
    assert card.failed_gates == ("1.2", "4.1", "7.3", "9.1")
    assert len(card.red_flags) == 23
    assert "1.2" not in card.red_flags


def test_all_fives_is_tier_a(questionnaire: Questionnaire) -> None:
    card = score_partner(questionnaire, dict.fromkeys(ALL_IDS, 5), technology=True)
    assert (card.score, card.low, card.coverage, card.tier) == (100, 100, 1, Tier.A)


def test_non_technology_partner_worked_by_hand(questionnaire: Questionnaire) -> None:
    card = score_partner(questionnaire, MIXED, technology=False)
    # Section 3 drops out; the other nine weights (sum 90) are renormalised.
    # Low  = (15·7/8 + 15·5/12 + 10·1/2 + 10·7/12 + 8·3/8 + 10·7/12 + 10·9/16 + 5·3/4
    #         + 7·3/8) / 90 = 51.041 666… / 90
    # High = Low + (15·1/3 + 10·1/3 + 7·1/2) / 90 = 62.875 / 90
    assert card.low == pytest.approx(5104.1666667 / 90, abs=1e-6)
    assert card.high == pytest.approx(6287.5 / 90, abs=1e-6)
    assert card.score == pytest.approx(63.287037, abs=1e-6)
    assert points(card.score) == 63
    # Coverage: 2.x, 5.x and 10.x are partly answered: (90 - 15/3 - 10/3 - 7/2) / 90.
    assert card.coverage == pytest.approx(78.1666667 / 90, abs=1e-6)
    assert card.tier is Tier.B
    assert card.failed_gates == card.pending_gates == card.red_flags == ()
    by_id = {s.section.id: s for s in card.sections}
    assert not by_id[3].applicable
    assert by_id[3].weight == 0
    assert by_id[1].score == pytest.approx(87.5)
    assert by_id[2].score == pytest.approx(62.5)
    assert by_id[7].score == pytest.approx(175 / 3)
    assert (by_id[8].answered, by_id[8].total) == (4, 4)
    assert sum(s.weight for s in card.sections) == pytest.approx(1)
    assert [s.section.id for s in card.strongest()] == [1, 5]
    assert [s.section.id for s in card.weakest()] == [6, 4]


def test_a_failed_gate_blocks_whatever_the_score(questionnaire: Questionnaire) -> None:
    card = score_partner(questionnaire, {**MIXED, "9.1": 1}, technology=False)
    assert card.tier is Tier.X
    assert card.failed_gates == ("9.1",)
    assert card.red_flags == ()


def test_an_unknown_gate_keeps_a_strong_partner_out_of_tier_a(
    questionnaire: Questionnaire,
) -> None:
    ratings: dict[str, int | None] = {**dict.fromkeys(ALL_IDS, 5), "7.3": None}
    card = score_partner(questionnaire, ratings, technology=True)
    # Section 7 has three questions and weight 10: Low = 100 - 10 · 1/3.
    assert card.low == pytest.approx(100 - 10 / 3)
    assert card.score == pytest.approx(100 - 10 / 6)
    assert card.pending_gates == ("7.3",)
    assert card.tier is Tier.B


def test_a_red_flag_caps_the_tier_at_b(questionnaire: Questionnaire) -> None:
    card = score_partner(questionnaire, {**dict.fromkeys(ALL_IDS, 5), "6.1": 1}, technology=True)
    assert card.score == pytest.approx(96)  # section 6 (weight 8) at one half
    assert card.red_flags == ("6.1",)
    assert card.tier is Tier.B


def test_tier_a_needs_a_firm_low_bound(questionnaire: Questionnaire) -> None:
    fours = dict.fromkeys(ALL_IDS, 4)
    assert score_partner(questionnaire, fours, technology=True).tier is Tier.A
    # All 4s, with sections 2 and 10 (weight 22, no gates) unknown:
    # Low = 0.75 · 0.78 = 58.5 → 59, High = 58.5 + 22 = 80.5, score 69.5 → 70, coverage 78%.
    unsure: dict[str, int | None] = {
        **fours,
        **dict.fromkeys(["2.1", "2.2", "2.3", "10.1", "10.2"], None),
    }
    card = score_partner(questionnaire, unsure, technology=True)
    assert (points(card.score), points(card.low), points(card.coverage * 100)) == (70, 59, 78)
    assert card.tier is Tier.B


def test_below_60_percent_coverage_is_insufficient_data(questionnaire: Questionnaire) -> None:
    # Sections 1, 2, 4, 5 answered: weight 50 of 100.
    answered = {q: 5 for q in ALL_IDS if q.split(".")[0] in {"1", "2", "4", "5"}}
    card = score_partner(questionnaire, answered, technology=True)
    assert card.coverage == pytest.approx(0.5)
    assert card.tier is None
    answered.update({"6.1": 5, "6.2": 5, "9.1": 5})  # + 8 + 2.5 → 60.5%
    assert score_partner(questionnaire, answered, technology=True).tier is not None


def test_dont_know_widens_the_band(questionnaire: Questionnaire) -> None:
    sure = score_partner(questionnaire, dict.fromkeys(ALL_IDS, 3), technology=True)
    unsure = score_partner(
        questionnaire, {**dict.fromkeys(ALL_IDS, 3), "5.1": None}, technology=True
    )
    assert sure.high - sure.low == 0
    assert unsure.high - unsure.low == pytest.approx(10 / 3)
    assert unsure.low < sure.low < unsure.high


def test_custom_weights_renormalise_without_technology(questionnaire: Questionnaire) -> None:
    weights = {**dict.fromkeys(range(1, 11), 0.0), 1: 50.0, 3: 50.0}
    card = score_partner(questionnaire, {"1.1": 5, "1.2": 1}, technology=False, weights=weights)
    assert card.score == pytest.approx(50)  # only section 1 counts, at one half
    assert card.coverage == pytest.approx(1)


def test_points_round_half_up() -> None:
    assert [points(x) for x in (62.5, 63.5, 69.49, 69.5, 0.0)] == [63, 64, 69, 70, 0]


def summary(score: float, *, flags: int = 0, coverage: float = 1.0, low: float | None = None,
            tier: Tier | None = Tier.B) -> Summary:  # fmt: skip
    return Summary(score, score if low is None else low, score, coverage, tier, flags)


def test_partners_within_three_points_share_a_rank() -> None:
    ranked = rank(
        [
            ("a", summary(80)),
            ("b", summary(78)),
            ("c", summary(77)),
            ("d", summary(74)),
            ("e", summary(70)),
        ]
    )
    assert [(r.item, r.rank, r.shared) for r in ranked] == [
        ("a", 1, True), ("b", 1, True), ("c", 3, False), ("d", 4, False), ("e", 5, False),
    ]  # fmt: skip


def test_ties_break_on_flags_then_coverage_then_low() -> None:
    ranked = rank(
        [
            ("flagged", summary(60.2, flags=1)),
            ("thin", summary(60.4, coverage=0.7)),
            ("unsure", summary(59.6, low=40)),
            ("firm", summary(59.9, low=55)),
        ]
    )
    assert [r.item for r in ranked] == ["firm", "unsure", "thin", "flagged"]
    assert {r.rank for r in ranked} == {1}


def test_partners_without_a_tier_follow_the_ranked_unranked() -> None:
    ranked = rank(
        [
            ("blocked", summary(95, tier=Tier.X)),
            ("thin", summary(90, coverage=0.3, tier=None)),
            ("ok", summary(40, tier=Tier.C)),
            ("good", summary(60)),
        ]
    )
    assert [(r.item, r.rank) for r in ranked] == [
        ("good", 1), ("ok", 2), ("thin", None), ("blocked", None),
    ]  # fmt: skip


def test_adding_a_partner_never_reorders_the_others() -> None:
    rng = random.Random(7)
    pool = [
        (f"p{i}", summary(rng.uniform(0, 100), flags=rng.randint(0, 2),
                          coverage=rng.random(), low=rng.uniform(0, 50)))
        for i in range(60)
    ]  # fmt: skip
    for size in range(1, len(pool)):
        before = [r.item for r in rank(pool[:size])]
        after = [r.item for r in rank(pool[: size + 1]) if r.item != pool[size][0]]
        assert after == before


def test_strengths_and_weaknesses_never_share_a_score(questionnaire: Questionnaire) -> None:
    even = score_partner(questionnaire, dict.fromkeys(ALL_IDS, 3), technology=True)
    assert even.strongest() == []
    assert even.weakest() == []
    two_levels = {**dict.fromkeys(ALL_IDS, 3), "1.1": 5, "1.2": 5}
    card = score_partner(questionnaire, two_levels, technology=True)
    assert [s.section.id for s in card.strongest()] == [1]
    assert all(s.score == 50 for s in card.weakest())
    assert len(card.weakest()) == 2
