# ruff: noqa: E501  (the rendered texts' lines are as long as a phone wraps them)
"""A card in a private chat: one assessor's answers scored, with its band, gates, flags, notes."""

from __future__ import annotations

from bot.render.card import card_message
from bot.render.texts import T
from tests.render.data import (
    FIRMNESS,
    GLOBEX,
    GLOBEX_CARD,
    GLOBEX_NEIGHBOUR,
    INITECH_CARD,
    UMBRELLA_CARD,
    Q,
)


def globex_card(t: T) -> str:
    """As a private chat shows it: with how firm the place is in Anna's ranking."""
    robust = FIRMNESS.of(GLOBEX.id)
    return card_message(t, GLOBEX_CARD, Q, robust=robust, neighbour=GLOBEX_NEIGHBOUR)


def test_a_finished_card_shows_band_unverified_gate_red_flag_and_escaped_notes_ru(ru: T) -> None:
    expected = """\
🤝 <b>Globex</b>
<b>65</b>/100 · диапазон 58–72
Категория <b>B</b> — стоит попробовать
Покрытие 86% — доля чек-листа с ответами
Без технологической интеграции
👤 Anna, 14.03.2026

<b>По разделам</b>
<code>▰▰▰▰▱  88</code> · Стратегия
<code>▰▰▰▱▱  67</code> · Рынок
<code>▰▰▰▱▱  63</code> · Финансы (2 из 3)
<code>▰▰▱▱▱  38</code> · Репутация (2 из 3)
<code>▰▰▱▱▱  38</code> · Маркетинг
<code>▰▰▰▱▱  63</code> · Условия (2 из 3)
<code>▰▰▰▰▱  83</code> · Команда (3 из 4)
<code>▰▰▰▱▱  63</code> · Право
<code>▰▰▰▰▱  88</code> · Рост
Не применяется: Технологии

<b>Стоп-факторы</b>
⏳ Не проверено: 7.3 Условия выхода — категория A недоступна, пока не проверите
<b>Красные флаги — категория не выше B</b>
🚩 5.3 Отзывы партнёров и клиентов — ответ 1
🎯 Место: <b>маловероятно</b> — в топ-3 в 18% испытаний (веса ±20%, неизвестные ответы наугад).
Поменяется местами с «Hooli», если вес «Маркетинг» станет 18 (+10).
<b>Сильные стороны</b>: Стратегия 88 · Рост 88
<b>Слабые стороны</b>: Маркетинг 38 · Репутация 38

<b>Заметки</b>
• <b>1.1</b> Resells &lt;b&gt;Acme &amp; &#34;Co&#34;&lt;/b&gt; in the Baltics
• <b>4.1</b> 📎 фото: Balance sheet 2025
• <b>7.3</b> 📎 голосовое"""
    assert globex_card(ru) == expected


def test_a_finished_card_shows_band_unverified_gate_red_flag_and_escaped_notes_en(en: T) -> None:
    expected = """\
🤝 <b>Globex</b>
<b>65</b>/100 · band 58–72
Tier <b>B</b> — worth a try
Coverage 86% — the share of the checklist answered
No technology integration
👤 Anna, 14 Mar 2026

<b>Sections</b>
<code>▰▰▰▰▱  88</code> · Strategy
<code>▰▰▰▱▱  67</code> · Market
<code>▰▰▰▱▱  63</code> · Finance (2 of 3)
<code>▰▰▱▱▱  38</code> · Reputation (2 of 3)
<code>▰▰▱▱▱  38</code> · Marketing
<code>▰▰▰▱▱  63</code> · Terms (2 of 3)
<code>▰▰▰▰▱  83</code> · Team (3 of 4)
<code>▰▰▰▱▱  63</code> · Legal
<code>▰▰▰▰▱  88</code> · Growth
Not applicable: Tech

<b>Deal-breakers</b>
⏳ Not verified: 7.3 Termination terms — tier A is out of reach until you check
<b>Red flags — tier B at best</b>
🚩 5.3 References and reviews — answered 1
🎯 Place: <b>long shot</b> — in the top 3 in 18% of trials (weights ±20%, unknown answers at random).
Swaps places with “Hooli” if “Marketing” weighs 18 (+10).
<b>Strongest</b>: Strategy 88 · Growth 88
<b>Weakest</b>: Marketing 38 · Reputation 38

<b>Notes</b>
• <b>1.1</b> Resells &lt;b&gt;Acme &amp; &#34;Co&#34;&lt;/b&gt; in the Baltics
• <b>4.1</b> 📎 photo: Balance sheet 2025
• <b>7.3</b> 📎 voice message"""
    assert globex_card(en) == expected


def test_an_unfinished_card_has_insufficient_data_and_no_tier_ru(ru: T) -> None:
    expected = """\
🤝 <b>Initech</b>
<b>62</b>/100 · диапазон 31–93
⚠️ Недостаточно данных: покрытие 38%, для категории нужно от 60%.
Технологическое партнёрство
👤 Anna, 09.03.2026 · оценка не закончена: 8 из 27

<b>По разделам</b>
<code>▰▰▰▰▱  88</code> · Стратегия
<code>▰▰▰▰▰  92</code> · Рынок
<code>▰▱▱▱▱  25</code> · Технологии (1 из 2)
<code>▰▰▰▰▰ 100</code> · Финансы (1 из 3)
<code>▱▱▱▱▱   —</code> · Репутация (0 из 3)
<code>▱▱▱▱▱   —</code> · Маркетинг (0 из 2)
<code>▱▱▱▱▱   —</code> · Условия (0 из 3)
<code>▱▱▱▱▱   —</code> · Команда (0 из 5)
<code>▱▱▱▱▱   —</code> · Право (0 из 2)
<code>▱▱▱▱▱   —</code> · Рост (0 из 2)

<b>Стоп-факторы</b>
⏳ Не проверено: 7.3 Условия выхода, 9.1 Соответствие закону — категория A недоступна, пока не проверите"""
    assert card_message(ru, INITECH_CARD, Q) == expected


def test_an_unfinished_card_has_insufficient_data_and_no_tier_en(en: T) -> None:
    expected = """\
🤝 <b>Initech</b>
<b>62</b>/100 · band 31–93
⚠️ Insufficient data: coverage 38%, a tier needs 60% or more.
Technology partnership
👤 Anna, 9 Mar 2026 · assessment not finished: 8 of 27

<b>Sections</b>
<code>▰▰▰▰▱  88</code> · Strategy
<code>▰▰▰▰▰  92</code> · Market
<code>▰▱▱▱▱  25</code> · Tech (1 of 2)
<code>▰▰▰▰▰ 100</code> · Finance (1 of 3)
<code>▱▱▱▱▱   —</code> · Reputation (0 of 3)
<code>▱▱▱▱▱   —</code> · Marketing (0 of 2)
<code>▱▱▱▱▱   —</code> · Terms (0 of 3)
<code>▱▱▱▱▱   —</code> · Team (0 of 5)
<code>▱▱▱▱▱   —</code> · Legal (0 of 2)
<code>▱▱▱▱▱   —</code> · Growth (0 of 2)

<b>Deal-breakers</b>
⏳ Not verified: 7.3 Termination terms, 9.1 Legal compliance — tier A is out of reach until you check"""
    assert card_message(en, INITECH_CARD, Q) == expected


def test_a_gate_answered_1_blocks_a_teams_partner_seen_alone_ru(ru: T) -> None:
    expected = """\
🤝 <b>Umbrella</b>
<b>75</b>/100
Категория <b>X</b> — заблокирован стоп-фактором
Покрытие 100% — доля чек-листа с ответами
Без технологической интеграции
👤 Anna, 14.03.2026
Здесь только ваши ответы; карточка команды — в группе «Sales team».

<b>По разделам</b>
<code>▰▰▰▰▱  75</code> · Стратегия
<code>▰▰▰▰▱  75</code> · Рынок
<code>▰▰▰▰▱  75</code> · Финансы
<code>▰▰▰▰▱  75</code> · Репутация
<code>▰▰▰▰▱  88</code> · Маркетинг
<code>▰▰▰▰▱  75</code> · Условия
<code>▰▰▰▰▱  75</code> · Команда
<code>▰▰▱▱▱  38</code> · Право
<code>▰▰▰▰▱  88</code> · Рост
Не применяется: Технологии

<b>Стоп-факторы</b>
⛔ 9.1 Соответствие закону — ответ 1: партнёр заблокирован
<b>Сильные стороны</b>: Маркетинг 88 · Рост 88
<b>Слабые стороны</b>: Право 38 · Команда 75"""
    assert card_message(ru, UMBRELLA_CARD, Q) == expected


def test_a_gate_answered_1_blocks_a_teams_partner_seen_alone_en(en: T) -> None:
    expected = """\
🤝 <b>Umbrella</b>
<b>75</b>/100
Tier <b>X</b> — blocked by a deal-breaker
Coverage 100% — the share of the checklist answered
No technology integration
👤 Anna, 14 Mar 2026
Only your answers here; the team's card is in the group “Sales team”.

<b>Sections</b>
<code>▰▰▰▰▱  75</code> · Strategy
<code>▰▰▰▰▱  75</code> · Market
<code>▰▰▰▰▱  75</code> · Finance
<code>▰▰▰▰▱  75</code> · Reputation
<code>▰▰▰▰▱  88</code> · Marketing
<code>▰▰▰▰▱  75</code> · Terms
<code>▰▰▰▰▱  75</code> · Team
<code>▰▰▱▱▱  38</code> · Legal
<code>▰▰▰▰▱  88</code> · Growth
Not applicable: Tech

<b>Deal-breakers</b>
⛔ 9.1 Legal compliance — answered 1: the partner is blocked
<b>Strongest</b>: Marketing 88 · Growth 88
<b>Weakest</b>: Legal 38 · Team 75"""
    assert card_message(en, UMBRELLA_CARD, Q) == expected
