"""Driving the bot as a person would: read the question on screen, press its button."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import parse_qs, urlparse

from bot.render.texts import Texts
from questionnaire.model import Lang, Questionnaire
from tests.botapi import BotMessage, ScriptedUser

QUESTION_ID = re.compile(r"^(\d{1,2}\.\d{1,2}) ", re.MULTILINE)
TEXTS = Texts()


def language(lang: str) -> Lang:
    """The bot's language for a person's: Russian for "ru", English for anything else."""
    return "ru" if lang == "ru" else "en"


def button_label(key: str, lang: str = "ru") -> str:
    """A button's label as the locale file words it: ("dont_know", "en") gives "Don't know"."""
    return TEXTS(language(lang)).plain(f"button.{key}")


def shown_question(message: BotMessage) -> str:
    """The id of the question a message asks ("2.1"), read from its text."""
    found = QUESTION_ID.search(message.text)
    assert found, f"no question in: {message.text!r}"
    return found.group(1)


def is_question(message: BotMessage) -> bool:
    return message.has_inline_keyboard and QUESTION_ID.search(message.text) is not None


def button_for(
    questionnaire: Questionnaire, question_id: str, rating: int | None, lang: str
) -> str:
    """The label of the button that gives `rating` to a question."""
    if rating is None:
        return button_label("dont_know", lang)
    question = questionnaire.question(question_id)
    assert question is not None
    if question.kind == "choice":
        choice = question.choice_by_score(rating)
        assert choice is not None, f"{question_id} has no choice worth {rating}"
        return choice.label(language(lang))
    return str(rating)


async def start(user: ScriptedUser, name: str, *, technology: bool, lang: str = "ru") -> None:
    """/new <name>, then answer the technology question."""
    await user.send(f"/new {name}")
    await user.press(button_label("yes_technology" if technology else "no_technology", lang))


async def answer_all(
    user: ScriptedUser,
    questionnaire: Questionnaire,
    ratings: Mapping[str, int | None],
    *,
    lang: str = "ru",
    stop_after: int | None = None,
) -> list[str]:
    """Answer the questions the bot asks, in the order it asks them, until none is open.

    Returns the ids asked. Questions missing from `ratings` are answered "Don't know".
    """
    asked: list[str] = []
    while is_question(user.last) and (stop_after is None or len(asked) < stop_after):
        question_id = shown_question(user.last)
        asked.append(question_id)
        rating = ratings.get(question_id)
        result = await user.press(button_for(questionnaire, question_id, rating, lang))
        assert result.answered
    return asked


def payload_of(url: str) -> str:
    """The start parameter of a link to the bot ("Assess in private chat")."""
    assert url.startswith("https://t.me/PartnerFitBot?start=")
    [token] = parse_qs(urlparse(url).query)["start"]
    return token


def card_figures(card: BotMessage) -> tuple[int, int, int]:
    """(score, low, high) as the card shows them: "63/100 · диапазон 57–70", or "75/100"."""
    found = re.search(r"(\d+)/100(?: · \w+ (\d+)–(\d+))?\n", card.text)
    assert found, card.text
    score = int(found.group(1))
    if found.group(2) is None:
        return score, score, score
    return score, int(found.group(2)), int(found.group(3))
