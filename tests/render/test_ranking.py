# ruff: noqa: E501  (the rendered texts' lines are as long as a phone wraps them)
"""The ranking, a page at a time: places shared within 3 points, tiers, the unranked last."""

from __future__ import annotations

from bot.render.tables import ranking_message
from bot.render.texts import T
from tests.render.data import FIRMNESS, RANKED


def test_the_first_page_shares_places_and_marks_firmness_ru(ru: T) -> None:
    expected = """\
🏆 <b>Рейтинг: 12 партнёров</b> · стр. 1 из 2
<pre> # Партнёр    Балл Кат Покр Фл У
 1 Northwind    82   A  93%  · У
=2 Wayne        74   B  96%  1 У
=2 &lt;b&gt;Acme &amp;…   72   A  88%  · С
 4 Stark Ind…   71   A  81%  · С
=5 Globex       65   B  86%  1 М
=5 Hooli        63   B  84%  · М
 7 Cyberdyne    58   B  79%  · М
 8 Soylent      48   C  86%  2 М
 9 Tyrell       44   C  92%  · М
 ? Initech      62   ?  38%  · ·</pre>
<i>Кат — категория: A фокус, B попробовать, C низкий приоритет, X стоп-фактор. Покр — покрытие ответами, Фл — красные флаги. У — устойчиво в топ-3 (≥80% испытаний), С — спорно, М — маловероятно. Партнёры в пределах 3 баллов делят место (=2). ? — мало данных (покрытие ниже 60%): в рейтинг не входят, пока не ответите на больше вопросов.</i>"""
    assert ranking_message(ru, RANKED, 1, FIRMNESS) == expected


def test_the_first_page_shares_places_and_marks_firmness_en(en: T) -> None:
    expected = """\
🏆 <b>Ranking: 12 partners</b> · page 1 of 2
<pre> # Partner    Pts Tier Cov RF R
 1 Northwind   82    A 93%  · S
=2 Wayne       74    B 96%  1 S
=2 &lt;b&gt;Acme &amp;…  72    A 88%  · C
 4 Stark Ind…  71    A 81%  · C
=5 Globex      65    B 86%  1 L
=5 Hooli       63    B 84%  · L
 7 Cyberdyne   58    B 79%  · L
 8 Soylent     48    C 86%  2 L
 9 Tyrell      44    C 92%  · L
 ? Initech     62    ? 38%  · ·</pre>
<i>Tier: A focus, B worth a try, C low priority, X deal-breaker. Cov — coverage by answers, RF — red flags. S — stable in the top 3 (≥80% of trials), C — contested, L — long shot. Partners within 3 points share a place (=2). ? — too little data (coverage below 60%): not ranked until more questions are answered.</i>"""
    assert ranking_message(en, RANKED, 1, FIRMNESS) == expected


def test_the_last_page_lists_the_unranked_then_the_blocked_ru(ru: T) -> None:
    expected = """\
🏆 <b>Рейтинг: 12 партнёров</b> · стр. 2 из 2
<pre># Партнёр    Балл Кат Покр Фл У
? Vandelay      —   ?   0%  · ·
— Massive D…   75   X  94%  · ·</pre>
<i>Кат — категория: A фокус, B попробовать, C низкий приоритет, X стоп-фактор. Покр — покрытие ответами, Фл — красные флаги. У — устойчиво в топ-3 (≥80% испытаний), С — спорно, М — маловероятно. ? — мало данных (покрытие ниже 60%): в рейтинг не входят, пока не ответите на больше вопросов. — вместо места: стоп-фактор, партнёр в конце списка.</i>"""
    assert ranking_message(ru, RANKED, 2, FIRMNESS) == expected


def test_the_last_page_lists_the_unranked_then_the_blocked_en(en: T) -> None:
    expected = """\
🏆 <b>Ranking: 12 partners</b> · page 2 of 2
<pre># Partner    Pts Tier Cov RF R
? Vandelay     —    ?  0%  · ·
— Massive D…  75    X 94%  · ·</pre>
<i>Tier: A focus, B worth a try, C low priority, X deal-breaker. Cov — coverage by answers, RF — red flags. S — stable in the top 3 (≥80% of trials), C — contested, L — long shot. ? — too little data (coverage below 60%): not ranked until more questions are answered. — instead of a place: a deal-breaker, listed last.</i>"""
    assert ranking_message(en, RANKED, 2, FIRMNESS) == expected
