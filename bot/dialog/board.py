"""A group's progress board: the one message the bot keeps editing in place (PRODUCT.md §8).

Anything that may change it calls `Boards.touch(workspace_id)`. The board is then shown anew
at once, or, if it was edited less than five seconds ago, once those seconds are over: however
many changes come meanwhile, that is one edit, and it shows the state of when it is made. An
edit that would show what the message shows already is not made (a digest of it is kept in
SQLite with the message's id, so a restart knows too). A deleted board message is forgotten:
nothing is edited or posted until someone sends /board again.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import math
import time
from collections.abc import Awaitable, Callable
from datetime import datetime

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardMarkup, Message

from bot.render import keyboards
from bot.render.board import board_text
from bot.render.texts import T, Texts
from bot.services.board import ProgressBoard
from bot.telegram.posts import GroupPosts
from storage.models import Board, Workspace

log = logging.getLogger(__name__)

GONE = ("message to edit not found", "message can't be edited", "MESSAGE_ID_INVALID")
"""What Telegram says of a message the bot may no longer edit (deleted, most likely)."""
NOT_MODIFIED = "message is not modified"
Shown = tuple[str, InlineKeyboardMarkup | None, int, bool]
"""A board drawn: its text, its buttons, its page (clamped) and whether it is picking."""


def digest(text: str, markup: InlineKeyboardMarkup | None) -> str:
    buttons = markup.model_dump_json() if markup else ""
    return hashlib.sha256(f"{text}\0{buttons}".encode()).hexdigest()[:32]


class Boards:
    WINDOW = 5.0
    """Seconds between two edits of one group's board."""

    def __init__(
        self,
        progress: ProgressBoard,
        texts: Texts,
        posts: GroupPosts,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.progress = progress
        self.texts = texts
        self.posts = posts
        self.clock = clock
        self.sleep = sleep
        self._bot: Bot | None = None
        self._live: set[int] = set()
        """Workspaces with a board, so that a touch elsewhere costs nothing."""
        self._last: dict[int, float] = {}
        self._waiting: dict[int, asyncio.Task[None]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        """Every refresh waiting or under way."""
        self._locks: dict[int, asyncio.Lock] = {}
        self._hour: datetime | None = None

    async def start(self, bot: Bot) -> None:
        """At start-up: the boards there are (the scheduler's first tick shows them anew)."""
        self._bot = bot
        self._live = {board.workspace_id for board in await self.progress.boards()}

    async def touch(self, workspace_id: int) -> None:
        """This workspace's board may be stale: shown anew now, or once its window is over."""
        if self._bot is None or workspace_id not in self._live or workspace_id in self._waiting:
            return
        task = asyncio.create_task(self._later(workspace_id))
        self._waiting[workspace_id] = task
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def run(self, bot: Bot, now: datetime) -> int:
        """A scheduler job: every board anew once an hour (and at start-up), so that "days
        left" turns with the day in each group's time zone. Edits only: no sends."""
        hour = now.replace(minute=0, second=0, microsecond=0)
        if hour != self._hour:
            self._hour = hour
            for workspace_id in list(self._live):
                await self.touch(workspace_id)
        return 0

    async def settled(self) -> None:
        """Once every refresh due by the clock's time is made (tests)."""
        while self._tasks:
            await asyncio.gather(*self._tasks)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _later(self, workspace_id: int) -> None:
        me = asyncio.current_task()
        try:
            while (wait := self._due_in(workspace_id)) > 0:
                await self.sleep(wait)
            self._last[workspace_id] = self.clock()
            self._waiting.pop(workspace_id, None)  # what changes from now waits for the next
            workspace = await self.progress.workspace(workspace_id)
            if workspace is None:
                self._live.discard(workspace_id)
                return

            async def deliver() -> None:
                await self._show(workspace_id)

            await self.posts.run(workspace.chat_id, ("board", workspace_id), deliver)
        except Exception:
            log.exception("the board of workspace %s was not shown anew", workspace_id)
        finally:
            if self._waiting.get(workspace_id) is me:
                del self._waiting[workspace_id]

    def _due_in(self, workspace_id: int) -> float:
        """Seconds until the board may be edited again (0 or less: now)."""
        return self._last.get(workspace_id, -math.inf) + self.WINDOW - self.clock()

    def _lock(self, workspace_id: int) -> asyncio.Lock:
        return self._locks.setdefault(workspace_id, asyncio.Lock())

    def t(self, workspace: Workspace) -> T:
        return self.texts(workspace.lang or "ru")

    async def draw(
        self, workspace: Workspace, page: int, picking: bool, t: T | None = None
    ) -> Shown:
        t = t or self.t(workspace)
        view = await self.progress.view(workspace)
        page, _ = view.page(page)
        markup = keyboards.board(t, view, page, picking=picking)
        return board_text(t, view, page, picking=picking), markup, page, picking

    async def _show(
        self, workspace_id: int, page: int | None = None, picking: bool | None = None
    ) -> bool:
        """The live board drawn anew (on `page`, `picking`, or as it was); False when there
        is none (any more)."""
        async with self._lock(workspace_id):
            board = await self.progress.board(workspace_id)
            workspace = await self.progress.workspace(workspace_id)
            if board is None or workspace is None or self._bot is None:
                self._live.discard(workspace_id)
                return False
            text, markup, page, picking = await self.draw(
                workspace,
                board.page if page is None else page,
                board.picking if picking is None else picking,
            )
            shown = digest(text, markup)
            if shown != board.shown:
                if not await self._edit(workspace, board, text, markup):
                    return False
                await self.progress.shows(board, page, picking, shown)
            return True

    async def _edit(
        self, workspace: Workspace, board: Board, text: str, markup: InlineKeyboardMarkup | None
    ) -> bool:
        assert self._bot is not None
        try:
            await self._bot.edit_message_text(
                text, chat_id=workspace.chat_id, message_id=board.message_id, reply_markup=markup
            )
        except (TelegramBadRequest, TelegramForbiddenError) as exc:
            if NOT_MODIFIED in exc.message:
                return True
            left = isinstance(exc, TelegramForbiddenError)  # the bot is out of the group
            if not left and not any(gone in exc.message for gone in GONE):
                raise
            log.info("the board of %s is gone: %s", workspace.chat_id, exc.message)
            await self.progress.gone(board)
            self._live.discard(workspace.id)
            return False
        return True

    async def turn(self, message: Message, workspace: Workspace, page: int, picking: bool) -> bool:
        """A press on the board: that page, picking or not, shown at once (an answer to the
        press). False when the pressed message is not the live board."""
        board = await self.progress.board(workspace.id)
        if board is None or board.message_id != message.message_id:
            return False
        self._last[workspace.id] = self.clock()
        try:
            return await self._show(workspace.id, page, picking)
        except TelegramAPIError as exc:
            log.warning("could not turn the board of %s: %s", workspace.chat_id, exc)
            return True

    async def post(self, message: Message, workspace: Workspace, t: T) -> None:
        """/board: a new board message, pinned silently where the bot may pin; the one before
        it says the board moved below, loses its buttons and changes no more."""
        bot = message.bot
        if bot is None:
            return
        async with self._lock(workspace.id):
            text, markup, _, _ = await self.draw(workspace, 1, False, t)
            sent = await message.answer(text, reply_markup=markup)
            before = await self.progress.posted(
                workspace.id, sent.message_id, digest(text, markup)
            )
            self._live.add(workspace.id)
            self._last[workspace.id] = self.clock()
            may_pin = await self._may_pin(bot, workspace.chat_id)
            if may_pin:
                with contextlib.suppress(TelegramAPIError):
                    await bot.pin_chat_message(
                        workspace.chat_id, message_id=sent.message_id, disable_notification=True
                    )
            if before is not None and before.message_id != sent.message_id:
                await self._retire(bot, workspace, before, t, unpin=may_pin)

    async def _retire(
        self, bot: Bot, workspace: Workspace, board: Board, t: T, *, unpin: bool
    ) -> None:
        with contextlib.suppress(TelegramAPIError):  # deleted meanwhile: nothing to say
            await bot.edit_message_text(
                t("board.moved"), chat_id=workspace.chat_id, message_id=board.message_id
            )
        if unpin:
            with contextlib.suppress(TelegramAPIError):
                await bot.unpin_chat_message(workspace.chat_id, message_id=board.message_id)

    @staticmethod
    async def _may_pin(bot: Bot, chat_id: int) -> bool:
        """Whether the bot may pin in the group (its creator, or an admin allowed to)."""
        try:
            me = await bot.get_chat_member(chat_id, bot.id)
        except TelegramAPIError:
            return False
        return me.status == "creator" or bool(getattr(me, "can_pin_messages", False))
