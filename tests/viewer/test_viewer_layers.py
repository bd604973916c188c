"""The viewer core never loads Qt; only `viewer.widget` may."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_core_imports_no_qt() -> None:
    code = (
        "import sys, viewer, viewer.isolated, viewer.cli, viewer._docx, viewer._email, "
        "viewer._sheet, viewer._text\n"
        "loaded = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
