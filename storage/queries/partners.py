"""Partners: every lookup is scoped to a workspace, so an id from elsewhere finds nothing."""

from __future__ import annotations

import asyncio
import json
import secrets
import sqlite3
from dataclasses import asdict
from datetime import datetime

from questionnaire.scoring import Standing, Summary, Tier
from storage.models import Listed, Partner
from storage.queries.base import Queries, name_key, utcnow


def _literal(text: str) -> str:
    """`text` for LIKE with ESCAPE '!': its own % and _ match only themselves."""
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


_SUMMARY = "score, low, high, coverage, tier, red_flags"
_LEAN = f"id, workspace_id, name, technology, created_by, created_at, {_SUMMARY}, invite, revision"
"""Every column `_partner` reads but the standing, a JSON text that is slow to parse in bulk."""


def new_invite() -> str:
    """16 characters of A-Za-z0-9_- (96 random bits): fits a deep link, cannot be guessed."""
    return secrets.token_urlsafe(12)


BULK = 500
"""Partners past which `partners` makes its objects off the event loop (about 25 µs each)."""

_TIERS = {tier.value: tier for tier in Tier}


def _summary(
    score: float | None, low: float, high: float, coverage: float, tier: str | None, red_flags: int
) -> Summary | None:
    """From the `_SUMMARY` columns; None for a partner not scored yet."""
    if score is None:
        return None
    return Summary(score, low, high, coverage, _TIERS[tier] if tier else None, red_flags)


def _partner(row: sqlite3.Row) -> Partner:
    technology = row["technology"]
    return Partner(
        id=row["id"],
        workspace_id=row["workspace_id"],
        name=row["name"],
        technology=None if technology is None else bool(technology),
        created_at=datetime.fromisoformat(row["created_at"]),
        summary=_summary(
            row["score"], row["low"], row["high"], row["coverage"], row["tier"], row["red_flags"]
        ),
        invite=row["invite"],
        created_by=row["created_by"],
        standing=Standing(**json.loads(row["standing"])) if row["standing"] else None,
        revision=row["revision"],
    )


class PartnerQueries(Queries):
    async def partner(self, workspace_id: int, partner_id: int) -> Partner | None:
        row = await self._one(
            "SELECT * FROM partners WHERE id = ? AND workspace_id = ?", (partner_id, workspace_id)
        )
        return _partner(row) if row else None

    async def partner_of(self, assessment_id: int) -> Partner | None:
        """The partner an assessment is about; callers check the assessment is theirs first."""
        row = await self._one(
            "SELECT p.* FROM partners p JOIN assessments a ON a.partner_id = p.id WHERE a.id = ?",
            (assessment_id,),
        )
        return _partner(row) if row else None

    async def home_of(self, *, partner_id: int = 0, assessment_id: int = 0) -> Partner | None:
        """The partner a button's id points to, in whichever workspace it is (for deciding
        who may act on it; never for showing it)."""
        if assessment_id:
            return await self.partner_of(assessment_id)
        row = await self._one("SELECT * FROM partners WHERE id = ?", (partner_id,))
        return _partner(row) if row else None

    async def partners_by_id(self, partner_ids: list[int]) -> dict[int, Partner]:
        """These partners, wherever they are, by id (for a person's own assessments)."""
        marks = ",".join("?" * len(partner_ids))
        rows = await self._all(f"SELECT * FROM partners WHERE id IN ({marks})", partner_ids)
        return {row["id"]: _partner(row) for row in rows}

    async def announce(self, partner_id: int, shown: str) -> str | None:
        """Record that the group is told `shown` of the partner; what it was told before."""
        row = await self._one("SELECT announced FROM partners WHERE id = ?", (partner_id,))
        await self._run("UPDATE partners SET announced = ? WHERE id = ?", (shown, partner_id))
        return row[0] if row else None

    async def partner_by_invite(self, invite: str) -> Partner | None:
        row = await self._one("SELECT * FROM partners WHERE invite = ?", (invite,))
        return _partner(row) if row else None

    async def ensure_invite(self, partner: Partner) -> str:
        """The partner's invitation token, made on first need (older partners have none)."""
        if partner.invite:
            return partner.invite
        invite = new_invite()
        await self._run("UPDATE partners SET invite = ? WHERE id = ?", (invite, partner.id))
        return invite

    async def search_partners(
        self, workspace_ids: list[int], text: str, limit: int
    ) -> list[Partner]:
        """Partners of these workspaces whose name contains `text` (any case), by name."""
        if not workspace_ids:
            return []
        marks = ",".join("?" * len(workspace_ids))
        rows = await self._all(
            f"""
            SELECT * FROM partners WHERE workspace_id IN ({marks})
              AND name_key LIKE ? ESCAPE '!'
            ORDER BY name_key LIMIT ?
            """,
            (*workspace_ids, f"%{_literal(name_key(text))}%", limit),
        )
        return [_partner(row) for row in rows]

    async def partner_by_name(self, workspace_id: int, name: str) -> Partner | None:
        row = await self._one(
            "SELECT * FROM partners WHERE workspace_id = ? AND name_key = ?",
            (workspace_id, name_key(name)),
        )
        return _partner(row) if row else None

    async def team_partners_named(self, user_id: int, name: str) -> list[Partner]:
        """Partners called this (by the same rule) on the lists of groups the person was seen
        in; whether they are still members is for the caller to ask."""
        rows = await self._all(
            """
            SELECT p.* FROM partners p
            JOIN workspaces w ON w.id = p.workspace_id AND w.kind = 'group'
            JOIN members m ON m.workspace_id = w.id AND m.user_id = ?
            WHERE p.name_key = ? ORDER BY p.id
            """,
            (user_id, name_key(name)),
        )
        return [_partner(row) for row in rows]

    async def assessed_partner_by_name(self, user_id: int, name: str) -> Partner | None:
        """A partner of any workspace, called this, that the person has assessed."""
        row = await self._one(
            """
            SELECT partners.* FROM assessments
            JOIN partners ON partners.id = assessments.partner_id
            WHERE assessments.user_id = ? AND partners.name_key = ?
            ORDER BY assessments.updated_at DESC LIMIT 1
            """,
            (user_id, name_key(name)),
        )
        return _partner(row) if row else None

    async def _changed(self, workspace_id: int) -> None:
        """The list changed (a partner added, renamed, deleted): cached views are out of date."""
        await self._bump("id = ?", (workspace_id,))

    async def add_partner(self, workspace_id: int, name: str, user_id: int) -> Partner:
        row = await self._one(
            """
            INSERT INTO partners (workspace_id, name, name_key, created_by, created_at, invite)
            VALUES (?, ?, ?, ?, ?, ?) RETURNING *
            """,
            (workspace_id, name, name_key(name), user_id, utcnow().isoformat(), new_invite()),
        )
        assert row is not None
        await self._changed(workspace_id)
        return _partner(row)

    async def ensure_partner(
        self, workspace_id: int, name: str, user_id: int
    ) -> tuple[Partner, bool]:
        """The partner called this (case, spaces aside), put on the list if new; True if new."""
        found = await self.partner_by_name(workspace_id, name)
        if found is not None:
            return found, False
        return await self.add_partner(workspace_id, name, user_id), True

    async def rename_partner(self, workspace_id: int, partner_id: int, name: str) -> bool:
        """False when another partner of the workspace already has that name."""
        try:
            changed = await self._run(
                "UPDATE partners SET name = ?, name_key = ? WHERE id = ? AND workspace_id = ?",
                (name, name_key(name), partner_id, workspace_id),
            )
        except sqlite3.IntegrityError:
            return False
        if changed:
            await self._changed(workspace_id)
        return changed == 1

    async def delete_partner(self, workspace_id: int, partner_id: int) -> bool:
        changed = await self._run(
            "DELETE FROM partners WHERE id = ? AND workspace_id = ?", (partner_id, workspace_id)
        )
        if changed:
            await self._changed(workspace_id)
        return changed == 1

    async def set_technology(self, partner_id: int, technology: bool) -> None:
        await self._run(
            "UPDATE partners SET technology = ? WHERE id = ?", (technology, partner_id)
        )

    async def save_summary(
        self, partner_id: int, summary: Summary, standing: Standing | None = None
    ) -> None:
        """Keep a partner's score (and, with it, its standing) and mark its workspace changed."""
        await self._run(
            """
            UPDATE partners SET score = ?, low = ?, high = ?, coverage = ?, tier = ?,
                                red_flags = ?, standing = coalesce(?, standing),
                                revision = revision + 1
            WHERE id = ?
            """,
            (
                summary.score,
                summary.low,
                summary.high,
                summary.coverage,
                summary.tier.value if summary.tier else None,
                summary.red_flags,
                json.dumps(asdict(standing)) if standing else None,
                partner_id,
            ),
        )
        await self._bump("id = (SELECT workspace_id FROM partners WHERE id = ?)", (partner_id,))

    async def save_summaries(self, workspace_id: int, summaries: dict[int, Summary]) -> None:
        """Many partners re-scored at once (new weights): one statement, one revision."""
        await self._conn.executemany(
            """
            UPDATE partners SET score = ?, low = ?, high = ?, coverage = ?, tier = ?,
                                revision = revision + 1
            WHERE id = ? AND workspace_id = ?
            """,
            [
                (
                    s.score,
                    s.low,
                    s.high,
                    s.coverage,
                    s.tier.value if s.tier else None,
                    pid,
                    workspace_id,
                )
                for pid, s in summaries.items()
            ],
        )
        await self._changed(workspace_id)

    async def partners(
        self, workspace_id: int, *, offset: int = 0, limit: int = -1, standings: bool = False
    ) -> list[Partner]:
        """In name order; their standings (parsed JSON) only when asked, as they cost time."""
        columns = "*" if standings else f"{_LEAN}, NULL AS standing"
        rows = await self._all(
            f"SELECT {columns} FROM partners WHERE workspace_id = ? "
            "ORDER BY name_key LIMIT ? OFFSET ?",
            (workspace_id, limit, offset),
        )
        if len(rows) <= BULK:
            return [_partner(row) for row in rows]
        # Thousands take a quarter of a second: in a thread, the bot answers others meanwhile.
        return await asyncio.to_thread(lambda: [_partner(row) for row in rows])

    async def listed(self, workspace_id: int) -> list[Listed]:
        """Every partner with its score and nothing else, quick to read by the thousand."""
        rows = await self._all(
            f"SELECT id, name, {_SUMMARY} FROM partners WHERE workspace_id = ?", (workspace_id,)
        )
        return [Listed(row[0], row[1], _summary(*row[2:])) for row in rows]

    async def count_partners(self, workspace_id: int) -> int:
        row = await self._one(
            "SELECT count(*) FROM partners WHERE workspace_id = ?", (workspace_id,)
        )
        return int(row[0]) if row else 0
