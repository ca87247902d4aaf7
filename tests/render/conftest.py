"""The texts of each language, loaded once (as the bot loads them at start-up)."""

from __future__ import annotations

import pytest

from bot.render.texts import T
from tests.render.data import TEXTS


@pytest.fixture
def ru() -> T:
    return TEXTS("ru")


@pytest.fixture
def en() -> T:
    return TEXTS("en")
