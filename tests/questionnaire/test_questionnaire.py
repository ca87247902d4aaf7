"""The data file: all 27 questions as the checklist has them; a bad file stops with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from questionnaire.flow import next_open, previous, progress
from questionnaire.loader import DEFAULT_PATH, QuestionnaireError, load_questionnaire
from questionnaire.model import Questionnaire
from tests.data import ALL_IDS


def test_the_checklist_is_all_there(questionnaire: Questionnaire) -> None:
    assert [q.id for q in questionnaire.questions] == ALL_IDS
    assert len(questionnaire.sections) == 10
    assert {q.id for q in questionnaire.questions if q.gate} == {"1.2", "4.1", "7.3", "9.1"}
    assert questionnaire.default_weights() == {
        1: 15, 2: 15, 3: 10, 4: 10, 5: 10, 6: 8, 7: 10, 8: 10, 9: 5, 10: 7,
    }  # fmt: skip
    assert [q.id for q in questionnaire.questions if not questionnaire.applies(q, False)] == [
        "3.1", "3.2", "8.5",
    ]  # fmt: skip


def test_every_scale_question_has_its_own_anchored_levels(questionnaire: Questionnaire) -> None:
    anchors = [
        (q.level(1, lang), q.level(3, lang), q.level(5, lang))
        for q in questionnaire.questions
        if q.kind == "scale"
        for lang in ("ru", "en")
    ]
    assert all(all(anchor) for anchor in anchors)
    flat = [anchor for triple in anchors for anchor in triple]
    assert len(set(flat)) == len(flat), "two questions share a level's wording"


def test_question_2_2_is_a_choice_that_maps_to_a_rating(questionnaire: Questionnaire) -> None:
    question = questionnaire.question("2.2")
    assert question is not None
    assert question.kind == "choice"
    assert [(c.key, c.score) for c in question.choices] == [
        ("ceo", 5),
        ("head", 4),
        ("manager", 2),
    ]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "questions.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(QuestionnaireError, match="not valid TOML"):
        load_questionnaire(write(tmp_path, "version = = 1"))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(QuestionnaireError, match="cannot read"):
        load_questionnaire(tmp_path / "absent.toml")


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda s: s.replace("weight = 15", "weight = 16", 1), "weights must sum to 100"),
        (lambda s: s.replace('id = "1.2"', 'id = "1.1"', 1), "repeats"),
        (lambda s: s.replace("level3 = ", "level4 = ", 1), "Extra inputs are not permitted"),
        (lambda s: s.replace("section = 4", "section = 5", 1), "filed under section 5"),
    ],
)
def test_a_broken_questionnaire_names_the_problem(
    tmp_path: Path, edit: object, reason: str
) -> None:
    assert callable(edit)
    text = edit(DEFAULT_PATH.read_text(encoding="utf-8"))
    with pytest.raises(QuestionnaireError, match=reason):
        load_questionnaire(write(tmp_path, text))


def test_next_open_skips_answered_and_wraps_round(questionnaire: Questionnaire) -> None:
    def ask(answered: set[str], after: str | None) -> str | None:
        found = next_open(questionnaire, technology=True, answered=answered, after=after)
        return found.id if found else None

    assert ask(set(), None) == "1.1"
    assert ask({"1.1", "1.2"}, "1.2") == "2.1"
    assert ask({"1.2", "10.2"}, "10.2") == "1.1"
    assert ask(set(ALL_IDS), "5.1") is None


def test_a_non_technology_partner_is_asked_24_questions(questionnaire: Questionnaire) -> None:
    found = next_open(questionnaire, technology=False, answered={"2.3"}, after="2.3")
    assert found is not None
    assert found.id == "4.1"
    where = progress(questionnaire, technology=False, current="4.1", answered={"2.3"})
    assert (where.section.id, where.position, where.total, where.answered) == (4, 6, 24, 1)
    before = previous(questionnaire, technology=False, current="8.4")
    assert before is not None
    assert before.id == "8.3"
    assert previous(questionnaire, technology=False, current="1.1") is None
