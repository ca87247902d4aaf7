"""PartnerFit benchmark: prints a table. Not a test; run it on a quiet machine:

    .venv/bin/python bench/bench.py            # everything, a few minutes
    .venv/bin/python bench/bench.py --quick    # smaller runs

(a) the in-process cost of an answer press through the Dispatcher, SQLite commit included,
    and its round trips to the database's thread (each a hop to aiosqlite's thread and back),
    counted;
(b) answers per second end to end through the Bot API emulator, against a bare aiogram echo
    bot on the same emulator in the same run, and against a bare aiogram bot that makes the
    three API calls an answer needs and nothing else (each bot in a process of its own);
(c) /ranking and a card for a workspace of 10,000 partners;
(d) resident memory of the bot process holding those 10,000 partners;
(e) another person's reply while one person's burst of 200 notes is handled;
(f) the resident memory of the bot's process and of its drawing worker, idle after start, and
    /report for 500 partners: its data made into a report, then its PDF and XLSX in the worker,
    and each file alone; and from SQLite, the data read and the whole command;
(g) a group's progress board drawn anew (its data read and a page rendered), as each coalesced
    edit draws it, for 50 and 500 partners with seven assessors each;
and, for issue 4: robustness trials for 10,000 partners, and one radar chart.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aiogram import Bot  # noqa: E402
from aiogram.client.session.base import BaseSession  # noqa: E402
from aiogram.methods import TelegramMethod  # noqa: E402
from aiogram.types import (  # noqa: E402
    CallbackQuery,
    Chat,
    Message,
    PhotoSize,
    Update,
    User,
)
from pydantic import SecretStr  # noqa: E402

from bot.__main__ import build, freeze_startup  # noqa: E402
from bot.charts import model, worker  # noqa: E402
from bot.charts.send import radar_labels  # noqa: E402
from bot.config import Settings  # noqa: E402
from questionnaire.loader import load_questionnaire  # noqa: E402
from questionnaire.scoring import score_partner  # noqa: E402

TOKEN = "123456789:BENCH-token"
BOT_USER = User(id=123456789, is_bot=True, first_name="PartnerFit", username="PartnerFitBot")


class NullSession(BaseSession):
    """Answers every request at once, as Telegram would, without a network: what is left is the
    bot's own cost (handlers, templates, SQLite)."""

    def __init__(self) -> None:
        super().__init__()
        self.next_id: dict[int, int] = {}
        self.last_sent: dict[int, int] = {}

    async def close(self) -> None:
        pass

    def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:  # pragma: no cover (the bot downloads nothing)
        raise NotImplementedError

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[Any],
        timeout: int | None = None,  # noqa: ASYNC109 (aiogram's signature)
    ) -> Any:
        name = type(method).__name__
        chat_id = getattr(method, "chat_id", None)
        if name == "GetMe":
            return BOT_USER
        if name in {"SendMessage", "SendPhoto", "SendDocument"} and isinstance(chat_id, int):
            message_id = self.next_id.get(chat_id, 1000) + 1
            self.next_id[chat_id] = message_id
            self.last_sent[chat_id] = message_id
            photo = (
                [PhotoSize(file_id=f"photo{message_id}", file_unique_id="u", width=1, height=1)]
                if name == "SendPhoto"
                else None
            )
            return Message(
                message_id=message_id,
                date=datetime.now(UTC),
                chat=Chat(id=chat_id, type="private"),
                from_user=BOT_USER,
                text=getattr(method, "text", None),
                photo=photo,
            )
        return True


def person(user_id: int) -> User:
    return User(id=user_id, is_bot=False, first_name=f"User{user_id}", language_code="ru")


def text_update(update_id: int, user_id: int, text: str) -> Update:
    message = Message(
        message_id=update_id,
        date=datetime.now(UTC),
        chat=Chat(id=user_id, type="private"),
        from_user=person(user_id),
        text=text,
    )
    return Update(update_id=update_id, message=message)


def press_update(update_id: int, user_id: int, message_id: int, data: str) -> Update:
    message = Message(
        message_id=message_id,
        date=datetime.now(UTC),
        chat=Chat(id=user_id, type="private"),
        from_user=BOT_USER,
        text=".",
    )
    query = CallbackQuery(
        id=str(update_id), from_user=person(user_id), chat_instance="c", message=message, data=data
    )
    return Update(update_id=update_id, callback_query=query)


async def in_process_bot(database: Path) -> tuple[Any, NullSession]:
    settings = Settings(bot_token=SecretStr(TOKEN), database_path=database, telegram_api_url=None)
    app = await build(settings)
    freeze_startup()  # as the bot does at start-up, before it starts the drawing worker
    await asyncio.wrap_future(worker.warm_up(radar_labels(app.dispatcher["questionnaire"])))
    session = NullSession()
    app.bot.session = session
    return app, session


RATINGS = [1, 2, 3, 4, 5, 0]  # 0 is "Don't know"


class Trips:
    """Counts the hops to aiosqlite's thread (every query, fetch, commit, or unit of work run
    there is one), by wrapping the one method they all go through."""

    def __init__(self) -> None:
        import aiosqlite.core

        self.count = 0
        self._hop: Any = aiosqlite.core.Connection._execute
        trips = self

        async def counted(conn: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
            trips.count += 1
            return await trips._hop(conn, fn, *args, **kwargs)

        setattr(aiosqlite.core.Connection, "_execute", counted)  # noqa: B010 (a method, patched)

    def close(self) -> None:
        import aiosqlite.core

        setattr(aiosqlite.core.Connection, "_execute", self._hop)  # noqa: B010


async def answer_press_cost(partners: int) -> tuple[list[float], list[float], list[int]]:
    """Milliseconds per answer press, fed to the Dispatcher one by one: the presses that bring
    the next question, and the last ones, that bring the card with its radar chart; and the
    round trips to the database of each of the first kind (counted in a run of their own, so
    that counting costs none of the times)."""
    timings, last = await _presses(partners, None)
    trips = Trips()
    try:
        counts: list[int] = []
        await _presses(2, (trips, counts))
    finally:
        trips.close()
    return timings, last, counts


async def _presses(
    partners: int, counting: tuple[Trips, list[int]] | None
) -> tuple[list[float], list[float]]:
    questionnaire = load_questionnaire()
    asked = list(questionnaire.applicable(False))
    with tempfile.TemporaryDirectory() as folder:
        app, session = await in_process_bot(Path(folder) / "bench.db")
        dp, bot = app.dispatcher, app.bot
        update_id = 0
        timings: list[float] = []
        last: list[float] = []
        rng = random.Random(1)
        for n in range(partners):
            user = 5000 + n
            update_id += 1
            await dp.feed_update(bot, text_update(update_id, user, f"/new Partner {n}"))
            update_id += 1
            tech = session.last_sent[user]
            await dp.feed_update(bot, press_update(update_id, user, tech, f"t:{n + 1}:0"))
            for question in asked:
                value = 4 if question.kind == "choice" else rng.choice(RATINGS)
                data = f"a:{n + 1}:{question.id}:{value}"
                update_id += 1
                update = press_update(update_id, user, session.last_sent[user], data)
                before = counting[0].count if counting else 0
                began = time.perf_counter()
                await dp.feed_update(bot, update)
                spent = (time.perf_counter() - began) * 1000
                (last if question is asked[-1] else timings).append(spent)
                if counting and question is not asked[-1]:
                    counting[1].append(counting[0].count - before)
        await app.db.close()
    return timings, last


async def floor_press_cost(presses: int) -> list[float]:
    """Milliseconds per press of the three-call bot (bench/floor_bot.py) fed to a Dispatcher
    the same way as (a): what aiogram alone costs for the calls an answer makes, with no
    storage and no logic, the floor under (a)."""
    sys.path.insert(0, str(ROOT / "bench"))
    floor_bot = importlib.import_module("floor_bot")  # a script beside this one, not a package
    from aiogram import Dispatcher

    bot = Bot(TOKEN, session=NullSession())
    session = bot.session
    assert isinstance(session, NullSession)
    dispatcher = Dispatcher()
    dispatcher.message.register(floor_bot.start)
    dispatcher.callback_query.register(floor_bot.pressed)
    user = 9000
    await dispatcher.feed_update(bot, text_update(1, user, "/start"))
    timings = []
    for n in range(presses):
        update = press_update(n + 2, user, session.last_sent[user], f"a:1:{n + 1}:4")
        began = time.perf_counter()
        await dispatcher.feed_update(bot, update)
        timings.append((time.perf_counter() - began) * 1000)
    return timings


async def reply_during_burst(burst: int, samples: int) -> dict[str, str]:
    """Another person's note, fed alone and while one person's burst of notes (a batch of
    forwarded messages) is handled: each burst note a task of its own, as polling makes them."""
    with tempfile.TemporaryDirectory() as folder:
        app, session = await in_process_bot(Path(folder) / "burst.db")
        dp, bot = app.dispatcher, app.bot
        flooder, other = 7001, 7002
        for n, user in enumerate((flooder, other), start=1):  # a question open for each
            await dp.feed_update(bot, text_update(n * 10, user, f"/new Partner {n}"))
            tech = session.last_sent[user]
            await dp.feed_update(bot, press_update(n * 10 + 1, user, tech, f"t:{n}:0"))
        update_id = 100

        async def note(user: int) -> float:
            nonlocal update_id
            update_id += 1
            began = time.perf_counter()
            await dp.feed_update(bot, text_update(update_id, user, f"note {update_id}"))
            return (time.perf_counter() - began) * 1000

        alone = [await note(other) for _ in range(samples)]
        notes = [asyncio.create_task(note(flooder)) for _ in range(burst)]
        await asyncio.sleep(0)  # every burst note has arrived before the other person writes
        during = [await note(other) for _ in range(samples)]
        left = sum(not task.done() for task in notes)
        await asyncio.gather(*notes)
        async with app.db.read() as tx:
            kept = len(await tx.notes(1))
        await app.db.close()
    return {
        "another's note alone, median (ms)": f"{statistics.median(alone):.2f}",
        f"another's note during {burst} notes, median (ms)": f"{statistics.median(during):.2f}",
        f"another's note during {burst} notes, max (ms)": f"{max(during):.2f}",
        "burst notes kept (still queued after the last sample)": f"{kept} of {burst} ({left})",
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def big_workspace(count: int) -> dict[str, float]:
    """10,000 partners in one workspace: /ranking and a card, first and again; memory."""
    from storage.queries.partners import new_invite

    questionnaire = load_questionnaire()
    ids = [q.id for q in questionnaire.applicable(False)]
    rng = random.Random(2)
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        app, _ = await in_process_bot(Path(folder) / "big.db")
        dp, bot, db = app.dispatcher, app.bot, app.db
        user = 7000
        await dp.feed_update(bot, text_update(1, user, "/start"))
        began = time.perf_counter()
        rows, answers = [], []
        for n in range(count):
            sheet = {q: rng.choice([None, 1, 2, 3, 4, 5]) for q in rng.sample(ids, 20)}
            sheet["2.2"] = rng.choice([2, 4, 5])
            card = score_partner(questionnaire, sheet, technology=False)
            s = card.summary()
            tier = s.tier.value if s.tier else None
            standing = json.dumps(card.standing().__dict__)
            created = "2026-11-28T00:00:00"
            name = f"Partner {n:05d}"
            figures_ = (s.score, s.low, s.high, s.coverage, tier, s.red_flags)
            rows.append(
                (n + 1, 1, name, name.lower(), 0, user, created, *figures_, new_invite(), standing)
            )
            answers.append((n + 1, sheet))
        async with db.transaction() as tx:
            conn = tx._conn
            await conn.executemany(
                "INSERT INTO partners (id, workspace_id, name, name_key, technology, created_by,"
                " created_at, score, low, high, coverage, tier, red_flags, invite, standing)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            await conn.executemany(
                "INSERT INTO assessments (id, partner_id, user_id, started_at, updated_at)"
                " VALUES (?, ?, ?, '2026-11-28T00:00:00', '2026-11-28T00:00:00')",
                [(n, n, user) for n, _ in answers],
            )
            await conn.executemany(
                "INSERT INTO answers VALUES (?, ?, ?, '2026-11-28T00:00:00')",
                [(n, q, r) for n, sheet in answers for q, r in sheet.items()],
            )
        figures["seed 10k partners (s)"] = time.perf_counter() - began
        del rows, answers  # so that what is timed and measured below is the bot's alone

        async def timed(update: Update) -> float:
            began = time.perf_counter()
            await dp.feed_update(bot, update)
            return (time.perf_counter() - began) * 1000

        asked = time.perf_counter()
        figures["/ranking, first (ms)"] = await timed(text_update(2, user, "/ranking"))
        await dp["longlist"].settled()  # place firmness, worked out in the background
        figures["firmness of 10k ready after (s)"] = time.perf_counter() - asked
        figures["/ranking, again (ms)"] = await timed(text_update(3, user, "/ranking"))
        figures["card, first (ms)"] = await timed(text_update(4, user, "/card Partner 04242"))
        figures["card, again (ms)"] = await timed(text_update(5, user, "/card Partner 04242"))
        figures["resident memory (MB)"] = resident_mb()
        await app.db.close()
    return figures


async def board_redraw(partners: int, people: int = 7, repeats: int = 30) -> float:
    """Median ms to read a group's progress and render its board's first page and buttons."""
    from bot.render import keyboards
    from bot.render.board import board_text
    from bot.render.texts import Texts
    from bot.services.board import ProgressBoard
    from storage.db import Database

    questionnaire = load_questionnaire()
    asked = [q.id for q in questionnaire.applicable(False)]
    with tempfile.TemporaryDirectory() as folder:
        db = await Database.open(Path(folder) / "board.db")
        team = [8000 + n for n in range(people)]
        async with db.transaction() as tx:
            for user in team:
                await tx.ensure_user(user, f"Assessor with a long name {user}", None, "ru")
            group = await tx.ensure_workspace(-8000, "group", "Board bench", lang="ru")
            for n in range(partners):
                partner = await tx.add_partner(group.id, f"Partner {n:03d}", team[0])
                await tx.assign(partner.id, team, team[0])
                for user in team[: n % (people + 1)]:  # done, part-way and not started
                    assessment = await tx.start_assessment(partner.id, user)
                    for question in asked[: 11 + n % 14]:
                        await tx.save_answer(assessment.id, question, 4)
        board, t = ProgressBoard(db, questionnaire), Texts()("ru")
        timings = []
        for _ in range(repeats):
            began = time.perf_counter()
            view = await board.view(group)
            board_text(t, view, 1)
            keyboards.board(t, view, 1)
            timings.append((time.perf_counter() - began) * 1000)
        await db.close()
    return statistics.median(timings)


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used so far, its threads included (Linux)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resident_mb(pid: int | str = "self") -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def worker_and_report(partners: int) -> dict[str, float]:
    """Both processes' memory once the bot is up and idle (the worker ready, its radars'
    backdrops drawn); then /report's files for a made-up longlist, made in the worker."""
    from bot.charts import report
    from bot.render.texts import Texts
    from tests.bot.reports import MOMENT, longlist

    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        app, _ = await in_process_bot(Path(folder) / "bench.db")
        pid, _ = await asyncio.wrap_future(worker.inside())
        await asyncio.sleep(1)
        figures["bot process, idle after start, resident memory (MB)"] = resident_mb()
        figures["drawing worker, idle after start, resident memory (MB)"] = resident_mb(pid)
        questionnaire = app.dispatcher["questionnaire"]
        data, t = longlist(questionnaire, partners), Texts()("ru")
        began = time.perf_counter()
        made = report.report(t, data, questionnaire, MOMENT)
        figures[f"report of {partners}: its data, in the bot (ms)"] = (
            time.perf_counter() - began
        ) * 1000
        for run in ("first", "again"):
            began = time.perf_counter()
            await report.files(made)
            figures[f"report of {partners}: PDF and XLSX in the worker, {run} (s)"] = (
                time.perf_counter() - began
            )
        figures["drawing worker after the reports, resident memory (MB)"] = resident_mb(pid)
        await app.db.close()
    # Each file alone, as the worker makes it (here, in this process: matplotlib is loaded by
    # the first, so the PDF is timed again once it is).
    from bot.charts import pdf, xlsx

    for name, make in (
        ("PDF", pdf.report_pdf),
        ("PDF", pdf.report_pdf),
        ("XLSX", xlsx.report_xlsx),
    ):
        began = time.perf_counter()
        make(made)
        figures[f"report of {partners}: {name} alone (s)"] = time.perf_counter() - began
    return figures


async def report_from_database(count: int) -> dict[str, float]:
    """/report for `count` partners kept in SQLite, each assessed by three people with a note:
    what the bot's process reads and makes, then the whole command, files sent."""
    from bot.services.report import report_data
    from questionnaire.team import combine
    from storage.queries.partners import new_invite

    questionnaire = load_questionnaire()
    ids = [q.id for q in questionnaire.applicable(False)]
    rng = random.Random(3)
    people = [7001, 7002, 7003]
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        app, session = await in_process_bot(Path(folder) / "report.db")
        dp, bot, db = app.dispatcher, app.bot, app.db
        for n, user in enumerate(people, 1):
            await dp.feed_update(bot, text_update(n, user, "/start"))
        at = "2026-11-28T00:00:00"
        partners, assessments, answers, notes = [], [], [], []
        for n in range(1, count + 1):
            sheets = {
                user: {q: rng.choice([None, 1, 2, 3, 4, 4, 5, 5]) for q in ids} for user in people
            }
            team = combine(questionnaire, {str(u): sheet for u, sheet in sheets.items()})
            card = score_partner(questionnaire, team.ratings, technology=False)
            s = card.summary()
            name = f"Partner {n:04d}"
            partners.append(
                (n, 1, name, name.lower(), 0, people[0], at, s.score, s.low, s.high, s.coverage,
                 s.tier.value if s.tier else None, s.red_flags, new_invite(),
                 json.dumps(card.standing().__dict__))
            )  # fmt: skip
            for k, user in enumerate(people):
                assessment = n * 10 + k
                assessments.append((assessment, n, user))
                answers += [(assessment, q, r) for q, r in sheets[user].items()]
            notes.append((n * 10, "1.1", "Слышал от знакомых, что сроки срывают"))
        async with db.transaction() as tx:
            conn = tx._conn
            await conn.executemany(
                "INSERT INTO partners (id, workspace_id, name, name_key, technology, created_by,"
                " created_at, score, low, high, coverage, tier, red_flags, invite, standing)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                partners,
            )
            await conn.executemany(
                "INSERT INTO assessments (id, partner_id, user_id, started_at, updated_at)"
                f" VALUES (?, ?, ?, '{at}', '{at}')",
                assessments,
            )
            await conn.executemany(f"INSERT INTO answers VALUES (?, ?, ?, '{at}')", answers)
            await conn.executemany(
                "INSERT INTO notes (assessment_id, question_id, kind, body, created_at)"
                f" VALUES (?, ?, 'text', ?, '{at}')",
                notes,
            )
        longlist = dp["longlist"]
        async with db.read() as tx:
            workspace = await tx.workspace_by_id(1)
        assert workspace is not None
        began = time.perf_counter()
        data = await report_data(longlist, workspace)
        figures[f"report of {count} from SQLite (3 assessors each): data read (s)"] = (
            time.perf_counter() - began
        )
        assert len(data.ranked) == count
        sent = session.next_id.get(people[0], 0)
        began = time.perf_counter()
        await dp.feed_update(bot, text_update(10, people[0], "/report"))
        figures[f"report of {count} from SQLite: the whole /report, files sent (s)"] = (
            time.perf_counter() - began
        )
        assert session.next_id[people[0]] == sent + 2, "the PDF and the XLSX were not sent"
        await app.db.close()
    return figures


def robustness_and_radar() -> dict[str, float]:
    from bot.charts import render
    from questionnaire.robustness import Field, robustness
    from questionnaire.scoring import Standing

    rng = random.Random(3)
    sizes = (2, 3, 2, 3, 3, 2, 3, 5, 2, 2)

    def standing() -> Standing:
        known = tuple(rng.randint(0, t) for t in sizes)
        return Standing(tuple(k * rng.random() for k in known), known, sizes, 0, 0, 0)

    field = Field([standing() for _ in range(10_000)])
    weights = {1: 15, 2: 15, 3: 10, 4: 10, 5: 10, 6: 8, 7: 10, 8: 10, 9: 5, 10: 7}
    began = time.perf_counter()
    robustness(field, weights, [True] * 10_000, 3, trials=1000)
    trials = time.perf_counter() - began
    radar = model.Radar(
        "Рога & Копыта · 63",
        [
            "Стратегия",
            "Рынок",
            "Финансы",
            "Репутация",
            "Маркетинг",
            "Условия",
            "Команда",
            "Право",
            "Рост",
        ],
        [88, 63, 50, 88, 13, 50, 56, 75, None],
        [60, 40, 50, 70, 13, 30, 56, 50, 0],
        [95, 80, 50, 95, 13, 70, 56, 90, 100],
    )
    render.prepare(("A", "B", "C"))  # matplotlib's fonts and caches loaded
    began = time.perf_counter()
    render.radar_png(radar)  # and the backdrop of its section names, drawn once
    first = time.perf_counter() - began
    began = time.perf_counter()
    for _ in range(10):
        render.radar_png(radar)
    return {
        "robustness, 10k × 1000 trials (s)": trials,
        "radar chart, first with its names (ms)": first * 1000,
        "radar chart render (ms)": (time.perf_counter() - began) * 100,
    }


async def throughput(users: int, presses: int) -> dict[str, str]:
    """Answers per second through the emulator; an echo bot's messages per second; and the
    presses per second of a bot that makes an answer's three API calls and nothing else."""
    from tests.botapi import BotAPIEmulator, ScriptedUser
    from tests.e2e.driver import button_for, is_question, shown_question

    questionnaire = load_questionnaire()
    rates: dict[str, float] = {}
    busy: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        emu = BotAPIEmulator(token=TOKEN, timeout=60)
        queue = emu.world.queue
        queue.quiet_period = 0.02  # setting up: each step waits until the bot has gone quiet
        await emu.start()

        async def rate(
            bot: str,
            process: asyncio.subprocess.Process,
            each: Callable[[Any], Awaitable[None]],
            people: list[Any],
        ) -> None:
            """Presses (or messages) per second, and how busy the bot's process and this one
            (the emulator and the people) kept their CPU. Each person waits for their own
            reply only, not for the emulator to see every bot go quiet, which paces them all."""
            queue.quiet_period = 0
            began, cpu, ours = time.perf_counter(), cpu_seconds(process.pid), time.process_time()
            await asyncio.gather(*(each(p) for p in people))
            spent = time.perf_counter() - began
            cpu, ours = cpu_seconds(process.pid) - cpu, time.process_time() - ours
            queue.quiet_period = 0.02
            rates[bot] = users * presses / spent
            busy[bot] = f"{cpu / spent:.0%} / {ours / spent:.0%}"

        env = {
            **os.environ,
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": emu.base_url,
            "LOG_LEVEL": "WARNING",
        }
        try:
            echo = await spawn([sys.executable, str(ROOT / "bench" / "echo_bot.py")], env, emu)
            people = [emu.user(20_000 + i, f"E{i}", language_code="ru") for i in range(users)]
            await rate("echo bot", echo, partial(echo_many, count=presses), people)
            await stop(echo)

            floor = await spawn([sys.executable, str(ROOT / "bench" / "floor_bot.py")], env, emu)
            people = [emu.user(25_000 + i, f"F{i}", language_code="ru") for i in range(users)]
            for person_ in people:
                await person_.send("/start")
            await rate("three-call bot", floor, partial(press_many, count=presses), people)
            await stop(floor)

            database = Path(folder) / "bot.db"
            ours = await spawn(
                [sys.executable, "-m", "bot"], {**env, "DATABASE_PATH": str(database)}, emu
            )
            people = [emu.user(30_000 + i, f"A{i}", language_code="ru") for i in range(users)]
            for person_ in people:
                await person_.send(f"/new P{person_.id}")
                await person_.press("Нет")
            ratings = {q.id: 4 for q in questionnaire.questions}

            async def answer(user: ScriptedUser) -> None:
                for _ in range(presses):
                    last = user.last
                    if not is_question(last):
                        return
                    question = shown_question(last)
                    await user.press(button_for(questionnaire, question, ratings[question], "ru"))
                    await wait_until(partial(moved_on, user, last.message_id))

            await rate("PartnerFit", ours, answer, people)
            await stop(ours)
            committed = committed_answers(database)
        finally:
            await emu.stop()
    echo_rate, floor_rate = rates["echo bot"], rates["three-call bot"]
    our_rate = rates["PartnerFit"]
    return {
        "echo bot, updates/s": f"{echo_rate:.2f}",
        "three-call bot, presses/s": f"{floor_rate:.2f}",
        "three-call bot / echo bot": f"{floor_rate / echo_rate:.2f}",
        "PartnerFit, answers/s": f"{our_rate:.2f}",
        "ratio (target ≥ 0.5)": f"{our_rate / echo_rate:.2f}",
        "PartnerFit / three-call bot": f"{our_rate / floor_rate:.2f}",
        "answers committed / pressed": f"{committed / (users * presses):.2f}",
        **{f"{bot}, CPU busy / emulator's": share for bot, share in busy.items()},
    }


def moved_on(user: Any, message_id: int) -> bool:
    return bool(user.last.message_id != message_id)


async def echo_many(user: Any, count: int) -> None:
    for n in range(count):
        await user.send(f"echo {n}")
        await wait_until(partial(echoed, user, f"echo {n}"))


def echoed(user: Any, text: str) -> bool:
    return bool(user.chat.bot_messages) and bool(user.last.text == text)


async def press_many(user: Any, count: int) -> None:
    for _ in range(count):
        last = user.last
        await user.press("4")
        await wait_until(partial(moved_on, user, last.message_id))


async def wait_until(condition: Callable[[], bool], seconds: float = 30) -> None:
    for _ in range(int(seconds / 0.002)):
        if condition():
            return
        await asyncio.sleep(0.002)


async def spawn(command: list[str], env: dict[str, str], emu: Any) -> asyncio.subprocess.Process:
    before = len(emu.calls_of("getMe"))
    process = await asyncio.create_subprocess_exec(
        *command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    # Started once it asks who it is, as aiogram does right before it polls (an empty long
    # poll is only logged when it ends, seconds later). Updates sent meanwhile wait for it.
    await wait_until(lambda: len(emu.calls_of("getMe")) > before, 60)
    if process.returncode is not None:
        raise RuntimeError(f"{command} exited with {process.returncode}")
    return process


async def stop(process: asyncio.subprocess.Process) -> None:
    process.terminate()
    await process.wait()


def committed_answers(database: Path) -> int:
    import sqlite3

    with sqlite3.connect(database) as db:
        return int(db.execute("SELECT count(*) FROM answers").fetchone()[0])


def table(rows: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--section", choices=["big", "worker"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.section == "big":  # in a process of its own, so its memory is its own
        print(json.dumps(await big_workspace(10_000)))
        return
    if args.section == "worker":
        count = 100 if args.quick else 500
        figures = await worker_and_report(count)
        figures.update(await report_from_database(count))
        print(json.dumps(figures))
        return
    rows: list[tuple[str, str]] = []
    timings, last, trips = await answer_press_cost(10 if args.quick else 40)
    rows += [
        ("(a) answer press → next question, median (ms)", f"{statistics.median(timings):.2f}"),
        ("(a) answer press → next question, p99 (ms)", f"{percentile(timings, 0.99):.2f}"),
        ("(a) last press → card and radar, median (ms)", f"{statistics.median(last):.2f}"),
        ("(a) presses measured", f"{len(timings)} + {len(last)} last"),
        ("(a) round trips to the database per answer press", f"{min(trips)}–{max(trips)}"),
    ]
    floor = await floor_press_cost(len(timings))
    rows += [
        ("(a) three-call bot's press, in process, median (ms)", f"{statistics.median(floor):.2f}")
    ]
    users, presses = (10, 10) if args.quick else (40, 20)
    passing = await throughput(users, presses)
    rows += [(f"(b) {name}", value) for name, value in passing.items()]
    big = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--section", "big", stdout=asyncio.subprocess.PIPE
    )
    output, _ = await big.communicate()
    rows += [(f"(c/d) {name}", f"{value:.1f}") for name, value in json.loads(output).items()]
    alone = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--section", "worker", *(["--quick"] if args.quick else []),
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    output, _ = await alone.communicate()
    rows += [(f"(f) {name}", f"{value:.2f}") for name, value in json.loads(output).items()]
    rows += [(f"(4) {name}", f"{value:.2f}") for name, value in robustness_and_radar().items()]
    burst = await reply_during_burst(200, 10 if args.quick else 30)
    rows += [(f"(e) {name}", value) for name, value in burst.items()]
    for partners in (50, 500):
        board = await board_redraw(partners)
        rows.append((f"(g) board of {partners} partners × 7 drawn anew (ms)", f"{board:.1f}"))
    cpu = os.cpu_count()
    print(f"PartnerFit benchmark · Python {sys.version.split()[0]} · {cpu} CPU")
    print(table(rows))


if __name__ == "__main__":
    asyncio.run(main())
