"""Weights changes where they meet Telegram: saved, and told to the group in one line each (a
quick run of one lead's steps in one line, edited in place), with Undo for a day."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import Message

from bot.dialog.board import Boards
from bot.render import keyboards
from bot.render.texts import T
from bot.render.weight_news import weights_line
from bot.services.model import WeightsPanel
from bot.services.weight_log import Undo, WeightLog
from bot.telegram.posts import GroupPosts, Shown
from questionnaire.model import Questionnaire
from questionnaire.weights import Weights
from storage.cache import Bounded
from storage.models import User, Workspace

KEPT = 1000
"""Lines whose text as last shown is remembered, so that an edit changing nothing is not sent."""


class WeightLines:
    def __init__(
        self, log: WeightLog, posts: GroupPosts, questionnaire: Questionnaire, boards: Boards
    ) -> None:
        self.log = log
        self.posts = posts
        self.questionnaire = questionnaire
        self.boards = boards  # weights move tiers, which the board shows
        self._shown: Bounded[int, str] = Bounded(KEPT)

    async def panel(self, workspace: Workspace) -> WeightsPanel:
        return await self.log.panel(workspace)

    async def save(
        self,
        bot: Bot,
        t: T,
        workspace: Workspace,
        user: User,
        weights: Weights,
        how: str,
        section: int | None = None,
    ) -> None:
        """Save the weights; in a group, post the line about it, or edit the run's line."""
        told = await self.log.save(workspace, user, weights, how, section)
        await self.boards.touch(workspace.id)
        if told is None:
            return
        line, chat_id = told.line, workspace.chat_id

        async def render() -> Shown | None:
            shown = await self._render(t, workspace, line)
            if shown is None or self._shown.get(line) == shown[0]:
                return None  # gone with its list; or an edit that would change nothing
            self._shown.put(line, shown[0])
            return shown

        async def sent(message: Message) -> None:
            await self.log.posted(line, message.message_id)

        if told.new:
            await self.posts.post(bot, chat_id, ("weights", line), render, sent=sent)
        elif told.message_id is not None:  # else still waiting to be posted: it will say all
            await self.posts.edit(bot, chat_id, told.message_id, ("weights", line), render)

    async def undo(
        self, message: Message, t: T, workspace: Workspace, user: User, line: int
    ) -> Undo:
        """Undo pressed on a line: the weights put back, the line says by whom (nothing else is
        posted); too late, the button goes."""
        done = await self.log.undo(workspace, user, line)
        if done == "done":
            await self.boards.touch(workspace.id)
        shown = await self._render(t, workspace, line) if done == "done" else None
        if shown is not None:
            self._shown.put(line, shown[0])
            await message.edit_text(shown[0], reply_markup=shown[1])
        elif done == "late" and message.reply_markup is not None:
            await message.edit_reply_markup(reply_markup=None)
        return done

    async def _render(self, t: T, workspace: Workspace, line: int) -> Shown | None:
        news = await self.log.news(workspace, line)
        if news is None:
            return None
        text = weights_line(t, self.questionnaire, news)
        return text, keyboards.undo(t, line) if news.undoable else None
