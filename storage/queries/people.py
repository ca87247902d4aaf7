"""People and the workspaces (chats) they work in."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from typing import cast

from questionnaire.model import Lang
from storage.models import User, WeightChange, Workspace, WorkspaceKind
from storage.queries.base import Queries, utcnow, workspace_row


def _user(row: sqlite3.Row) -> User:
    return User(
        id=row["id"],
        first_name=row["first_name"],
        username=row["username"],
        lang=cast(Lang, row["lang"]),
        reminders=bool(row["reminders"]),
        blocked=bool(row["blocked"]),
    )


_workspace = workspace_row  # by this name in sends.py too


class PeopleQueries(Queries):
    async def user(self, user_id: int) -> User | None:
        if (kept := self._kept.user(user_id)) is not None:
            return kept
        row = await self._one("SELECT * FROM users WHERE id = ?", (user_id,))
        if row is None:
            return None
        user = _user(row)
        self._kept.put_user(user)
        return user

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
        user = _user(row)
        self._kept.put_user(user)
        return user

    async def set_lang(self, user_id: int, lang: Lang) -> None:
        await self._run("UPDATE users SET lang = ? WHERE id = ?", (lang, user_id))
        self._kept.forget_user(user_id)

    async def set_reminders(self, user_id: int, on: bool) -> None:
        await self._run("UPDATE users SET reminders = ? WHERE id = ?", (on, user_id))
        self._kept.forget_user(user_id)

    async def set_blocked(self, user_id: int, blocked: bool) -> None:
        await self._run("UPDATE users SET blocked = ? WHERE id = ?", (blocked, user_id))
        self._kept.forget_user(user_id)

    async def ensure_workspace(
        self, chat_id: int, kind: WorkspaceKind, title: str, lang: Lang | None = None
    ) -> Workspace:
        """The chat's workspace, made on first sight; a group's language (`lang`) is set only
        where it has none yet: once set, only a lead changes it."""
        row = await self._one(
            """
            INSERT INTO workspaces (chat_id, kind, title, lang, created_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (chat_id) DO UPDATE SET title = excluded.title,
                                                lang = coalesce(workspaces.lang, excluded.lang)
            RETURNING *
            """,
            (chat_id, kind, title, lang if kind == "group" else None, utcnow().isoformat()),
        )
        assert row is not None
        return self._keep(row)

    async def default_lang(self, workspace_id: int, lang: Lang) -> Workspace | None:
        """Give a group that has no language yet this one; one that has keeps its own."""
        row = await self._one(
            "UPDATE workspaces SET lang = coalesce(lang, ?) WHERE id = ? AND kind = 'group' "
            "RETURNING *",
            (lang, workspace_id),
        )
        return self._keep(row) if row else None

    async def set_workspace_lang(self, workspace_id: int, lang: Lang) -> None:
        """A lead chose the group's language."""
        row = await self._one(
            "UPDATE workspaces SET lang = ? WHERE id = ? AND kind = 'group' RETURNING *",
            (lang, workspace_id),
        )
        if row is not None:
            self._keep(row)

    async def set_deadline(self, workspace_id: int, deadline: date | None) -> None:
        row = await self._one(
            "UPDATE workspaces SET deadline = ? WHERE id = ? RETURNING *",
            (deadline.isoformat() if deadline else None, workspace_id),
        )
        if row is not None:
            self._keep(row)

    async def set_zone(self, workspace_id: int, tz: str | None) -> None:
        """The list's time zone (an IANA name the caller has checked), or None for the default."""
        row = await self._one(
            "UPDATE workspaces SET tz = ? WHERE id = ? RETURNING *", (tz, workspace_id)
        )
        if row is not None:
            self._keep(row)

    async def workspace(self, chat_id: int) -> Workspace | None:
        if (kept := self._kept.workspace(chat_id)) is not None:
            return kept
        row = await self._one("SELECT * FROM workspaces WHERE chat_id = ?", (chat_id,))
        return self._keep(row) if row else None

    async def migrate_workspace(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup (a new chat id): its workspace follows it.

        An empty workspace already made for the new id (someone wrote there first) gives way.
        """
        await self._run(
            """
            DELETE FROM workspaces WHERE chat_id = ?
              AND NOT EXISTS (SELECT 1 FROM partners p WHERE p.workspace_id = workspaces.id)
              AND EXISTS (SELECT 1 FROM workspaces w WHERE w.chat_id = ?)
            """,
            (new_chat_id, old_chat_id),
        )
        await self._run(
            "UPDATE OR IGNORE workspaces SET chat_id = ?, kind = 'group' WHERE chat_id = ?",
            (new_chat_id, old_chat_id),
        )
        self._kept.forget_workspaces()

    async def add_member(self, workspace_id: int, user_id: int) -> None:
        await self._run(
            """
            INSERT INTO members (workspace_id, user_id, seen_at) VALUES (?, ?, ?)
            ON CONFLICT (workspace_id, user_id) DO UPDATE SET seen_at = excluded.seen_at
            """,
            (workspace_id, user_id, utcnow().isoformat()),
        )

    async def seen_in(self, workspace_id: int, user_id: int) -> bool:
        """Whether the person was ever seen in the workspace's group."""
        row = await self._one(
            "SELECT 1 FROM members WHERE workspace_id = ? AND user_id = ?", (workspace_id, user_id)
        )
        return row is not None

    async def workspaces_of(self, user_id: int) -> list[Workspace]:
        """The person's own workspace and the groups they have been seen in."""
        rows = await self._all(
            """
            SELECT * FROM workspaces WHERE chat_id = ?
            UNION
            SELECT w.* FROM workspaces w JOIN members m ON m.workspace_id = w.id
            WHERE m.user_id = ?
            """,
            (user_id, user_id),
        )
        return [_workspace(row) for row in rows]

    async def workspace_by_id(self, workspace_id: int) -> Workspace | None:
        row = await self._one("SELECT * FROM workspaces WHERE id = ?", (workspace_id,))
        return _workspace(row) if row else None

    async def workspaces_by_id(self, workspace_ids: list[int]) -> dict[int, Workspace]:
        marks = ",".join("?" * len(workspace_ids))
        rows = await self._all(f"SELECT * FROM workspaces WHERE id IN ({marks})", workspace_ids)
        return {row["id"]: _workspace(row) for row in rows}

    async def revision(self, workspace_id: int) -> int:
        """Grows with every change to the workspace's longlist or weights (0: no such one)."""
        row = await self._one("SELECT revision FROM workspaces WHERE id = ?", (workspace_id,))
        return int(row[0]) if row else 0

    async def weight_change(self, workspace_id: int) -> WeightChange | None:
        """The workspace's latest weights; None while it uses the defaults."""
        row = await self._one(
            """
            SELECT c.*, u.first_name FROM weight_changes c JOIN users u ON u.id = c.user_id
            WHERE c.workspace_id = ? ORDER BY c.id DESC LIMIT 1
            """,
            (workspace_id,),
        )
        if row is None:
            return None
        weights = {int(s): int(w) for s, w in json.loads(row["weights"]).items()}
        changed_at = datetime.fromisoformat(row["changed_at"])
        return WeightChange(weights, row["first_name"], changed_at, row["how"], row["id"])

    async def change_weights(
        self,
        workspace_id: int,
        user_id: int,
        weights: dict[int, int],
        how: str,
        at: datetime | None = None,
    ) -> int:
        """Record new weights (made `at` that moment, or now); the change's id."""
        row = await self._one(
            """
            INSERT INTO weight_changes (workspace_id, user_id, changed_at, weights, how)
            VALUES (?, ?, ?, ?, ?) RETURNING id
            """,
            (workspace_id, user_id, (at or utcnow()).isoformat(), json.dumps(weights), how),
        )
        assert row is not None
        return int(row[0])
