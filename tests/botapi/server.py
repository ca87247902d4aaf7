"""BotAPIEmulator: a strict Telegram Bot API server on 127.0.0.1 for end-to-end tests."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable
from types import TracebackType
from typing import Any

from aiogram import BaseMiddleware, Dispatcher
from aiogram.methods import TelegramMethod
from aiogram.types import TelegramObject

from .client import Group, ScriptedUser
from .models import BotMessage, Call, CallbackRecord, ChatRecord, UserRecord
from .transport import Transport
from .updates import PendingUpdate
from .world import World

__all__ = ["BotAPIEmulator"]

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
_REPLY_KEYS = ("chat_id", "message_id", "callback_query_id", "inline_query_id")


class _HandledMiddleware(BaseMiddleware):
    """Outermost update middleware: tells the emulator when an update is fully handled."""

    def __init__(self, emulator: BotAPIEmulator) -> None:
        self._emulator = emulator

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        update_id = getattr(event, "update_id", None)
        result: Any = None
        error: BaseException | None = None
        try:
            result = await handler(event, data)
            return result
        except Exception as exc:
            error = exc
            raise
        finally:
            if isinstance(update_id, int):
                self._emulator._handled(update_id, result, error)


class BotAPIEmulator:
    """An in-process Bot API server.  See tests/botapi/__init__.py for an overview."""

    def __init__(
        self,
        token: str = "123456789:TESTTOKEN-abcdef",
        bot_id: int = 123456789,
        bot_username: str = "PartnerFitBot",
        bot_first_name: str = "PartnerFit",
        *,
        group_privacy: bool = True,
        supports_inline_queries: bool = True,
        timeout: float = 10.0,
        callback_timeout: float = 15.0,
        fail_on_handler_error: bool = True,
    ) -> None:
        self._forgiven: list[str] = []
        if not token.startswith(f"{bot_id}:"):
            raise ValueError("a bot token starts with the bot id and a colon")
        self.world = World(
            token,
            bot_id,
            bot_username,
            bot_first_name,
            group_privacy=group_privacy,
            supports_inline_queries=supports_inline_queries,
            callback_timeout=callback_timeout,
        )
        self.timeout = timeout
        self.fail_on_handler_error = fail_on_handler_error
        self.handler_errors: list[tuple[int, BaseException]] = []
        self._transport = Transport(self.world)
        self._users: dict[int, ScriptedUser] = {}

    # --- identity and lifecycle -------------------------------------------------------------

    @property
    def token(self) -> str:
        return self.world.token

    @property
    def bot_id(self) -> int:
        return self.world.bot_id

    @property
    def bot_username(self) -> str:
        return self.world.bot_username

    @property
    def base_url(self) -> str:
        if not self._transport.running:
            raise RuntimeError("the emulator is not started")
        return f"http://127.0.0.1:{self._transport.port}"

    async def start(self) -> None:
        """Serve on 127.0.0.1 on a free port."""
        await self._transport.start()

    async def stop(self) -> None:
        """End pending long polls and close the server."""
        self.world.queue.stop()
        await self._transport.stop()

    async def __aenter__(self) -> BotAPIEmulator:
        await self.start()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # --- inspection ---------------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """Every API request received, in order."""
        return self._transport.calls

    @property
    def rejections(self) -> list[Call]:
        """Calls the emulator refused (ok=false), not counting injected or forgiven errors."""
        return [
            call
            for call in self.calls
            if not call.ok
            and not call.injected
            and not any(text in str(call.response.get("description")) for text in self._forgiven)
        ]

    def delay(self, method: str, seconds: float, *, times: int = 1) -> None:
        """Answer the next `times` calls of `method` `seconds` late."""
        self._transport.delay(method, seconds, times)

    def forgive(self, description: str) -> None:
        """Refusals whose description contains this are expected (a test provokes them)."""
        self._forgiven.append(description)

    @property
    def commands(self) -> dict[tuple[str, str], list[dict[str, str]]]:
        """setMyCommands results keyed by (scope type, language_code or "")."""
        return self.world.commands

    def calls_of(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method.lower() == method.lower()]

    def unanswered_callbacks(self) -> list[CallbackRecord]:
        return [record for record in self.world.callbacks.values() if not record.answered]

    def inject_error(
        self,
        method: str,
        error_code: int,
        description: str,
        *,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail like Telegram (recorded in calls,
        not in rejections)."""
        self._transport.inject(method, error_code, description, retry_after, times)

    # --- participants -------------------------------------------------------------------------

    def attach(self, dispatcher: Dispatcher) -> None:
        """Let scripted actions wait until the dispatcher has handled their updates."""
        manager = dispatcher.update.outer_middleware
        middleware = _HandledMiddleware(self)
        manager.register(middleware)
        # Outermost, so that error handlers and the bot's own outer middlewares finish first.
        manager._middlewares.insert(0, manager._middlewares.pop())
        self.world.queue.attached = True

    def detach(self) -> None:
        """The attached dispatcher has stopped: wait for a bot in another process by quiet."""
        self.world.queue.attached = False

    def user(
        self,
        user_id: int,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        started: bool = False,
    ) -> ScriptedUser:
        """A user with a private chat with the bot (chat id == user id).

        Until the user writes to the bot (or ``started=True``), the bot can't message them.
        """
        if user_id <= 0 or user_id in self.world.chats:
            raise ValueError(f"user id {user_id} must be positive and unused")
        record = UserRecord(user_id, first_name, last_name, username, language_code, started)
        self.world.users[user_id] = record
        self.world.chats[user_id] = ChatRecord(id=user_id, type="private", user_id=user_id)
        self._users[user_id] = ScriptedUser(self, record)
        return self._users[user_id]

    def scripted_user(self, user_id: int) -> ScriptedUser:
        return self._users[user_id]

    def group(
        self,
        chat_id: int,
        title: str,
        members: Iterable[ScriptedUser] = (),
        *,
        type: str = "group",
        creator: ScriptedUser | None = None,
        admins: Iterable[ScriptedUser] = (),
        bot_status: str = "member",
    ) -> Group:
        """A group the bot is in (``bot_status="left"`` for one it still has to be added to).

        The creator defaults to the first member.
        """
        if chat_id >= 0 or chat_id in self.world.chats:
            raise ValueError(f"group id {chat_id} must be negative and unused")
        if type not in {"group", "supergroup"}:
            raise ValueError("type must be 'group' or 'supergroup'")
        if bot_status not in {"member", "administrator", "left", "kicked"}:
            raise ValueError("bot_status must be member, administrator, left or kicked")
        member_ids = [member.id for member in members]
        if creator is not None and creator.id not in member_ids:
            member_ids.insert(0, creator.id)
        record = ChatRecord(
            id=chat_id,
            type=type,
            title=title,
            member_ids=member_ids,
            creator_id=creator.id if creator else (member_ids[0] if member_ids else None),
            admin_ids={admin.id for admin in admins},
            bot_status=bot_status,
        )
        self.world.chats[chat_id] = record
        return Group(self, record)

    async def add_bot_to_group(self, group: Group, *, by: ScriptedUser) -> list[BotMessage]:
        """``by`` adds the bot: a my_chat_member update and a new_chat_members message."""
        chat = group.record
        group.require_member(by)
        old = chat.bot_status if chat.bot_status in {"left", "kicked"} else "left"
        chat.bot_status = "member"
        seq = self.world.seq
        pending = [
            self._enqueue_member_update(chat, by.id, old, "member"),
            self._enqueue_user_message(
                chat, by.id, {"new_chat_members": [self.world.bot_json()]}, "bot added"
            ),
        ]
        for item in pending:
            await self._wait(item, None)
        return self.world.results_since(chat, seq)

    async def remove_bot_from_group(self, group: Group, *, by: ScriptedUser) -> None:
        chat = group.record
        group.require_member(by)
        old = chat.bot_status
        chat.bot_status = "kicked"
        await self._wait(self._enqueue_member_update(chat, by.id, old, "kicked"), None)

    async def leave_group(self, group: Group, user: ScriptedUser) -> None:
        """``user`` leaves: no longer a member, and a left_chat_member message in the group."""
        chat = group.record
        group.require_member(user)
        chat.member_ids.remove(user.id)
        left = {"left_chat_member": self.world.user_json(user.id)}
        await self._wait(self._enqueue_user_message(chat, user.id, left, "member left"), None)

    async def remove_member(
        self, group: Group, user: ScriptedUser, *, by: ScriptedUser, announce: bool = False
    ) -> None:
        """``by`` removes ``user``. Large supergroups (and groups that hide joins and leaves)
        post no left_chat_member message, so by default none is sent; a bot that is an
        administrator still gets a chat_member update, as from Telegram."""
        chat = group.record
        group.require_member(user)
        old = self.world.member_json(chat, user.id)
        chat.member_ids.remove(user.id)
        chat.admin_ids.discard(user.id)
        pending = []
        if announce:
            left = {"left_chat_member": self.world.user_json(user.id)}
            pending.append(self._enqueue_user_message(chat, by.id, left, "member removed"))
        if chat.bot_status == "administrator":
            payload = {
                "chat": self.world.chat_json(chat),
                "from": self.world.user_json(by.id),
                "date": int(time.time()),
                "old_chat_member": old,
                "new_chat_member": {
                    "status": "kicked",
                    "user": self.world.user_json(user.id),
                    "until_date": 0,
                },
            }
            description = f"chat_member {old['status']} -> kicked in chat {chat.id}"
            pending.append(self._enqueue("chat_member", payload, chat, description))
        for item in pending:
            await self._wait(item, None)

    async def migrate_group(self, group: Group, new_chat_id: int) -> list[BotMessage]:
        """Upgrade a group to a supergroup; the Group object continues under the new id."""
        old = group.record
        if old.type != "group" or new_chat_id in self.world.chats:
            raise ValueError("only a basic group can migrate, to an unused chat id")
        new = ChatRecord(
            id=new_chat_id,
            type="supergroup",
            title=old.title,
            member_ids=list(old.member_ids),
            creator_id=old.creator_id,
            admin_ids=set(old.admin_ids),
            bot_status=old.bot_status,
        )
        self.world.chats[new_chat_id] = new
        by = old.creator_id or (old.member_ids[0] if old.member_ids else self.world.bot_id)
        seq = self.world.seq
        first = self._enqueue_user_message(old, by, {"migrate_to_chat_id": new_chat_id}, "migrate")
        old.migrated_to = new_chat_id
        second = self._enqueue_user_message(new, by, {"migrate_from_chat_id": old.id}, "migrate")
        group.record = new
        await self._wait(first, None)
        await self._wait(second, None)
        return self.world.results_since(new, seq)

    async def wait_idle(self, timeout: float = 10) -> None:  # noqa: ASYNC109
        """Wait until every queued update was delivered and handled."""
        deadline = time.monotonic() + timeout
        for pending in list(self.world.queue.pending.values()):
            if not pending.finished:
                remaining = max(deadline - time.monotonic(), 0.001)
                try:
                    await self.world.queue.wait(pending, remaining)
                except TimeoutError:
                    raise AssertionError(self._timeout_message(pending, timeout)) from None

    # --- updates (used by the client side) ------------------------------------------------------

    def _enqueue(
        self, kind: str, payload: dict[str, Any], chat: ChatRecord | None, description: str
    ) -> PendingUpdate:
        return self.world.queue.enqueue(
            kind,
            payload,
            chat_id=chat.id if chat else None,
            description=description,
            seq=self.world.seq,
        )

    def _enqueue_user_message(
        self, chat: ChatRecord, user_id: int, fields: dict[str, Any], description: str
    ) -> PendingUpdate:
        message = self.world.user_message(chat, user_id, fields)
        if not chat.bot_is_member:
            return self.world.queue.skip(description)
        return self._enqueue("message", message, chat, f"{description} in chat {chat.id}")

    def _enqueue_member_update(
        self, chat: ChatRecord, user_id: int, old: str, new: str
    ) -> PendingUpdate:
        def member(status: str) -> dict[str, Any]:
            data: dict[str, Any] = {"status": status, "user": self.world.bot_json()}
            if status == "kicked":
                data["until_date"] = 0
            return data

        payload = {
            "chat": self.world.chat_json(chat),
            "from": self.world.user_json(user_id),
            "date": int(time.time()),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        description = f"my_chat_member {old} -> {new} in chat {chat.id}"
        return self._enqueue("my_chat_member", payload, chat, description)

    async def _wait(
        self,
        pending: PendingUpdate,
        seconds: float | None,
        settled: Callable[[], bool] | None = None,
    ) -> None:
        limit = self.timeout if seconds is None else seconds
        try:
            await self.world.queue.wait(pending, limit, settled)
        except TimeoutError:
            raise AssertionError(self._timeout_message(pending, limit)) from None
        if pending.error is not None and self.fail_on_handler_error:
            raise AssertionError(
                f"the bot's handler for update #{pending.update_id} ({pending.description}) "
                f"raised {pending.error!r}"
            ) from pending.error

    def _timeout_message(self, pending: PendingUpdate, timeout: float) -> str:
        if pending.state == "queued":
            why = "the bot never fetched it with getUpdates (is polling running?)"
        elif pending.state == "replying" and pending.reply is not None:
            why = f"the handler returned {pending.reply[0]} for aiogram to call; it never came"
        else:
            why = (
                f"getUpdates returned it {pending.deliveries} time(s) but the bot has not "
                "finished handling it"
            )
        recent = [str(call) for call in self.calls if call.method != "getUpdates"][-8:]
        shown = "\n  ".join(recent) or "(none)"
        return (
            f"timed out after {timeout}s waiting for update #{pending.update_id} "
            f"({pending.description}): {why}.\nLast API calls:\n  {shown}"
        )

    def _handled(self, update_id: int, result: Any, error: BaseException | None) -> None:
        reply: tuple[str, dict[str, str]] | None = None
        if isinstance(result, TelegramMethod):
            keys = {}
            for key in _REPLY_KEYS:
                value = getattr(result, key, None)
                if isinstance(value, int | str) and not isinstance(value, bool):
                    keys[key] = str(value)
            reply = (result.__api_method__.lower(), keys)
        if error is not None:
            self.handler_errors.append((update_id, error))
        self.world.queue.mark_handled(update_id, error, reply)
