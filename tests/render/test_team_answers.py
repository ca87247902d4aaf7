# ruff: noqa: E501  (the rendered texts' lines are as long as a phone wraps them)
"""The team's answers: every question's rating, who answered what, who did not know."""

from __future__ import annotations

from bot.render.tables import team_answers_message
from bot.render.texts import T
from tests.render.data import ACME_CARD, Q


def test_every_question_shows_the_median_each_vote_and_who_did_not_know_ru(ru: T) -> None:
    expected = """\
📊 <b>Ответы команды: Acme</b>
<i>Медиана по тем, кто ответил; «не знаю» — не голос.</i>

<b>1.1</b> Миссия и ценности — <b>4</b> · Anna 4, Boris 4, Вера Константин… 5
<b>1.2</b> Открытость к данным — <b>4</b> · Anna 4, Boris 4, Вера Константин… 4
<b>2.1</b> Целевой сегмент — <b>4</b> · Anna 4, Boris 5, Вера Константин… 4
<b>2.2</b> Уровень контакта с клиентом — <b>4</b> · Anna CEO, Boris РОП, Вера Константин… РОП
<b>2.3</b> Совпадение ЛПР — <b>4</b> · Anna 4, Boris 4, Вера Константин… 3
<b>4.1</b> Финансовая устойчивость — <b>1 ⛔ стоп-фактор</b> · Anna 5, Boris 1, Вера Константин… 4
<b>4.2</b> Динамика роста — <b>4</b> · Anna 4, Boris 4, Вера Константин… 4
<b>4.3</b> Место на рынке — <b>4</b> · Anna 4, Вера Константин… 4 · не знает: Boris
<b>5.1</b> Связи и репутация — <b>4,5</b> · Anna 4, Boris 5 · не знает: Вера Константин…
<b>5.2</b> Опыт партнёрских продаж — <b>3</b> · Anna 3, Boris 4, Вера Константин… 3
<b>5.3</b> Отзывы партнёров и клиентов — <b>4</b> · Anna 4, Boris 4, Вера Константин… 4
<b>6.1</b> Ресурсы на маркетинг — <b>3,5</b> · Anna 2, Boris 5 · не знает: Вера Константин…
<b>6.2</b> Каналы, охват и база CRM — <b>3</b> · Anna 3, Boris 3, Вера Константин… 3
<b>7.1</b> Распределение доходов — <b>4</b> · Anna 4, Boris 3, Вера Константин… 4
<b>7.2</b> Сроки и KPI — <b>4</b> · Anna 4, Boris 4, Вера Константин… 4
<b>7.3</b> Условия выхода — <b>4</b> · Anna 4 · не знает: Boris, Вера Константин…
<b>8.1</b> Квалификация команды — <b>4</b> · Anna 4, Вера Константин… 4
<b>8.2</b> Отделы продаж и маркетинга — <b>4,5</b> · Anna 4, Вера Константин… 5
<b>8.3</b> Кто будет продавать — <b>4,5</b> · Anna 5, Вера Константин… 4
<b>8.4</b> KPI партнёрских продаж — <b>4</b> · Anna 4, Вера Константин… 4
<b>9.1</b> Соответствие закону — <b>4,5</b> · Anna 4, Вера Константин… 5
<b>9.2</b> Юридический опыт — <b>4</b> · Anna 4, Вера Константин… 4
<b>10.1</b> Потенциал масштабирования — <b>4</b> · Anna 4, Вера Константин… 4
<b>10.2</b> Новые продукты и рынки — <b>4,5</b> · Anna 4, Вера Константин… 5"""
    assert team_answers_message(ru, ACME_CARD, Q) == expected


def test_every_question_shows_the_median_each_vote_and_who_did_not_know_en(en: T) -> None:
    expected = """\
📊 <b>The team's answers: Acme</b>
<i>Median of those who answered; “don't know” is not a vote.</i>

<b>1.1</b> Mission and values — <b>4</b> · Anna 4, Boris 4, Вера Константин… 5
<b>1.2</b> Openness to share data — <b>4</b> · Anna 4, Boris 4, Вера Константин… 4
<b>2.1</b> Target segment — <b>4</b> · Anna 4, Boris 5, Вера Константин… 4
<b>2.2</b> Customer contact level — <b>4</b> · Anna CEO, Boris Head of sales, Вера Константин… Head of sales
<b>2.3</b> Decision makers — <b>4</b> · Anna 4, Boris 4, Вера Константин… 3
<b>4.1</b> Financial stability — <b>1 ⛔ deal-breaker</b> · Anna 5, Boris 1, Вера Константин… 4
<b>4.2</b> Growth trend — <b>4</b> · Anna 4, Boris 4, Вера Константин… 4
<b>4.3</b> Market position — <b>4</b> · Anna 4, Вера Константин… 4 · don't know: Boris
<b>5.1</b> Ties and reputation — <b>4.5</b> · Anna 4, Boris 5 · don't know: Вера Константин…
<b>5.2</b> Partner sales experience — <b>3</b> · Anna 3, Boris 4, Вера Константин… 3
<b>5.3</b> References and reviews — <b>4</b> · Anna 4, Boris 4, Вера Константин… 4
<b>6.1</b> Joint marketing resources — <b>3.5</b> · Anna 2, Boris 5 · don't know: Вера Константин…
<b>6.2</b> Channels, reach and CRM — <b>3</b> · Anna 3, Boris 3, Вера Константин… 3
<b>7.1</b> Revenue sharing — <b>4</b> · Anna 4, Boris 3, Вера Константин… 4
<b>7.2</b> Deadlines and KPIs — <b>4</b> · Anna 4, Boris 4, Вера Константин… 4
<b>7.3</b> Termination terms — <b>4</b> · Anna 4 · don't know: Boris, Вера Константин…
<b>8.1</b> Team expertise — <b>4</b> · Anna 4, Вера Константин… 4
<b>8.2</b> Sales and marketing teams — <b>4.5</b> · Anna 4, Вера Константин… 5
<b>8.3</b> Who will sell — <b>4.5</b> · Anna 5, Вера Константин… 4
<b>8.4</b> Partner sales KPIs — <b>4</b> · Anna 4, Вера Константин… 4
<b>9.1</b> Legal compliance — <b>4.5</b> · Anna 4, Вера Константин… 5
<b>9.2</b> Legal experience — <b>4</b> · Anna 4, Вера Константин… 4
<b>10.1</b> Scaling potential — <b>4</b> · Anna 4, Вера Константин… 4
<b>10.2</b> New products and markets — <b>4.5</b> · Anna 4, Вера Константин… 5"""
    assert team_answers_message(en, ACME_CARD, Q) == expected
