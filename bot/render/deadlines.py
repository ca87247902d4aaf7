"""The deadline's texts: how it is shown, a nudge, the line the morning after it, the daily
digest, and a time zone as people read it. Each fits one message, however long the list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from markupsafe import Markup

from bot.render.format import MESSAGE_LIMIT, date_text, telegram_length
from bot.render.texts import T
from bot.services.model import Waiting
from storage.models import Workspace

SHOWN = 10
"""Items of one kind a nudge, the deadline line or a digest names before "and N more"."""


def zone_text(t: T, zone: ZoneInfo, now: datetime, offered: Sequence[str]) -> str:
    """ "Екатеринбург (UTC+5)"; a zone not among the buttons by its IANA name."""
    name = t.plain(f"label.zone.{zone.key}") if zone.key in offered else zone.key
    offset = now.astimezone(zone).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes >= 0 else "−"
    shown = f"UTC{sign}{hours}" + (f":{rest:02}" if rest else "") if minutes else "UTC"
    return name if name == shown else f"{name} ({shown})"


def left_text(t: T, deadline: date, today: date) -> Markup:
    return t("deadline.left", days=(deadline - today).days)


def deadline_shown(t: T, workspace: Workspace, today: date, zone: str) -> Markup:
    if workspace.deadline is None:
        return t("deadline.none", group=workspace.kind == "group")
    return t(
        "deadline.shown",
        date=date_text(t, workspace.deadline),
        left=left_text(t, workspace.deadline, today),
        zone=zone,
    )


def nudge(t: T, workspace: Workspace, items: list[Waiting], today: date) -> str:
    assert workspace.deadline is not None
    lines = [
        t(
            "deadline.nudge_item",
            name=item.partner.name,
            started=item.assessment is not None,
            answered=item.answered,
            total=item.total,
        )
        for item in items[:SHOWN]
    ]
    if len(items) > SHOWN:
        lines.append(t("deadline.more", count=len(items) - SHOWN))
    return t(
        "deadline.nudge",
        team=workspace.title if workspace.kind == "group" else None,
        date=date_text(t, workspace.deadline),
        left=left_text(t, workspace.deadline, today),
        count=len(items),
        lines=lines,
    )


def overdue(
    t: T,
    workspace: Workspace,
    done: int,
    total: int,
    owed: list[tuple[str, list[str]]],
    *,
    by_partner: bool,
) -> str:
    """One line: done N of M, and who still owes what."""
    assert workspace.deadline is not None
    items = [
        t("deadline.owes", who=who, names=_names(names, 5), more=max(0, len(names) - 5))
        for who, names in owed[:SHOWN]
    ]
    if len(owed) > SHOWN:
        items.append(t("deadline.more_people", count=len(owed) - SHOWN))
    return fit(
        t(
            "deadline.overdue",
            date=date_text(t, workspace.deadline),
            done=done,
            total=total,
            by_partner=by_partner,
            owed=items,
        )
    )


def digest(
    t: T,
    workspace: Workspace,
    finished: list[tuple[str, list[str]]],
    tiers: list[tuple[str, str, str]],
    disagreements: list[tuple[str, list[str]]],
    reopened: list[tuple[str, list[str]]],
) -> str:
    def more(items: list[Markup], total: int) -> list[Markup]:
        return items + ([t("deadline.more", count=total - SHOWN)] if total > SHOWN else [])

    done = [
        t("deadline.owes", who=who, names=_names(names, 5), more=max(0, len(names) - 5))
        for who, names in finished[:SHOWN]
    ]
    moved = [t("digest.tier", name=name, was=was, now=now) for name, was, now in tiers[:SHOWN]]
    split = [t("digest.disagreement", name=name, questions=qs) for name, qs in disagreements]
    again = [t("digest.disagreement", name=name, questions=qs) for name, qs in reopened]
    return fit(
        t(
            "digest.text",
            team=workspace.title,
            finished=more(done, len(finished)),
            tiers=more(moved, len(tiers)),
            disagreements=more(split[:SHOWN], len(split)),
            reopened=more(again[:SHOWN], len(again)),
        )
    )


def _names(names: list[str], at_most: int) -> list[str]:
    return [name[:40] + ("…" if len(name) > 40 else "") for name in names[:at_most]]


def fit(text: str) -> str:
    """Within Telegram's limit whatever the names: cut at a line's end, marked."""
    if telegram_length(text) <= MESSAGE_LIMIT:
        return text
    kept = ""
    for line in text.split("\n"):
        if telegram_length(kept + line + "\n…") > MESSAGE_LIMIT:
            break
        kept += line + "\n"
    return kept + "…"
