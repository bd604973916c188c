"""The layers of DESIGN.md: the engine, the viewer core and the server never load Qt."""

from __future__ import annotations

import subprocess
import sys

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
