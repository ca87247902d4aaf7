"""Messages that are tables: the ranking, a comparison, a team's answers, weights, what-if."""

from __future__ import annotations

from collections.abc import Mapping
from zoneinfo import ZoneInfo

from bot.render.format import (
    MESSAGE_LIMIT,
    answer_text,
    date_text,
    place_text,
    team_rating_text,
    telegram_length,
    tier_text,
)
from bot.render.texts import T, bar
from bot.services.model import PAGE, CardData, page_count
from bot.services.names import clip
from questionnaire.model import Questionnaire
from questionnaire.ranking import Ranked, RankingPage
from questionnaire.ranking import any_ranked as any_ranked  # for handlers, with the tables
from questionnaire.robustness import Firmness
from questionnaire.scoring import points
from questionnaire.weights import Weights
from storage.models import Listed, WeightChange

UTC_ZONE = ZoneInfo("UTC")

NAME_COLUMN = 10


def table(rows: list[list[str]], left: frozenset[int] = frozenset({1})) -> str:
    """Monospace rows with each column as wide as its widest cell; text columns to the left."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        " ".join(
            cell.ljust(width) if i in left else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    )


def _entry(entry: Ranked[Listed]) -> list[str]:
    """The cells every table of ranked partners starts with: place, name, score."""
    summary = entry.summary
    return [
        place_text(entry),
        clip(entry.item.name, NAME_COLUMN).ljust(NAME_COLUMN),
        str(points(summary.score)) if summary.scored else "—",
    ]


def ranking_page(ranked: list[Ranked[Listed]], page: int) -> list[Ranked[Listed]]:
    return ranked[(page - 1) * PAGE : page * PAGE]


def ranking_message(
    t: T,
    ranked: list[Ranked[Listed]],
    page: int,
    firmness: Firmness[Listed] | None = None,
    *,
    marks: Mapping[int, str] | None = None,
    show: str = "all",
) -> str:
    """One page of the ranking as a monospace table that fits a phone's width; `marks`: the
    decided partners' status marks (a last column), `show`: which of them are listed."""
    pages = page_count(len(ranked))
    view = RankingPage(ranking_page(ranked, page), page, pages, len(ranked), any_ranked(ranked))
    return page_message(t, view, firmness, marks=marks, show=show)


def page_message(
    t: T,
    view: RankingPage[Listed],
    firmness: Firmness[Listed] | None = None,
    *,
    marks: Mapping[int, str] | None = None,
    show: str = "all",
) -> str:
    """`ranking_message` for a page read on its own."""
    entries = view.entries
    marks = marks or {}
    labels = dict(
        zip(("stable", "contested", "long_shot"), t.plain("label.robust").split("|"), strict=True)
    )
    rows = [t.plain("label.columns").split("|") + ([""] if marks else [])]
    for entry in entries:
        summary = entry.summary
        robust = firmness.of(entry.item.id) if firmness else None
        rows.append(
            [
                *_entry(entry),
                tier_text(summary),
                f"{points(summary.coverage * 100)}%",
                str(summary.red_flags) if summary.red_flags else "·",
                labels[robust.label.value] if robust else "·",
                *([marks.get(entry.item.id, "")] if marks else []),
            ]
        )
    return t.render(
        "ranking.html",
        count=view.count,
        page=view.page,
        pages=view.pages,
        table=table(rows),
        shared=any(entry.shared for entry in entries),
        unranked=any(entry.summary.tier is None for entry in entries),
        blocked=any(entry.summary.blocked for entry in entries),
        k=firmness.k if firmness else None,
        show=None if show == "all" else t.plain(f"button.show_{show}"),
        decided=bool(marks),
    )


COMPARE_NAME = 7
COMPARE_GAP = 10
"""Points by which one partner must lead in a row for the row to be marked."""


def compare_message(t: T, first: CardData, second: CardData, questionnaire: Questionnaire) -> str:
    """Two partners side by side: score, tier, coverage, then each section; leads marked."""

    def figure(value: float | None) -> str:
        return "—" if value is None else str(points(value))

    def mark(a: float | None, b: float | None) -> str:
        if a is None or b is None:
            return ""
        return "◀" if a - b >= COMPARE_GAP else "▶" if b - a >= COMPARE_GAP else ""

    one, two = first.card, second.card
    rows = [
        ["", clip(first.partner.name, COMPARE_NAME), clip(second.partner.name, COMPARE_NAME), ""],
        [t.plain("label.score"), figure(one.score), figure(two.score), mark(one.score, two.score)],
        [t.plain("label.tier"), tier_text(one.summary()), tier_text(two.summary()), ""],
        [
            t.plain("label.coverage"),
            f"{points(one.coverage * 100)}%",
            f"{points(two.coverage * 100)}%",
            "",
        ],
    ]
    for a, b in zip(one.sections, two.sections, strict=True):
        if not (a.applicable or b.applicable):
            continue
        rows.append(
            [a.section.short(t.lang), figure(a.score), figure(b.score), mark(a.score, b.score)]
        )
    return t.render(
        "compare.html",
        first=first.partner.name,
        second=second.partner.name,
        table=table(rows, left=frozenset({0, 3})),
    )


def team_answers_message(t: T, data: CardData, questionnaire: Questionnaire) -> str:
    """Every question: the team's rating, and who answered what (shortened if too long)."""
    team = data.sheets.team.answers

    def lines(detailed: bool) -> list[dict[str, str]]:
        shown = []
        for question in questionnaire.applicable(bool(data.partner.technology)):
            answer = team.get(question.id)
            votes = (
                ", ".join(
                    f"{who} {answer_text(t, question, r)}" for who, r in answer.votes.items()
                )
                if answer and detailed
                else (t.plain("label.votes", count=len(answer.votes)) if answer else "")
            )
            shown.append(
                {
                    "id": question.id,
                    "title": question.short(t.lang),
                    "rating": team_rating_text(t, answer)
                    if answer
                    else t.plain("label.unanswered"),
                    "votes": votes,
                    "unknown": ", ".join(answer.unknown) if answer and detailed else "",
                }
            )
        return shown

    text = t.render("team_answers.html", partner=data.partner.name, lines=lines(True))
    if telegram_length(text) > MESSAGE_LIMIT:
        text = t.render("team_answers.html", partner=data.partner.name, lines=lines(False))
    return text


def weights_message(
    t: T,
    questionnaire: Questionnaire,
    weights: Weights,
    change: WeightChange | None,
    notice: str = "",
    *,
    history: list[WeightChange] | None = None,
    zone: ZoneInfo = UTC_ZONE,
) -> str:
    """The weights panel; a group's (`history` given) says who may change them, and how they
    were changed lately."""
    top = max(weights.values()) or 1
    rows = [
        [s.short(t.lang), str(weights[s.id]), bar(weights[s.id] * 100 / top, 8)]
        for s in questionnaire.sections
    ]
    last = (
        t("weights.last", who=change.user, when=_when(t, change, zone))
        if change
        else t("weights.defaults")
    )
    changes = [
        t("weights.change", who=c.user, when=_when(t, c, zone), how=t(f"weights_how.{c.how}"))
        for c in history or []
    ]
    return t.render(
        "weights.html",
        notice=notice,
        table=table(rows, left=frozenset({0, 2})),
        last=last,
        group=history is not None,
        changes=changes,
    )


def _when(t: T, change: WeightChange, zone: ZoneInfo) -> str:
    """In the list's time zone; "UTC" is said only when that is the list's zone."""
    moment = change.changed_at.astimezone(zone)
    return f"{date_text(t, moment)} {moment:%H:%M}" + (" UTC" if zone.key == "UTC" else "")


def order_message(t: T, questionnaire: Questionnaire, picked: list[int]) -> str:
    order = ", ".join(
        f"{place}. {questionnaire.section(s).short(t.lang)}" for place, s in enumerate(picked, 1)
    )
    return t.render("order.html", order=order)


def what_if_message(
    t: T,
    title: str,
    was: int,
    weight: int,
    before: list[Ranked[Listed]],
    after: list[Ranked[Listed]],
) -> str:
    """The ranking under the tried weights, with how far each partner moves."""
    places = {r.item.id: r.position for r in before}
    rows = []
    for entry in after[:PAGE]:
        moved = places.get(entry.item.id, entry.position) - entry.position
        rows.append(
            [*_entry(entry), f"↑{moved}" if moved > 0 else f"↓{-moved}" if moved < 0 else "·"]
        )
    still = [r.item.id for r in before] == [r.item.id for r in after]
    return t.render(
        "what_if.html",
        title=title,
        was=was,
        weight=weight,
        table=table(rows) if rows else "",
        still=still,
    )
