"""Which list a private /ranking, /partners, /card, /compare or /export works on (PRODUCT.md
§8 "The team's list in private").

A person in no team works on their own list, as before. A person in teams (groups they were
seen in and are still members of, as `Access` says) picks one, "Mine" or a team, with buttons;
the pick holds for 30 minutes (kept in SQLite), and the command they sent goes on with its
arguments once picked. `/list` offers the pick again at any time.

`list_for` is the one function that decides. The `Dialog` middleware applies it to every list
command in private (`pick_list`), before it makes `cards` and `flow`: their handlers simply get
the chosen list as `workspace`, and the guard checks membership of it as of any group's list.
A command that works on a list (/report) joins `LIST_COMMANDS` and needs nothing else.
"""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message, Update

from bot.access import Access, Role
from bot.render.keyboards.picks import pick_list
from bot.render.texts import T
from bot.services.teams import Teams
from bot.telegram import callbacks as cb
from bot.telegram import states
from bot.telegram.states import PartnerEdit, Prompt
from storage.models import User, Workspace

LIST_COMMANDS = frozenset({"ranking", "partners", "card", "compare", "export"})
"""The commands that work on a chosen list in a private chat."""
PENDING = 300
"""The longest command kept to go on with after the pick (names are 64 characters at most)."""
UNPOINTED = {cb.Ranking.__prefix__: "/ranking", cb.RankingChart.__prefix__: "/ranking"}
UNPOINTED[cb.Partners.__prefix__] = "/partners"
"""Buttons of a list that carry no id: the chosen list's (asked again once the pick is old)."""
POINTED = (cb.Card, cb.PartnerMenu, cb.TeamAnswers)
"""Buttons on a partner: its team's list when that is the list chosen."""


def command_of(text: str | None) -> str | None:
    """ "/card@PartnerFitBot Acme" → "card"; None for what is not a command."""
    if not text or not text.startswith("/") or len(text) == 1:
        return None
    return text[1:].split(maxsplit=1)[0].partition("@")[0].lower()


async def list_for(
    message: Message,
    command: str,
    *,
    user: User,
    t: T,
    home: Workspace,
    teams: Teams,
    access: Access,
) -> Workspace | None:
    """The list a private list command works on; None when the person was asked to pick one
    (`command`, the whole text, goes on once they have). `home` is their own list.

    Their own, for a person in no team; the list picked less than 30 minutes ago, while they
    are still in it; otherwise they are asked which (told first when they left the one picked).
    """
    chosen = await teams.chosen(user)
    if chosen is not None and chosen.id == home.id:
        return home
    groups, roles = await member_teams(message, user, teams, access)
    left = None
    if chosen is not None:
        if roles.get(chosen.id, Role.NONE) is not Role.NONE:
            return chosen  # Role.UNKNOWN too: the guard says Telegram could not tell
        left = chosen
    if not groups and left is None:
        return home
    await offer(message, t, user, home, groups, teams, command, left=left)
    return None


async def member_teams(
    message: Message, user: User, teams: Teams, access: Access
) -> tuple[list[Workspace], dict[int, Role]]:
    """The groups the person is a member of now, by title, and their role in each seen."""
    roles: dict[int, Role] = {}
    seen = await teams.lists_of(user)
    if message.bot is not None:
        for group in seen:
            roles[group.id] = await access.role(message.bot, user.id, group)
    return [g for g in seen if roles.get(g.id, Role.NONE) >= Role.MEMBER], roles


async def offer(
    message: Message,
    t: T,
    user: User,
    home: Workspace,
    groups: list[Workspace],
    teams: Teams,
    command: str,
    *,
    left: Workspace | None = None,
    now: Workspace | None = None,
) -> None:
    """Ask which list, keeping `command` ("" for none) to go on with."""
    await teams.wait(user, command[:PENDING])
    shown = (now.title if now.kind == "group" else "") if now else None
    text = t("lists.pick", left=left.title if left else None, now=shown)
    await message.answer(text, reply_markup=pick_list(t, home.id, groups))


async def pick_list_of(update: Update, data: dict[str, Any]) -> bool:
    """Put the chosen list in place of the private chat's (`data["workspace"]`) for a list
    command or a list's button in private; False when the person was asked which list first
    (the update then goes no further)."""
    home: Workspace | None = data.get("workspace")
    user: User | None = data.get("user")
    if home is None or user is None or home.kind != "private":
        return True
    chosen: Workspace | None = home
    message, query = update.message, update.callback_query
    if message is not None and command_of(message.text) in LIST_COMMANDS:
        chosen = await _asked(message, message.text or "", data)
    elif query is not None and isinstance(query.message, Message):
        chosen = await _pressed(query, query.message, data)
    elif message is not None and data.get("state") is not None:
        chosen = await _renaming(data)
    if chosen is None:
        return False
    data["workspace"] = chosen
    return True


async def _renaming(data: dict[str, Any]) -> Workspace:
    """A new name typed for a partner of the team's list picked (its menu was opened on that
    list): that list's, so that the guard checks membership of it; the chat's otherwise."""
    home: Workspace = data["workspace"]
    if await data["state"].get_state() != PartnerEdit.rename.state:
        return home
    step = await states.read(data["state"])
    teams: Teams = data["teams"]
    chosen = await teams.chosen(data["user"])
    if not isinstance(step, Prompt) or chosen is None or chosen.kind != "group":
        return home
    found = await teams.home_of(step.partner)
    return chosen if found and found[1].id == chosen.id else home


async def _asked(message: Message, command: str, data: dict[str, Any]) -> Workspace | None:
    return await list_for(
        message,
        command,
        user=data["user"],
        t=data["t"],
        home=data["workspace"],
        teams=data["teams"],
        access=data["access"],
    )


async def _pressed(
    query: CallbackQuery, message: Message, data: dict[str, Any]
) -> Workspace | None:
    """The list a button in private acts on: the chosen team's for a list's own buttons (asked
    again once the pick is old) and for a partner of that team; the chat's otherwise."""
    home: Workspace = data["workspace"]
    teams: Teams = data["teams"]
    prefix = (query.data or "").partition(":")[0]
    if prefix in UNPOINTED:
        chosen = await teams.chosen(data["user"])
        if chosen is not None:
            return chosen
        picked = await _asked(message, UNPOINTED[prefix], data)
        if picked is None:
            await query.answer(data["t"].plain("alert.list_again"))
        return picked
    kind = next((k for k in POINTED if k.__prefix__ == prefix), None)
    chosen = await teams.chosen(data["user"]) if kind else None
    if kind is None or chosen is None or chosen.kind != "group":
        return home
    try:
        partner = kind.unpack(query.data or "").partner
    except (TypeError, ValueError):
        return home  # forged: its own handler's filter turns it away
    found = await teams.home_of(partner)
    return chosen if found and found[1].id == chosen.id else home
