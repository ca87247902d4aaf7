# ruff: noqa: E501  (the rendered texts' lines are as long as a phone wraps them)
"""Side-by-side tables: two partners compared, and the section weights."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.render.tables import compare_message, weights_message
from bot.render.texts import T
from questionnaire.weights import rank_order_centroid
from storage.models import WeightChange
from tests.render.data import GLOBEX_CARD, INITECH_CARD, WEIGHTS, Q

BY_IMPORTANCE = WeightChange(
    weights=rank_order_centroid([2, 8, 1, 7, 4, 5, 10, 6, 9, 3]),
    user="Boris",
    changed_at=datetime(2026, 3, 10, 8, 5, tzinfo=UTC),
    how="order",
)
"""Boris put the sections in order: market first, tech last."""


def test_compare_marks_leads_of_10_points_and_sections_one_is_not_asked_ru(ru: T) -> None:
    expected = """\
⚖️ <b>Globex</b> и <b>Initech</b>
<pre>           Globex Initech
Балл           65      62
Категория       B       ?
Покрытие      86%     38%
Стратегия      88      88
Рынок          67      92 ▶
Технологии      —      25
Финансы        63     100 ▶
Репутация      38       —
Маркетинг      38       —
Условия        63       —
Команда        83       —
Право          63       —
Рост           88       —</pre>
<i>◀ ▶ — кто впереди, если разница от 10 баллов.</i>"""
    assert compare_message(ru, GLOBEX_CARD, INITECH_CARD, Q) == expected


def test_compare_marks_leads_of_10_points_and_sections_one_is_not_asked_en(en: T) -> None:
    expected = """\
⚖️ <b>Globex</b> vs <b>Initech</b>
<pre>           Globex Initech
Score          65      62
Tier            B       ?
Coverage      86%     38%
Strategy       88      88
Market         67      92 ▶
Tech            —      25
Finance        63     100 ▶
Reputation     38       —
Marketing      38       —
Terms          63       —
Team           83       —
Legal          63       —
Growth         88       —</pre>
<i>◀ ▶ mark who leads, where the gap is 10 points or more.</i>"""
    assert compare_message(en, GLOBEX_CARD, INITECH_CARD, Q) == expected


def test_the_default_weights_ru(ru: T) -> None:
    expected = """\
⚖️ <b>Веса разделов</b> — сумма 100
<pre>Стратегия  15 ▰▰▰▰▰▰▰▰
Рынок      15 ▰▰▰▰▰▰▰▰
Технологии 10 ▰▰▰▰▰▱▱▱
Финансы    10 ▰▰▰▰▰▱▱▱
Репутация  10 ▰▰▰▰▰▱▱▱
Маркетинг   8 ▰▰▰▰▱▱▱▱
Условия    10 ▰▰▰▰▰▱▱▱
Команда    10 ▰▰▰▰▰▱▱▱
Право       5 ▰▰▰▱▱▱▱▱
Рост        7 ▰▰▰▰▱▱▱▱</pre>
Сейчас веса по умолчанию.
<i>−/+ меняют раздел на 5, остальные подстраиваются. «По важности» — расставьте разделы по порядку, веса посчитаю сам. Карточки и рейтинг пересчитываются сразу.</i>"""
    assert weights_message(ru, Q, WEIGHTS, None) == expected


def test_the_default_weights_en(en: T) -> None:
    expected = """\
⚖️ <b>Section weights</b> — they sum to 100
<pre>Strategy   15 ▰▰▰▰▰▰▰▰
Market     15 ▰▰▰▰▰▰▰▰
Tech       10 ▰▰▰▰▰▱▱▱
Finance    10 ▰▰▰▰▰▱▱▱
Reputation 10 ▰▰▰▰▰▱▱▱
Marketing   8 ▰▰▰▰▱▱▱▱
Terms      10 ▰▰▰▰▰▱▱▱
Team       10 ▰▰▰▰▰▱▱▱
Legal       5 ▰▰▰▱▱▱▱▱
Growth      7 ▰▰▰▰▱▱▱▱</pre>
These are the default weights.
<i>−/+ move a section by 5; the others adjust. “By importance”: put the sections in order and I work out the weights. Cards and the ranking update at once.</i>"""
    assert weights_message(en, Q, WEIGHTS, None) == expected


def test_weights_set_by_importance_say_who_and_when_ru(ru: T) -> None:
    expected = """\
Готово: веса по важности сохранены.

⚖️ <b>Веса разделов</b> — сумма 100
<pre>Стратегия  14 ▰▰▰▰▱▱▱▱
Рынок      29 ▰▰▰▰▰▰▰▰
Технологии  1 ▱▱▱▱▱▱▱▱
Финансы     9 ▰▰▱▱▱▱▱▱
Репутация   7 ▰▰▱▱▱▱▱▱
Маркетинг   3 ▰▱▱▱▱▱▱▱
Условия    11 ▰▰▰▱▱▱▱▱
Команда    19 ▰▰▰▰▰▱▱▱
Право       2 ▰▱▱▱▱▱▱▱
Рост        5 ▰▱▱▱▱▱▱▱</pre>
Последнее изменение: Boris, 10.03.2026 08:05 UTC.
<i>−/+ меняют раздел на 5, остальные подстраиваются. «По важности» — расставьте разделы по порядку, веса посчитаю сам. Карточки и рейтинг пересчитываются сразу.</i>"""
    assert (
        weights_message(ru, Q, BY_IMPORTANCE.weights, BY_IMPORTANCE, ru("weights.done"))
        == expected
    )


def test_weights_set_by_importance_say_who_and_when_en(en: T) -> None:
    expected = """\
Done: weights by importance saved.

⚖️ <b>Section weights</b> — they sum to 100
<pre>Strategy   14 ▰▰▰▰▱▱▱▱
Market     29 ▰▰▰▰▰▰▰▰
Tech        1 ▱▱▱▱▱▱▱▱
Finance     9 ▰▰▱▱▱▱▱▱
Reputation  7 ▰▰▱▱▱▱▱▱
Marketing   3 ▰▱▱▱▱▱▱▱
Terms      11 ▰▰▰▱▱▱▱▱
Team       19 ▰▰▰▰▰▱▱▱
Legal       2 ▰▱▱▱▱▱▱▱
Growth      5 ▰▱▱▱▱▱▱▱</pre>
Last changed by Boris, 10 Mar 2026 08:05 UTC.
<i>−/+ move a section by 5; the others adjust. “By importance”: put the sections in order and I work out the weights. Cards and the ranking update at once.</i>"""
    assert (
        weights_message(en, Q, BY_IMPORTANCE.weights, BY_IMPORTANCE, en("weights.done"))
        == expected
    )


def test_weights_say_when_in_the_cards_english_date(en: T) -> None:
    text = weights_message(en, Q, BY_IMPORTANCE.weights, BY_IMPORTANCE)
    assert "Last changed by Boris, 10 Mar 2026" in text
