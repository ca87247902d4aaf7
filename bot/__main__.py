"""`python -m bot`: read the settings, build everything, poll Telegram for updates.

Exit codes: 0 stopped; 2 a setting is missing or wrong, or Telegram refused the token;
69 (EX_UNAVAILABLE in sysexits.h) the Bot API could not be reached at start, even after
retrying for a few minutes (see `Patience`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError
from aiogram.utils.callback_answer import CallbackAnswerMiddleware
from aiogram.utils.token import TokenValidationError
from pydantic import ValidationError

from bot import webhook
from bot.access import Access
from bot.charts import worker
from bot.charts.send import Pictures, radar_labels
from bot.config import Settings, invalid
from bot.dialog.board import Boards
from bot.dialog.middleware import Dialog
from bot.dialog.weight_lines import WeightLines
from bot.handlers import routers
from bot.nudges import DailyDigest, Nudges
from bot.reminders import Reminders
from bot.render.texts import Texts, TextsError
from bot.scheduler import Scheduler
from bot.services.assignments import Assignments
from bot.services.board import ProgressBoard
from bot.services.deadlines import Deadlines
from bot.services.decisions import Decisions
from bot.services.interview import Assessments
from bot.services.longlist import Longlist
from bot.services.teams import Teams
from bot.services.weight_log import WeightLog
from bot.telegram import proxy
from bot.telegram.commands import MENUS, menu
from bot.telegram.guard import GUARDED, Guard
from bot.telegram.middlewares import (
    CommandsLeavePrompts,
    ContextMiddleware,
    InFlight,
    PressesNeedTheirMessage,
    Throttle,
)
from bot.telegram.posts import GroupPosts
from bot.telegram.resilience import Resilience
from bot.telegram.session import KeepResponseTypes
from bot.telegram.startup import (
    TELEGRAM,
    UNREACHABLE,
    Patience,
    RedactSecrets,
    Refused,
    Unreachable,
    check_telegram,
    secrets,
    through,
)
from questionnaire.loader import QuestionnaireError, load_questionnaire
from questionnaire.model import LANGS, Questionnaire
from storage.backup import backup
from storage.db import Database
from storage.fsm import LockingEventIsolation, SQLiteStorage

log = logging.getLogger("bot")

NO_TOKEN = "BOT_TOKEN is not set, so the bot cannot connect to Telegram.\n"
NO_WEBHOOK = """\
Webhook mode needs WEBHOOK_URL (the public https address Telegram posts to) and
WEBHOOK_SECRET (a random string; Telegram sends it back with every update). See .env.example.
"""
BAD_TOKEN = "BOT_TOKEN does not look like a token from @BotFather.\n"
HOW_TO_GET = """\
Get a token from @BotFather in Telegram (send it /newbot), then either put the line
    BOT_TOKEN=123456:ABC...
into a file named .env in the folder you start the bot from (see .env.example),
or run: BOT_TOKEN=123456:ABC... python -m bot
"""
BAD_SETTINGS = "Some settings are not valid (see .env.example):\n"


@dataclass
class App:
    bot: Bot
    dispatcher: Dispatcher
    db: Database


async def build(settings: Settings) -> App:
    """Everything the bot needs, from the settings; raises on a bad questionnaire or locale."""
    if settings.bot_token is None:
        raise ValueError("BOT_TOKEN is not set")
    questionnaire = load_questionnaire()
    texts = Texts()
    api = TelegramAPIServer.from_base(settings.telegram_api_url or TELEGRAM)
    session = (
        proxy.ProxySession(settings.telegram_proxy.get_secret_value(), api=api)
        if settings.telegram_proxy
        else AiohttpSession(api=api)
    )
    bot = Bot(
        settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
    db = await Database.open(settings.database_path)

    async def blocked(user_id: int) -> None:
        async with db.transaction() as tx:
            await tx.set_blocked(user_id, True)

    bot.session.middleware(Resilience(blocked=blocked))
    bot.session.middleware(KeepResponseTypes())
    return App(bot, dispatcher(db, texts, questionnaire), db)


def dispatcher(db: Database, texts: Texts, questionnaire: Questionnaire) -> Dispatcher:
    """The Dispatcher with its services (handlers ask for them by name), middlewares in the
    order they run, the routers, and what starts and stops with it."""
    assessments = Assessments(db, questionnaire)
    access = Access()
    reminders = Reminders(db, texts, assessments, access)
    posts = GroupPosts()
    longlist = Longlist(db, questionnaire)
    boards = Boards(ProgressBoard(db, questionnaire), texts, posts)
    nudges = Nudges(db, texts, deadlines := Deadlines(db, questionnaire), access)
    scheduler = Scheduler([reminders, boards, nudges, DailyDigest(db, texts, deadlines)])
    dp = Dispatcher(
        storage=SQLiteStorage(db),
        events_isolation=LockingEventIsolation(),
        scheduler=scheduler,
        db=db,
        texts=texts,
        questionnaire=questionnaire,
        assessments=assessments,
        longlist=longlist,
        teams=Teams(db),
        assignments=Assignments(db, questionnaire),
        deadlines=deadlines,
        decisions=Decisions(db, questionnaire),
        weight_lines=WeightLines(WeightLog(db, longlist), posts, questionnaire, boards),
        boards=boards,
        reminders=reminders,
        access=access,
        posts=posts,
        pictures=Pictures(),
    )
    dp.update.outer_middleware(in_flight := InFlight())
    Throttle.install(dp, texts)  # judges updates before they queue for the FSM lock
    dp.update.outer_middleware(ContextMiddleware(db, texts))
    dp.update.outer_middleware(Dialog())
    dp.message.outer_middleware(CommandsLeavePrompts())
    dp.callback_query.outer_middleware(PressesNeedTheirMessage(texts))
    dp.callback_query.middleware(CallbackAnswerMiddleware())
    guard = Guard(db, access)  # after the answer middleware: a refusal is said in the answer
    for observer in GUARDED:
        dp.observers[observer].middleware(guard)
    dp.include_routers(*routers())
    dp.shutdown.register(in_flight.drained)  # first: let the updates in hand finish
    for start in (on_startup, boards.start, scheduler.start):  # boards before their first tick
        dp.startup.register(start)
    for stop in (scheduler.stop, boards.close, posts.close, access.close):
        dp.shutdown.register(stop)
    return dp


async def on_startup(bot: Bot, texts: Texts, questionnaire: Questionnaire) -> None:
    """Start the drawing worker; register the command menus (private, group) in both languages.
    Failures are logged, not fatal: the bot works without a menu, and retries on its own."""
    worker.warm_up(radar_labels(questionnaire))
    try:
        for scope, names in MENUS:
            for lang in LANGS:
                commands = menu(texts(lang), names)
                await bot.set_my_commands(commands, scope=scope, language_code=lang)
                if lang == "en":  # the menu for every other language
                    await bot.set_my_commands(commands, scope=scope)
    except TelegramAPIError as exc:  # network errors included
        log.warning("could not set up the command menu: %s", exc)


def freeze_startup() -> None:
    """What start-up made lives as long as the bot: left out of garbage collection, which would
    walk all of it every time (tens of ms, every update waiting), e.g. amid a long ranking."""
    gc.collect()
    gc.freeze()


async def run(settings: Settings, patience: Patience) -> None:
    """Long polling: ask Telegram for updates until stopped (SIGINT or SIGTERM)."""
    app = await build(settings)
    try:
        await check_telegram(app.bot, settings, patience)
        freeze_startup()
        api = settings.telegram_api_url or "Telegram's"
        log.info(
            "database %s, Bot API server %s%s", settings.database_path, api, through(settings)
        )
        with contextlib.suppress(TelegramAPIError):  # polling retries by itself anyway
            await app.bot.delete_webhook(drop_pending_updates=False)  # polling, not webhook
        await app.dispatcher.start_polling(app.bot)
    finally:
        await app.bot.session.close()  # polling closes it too; not a check that failed
        await app.db.close()


async def run_webhook(settings: Settings, patience: Patience) -> None:
    """Serve Telegram's webhook until stopped; requests without the secret are refused."""
    app = await build(settings)
    try:
        await check_telegram(app.bot, settings, patience)
        freeze_startup()
        runner = await webhook.start(app.dispatcher, app.bot, settings)
        try:
            await webhook.stopped()
        finally:
            await runner.cleanup()
    finally:
        await app.bot.session.close()
        await app.db.close()


def main(argv: list[str] | None = None, patience: Patience | None = None) -> int:
    """`python -m bot`; returns the exit code (see the module's docstring)."""
    parser = argparse.ArgumentParser(prog="python -m bot", description="PartnerFit bot")
    parser.add_argument("--webhook", action="store_true", help="serve a webhook (WEBHOOK_URL)")
    commands = parser.add_subparsers(dest="command")
    copy = commands.add_parser("backup", help="copy the database while the bot runs")
    copy.add_argument("path", type=Path, help="where to write the copy")
    args = parser.parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        sys.stderr.write(BAD_SETTINGS + invalid(exc))
        return 2
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if args.command == "backup":
        try:
            backup(settings.database_path, args.path)
        except (OSError, sqlite3.Error) as exc:
            sys.stderr.write(f"Backup failed: {exc}\n")
            return 1
        sys.stderr.write(f"Copied {settings.database_path} to {args.path}\n")
        return 0
    if settings.bot_token is None:
        sys.stderr.write(NO_TOKEN + HOW_TO_GET)
        return 2
    redact = RedactSecrets(secrets(settings))
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    webhook_mode = args.webhook or settings.webhook_url is not None
    if webhook_mode and not (settings.webhook_url and settings.webhook_secret):
        sys.stderr.write(NO_WEBHOOK)
        return 2
    try:
        patience = patience or Patience()
        serve = run_webhook if webhook_mode else run
        asyncio.run(serve(settings, patience))
    except TokenValidationError:
        sys.stderr.write(BAD_TOKEN + HOW_TO_GET)
        return 2
    except Refused as exc:
        sys.stderr.write(redact.redact(str(exc)))
        return 2
    except Unreachable as exc:
        sys.stderr.write(redact.redact(str(exc)))
        return UNREACHABLE
    except (QuestionnaireError, TextsError) as exc:
        log.critical("%s", exc)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
