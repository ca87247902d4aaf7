# ruff: noqa: E501  (the rendered texts' lines are as long as a phone wraps them)
"""A group's progress board: a page of it, exactly, and its buttons."""

from __future__ import annotations

from datetime import date

from bot.render import keyboards
from bot.render.board import assessors_text, board_text
from bot.render.texts import T
from bot.services.model import BoardMark, BoardRow, BoardView

ANNA = BoardMark("Анна", "done", 24, 24)
BORIS = BoardMark("Борис <b>", "started", 11, 24)
VERA = BoardMark("Вера", "waiting", 0, 27)
VIEW = BoardView(
    rows=(
        BoardRow(1, "«Вектор» & Co", (ANNA, BORIS), None),
        BoardRow(2, "Интегра Софт", (ANNA,), "B"),
        BoardRow(3, "Орбита", (), None),
        BoardRow(4, "Полюс", (ANNA, VERA), "-"),
    ),
    done=3,
    expected=5,
    deadline=date(2026, 12, 15),
    days_left=1,
)


def test_a_page_with_its_deadline_count_rows_and_legend(ru: T) -> None:
    assert board_text(ru, VIEW, 1) == (
        "📋 <b>Доска оценок</b>\n"
        "⏰ Срок — 15.12, остался 1 день\n"
        "Готово 3 из 5\n"
        "\n"
        "1. <b>«Вектор» &amp; Co</b>: ✅ Анна, ◐ Борис &lt;b&gt; 11/24\n"
        "2. <b>Интегра Софт</b> — B: ✅ Анна\n"
        "3. <b>Орбита</b>: <i>никто не взялся</i>\n"
        "4. <b>Полюс</b> — мало данных: ✅ Анна, · Вера\n"
        "\n"
        "<i>✅ готово; ◐ 5/24 — отвечено из; · назначен(а), ещё не начал(а)</i>"
    )


def test_the_deadline_today_and_past_and_in_english(ru: T, en: T) -> None:
    today = BoardView((), 0, 0, date(2026, 12, 15), 0)
    past = BoardView((), 0, 0, date(2026, 12, 15), -3)
    assert board_text(ru, today, 1).split("\n")[1] == "⏰ Срок — сегодня, 15.12"
    assert board_text(ru, past, 1).split("\n")[1] == "⏰ Срок прошёл 15.12, 3 дня назад"
    assert board_text(en, past, 1).split("\n")[1] == "⏰ The deadline was 15 Dec, 3 days ago"
    assert board_text(ru, today, 1).endswith(
        "В лонг-листе группы пока нет партнёров. Добавьте: /new <i>Название</i> — можно сразу списком, по строке на партнёра."
    )


def test_many_assessors_on_a_row_are_counted_past_eight(ru: T) -> None:
    crowd = tuple(BoardMark(f"Человек{n}", "waiting", 0, 24) for n in range(11))
    view = BoardView((BoardRow(1, "Acme", crowd, None),), 0, 11, None, None)
    [row] = [line for line in board_text(ru, view, 1).split("\n") if line.startswith("1.")]
    assert row.endswith("· Человек7 +3")


def test_pages_clamp_and_the_buttons_page_or_pick(ru: T) -> None:
    rows = tuple(BoardRow(n, f"P{n}", (), None) for n in range(1, 24))
    view = BoardView(rows, 0, 0, None, None)
    assert board_text(ru, view, 9).startswith("📋 <b>Доска оценок</b> · стр. 3 из 3\n")
    normal = keyboards.board(ru, view, 2)
    assert normal is not None
    assert [[b.text for b in row] for row in normal.inline_keyboard] == [
        ["◀", "▶"], ["🙋 Возьму на оценку"]
    ]  # fmt: skip
    assert [b.callback_data for row in normal.inline_keyboard for b in row] == [
        "b:1:0", "b:3:0", "b:2:1"
    ]  # fmt: skip
    picking = keyboards.board(ru, view, 3, picking=True)
    assert picking is not None
    assert [[b.text for b in row] for row in picking.inline_keyboard] == [
        ["21. P21", "22. P22"], ["23. P23"], ["◀"], ["✔️ Готово"]
    ]  # fmt: skip
    assert picking.inline_keyboard[0][0].callback_data == "i:21"
    assert keyboards.board(ru, BoardView((), 0, 0, None, None), 1) is None


def test_assessors_for_who_may_change_them_and_for_others(ru: T) -> None:
    people = [(1, "Анна", True), (2, "Борис", False)]
    assert assessors_text(ru, "Acme", people, editable=False) == (
        "👥 <b>Acme</b>: оценщики\n"
        "Назначены: Анна.\n"
        "\n"
        "Назначать оценщиков может администратор группы или участник, который добавил «Acme»."
    )
    markup = keyboards.assessors(ru, 7, people, editable=True)
    assert [b.text for row in markup.inline_keyboard for b in row] == [
        "✅ Анна", "➕ Борис", "« К партнёру"
    ]  # fmt: skip
    assert markup.inline_keyboard[0][1].callback_data == "B:7:2"
    read_only = keyboards.assessors(ru, 7, people, editable=False)
    assert [b.text for row in read_only.inline_keyboard for b in row] == ["« К партнёру"]
