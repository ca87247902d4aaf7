"""The deadline and its nudges (PRODUCT.md §8), on a clock the test moves, in the group's own
time zone (Asia/Yekaterinburg, UTC+5, chosen by a lead in /settings).

Sales team: Vera (creator, a lead), Anna, Boris, Gleb (reminders off) and Dina. Acme is
assigned to Anna, Boris, Gleb and Dina; Beta to Anna, Boris and Gleb. Dina finishes Acme, Anna
answers one question of it, two apart from Dina's answer (a disagreement).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.reminders import Reminders
from bot.render.format import date_text
from bot.render.texts import Texts
from bot.scheduler import Scheduler
from bot.telegram import callbacks as cb
from questionnaire.model import Questionnaire
from storage.repositories import utcnow
from tests.botapi import BotAPIEmulator, Group, ScriptedUser
from tests.data import BASE
from tests.e2e.driver import answer_all, payload_of, shown_question
from tests.e2e.harness import Running, start_bot

ZONE = ZoneInfo("Asia/Yekaterinburg")
RU = Texts()("ru")


def at(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """That wall-clock time in Yekaterinburg, as the UTC moment the scheduler is given."""
    return datetime.combine(day, time(hour, minute, second), tzinfo=ZONE).astimezone(UTC)


async def quiet(bot: Running) -> Scheduler:
    """The bot's scheduler with its own loop stopped: only the test's ticks run it. The idle
    reminder (tested on its own) is left out: it is due a day after the real time the test's
    answers were given, so it would come or not by the hour the test runs at."""
    scheduler: Scheduler = bot.app.dispatcher["scheduler"]
    await scheduler.stop()
    scheduler.jobs = [job for job in scheduler.jobs if not isinstance(job, Reminders)]
    return scheduler


async def tick(bot: Running, moment: datetime) -> int:
    scheduler: Scheduler = bot.app.dispatcher["scheduler"]
    scheduler.clock = lambda: moment
    sent = await scheduler.tick(bot.app.bot)
    await bot.emu.wait_idle()
    return sent


@dataclass
class Team:
    group: Group
    vera: ScriptedUser
    anna: ScriptedUser
    boris: ScriptedUser
    gleb: ScriptedUser
    dina: ScriptedUser


async def make_team(emu: BotAPIEmulator) -> Team:
    people = [
        emu.user(1000 + n, name, username=name.lower(), language_code="ru")
        for n, name in enumerate(("Vera", "Anna", "Boris", "Gleb", "Dina"))
    ]
    group = emu.group(-4001, "Sales team", members=people, type="supergroup")
    for person in people:
        await person.send("/start")
    return Team(group, *people)


def today(zone: ZoneInfo = ZONE) -> date:
    return utcnow().astimezone(zone).date()


async def prepare(team: Team, questionnaire: Questionnaire, deadline: date) -> None:
    """The zone by the lead's button, the deadline, two partners and their assignees; Gleb
    turns his reminders off; Dina finishes Acme and Anna answers its first question."""
    group, vera = team.group, team.vera
    await vera.send("/settings", chat=group)
    await vera.press("Екатеринбург", chat=group)
    assert group.last.text.startswith(
        "Настройки группы «Sales team»\nЧасовой пояс: Екатеринбург (UTC+5)."
    )
    added = await vera.send(f"/deadline {deadline:%d.%m.%Y}", chat=group)
    assert [m.text for m in added] == [
        f"⏳ Срок оценки — {date_text(RU, deadline)}, осталось 2 дня. Каждый день в 10:00 "
        "(Екатеринбург (UTC+5)) напомню в личных сообщениях тем, у кого остались оценки."
    ]
    await vera.send("/new Acme\nBeta", chat=group)
    await vera.send("/assign Acme @anna @boris @gleb @dina", chat=group)
    await vera.send("/assign Beta @anna @boris @gleb", chat=group)
    await team.gleb.send("/settings")
    await team.gleb.press("🔕 Выключить напоминания")
    link = await vera.send("/new Acme", chat=group)
    payload = payload_of(link[-1].buttons[0][0]["url"])
    await team.dina.send(f"/start {payload}")
    await team.dina.press("Нет")
    await answer_all(team.dina, questionnaire, BASE)
    await team.anna.send(f"/start {payload}")
    await team.anna.press("2")  # 1.1: Dina said 4


def nudge_of(user: ScriptedUser) -> list[str]:
    return [m.text for m in user.messages if m.text.startswith("⏰")]


async def test_a_member_is_refused_and_a_lead_sets_the_deadline(running: Running) -> None:
    team = await make_team(running.emu)
    group, day = team.group, today(ZoneInfo("Europe/Moscow")) + timedelta(days=5)  # its zone
    refused = await team.anna.send(f"/deadline {day:%d.%m}", chat=group)
    assert [m.text for m in refused] == [
        "Срок назначают администраторы группы «Sales team». Посмотреть его может любой: /deadline"
    ]
    assert [m.text for m in await team.anna.send("/deadline", chat=group)] == [
        "Срок не назначен. Назначают администраторы группы: /deadline 15.12"
    ]
    await team.vera.send(f"/deadline {day:%d.%m}", chat=group)
    shown = await team.anna.send("/deadline", chat=group)
    assert shown[-1].text == (
        f"⏳ Срок: {date_text(RU, day)} — осталось 5 дней. Напоминаю тем, у кого остались "
        "оценки, каждый день в 10:00 (Москва (UTC+3)). Снять срок: /deadline off"
    )
    for typed, reply in (
        ("31.02", "Не понял дату «31.02»."),
        ("завтра", "Не понял дату «завтра»."),
        ("2020-01-01", "2020-01-01 уже прошло."),
    ):
        answer = await team.vera.send(f"/deadline {typed}", chat=group)
        assert answer[-1].text.startswith(reply), typed
    assert [m.text for m in await team.vera.send("/deadline off", chat=group)] == [
        "Срок снят — напоминаний о нём больше не будет."
    ]
    async with running.app.db.read() as tx:
        workspace = await tx.workspace(group.id)
    assert workspace is not None
    assert workspace.deadline is None
    member = await team.anna.send("/settings", chat=group)
    assert member[-1].text.endswith("Менять его могут администраторы группы.")
    assert member[-1].buttons == []


async def test_nudges_at_ten_once_a_day_across_a_restart_then_the_line_and_digests(
    emu: BotAPIEmulator, tmp_path: Path, questionnaire: Questionnaire
) -> None:
    database = tmp_path / "bot.db"
    first = await start_bot(emu, database)
    await quiet(first)
    team = await make_team(emu)
    day1 = today() + timedelta(days=1)
    deadline = day1 + timedelta(days=1)
    await prepare(team, questionnaire, deadline)
    posts = len(team.group.messages)

    assert await tick(first, at(day1, 9, 59)) == 0
    assert await tick(first, at(day1, 10)) == 2
    anna = nudge_of(team.anna)
    print(anna[0])
    assert anna == [
        f"⏰ «Sales team»: срок {date_text(RU, deadline)}, остался 1 день. "
        "Ждут вашей оценки: 2\n"
        "• «Acme» · отвечено 1 из 24\n"
        "• «Beta» · не начата\n"
        "Кнопка открывает следующий вопрос. Выключить напоминания — /settings"
    ]
    assert team.anna.last.button_texts == ["▶ Acme: продолжить (1)", "▶ Beta: начать"]
    assert len(nudge_of(team.boris)) == 1
    assert nudge_of(team.gleb) == []  # reminders off
    assert nudge_of(team.dina) == []  # finished what was hers
    assert await tick(first, at(day1, 10, 0, 10)) == 0
    await first.stop()

    second = await start_bot(emu, database)  # killed after the sends, started again
    await quiet(second)
    assert await tick(second, at(day1, 10, 0, 30)) == 0
    assert await tick(second, at(day1, 10, 1)) == 0
    assert (len(nudge_of(team.anna)), len(nudge_of(team.boris))) == (1, 1)
    todo = await team.anna.send("/todo")  # the team's deadline beside its work
    assert (
        f"«Beta» · Sales team · не начата · ⏳ срок {date_text(RU, deadline)}, " in todo[-1].text
    )
    await team.anna.press("▶ Acme: продолжить (1)")  # the nudge's button: the next question
    assert shown_question(team.anna.last) == "1.2"
    await team.anna.send("/cancel")

    assert await tick(second, at(day1, 18)) == 1
    digest = team.group.last.text
    print(digest)
    assert digest.startswith("📰 За день в «Sales team»\n✅ Закончили оценку: Dina — «Acme»\n")
    assert "🏷 Категории: «Acme» — → " in digest
    assert "⚖️ Новые расхождения (ответы отличаются на 2 и больше): «Acme»: 1.1\n" in digest
    assert await tick(second, at(day1, 18, 5)) == 0
    assert len(team.group.messages) == posts + 1

    await tick(second, at(deadline, 10))  # the next day: again
    assert (len(nudge_of(team.anna)), len(nudge_of(team.boris))) == (2, 2)
    assert nudge_of(team.anna)[-1].startswith(
        f"⏰ «Sales team»: срок {date_text(RU, deadline)}, сегодня последний день."
    )
    assert await tick(second, at(deadline, 18)) == 0  # nothing changed: no digest
    assert len(team.group.messages) == posts + 1

    after = deadline + timedelta(days=1)
    await tick(second, at(after, 10))  # the line, and no nudge
    assert len(team.group.messages) == posts + 2
    line = team.group.last.text
    print(line)
    assert line == (
        f"🏁 Срок {date_text(RU, deadline)} прошёл: готово 1 из 7. Ещё не закончили: "
        "Anna — «Acme», «Beta»; Boris — «Acme», «Beta»; Gleb — «Acme», «Beta»."
    )
    assert await tick(second, at(after, 10, 30)) == 0
    assert len(team.group.messages) == posts + 2
    assert (len(nudge_of(team.anna)), len(nudge_of(team.boris)), len(nudge_of(team.gleb))) == (
        2,
        2,
        0,
    )
    await second.stop()
    assert emu.rejections == []


async def test_a_bot_down_at_ten_nudges_when_it_comes_back_that_day(
    running: Running, questionnaire: Questionnaire
) -> None:
    await quiet(running)
    team = await make_team(running.emu)
    day1 = today() + timedelta(days=1)
    await prepare(team, questionnaire, day1 + timedelta(days=1))
    await team.boris.block_bot()
    assert await tick(running, at(day1, 14, 30)) == 1  # Anna; Boris blocked the bot
    assert len(nudge_of(team.anna)) == 1
    async with running.app.db.read() as tx:
        boris = await tx.user(team.boris.id)
    assert boris is not None
    assert boris.blocked
    await tick(running, at(day1 + timedelta(days=1), 9, 0))  # not 10:00 yet
    assert len(nudge_of(team.anna)) == 1


async def test_the_digest_tells_of_an_answer_changed_after_it_was_settled(
    running: Running, questionnaire: Questionnaire
) -> None:
    await quiet(running)
    team = await make_team(running.emu)
    group, vera, anna = team.group, team.vera, team.anna
    day1 = today() + timedelta(days=1)
    await prepare(team, questionnaire, day1 + timedelta(days=1))
    await tick(running, at(day1, 18))  # Dina 4, Anna 2 on 1.1: a new disagreement, told
    assert "«Acme»: 1.1" in group.last.text
    shown = (await vera.send("/card Acme", chat=group))[-1]  # after its radar picture
    await vera.press("🗣 Обсудить (1)", message=shown, chat=group)
    await vera.press("🤝 1.1", chat=group)
    assert (await vera.press("3", chat=group)).text == "Согласовано: 3"
    await tick(running, at(day1 + timedelta(days=1), 18))  # the settled tier, maybe; no 🔁
    assert "🔁" not in group.last.text
    posts = len(group.messages)

    await anna.press_data(anna.last, cb.Edit(partner=1, question="1.1").pack())
    await anna.press("1")  # after it was settled
    await tick(running, at(day1 + timedelta(days=2), 18))  # (also the deadline's line)
    [digest] = [m.text for m in group.messages[posts:] if m.text.startswith("📰")]
    assert digest.endswith(
        "🔁 Ответы изменили после согласования — посмотрите ещё раз: «Acme»: 1.1\n"
        "Подробнее — /card Название"
    )


@pytest.mark.parametrize("zone", ["Europe/Riga", "asia/tokyo"])
async def test_a_typed_zone_is_taken_and_nonsense_refused(running: Running, zone: str) -> None:
    team = await make_team(running.emu)
    replies = await team.vera.send(f"/settings {zone}", chat=team.group)
    assert replies[-1].text.startswith("Часовой пояс — ")
    refused = await team.vera.send("/settings Mars/Olympus", chat=team.group)
    assert refused[-1].text.startswith("Не знаю часового пояса «Mars/Olympus».")
    member = await team.anna.send("/settings Europe/Berlin", chat=team.group)
    assert member[-1].text == "Часовой пояс группы «Sales team» меняют её администраторы."


async def test_a_private_list_has_its_own_deadline_and_zone(running: Running) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await anna.send("/new Acme")
    await anna.press("Нет")
    day = today() + timedelta(days=3)
    await anna.send("/settings Asia/Yekaterinburg")
    replies = await anna.send(f"/deadline {day:%Y-%m-%d}")
    assert replies[-1].text.startswith(f"⏳ Срок оценки — {date_text(RU, day)}, осталось ")
    settings = await anna.send("/settings")
    assert "Часовой пояс вашего лонг-листа: Екатеринбург (UTC+5)." in settings[-1].text
    assert "✓ Екатеринбург" in settings[-1].button_texts
    todo = await anna.send("/todo")
    assert f"«Acme» · мой лонг-лист · отвечено 0 из 24 · ⏳ срок {date_text(RU, day)}" in (
        todo[-1].text
    )


async def test_a_send_recorded_before_a_kill_is_not_made_again(
    running: Running, questionnaire: Questionnaire
) -> None:
    """Killed at 10:00:30 between recording Boris's nudge and sending it: started again at
    10:01, the bot sends Anna's, and Boris's not a second time (a send is never repeated)."""
    await quiet(running)
    team = await make_team(running.emu)
    day1 = today() + timedelta(days=1)
    await prepare(team, questionnaire, day1 + timedelta(days=1))
    async with running.app.db.transaction() as tx:
        group = await tx.workspace(team.group.id)
        assert group is not None
        await tx.claim_send(group.id, "nudge", day1, at(day1, 10, 0, 30), user_id=team.boris.id)
    assert await tick(running, at(day1, 10, 1)) == 1
    assert (len(nudge_of(team.anna)), len(nudge_of(team.boris))) == (1, 0)
