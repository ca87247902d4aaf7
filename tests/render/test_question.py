# ruff: noqa: E501  (the rendered texts' lines are as long as a phone wraps them)
"""The open question: where the interview stands, the question, what 1, 3 and 5 mean."""

from __future__ import annotations

from bot.render.messages import question_message, technology_question
from bot.render.texts import T
from tests.render.data import AT_CONTACT, AT_FINANCE, INITECH, Q


def test_a_scale_question_gone_back_to_shows_its_saved_answer_and_notes_ru(ru: T) -> None:
    expected = """\
🤝 <b>Globex</b>
Раздел 4/10 · Финансовая стабильность и позиции на рынке · вопрос 6 из 24
▰▰▰▱▱▱▱▱▱▱ отвечено 6 из 24

<b>4.1</b> Какова финансовая устойчивость партнёра?
<i>Проверьте отчётность и открытые реестры: выручка, прибыль, долги, суды, признаки банкротства. Спросите, за счёт чего живёт компания.</i>

<b>1</b> — Признаки банкротства, крупные долги, суды или кассовые разрывы — партнёр может не дожить до первых продаж
<b>3</b> — Прибыль нестабильна или компания зависит от пары клиентов либо инвестора, но долгов и судов нет
<b>5</b> — Устойчивая прибыль несколько лет подряд, без долгов и судов — подтверждено отчётностью

Сохранённый ответ: <b>4</b>
📝 Заметок к вопросу: 1"""
    assert question_message(ru, AT_FINANCE) == expected


def test_a_scale_question_gone_back_to_shows_its_saved_answer_and_notes_en(en: T) -> None:
    expected = """\
🤝 <b>Globex</b>
Section 4/10 · Financial stability and market position · question 6 of 24
▰▰▰▱▱▱▱▱▱▱ 6 of 24 answered

<b>4.1</b> How financially stable is the partner?
<i>Check the filed accounts and public registries: revenue, profit, debts, lawsuits, signs of insolvency. Ask what keeps the company funded.</i>

<b>1</b> — Signs of insolvency, large debts, lawsuits or cash gaps — the partner may not survive to the first sales
<b>3</b> — Profit is unsteady or the company depends on a couple of clients or an investor, but no debts or lawsuits
<b>5</b> — Steady profit for several years running, no debts or lawsuits — confirmed by filed accounts

Saved answer: <b>4</b>
📝 Notes on this question: 1"""
    assert question_message(en, AT_FINANCE) == expected


def test_the_choice_question_lists_its_choices_instead_of_levels_ru(ru: T) -> None:
    expected = """\
🤝 <b>Initech</b>
Раздел 2/10 · Рынок и целевая аудитория · вопрос 4 из 27
▰▱▱▱▱▱▱▱▱▱ отвечено 3 из 27

<b>2.2</b> На каком управленческом уровне у партнёра идёт коммуникация с клиентами: на уровне CEO, на уровне РОП или на уровне конкретного менеджера по продажам?
<i>Спросите, кто у партнёра общается с ключевыми клиентами и с кем на их стороне. Выберите самый высокий уровень, где контакт регулярный, а не разовый.</i>

<b>CEO</b> — Общение на уровне первых лиц: партнёр откроет дверь к ЛПР и продвинет стратегическую сделку
<b>РОП</b> — Общение на уровне руководителя продаж: партнёр выводит на владельцев бюджета, но до первых лиц доходит не всегда
<b>Менеджер продаж</b> — Общение на уровне рядового менеджера: выходить на ЛПР придётся самим. Слабо, но не стоп-фактор"""
    assert question_message(ru, AT_CONTACT) == expected


def test_the_choice_question_lists_its_choices_instead_of_levels_en(en: T) -> None:
    expected = """\
🤝 <b>Initech</b>
Section 2/10 · Market and target audience · question 4 of 27
▰▱▱▱▱▱▱▱▱▱ 3 of 27 answered

<b>2.2</b> At what management level does the partner talk to customers: CEO, head of sales, or an individual sales manager?
<i>Ask who at the partner talks to key customers, and to whom on their side. Pick the highest level where contact is regular, not a one-off.</i>

<b>CEO</b> — Contact at CEO level: the partner can open doors to decision makers and push a strategic deal
<b>Head of sales</b> — Contact at head-of-sales level: the partner reaches budget owners, but not always the top
<b>Sales manager</b> — Contact at sales-manager level: we will have to reach decision makers ourselves. Weak, but not a deal-breaker"""
    assert question_message(en, AT_CONTACT) == expected


def test_the_technology_question_names_what_it_adds_ru(ru: T) -> None:
    expected = """\
«Initech» — технологическое партнёрство, с интеграцией продуктов?
Если да, добавлю раздел 3 «Техническая совместимость продуктов», вопрос 8.5 «Команда на интеграцию» (27 вопросов); если нет — 24 вопроса."""
    assert technology_question(ru, Q, INITECH.name) == expected


def test_the_technology_question_names_what_it_adds_en(en: T) -> None:
    expected = """\
Is “Initech” a technology partnership, with the products integrated?
If yes, I add section 3 “Technical compatibility of the products”, question 8.5 “Integration team” (27 questions); if not, 24 questions."""
    assert technology_question(en, Q, INITECH.name) == expected
