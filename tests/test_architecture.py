"""The package's shape, checked from its source: layers, no cycles, a thin CLI (issue 16).

Every `import est_cli…` is read with `ast`. A module may import only from its own layer's
package or from lower layers; imports under `if TYPE_CHECKING:` count too (a hint that runs
back up is still a dependency that runs back up).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "est_cli"

# Lowest first. cli/ sits on top; reports/ compose documents from the layers below; load,
# aggregate and render do one step each; models, errors and periods are the vocabulary.
LAYERS = [
    {"est_cli", "errors", "periods", "models"},
    {"cache"},
    {"load"},
    {"aggregate"},
    {"render"},
    {"reports", "check", "scaffold", "schema", "sources"},
    {"cli", "__main__"},
]
RANK = {part: i for i, layer in enumerate(LAYERS) for part in layer}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def part_of(module: str) -> str:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "est_cli"


def _type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def imports(path: Path) -> Iterator[tuple[ast.stmt, str, str]]:
    """(statement, imported module, where: 'top', 'typing' or 'function') for each import."""

    def visit(body: list[ast.stmt], where: str) -> Iterator[tuple[ast.stmt, str, str]]:
        for node in body:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield node, alias.name, where
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield node, node.module, where
            elif isinstance(node, ast.If):
                yield from visit(node.body, "typing" if _type_checking(node) else where)
                yield from visit(node.orelse, where)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield from visit(node.body, "function")
            elif isinstance(node, ast.ClassDef | ast.With | ast.Try):
                for field in ("body", "orelse", "finalbody"):
                    yield from visit(getattr(node, field, []), where)
                for handler in getattr(node, "handlers", []):
                    yield from visit(handler.body, where)

    yield from visit(ast.parse(path.read_text(encoding="utf-8")).body, "top")


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_part_of_the_package_has_a_layer() -> None:
    assert {part_of(m) for m in MODULES} <= set(RANK)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_runs_back_up(module: str) -> None:
    upward = [
        f"line {node.lineno}: {target}"
        for node, target, _ in imports(MODULES[module])
        if target.startswith("est_cli") and RANK[part_of(target)] > RANK[part_of(module)]
    ]
    assert not upward, f"{module} imports from a higher layer: {upward}"


def test_no_cycles_between_modules() -> None:
    graph = {
        m: {t for _, t, where in imports(p) if t in MODULES and t != m and where != "typing"}
        for m, p in MODULES.items()
    }
    state: dict[str, str] = {}
    path: list[str] = []

    def walk(m: str) -> None:
        state[m] = "open"
        path.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == "open":
                raise AssertionError("import cycle: " + " → ".join([*path[path.index(n) :], n]))
            if n not in state:
                walk(n)
        path.pop()
        state[m] = "done"

    for m in sorted(graph):
        if m not in state:
            walk(m)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if part_of(m) != "cli"))
def test_the_core_imports_neither_typer_nor_rich(module: str) -> None:
    found = [
        t for _, t, _ in imports(MODULES[module]) if t.split(".")[0] in ("typer", "rich", "click")
    ]
    assert not found, f"{module} imports {found}: only est_cli/cli/ talks to the terminal"


def test_the_checker_sees_what_it_should() -> None:
    """The walker finds an upward import hidden in a function and under TYPE_CHECKING."""
    weekly = {(t, w) for _, t, w in imports(MODULES["est_cli.cli.week"])}
    assert ("est_cli.reports.weekly", "function") in weekly
    common = {(t, w) for _, t, w in imports(MODULES["est_cli.cli.common"])}
    assert ("est_cli.load.workspace", "typing") in common


# The deferred imports below cli/: a chart found in the cache is used as it is, so a warm
# weekly build never loads matplotlib (a second or more of start-up on a small machine); and
# WeasyPrint (seconds to import) loads only when a PDF is asked for.
DEFERRED = {
    ("est_cli.render.charts", "est_cli.render.drawing"),
    ("est_cli.render.charts", "est_cli.render.maps"),
    ("est_cli.render.document", "est_cli.render.pdf"),
}


@pytest.mark.parametrize("module", sorted(m for m in MODULES if part_of(m) != "cli"))
def test_the_core_imports_at_the_top(module: str) -> None:
    inside = [
        f"line {node.lineno}: {target}"
        for node, target, where in imports(MODULES[module])
        if where == "function" and (module, target) not in DEFERRED
    ]
    assert not inside, f"{module} imports inside functions (only cli/ defers imports): {inside}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_about_400_lines(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= 420, f"{module} has {lines} lines; split it by what it holds"
