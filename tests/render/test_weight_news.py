# ruff: noqa: E501  (the rendered texts' lines are as long as a phone wraps them)
"""A group's line about a weights change, and the group's weights panel with its history."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.render.tables import weights_message
from bot.render.texts import T
from bot.render.weight_news import weights_line
from bot.services.model import WeightsNews
from questionnaire.scoring import Tier
from storage.models import WeightChange
from tests.render.data import WEIGHTS, Q

A, B, C = Tier.A, Tier.B, Tier.C

STEP = WeightsNews(
    line=1,
    who="Анна",
    sections=[(9, 5, 10)],
    moves=[("Вектор", (B, A))],
    undone_by=None,
    undoable=True,
)
ORDER = WeightsNews(
    line=2,
    who="<b>Boris</b> & Co",
    sections=[(2, 15, 29), (3, 10, 1), (8, 10, 19), (9, 5, 2), (1, 15, 14), (6, 8, 3)],
    moves=[
        ("Acme <script>", (B, A)),
        ("Globex", (C, B)),
        ("Initech", (None, C)),
        ("Umbrella", (A, B)),
        ("Hooli", (B, C)),
        ("Vandelay", (C, B)),
        ("Wonka", (B, A)),
    ],
    undone_by=None,
    undoable=True,
)


def test_a_step_names_its_section_and_whose_tier_it_moved(ru: T, en: T) -> None:
    assert weights_line(ru, Q, STEP) == "⚖️ Анна: Право 5 → 10 · Вектор B → A"
    assert weights_line(en, Q, STEP) == "⚖️ Анна: Legal 5 → 10 · Вектор B → A"


def test_a_big_change_names_four_sections_and_five_partners_escaped(ru: T, en: T) -> None:
    assert weights_line(ru, Q, ORDER) == (
        "⚖️ &lt;b&gt;Boris&lt;/b&gt; &amp; Co: Рынок 15 → 29, Технологии 10 → 1, "
        "Команда 10 → 19, Право 5 → 2, … · Acme &lt;script&gt; B → A, Globex C → B, "
        "Initech ? → C, Umbrella A → B, Hooli B → C и ещё 2"
    )
    assert weights_line(en, Q, ORDER).endswith("Hooli B → C and 2 more")


def test_nothing_moved_is_said_briefly(ru: T, en: T) -> None:
    still = WeightsNews(1, "Анна", [], [], None, undoable=True)
    assert weights_line(ru, Q, still) == "⚖️ Анна: веса как были · категории не изменились"
    assert weights_line(en, Q, still) == "⚖️ Анна: weights as they were · no tier changed"


def test_an_undone_line_is_struck_through_and_signed(ru: T, en: T) -> None:
    undone = WeightsNews(1, "Анна", [(9, 5, 10)], [], "Вера", undoable=False)
    assert weights_line(ru, Q, undone) == (
        "<s>⚖️ Анна: Право 5 → 10 · категории не изменились</s>\n"
        "↩️ Вера: отменено — веса снова прежние."
    )
    assert weights_line(en, Q, undone) == (
        "<s>⚖️ Анна: Legal 5 → 10 · no tier changed</s>\n"
        "↩️ Вера: undone — the weights are back as they were."
    )


def test_the_groups_panel_says_who_may_change_it_and_how_it_changed(ru: T) -> None:
    history = [
        WeightChange(WEIGHTS, "Вера", datetime(2026, 3, 10, 8, 7, tzinfo=UTC), "undo", 3),
        WeightChange(WEIGHTS, "Вера", datetime(2026, 3, 10, 8, 6, tzinfo=UTC), "what_if", 2),
        WeightChange(WEIGHTS, "<i>Анна</i>", datetime(2026, 3, 9, 18, 0, tzinfo=UTC), "order", 1),
    ]
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
Последние изменения:
• Вера, 10.03.2026 08:07 UTC — отмена изменения
• Вера, 10.03.2026 08:06 UTC — через «Что если…»
• &lt;i&gt;Анна&lt;/i&gt;, 09.03.2026 18:00 UTC — по важности
<i>−/+ меняют раздел на 5, остальные подстраиваются. «По важности» — расставьте разделы по порядку, веса посчитаю сам. Карточки и рейтинг пересчитываются сразу.</i>
🔒 Менять веса могут только администраторы группы."""
    assert weights_message(ru, Q, WEIGHTS, history[0], history=history) == expected


def test_a_groups_panel_at_the_defaults_says_so(en: T) -> None:
    text = weights_message(en, Q, WEIGHTS, None, history=[])
    assert "These are the default weights.\n<i>" in text
    assert text.endswith("\n🔒 Only the group's admins can change the weights.")
