"""Load and validate the questionnaire data file; a bad file stops the bot with a clear error."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import ValidationError

from questionnaire.model import Questionnaire

DEFAULT_PATH = Path(__file__).with_name("questions.toml")


class QuestionnaireError(Exception):
    """The questionnaire file is missing, is not TOML, or breaks the model's rules."""


def load_questionnaire(path: Path = DEFAULT_PATH) -> Questionnaire:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise QuestionnaireError(f"cannot read questionnaire file {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise QuestionnaireError(f"questionnaire file {path} is not valid TOML: {exc}") from exc
    try:
        return Questionnaire.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in err['loc']) or 'file'}: {err['msg']}"
            for err in exc.errors()
        )
        raise QuestionnaireError(f"questionnaire file {path} is invalid: {problems}") from exc
