"""Whatever no other handler took: a short, helpful reply, never silence."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import CallbackQuery, ErrorEvent, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.render import keyboards
from bot.render.texts import T
from bot.telegram.filters import OurCommand, PlainText, PrivateChat

log = logging.getLogger(__name__)


async def stray_text(message: Message, t: T) -> None:
    await message.answer(t("fallback.text"), reply_markup=keyboards.start(t))


async def unknown_command(message: Message, t: T) -> None:
    command = (message.text or "").split(maxsplit=1)[0][:64]
    await message.answer(t("fallback.unknown_command", command=command))


async def anything_else(message: Message, t: T) -> None:
    await message.answer(t("fallback.other"))


async def stale_button(query: CallbackQuery, callback_answer: CallbackAnswer, t: T) -> None:
    """Buttons of messages that no longer apply, or callback data nobody made."""
    callback_answer.text = t.plain("alert.stale_button")


async def unexpected_error(event: ErrorEvent, t: T | None = None) -> None:
    """Log the failure and tell the person their answers are safe.

    A person who blocked the bot (403) is not an error: it is remembered, and nobody is told.
    """
    if isinstance(event.exception, TelegramForbiddenError):
        log.info("update %s: the chat is closed to the bot", event.update.update_id)
        return
    log.error("update %s failed", event.update.update_id, exc_info=event.exception)
    update = event.update
    message = update.message or (
        update.callback_query.message
        if update.callback_query and isinstance(update.callback_query.message, Message)
        else None
    )
    if message is None or t is None:
        return
    try:
        await message.answer(t("fallback.error"))
    except TelegramAPIError:
        log.warning("could not tell the chat about the failure", exc_info=True)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only).

    In a group the bot keeps quiet about anything but commands meant for it: people talk
    there, and joins, leaves and pins are not addressed to the bot.
    """
    router = Router(name=__name__)
    router.message.register(unknown_command, OurCommand())
    router.message.register(stray_text, PlainText(), PrivateChat())
    router.message.register(anything_else, PrivateChat())
    router.callback_query.register(stale_button)
    router.errors.register(unexpected_error, ExceptionTypeFilter(Exception))
    return router
