"""Assignments (who is to assess a team's partner) and a person's queue (/todo)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.services.model import Assigned, Waiting
from questionnaire.model import Questionnaire
from storage.db import Database
from storage.models import Partner, User, Workspace

USERNAME = re.compile(r"@([A-Za-z0-9_]{3,32})")


ASSIGNED_AT_ONCE = 20
"""@usernames read from one /assign: a team is a handful of people."""


@dataclass(frozen=True)
class AssignRequest:
    """`/assign Acme @boris -@vera` read: the partner's name, the @usernames to assign and those
    to unassign (-@vera), each in order."""

    name: str
    usernames: tuple[str, ...]
    removed: tuple[str, ...] = ()


def parse_assign(args: str) -> AssignRequest:
    """The name is everything before the first @username (or -@username); repeats are
    dropped, and so is anything that is no one's @username."""
    words = args.split()
    at = next((i for i, w in enumerate(words) if w.startswith(("@", "-@"))), len(words))
    added: list[str] = []
    removed: list[str] = []
    seen: set[str] = set()
    for word in words[at:]:
        into = removed if word.startswith("-") else added
        match = USERNAME.fullmatch(word.removeprefix("-").rstrip(",;"))
        name = match.group(1) if match else ""
        if name and name.lower() not in seen:
            seen.add(name.lower())
            into.append(name)
    return AssignRequest(
        " ".join(words[:at]),
        tuple(added[:ASSIGNED_AT_ONCE]),
        tuple(removed[:ASSIGNED_AT_ONCE]),
    )


def label(person: User) -> str:
    return person.first_name + (f" (@{person.username})" if person.username else "")


class Assignments:
    def __init__(self, db: Database, questionnaire: Questionnaire) -> None:
        self.db = db
        self.questionnaire = questionnaire

    async def known(self, usernames: tuple[str, ...]) -> tuple[list[User], list[str]]:
        """The people the bot knows by these @usernames, and the names it does not know."""
        async with self.db.read() as tx:
            found = await tx.users_by_username(list(usernames))
        people = [found[n.lower()] for n in usernames if n.lower() in found]
        return people, [n for n in usernames if n.lower() not in found]

    async def assign(self, partner: Partner, by: User, people: list[User]) -> list[User]:
        """Assign these people (those assigned already stay); everyone assigned now."""
        async with self.db.transaction() as tx:
            await tx.assign(partner.id, [p.id for p in people], by.id)
            return await tx.assignees(partner.id)

    async def assign_later(self, partner: Partner, by: User, usernames: list[str]) -> None:
        """These @usernames (without the @) become assignees once each is seen in the group."""
        async with self.db.transaction() as tx:
            await tx.assign_later(partner.id, usernames, by.id)

    async def assign_named(
        self,
        workspace: Workspace,
        by: User,
        named: list[tuple[str, tuple[str, ...]]],
        role: Callable[[User], Awaitable[bool | None]],
        may_assign: Callable[[Partner], bool],
    ) -> Assigned:
        """Assign the @usernames named for each partner (by name) of a list sent in one go:
        the people the bot knows who are members (`role`: True a member, False not one, None
        Telegram could not say) at once; the rest, by @username, once they are seen in the
        group (known non-members are not). Partners `may_assign` refuses are left alone."""
        wanted = list(dict.fromkeys(n.lstrip("@").lower() for _, names in named for n in names))
        async with self.db.read() as tx:
            found = await tx.users_by_username(wanted)
            partners = [(await tx.partner_by_name(workspace.id, name), n) for name, n in named]
        where: dict[str, str] = {}  # an @username, lowercased → "now", "later" or "outside"
        for key in wanted:
            person = found.get(key)
            member = await role(person) if person else None
            where[key] = "now" if member else "outside" if member is False else "later"
        result, not_allowed = Assigned(), 0
        async with self.db.transaction() as tx:
            for partner, names in partners:
                if partner is None:
                    continue
                if not may_assign(partner):
                    not_allowed += 1
                    continue
                keys = [n.lstrip("@") for n in names]
                now = [found[k.lower()] for k in keys if where[k.lower()] == "now"]
                later = [k for k in keys if where[k.lower()] == "later"]
                await tx.assign(partner.id, [p.id for p in now], by.id)
                await tx.assign_later(partner.id, later, by.id)
                _count(result.now, [label(p) for p in now])
                _count(result.later, [f"@{k}" for k in later])
                _count(result.outside, [f"@{k}" for k in keys if where[k.lower()] == "outside"])
        return Assigned(result.now, result.later, result.outside, not_allowed)

    async def pending(self, partner: Partner) -> list[str]:
        """The @usernames (without the @) to be assigned once seen in the group."""
        async with self.db.read() as tx:
            return await tx.pending_assignees(partner.id)

    async def unassign(
        self, partner: Partner, people: list[User], usernames: tuple[str, ...]
    ) -> list[User]:
        """Unassign these people, and these @usernames waiting to be seen; those of the
        people who were assigned."""
        async with self.db.transaction() as tx:
            before = {u.id for u in await tx.assignees(partner.id)}
            await tx.unassign(partner.id, [p.id for p in people])
            await tx.assign_later_no_more(partner.id, list(usernames))
        return [p for p in people if p.id in before]

    async def assignees(self, partner: Partner) -> list[User]:
        async with self.db.read() as tx:
            return await tx.assignees(partner.id)

    async def waiting(self, user: User) -> list[Waiting]:
        """Every partner waiting for the person in any workspace (membership not checked):
        started ones first, the most advanced first; then by list and name."""
        async with self.db.read() as tx:
            pairs = await tx.waiting_for(user.id)
            homes = await tx.workspaces_by_id(sorted({p.workspace_id for p, _ in pairs}))
            answers = {a.id: await tx.answers(a.id) for _, a in pairs if a is not None}
        items = []
        for partner, assessment in pairs:
            home = homes.get(partner.workspace_id)
            if home is None:
                continue
            asked = {q.id for q in self.questionnaire.applicable(bool(partner.technology))}
            done = answers.get(assessment.id, {}) if assessment else {}
            answered = sum(1 for q in done if q in asked)
            items.append(Waiting(partner, home, assessment, answered, len(asked)))
        items.sort(key=lambda w: (w.assessment is None, -w.answered, w.home.title, w.partner.name))
        return items


def _count(counts: dict[str, int], names: list[str]) -> None:
    for name in names:
        counts[name] = counts.get(name, 0) + 1
