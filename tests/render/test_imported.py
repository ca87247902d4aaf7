# ruff: noqa: E501  (the rendered texts' lines are as long as a phone wraps them)
"""The summary of a longlist sent in one go, and the replies that add nothing."""

from __future__ import annotations

import html
import re

from bot.render.imports import SHOWN, summary, summary_buttons, unreadable
from bot.render.texts import T
from bot.services.imports import LIMIT, Batch, Refused, Row, Unreadable
from storage.models import Added
from tests.render.data import GROUP, HOSTILE, PRIVATE, partner

ACME = partner(31, "Acme", technology=False, workspace=GROUP)
GLOBEX = partner(32, "Globex", technology=True, workspace=GROUP)
BATCH = Batch(
    (Row(1, "Acme", False, ("@boris", "@vera_k")), Row(2, "Globex", True, ("@boris",))),
    (
        Refused(3, "too_long", "Я" * 80),
        Refused(4, "technology", "Вектор", "может быть"),
        Refused(5, "assessor", HOSTILE, "Борис"),
        Refused(6, "no_name"),
    ),
)
ADDED = Added((ACME, GLOBEX), ("вектор", HOSTILE))


def test_the_group_summary_counts_lists_and_says_why_ru(ru: T) -> None:
    assert (
        summary(ru, BATCH, ADDED, group=True)
        == """\
✅ Добавлено в лонг-лист: 2 партнёра.
Уже были в лонг-листе (2): «вектор», «&lt;b&gt;Acme &amp; &#34;Co&#34;&lt;/b&gt;».

Не добавлено (4):
• строка 3: «ЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯ…» — длиннее 64 символов
• строка 4: «Вектор» — в столбце «Технологический» «может быть», а нужно «да» или «нет»
• строка 5: «&lt;b&gt;Acme &amp; &#34;Co&#34;&lt;/b&gt;» — «Борис» не похоже на @username оценщика
• строка 6: нет названия

Оценщики из файла: @boris, @vera_k. Назначить их можно командой /assign в группе.

Каждый оценивает партнёров в личном чате со мной: кнопка «✍️ Оценить в личном чате» — в карточке партнёра (/card <i>Название</i> или рейтинг по кнопке ниже)."""
    )


def test_the_group_summary_en(en: T) -> None:
    assert (
        summary(en, BATCH, ADDED, group=True)
        == """\
✅ Added to the longlist: 2 partners.
Already on the longlist (2): “вектор”, “&lt;b&gt;Acme &amp; &#34;Co&#34;&lt;/b&gt;”.

Not added (4):
• line 3: “ЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯ…” is longer than 64 characters
• line 4: “Вектор”: the Technology column says “может быть”, not yes or no
• line 5: “&lt;b&gt;Acme &amp; &#34;Co&#34;&lt;/b&gt;”: “Борис” is not an assessor's @username
• line 6: no name

Assessors in the file: @boris, @vera_k. Assign them with /assign in the group.

Everyone assesses partners in a private chat with me: the “✍️ Assess in a private chat” button is on each partner's card (/card <i>Name</i>, or the ranking from the button below)."""
    )


def test_one_partner_added_in_a_group_keeps_its_assess_button(ru: T) -> None:
    added = Added((ACME,), ("Globex",))
    assert (
        summary(ru, Batch((Row(1, "Acme"), Row(2, "globex"))), added, group=True)
        == """\
✅ Добавлено в лонг-лист: 1 партнёр.
Уже были в лонг-листе (1): «Globex».

Каждый оценивает «Acme» в личном чате со мной: кнопка ниже."""
    )
    markup = summary_buttons(ru, added, "https://t.me/PartnerFitBot?start=abc")
    assert markup is not None
    assert [[b.text for b in row] for row in markup.inline_keyboard] == [
        ["✍️ Оценить в личном чате"]
    ]
    several = summary_buttons(ru, ADDED, None)
    assert several is not None
    assert [[b.text for b in row] for row in several.inline_keyboard] == [["🏆 Рейтинг"]]
    assert summary_buttons(ru, Added((), ("Acme",)), None) is None


def test_in_private_the_summary_says_how_to_start_ru(ru: T) -> None:
    added = Added((partner(1, "Acme", technology=False, workspace=PRIVATE),), ())
    assert (
        summary(ru, Batch((Row(1, "Acme"),)), added, group=False)
        == """\
✅ Добавлено в лонг-лист: 1 партнёр.

Чтобы оценить партнёра, отправьте /new <i>Название</i> — вопросы пойдут по одному."""
    )
    assert summary(ru, Batch((Row(1, "acme"),)), Added((), ("Acme",)), group=False) == (
        "Новых партнёров нет.\nУже были в лонг-листе (1): «Acme»."
    )


def shown_length(text: str) -> int:
    """The length Telegram counts: UTF-16 code units of the text once its HTML is parsed."""
    return len(html.unescape(re.sub(r"<[^>]+>", "", text)).encode("utf-16-le")) // 2


def test_the_longest_summary_fits_a_message(ru: T, en: T) -> None:
    long = "Ж" * 64 + "&<>"
    refused = tuple(Refused(i, "technology", long, long) for i in range(1, LIMIT + 1))
    batch = Batch((Row(1, "x", None, tuple(f"@{'u' * 31}{i}" for i in range(LIMIT))),), refused)
    added = Added((ACME, GLOBEX), tuple(f"{long}{i}" for i in range(LIMIT)))
    for t in (ru, en):
        text = summary(t, batch, added, group=True)
        assert shown_length(text) <= 4096, shown_length(text)
        more = LIMIT - SHOWN
        assert f"…и ещё {more}" in text or f"…and {more} more" in text


def test_why_nothing_was_added_ru(ru: T) -> None:
    assert unreadable(ru, Unreadable("not_table", "Лонг-лист.xlsx")) == (
        "«Лонг-лист.xlsx» не открывается как таблица: файл повреждён или это не .xlsx. "
        "Сохраните его заново как .xlsx или .csv и пришлите снова. Ничего не добавил."
    )
    assert unreadable(ru, Unreadable("binary", "list.csv")) == (
        "«list.csv» — не текст, хотя называется .csv. Сохраните таблицу как CSV (UTF-8) "
        "и пришлите снова. Ничего не добавил."
    )
    assert unreadable(ru, Unreadable("too_many")) == (
        "В списке больше 500 строк, а за раз я добавляю не больше 500 партнёров. "
        "Разделите список на части. Ничего не добавил."
    )
    assert unreadable(ru, Unreadable("too_big", "<b>.csv")) == (
        "Файл «&lt;b&gt;.csv» больше 1 МБ — для лонг-листа до 500 партнёров это слишком много. "
        "Ничего не добавил."
    )
