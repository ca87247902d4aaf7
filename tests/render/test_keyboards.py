"""Inline keyboards: each button's label, and the callback data, link or inline query behind it.

A keyboard is written out by `layout`: a line per row, buttons apart by " | ".
"""

from __future__ import annotations

from bot.render import keyboards
from bot.render.tables import ranking_page
from bot.render.texts import T
from tests.render.data import (
    ACME,
    ANNA_INITECH,
    AT_CONTACT,
    AT_FINANCE,
    AT_FIRST,
    GLOBEX,
    INITECH,
    RANKED,
    UMBRELLA,
    layout,
)

URL = "https://t.me/PartnerFitBot?start=Zk3xQ9"
"""The deep link a group's card offers for assessing in a private chat."""


def test_a_scale_question_rates_1_to_5_and_goes_back_or_pauses_ru(ru: T) -> None:
    expected = """\
1 [a:101:4.1:1] | 2 [a:101:4.1:2] | 3 [a:101:4.1:3] | 4 [a:101:4.1:4] | 5 [a:101:4.1:5]
Не знаю [a:101:4.1:0]
← Назад [s:101:4.1:back] | ⏸ Пауза [s:101:4.1:pause]"""
    assert layout(keyboards.question(ru, AT_FINANCE, editing=False)) == expected


def test_a_scale_question_rates_1_to_5_and_goes_back_or_pauses_en(en: T) -> None:
    expected = """\
1 [a:101:4.1:1] | 2 [a:101:4.1:2] | 3 [a:101:4.1:3] | 4 [a:101:4.1:4] | 5 [a:101:4.1:5]
Don't know [a:101:4.1:0]
← Back [s:101:4.1:back] | ⏸ Pause [s:101:4.1:pause]"""
    assert layout(keyboards.question(en, AT_FINANCE, editing=False)) == expected


def test_the_first_question_has_no_way_back_ru(ru: T) -> None:
    expected = """\
1 [a:102:1.1:1] | 2 [a:102:1.1:2] | 3 [a:102:1.1:3] | 4 [a:102:1.1:4] | 5 [a:102:1.1:5]
Не знаю [a:102:1.1:0]
⏸ Пауза [s:102:1.1:pause]"""
    assert layout(keyboards.question(ru, AT_FIRST, editing=False)) == expected


def test_the_first_question_has_no_way_back_en(en: T) -> None:
    expected = """\
1 [a:102:1.1:1] | 2 [a:102:1.1:2] | 3 [a:102:1.1:3] | 4 [a:102:1.1:4] | 5 [a:102:1.1:5]
Don't know [a:102:1.1:0]
⏸ Pause [s:102:1.1:pause]"""
    assert layout(keyboards.question(en, AT_FIRST, editing=False)) == expected


def test_the_choice_question_being_edited_returns_to_its_section_ru(ru: T) -> None:
    expected = """\
CEO [a:102:2.2:5]
РОП [a:102:2.2:4]
Менеджер продаж [a:102:2.2:2]
Не знаю [a:102:2.2:0]
« К вопросам [e:12:2::1]"""
    assert layout(keyboards.question(ru, AT_CONTACT, editing=True)) == expected


def test_the_choice_question_being_edited_returns_to_its_section_en(en: T) -> None:
    expected = """\
CEO [a:102:2.2:5]
Head of sales [a:102:2.2:4]
Sales manager [a:102:2.2:2]
Don't know [a:102:2.2:0]
« To questions [e:12:2::1]"""
    assert layout(keyboards.question(en, AT_CONTACT, editing=True)) == expected


def test_a_private_card_offers_the_ranking_editing_and_sharing_ru(ru: T) -> None:
    expected = """\
🏆 Рейтинг [k:0] | ✏️ Изменить ответы [e:11:0::0]
↗️ Поделиться [inline 'Globex']"""
    assert layout(keyboards.card(ru, GLOBEX, resume_id=None)) == expected


def test_a_private_card_offers_the_ranking_editing_and_sharing_en(en: T) -> None:
    expected = """\
🏆 Ranking [k:0] | ✏️ Edit answers [e:11:0::0]
↗️ Share [inline 'Globex']"""
    assert layout(keyboards.card(en, GLOBEX, resume_id=None)) == expected


def test_an_unfinished_card_offers_to_continue_first_ru(ru: T) -> None:
    expected = """\
▶ Продолжить [r:102]
🏆 Рейтинг [k:0] | ✏️ Изменить ответы [e:12:0::0]
↗️ Поделиться [inline 'Initech']"""
    assert layout(keyboards.card(ru, INITECH, resume_id=ANNA_INITECH.id)) == expected


def test_an_unfinished_card_offers_to_continue_first_en(en: T) -> None:
    expected = """\
▶ Continue [r:102]
🏆 Ranking [k:0] | ✏️ Edit answers [e:12:0::0]
↗️ Share [inline 'Initech']"""
    assert layout(keyboards.card(en, INITECH, resume_id=ANNA_INITECH.id)) == expected


def test_a_teams_partner_seen_alone_is_edited_not_ranked_ru(ru: T) -> None:
    expected = """\
✏️ Изменить ответы [e:23:0::0]
↗️ Поделиться [inline 'Umbrella']"""
    assert layout(keyboards.card(ru, UMBRELLA, resume_id=None, own=True)) == expected


def test_a_teams_partner_seen_alone_is_edited_not_ranked_en(en: T) -> None:
    expected = """\
✏️ Edit answers [e:23:0::0]
↗️ Share [inline 'Umbrella']"""
    assert layout(keyboards.card(en, UMBRELLA, resume_id=None, own=True)) == expected


def test_a_group_card_links_to_a_private_chat_and_the_teams_answers_ru(ru: T) -> None:
    expected = """\
🏆 Рейтинг [k:0] | ✍️ Оценить в личном чате [url https://t.me/PartnerFitBot?start=Zk3xQ9]
📊 Ответы команды [w:21]
↗️ Поделиться [inline 'Acme']"""
    assert layout(keyboards.card(ru, ACME, resume_id=None, assess_url=URL, team=True)) == expected


def test_a_group_card_links_to_a_private_chat_and_the_teams_answers_en(en: T) -> None:
    expected = """\
🏆 Ranking [k:0] | ✍️ Assess in a private chat [url https://t.me/PartnerFitBot?start=Zk3xQ9]
📊 Team's answers [w:21]
↗️ Share [inline 'Acme']"""
    assert layout(keyboards.card(en, ACME, resume_id=None, assess_url=URL, team=True)) == expected


def test_a_team_card_offers_discussion_evidence_and_the_decision_ru(ru: T) -> None:
    expected = """\
🏆 Рейтинг [k:0] | ✍️ Оценить в личном чате [url https://t.me/PartnerFitBot?start=Zk3xQ9]
📊 Ответы команды [w:21]
🗣 Обсудить (3) [T:21:0] | 📎 Вложения (2) [E:21:0]
🎯 Решение [P:21:menu] | ↗️ Поделиться [inline 'Acme']"""
    markup = keyboards.card(
        ru, ACME, resume_id=None, assess_url=URL, team=True, discuss=3, evidence=2, decide=""
    )
    assert layout(markup) == expected
    decided = keyboards.card(ru, ACME, resume_id=None, assess_url=URL, decide="🧪")
    assert (
        layout(decided).splitlines()[-1] == "🧪 Решение [P:21:menu] | ↗️ Поделиться [inline 'Acme']"
    )


def test_a_ranking_offers_filters_by_decision_en(en: T) -> None:
    markup = keyboards.ranking(en, ranking_page(RANKED, 1), 1, 2, chart=True, show="focus")
    rows = layout(markup).splitlines()
    assert rows[-4:-1] == [
        "▶ [F:focus:2]",
        "All [F:all:1] | • 🎯 Focus only [F:focus:1]",
        "Not decided [F:undecided:1] | Hide rejected [F:hide_rejected:1]",
    ]


def test_a_ranking_page_opens_each_card_and_pages_on_ru(ru: T) -> None:
    expected = """\
1. Northwind [c:31] | =2. Wayne [c:34]
=2. <b>Acme & "Co"</b> [c:32] | 4. Stark Industries [c:33]
=5. Globex [c:11] | =5. Hooli [c:35]
7. Cyberdyne [c:37] | 8. Soylent [c:38]
9. Tyrell [c:39] | ? Initech [c:12]
▶ [k:2]
🔮 Что если… [f:pick:0:] | 📊 График [g]"""
    assert layout(keyboards.ranking(ru, ranking_page(RANKED, 1), 1, 2, chart=True)) == expected


def test_a_ranking_page_opens_each_card_and_pages_on_en(en: T) -> None:
    expected = """\
1. Northwind [c:31] | =2. Wayne [c:34]
=2. <b>Acme & "Co"</b> [c:32] | 4. Stark Industries [c:33]
=5. Globex [c:11] | =5. Hooli [c:35]
7. Cyberdyne [c:37] | 8. Soylent [c:38]
9. Tyrell [c:39] | ? Initech [c:12]
▶ [k:2]
🔮 What if… [f:pick:0:] | 📊 Chart [g]"""
    assert layout(keyboards.ranking(en, ranking_page(RANKED, 1), 1, 2, chart=True)) == expected
