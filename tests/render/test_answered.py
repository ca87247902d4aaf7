# ruff: noqa: E501  (the rendered texts' lines are as long as a phone wraps them)
"""What an answered question turns into: the question, the answer and what it means."""

from __future__ import annotations

from bot.render.messages import answered_message, changed_intro
from bot.render.texts import T
from bot.services.model import Answered
from tests.render.data import (
    ANNA_GLOBEX,
    CONTACT,
    FINANCE,
    GLOBEX,
    GLOBEX_ANSWERS,
    GLOBEX_CARD,
    card_data,
    question,
)

EDITED = card_data(GLOBEX, [(ANNA_GLOBEX, GLOBEX_ANSWERS | {"4.2": 4})])
CHANGE = Answered(
    partner=GLOBEX,
    before=GLOBEX_CARD.card.summary(),
    after=EDITED.card.summary(),
    previous=None,
    had_answer=True,
    finished=True,
)
"""Anna's "Don't know" on 4.2 (Growth trend) changed to 4 from the card."""


def test_an_anchored_rating_reads_with_its_level_ru(ru: T) -> None:
    expected = """\
<b>4.1</b> Какова финансовая устойчивость партнёра?
✅ Ответ: <b>3</b> — Прибыль нестабильна или компания зависит от пары клиентов либо инвестора, но долгов и судов нет"""
    assert answered_message(ru, FINANCE, 3) == expected


def test_an_anchored_rating_reads_with_its_level_en(en: T) -> None:
    expected = """\
<b>4.1</b> How financially stable is the partner?
✅ Answer: <b>3</b> — Profit is unsteady or the company depends on a couple of clients or an investor, but no debts or lawsuits"""
    assert answered_message(en, FINANCE, 3) == expected


def test_a_rating_between_anchors_reads_alone_ru(ru: T) -> None:
    expected = """\
<b>4.1</b> Какова финансовая устойчивость партнёра?
✅ Ответ: <b>4</b>"""
    assert answered_message(ru, FINANCE, 4) == expected


def test_a_rating_between_anchors_reads_alone_en(en: T) -> None:
    expected = """\
<b>4.1</b> How financially stable is the partner?
✅ Answer: <b>4</b>"""
    assert answered_message(en, FINANCE, 4) == expected


def test_dont_know_reads_as_words_ru(ru: T) -> None:
    expected = """\
<b>4.1</b> Какова финансовая устойчивость партнёра?
✅ Ответ: <b>не знаю</b>"""
    assert answered_message(ru, FINANCE, None) == expected


def test_dont_know_reads_as_words_en(en: T) -> None:
    expected = """\
<b>4.1</b> How financially stable is the partner?
✅ Answer: <b>don&#39;t know</b>"""
    assert answered_message(en, FINANCE, None) == expected


def test_a_choice_reads_as_its_label_and_meaning_ru(ru: T) -> None:
    expected = """\
<b>2.2</b> На каком управленческом уровне у партнёра идёт коммуникация с клиентами: на уровне CEO, на уровне РОП или на уровне конкретного менеджера по продажам?
✅ Ответ: <b>Менеджер продаж</b> — Общение на уровне рядового менеджера: выходить на ЛПР придётся самим. Слабо, но не стоп-фактор"""
    assert answered_message(ru, CONTACT, 2) == expected


def test_a_choice_reads_as_its_label_and_meaning_en(en: T) -> None:
    expected = """\
<b>2.2</b> At what management level does the partner talk to customers: CEO, head of sales, or an individual sales manager?
✅ Answer: <b>Sales manager</b> — Contact at sales-manager level: we will have to reach decision makers ourselves. Weak, but not a deal-breaker"""
    assert answered_message(en, CONTACT, 2) == expected


def test_a_changed_answer_says_what_it_was_and_moved_ru(ru: T) -> None:
    expected = """\
Ответ на 4.2 изменён: не знаю → 4. Балл: 65 → 66."""
    assert changed_intro(ru, question("4.2"), CHANGE, 4) == expected


def test_a_changed_answer_says_what_it_was_and_moved_en(en: T) -> None:
    expected = """\
Answer to 4.2 changed: don&#39;t know → 4. Score: 65 → 66."""
    assert changed_intro(en, question("4.2"), CHANGE, 4) == expected
