"""The card's radar and the ranking's bar chart: drawn in a worker process, sent once, then
re-sent by Telegram's file id until the answers or the weights change."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable

from aiogram.types import BufferedInputFile, Message

from bot.charts import model, worker
from bot.render.format import tier_text
from bot.render.texts import T
from bot.services.model import CardData
from questionnaire.model import LANGS, Questionnaire
from questionnaire.ranking import Ranked
from questionnaire.scoring import points
from storage.cache import Bounded
from storage.models import Listed, Workspace

TOP = 15
KEEP = 2000


def radar_labels(questionnaire: Questionnaire) -> list[list[str]]:
    """The section names a card's radar can have (each language, with or without the
    technology section), for the drawing worker to prepare at start-up."""
    return [
        [section.short(lang) for section in questionnaire.sections_asked(technology)]
        for lang in LANGS
        for technology in (False, True)
    ]


class Pictures:
    def __init__(self) -> None:
        self._file_ids: Bounded[Hashable, str] = Bounded(KEEP)

    async def send_radar(self, message: Message, t: T, data: CardData, viewer: int) -> None:
        """The card's picture: each section's score, and the band its unknowns leave open."""
        card = data.card
        partner = data.partner
        key = ("radar", partner.id, partner.revision, data.own and viewer, t.lang)

        def draw() -> Awaitable[bytes]:
            asked = [s for s in card.sections if s.applicable]  # as `radar_labels` has them
            radar = model.Radar(
                title=f"{partner.name} · {points(card.score)}",
                labels=[s.section.short(t.lang) for s in asked],
                values=[s.score for s in asked],
                lows=[s.low for s in asked],
                highs=[s.high for s in asked],
            )
            return worker.radar_png(radar)

        caption = t("card.caption", name=partner.name, score=points(card.score))
        await self._send(message, key, draw, caption)

    async def send_ranking(
        self,
        message: Message,
        t: T,
        workspace: Workspace,
        ranked: list[Ranked[Listed]],
    ) -> None:
        top = [r for r in ranked if r.rank is not None][:TOP]
        key = ("ranking", workspace.id, workspace.revision, t.lang)
        title = t.plain("label.chart_title", count=len(top))

        def draw() -> Awaitable[bytes]:
            bars = [
                model.Bar(
                    r.item.name,
                    r.summary.score,
                    r.summary.low,
                    r.summary.high,
                    tier_text(r.summary),
                )
                for r in top
            ]
            return worker.ranking_png(title, bars)

        await self._send(message, key, draw, t("ranking.chart", count=len(top)))

    async def _send(
        self, message: Message, key: Hashable, draw: Callable[[], Awaitable[bytes]], caption: str
    ) -> None:
        file_id = self._file_ids.get(key)
        if file_id is None:
            image = await draw()
            photo: BufferedInputFile | str = BufferedInputFile(image, filename="partnerfit.png")
        else:
            photo = file_id
        sent = await message.answer_photo(photo, caption=caption)
        if sent.photo:
            self._file_ids.put(key, sent.photo[-1].file_id)
