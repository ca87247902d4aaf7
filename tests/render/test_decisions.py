# ruff: noqa: E501  (the rendered texts' lines are as long as a phone wraps them)
"""Decisions as they read: the public card, "To discuss" with what was settled, a caption."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.render.card import card_message
from bot.render.decisions import CAPTION_LIMIT, discuss_message, evidence_caption, status_mark
from bot.render.texts import T
from bot.services.model import CardData
from questionnaire.scoring import score_partner
from questionnaire.team import settle, state_of
from storage.models import Settlement, Status
from tests.render.data import (
    ACME,
    ACME_CARD,
    ACME_NOTES,
    ANNA_ACME,
    BORIS_ACME,
    GROUP,
    HOSTILE,
    Q,
    card_data,
)

LATE = datetime(2026, 12, 3, 21, 30, tzinfo=UTC)
"""Past midnight in Moscow, the group's time zone: shown as the 4th."""


def settled_acme() -> CardData:
    """Acme with 4.1 agreed at 4, and 6.1's median kept before an answer changed."""
    sheets = ACME_CARD.sheets
    settled = {
        "4.1": Settlement(21, "4.1", 4, "Вера", LATE, state_of(sheets.answers, "4.1")),
        "6.1": Settlement(21, "6.1", None, "Вера", LATE, "211:2,212:4"),
    }
    team = settle(sheets.team, {q: s.value for q, s in settled.items()})
    card = score_partner(Q, team.ratings, technology=False, weights=ACME_CARD.weights)
    return replace(ACME_CARD, sheets=replace(sheets, team=team, settled=settled), card=card)


def test_the_public_card_has_no_names_notes_or_disagreements(ru: T) -> None:
    status = Status(21, "rejected", "Слышал, что они на грани", "Вера", LATE)
    data = replace(ACME_CARD, status=status)
    expected = """\
🤝 <b>Acme</b>
<b>72</b>/100
Категория <b>X</b> — заблокирован стоп-фактором
Покрытие 100% — доля чек-листа с ответами
✖️ <b>Отказ</b>
Без технологической интеграции

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
⛔ 4.1 Финансовая устойчивость — ответ 1: партнёр заблокирован
<b>Сильные стороны</b>: Команда 81 · Рост 81
<b>Слабые стороны</b>: Финансы 50 · Маркетинг 56"""
    assert card_message(ru, data, Q, public=True) == expected
    full = card_message(ru, data, Q)
    assert "✖️ <b>Отказ</b> · Вера · 04.12 — Слышал, что они на грани" in full
    assert "Boris" in full


def test_to_discuss_shows_what_was_settled_and_what_changed_since(ru: T) -> None:
    expected = """\
🗣 <b>Обсудить: Acme</b>
1–2 из 2, сначала самые большие расхождения · не согласовано: 1

<b>4.1</b> Финансовая устойчивость: Anna 5 · Boris 1 · Вера Константин… 4 → 4
   🤝 согласовано: 4 · Вера · 04.12
<b>6.1</b> Ресурсы на маркетинг: Anna 2 · Boris 5 → 3,5
   🤝 согласовано: оставили медиану 3,5 · Вера · 04.12
   ⚠️ ответ изменили после согласования — посмотрите ещё раз

<i>Администратор группы согласует значение кнопкой 🤝: оно заменит медиану в баллах, категории и стоп-факторах.</i>"""
    data = settled_acme()
    assert discuss_message(ru, data, Q, 1) == expected
    assert data.card.tier is not None
    assert data.card.failed_gates == ()  # the agreed 4 lifted Boris's veto


def test_to_discuss_with_nothing_to_discuss(en: T) -> None:
    agreeing = replace(ACME_CARD.sheets, team=replace(ACME_CARD.sheets.team, answers={}))
    text = discuss_message(en, replace(ACME_CARD, sheets=agreeing), Q, 1)
    assert text == (
        "🗣 <b>To discuss: Acme</b>\nNothing to discuss: no answers differ by 2 or more."
    )


def test_a_caption_is_escaped_and_fits_telegrams_limit(ru: T) -> None:
    assert evidence_caption(ru, ACME_CARD, ACME_NOTES[2]) == (
        "7.1 · Вера Константин… · 02.03 · draft_terms.pdf · v2, our lawyer&#39;s comments"
    )
    long = replace(ACME_NOTES[0], body=HOSTILE * 200)
    caption = evidence_caption(ru, ACME_CARD, long)
    assert caption.startswith("4.1 · Anna · 02.03 · &lt;b&gt;Acme &amp; &#34;Co&#34;&lt;/b&gt;")
    unescaped = caption.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"')
    assert len(unescaped.replace("&amp;", "&")) <= CAPTION_LIMIT


def test_a_status_mark_for_one_line() -> None:
    marks = [
        status_mark(Status(1, kind, "", "Вера", LATE))
        for kind in ("focus", "pilot", "hold", "rejected")
    ]
    assert marks == ["🎯", "🧪", "⏸", "✖️"]
    assert status_mark(None) == ""


def test_a_card_lists_the_five_largest_disagreements(ru: T) -> None:
    anna: dict[str, int | None] = dict.fromkeys(
        ("1.1", "2.1", "2.3", "4.2", "5.2", "6.2", "8.1"), 5
    )
    boris: dict[str, int | None] = {
        "1.1": 3,
        "2.1": 3,
        "2.3": 1,
        "4.2": 2,
        "5.2": 1,
        "6.2": 3,
        "8.1": 2,
    }
    data = card_data(ACME, [(ANNA_ACME, anna), (BORIS_ACME, boris)], workspace=GROUP)
    listed = [
        line.split()[1] for line in card_message(ru, data, Q).splitlines() if line.startswith("🗣")
    ]
    assert listed == ["2.3", "5.2", "4.2", "8.1", "1.1"]  # spreads 4, 4, 3, 3, 2
    assert "…и ещё 2 — все по кнопке «🗣 Обсудить»" in card_message(ru, data, Q)
