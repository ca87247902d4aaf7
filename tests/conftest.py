from __future__ import annotations

import pytest

from questionnaire.loader import load_questionnaire
from questionnaire.model import Questionnaire


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    return load_questionnaire()
