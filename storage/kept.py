"""People and chats as last read or written: the write-through memory every update's first
step (who is talking, in which workspace) is served from without a trip to the database.

Every query that writes `users` or `workspaces` keeps this up to date in the same unit of work
(a changed row is put, when the statement returns it, or forgotten); a unit of work that rolls
back forgets everything, as it may have put what was never committed. This process is the only
one writing the database, so what is kept is what the file holds.
"""

from __future__ import annotations

from storage.cache import Bounded
from storage.models import User, Workspace

KEPT = 20_000
"""People, and chats, kept (the most recently used)."""


class Kept:
    def __init__(self, limit: int = KEPT) -> None:
        self._users: Bounded[int, User] = Bounded(limit)
        self._chats: Bounded[int, Workspace] = Bounded(limit)
        """By Telegram chat id, as updates name them."""

    def user(self, user_id: int) -> User | None:
        return self._users.get(user_id)

    def put_user(self, user: User) -> None:
        self._users.put(user.id, user)

    def forget_user(self, user_id: int) -> None:
        self._users.pop(user_id)

    def workspace(self, chat_id: int) -> Workspace | None:
        return self._chats.get(chat_id)

    def put_workspace(self, workspace: Workspace) -> None:
        self._chats.put(workspace.chat_id, workspace)

    def forget_workspaces(self) -> None:
        self._chats.clear()

    def clear(self) -> None:
        self._users.clear()
        self._chats.clear()
