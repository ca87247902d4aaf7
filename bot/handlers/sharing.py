"""Sharing cards through inline mode: @bot Acme in any chat offers Acme's public card (no
notes, evidence, assessor names or disagreements: those stay inside the list's own chats)."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import (
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InlineQueryResultUnion,
    InputTextMessageContent,
)

from bot.access import Access, Need
from bot.render import messages
from bot.render.card import card_message
from bot.render.texts import T
from bot.services.longlist import Longlist
from questionnaire.model import Questionnaire
from storage.models import User

RESULTS = 20
FROM_INLINE = "inline"
"""The /start payload of the button shown when nothing matched: it opens the bot's greeting."""


async def inline_search(
    query: InlineQuery,
    bot: Bot,
    user: User,
    t: T,
    longlist: Longlist,
    access: Access,
    questionnaire: Questionnaire,
) -> None:
    """Partners of the asking person's own list and of the groups they are in, never others'.

    Group membership is checked with Telegram, so someone who left a group no longer sees it.
    """
    allowed = [
        w
        for w in await longlist.workspaces_of(user)
        if await access.allows(bot, user.id, w, Need.MEMBER, None)
    ]
    homes = {w.id: w for w in allowed}
    results: list[InlineQueryResultUnion] = []
    for partner in await longlist.search(allowed, query.query, RESULTS):
        home = homes[partner.workspace_id]
        data = await longlist.card(home, user, partner.id)
        if data is None:
            continue
        results.append(
            InlineQueryResultArticle(
                id=f"p{partner.id}",
                title=partner.name,
                description=messages.share_line(t, partner, home),
                input_message_content=InputTextMessageContent(
                    message_text=card_message(t, data, questionnaire, public=True)
                ),
            )
        )
    # Nothing to share yet (or a typo): offer the way to the bot, where partners are assessed.
    button = (
        None
        if results
        else InlineQueryResultsButton(
            text=t.plain("button.inline_empty"), start_parameter=FROM_INLINE
        )
    )
    await query.answer(results, cache_time=0, is_personal=True, button=button)


def router() -> Router:
    """A fresh router per Dispatcher (a router can belong to one only)."""
    router = Router(name=__name__)
    router.inline_query.register(inline_search)
    return router
