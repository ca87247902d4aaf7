"""Putting many partners on a list in one go."""

from __future__ import annotations

from collections.abc import Sequence

from storage.models import Added, Partner
from storage.queries.base import name_key, utcnow
from storage.queries.partners import PartnerQueries, _partner, new_invite

CHUNK = 500
"""Names looked up in one statement (SQLite allows 32766 parameters)."""


class BulkQueries(PartnerQueries):
    async def add_partners(
        self, workspace_id: int, user_id: int, entries: Sequence[tuple[str, bool | None]]
    ) -> Added:
        """Put these (name, technology) on the list, in order. A name already on it, by the
        duplicate rule of `name_key`, or earlier among `entries`, is not added again: its
        name as the list has it is among the `existing`. One revision for them all."""
        keys = list(dict.fromkeys(name_key(name) for name, _ in entries))
        named: dict[str, str] = {}
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            rows = await self._all(
                f"SELECT name_key, name FROM partners WHERE workspace_id = ? "
                f"AND name_key IN ({','.join('?' * len(chunk))})",
                (workspace_id, *chunk),
            )
            named.update((row["name_key"], row["name"]) for row in rows)
        new: list[Partner] = []
        existing: list[str] = []
        now = utcnow().isoformat()
        for name, technology in entries:
            key = name_key(name)
            if key in named:
                existing.append(named[key])
                continue
            row = await self._one(
                """
                INSERT INTO partners
                    (workspace_id, name, name_key, technology, created_by, created_at, invite)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *
                """,
                (workspace_id, name, key, technology, user_id, now, new_invite()),
            )
            assert row is not None
            named[key] = name
            new.append(_partner(row))
        if new:
            await self._changed(workspace_id)
        return Added(tuple(new), tuple(existing))
