"""No process outlives `python -m viewer` or a program that used the viewer (issue #13).

Each command runs under a small watcher process that makes itself the "child subreaper"
(Linux `prctl(PR_SET_CHILD_SUBREAPER)`): a process that outlives the command is handed to the
watcher instead of to init, so it is seen for sure - as a zombie if it ended right after the
command, alive if it did not - however fast the system's init reaps orphans.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the watcher uses Linux's child subreaper"
)

WATCHER = r"""
import ctypes, json, os, signal, subprocess, sys, time

PR_SET_CHILD_SUBREAPER = 36
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
    sys.exit("prctl failed")
with open(sys.argv[1], "wb") as out, open(sys.argv[2], "wb") as err:
    command = subprocess.Popen(sys.argv[3:], stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    code = command.wait()
me = str(os.getpid())
left = []
for pid in os.listdir("/proc"):
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmdline = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        continue
    state, ppid = stat[stat.rindex(")") + 2:].split()[:2]
    if ppid == me:  # adopted: it outlived its parent, the command or one of its children
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        left.append({"pid": int(pid), "state": state, "comm": comm, "cmdline": cmdline})
for process in left:  # leave nothing behind ourselves
    try:
        os.kill(process["pid"], signal.SIGKILL)
        os.waitpid(process["pid"], 0)
    except (ProcessLookupError, ChildProcessError):
        pass
print(json.dumps({"code": code, "left": left}))
"""


def run_watched(tmp_path: Path, *command: str) -> tuple[int, list[dict[str, object]], str]:
    """Run `command`; its exit code, the processes that outlived it, and its stderr."""
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    watcher = subprocess.run(
        [sys.executable, "-c", WATCHER, str(out), str(err), *command],
        cwd=ROOT, capture_output=True, text=True, timeout=180, check=True,
    )  # fmt: skip
    report = json.loads(watcher.stdout)
    return int(report["code"]), list(report["left"]), err.read_text(errors="replace")


@pytest.mark.parametrize(
    "name", ["pdf/pdflatex-4-pages.pdf", "docx/having-images.docx", "images/smile.png"]
)
def test_render_command_leaves_no_process_behind(corpus: Path, tmp_path: Path, name: str) -> None:
    png = tmp_path / "page.png"
    code, left, stderr = run_watched(
        tmp_path, sys.executable, "-m", "viewer", "render", str(corpus / name),
        "--page", "1", "--dpi", "50", "--out", str(png),
    )  # fmt: skip
    assert code == 0, stderr
    assert png.read_bytes().startswith(b"\x89PNG")  # rendered by a worker process
    assert left == [], f"outlived `python -m viewer render`: {left}"


def test_failing_command_leaves_no_process_behind(corpus: Path, tmp_path: Path) -> None:
    code, left, stderr = run_watched(
        tmp_path, sys.executable, "-m", "viewer", "render",
        str(corpus / "pdf/minimal-document.pdf"), "--page", "9", "--out", str(tmp_path / "x"),
    )  # fmt: skip
    assert code == 1 and stderr.startswith("viewer: ")
    assert left == [], f"outlived `python -m viewer render`: {left}"


# The desktop client's way to use the viewer: the widget renders in threads of its own
# process, the search index extracts text through `viewer.isolated`'s shared pool, which
# nobody closes; the window's close calls the widget's `shutdown`.
PROGRAM = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from viewer import isolated
from viewer.widget import DocumentView

app = QApplication([])
view = DocumentView()
view.resize(600, 500)
view.show()
state = {}

def loaded(pages):
    state["pages"] = pages
    state["text"] = isolated.extract_text(open(sys.argv[1], "rb").read(), filename="a.pdf")
    QTimer.singleShot(200, app.quit)

view.documentLoaded.connect(loaded)
view.loadFailed.connect(lambda code, message: app.exit(3))
view.load_path(sys.argv[1])
QTimer.singleShot(60_000, lambda: app.exit(4))
code = app.exec()
view.shutdown()
print(state.get("pages"), len(state.get("text", "")))
sys.exit(code)
"""


def test_widget_program_leaves_no_process_behind(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("PySide6")
    code, left, stderr = run_watched(
        tmp_path, sys.executable, "-c", PROGRAM, str(corpus / "pdf/pdflatex-4-pages.pdf")
    )
    assert code == 0, stderr
    pages, chars = (tmp_path / "stdout.txt").read_text().split()
    assert pages == "4" and int(chars) > 100
    assert left == [], f"outlived a program using the viewer widget: {left}"
