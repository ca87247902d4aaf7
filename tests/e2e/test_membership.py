"""Who may do what to a team's list (PRODUCT.md §8): members, leads, and those who left.

The group's creator Vera is a lead; Anna and Boris are members; Oleg was never in the group
but reads it (a public supergroup shows its messages to anyone).
"""

from __future__ import annotations

import itertools
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from aiogram.filters.callback_data import CallbackData

from bot.access import Need
from bot.reminders import Reminders
from bot.telegram import callbacks as cb
from bot.telegram.commands import COMMANDS, GROUP_COMMANDS
from bot.telegram.guard import ANYONE, GUARDED, Guard, Led
from bot.telegram.pointing import pointed_at
from questionnaire.model import Questionnaire
from storage.repositories import utcnow
from tests.botapi import Group, ScriptedUser
from tests.data import BASE
from tests.e2e.driver import answer_all, payload_of, shown_question
from tests.e2e.harness import Running

LEFT = (
    "Вы больше не состоите в группе «Sales team» — её лонг-лист для вас закрыт, ничего не "
    "сохранено."
)
LEFT_REPLY = (
    "Вы больше не состоите в группе «Sales team», поэтому её лонг-лист для вас закрыт и "
    "сообщение не сохранено. Продолжить другие оценки — /continue."
)
NOT_MEMBER = "Лонг-лист группы «Sales team» — только для её участников."
LEAD_ONLY = "Это доступно только администраторам группы «Sales team»."
NOT_YOURS = "Это может администратор группы или участник, который добавил этого партнёра."
STALE = "Эта кнопка больше не действует."


@dataclass
class Team:
    group: Group
    vera: ScriptedUser
    anna: ScriptedUser
    boris: ScriptedUser
    oleg: ScriptedUser


class Clock:
    """Access's clock, moved by the test: nobody waits ten real seconds."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(running: Running) -> Clock:
    clock = Clock()
    running.app.dispatcher["access"].clock = clock
    return clock


@pytest.fixture
async def team(running: Running) -> Team:
    emu = running.emu
    vera = emu.user(1003, "Vera", language_code="ru")
    anna = emu.user(1001, "Anna", language_code="ru")
    boris = emu.user(1002, "Boris", language_code="ru")
    oleg = emu.user(1666, "Oleg", language_code="ru")
    group = emu.group(-4001, "Sales team", members=[vera, anna, boris], type="supergroup")
    group.let_read(oleg)
    return Team(group, vera, anna, boris, oleg)


async def add(user: ScriptedUser, group: Group, name: str) -> str:
    added = await user.send(f"/new {name}", chat=group)
    return payload_of(added[-1].buttons[0][0]["url"])


async def open_interview(user: ScriptedUser, payload: str, *, answers: int) -> None:
    """Open the partner's link, say it is not a technology partnership, answer some 4s."""
    await user.send(f"/start {payload}")
    if "технологическое" in user.last.text:
        await user.press("Нет")
    for _ in range(answers):
        await user.press("4")


async def stored(running: Running) -> list[tuple[Any, ...]]:
    """Everything stored about partners, answers, notes and weights."""
    rows: list[tuple[Any, ...]] = []
    async with running.app.db.read() as tx:
        for table in ("partners", "assessments", "answers", "notes", "weight_changes"):
            rows += [(table, *row) for row in await tx._all(f"SELECT * FROM {table}")]
    return rows


async def leave(running: Running, team: Team, user: ScriptedUser) -> None:
    """``user`` leaves the group, but their app still shows its messages."""
    await running.emu.leave_group(team.group, user)
    team.group.let_read(user)


# --- 1, 2: notes, evidence and the technology question -------------------------------------


async def test_a_removed_member_adds_no_notes_or_evidence(running: Running, team: Team) -> None:
    payload = await add(team.anna, team.group, "Acme")
    await open_interview(team.boris, payload, answers=1)
    await leave(running, team, team.boris)
    replies = await team.boris.send("Слышал от знакомых в X5, что они на грани")
    assert replies[-1].text == LEFT_REPLY
    assert not any(m.has_inline_keyboard for m in team.boris.messages)  # the question set aside
    await team.boris.send_photo("Скрин условий")  # no question open any more: not a note
    async with running.app.db.read() as tx:
        assert await tx.notes(1) == []
    await team.anna.send("/card Acme", chat=team.group)
    assert "X5" not in team.group.last.text


async def test_a_removed_member_cannot_answer_the_technology_question(
    running: Running, team: Team
) -> None:
    payload = await add(team.anna, team.group, "Acme")
    await team.boris.send(f"/start {payload}")
    await leave(running, team, team.boris)
    refused = await team.boris.press("Да, технологическое")
    assert refused.text == LEFT
    async with running.app.db.read() as tx:
        partner = await tx.partner_by_invite(payload)
    assert partner is not None
    assert partner.technology is None


# --- 3: buttons in the group: every prefix, every action ------------------------------------


WEIGHTS = "15.15.10.10.10.8.10.10.5.7"


def samples(partner: int, assessment: int) -> Iterator[CallbackData]:
    """One button of every kind the bot makes, each action of it, pointing at these ids."""
    values: dict[str, list[Any]] = {
        "partner": [partner],
        "assessment": [assessment],
        "question": ["1.1"],
        "value": [5],
        "section": [1],
        "delta": [5],
        "was": [15],
        "page": [1],
        "picked": ["1"],
        "weights": [WEIGHTS],
        "line": [1],
        "zone": [3],
        "workspace": [1],
        "person": [0, 1001],
        "pick": [True, False],
    }
    kinds = [
        kind
        for kind in vars(cb).values()
        if isinstance(kind, type) and issubclass(kind, CallbackData) and kind is not CallbackData
    ]
    assert len(kinds) == len({kind.__prefix__ for kind in kinds}) >= 18
    for kind in kinds:
        choices = []
        for name, field in kind.model_fields.items():
            if typing.get_origin(field.annotation) is typing.Literal:
                choices.append([(name, v) for v in typing.get_args(field.annotation)])
            elif field.annotation is bool:
                choices.append([(name, True), (name, False)])
            else:
                choices.append([(name, v) for v in values[name]])
        for combination in itertools.product(*choices):
            yield kind(**dict(combination))


async def test_every_button_in_the_group_refuses_non_members(running: Running, team: Team) -> None:
    """Oleg (never a member) and Boris (a former one) press every kind of button there is, on
    a message of the group; nothing changes, nothing is posted, each is told why."""
    running.emu.forgive("message is not modified")
    payload = await add(team.boris, team.group, "Acme")
    await open_interview(team.anna, payload, answers=2)
    await team.anna.send("/weights", chat=team.group)
    await leave(running, team, team.boris)
    before, posts = await stored(running), len(team.group.messages)
    pressed = 0
    for outsider in (team.oleg, team.boris):
        for button in samples(partner=1, assessment=1):
            result = await outsider.press_data(team.group.last, button.pack())
            assert result.text == NOT_MEMBER, button
            pressed += 1
    assert await stored(running) == before
    assert len(team.group.messages) == posts
    print(f"{pressed} presses refused")


async def test_every_button_in_private_on_a_team_partner_refuses_those_who_left(
    running: Running, team: Team
) -> None:
    running.emu.forgive("message is not modified")
    payload = await add(team.anna, team.group, "Acme")
    await open_interview(team.boris, payload, answers=2)
    await leave(running, team, team.boris)
    before, count = await stored(running), len(team.boris.messages)
    pointing = [
        b
        for b in samples(partner=1, assessment=1)
        if pointed_at(b) is not None  # "One of my own" (TeamOrOwn own=True) needs no team
    ]
    for button in pointing:
        result = await team.boris.press_data(team.boris.messages[-1], button.pack())
        assert result.text == LEFT, button
    assert await stored(running) == before
    assert len(team.boris.messages) == count
    card = await team.boris.send("/card Acme")  # the team's partner is no longer his to see
    assert [m.text for m in card] == ["Не нашёл партнёра «Acme». /partners — список."]
    compared = await team.boris.send("/compare Acme | Acme")
    assert [m.text for m in compared] == ["Не нашёл «Acme». /partners — список."]


async def test_every_team_command_refuses_non_members(running: Running, team: Team) -> None:
    await add(team.anna, team.group, "Acme")
    before, posts = await stored(running), len(team.group.messages)
    commands = list(dict.fromkeys(COMMANDS + GROUP_COMMANDS))  # /board and /assign included
    for command in commands:
        replies = await team.oleg.send(f"/{command} Acme", chat=team.group)
        assert [m.text for m in replies] == [NOT_MEMBER], command
    assert await stored(running) == before
    assert len(team.group.messages) == posts + len(commands)


async def test_the_deadline_and_the_zone_of_a_group_are_its_leads(
    running: Running, team: Team
) -> None:
    """A member sees them and is refused changing them, with the reason; nothing changes."""
    deadline = (
        "Срок назначают администраторы группы «Sales team». Посмотреть его может любой: /deadline"
    )
    zone = "Часовой пояс группы «Sales team» меняют её администраторы."
    for command, reason in (
        ("/deadline 15.12", deadline),
        ("/deadline off", deadline),
        ("/settings Europe/Berlin", zone),
    ):
        replies = await team.anna.send(command, chat=team.group)
        assert [m.text for m in replies] == [reason], command
    shown = await team.anna.send("/settings", chat=team.group)
    assert shown[-1].buttons == []  # the zone buttons are for leads
    await team.vera.send("/settings", chat=team.group)
    refused = await team.anna.press("Берлин", chat=team.group)
    assert refused.text == LEAD_ONLY
    async with running.app.db.read() as tx:
        workspace = await tx.workspace(team.group.id)
    assert workspace is not None
    assert (workspace.deadline, workspace.tz) == (None, None)


async def test_weights_of_a_group_are_changed_by_its_leads_only(
    running: Running, team: Team
) -> None:
    await team.anna.send("/weights", chat=team.group)
    step = cb.WeightStep(section=9, delta=-5, was=5).pack()
    for member_only in (step, cb.WeightsMode(action="reset").pack(), cb.Order(picked="9").pack()):
        refused = await team.anna.press_data(team.group.last, member_only)
        assert refused.text == LEAD_ONLY
    save = cb.WhatIf(action="save", section=9, weights=WEIGHTS.replace("5.7", "0.12"))
    assert (await team.anna.press_data(team.group.last, save.pack())).text == LEAD_ONLY
    async with running.app.db.read() as tx:
        assert await tx._all("SELECT * FROM weight_changes") == []
    shown = await team.anna.press_data(
        team.group.last, cb.WeightStep(section=9, delta=0, was=5).pack()
    )
    assert shown.text is not None
    assert shown.text.endswith(": 5")  # members see the weights
    done = await team.vera.press_data(team.group.last, step)
    assert done.text is not None
    assert done.text.endswith(": 0")


async def test_every_button_asking_a_lead_refuses_a_member(running: Running, team: Team) -> None:
    """Anna, a member, presses every button that asks more than membership: each is refused
    with its reason, and nothing changes."""
    running.emu.forgive("message is not modified")
    await add(team.vera, team.group, "Acme")
    await team.anna.send("/weights", chat=team.group)
    before = await stored(running)
    asking = [
        b
        for b in samples(partner=1, assessment=1)
        if isinstance(b, Led) and b.need() > Need.MEMBER
    ]
    assert {type(b).__name__ for b in asking} == {
        "PartnerMenu", "WeightStep", "WeightsMode", "Order", "WhatIf", "WeightsUndo", "Language",
        "Zone", "Settle", "Decide", "Assessors",
    }  # fmt: skip
    for button in asking:
        result = await team.anna.press_data(team.group.last, button.pack())
        expected = NOT_YOURS if button.need() is Need.CREATOR_OR_LEAD else LEAD_ONLY
        assert result.text == expected, button
    assert await stored(running) == before
    scoped = [c for c in running.emu.calls_of("setMyCommands") if "chat_id" in str(c.params)]
    assert scoped == []  # the group's menu is the leads' to change


async def test_every_handler_is_guarded_or_a_reviewed_service(running: Running) -> None:
    """A handler added for another kind of update, or flagged for anyone, fails here until it is
    reviewed: these are the ones that need no membership (or check it themselves)."""
    services = {
        "private_chat_changed", "member_changed", "bot_status_changed", "member_left",
        "group_migrated", "inline_search", "unexpected_error",
    }  # fmt: skip
    dispatcher = running.app.dispatcher
    for kind in GUARDED:
        inner = dispatcher.observers[kind].middleware._middlewares
        assert any(isinstance(m, Guard) for m in inner), kind
    found = set()
    routers = list(dispatcher.sub_routers)
    while routers:
        router = routers.pop()
        routers += router.sub_routers
        for kind, observer in router.observers.items():
            for handler in observer.handlers:
                name = handler.callback.__name__
                found.add(name)
                guarded = kind in GUARDED and not handler.flags.get(ANYONE)
                assert guarded or name in services, (kind, name)
    assert services <= found  # the list stays true


async def test_a_forged_id_of_someone_elses_list_names_nobody(running: Running) -> None:
    ivan = running.emu.user(1001, "Ivan Petrov", language_code="ru")
    mallory = running.emu.user(1666, "Mallory", language_code="ru")
    await ivan.send("/new Acme")
    await mallory.send("/start")
    before = await stored(running)
    for forged in ("c:1", "w:1", "e:1:0::0", "t:1:1", "r:1", "h:1", "a:1:1.1:5"):
        result = await mallory.press_data(mallory.last, forged)
        assert result.text == STALE, forged
    assert await stored(running) == before


async def test_a_refusal_leaves_an_unrelated_open_question_alone(
    running: Running, team: Team
) -> None:
    payload = await add(team.anna, team.group, "Acme")
    await open_interview(team.boris, payload, answers=1)
    await team.anna.send("/card Acme", chat=team.group)
    await team.boris.send("/new Beta")
    await team.boris.press("Нет")
    beta = team.boris.last
    await leave(running, team, team.boris)
    refused = await team.boris.press_data(beta, cb.Card(partner=1).pack())
    assert refused.text == LEFT
    assert team.boris.last.message_id == beta.message_id
    assert beta.message_id in [m.message_id for m in team.boris.messages if m.has_inline_keyboard]
    await team.boris.press("5")  # Beta's question still takes its answer
    assert shown_question(team.boris.last) == "1.2"


# --- 4: deletes ------------------------------------------------------------------------------


async def test_who_added_a_partner_deletes_it_only_while_a_member(
    running: Running, team: Team
) -> None:
    await add(team.boris, team.group, "Acme")
    await team.boris.send("/partners", chat=team.group)
    await team.boris.press("Acme", chat=team.group)
    menu = team.group.last
    await leave(running, team, team.boris)
    for action in ("delete", "confirm"):
        refused = await team.boris.press_data(
            menu, cb.PartnerMenu(partner=1, action=action).pack()
        )
        assert refused.text == NOT_MEMBER
    async with running.app.db.read() as tx:
        assert [p.name for p in await tx.partners(1)] == ["Acme"]


# --- 5: a removal counts within seconds --------------------------------------------------------


async def test_a_silent_removal_counts_within_ten_seconds(
    running: Running, team: Team, clock: Clock
) -> None:
    payload = await add(team.anna, team.group, "Acme")
    await open_interview(team.boris, payload, answers=1)
    await running.emu.remove_member(team.group, team.boris, by=team.vera)  # no message at all
    clock.now += 10
    refused = await team.boris.press("4")
    assert refused.text == LEFT
    assert await team.boris.inline_query("Acme") == []
    link = await team.boris.send(f"/start {payload}")
    assert link[-1].text.startswith("Эта оценка — для участников группы «Sales team».")
    async with running.app.db.read() as tx:
        assert await tx.answers(1) == {"1.1": 4}


async def test_a_removal_an_admin_bot_is_told_of_counts_at_once(
    running: Running, team: Team, clock: Clock
) -> None:
    team.group.record.bot_status = "administrator"
    payload = await add(team.anna, team.group, "Acme")
    await open_interview(team.boris, payload, answers=1)
    await running.emu.remove_member(team.group, team.boris, by=team.vera)  # chat_member update
    refused = await team.boris.press("4")
    assert refused.text == LEFT


# --- 6: leaving is not a loop ------------------------------------------------------------------


async def test_continue_sets_aside_what_is_left_behind_once(running: Running, team: Team) -> None:
    await team.boris.send("/new Beta")
    await team.boris.press("Нет")
    await team.boris.press("3")
    payload = await add(team.anna, team.group, "Acme")
    await open_interview(team.boris, payload, answers=1)
    await leave(running, team, team.boris)
    replies = await team.boris.send("/continue")
    assert (
        "Оценка «Acme» отложена: вы больше не состоите в группе «Sales team».\n"
        "Вернётесь в группу — продолжите кнопкой «✍️ Оценить в личном чате» в ней."
    ) in [m.text for m in replies]
    assert replies[-1].text.startswith("🤝 Beta\n")
    assert shown_question(replies[-1]) == "1.2"
    again = await team.boris.send("/continue")
    assert "Acme" not in "".join(m.text for m in again)
    assert shown_question(team.boris.last) == "1.2"


async def test_reminders_skip_groups_the_person_left(running: Running, team: Team) -> None:
    payload = await add(team.anna, team.group, "Acme")
    await open_interview(team.boris, payload, answers=1)
    await leave(running, team, team.boris)
    reminders: Reminders = running.app.dispatcher["reminders"]
    count = len(team.boris.messages)
    assert await reminders.send_due(running.app.bot, utcnow() + timedelta(days=2)) == 0
    assert len(team.boris.messages) == count


async def test_when_telegram_cannot_say_nothing_is_set_aside(running: Running, team: Team) -> None:
    payload = await add(team.anna, team.group, "Acme")
    await open_interview(team.boris, payload, answers=1)
    await team.boris.send("/cancel")
    running.app.dispatcher["access"].forget_chat(team.group.id)
    running.emu.inject_error(
        "getChatMember", 429, "Too Many Requests: retry after 600", retry_after=600
    )
    replies = await team.boris.send("/continue")
    assert [m.text for m in replies] == [
        "Не удалось проверить у Telegram, состоите ли вы в группе «Sales team». "
        "Попробуйте через минуту."
    ]
    again = await team.boris.send("/continue")
    assert shown_question(again[-1]) == "1.2"  # still his, nothing set aside


async def test_many_set_aside_fit_one_short_notice(running: Running, team: Team) -> None:
    for i in range(12):
        payload = await add(team.anna, team.group, f"Партнёр с длинным названием номер {i:02}")
        await open_interview(team.boris, payload, answers=1)
    await leave(running, team, team.boris)
    replies = await team.boris.send("/continue")
    notice = next(m.text for m in replies if "отложены" in m.text)
    assert notice.startswith("Оценки «Партнёр с длинным названием номер 11»")
    assert "и ещё 9 отложены: вы больше не состоите в группе «Sales team»." in notice
    assert len(notice) < 400


async def test_answering_again_brings_a_set_aside_assessment_back(
    running: Running, team: Team, clock: Clock
) -> None:
    payload = await add(team.anna, team.group, "Acme")
    await open_interview(team.boris, payload, answers=1)
    await leave(running, team, team.boris)
    await team.boris.send("/continue")  # set aside
    team.group.add_member(team.boris)
    clock.now += 10  # nobody told the bot: it asks Telegram again
    await team.boris.send("/card Acme")
    await team.boris.press("👥 Sales team")  # in a team again: which list (PRODUCT.md §8)
    await team.boris.press("▶ Продолжить")
    await team.boris.press("4")
    await team.boris.send("/cancel")
    again = await team.boris.send("/continue")
    assert shown_question(again[-1]) == "2.1"


# --- 7: opening a link is not assessing ------------------------------------------------------


async def test_opening_a_link_is_not_assessing(running: Running, team: Team) -> None:
    payload = await add(team.anna, team.group, "Acme")
    await open_interview(team.anna, payload, answers=3)
    await team.boris.send(f"/start {payload}")  # opened, answered nothing
    await team.anna.send("/card Acme", chat=team.group)
    card = team.group.last.text
    assert "Anna" in card
    assert "Boris" not in card


# --- 12: a reminder leads to the next open question once ---------------------------------------


async def remind(running: Running, anna: ScriptedUser) -> None:
    reminders: Reminders = running.app.dispatcher["reminders"]
    assert await reminders.send_due(running.app.bot, utcnow() + timedelta(days=2)) == 1


async def test_a_reminder_becomes_the_open_question(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await anna.send("/new Acme")
    await anna.press("Нет")
    await anna.press("4")
    question = anna.last
    await remind(running, anna)
    reminder, count = anna.last, len(anna.messages)
    await anna.press("▶ Продолжить", message=reminder)
    assert len(anna.messages) == count  # nothing posted: the reminder became the question
    assert [m.message_id for m in anna.messages if m.has_inline_keyboard] == [reminder.message_id]
    assert shown_question(anna.last) == shown_question(question) == "1.2"


async def test_a_reminder_after_the_question_was_answered_posts_nothing_twice(
    running: Running,
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await anna.send("/new Acme")
    await anna.press("Нет")
    await anna.press("4")
    question = anna.last
    await remind(running, anna)
    reminder = anna.last
    await anna.press("4", message=question)  # answered where it was asked: 2.1 comes next
    count = len(anna.messages)
    result = await anna.press("▶ Продолжить", message=reminder)
    assert result.text == "Вопрос 2.1 уже ждёт ниже."
    assert len(anna.messages) == count
    assert [m for m in anna.messages if m.has_inline_keyboard] == [anna.last]
    assert shown_question(anna.last) == "2.1"


async def test_an_old_reminder_after_finishing_says_it_is_done(
    running: Running, questionnaire: Questionnaire
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await anna.send("/new Acme")
    await anna.press("Нет")
    await remind(running, anna)
    reminder = anna.last
    await anna.send("/continue")
    await answer_all(anna, questionnaire, BASE)
    await anna.press("▶ Продолжить", message=reminder)
    assert [m.text for m in anna.messages if m.message_id == reminder.message_id] == [
        "Оценка «Acme» уже завершена — все ответы сохранены. Карточка — по кнопке ниже."
    ]


# --- the team's list in private: /new of a team partner's name asks ------------------------


async def test_new_in_private_of_a_team_partners_name_asks_which_is_meant(
    running: Running, team: Team
) -> None:
    await add(team.anna, team.group, "Интегра Софт")
    await team.boris.send("/ranking", chat=team.group)  # the bot knows him from the group
    asked = await team.boris.send("/new  интегра   софт")
    assert asked[-1].text == (
        "«Интегра Софт» уже есть в лонг-листе группы «Sales team». "
        "Оценить его для группы или начать свою, отдельную оценку?"
    )
    await team.boris.press("Для группы «Sales team»")
    assert "для команды «Sales team»" in team.boris.messages[-2].text
    assert team.boris.last.text.startswith("«Интегра Софт» — технологическое партнёрство")
    async with running.app.db.read() as tx:
        assert [p.name for p in await tx.partners(2)] == []  # nothing added to his own list
    await team.boris.send("/cancel")
    await team.boris.send("/new Интегра Софт")
    await team.boris.press("Свою отдельную оценку")
    async with running.app.db.read() as tx:
        own = await tx.workspace(team.boris.id)
        assert own is not None
        assert [p.name for p in await tx.partners(own.id)] == ["Интегра Софт"]


async def test_new_in_private_asks_nothing_once_the_person_left_the_team(
    running: Running, team: Team
) -> None:
    await add(team.anna, team.group, "Acme")
    await team.boris.send("/ranking", chat=team.group)
    await leave(running, team, team.boris)
    replies = await team.boris.send("/new Acme")
    assert replies[0].text.startswith("Оцениваем «Acme».")
