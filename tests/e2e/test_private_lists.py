"""The team's list in private (PRODUCT.md §8): a person in teams picks which list their
private /ranking, /card, /partners, /compare and /export work on, and the pick holds for 30
minutes; a team partner's name given to /new asks instead of duplicating.

Sales team: Vera (creator, a lead), Anna and Boris. Marketing: Anna (creator) and Boris.
Anna also has a list of her own.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook

from bot.telegram import callbacks as cb
from questionnaire.model import Questionnaire
from storage.repositories import utcnow
from tests.botapi import BotAPIEmulator, BotMessage, Group, ScriptedUser
from tests.e2e.driver import answer_all, button_label, payload_of
from tests.e2e.harness import Running, start_bot

PICK = "С каким лонг-листом работаем?\nВыбор запомню на 30 минут, сменить — /list."
PICK_BUTTONS = ["👤 Мой лонг-лист", "👥 Marketing", "👥 Sales team"]
TODO = """📋 Ждут вашей оценки: 3

1. «Delta» · Marketing · отвечено 3 из 24
2. «Own Co» · мой лонг-лист · отвечено 2 из 24
3. «Acme» · Sales team · не начата

Кнопка под списком открывает следующий вопрос."""
RANKING = """🏆 Рейтинг: 2 партнёра
# Партнёр    Балл Кат Покр Фл У
? Acme          —   ?   0%  · ·
? Globex        —   ?   0%  · ·"""
SALES_PICKED = "Работаем с лонг-листом группы «Sales team». Сменить — /list."
LEFT_PICK = "Вы больше не состоите в группе «Sales team» — её лонг-лист для вас закрыт.\n\n" + PICK
IMPORTED = """✅ Добавлено в лонг-лист: 4 партнёра.

Не добавлено (1):
• строка 5: «Hooli» — оценщиков 6, а на одного партнёра я назначаю не больше 5

👥 Назначил оценщиков: Anna (@anna) — 2 партнёра, Boris (@boris) — 1 партнёр.
⏳ Назначу, как только появятся в группе (вступят в неё, отправят команду или нажмут кнопку): \
@dasha — 1 партнёр.
Не назначил — нет в группе: @oleg.

Каждый оценивает партнёров в личном чате со мной: кнопка «✍️ Оценить в личном чате» — в \
карточке партнёра (/card Название или рейтинг по кнопке ниже)."""
LEFT_ALERT = (
    "Вы больше не состоите в группе «Sales team» — её лонг-лист для вас закрыт, ничего не "
    "сохранено."
)


@dataclass
class People:
    sales: Group
    marketing: Group
    vera: ScriptedUser
    anna: ScriptedUser
    boris: ScriptedUser


class Clock:
    """The list pick's clock, moved by the test: nobody waits half an hour."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def move(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(running: Running) -> Clock:
    clock = Clock()
    running.app.dispatcher["teams"].clock = clock
    return clock


@pytest.fixture
async def people(running: Running) -> People:
    emu = running.emu
    vera = emu.user(1003, "Vera", username="vera", language_code="ru")
    anna = emu.user(1001, "Anna", username="anna", language_code="ru")
    boris = emu.user(1002, "Boris", username="boris", language_code="ru")
    sales = emu.group(-4001, "Sales team", members=[vera, anna, boris], type="supergroup")
    marketing = emu.group(-4002, "Marketing", members=[anna, boris], type="supergroup")
    for user in (vera, anna, boris):
        await user.send("/start")
    return People(sales, marketing, vera, anna, boris)


async def add(user: ScriptedUser, group: Group, name: str) -> str:
    added = await user.send(f"/new {name}", chat=group)
    return payload_of(added[-1].buttons[0][0]["url"])


def data_of(message: BotMessage, label: str) -> str:
    [data] = [b["callback_data"] for row in message.buttons for b in row if b["text"] == label]
    return str(data)


def labels(message: BotMessage) -> list[str]:
    return [b["text"] for row in message.buttons for b in row]


async def lists(people: People, questionnaire: Questionnaire) -> None:
    """Sales team: Acme (Vera's, Anna assigned) and Globex (Anna's); Marketing: Delta (Anna's,
    three answers of hers); Anna's own list: Own Co (two answers)."""
    anna, sales, marketing = people.anna, people.sales, people.marketing
    await add(people.vera, sales, "Acme")
    await add(anna, sales, "Globex")  # the bot has seen her in both groups
    delta = await add(anna, marketing, "Delta")
    await people.vera.send("/assign Acme @anna", chat=sales)
    await anna.send(f"/start {delta}")
    await anna.press("Нет")
    await answer_all(anna, questionnaire, {}, stop_after=3)
    await anna.send("/new Own Co")
    await anna.press("Нет")
    await answer_all(anna, questionnaire, {}, stop_after=2)


async def test_todo_lists_work_from_both_teams_and_the_own_list(
    people: People, questionnaire: Questionnaire
) -> None:
    await lists(people, questionnaire)
    replies = await people.anna.send("/todo")
    assert [m.text for m in replies] == [TODO]  # no pick: /todo spans every list


async def test_ranking_asks_which_list_and_the_pick_holds_for_30_minutes(
    people: People, clock: Clock, questionnaire: Questionnaire
) -> None:
    anna = people.anna
    await lists(people, questionnaire)
    asked = await anna.send("/ranking")
    assert [m.text for m in asked] == [PICK]
    assert labels(asked[0]) == PICK_BUTTONS
    picked = await anna.press("👥 Sales team")
    assert picked.answered
    assert [m.text.split("\nКат — ")[0] for m in picked.messages] == [SALES_PICKED, RANKING]
    assert button_label("what_if") not in labels(picked.messages[-1])  # tried in the group
    pressed = await anna.press(labels(picked.messages[-1])[0])  # Acme, from the team's ranking
    assert pressed.messages[-1].text.startswith("🤝 Acme\nОтветов ещё нет.")
    print("\n" + "\n---\n".join(m.text for m in [*asked, *picked.messages]))

    clock.move(minutes=29)
    card = await anna.send("/card Acme")  # the pick holds: the team's card, nothing asked
    assert [m.kind for m in card] == ["text"]
    assert card[0].text.startswith("🤝 Acme\nОтветов ещё нет.")
    assert "▶ Продолжить" not in card[0].button_texts  # she has not started Acme

    clock.move(minutes=2)  # 31 minutes after the pick: a page of the ranking asks again
    turned = await anna.press_data(picked.messages[-1], cb.Ranking(page=2).pack())
    assert turned.text == "Выбор лонг-листа истёк — выберите его снова."
    assert [m.text for m in turned.messages] == [PICK]
    again = await anna.send("/card Acme")  # and so does a command, which goes on once picked
    assert [m.text for m in again] == [PICK]
    shown = await anna.press("👥 Sales team", message=again[0])
    assert shown.messages[0].text == SALES_PICKED
    assert shown.messages[-1].text.startswith("🤝 Acme\n")


async def test_compare_partners_and_export_work_on_the_list_picked(
    running: Running, people: People, questionnaire: Questionnaire
) -> None:
    anna = people.anna
    await lists(people, questionnaire)
    await anna.send("/compare Acme | Globex")
    compared = await anna.press("👥 Sales team")
    assert compared.messages[-1].text.startswith("⚖️ Acme и Globex\n")
    listed = await anna.send("/partners")
    assert [labels(m) for m in listed] == [["Acme", "Globex"]]
    await anna.press("Globex")
    await anna.press(button_label("rename"))
    renamed = await anna.send("Globex Inc")  # the team's partner, renamed from private
    assert renamed[-1].text == "Переименовал: «Globex» → «Globex Inc»."
    async with running.app.db.read() as tx:
        group = await tx.workspace(people.sales.id)
        assert group is not None
        assert [p.name for p in await tx.partners(group.id)] == ["Acme", "Globex Inc"]
    exported = await anna.send("/export")
    assert [m.text for m in exported] == ["Лонг-лист: 2 партнёра, все ответы и заметки."]

    switch = await anna.send("/list")  # switching within the 30 minutes
    assert [m.text for m in switch] == [
        "С каким лонг-листом работаем? Сейчас — лонг-лист группы «Sales team».\n"
        "Выбор запомню на 30 минут, сменить — /list."
    ]
    mine = await anna.press("👤 Мой лонг-лист")
    assert [m.text for m in mine.messages] == ["Работаем с вашим лонг-листом. Сменить — /list."]
    listed = await anna.send("/partners")
    assert [labels(m) for m in listed] == [["Own Co"]]


async def test_a_former_member_is_told_and_not_offered_the_team_again(
    running: Running, people: People
) -> None:
    boris, sales = people.boris, people.sales
    await add(people.vera, sales, "Acme")
    await boris.send("/ranking", chat=sales)
    await boris.send("/ranking", chat=people.marketing)  # seen in both groups
    first = await boris.send("/ranking")
    await boris.press("👥 Sales team")
    await running.emu.leave_group(sales, boris)
    sales.let_read(boris)

    replies = await boris.send("/card Acme")  # within the 30 minutes
    assert [m.text for m in replies] == [LEFT_PICK]
    assert labels(replies[0]) == ["👤 Мой лонг-лист", "👥 Marketing"]
    sales_button = data_of(first[0], "👥 Sales team")
    stale = await boris.press_data(first[0], sales_button)  # the pick of before
    assert stale.text == LEFT_ALERT
    assert stale.messages == []
    went_on = await boris.press("👥 Marketing")
    assert [m.text for m in went_on.messages] == [
        "Работаем с лонг-листом группы «Marketing». Сменить — /list.",
        "Не нашёл партнёра «Acme». /partners — список.",
    ]


async def test_a_forged_pick_names_no_list(running: Running, people: People) -> None:
    """Someone else's own list, or no list at all: the stale-button answer, nothing shown."""
    anna, boris = people.anna, people.boris
    await add(people.vera, people.sales, "Acme")
    await anna.send("/ranking", chat=people.sales)
    asked = await anna.send("/ranking")
    async with running.app.db.read() as tx:
        his = await tx.workspace(boris.id)
    assert his is not None
    for forged in (cb.PickList(workspace=his.id), cb.PickList(workspace=10**6)):
        pressed = await anna.press_data(asked[0], forged.pack())
        assert pressed.text == "Эта кнопка больше не действует."
        assert pressed.messages == []


async def test_a_person_in_no_team_goes_straight_to_their_own_list(running: Running) -> None:
    oleg = running.emu.user(1666, "Oleg", language_code="ru")
    await oleg.send("/new Initech")
    ranking = await oleg.send("/ranking")
    assert ranking[0].text.startswith("🏆 Рейтинг: 1 партнёр\n")
    switch = await oleg.send("/list")
    assert [m.text for m in switch] == [
        "Вы пока не состоите ни в одной группе со мной, так что /ranking, /partners, /card, "
        "/compare и /export — всегда по вашему лонг-листу."
    ]


async def test_new_of_a_team_partners_name_asks_instead_of_duplicating(
    running: Running, people: People
) -> None:
    await add(people.vera, people.sales, "Интегра Софт")
    await people.anna.send("/ranking", chat=people.sales)
    asked = await people.anna.send("/new «интегра софт»")
    assert [m.text for m in asked] == [
        "«Интегра Софт» уже есть в лонг-листе группы «Sales team». "
        "Оценить его для группы или начать свою, отдельную оценку?"
    ]
    async with running.app.db.read() as tx:
        own = await tx.workspace(people.anna.id)
        assert own is not None
        assert await tx.partners(own.id) == []


async def test_one_of_my_own_is_not_refused_after_leaving_the_team(
    running: Running, people: People
) -> None:
    """Regression: "One of my own" needs no team, so leaving it does not refuse the choice."""
    boris, sales = people.boris, people.sales
    await add(people.vera, sales, "Acme")
    await boris.send("/ranking", chat=sales)
    await boris.send("/new Acme")
    await running.emu.leave_group(sales, boris)
    own = await boris.press("Свою отдельную оценку")
    assert own.text is None  # no refusal
    assert own.messages[1].text.startswith("Оцениваем «Acme».")
    async with running.app.db.read() as tx:
        home = await tx.workspace(boris.id)
        assert home is not None
        assert [p.name for p in await tx.partners(home.id)] == ["Acme"]


# --- assessors from an imported file ---------------------------------------------------------


def workbook(*rows: tuple[object, ...]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def test_an_xlsx_assigns_its_assessors_and_a_pending_one_once_seen(
    running: Running, people: People
) -> None:
    """Vera (a lead) sends the longlist with assessors: members the bot knows are assigned at
    once; Dasha, in the group but not seen by the bot yet, once she writes there; Oleg, known
    but not in the group, is not."""
    vera, sales = people.vera, people.sales
    dasha = running.emu.user(1004, "Dasha", username="dasha", language_code="ru")
    sales.add_member(dasha)
    oleg = running.emu.user(1666, "Oleg", username="oleg", language_code="ru")
    await oleg.send("/start")
    await people.anna.send("/ranking", chat=sales)
    await people.boris.send("/ranking", chat=sales)  # both seen in the group
    crowd = " ".join(f"@person{i}" for i in range(6))
    data = workbook(
        ("Название", "Технологический", "Оценщики"),
        ("Acme", "нет", "@anna @Boris"),
        ("Globex", "да", "@dasha, @anna"),
        ("Initech", None, "@oleg"),
        ("Hooli", "нет", crowd),
        ("Umbrella", "нет", None),
    )
    replies = await vera.send_document("Лонг-лист.xlsx", data, caption="/new", chat=sales)
    assert [m.text for m in replies] == [IMPORTED]
    print("\n" + replies[0].text)

    acme = await vera.send("/assign Acme", chat=sales)
    assert [m.text for m in acme] == ["Оценивают «Acme»: Anna (@anna), Boris (@boris)."]
    globex = await vera.send("/assign Globex", chat=sales)
    assert [m.text for m in globex] == [
        "Оценивают «Globex»: Anna (@anna).\n"
        "Назначу @dasha, как только появится в группе: вступит в неё, отправит команду или "
        "нажмёт кнопку."
    ]

    await dasha.press("🏆 Рейтинг", chat=sales)  # first seen in the group: on the summary
    globex = await vera.send("/assign Globex", chat=sales)
    assert [m.text for m in globex] == ["Оценивают «Globex»: Anna (@anna), Dasha (@dasha)."]
    todo = await dasha.send("/todo")
    assert "1. «Globex» · Sales team · не начата" in todo[0].text
    initech = await vera.send("/assign Initech", chat=sales)
    assert initech[0].text.startswith("На «Initech» пока никто не назначен")


async def test_assign_of_someone_not_seen_yet_assigns_them_once_they_appear(
    running: Running, people: People
) -> None:
    vera, sales = people.vera, people.sales
    await add(vera, sales, "Acme")
    dasha = running.emu.user(1004, "Dasha", username="dasha", language_code="ru")
    sales.add_member(dasha)
    replies = await vera.send("/assign Acme @Dasha", chat=sales)
    assert [m.text for m in replies] == [
        "На «Acme» пока никто не назначен — оценить может любой из команды.\n"
        "Назначу @Dasha, как только появится в группе: вступит в неё, отправит команду или нажмёт "
        "кнопку."
    ]
    await dasha.send("/ranking", chat=sales)
    replies = await vera.send("/assign Acme", chat=sales)
    assert [m.text for m in replies] == ["Оценивают «Acme»: Dasha (@dasha)."]


async def test_someone_named_before_they_join_is_assigned_as_they_join(
    running: Running, people: People
) -> None:
    vera, sales, emu = people.vera, people.sales, running.emu
    await add(vera, sales, "Acme")
    dasha = emu.user(1004, "Dasha", username="dasha", language_code="ru")
    await vera.send("/assign Acme @dasha", chat=sales)
    sales.add_member(dasha)  # Vera adds her: Telegram posts that Dasha joined
    joined = {"new_chat_members": [emu.world.user_json(dasha.id)]}
    await emu._wait(emu._enqueue_user_message(sales.record, vera.id, joined, "joined"), None)
    replies = await vera.send("/assign Acme", chat=sales)
    assert [m.text for m in replies] == ["Оценивают «Acme»: Dasha (@dasha)."]


async def test_the_pick_holds_across_a_restart(emu: BotAPIEmulator, tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    first = await start_bot(emu, database)
    vera = emu.user(1003, "Vera", language_code="ru")
    anna = emu.user(1001, "Anna", language_code="ru")
    sales = emu.group(-4001, "Sales team", members=[vera, anna], type="supergroup")
    await add(anna, sales, "Acme")
    await anna.send("/ranking")
    await anna.press("👥 Sales team")
    await first.stop()

    second = await start_bot(emu, database)
    try:
        card = await anna.send("/card Acme")  # no asking: the pick was kept in SQLite
        assert [m.text.split("\n")[0] for m in card] == ["🤝 Acme"]
    finally:
        await second.stop()


async def test_a_member_assigns_from_a_file_only_the_partners_they_added(
    people: People,
) -> None:
    vera, boris, sales = people.vera, people.boris, people.sales
    await add(vera, sales, "Acme")
    await people.anna.send("/ranking", chat=sales)
    data = workbook(("Acme", "нет", "@anna"), ("Globex", "нет", "@anna"))
    replies = await boris.send_document("list.xlsx", data, caption="/new", chat=sales)
    assert "👥 Назначил оценщиков: Anna (@anna) — 1 партнёр.\n" in replies[0].text
    assert (
        "Оценщиков для 1 партнёра, добавленного другими, не назначил: это может администратор "
        "группы или тот, кто добавил партнёра."
    ) in replies[0].text
    acme = await vera.send("/assign Acme", chat=sales)
    assert acme[0].text.startswith("На «Acme» пока никто не назначен")
