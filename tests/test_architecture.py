"""The house holds its shape: no module-level import cycle, layers import downwards only,
no file past 800 lines, and no public module shadowed by a function of the same name.

The graph is read from the source (``ast``), not by importing, so a test run cannot be
fooled by a module that happens to be imported already. Only imports that run when a
module is imported count: those at module level, outside ``if TYPE_CHECKING:``. Imports
inside functions are the declared way to bind late (``cchc._display``, optional extras).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import cchc

SOURCE = Path(cchc.__file__).parent

# Low to high. A module may import modules of its own layer or a lower one. The first
# prefix that matches a module's dotted name decides its layer.
LAYERS: tuple[tuple[str, ...], ...] = (
    # 0: foundations with no knowledge of the domain
    ("cchc._version", "cchc.errors", "cchc._exact", "cchc._text", "cchc.limits"),
    # 1: the model, flat; the expression language; loading forms (data, no behaviour)
    (
        "cchc.units",
        "cchc.codes",
        "cchc.periods",
        "cchc.model",
        "cchc.values",
        "cchc.reports",
        "cchc.findings",
        "cchc.expressions",
        "cchc._lexer",
        "cchc.forms",
        "cchc.versions",
        "cchc.reporter_names",
        "cchc.register",
        "cchc._display",
        "cchc.examples",
    ),
    # 2: the engine: rules and ratios
    ("cchc.rules", "cchc.ratio"),
    # 3: what is built on the engine: roll-ups, comparison, formatting, files, renderings
    (
        "cchc.aggregation",
        "cchc.comparison",
        "cchc.formatting",
        "cchc.io",
        "cchc.render",
        "cchc.tables",
        "cchc.batch",
    ),
    # 4: whole jobs over many reports, and test data
    (
        "cchc.round",
        "cchc.strategies",
        "cchc.schemas",
    ),
    # 5: the edges people type at; "cchc" is the front door itself, not a prefix
    (
        "cchc.cli",
        "cchc._cli_json",
        "cchc._cli_summary",
        "cchc._cli_words",
        "cchc.__main__",
        "cchc._inputs",
        "cchc._cli_many",
        "cchc",
    ),
)


def _module_names() -> list[str]:
    names = ["cchc"]
    for info in pkgutil.walk_packages([str(SOURCE)], prefix="cchc."):
        names.append(info.name)
    return sorted(names)


def _path_of(name: str) -> Path:
    parts = name.split(".")[1:]
    package = SOURCE.joinpath(*parts)
    if package.is_dir():
        return package / "__init__.py"
    return SOURCE.joinpath(*parts[:-1], parts[-1] + ".py") if parts else SOURCE / "__init__.py"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _top_level_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop(0)
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            pending.extend(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                pending.extend(handler.body)


def _imports_of(name: str, known: set[str]) -> set[str]:
    path = _path_of(name)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in _top_level_imports(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            # `from cchc import io` imports the submodule `cchc.io`; `from cchc import check`
            # imports the package itself.
            submodules = [f"{module}.{alias.name}" for alias in node.names]
            targets = [target for target in submodules if target in known]
            if len(targets) < len(submodules):
                targets.append(module)
        found.update(target for target in targets if target in known and target != name)
    return found


def _graph() -> dict[str, set[str]]:
    names = _module_names()
    known = set(names)
    return {name: _imports_of(name, known) for name in names}


def _layer_of(name: str) -> int:
    best: tuple[int, int] | None = None  # (prefix length, layer): the longest prefix wins
    for layer, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            matches = name == prefix or (prefix != "cchc" and name.startswith(prefix + "."))
            if matches and (best is None or len(prefix) > best[0]):
                best = (len(prefix), layer)
    if best is None:
        pytest.fail(f"{name} is in no layer: add it to LAYERS in {__file__}")
    return best[1]


def test_no_module_level_import_cycle() -> None:
    graph = _graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target) :], target]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_layers_import_downwards_only() -> None:
    upward = [
        f"{name} (layer {_layer_of(name)}) imports {target} (layer {_layer_of(target)})"
        for name, targets in _graph().items()
        for target in sorted(targets)
        if _layer_of(target) > _layer_of(name) and not name.startswith(target + ".")
    ]
    assert upward == []


def test_no_file_over_800_lines() -> None:
    long_files = {
        str(path.relative_to(SOURCE)): count
        for path in SOURCE.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 800
    }
    assert long_files == {}


def test_no_public_module_is_shadowed_by_a_function() -> None:
    shadowed = []
    for name in _module_names():
        parent, _, leaf = name.rpartition(".")
        if not parent or leaf.startswith("_"):
            continue
        module = importlib.import_module(name)
        attribute = getattr(importlib.import_module(parent), leaf, module)
        if attribute is not module:
            shadowed.append(name)
    assert shadowed == []
