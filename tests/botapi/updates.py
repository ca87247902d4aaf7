"""The update queue: getUpdates semantics and waiting until an update has been handled."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .models import APIError

__all__ = ["DEFAULT_ALLOWED", "PendingUpdate", "UpdateQueue"]

# Update types delivered when allowed_updates is empty or was never given.
DEFAULT_ALLOWED = frozenset(
    {
        "message", "edited_message", "channel_post", "edited_channel_post",
        "business_connection", "business_message", "edited_business_message",
        "deleted_business_messages", "inline_query", "chosen_inline_result", "callback_query",
        "shipping_query", "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer",
        "my_chat_member", "chat_join_request", "chat_boost", "removed_chat_boost",
    }
)  # fmt: skip
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


@dataclass
class PendingUpdate:
    """An update created by a scripted action, followed until the bot has handled it."""

    update_id: int
    kind: str
    chat_id: int | None
    description: str
    start_seq: int
    state: str = "queued"  # queued | dropped | delivered | replying | handled
    deliveries: int = 0
    delivered_at: float = 0.0
    error: BaseException | None = None
    reply: tuple[str, dict[str, str]] | None = None
    delivered: asyncio.Event = field(default_factory=asyncio.Event)
    done: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def finished(self) -> bool:
        return self.state in {"dropped", "handled"}


class UpdateQueue:
    def __init__(self) -> None:
        self.queue: list[dict[str, Any]] = []
        self.pending: dict[int, PendingUpdate] = {}
        self.allowed: frozenset[str] = DEFAULT_ALLOWED
        self.next_update_id = 1
        self.attached = False
        self.quiet_period = 0.3
        self.last_activity = time.monotonic()
        self.webhook_url = ""
        self.stopping = False
        self._epoch = 0
        self._wakeup = asyncio.Event()
        self._replying: dict[int, PendingUpdate] = {}

    def _notify(self) -> None:
        wakeup, self._wakeup = self._wakeup, asyncio.Event()
        wakeup.set()

    def enqueue(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        chat_id: int | None,
        description: str,
        seq: int,
    ) -> PendingUpdate:
        update_id = self.next_update_id
        self.next_update_id += 1
        pending = PendingUpdate(update_id, kind, chat_id, description, seq)
        self.pending[update_id] = pending
        if kind not in self.allowed:
            # Telegram does not even create updates of types the bot did not ask for.
            pending.state = "dropped"
            pending.delivered.set()
            pending.done.set()
            return pending
        self.queue.append({"update_id": update_id, kind: payload})
        self._notify()
        return pending

    def skip(self, description: str) -> PendingUpdate:
        """A user action the bot is not told about (e.g. a group message hidden by privacy
        mode): finished at once."""
        pending = PendingUpdate(0, "none", None, description, 0, state="dropped")
        pending.delivered.set()
        pending.done.set()
        return pending

    def drop_pending(self) -> None:
        """deleteWebhook(drop_pending_updates=True)."""
        for update in self.queue:
            pending = self.pending.get(update["update_id"])
            if pending is not None and not pending.finished:
                self._finish(pending, "dropped")
        self.queue.clear()

    def _confirm(self, offset: int | None) -> None:
        if offset is None:
            return
        if offset < 0:
            self.queue = self.queue[offset:]
        else:
            self.queue = [u for u in self.queue if u["update_id"] >= offset]

    async def get_updates(
        self, offset: int | None, limit: int | None, poll_seconds: int | None, allowed: Any
    ) -> list[dict[str, Any]]:
        if self.webhook_url:
            raise APIError(409, WEBHOOK_CONFLICT)
        if allowed is not None:
            if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
                raise APIError(400, "Bad Request: can't parse allowed updates JSON object")
            self.allowed = frozenset(allowed) if allowed else DEFAULT_ALLOWED
        limit = 100 if limit is None else min(max(limit, 1), 100)
        self._epoch += 1
        epoch = self._epoch
        self._notify()  # an older long poll still waiting ends with 409 Conflict
        self._confirm(offset)
        deadline = time.monotonic() + max(poll_seconds or 0, 0)
        while True:
            wakeup = self._wakeup
            if self._epoch != epoch:
                raise APIError(409, CONFLICT)
            batch = self.queue[:limit]
            remaining = deadline - time.monotonic()
            if batch or self.stopping or remaining <= 0:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wakeup.wait(), remaining)
        now = time.monotonic()
        for update in batch:
            pending = self.pending.get(update["update_id"])
            if pending is not None:
                pending.deliveries += 1
                if pending.state == "queued":
                    pending.state = "delivered"
                    pending.delivered_at = now
                    pending.delivered.set()
        return batch

    def stop(self) -> None:
        self.stopping = True
        self._notify()

    def _finish(self, pending: PendingUpdate, state: str = "handled") -> None:
        pending.state = state
        pending.delivered.set()
        pending.done.set()

    def mark_handled(
        self, update_id: int, error: BaseException | None, reply: tuple[str, dict[str, str]] | None
    ) -> None:
        """Called by the dispatcher middleware when the bot finished an update."""
        pending = self.pending.get(update_id)
        if pending is None or pending.finished:
            return
        pending.error = error
        if reply is not None:
            # The handler returned a method object; aiogram calls it right after.
            pending.reply = reply
            pending.state = "replying"
            self._replying[update_id] = pending
            return
        self._finish(pending)

    def on_call(self, method: str, params: dict[str, Any]) -> None:
        if method != "getUpdates":
            self.last_activity = time.monotonic()
        for update_id, pending in list(self._replying.items()):
            assert pending.reply is not None
            name, keys = pending.reply
            if name == method.lower() and all(str(params.get(k)) == v for k, v in keys.items()):
                del self._replying[update_id]
                self._finish(pending)
                break

    async def wait(
        self, pending: PendingUpdate, seconds: float, settled: Callable[[], bool] | None = None
    ) -> None:
        """Wait until the update is handled; raise TimeoutError after ``seconds``.

        Without an attached dispatcher (a bot in another process), "handled" means delivered,
        ``settled()`` true (a callback query answered, say), then no API call for a while.
        """
        async with asyncio.timeout(seconds):
            if self.attached:
                await pending.done.wait()
                return
            await pending.delivered.wait()
            while not pending.finished:
                quiet_since = max(pending.delivered_at, self.last_activity)
                left = self.quiet_period - (time.monotonic() - quiet_since)
                if left <= 0 and (settled is None or settled()):
                    self._finish(pending)
                    break
                await asyncio.sleep(max(left, 0.01))
