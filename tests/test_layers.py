"""The layers of DESIGN.md: the engine, the viewer core and the server never load Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

CHECK = """
import importlib, pkgutil, sys

def walk(package):
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        if info.name.startswith(("viewer.widget", "server_stub.migrations")) or \\
                info.name.endswith("__main__"):
            continue  # the widget is the Qt part; skipped before anything of it is imported
        module = importlib.import_module(info.name)
        if info.ispkg:
            walk(module)

walk(importlib.import_module({name!r}))
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {forbidden!r})
print(",".join(loaded))
"""

@pytest.mark.parametrize(("package", "forbidden"), [
    ("sync", ["PySide6", "server_stub", "app"]),
    ("viewer", ["PySide6", "server_stub", "app", "sync"]),
    ("server_stub", ["PySide6", "app", "sync"]),
])
def test_package_never_loads_forbidden_modules(package: str, forbidden: list[str]) -> None:
    result = subprocess.run([sys.executable, "-c", CHECK.format(name=package,
                                                                forbidden=set(forbidden))],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{package} loaded {result.stdout.strip()}"


def _sync_imports(tree: ast.AST) -> list[tuple[int, str]]:
    """Every import of the ``sync`` package in ``tree`` (also inside functions), as
    (line, the statement's head: ``from sync.api``, ``import sync.engine``, ...)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, f"import {alias.name}") for alias in node.names
                      if alias.name.split(".")[0] == "sync"]
        elif (isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
              and node.module.split(".")[0] == "sync"):
            found.append((node.lineno, f"from {node.module}"))
    return found


def test_app_sees_sync_only_through_its_api() -> None:
    """``app/`` uses nothing of the engine but its public face: every import of ``sync`` in
    it is ``from sync.api import ...``."""
    app_files = sorted((ROOT / "app").rglob("*.py"))
    assert app_files
    wrong = [f"{path.relative_to(ROOT)}:{line}: {head}"
             for path in app_files
             for line, head in _sync_imports(ast.parse(path.read_text("utf-8")))
             if head != "from sync.api"]
    assert wrong == [], "app/ imports sync other than sync.api:\n" + "\n".join(wrong)


#: The server core: all of it but the demo data, the command line (whose ``demo`` command is
#: the one way into the demo data) and the migrations.
CORE_CHECK = """
import importlib, pkgutil, sys

import server_stub

OUTSIDE_CORE = ("server_stub.demo", "server_stub.cli", "server_stub.__main__",
                "server_stub.migrations")

def walk(package):
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        if info.name.startswith(OUTSIDE_CORE):
            continue
        module = importlib.import_module(info.name)
        if info.ispkg:
            walk(module)

walk(server_stub)
print(",".join(sorted(m for m in sys.modules if m.startswith("server_stub."))))
"""


def test_server_core_never_loads_the_demo_data() -> None:
    result = subprocess.run([sys.executable, "-c", CORE_CHECK], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.strip().split(",")
    assert "server_stub.app" in loaded  # the walk reached the core
    assert [m for m in loaded if m.split(".")[:2] == ["server_stub", "demo"]] == []


def _imported_modules(module: str, path: Path, known: set[str]) -> set[str]:
    """The package's own modules that ``module`` imports anywhere in its text: at the top,
    inside functions and under ``TYPE_CHECKING`` alike."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            found.update([target, *(f"{target}.{alias.name}" for alias in node.names)])
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return (found & known) - {module}


def _import_cycles(package: str) -> list[list[str]]:
    modules = {}
    for path in (ROOT / package).rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {name: _imported_modules(name, path, set(modules)) for name, path in modules.items()}
    cycles: list[list[str]] = []
    for start in sorted(graph):  # a module that can reach itself is on a cycle
        reached = _reach(graph, start)
        if start in reached and not any(start in cycle for cycle in cycles):
            cycles.append(sorted(name for name in reached if start in _reach(graph, name)))
    return cycles


def _reach(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), list(graph[start])
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(graph[current])
    return seen


@pytest.mark.parametrize("package", ["app", "sync", "viewer", "server_stub"])
def test_modules_import_each_other_one_way(package: str) -> None:
    """No import circle inside a package, not even one broken at run time by an import
    inside a function or under ``TYPE_CHECKING``: the controllers of ``app/actions/`` see
    the window as a ``Workbench``, the server's JSON shaping has a module of its own."""
    assert _import_cycles(package) == []
