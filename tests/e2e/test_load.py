"""Two hundred people assessing at the same time: nothing lost, nothing twice, every card right."""

from __future__ import annotations

import asyncio
import os
import random

import pytest

from questionnaire.model import Questionnaire
from questionnaire.scoring import points, score_partner
from tests.botapi import ScriptedUser
from tests.data import NON_TECH_IDS
from tests.e2e.driver import answer_all, card_figures, start
from tests.e2e.harness import Running

USERS = int(os.environ.get("LOAD_USERS", "200"))
pytestmark = [
    pytest.mark.soak,  # CI runs it as it is; the variable above scales it up
    pytest.mark.timeout(120 + 2 * USERS),
]


def sheet(seed: int) -> dict[str, int | None]:
    rng = random.Random(seed)
    ratings: dict[str, int | None] = {q: rng.choice([None, 1, 2, 3, 4, 5]) for q in NON_TECH_IDS}
    ratings["2.2"] = rng.choice([None, 2, 4, 5])
    return ratings


async def test_two_hundred_people_at_once(running: Running, questionnaire: Questionnaire) -> None:
    # All of them finish within seconds of each other, and the one drawing process draws each
    # card's picture in turn: the last ones wait longer than the usual 10 seconds.
    running.emu.timeout = 90
    users = [running.emu.user(10_000 + i, f"User {i}", language_code="ru") for i in range(USERS)]

    async def assess(user: ScriptedUser, seed: int) -> None:
        await start(user, f"Partner {seed}", technology=False)
        await answer_all(user, questionnaire, sheet(seed))

    await asyncio.gather(*(assess(u, i) for i, u in enumerate(users)))

    async with running.app.db.read() as tx:
        for i, user in enumerate(users):
            workspace = await tx.workspace(user.id)
            assert workspace is not None
            partner = await tx.partner_by_name(workspace.id, f"Partner {i}")
            assert partner is not None
            [assessment] = await tx.assessments(partner.id)
            assert await tx.answers(assessment.id) == sheet(i)  # every answer, once
            assert assessment.finished
    for i, user in enumerate(users):
        expected = score_partner(questionnaire, sheet(i), technology=False)
        assert card_figures(user.last) == (
            points(expected.score),
            points(expected.low),
            points(expected.high),
        )
        assert not any("Что-то пошло не так" in m.text for m in user.messages)
