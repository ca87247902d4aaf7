"""All wording the bot sends: locale files of short strings and jinja2 templates.

Strings under `[button]`, `[command]`, `[alert]`, `[label]` and `[sheet]` (the report's files) are
plain text, shown as they are.
Everything else is Telegram HTML, rendered with autoescape, so a partner called
`<b>Acme & "Co"</b>` is shown literally wherever it appears.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup

from bot.services.names import clip
from questionnaire.model import LANGS, Lang
from storage.models import User, Workspace

ROOT = Path(__file__).parent
PLAIN_SECTIONS = ("button", "command", "alert", "label", "sheet")


class TextsError(Exception):
    """A locale file is missing, unreadable, or out of step with the other language."""


def plural(n: int, *forms: str) -> str:
    """English takes (one, many); Russian (one, few, many): 1 вопрос, 2 вопроса, 5 вопросов."""
    if len(forms) == 2:
        return forms[0] if n == 1 else forms[1]
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def bar(value: float, width: int = 5) -> str:
    """A bar of `width` cells for a value on 0..100: ▰▰▰▱▱."""
    filled = max(0, min(width, int(value * width / 100 + 0.5)))
    return "▰" * filled + "▱" * (width - filled)


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        elif isinstance(value, str):
            flat[name] = value
        else:
            raise TextsError(f"{name}: expected text, got {type(value).__name__}")
    return flat


class Texts:
    """Loads every language once at start-up and compiles every string, so typos fail early."""

    def __init__(self, root: Path = ROOT) -> None:
        common: dict[str, Any] = {"trim_blocks": True, "lstrip_blocks": True}
        self.html = Environment(
            loader=FileSystemLoader(root / "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            **common,
        )
        self._plain = Environment(autoescape=False, undefined=StrictUndefined, **common)
        for env in (self.html, self._plain):
            env.filters.update(plural=plural, bar=bar, clip=clip)
        self._strings: dict[tuple[Lang, str], Template] = {}
        keys: dict[Lang, set[str]] = {}
        for lang in LANGS:
            path = root / "locales" / f"{lang}.toml"
            try:
                flat = _flatten(tomllib.loads(path.read_text(encoding="utf-8")))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise TextsError(f"cannot load {path}: {exc}") from exc
            keys[lang] = set(flat)
            for key, source in flat.items():
                env = self._plain if key.split(".")[0] in PLAIN_SECTIONS else self.html
                self._strings[lang, key] = env.from_string(source)
        missing = keys["ru"] ^ keys["en"]
        if missing:
            raise TextsError(f"keys present in one language only: {sorted(missing)}")
        for name in self.html.list_templates():  # compiled now, not on someone's first card
            self.html.get_template(name)

    def __call__(self, lang: Lang) -> T:
        return T(self, lang)

    def of_chat(self, workspace: Workspace | None, user: User) -> T:
        """The texts of what the bot says in a chat: in a group, the group's language, since
        everyone there reads the same posts, whoever acted; in a private chat, the person's."""
        if workspace is not None and workspace.kind == "group" and workspace.lang:
            return T(self, workspace.lang)
        return T(self, user.lang)

    def string(self, lang: Lang, key: str) -> Template:
        try:
            return self._strings[lang, key]
        except KeyError:
            raise TextsError(f"no text {key!r}") from None


class T:
    """The texts of one language. `t("key")` gives HTML, `t.plain("button.x")` plain text."""

    def __init__(self, texts: Texts, lang: Lang) -> None:
        self.texts = texts
        self.lang: Lang = lang

    def __call__(self, key: str, **params: Any) -> Markup:
        if key.split(".")[0] in PLAIN_SECTIONS:
            raise TextsError(f"{key!r} is plain text; use t.plain")
        return Markup(self.texts.string(self.lang, key).render(**params))

    def plain(self, key: str, **params: Any) -> str:
        if key.split(".")[0] not in PLAIN_SECTIONS:
            raise TextsError(f"{key!r} is HTML; use t(...)")
        return self.texts.string(self.lang, key).render(**params)

    def render(self, template: str, **params: Any) -> str:
        """A whole message from `templates/<template>`; `t` and `lang` are available in it."""
        page = self.texts.html.get_template(template)
        return page.render(t=self, lang=self.lang, **params).strip()
