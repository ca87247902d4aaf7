"""People and the workspaces (chats) they work in."""

from __future__ import annotations

import sqlite3
from typing import cast

from questionnaire.model import Lang
from storage.models import User, Workspace, WorkspaceKind
from storage.queries.base import Queries, utcnow


def _user(row: sqlite3.Row) -> User:
    return User(
        id=row["id"],
        first_name=row["first_name"],
        username=row["username"],
        lang=cast(Lang, row["lang"]),
        reminders=bool(row["reminders"]),
        blocked=bool(row["blocked"]),
    )


class PeopleQueries(Queries):
    async def user(self, user_id: int) -> User | None:
        row = await self._one("SELECT * FROM users WHERE id = ?", (user_id,))
        return _user(row) if row else None

    async def ensure_user(
        self, user_id: int, first_name: str, username: str | None, lang: Lang
    ) -> User:
        """Record a person on first contact (in `lang`); later, keep their names current."""
        row = await self._one(
            """
            INSERT INTO users (id, first_name, username, lang, created_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name,
                                           username = excluded.username, blocked = 0
            RETURNING *
            """,
            (user_id, first_name, username, lang, utcnow().isoformat()),
        )
        assert row is not None
        return _user(row)

    async def set_lang(self, user_id: int, lang: Lang) -> None:
        await self._run("UPDATE users SET lang = ? WHERE id = ?", (lang, user_id))

    async def set_reminders(self, user_id: int, on: bool) -> None:
        await self._run("UPDATE users SET reminders = ? WHERE id = ?", (on, user_id))

    async def set_blocked(self, user_id: int, blocked: bool) -> None:
        await self._run("UPDATE users SET blocked = ? WHERE id = ?", (blocked, user_id))

    async def ensure_workspace(self, chat_id: int, kind: WorkspaceKind, title: str) -> Workspace:
        row = await self._one(
            """
            INSERT INTO workspaces (chat_id, kind, title, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (chat_id) DO UPDATE SET title = excluded.title
            RETURNING *
            """,
            (chat_id, kind, title, utcnow().isoformat()),
        )
        assert row is not None
        return Workspace(row["id"], row["chat_id"], row["kind"], row["title"])

    async def workspace(self, chat_id: int) -> Workspace | None:
        row = await self._one("SELECT * FROM workspaces WHERE chat_id = ?", (chat_id,))
        return Workspace(row["id"], row["chat_id"], row["kind"], row["title"]) if row else None
