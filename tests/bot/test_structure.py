"""The rooms stay rooms: what may import what, no cycles, and modules and functions of a size
a reader takes in at once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "questionnaire", "storage")
LONGEST_MODULE = 300
LONGEST_FUNCTION = 60


def modules() -> dict[str, ast.Module]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = ast.parse(path.read_text(), str(path))
    return found


MODULES = modules()


def imported(tree: ast.Module) -> set[str]:
    """Every module a module imports, anywhere in it (imports inside functions too)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def ours(name: str) -> str | None:
    """The project's module an import names (a `from package import module` included)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


GRAPH = {
    name: {m for i in imported(tree) if (m := ours(i)) and m != name}
    for name, tree in MODULES.items()
}


def test_the_pure_rooms_import_nothing_of_the_bot() -> None:
    for name, tree in MODULES.items():
        if name.startswith(("questionnaire", "storage")):
            assert not {i for i in imported(tree) if i.split(".")[0] == "bot"}, name


def test_use_cases_import_no_aiogram() -> None:
    for name, tree in MODULES.items():
        if name.startswith("bot.services"):
            assert not {i for i in imported(tree) if i.split(".")[0] == "aiogram"}, name


def test_rendering_does_no_io() -> None:
    """Render takes data and gives text: of the project, only data types and texts."""
    allowed = (
        "bot.render", "bot.services.model", "bot.services.names", "bot.telegram.callbacks",
        "bot.services.imports",  # what reading a sent list found: pure data and limits
        "questionnaire", "storage.models",
    )  # fmt: skip
    for name, tree in MODULES.items():
        if name.startswith("bot.render"):
            own = {m for i in imported(tree) if (m := ours(i)) and m != "bot.telegram"}
            assert all(m.startswith(allowed) for m in own), (name, own)
            assert not {i for i in imported(tree) if i.split(".")[0] in {"aiosqlite", "aiohttp"}}


WORKER_ONLY = ("bot.charts.render", "bot.charts.pdf", "bot.charts.page", "bot.charts.xlsx")
"""What only the drawing worker loads (matplotlib), inside bot.charts.draw's functions."""


def test_the_bot_process_does_not_import_matplotlib_outside_the_worker() -> None:
    for name, tree in MODULES.items():
        if name.startswith("bot") and name not in WORKER_ONLY:
            top = {i for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)
                   for i in imported(ast.Module([n], []))}  # fmt: skip
            assert not {i for i in top if i.startswith(WORKER_ONLY)}, name
            assert not {i for i in top if i.split(".")[0] == "matplotlib"}, name


def test_no_import_cycles() -> None:
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            cycle = [*path[path.index(name) :], name]
            pytest.fail("import cycle: " + " → ".join(cycle))
        if name in done:
            return
        for other in sorted(GRAPH[name]):
            visit(other, [*path, name])
        done.add(name)

    for name in sorted(GRAPH):
        visit(name, [])


def test_modules_and_functions_are_short() -> None:
    for name, tree in MODULES.items():
        lines = max((getattr(n, "end_lineno", 0) or 0 for n in ast.walk(tree)), default=0)
        assert lines <= LONGEST_MODULE, f"{name}: {lines} lines"
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= LONGEST_FUNCTION, f"{name}.{node.name}: {length} lines"
