"""Who is talking, in which language, in which workspace: put into every handler's arguments."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Chat, Message, TelegramObject, Update
from aiogram.types import User as TelegramUser

from bot.conversation import Conversation
from bot.states import Interview, PartnerEdit, Team
from bot.texts import T, Texts
from questionnaire.model import LANGS, Lang
from storage.db import Database
from storage.fsm import LockingEventIsolation
from storage.models import User, Workspace

log = logging.getLogger(__name__)

MEMBERS_REMEMBERED = 100_000
DRAIN = 25.0
PRESSES_QUEUED = 4
"""Button presses of one person waiting at once beyond which more are turned away."""
MESSAGES_QUEUED = 30
"""The same for messages: an album of ten photos as notes must get through."""
PROMPTS = {Interview.name.state, PartnerEdit.rename.state, Team.name.state}


def language_of(telegram_user: TelegramUser) -> Lang:
    """Russian for Russian-language Telegram apps, English for everyone else."""
    return "ru" if (telegram_user.language_code or "").lower().startswith("ru") else "en"


class ContextMiddleware(BaseMiddleware):
    """Adds `user`, `t` (texts in the person's language) and `workspace` (the chat's)."""

    def __init__(self, db: Database, texts: Texts) -> None:
        self.db = db
        self.texts = texts
        self._members: set[tuple[int, int]] = set()  # (workspace, person) recorded already

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        sender: TelegramUser | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        if sender is None:
            return await handler(event, data)
        if sender.is_bot:  # an anonymous group admin, or someone writing as a channel
            message = getattr(event, "message", None)
            if isinstance(message, Message) and (message.text or "").startswith("/"):
                await message.reply(
                    "\n".join(self.texts(lang)("fallback.anonymous") for lang in LANGS)
                )
            return None
        user, workspace = await self._load(sender, chat)
        data["user"] = user
        data["t"] = t = self.texts(user.lang)
        state = data.get("state")
        if workspace is not None:
            data["workspace"] = workspace
            if state is not None:
                data["talk"] = Conversation(
                    t,
                    user,
                    workspace,
                    state,
                    data["assessments"],
                    data["longlist"],
                    data["questionnaire"],
                    data["posts"],
                    data["pictures"],
                    data["membership"],
                )
        return await handler(event, data)

    async def _load(
        self, sender: TelegramUser, chat: Chat | None
    ) -> tuple[User, Workspace | None]:
        async with self.db.read() as tx:
            user = await tx.user(sender.id)
            workspace = await tx.workspace(chat.id) if chat else None
        missing = chat is not None and chat.type != "channel" and workspace is None
        unseen = (
            workspace is not None
            and workspace.kind == "group"
            and (workspace.id, sender.id) not in self._members
        )
        if (
            user is not None
            and not user.blocked
            and (user.first_name, user.username) == (sender.first_name, sender.username)
            and not missing
            and not unseen
        ):
            return user, workspace
        async with self.db.transaction() as tx:
            user = await tx.ensure_user(
                sender.id, sender.first_name, sender.username, language_of(sender)
            )
            if chat is not None and missing:
                private = chat.type == "private"
                workspace = await tx.ensure_workspace(
                    chat.id,
                    "private" if private else "group",
                    sender.first_name if private else chat.title or str(chat.id),
                )
            if workspace is not None and workspace.kind == "group":
                # Seen in the group: its partners may be offered to this person inline.
                await tx.add_member(workspace.id, sender.id)
                if len(self._members) >= MEMBERS_REMEMBERED:
                    self._members.clear()  # forgetting only costs a write per person again
                self._members.add((workspace.id, sender.id))
        return user, workspace


class CommandsLeavePrompts(BaseMiddleware):
    """A command sent while the bot waits for a typed name means the person moved on.

    Only prompts for typed text are left; an open question keeps its buttons. /cancel is
    left to its own handlers, which say what was cancelled.
    """

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        state: FSMContext | None = data.get("state")
        text = getattr(event, "text", None) or ""
        if (
            state is not None
            and text.startswith("/")
            and not text.startswith("/cancel")
            and await state.get_state() in PROMPTS
        ):
            await state.clear()
        return await handler(event, data)


class PressesNeedTheirMessage(BaseMiddleware):
    """A press is handled only with the message its button is on; otherwise it is answered.

    Handlers edit, reply to or read that message and its chat. Without it there is nothing to
    act on: a button on a message sent through inline mode (the bot puts none there, so the
    data is forged or from another bot version) brings only an inline_message_id, and a message
    Telegram no longer shows the bot (older than 48 hours) comes as an InaccessibleMessage.
    Registered on the dispatcher's callback queries before any filter runs.
    """

    def __init__(self, texts: Texts) -> None:
        self.texts = texts

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if not isinstance(event, CallbackQuery) or isinstance(event.message, Message):
            return await handler(event, data)
        t: T = data.get("t") or self.texts(language_of(event.from_user))
        await event.answer(
            t.plain("alert.inline_message" if event.message is None else "alert.old_message")
        )
        return None


class Throttle(BaseMiddleware):
    """One person hammering buttons (or a script flooding messages) cannot slow the others.

    Updates of one chat and person are handled one at a time; those waiting behind are counted.
    Past a few waiting presses, more are answered at once with "too fast" instead of being
    handled; past many waiting messages, more are dropped. Each person's updates queue on their
    own, so others are served all the while.
    """

    def __init__(self, isolation: LockingEventIsolation, texts: Texts) -> None:
        self.isolation = isolation
        self.texts = texts

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        state: FSMContext | None = data.get("state")
        if not isinstance(event, Update) or state is None:
            return await handler(event, data)
        queued = self.isolation.queued(state.key)
        if event.callback_query and queued >= PRESSES_QUEUED:
            t = self.texts(language_of(event.callback_query.from_user))
            await event.callback_query.answer(t.plain("alert.too_fast"))
            return None
        if event.message and queued >= MESSAGES_QUEUED:
            log.warning("dropped a message of %s: %d waiting", state.key.user_id, queued)
            return None
        return await handler(event, data)


class InFlight(BaseMiddleware):
    """Counts the updates being handled, so that stopping can let them finish first."""

    def __init__(self) -> None:
        self.count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        self.count += 1
        self._idle.clear()
        try:
            return await handler(event, data)
        finally:
            self.count -= 1
            if not self.count:
                self._idle.set()

    async def drained(self) -> None:
        """Wait for the updates in hand (at most DRAIN seconds: a stop must end)."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(DRAIN):
                await self._idle.wait()
