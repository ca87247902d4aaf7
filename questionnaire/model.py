"""The questionnaire as typed, immutable data: sections, questions, anchored levels."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Lang = Literal["ru", "en"]
LANGS: tuple[Lang, ...] = ("ru", "en")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Text(_Frozen):
    """One piece of wording in every language the bot ships."""

    ru: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, lang: Lang) -> str:
        return self.ru if lang == "ru" else self.en


class Label(Text):
    """Wording that goes on a button or into a table column, so it must stay short."""

    ru: str = Field(min_length=1, max_length=28)
    en: str = Field(min_length=1, max_length=28)


class ShortLabel(Text):
    """A section's name in the ranking's and the card's narrow columns."""

    ru: str = Field(min_length=1, max_length=12)
    en: str = Field(min_length=1, max_length=12)


class Choice(_Frozen):
    """One option of a choice question (2.2) and the rating it stands for."""

    key: str = Field(pattern=r"^[a-z]{1,8}$")
    score: int = Field(ge=1, le=5)
    label: Label
    meaning: Text


class Question(_Frozen):
    id: str = Field(pattern=r"^\d{1,2}\.\d{1,2}$")
    section: int
    kind: Literal["scale", "choice"] = "scale"
    gate: bool = False
    technology_only: bool = False
    short: Label
    text: Text
    hint: Text
    level1: Text | None = None
    level3: Text | None = None
    level5: Text | None = None
    choices: tuple[Choice, ...] = ()

    @model_validator(mode="after")
    def _anchors_match_kind(self) -> Question:
        anchored = (self.level1, self.level3, self.level5)
        if self.kind == "scale":
            if None in anchored:
                raise ValueError(f"question {self.id}: a scale needs level1, level3 and level5")
            if self.choices:
                raise ValueError(f"question {self.id}: only a choice question may list choices")
        else:
            if len(self.choices) < 2:
                raise ValueError(f"question {self.id}: a choice question needs two choices")
            if any(a is not None for a in anchored):
                raise ValueError(f"question {self.id}: a choice question has no level texts")
            if len({c.key for c in self.choices}) != len(self.choices):
                raise ValueError(f"question {self.id}: choice keys repeat")
            if len({c.score for c in self.choices}) != len(self.choices):
                raise ValueError(f"question {self.id}: two choices give the same score")
        if self.gate and self.technology_only:
            raise ValueError(f"question {self.id}: a gate must apply to every partner")
        return self

    def level(self, rating: int, lang: Lang) -> str | None:
        """The written meaning of an anchored level (1, 3 or 5), None for 2 and 4."""
        anchors = {1: self.level1, 3: self.level3, 5: self.level5}
        anchor = anchors.get(rating)
        return anchor(lang) if anchor else None

    def accepts(self, rating: int | None) -> bool:
        """Whether a rating is a valid answer: 1..5 on a scale, a choice's score, or None."""
        if rating is None:
            return True
        if self.kind == "choice":
            return self.choice_by_score(rating) is not None
        return 1 <= rating <= 5

    def choice_by_score(self, score: int) -> Choice | None:
        return next((c for c in self.choices if c.score == score), None)


class Section(_Frozen):
    id: int = Field(ge=1)
    weight: float = Field(ge=0)
    technology_only: bool = False
    title: Text
    short: ShortLabel


class Questionnaire(_Frozen):
    version: int
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]

    @field_validator("sections")
    @classmethod
    def _sections_numbered(cls, sections: tuple[Section, ...]) -> tuple[Section, ...]:
        ids = [s.id for s in sections]
        if ids != list(range(1, len(ids) + 1)):
            raise ValueError(f"sections must be numbered 1, 2, 3, … in order, got {ids}")
        if abs(sum(s.weight for s in sections) - 100) > 1e-6:
            raise ValueError("section weights must sum to 100")
        return sections

    @model_validator(mode="after")
    def _questions_belong(self) -> Questionnaire:
        seen: set[str] = set()
        section_ids = {s.id for s in self.sections}
        last: tuple[int, int] = (0, 0)
        for q in self.questions:
            if q.id in seen:
                raise ValueError(f"question id {q.id} repeats")
            seen.add(q.id)
            major, minor = (int(part) for part in q.id.split("."))
            if major != q.section or q.section not in section_ids:
                raise ValueError(f"question {q.id} is filed under section {q.section}")
            if (major, minor) <= last:
                raise ValueError(f"question {q.id} is out of order")
            last = (major, minor)
        empty = section_ids - {q.section for q in self.questions}
        if empty:
            raise ValueError(f"sections without questions: {sorted(empty)}")
        return self

    def section(self, section_id: int) -> Section:
        return self.sections[section_id - 1]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def applies(self, question: Question, technology: bool) -> bool:
        """Whether a question is asked for a partner of this kind."""
        if technology:
            return True
        return not (question.technology_only or self.section(question.section).technology_only)

    def applicable(self, technology: bool) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if self.applies(q, technology))

    def sections_asked(self, technology: bool) -> tuple[Section, ...]:
        """The sections with at least one question asked of a partner of this kind."""
        live = {q.section for q in self.applicable(technology)}
        return tuple(s for s in self.sections if s.id in live)

    def default_weights(self) -> dict[int, float]:
        return {s.id: s.weight for s in self.sections}
