"""`python -m bot`: read the settings, build everything, poll Telegram for updates."""

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

from bot import drawing, webhook
from bot.assessments import Assessments
from bot.commands import MENUS, menu
from bot.config import Settings
from bot.handlers import routers
from bot.longlist import Longlist
from bot.middlewares import (
    CommandsLeavePrompts,
    ContextMiddleware,
    InFlight,
    PressesNeedTheirMessage,
    Throttle,
)
from bot.pictures import Pictures, radar_labels
from bot.reminders import Reminders
from bot.resilience import Resilience
from bot.session import KeepResponseTypes
from bot.teamwork import GroupPosts, Membership
from bot.texts import Texts, TextsError
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


class RedactToken(logging.Filter):
    """Keep the token out of every log line, whatever library writes it."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message:
            record.msg = message.replace(self.token, "<BOT_TOKEN>")
            record.args = None
        if record.exc_info and record.exc_info[1] and self.token in str(record.exc_info[1]):
            record.exc_text = (
                logging.Formatter()
                .formatException(record.exc_info)
                .replace(self.token, "<BOT_TOKEN>")
            )
            record.exc_info = None
        return True


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
    session = (
        AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
        if settings.telegram_api_url
        else AiohttpSession()
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
    assessments = Assessments(db, questionnaire)
    longlist = Longlist(db, questionnaire)
    reminders = Reminders(db, texts, assessments)
    posts = GroupPosts()
    membership = Membership()
    isolation = LockingEventIsolation()
    dispatcher = Dispatcher(
        storage=SQLiteStorage(db),
        events_isolation=isolation,
        db=db,
        texts=texts,
        questionnaire=questionnaire,
        assessments=assessments,
        longlist=longlist,
        reminders=reminders,
        membership=membership,
        posts=posts,
        pictures=Pictures(),
    )
    in_flight = InFlight()
    dispatcher.update.outer_middleware(in_flight)
    Throttle.install(dispatcher, texts)  # judges updates before they queue for the FSM lock
    dispatcher.update.outer_middleware(ContextMiddleware(db, texts))
    dispatcher.message.outer_middleware(CommandsLeavePrompts())
    dispatcher.callback_query.outer_middleware(PressesNeedTheirMessage(texts))
    dispatcher.callback_query.middleware(CallbackAnswerMiddleware())
    dispatcher.include_routers(*routers())
    dispatcher.shutdown.register(in_flight.drained)  # first: let the updates in hand finish
    dispatcher.startup.register(on_startup)
    dispatcher.startup.register(reminders.start)
    dispatcher.shutdown.register(reminders.stop)
    dispatcher.shutdown.register(posts.close)
    return App(bot, dispatcher, db)


async def on_startup(bot: Bot, texts: Texts, questionnaire: Questionnaire) -> None:
    """Start the drawing worker; register the command menus (private, group) in both languages.

    Failures are logged, not fatal: the bot works without a menu, and retries on its own.
    """
    drawing.warm_up(radar_labels(questionnaire))
    try:
        for scope, names in MENUS:
            for lang in LANGS:
                commands = menu(texts(lang), names)
                await bot.set_my_commands(commands, scope=scope, language_code=lang)
                if lang == "en":  # the menu for every other language
                    await bot.set_my_commands(commands, scope=scope)
    except TelegramAPIError as exc:  # network errors included
        log.warning("could not set up the command menu: %s", exc)


def settle() -> None:
    """Once built: what start-up made lives as long as the bot, so it is left out of garbage
    collection from now on. A full collection would walk all of it every time (tens of ms,
    with every update waiting), for instance while a ranking of thousands is being made."""
    gc.collect()
    gc.freeze()


async def run(settings: Settings) -> None:
    """Long polling: ask Telegram for updates until stopped (SIGINT or SIGTERM)."""
    app = await build(settings)
    settle()
    api = settings.telegram_api_url or "Telegram's"
    log.info("database %s, Bot API server %s", settings.database_path, api)
    try:
        with contextlib.suppress(TelegramAPIError):  # polling retries by itself anyway
            await app.bot.delete_webhook(drop_pending_updates=False)  # polling, not webhook
        await app.dispatcher.start_polling(app.bot)
    finally:
        await app.db.close()


async def run_webhook(settings: Settings) -> None:
    """Serve Telegram's webhook until stopped; requests without the secret are refused."""
    app = await build(settings)
    settle()
    runner = await webhook.start(app.dispatcher, app.bot, settings)
    try:
        await webhook.stopped()
    finally:
        await runner.cleanup()
        await app.db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="PartnerFit bot")
    parser.add_argument("--webhook", action="store_true", help="serve a webhook (WEBHOOK_URL)")
    commands = parser.add_subparsers(dest="command")
    copy = commands.add_parser("backup", help="copy the database while the bot runs")
    copy.add_argument("path", type=Path, help="where to write the copy")
    args = parser.parse_args(argv)
    settings = Settings()
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
    redact = RedactToken(settings.bot_token.get_secret_value())
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    webhook_mode = args.webhook or settings.webhook_url is not None
    if webhook_mode and not (settings.webhook_url and settings.webhook_secret):
        sys.stderr.write(NO_WEBHOOK)
        return 2
    try:
        asyncio.run(run_webhook(settings) if webhook_mode else run(settings))
    except TokenValidationError:
        sys.stderr.write(BAD_TOKEN + HOW_TO_GET)
        return 2
    except (QuestionnaireError, TextsError) as exc:
        log.critical("%s", exc)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
