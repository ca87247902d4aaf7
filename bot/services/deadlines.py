"""A list's deadline and time zone, and what the scheduler tells of them (PRODUCT.md §8): who is
behind, where the list stands when the deadline has passed, and what changed since the last
digest."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.services.model import Waiting
from bot.services.scoring import load_sheets
from questionnaire.model import Questionnaire
from storage.db import Database
from storage.models import Partner, User, Workspace
from storage.queries.sends import Finished, Owed
from storage.repositories import Tx

FIRST_DIGEST_SPAN = timedelta(days=7)
"""What the first digest of a list looks back over: it has no earlier one to start from, and
a week tells a team what it has been doing without going back through its whole history."""


@dataclass(frozen=True)
class Standing:
    """Where a list stands: done of total, and who still owes what (first names, partners)."""

    done: int
    total: int
    owed: list[tuple[str, list[str]]]
    by_partner: bool
    """Nobody was assigned: `done` counts partners with a finished assessment."""


@dataclass(frozen=True)
class Digest:
    """What changed on a list since its last digest."""

    finished: list[Finished]
    tiers: list[tuple[str, str, str]]
    """A partner's name, its tier before and now ("-": none)."""
    disagreements: list[tuple[str, list[str]]]
    """A partner's name and the questions newly on its "to discuss" list."""
    reopened: list[tuple[str, list[str]]]
    """A partner's name and its settled questions someone's answer changed on since."""

    @property
    def empty(self) -> bool:
        return not (self.finished or self.tiers or self.disagreements or self.reopened)


@dataclass
class Seen:
    """What a digest knew of a list, kept for the next one to compare with."""

    revision: int = -1
    tiers: dict[str, str] = field(default_factory=dict)
    discuss: dict[str, list[str]] = field(default_factory=dict)
    changed: dict[str, list[str]] = field(default_factory=dict)
    """Settled questions an answer changed on after settling, by partner id."""

    @classmethod
    def load(cls, text: str | None) -> Seen:
        if not text:
            return cls()
        raw = json.loads(text)
        return cls(raw["revision"], raw["tiers"], raw["discuss"], raw.get("changed", {}))

    def dump(self) -> str:
        kept = {"revision": self.revision, "tiers": self.tiers, "discuss": self.discuss}
        return json.dumps({**kept, "changed": self.changed}, sort_keys=True)


class Deadlines:
    def __init__(self, db: Database, questionnaire: Questionnaire) -> None:
        self.db = db
        self.questionnaire = questionnaire

    async def set_deadline(self, workspace: Workspace, deadline: date | None) -> None:
        async with self.db.statement() as tx:
            await tx.set_deadline(workspace.id, deadline)

    async def set_zone(self, workspace: Workspace, zone: str) -> None:
        async with self.db.statement() as tx:
            await tx.set_zone(workspace.id, zone)

    async def behind(
        self, workspace: Workspace, *, skip: set[int] | None = None
    ) -> list[tuple[User, list[Waiting]]]:
        """Each person the list waits for who can be reminded (reminders on, the bot not
        blocked; not in `skip`), with what is left for them."""
        skip = skip or set()
        async with self.db.read() as tx:
            owed = await tx.owed(workspace)
            left = [o for o in owed if not o.finished and o.user_id not in skip]
            partners = await tx.partners_by_id(sorted({o.partner_id for o in left}))
            found: list[tuple[User, list[Waiting]]] = []
            for user_id in dict.fromkeys(o.user_id for o in left):
                user = await tx.user(user_id)
                if user is None or not user.reminders or user.blocked:
                    continue  # nothing to work out for them: they are not nudged
                items = [
                    await self._waiting(tx, workspace, partners, o)
                    for o in left
                    if o.user_id == user_id and o.partner_id in partners
                ]
                if items:
                    found.append((user, items))
        return found

    async def _waiting(
        self, tx: Tx, workspace: Workspace, partners: dict[int, Partner], owed: Owed
    ) -> Waiting:
        partner = partners[owed.partner_id]
        asked = {q.id for q in self.questionnaire.applicable(bool(partner.technology))}
        assessment = await tx.assessment(owed.assessment_id) if owed.assessment_id else None
        answered = await tx.answers(assessment.id) if assessment else {}
        done = sum(1 for q in answered if q in asked)
        return Waiting(partner, workspace, assessment, done, len(asked))

    async def standing(self, workspace: Workspace) -> Standing:
        async with self.db.read() as tx:
            owed = await tx.owed(workspace)
            partners = await tx.partners_by_id(sorted({o.partner_id for o in owed}))
            people = {o.user_id: await tx.user(o.user_id) for o in owed}
            if not owed and workspace.kind == "group":
                listed = await tx.listed(workspace.id)
                done = {f.partner_id for f in await tx.finished_since(workspace.id, _EPOCH)}
                names = [p.name for p in listed if p.id not in done]
                nobody = [("", names)] if names else []
                return Standing(len(done & {p.id for p in listed}), len(listed), nobody, True)
        owed_by: dict[int, list[str]] = {}
        for o in owed:
            if not o.finished and o.partner_id in partners:
                owed_by.setdefault(o.user_id, []).append(partners[o.partner_id].name)
        return Standing(
            sum(o.finished for o in owed),
            len(owed),
            [(p.first_name if (p := people[u]) else "?", names) for u, names in owed_by.items()],
            False,
        )

    async def digest(self, workspace: Workspace, now: datetime) -> tuple[Digest, str]:
        """What changed since the list's last digest (its first: over the last week), and what
        the next digest compares with."""
        async with self.db.read() as tx:
            last = await tx.last_digest(workspace.id)
            before = Seen.load(last.state if last else None)
            since = last.at if last else now - FIRST_DIGEST_SPAN
            finished = await tx.finished_since(workspace.id, since)
            revision = await tx.revision(workspace.id)
            if revision == before.revision:  # no answer, no weight changed since
                seen = before
            else:
                seen = await self._seen(tx, workspace, revision)
        old = _named(before.tiers)
        tiers = [
            (name, was, tier)
            for pid, (name, tier) in _named(seen.tiers).items()
            if (was := old.get(pid, (name, "-"))[1]) != tier
        ]
        disagreements = _new(seen.tiers, seen.discuss, before.discuss)
        reopened = _new(seen.tiers, seen.changed, before.changed)
        return Digest(finished, tiers, disagreements, reopened), seen.dump()

    async def _seen(self, tx: Tx, workspace: Workspace, revision: int) -> Seen:
        listed = await tx.listed(workspace.id)
        tiers = {
            str(p.id): f"{p.name}\t{p.summary.tier.value if p.summary and p.summary.tier else '-'}"
            for p in listed
        }
        several = await tx.assessed_by_several(workspace.id)
        partners = await tx.partners_by_id(several)
        discuss: dict[str, list[str]] = {}
        changed: dict[str, list[str]] = {}
        for partner in partners.values():
            sheets = await load_sheets(tx, self.questionnaire, partner)
            if ids := [a.question_id for a in sheets.team.discuss]:
                discuss[str(partner.id)] = ids
            if ids := [q for q in sheets.settled if sheets.changed_since(q)]:
                changed[str(partner.id)] = ids
        return Seen(revision, tiers, discuss, changed)


_EPOCH = datetime.fromisoformat("2000-01-01T00:00:00+00:00")


def _named(tiers: dict[str, str]) -> dict[str, tuple[str, str]]:
    """A digest keeps "name<TAB>tier" per partner id, so a deleted partner is still named."""
    return {pid: (v.split("\t")[0], v.split("\t")[-1]) for pid, v in tiers.items()}


def _new(
    tiers: dict[str, str], now: dict[str, list[str]], before: dict[str, list[str]]
) -> list[tuple[str, list[str]]]:
    """Each partner's questions in `now` that were not in `before`, with its name."""
    fresh = [
        (_name_of(tiers, pid), [q for q in qs if q not in before.get(pid, [])])
        for pid, qs in now.items()
    ]
    return [(name, qs) for name, qs in fresh if qs]


def _name_of(tiers: dict[str, str], pid: str) -> str:
    return tiers.get(pid, "?\t-").split("\t")[0]
