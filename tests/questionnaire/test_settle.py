"""Settled disagreements in the team's score (PRODUCT.md §9), and the order of "To discuss"."""

from __future__ import annotations

from questionnaire.model import Questionnaire
from questionnaire.scoring import Tier, score_partner
from questionnaire.team import combine, settle, state_of
from tests.data import BASE


def scored(questionnaire: Questionnaire, ratings: dict[str, float | None]) -> tuple[float, ...]:
    card = score_partner(questionnaire, ratings, technology=False)
    return card.score, card.low, card.high


def test_an_agreed_value_counts_instead_of_the_median(questionnaire: Questionnaire) -> None:
    team = combine(questionnaire, {"Анна": {**BASE, "2.1": 5}, "Борис": {**BASE, "2.1": 2}})
    assert team.ratings["2.1"] == 3.5
    agreed = settle(team, {"2.1": 2})
    assert agreed.ratings == {**BASE, "2.1": 2}
    assert agreed.answers["2.1"].agreed == 2
    assert agreed.answers["2.1"].votes == {"Анна": 5, "Борис": 2}  # the votes stay as given
    expected = scored(questionnaire, {**BASE, "2.1": 2})
    assert scored(questionnaire, agreed.ratings) == expected != scored(questionnaire, team.ratings)


def test_an_agreed_1_on_a_gate_blocks(questionnaire: Questionnaire) -> None:
    team = combine(questionnaire, {"Анна": {**BASE, "4.1": 4}, "Борис": {**BASE, "4.1": 2}})
    before = score_partner(questionnaire, team.ratings, technology=False)
    assert before.tier is not Tier.X
    card = score_partner(questionnaire, settle(team, {"4.1": 1}).ratings, technology=False)
    assert card.tier is Tier.X
    assert card.failed_gates == ("4.1",)
    assert card.red_flags == ()  # a gate, not a flag


def test_an_agreed_value_lifts_a_veto(questionnaire: Questionnaire) -> None:
    team = combine(questionnaire, {"Анна": {**BASE, "9.1": 5}, "Борис": {**BASE, "9.1": 1}})
    assert score_partner(questionnaire, team.ratings, technology=False).tier is Tier.X
    agreed = settle(team, {"9.1": 4})
    assert agreed.vetoes == []
    card = score_partner(questionnaire, agreed.ratings, technology=False)
    assert card.failed_gates == ()
    assert card.tier is not Tier.X


def test_an_agreed_5_lifts_a_pending_gate(questionnaire: Questionnaire) -> None:
    sheet = {**BASE, "7.3": None}
    team = combine(questionnaire, {"Анна": sheet, "Борис": sheet})
    pending = score_partner(questionnaire, team.ratings, technology=False)
    assert pending.pending_gates == ("7.3",)
    card = score_partner(questionnaire, settle(team, {"7.3": 5}).ratings, technology=False)
    assert card.pending_gates == ()
    assert card.coverage == 1
    assert card.score > pending.score


def test_keeping_the_median_changes_nothing(questionnaire: Questionnaire) -> None:
    team = combine(
        questionnaire,
        {"Анна": {**BASE, "2.1": 5, "9.1": 1}, "Борис": {**BASE, "2.1": 2, "9.1": 5}},
    )
    kept = settle(team, {"2.1": None, "9.1": None})
    assert kept == team
    assert score_partner(questionnaire, kept.ratings, technology=False).tier is Tier.X


def test_to_discuss_lists_the_largest_spread_first(questionnaire: Questionnaire) -> None:
    team = combine(
        questionnaire,
        {
            "Анна": {**BASE, "1.1": 3, "2.1": 5, "5.1": 1, "6.1": 5, "10.1": 5},
            "Борис": {**BASE, "1.1": 5, "2.1": 2, "5.1": 5, "6.1": 3, "10.1": 2},
            "Вера": {**BASE, "1.1": 4, "2.1": 3, "5.1": 3, "6.1": 4, "10.1": 4},
        },
    )
    # Spreads: 5.1 4; 2.1 and 10.1 3 (in questionnaire order); 1.1 and 6.1 2. 4.1 agrees.
    assert [a.question_id for a in team.discuss] == ["5.1", "2.1", "10.1", "1.1", "6.1"]


def test_a_settled_question_stays_listed_when_its_spread_narrows(
    questionnaire: Questionnaire,
) -> None:
    team = combine(questionnaire, {"Анна": {**BASE, "2.1": 4}, "Борис": {**BASE, "2.1": 3}})
    assert team.discussed(set()) == []
    assert [a.question_id for a in team.discussed({"2.1"})] == ["2.1"]


def test_the_state_kept_at_settling_shows_a_later_change() -> None:
    sheets: dict[int, dict[str, int | None]] = {
        7: {"2.1": 5, "3.1": 2},
        3: {"2.1": None},
        9: {"3.1": 1},
    }
    kept = state_of(sheets, "2.1")
    assert kept == "3:-,7:5"
    assert state_of({**sheets, 9: {"3.1": 1, "2.1": 4}}, "2.1") != kept
    assert state_of({**sheets, 7: {"2.1": 4}}, "2.1") != kept
    assert state_of({**sheets, 9: {"3.1": 5}}, "2.1") == kept  # another question's change
