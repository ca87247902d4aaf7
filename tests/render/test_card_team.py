# ruff: noqa: E501  (the rendered texts' lines are as long as a phone wraps them)
"""A team's card in its group: who assessed, medians, a gate someone vetoed, what to discuss."""

from __future__ import annotations

import pytest

from bot.render.card import card_message
from bot.render.texts import T
from questionnaire.model import Lang
from tests.render.data import ACME, ACME_CARD, ANNA_ACME, BORIS_ACME, GROUP, TEXTS, Q, card_data


def test_a_team_card_shows_assessors_the_veto_and_what_to_discuss_ru(ru: T) -> None:
    expected = """\
🤝 <b>Acme</b>
<b>72</b>/100
Категория <b>X</b> — заблокирован стоп-фактором
Покрытие 100% — доля чек-листа с ответами
Без технологической интеграции
👤 Anna, 14.03.2026
👤 Boris, 09.03.2026 · оценка не закончена: 16 из 24
👤 Вера Константин…, 14.03.2026

<b>По разделам</b>
<code>▰▰▰▰▱  75</code> · Стратегия
<code>▰▰▰▰▱  75</code> · Рынок
<code>▰▰▰▱▱  50</code> · Финансы
<code>▰▰▰▰▱  71</code> · Репутация
<code>▰▰▰▱▱  56</code> · Маркетинг
<code>▰▰▰▰▱  75</code> · Условия
<code>▰▰▰▰▱  81</code> · Команда
<code>▰▰▰▰▱  81</code> · Право
<code>▰▰▰▰▱  81</code> · Рост
Не применяется: Технологии

<b>Стоп-факторы</b>
⛔ 4.1 Финансовая устойчивость — Boris: ответ 1, партнёр заблокирован, пока ответ не изменят
<b>Обсудить — ответы расходятся на 2 и больше</b>
🗣 4.1 Финансовая устойчивость: Anna 5 · Boris 1 · Вера Константин… 4 → 1 ⛔ стоп-фактор
🗣 6.1 Ресурсы на маркетинг: Anna 2 · Boris 5 → 3,5
<b>Сильные стороны</b>: Команда 81 · Рост 81
<b>Слабые стороны</b>: Финансы 50 · Маркетинг 56

<b>Заметки</b>
• <b>4.1</b> Audited accounts; owns 30% of &lt;b&gt;Acme &amp; &#34;Co&#34;&lt;/b&gt; <i>— Anna</i>
• <b>4.1</b> They owe their bank 2M, see the court registry <i>— Boris</i>
• <b>7.1</b> 📎 документ: draft_terms.pdf · v2, our lawyer&#39;s comments <i>— Вера Константин…</i>"""
    assert card_message(ru, ACME_CARD, Q) == expected


def test_a_team_card_shows_assessors_the_veto_and_what_to_discuss_en(en: T) -> None:
    expected = """\
🤝 <b>Acme</b>
<b>72</b>/100
Tier <b>X</b> — blocked by a deal-breaker
Coverage 100% — the share of the checklist answered
No technology integration
👤 Anna, 14 Mar 2026
👤 Boris, 9 Mar 2026 · assessment not finished: 16 of 24
👤 Вера Константин…, 14 Mar 2026

<b>Sections</b>
<code>▰▰▰▰▱  75</code> · Strategy
<code>▰▰▰▰▱  75</code> · Market
<code>▰▰▰▱▱  50</code> · Finance
<code>▰▰▰▰▱  71</code> · Reputation
<code>▰▰▰▱▱  56</code> · Marketing
<code>▰▰▰▰▱  75</code> · Terms
<code>▰▰▰▰▱  81</code> · Team
<code>▰▰▰▰▱  81</code> · Legal
<code>▰▰▰▰▱  81</code> · Growth
Not applicable: Tech

<b>Deal-breakers</b>
⛔ 4.1 Financial stability — Boris: answered 1, the partner is blocked until it is re-rated
<b>To discuss — answers differ by 2 or more</b>
🗣 4.1 Financial stability: Anna 5 · Boris 1 · Вера Константин… 4 → 1 ⛔ deal-breaker
🗣 6.1 Joint marketing resources: Anna 2 · Boris 5 → 3.5
<b>Strongest</b>: Team 81 · Growth 81
<b>Weakest</b>: Finance 50 · Marketing 56

<b>Notes</b>
• <b>4.1</b> Audited accounts; owns 30% of &lt;b&gt;Acme &amp; &#34;Co&#34;&lt;/b&gt; <i>— Anna</i>
• <b>4.1</b> They owe their bank 2M, see the court registry <i>— Boris</i>
• <b>7.1</b> 📎 document: draft_terms.pdf · v2, our lawyer&#39;s comments <i>— Вера Константин…</i>"""
    assert card_message(en, ACME_CARD, Q) == expected


# Anna met their CEO, Boris only a sales manager: two votes on 2.2, far enough apart to discuss.
CONTACT_SPLIT = card_data(
    ACME,
    [(ANNA_ACME, {"2.2": 5}), (BORIS_ACME, {"2.2": 2})],
    workspace=GROUP,
)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("ru", "🗣 2.2 Уровень контакта с клиентом: Anna CEO · Boris Менеджер продаж → 3,5"),
        ("en", "🗣 2.2 Customer contact level: Anna CEO · Boris Sales manager → 3.5"),
    ],
    ids=["ru", "en"],
)
def test_votes_on_a_choice_read_as_the_choices(lang: Lang, line: str) -> None:
    assert line in card_message(TEXTS(lang), CONTACT_SPLIT, Q).split("\n")
