"""The suite's own layout: no test module leans on another, and the tiers stay apart."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

TESTS = Path(__file__).parent
ROOT = TESTS.parent
EMULATED = {("tests", "botapi"), ("tests", "e2e")}
"""The emulator and the end-to-end tier: only these two folders may import them."""


def modules() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts)


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of everything a module imports, anywhere in it; relative imports
    made absolute, and `from a import b` giving both `a` and `a.b`."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            parts = list(package[: len(package) - node.level + 1]) if node.level else []
            base = ".".join([*parts, node.module] if node.module else parts)
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def test_no_test_module_imports_another_or_a_conftest() -> None:
    found = {(where(path, line), name) for path in modules() for line, name in imports(path)}
    assert any(name == "tests.e2e.harness.Running" for _, name in found)  # a blind walk fails
    leaning: dict[str, str] = {}
    for at, name in sorted(found):  # a module before the names taken from it
        if any(part.startswith("test_") or part == "conftest" for part in name.split(".")):
            leaning.setdefault(at, name)
    assert leaning == {}


def test_only_the_end_to_end_tier_and_the_emulators_tests_use_the_emulator() -> None:
    """The other tiers need neither the emulator nor a bot polling it, and take seconds."""
    outside = [
        path for path in modules() if path.relative_to(TESTS).parts[0] not in {"botapi", "e2e"}
    ]
    assert TESTS / "data.py" in outside
    crossing: dict[str, str] = {}
    for path in outside:
        for line, name in sorted(imports(path)):
            if tuple(name.split(".")[:2]) in EMULATED:
                crossing.setdefault(where(path, line), name)
    assert crossing == {}
