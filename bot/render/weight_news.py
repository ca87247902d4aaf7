"""A group's line about a weights change: who, the sections before → after, whose tier moved."""

from __future__ import annotations

from bot.render.texts import T
from bot.services.model import WeightsNews
from questionnaire.model import Questionnaire
from questionnaire.scoring import Tier

SECTIONS_SHOWN = 4
MOVES_SHOWN = 5


def tier_name(tier: Tier | None) -> str:
    return tier.value if tier else "?"


def weights_line(t: T, questionnaire: Questionnaire, news: WeightsNews) -> str:
    """ "⚖️ Анна: Право 5 → 10 · Вектор B → A"; struck through and signed once undone."""
    sections = [
        {"title": questionnaire.section(s).short(t.lang), "was": was, "now": now}
        for s, was, now in news.sections[:SECTIONS_SHOWN]
    ]
    moves = [
        {"name": name, "was": tier_name(was), "now": tier_name(now)}
        for name, (was, now) in news.moves[:MOVES_SHOWN]
    ]
    line = t(
        "weights.line",
        who=news.who,
        sections=sections,
        more_sections=len(news.sections) > SECTIONS_SHOWN,
        moves=moves,
        more_moves=max(0, len(news.moves) - MOVES_SHOWN),
    )
    return t("weights.undone", line=line, who=news.undone_by) if news.undone_by else line
