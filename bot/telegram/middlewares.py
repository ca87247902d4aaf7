"""The Dispatcher's middlewares: who is talking, in which language and workspace (put into
every handler's arguments); a command leaving a prompt; one person's flood kept from slowing
the others; a press without its message; the updates in hand counted for a clean stop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware, Dispatcher
from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.context import FSMContext
from aiogram.fsm.middleware import FSMContextMiddleware
from aiogram.fsm.storage.base import StorageKey
from aiogram.types import CallbackQuery, Chat, Message, TelegramObject, Update
from aiogram.types import User as TelegramUser

from bot.render.texts import T, Texts
from bot.telegram.states import PROMPTS
from questionnaire.model import LANGS, Lang
from storage.cache import Bounded
from storage.db import Database
from storage.models import User, Workspace

log = logging.getLogger(__name__)

MEMBERS_REMEMBERED = 100_000
DRAIN = 25.0
PRESSES_QUEUED = 4
"""Button presses of one person waiting at once beyond which more are turned away."""
MESSAGES_QUEUED = 500
"""The same for messages, which are notes to keep: Telegram forwards up to 100 at once, and
several such batches in a row must get through whole. Past this it is a script's flood."""


def language_of(telegram_user: TelegramUser) -> Lang:
    """Russian for Russian-language Telegram apps, English for everyone else."""
    return "ru" if (telegram_user.language_code or "").lower().startswith("ru") else "en"


class ContextMiddleware(BaseMiddleware):
    """Adds `user`, `t` and `workspace` (the chat's).

    `t` speaks the chat's language: a group's own in a group (its posts, replies and the
    alerts of its buttons alike), the person's own in a private chat.
    """

    def __init__(self, db: Database, texts: Texts) -> None:
        self.db = db
        self.texts = texts
        self._members: Bounded[tuple[int, int], bool] = Bounded(MEMBERS_REMEMBERED)
        """(workspace, person) recorded already; forgetting only costs a write again."""

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
        user, workspace, claimed = await self._load(sender, chat)
        if claimed and workspace is not None and (boards := data.get("boards")) is not None:
            await boards.touch(workspace.id)  # assessors named ahead, assigned now
        data["user"] = user
        data["t"] = self.texts.of_chat(workspace, user)
        if workspace is not None:
            data["workspace"] = workspace
        return await handler(event, data)

    async def _load(
        self, sender: TelegramUser, chat: Chat | None
    ) -> tuple[User, Workspace | None, bool]:
        """The person, the chat's workspace, and whether they were just assigned what waited."""
        async with self.db.read() as tx:
            user = await tx.user(sender.id)
            workspace = await tx.workspace(chat.id) if chat else None
        missing = chat is not None and chat.type != "channel" and workspace is None
        if (
            user is not None
            and not user.blocked
            and (user.first_name, user.username) == (sender.first_name, sender.username)
            and not missing
            and self._known(workspace, sender.id)
        ):
            return user, workspace, False
        claimed = 0
        async with self.db.transaction() as tx:
            user = await tx.ensure_user(
                sender.id, sender.first_name, sender.username, language_of(sender)
            )
            if chat is not None and missing:
                private = chat.type == "private"
                # A new group speaks the language of the first person seen there: whoever
                # added the bot, as its first update is the one that says so.
                workspace = await tx.ensure_workspace(
                    chat.id,
                    "private" if private else "group",
                    sender.first_name if private else chat.title or str(chat.id),
                    lang=user.lang,
                )
            if workspace is not None and workspace.kind == "group":
                if workspace.lang is None:  # a group from before groups had a language
                    workspace = await tx.default_lang(workspace.id, user.lang) or workspace
                # Seen in the group: its partners may be offered to this person inline.
                await tx.add_member(workspace.id, sender.id)
                if user.username:  # first seen here: assessors named before are assigned
                    claimed = await tx.claim_pending(workspace.id, sender.id, user.username)
                self._members.put((workspace.id, sender.id), True)
        return user, workspace, claimed > 0

    def _known(self, workspace: Workspace | None, user_id: int) -> bool:
        """Whether nothing is to be written about this chat: not a group, or a group with a
        language where the person was recorded already."""
        if workspace is None or workspace.kind != "group":
            return True
        return workspace.lang is not None and (workspace.id, user_id) in self._members


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


@dataclass
class Cut:
    """A flood's run of one person's messages turned away, from `first` on."""

    first: Message
    count: int = 1


class Throttle(BaseMiddleware):
    """One person hammering buttons (or a script flooding messages) cannot slow the others.

    Updates of one chat and person are handled one at a time, queued in the FSM middleware's
    lock; the throttle sits just outside it and judges each update as it arrives, by how many
    of that person's are waiting ahead of it. (Inside the lock it judged an update only once it
    had waited its turn, by the many that had arrived behind it, so the earliest of a burst
    were dropped.) Past a few waiting presses, more are answered at once with "too fast".
    Messages are notes to keep: only past many waiting are more cut, and then every message
    until the queue has drained, so that one reply to the first can say exactly which were not
    saved. Each person's updates queue on their own, so others are served all the while.
    """

    def __init__(self, fsm: FSMContextMiddleware, texts: Texts) -> None:
        self.fsm = fsm
        self.texts = texts
        self._admitted: dict[StorageKey, int] = {}  # let through and not finished yet
        self._cuts: dict[StorageKey, Cut] = {}

    @classmethod
    def install(cls, dispatcher: Dispatcher, texts: Texts) -> Throttle:
        """Register a throttle just outside the FSM middleware (aiogram registers that one as
        it builds the dispatcher, so the ones after it are registered again behind this)."""
        throttle = cls(dispatcher.fsm, texts)
        updates = dispatcher.update.outer_middleware
        inner = list(updates[updates.index(dispatcher.fsm) :])
        for middleware in inner:
            updates.unregister(middleware)
        updates.register(throttle)
        for middleware in inner:
            updates.register(middleware)
        return throttle

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if not isinstance(event, Update):
            return await handler(event, data)
        context = self.fsm.resolve_event_context(data["bot"], data)
        if context is None:  # no chat and no person to queue behind
            return await handler(event, data)
        key = context.key
        admitted = self._admitted.get(key, 0)
        waiting = max(admitted - 1, 0)  # behind the one being handled
        if event.callback_query and waiting >= PRESSES_QUEUED:
            t = self.texts(language_of(event.callback_query.from_user))
            await event.callback_query.answer(t.plain("alert.too_fast"))
            return None
        if event.message and (key in self._cuts or waiting >= MESSAGES_QUEUED):
            if cut := self._cuts.get(key):
                cut.count += 1
            else:
                log.warning("cutting a flood of %s: %d waiting", key.user_id, waiting)
                self._cuts[key] = Cut(event.message)
            return None
        self._admitted[key] = admitted + 1
        try:
            return await handler(event, data)
        finally:
            left = self._admitted.pop(key) - 1
            if left:
                self._admitted[key] = left
            elif cut := self._cuts.pop(key, None):  # drained: the flood's run is over
                await self._tell(cut)

    async def _tell(self, cut: Cut) -> None:
        sender = cut.first.from_user
        t = self.texts(language_of(sender) if sender else "en")
        try:
            await cut.first.reply(
                t("interview.flood_cut", more=cut.count - 1), allow_sending_without_reply=True
            )
        except TelegramAPIError:
            log.warning("could not say which messages were not saved", exc_info=True)


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
