"""Fixtures every tier uses. The end-to-end tier's own are in e2e/conftest.py."""

from __future__ import annotations

import pytest

from questionnaire.loader import load_questionnaire
from questionnaire.model import Questionnaire


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    return load_questionnaire()
