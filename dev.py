#!/usr/bin/env python3
"""Developer entry point: ``python3 dev.py run`` and ``python3 dev.py test``.

Works on a fresh clone with nothing but Python 3.11+: the first call creates ``.venv`` and
installs the project with all extras into it; later calls reinstall only when
``pyproject.toml`` changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
MARKER = VENV / ".dossier-installed"


def ensure_environment() -> None:
    """Create the virtual environment and install the project when needed."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if MARKER.exists() and MARKER.read_text().strip() == wanted:
        return
    if not PYTHON.exists():
        print("dev.py: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("dev.py: installing Dossier and its dependencies into .venv", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[server,client,dev]"], check=True)
    MARKER.write_text(wanted)


def build_translations() -> None:
    """Compile the Qt Linguist sources to .qm when a .ts is newer than its .qm."""
    folder = ROOT / "resources" / "translations"
    stale = [ts for ts in folder.glob("*.ts")
             if not ts.with_suffix(".qm").exists()
             or ts.with_suffix(".qm").stat().st_mtime < ts.stat().st_mtime]
    if stale:
        subprocess.run([str(PYTHON), "-m", "app.infra.i18n", "build"], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)


def run_app(args: list[str]) -> int:
    return subprocess.call([str(PYTHON), "-m", "app", *args])


def run_tests(args: list[str]) -> int:
    steps = [
        [str(PYTHON), "-m", "ruff", "check", "."],
        [str(PYTHON), "-m", "mypy"],
        [str(PYTHON), "-m", "pytest", *args],
    ]
    for step in steps:
        print("dev.py:", " ".join(Path(step[0]).name if i == 0 else s for i, s in enumerate(step)),
              flush=True)
        code = subprocess.call(step, cwd=ROOT)
        if code != 0:
            return code
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test"}:
        print("usage: python3 dev.py run [ARGS...] | test [PYTEST ARGS...]", file=sys.stderr)
        return 2
    ensure_environment()
    build_translations()
    command, rest = argv[0], argv[1:]
    return run_app(rest) if command == "run" else run_tests(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
