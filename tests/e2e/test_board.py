"""The group's progress board (PRODUCT.md §8): one message kept up to date in place.

Sales team: Vera (its creator, a lead), Anna and Boris (members). The board's five seconds
between edits run on a clock the test moves: nobody waits for real time.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.dialog.board import Boards
from bot.render.format import telegram_length
from questionnaire.model import Questionnaire
from tests.botapi import BotAPIEmulator, BotMessage, Group, ScriptedUser
from tests.data import BASE
from tests.e2e.driver import answer_all, payload_of
from tests.e2e.harness import Running, start_bot

PICK = "🙋 Возьму на оценку"
DONE = "✔️ Готово"
MOVED = "📋 Доска оценок переехала ниже ⬇️"
LEGEND = "✅ готово; ◐ 5/24 — отвечено из; · назначен(а), ещё не начал(а)"
PARTNERS = ["Acme", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"]


class FakeTime:
    """The board's clock and sleep: time passes when the test says so."""

    def __init__(self) -> None:
        self.now = time.monotonic()  # not behind what the real clock may have recorded
        self._moved = asyncio.Condition()

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        until = self.now + seconds
        async with self._moved:
            await self._moved.wait_for(lambda: self.now >= until)

    async def advance(self, seconds: float) -> None:
        self.now += seconds
        async with self._moved:
            self._moved.notify_all()


@dataclass
class Team:
    running: Running
    group: Group
    vera: ScriptedUser
    anna: ScriptedUser
    boris: ScriptedUser
    time: FakeTime

    @property
    def boards(self) -> Boards:
        boards: Boards = self.running.app.dispatcher["boards"]
        return boards

    async def settle(self) -> None:
        """Let the board's five seconds pass, and its refresh be made."""
        await self.time.advance(Boards.WINDOW)
        await self.boards.settled()

    def board(self) -> BotMessage:
        """The live board: the latest message that is one."""
        shown = [m for m in self.group.messages if m.text.startswith("📋 Доска оценок")]
        assert shown[-1].text != MOVED
        return shown[-1]


def use_fake_time(running: Running) -> FakeTime:
    fake = FakeTime()
    boards: Boards = running.app.dispatcher["boards"]
    boards.clock, boards.sleep = fake, fake.sleep
    return fake


def people(emu: BotAPIEmulator) -> tuple[ScriptedUser, ScriptedUser, ScriptedUser]:
    vera = emu.user(1003, "Vera", username="vera", language_code="ru")
    anna = emu.user(1001, "Anna", username="anna", language_code="ru")
    boris = emu.user(1002, "Boris", username="boris", language_code="ru")
    return vera, anna, boris


@pytest.fixture
async def team(running: Running) -> Team:
    vera, anna, boris = people(running.emu)
    group = running.emu.group(
        -4001, "Sales team", [vera, anna, boris], type="supergroup", bot_status="administrator"
    )
    for person in (vera, anna, boris):
        await person.send("/start")
    return Team(running, group, vera, anna, boris, use_fake_time(running))


async def assess(
    person: ScriptedUser, q: Questionnaire, name: str, answers: int | None, link: str = ""
) -> None:
    """The person opens the team's partner as a person would: by its `link` (the button under
    /new in the group), from /todo when it waits for them there, or by /new of its name ("for
    the group"); and answers `answers` questions (None: all that are left)."""
    todo = (await person.send("/todo"))[-1]
    mine = [b for b in todo.button_texts if b.startswith(f"▶ {name}: ")]
    if link:
        await person.send(f"/start {link}")
    elif mine:
        await person.press(mine[0], message=todo)
    else:
        await person.send(f"/new {name}")
        await person.press("Для группы «Sales team»")
    if "технологическое" in person.last.text:
        await person.press("Нет")
    if answers != 0:
        await answer_all(person, q, BASE, stop_after=answers)


async def add(person: ScriptedUser, group: Group, name: str) -> str:
    """/new in the group; the payload of the link it posts."""
    added = await person.send(f"/new {name}", chat=group)
    return payload_of(added[-1].buttons[0][0]["url"])


async def set_deadline(team: Team, days: int) -> None:
    """Vera, a lead, sets the deadline `days` from today (the group's zone: Moscow)."""
    day = datetime.now(UTC).astimezone(ZoneInfo("Europe/Moscow")).date() + timedelta(days=days)
    (told,) = await team.vera.send(f"/deadline {day:%d.%m.%Y}", chat=team.group)
    assert told.text.startswith("⏳ Срок оценки — ")


def rows(board: BotMessage) -> list[str]:
    return [line for line in board.text.split("\n") if line[:1].isdigit()]


async def test_three_people_six_partners_one_board_edited_in_place(
    team: Team, questionnaire: Questionnaire
) -> None:
    group, vera, anna, boris = team.group, team.vera, team.anna, team.boris
    await vera.send("/new " + "\n".join(PARTNERS), chat=group)
    await set_deadline(team, 5)
    await vera.send("/board", chat=group)
    board = team.board()
    assert board.pinned
    deadline = (datetime.now(UTC).astimezone(ZoneInfo("Europe/Moscow")) + timedelta(days=5)).date()
    assert board.text.split("\n")[:3] == [
        "📋 Доска оценок",
        f"⏰ Срок — {deadline:%d.%m}, осталось 5 дней",
        "Готово 0 из 0",
    ]
    assert rows(board) == [
        f"{n}. {name}: никто не взялся" for n, name in enumerate(sorted(PARTNERS), 1)
    ]
    assert board.button_texts == [PICK]

    await vera.send("/assign Acme @anna @boris", chat=group)
    await vera.send("/assign Beta @boris", chat=group)
    await anna.press(PICK, message=board, chat=group)  # the picker: this page's partners
    assert team.board().button_texts == [
        "1. Acme", "2. Beta", "3. Delta", "4. Epsilon", "5. Gamma", "6. Zeta", DONE
    ]  # fmt: skip
    picked = await anna.press("5. Gamma", message=board, chat=group)
    assert picked.text == (
        "Записал: вы оцениваете «Gamma». Вопросы — в личном чате со мной, по /todo."
    )
    await anna.press(DONE, message=board, chat=group)
    await team.settle()
    assert rows(team.board()) == [
        "1. Acme: · Anna, · Boris",
        "2. Beta: · Boris",
        "3. Delta: никто не взялся",
        "4. Epsilon: никто не взялся",
        "5. Gamma: · Anna",
        "6. Zeta: никто не взялся",
    ]

    await assess(anna, questionnaire, "Acme", None)
    await assess(boris, questionnaire, "Acme", 11)
    await team.settle()
    shown = team.board()
    assert shown.text.split("\n")[2] == "Готово 1 из 4"
    assert rows(shown)[0] == "1. Acme: ✅ Anna, ◐ Boris 11/24"  # no tier: Boris is not done

    await assess(boris, questionnaire, "Acme", None)
    await assess(boris, questionnaire, "Beta", None)
    await assess(vera, questionnaire, "Delta", 0)  # opened, answered nothing: not an assessor
    await vera.send("/cancel")
    await assess(vera, questionnaire, "Epsilon", None)
    await assess(anna, questionnaire, "Gamma", 5)
    await team.settle()
    shown = team.board()
    assert shown.message_id == board.message_id
    assert shown.text.split("\n")[2] == "Готово 4 из 5"
    assert rows(shown) == [
        "1. Acme — A: ✅ Anna, ✅ Boris",
        "2. Beta — A: ✅ Boris",
        "3. Delta: никто не взялся",
        "4. Epsilon — A: ✅ Vera",
        "5. Gamma: ◐ Anna 5/24",
        "6. Zeta: никто не взялся",
    ]
    assert shown.text.endswith("\n\n" + LEGEND)
    boards = [m for m in group.messages if m.text.startswith("📋")]
    assert len(boards) == 1  # no reposts
    posts = [m.text for m in group.messages]
    print(f"\nthe group's bot posts: {len(posts)}; the board's edits: {shown.edit_count}")
    for n, text in enumerate(posts, 1):
        print(f"--- post {n}\n{text}")
    assert len(posts) <= 10
    assert 3 <= shown.edit_count <= 6
    assert shown.pinned


async def test_many_answers_within_five_seconds_are_one_edit_then_the_last_state(
    team: Team, questionnaire: Questionnaire
) -> None:
    group, anna = team.group, team.anna
    link = await add(team.vera, group, "Acme")
    await team.vera.send("/board", chat=group)
    board = team.board()
    await assess(anna, questionnaire, "Acme", 1, link)  # within the board's first 5 s: it waits
    await asyncio.sleep(0.01)
    assert team.board().edit_count == 0
    await team.time.advance(3)
    await answer_all(anna, questionnaire, BASE, stop_after=9)
    assert team.board().edit_count == 0
    await team.time.advance(2)  # the 5 s are over: one edit, of the state now
    await team.boards.settled()
    assert team.board().edit_count == 1
    assert rows(team.board()) == ["1. Acme: ◐ Anna 10/24"]

    await answer_all(anna, questionnaire, BASE, stop_after=3)
    await team.time.advance(4)
    await asyncio.sleep(0.01)
    assert team.board().edit_count == 1  # the next one waits for its 5 s
    await team.time.advance(1)
    await team.boards.settled()
    shown = team.board()
    assert (shown.edit_count, rows(shown)) == (2, ["1. Acme: ◐ Anna 13/24"])
    assert shown.message_id == board.message_id

    await team.settle()  # nothing changed: nothing is edited
    assert team.board().edit_count == 2


async def test_a_long_list_pages_and_every_page_fits_a_message(running: Running) -> None:
    emu = running.emu
    names = [
        "Александра-Виктория", "Константин-Максимилиан", "Анастасия Владимировна",
        "Святослав Ярославович", "Елизавета-Екатерина", "Вячеслав Всеволодович",
        "Христофор Бонифатьевич",
    ]  # fmt: skip
    people = [
        emu.user(2000 + n, name, username=f"user{n}", language_code="ru")
        for n, name in enumerate(names)
    ]
    group = emu.group(-4002, "Big team", people, type="supergroup")
    for person in people:
        await person.send("/start")
    lead = people[0]
    partners = [
        f"Партнёр {n:02} <ООО> & «Очень длинное название из длинного списка»" for n in range(50)
    ]
    await lead.send("/new " + "\n".join(partners), chat=group)
    async with running.app.db.transaction() as tx:
        workspace = await tx.workspace(group.id)
        assert workspace is not None
        listed = await tx.partners(workspace.id)
        for n, partner in enumerate(listed):
            await tx.assign(partner.id, [p.id for p in people], lead.id)
            for person in people[: n % 8]:  # some part-way: the longest marks
                assessment = await tx.start_assessment(partner.id, person.id)
                for question in list(BASE)[:23]:
                    await tx.save_answer(assessment.id, question, 4)
    await lead.send("/board", chat=group)
    board = [m for m in group.messages if m.text.startswith("📋")][-1]
    seen: list[str] = []
    lengths = []
    for page in range(1, 6):
        shown = group.record.bot_messages[board.message_id]
        assert shown.text.startswith(f"📋 Доска оценок · стр. {page} из 5\n"), shown.text[:60]
        lengths.append(telegram_length(shown.text))
        assert len(rows(shown)) == 10
        assert "&lt;ООО&gt; &amp;" in shown.html  # names are escaped
        seen += [row.split(".")[0] for row in rows(shown)]
        if page == 3:
            await lead.press(PICK, message=shown, chat=group)
            picker = group.record.bot_messages[board.message_id]
            assert picker.button_texts[:2] == [
                "21. Партнёр 20 <ООО> &…",
                "22. Партнёр 21 <ООО> &…",
            ]
            assert picker.button_texts[-3:] == ["◀", "▶", DONE]
            await lead.press(DONE, message=picker, chat=group)
        if page < 5:
            await lead.press("▶", message=shown, chat=group)
    assert seen == [str(n) for n in range(1, 51)]
    print(f"\npages of 50 partners × 7 assessors: {lengths} characters")
    assert max(lengths) <= 4096
    assert "◐ Александра-… 23/24" in group.record.bot_messages[board.message_id].text
    await lead.press("◀", message=board, chat=group)
    assert group.record.bot_messages[board.message_id].text.startswith(
        "📋 Доска оценок · стр. 4 из 5\n"
    )


async def test_a_second_board_moves_it_below_and_the_old_one_stops(
    team: Team, questionnaire: Questionnaire
) -> None:
    group = team.group
    link = await add(team.vera, group, "Acme")
    await team.vera.send("/board", chat=group)
    first = team.board()
    await team.anna.send("/board", chat=group)  # any member may
    old = group.record.bot_messages[first.message_id]
    assert (old.text, old.button_texts, old.pinned) == (MOVED, [], False)
    second = team.board()
    assert second.message_id > first.message_id
    assert second.pinned
    edits = old.edit_count
    await assess(team.anna, questionnaire, "Acme", 3, link)
    await team.settle()
    assert group.record.bot_messages[first.message_id].edit_count == edits
    assert rows(team.board()) == ["1. Acme: ◐ Anna 3/24"]
    refused = await team.anna.press_data(old, "b:1:1")
    assert refused.text == "Доска переехала ниже — пользуйтесь новой."


async def test_a_restart_keeps_editing_the_same_message(
    emu: BotAPIEmulator, tmp_path: Path, questionnaire: Questionnaire
) -> None:
    database = tmp_path / "bot.db"
    first = await start_bot(emu, database)
    vera, anna, boris = people(emu)
    group = emu.group(-4001, "Sales team", [vera, anna, boris], type="supergroup")
    link = await add(vera, group, "Acme")
    await vera.send("/board", chat=group)
    [board] = group.messages[-1:]
    assert not board.pinned  # the bot may not pin here: it says nothing and carries on
    await first.stop()

    second = await start_bot(emu, database)
    try:
        time = use_fake_time(second)
        await assess(anna, questionnaire, "Acme", 2, link)
        await time.advance(Boards.WINDOW)
        await second.app.dispatcher["boards"].settled()
        assert group.messages[-1].message_id == board.message_id  # nothing new posted
        shown = group.record.bot_messages[board.message_id]
        assert rows(shown) == ["1. Acme: ◐ Anna 2/24"]
        assert shown.edit_count == 1
    finally:
        await second.stop()
    assert emu.rejections == []


async def test_a_deleted_board_is_left_alone_until_the_next_board(
    team: Team, questionnaire: Questionnaire
) -> None:
    team.running.emu.forgive("message to edit not found")
    group = team.group
    link = await add(team.vera, group, "Acme")
    await team.vera.send("/board", chat=group)
    board = team.board()
    group.record.bot_messages[board.message_id].deleted = True  # someone deleted it
    count = len(group.messages)
    await assess(team.anna, questionnaire, "Acme", 2, link)
    await team.settle()
    await assess(team.anna, questionnaire, "Acme", 2, link)
    await team.settle()
    assert len(group.messages) == count  # no repost, no crash
    edits = [
        c
        for c in team.running.emu.calls_of("editMessageText")
        if str(c.params.get("chat_id")) == str(group.id)
    ]
    assert len(edits) == 1  # tried once, then forgotten
    await team.boris.send("/board", chat=group)
    assert rows(team.board()) == ["1. Acme: ◐ Anna 4/24"]


async def test_assessors_from_the_partner_menu_and_by_command(team: Team) -> None:
    group, vera, anna = team.group, team.vera, team.anna
    await vera.send("/new Acme", chat=group)
    await vera.send("/board", chat=group)
    for person in (anna, team.boris):
        await person.send("/help", chat=group)  # seen in the group
    await vera.send("/partners", chat=group)
    await vera.press("Acme", chat=group)
    await vera.press("👥 Оценщики", chat=group)
    menu = group.last
    assert menu.text == (
        "👥 Acme: оценщики\n"
        "Пока никто не назначен — оценить может любой из команды.\n\n"
        "Нажмите на человека, чтобы назначить его или снять. В списке — назначенные и те, "
        "кого я видел в группе."
    )
    assert sorted(menu.button_texts) == ["« К партнёру", "➕ Anna", "➕ Boris", "➕ Vera"]
    pressed = await vera.press("➕ Boris", message=menu, chat=group)
    assert pressed.text == "Boris теперь оценивает партнёра."
    assert group.record.bot_messages[menu.message_id].text.split("\n")[1] == "Назначены: Boris."

    await anna.send("/partners", chat=group)
    await anna.press("Acme", chat=group)
    await anna.press("👥 Оценщики", chat=group)  # Anna did not add Acme: she only sees
    seen = group.last
    assert seen.text.endswith(
        "Назначать оценщиков может администратор группы или участник, который добавил «Acme»."
    )
    assert seen.button_texts == ["« К партнёру"]

    await vera.send("/assign Acme @anna", chat=group)
    replies = await vera.send("/assign Acme -@boris -@nobody", chat=group)
    assert [r.text for r in replies] == [
        "Оценивают «Acme»: Anna (@anna).\nБольше не оценивают: Boris (@boris)."
    ]
    await team.settle()
    assert rows(team.board()) == ["1. Acme: · Anna"]


async def test_a_list_added_at_once_and_a_deletion_are_one_edit_each(team: Team) -> None:
    group, vera = team.group, team.vera
    await vera.send("/new Acme", chat=group)
    await vera.send("/board", chat=group)
    await team.settle()
    await vera.send("/new Beta\nGamma\nDelta", chat=group)
    await team.settle()
    shown = team.board()
    assert (shown.edit_count, len(rows(shown))) == (1, 4)
    await vera.send("/partners", chat=group)
    await vera.press("Gamma", chat=group)
    await vera.press("🗑 Удалить", chat=group)
    await vera.press("Да, удалить", chat=group)
    await team.settle()
    shown = team.board()
    assert shown.edit_count == 2
    assert [row.split(":")[0] for row in rows(shown)] == ["1. Acme", "2. Beta", "3. Delta"]


async def test_days_left_turn_with_the_day(team: Team) -> None:
    group = team.group
    await team.vera.send("/new Acme", chat=group)
    await set_deadline(team, 5)
    await team.vera.send("/board", chat=group)
    assert team.board().text.split("\n")[1].endswith("осталось 5 дней")
    progress = team.boards.progress
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    progress.clock = lambda: tomorrow
    await team.boards.run(team.running.app.bot, tomorrow)  # the scheduler's hourly tick
    await team.settle()
    assert team.board().text.split("\n")[1].endswith("осталось 4 дня")


async def test_decisions_and_a_new_deadline_show_on_the_board(team: Team) -> None:
    group, vera = team.group, team.vera
    await vera.send("/new Acme\nBeta", chat=group)
    await vera.send("/board", chat=group)
    board = team.board()
    assert "⏰" not in board.text
    await set_deadline(team, 3)
    card = (await vera.send("/card Acme", chat=group))[-1]
    await vera.press("🎯 Решение", message=card, chat=group)
    await vera.press("🎯 Фокус", message=card, chat=group)
    await team.settle()
    shown = team.board()
    assert shown.message_id == board.message_id
    assert shown.text.split("\n")[1].endswith("осталось 3 дня")
    assert rows(shown) == ["1. 🎯 Acme: никто не взялся", "2. Beta: никто не взялся"]
    assert shown.text.endswith("; решения: 🎯 фокус, 🧪 пилот, ⏸ пауза, ✖️ отказ")
    await vera.send("/deadline off", chat=group)
    await team.settle()
    assert "⏰" not in team.board().text


async def test_an_assessor_named_ahead_shows_once_seen_in_the_group(team: Team) -> None:
    group, vera = team.group, team.vera
    dasha = team.running.emu.user(1004, "Dasha", username="dasha", language_code="ru")
    group.add_member(dasha)
    await add(vera, group, "Acme")
    await vera.send("/assign Acme @dasha", chat=group)  # unknown to the bot yet: waits for her
    await vera.send("/board", chat=group)
    assert rows(team.board()) == ["1. Acme: никто не взялся"]
    await dasha.send("Всем привет!", chat=group)
    await team.settle()
    assert rows(team.board()) == ["1. Acme: · Dasha"]
