"""Weights governance in a group (PRODUCT.md §8): leads change the weights, each change is one
line in the group naming what it moved, a lead undoes it within a day, /weights lists the last
ten changes.

Vera created the group (a lead); Anna is a member. Vector sits just under tier A and Gamma just
under B: one step up for Legal (5 → 10) lifts both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from bot.telegram import callbacks as cb
from questionnaire.model import Questionnaire
from questionnaire.weights import Weights
from tests.botapi import BotMessage, Group, ScriptedUser
from tests.data import DEFAULT_WEIGHTS, NON_TECH_IDS
from tests.e2e.driver import answer_all, payload_of
from tests.e2e.harness import Running

LAW: dict[str, int | None] = {q: 5 for q in NON_TECH_IDS if q.startswith("9.")}
VECTOR: dict[str, int | None] = {
    **dict.fromkeys(NON_TECH_IDS, 4),
    **dict.fromkeys(["1.1", "1.2", "2.1", "4.1", "4.2"], 3),
    **LAW,
}
"""69 points, tier B under the default weights; 71, tier A with Legal at 10."""
GAMMA: dict[str, int | None] = {**dict.fromkeys(NON_TECH_IDS, 3), "2.2": 4, **LAW}
"""54 points, tier C; 57, tier B with Legal at 10."""

LEAD_ONLY = "Это доступно только администраторам группы «Sales team»."
UNDO = "↩️ Отменить"


@dataclass
class Team:
    group: Group
    vera: ScriptedUser
    anna: ScriptedUser


class Clock:
    """The weights log's clock, moved by the test: nobody waits a day."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 10, 8, 5, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def move(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(running: Running) -> Clock:
    clock = Clock()
    running.app.dispatcher["weight_lines"].log.clock = clock
    return clock


@pytest.fixture
def team(running: Running) -> Team:
    vera = running.emu.user(1003, "Vera", language_code="ru")
    anna = running.emu.user(1001, "Anna", language_code="ru")
    group = running.emu.group(-4001, "Sales team", members=[vera, anna], type="supergroup")
    return Team(group, vera, anna)


async def assessed(
    user: ScriptedUser,
    group: Group,
    questionnaire: Questionnaire,
    sheets: dict[str, dict[str, int | None]],
) -> None:
    """Put partners on the group's list and assess each in private, through its link."""
    for name, ratings in sheets.items():
        added = await user.send(f"/new {name}", chat=group)
        await user.send(f"/start {payload_of(added[-1].buttons[0][0]['url'])}")
        await user.press("Нет")
        await answer_all(user, questionnaire, ratings)


async def weights_of(running: Running, group: Group) -> Weights:
    async with running.app.db.read() as tx:
        workspace = await tx.workspace(group.id)
    assert workspace is not None
    weights, _ = await running.app.dispatcher["longlist"].weights(workspace)
    return dict(weights)


def now_shown(group: Group, message: BotMessage) -> BotMessage:
    return next(m for m in group.messages if m.message_id == message.message_id)


def now_shown_to(user: ScriptedUser, message: BotMessage) -> BotMessage:
    return next(m for m in user.messages if m.message_id == message.message_id)


def step_up(panel: BotMessage, title: str) -> str:
    """The data of the "+" beside a section on the weights panel as it is now."""
    row = next(r for r in panel.buttons if r[1]["text"].startswith(f"{title} "))
    return str(row[2]["callback_data"])


async def test_a_leads_step_posts_one_line_naming_what_moved_and_undo_restores_it(
    running: Running, team: Team, clock: Clock, questionnaire: Questionnaire
) -> None:
    group, vera, anna = team.group, team.vera, team.anna
    await assessed(vera, group, questionnaire, {"Вектор": VECTOR, "Гамма": GAMMA})
    before = await weights_of(running, group)
    assert before == DEFAULT_WEIGHTS
    await anna.send("/weights", chat=group)
    panel = group.last
    assert "🔒 Менять веса могут только администраторы группы." in panel.text

    refused = await anna.press_data(panel, step_up(panel, "Право"))  # a member: refused
    assert (refused.text, refused.show_alert) == (LEAD_ONLY, True)
    assert await weights_of(running, group) == before

    posts = len(group.messages)
    await vera.press_data(panel, step_up(panel, "Право"))
    told = group.messages[posts:]
    assert [m.text for m in told] == ["⚖️ Vera: Право 5 → 10 · Вектор B → A, Гамма C → B"]
    [line] = told
    print(f"the group's line: {line.html}")
    assert line.button_texts == [UNDO]
    assert (await weights_of(running, group))[9] == 10
    assert now_shown(group, panel).buttons[8][1]["text"] == "Право 10"  # edited in place

    refused = await anna.press(UNDO, message=line, chat=group)
    assert refused.text == LEAD_ONLY
    assert (await weights_of(running, group))[9] == 10

    undone = await vera.press(UNDO, message=line, chat=group)
    assert undone.text == "Отменено: веса снова как до этого изменения."
    assert await weights_of(running, group) == before
    assert len(group.messages) == posts + 1  # the line edited; nothing else posted
    line = now_shown(group, line)
    assert line.html == (
        "<s>⚖️ Vera: Право 5 → 10 · Вектор B → A, Гамма C → B</s>\n"
        "↩️ Vera: отменено — веса снова прежние."
    )
    assert line.buttons == []
    print(f"undone: {line.html}")
    await vera.send("/ranking", chat=group)
    assert re.search(r"Вектор .* B ", group.last.text)  # the tiers are back too
    again = await vera.press_data(line, cb.WeightsUndo(line=1).pack())  # delivered twice
    assert again.text == "Это изменение уже отменено."
    assert await weights_of(running, group) == before


async def test_quick_steps_make_one_line_whose_undo_goes_back_before_the_first(
    running: Running, team: Team, clock: Clock, questionnaire: Questionnaire
) -> None:
    group, vera = team.group, team.vera
    await assessed(vera, group, questionnaire, {"Вектор": VECTOR, "Гамма": GAMMA})
    await vera.send("/weights", chat=group)
    panel, posts = group.last, len(group.messages)
    for _ in range(3):  # Legal 5 → 10 → 15 → 20, a few seconds apart
        await vera.press_data(panel, step_up(now_shown(group, panel), "Право"))
        clock.move(seconds=20)
    [line] = group.messages[posts:]
    assert line.text == "⚖️ Vera: Право 5 → 20 · Вектор B → A, Гамма C → B"
    assert line.edit_count == 2  # posted once, edited twice
    print(f"the group's line after three quick steps: {line.html}")
    assert (await weights_of(running, group))[9] == 20

    clock.move(seconds=61)  # a minute later: a change of its own
    await vera.press_data(panel, step_up(now_shown(group, panel), "Рост"))
    [first, second] = group.messages[posts:]
    assert first.text == line.text
    assert second.text.startswith("⚖️ Vera: Рост 7 → 12 · ")
    # The earlier line waits for the later one to be undone first.
    changed = await vera.press(UNDO, message=first, chat=group)
    assert (
        changed.text == "После этого веса уже меняли — сначала отмените более поздние изменения."
    )
    await vera.press(UNDO, message=second, chat=group)
    assert (await weights_of(running, group))[9] == 20
    await vera.press(UNDO, message=first, chat=group)
    assert await weights_of(running, group) == DEFAULT_WEIGHTS
    assert len(group.messages) == posts + 2


async def test_undo_is_refused_after_a_day_and_the_button_goes(
    running: Running, team: Team, clock: Clock
) -> None:
    group, vera, anna = team.group, team.vera, team.anna
    await vera.send("/weights", chat=group)
    panel, posts = group.last, len(group.messages)
    await vera.press_data(panel, step_up(panel, "Право"))
    [line] = group.messages[posts:]
    assert line.text == "⚖️ Vera: Право 5 → 10 · категории не изменились"
    changed = await weights_of(running, group)

    clock.move(hours=24, seconds=1)
    refused = await anna.press(UNDO, message=line, chat=group)  # a member, still: not hers
    assert refused.text == LEAD_ONLY
    late = await vera.press(UNDO, message=line, chat=group)
    assert (late.text, late.show_alert) == (
        "Отменить изменение можно только в течение суток.",
        True,
    )
    assert now_shown(group, line).buttons == []
    assert now_shown(group, line).text == line.text
    assert await weights_of(running, group) == changed
    assert len(group.messages) == posts + 1


async def test_weights_lists_the_last_ten_changes(
    running: Running, team: Team, clock: Clock
) -> None:
    group, vera, anna = team.group, team.vera, team.anna
    bob = running.emu.user(1004, "Bob", language_code="en")
    group.add_member(bob)
    await vera.send("/weights", chat=group)
    panel = group.last
    for title in ("Право", "Рост") * 5 + ("Команда",):  # 11 steps, each a minute apart
        await vera.press_data(panel, step_up(now_shown(group, panel), title))
        clock.move(minutes=1)
    await vera.press("↺ По умолчанию", message=now_shown(group, panel), chat=group)

    await anna.send("/weights", chat=group)
    shown = group.last.text
    print(f"/weights in the group:\n{shown}")
    changes = re.findall(r"^• (.*)$", shown, flags=re.MULTILINE)
    assert len(changes) == 10
    # in the group's time zone (a Russian group's default: Moscow, UTC+3), never bare UTC
    assert changes[0] == "Vera, 10.03.2026 11:16 — возврат к весам по умолчанию"
    assert changes[1] == "Vera, 10.03.2026 11:15 — кнопками −/+"
    assert changes[-1] == "Vera, 10.03.2026 11:07 — кнопками −/+"  # the 3rd of 12
    assert shown.index("Последние изменения:") < shown.index("• ")
    assert shown.endswith("🔒 Менять веса могут только администраторы группы.")

    await bob.send("/weights", chat=group)  # the group speaks its own language, whoever asks
    assert re.findall(r"^• (.*)$", group.last.text, flags=re.MULTILINE) == changes
    await vera.send("/settings Asia/Yekaterinburg", chat=group)  # the group's zone: UTC+5
    await anna.send("/weights", chat=group)
    moved = re.findall(r"^• (.*)$", group.last.text, flags=re.MULTILINE)
    assert moved[0] == "Vera, 10.03.2026 13:16 — возврат к весам по умолчанию"


async def test_ordering_by_importance_names_the_largest_moves_compactly(
    running: Running, team: Team, clock: Clock
) -> None:
    group, vera = team.group, team.vera
    await vera.send("/weights", chat=group)
    await vera.press("🔢 По важности", chat=group)
    posts = len(group.messages)
    for section in ("Право", "Рост", "Команда", "Условия", "Маркетинг", "Репутация", "Финансы",
                    "Технологии", "Рынок"):  # fmt: skip
        await vera.press(section, chat=group)
    [line] = group.messages[posts:]
    print(f"the group's line after ordering: {line.text}")
    assert line.text == (
        "⚖️ Vera: Право 5 → 29, Стратегия 15 → 1, Рынок 15 → 2, Рост 7 → 19, … "
        "· категории не изменились"
    )
    assert line.button_texts == [UNDO]


async def test_a_private_list_changes_its_weights_without_lines(
    running: Running, team: Team, clock: Clock
) -> None:
    anna = team.anna
    await anna.send("/weights")
    panel, sent = anna.last, len(anna.messages)
    await anna.press_data(panel, step_up(panel, "Право"))
    await anna.press("↺ По умолчанию", message=now_shown_to(anna, panel))
    assert len(anna.messages) == sent  # the panel edited in place, nothing posted
    assert "Последнее изменение: Anna, 10.03.2026 11:05." in anna.last.text  # Moscow time
    assert "🔒" not in anna.last.text
    async with running.app.db.read() as tx:
        assert await tx._all("SELECT * FROM weight_lines") == []
        assert len(await tx._all("SELECT * FROM weight_changes")) == 2


async def test_an_undo_forged_in_another_group_names_nothing(
    running: Running, team: Team, clock: Clock
) -> None:
    group, vera = team.group, team.vera
    other = running.emu.group(-4002, "Other team", members=[vera], type="supergroup")
    await vera.send("/weights", chat=group)
    posts = len(group.messages)
    await vera.press_data(group.last, step_up(group.last, "Право"))
    [line] = group.messages[posts:]
    changed = await weights_of(running, group)
    await vera.send("/weights", chat=other)
    forged = await vera.press_data(other.last, line.buttons[0][0]["callback_data"])
    assert forged.text == "Эта кнопка больше не действует."
    assert await weights_of(running, group) == changed
    assert await weights_of(running, other) == DEFAULT_WEIGHTS
