"""Kill -9: a real client process dies at every point between a request and a local commit.

The client (``crash_client.py``, a separate Python process) checks out a fresh customer file,
works offline and checks in; ``DOSSIER_FAULT`` makes it SIGKILL itself at one named point
(``name:N``: the N-th time). The same replica is then opened again by a fresh process that
finishes the session. The server must end exactly as after an undisturbed session: every edit
there once, no document or version twice, the check-out released, the replica clean.
"""

from __future__ import annotations

import itertools
import json
import os
import queue
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from . import crash_client as script
from .conftest import PASSWORD, LiveServer
from .helpers import (
    CONTRACT_CONTENT,
    INVOICE_CONTENT,
    SeededFile,
    document_status,
    seeded_file,
    server_view,
)

CLIENT = Path(script.__file__)

#: Every point the session passes, most of them more than once (``:N``).
KILL_POINTS = [
    # check-out: the server's answer, the replica's commit, the downloads, working copies
    "engine.checkout.after_request",
    "engine.checkout.before_commit",
    "engine.checkout.after_commit",
    "transfer.download.start",
    "transfer.download.chunk",
    "transfer.batch.before_flush",
    "transfer.batch.after_flush",
    "transfer.download.before_replace",
    "transfer.download.after_replace",
    "engine.checkout.after_download",
    "outbox.copy_out.before_replace",
    "engine.materialise.after_copy",
    "engine.checkout.after_materialise",
    # offline actions: content into the cache, each action's transaction
    "outbox.ingest.before_replace",
    "outbox.ingest.after_replace",
    "outbox.add_document.before_commit",
    "outbox.add_document.after_commit",
    "outbox.add_document.before_commit:2",
    "outbox.add_document.after_commit:2",
    "outbox.set_index.before_commit",
    "outbox.set_index.after_commit",
    "outbox.set_index.after_commit:2",
    "outbox.new_version.before_commit",
    "outbox.new_version.after_commit",
    "outbox.new_version.after_commit:2",
    "outbox.delete_document.before_commit",
    "outbox.delete_document.after_commit",
    "outbox.update_cover.before_commit",
    "outbox.update_cover.after_commit",
    # the check-in rounds: uploads, the request, the results' commit, merges
    "push.round.read",
    "transfer.upload.before",
    "transfer.upload.after",
    "push.after_upload:2",
    "push.before_checkin",
    "push.after_checkin",
    "push.apply.applied",
    "push.apply.after_fetch",
    "push.apply.conflict",
    "push.requeue",
    "push.results.before_commit",
    "push.results.after_commit",
    "push.before_checkin:2",
    "push.after_checkin:2",
    "push.results.before_commit:2",
    "push.after_checkin:3",
    "push.results.after_commit:3",
    # the pull after the push, and the release
    "engine.sync.after_push",
    "pull.after_feed_page",
    "pull.after_fetch_document",
    "pull.before_apply",
    "pull.before_commit",
    "pull.after_commit",
    "pull.after_download",
    "engine.sync.after_pull",
    "engine.checkin.before_release",
    "engine.checkin.after_release",
    "engine.checkin.after_commit",
]


WORKERS = 3  # client pairs at a time (each a killed run, then a resumed one)


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def _env(fault: str | None = None, trace: Path | None = None,
         colleague_token: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_")}
    env["DOSSIER_PASSWORD"] = PASSWORD
    if fault:
        env["DOSSIER_FAULT"] = fault
    if trace:
        env["DOSSIER_FAULT_TRACE"] = str(trace)
    if colleague_token:
        env["DOSSIER_COLLEAGUE_TOKEN"] = colleague_token
    return env


def _argv(mode: str, live: LiveServer, home: Path, seeded: SeededFile) -> list[str]:
    return [mode, live.url, str(home), seeded.key, seeded.invoice["id"], seeded.note["id"]]


def fresh_process(mode: str, live: LiveServer, home: Path, seeded: SeededFile, *,
                  fault: str | None = None, trace: Path | None = None) -> Run:
    """The client in a new interpreter, exactly as a user starts it."""
    done = subprocess.run([sys.executable, str(CLIENT), *_argv(mode, live, home, seeded)],
                          env=_env(fault, trace), capture_output=True, text=True,
                          timeout=120, check=False)
    return Run(done.returncode, done.stdout, done.stderr)


class Zygote:
    """A client process that has done its imports and forks one child per run (saves a
    second per run; the children are real processes like any other)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, str(CLIENT), "zygote"], env=_env(),
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True)
        self._runs = itertools.count()

    def run(self, argv: list[str], env: dict[str, str], folder: Path) -> Run:
        number = next(self._runs)
        out, err = folder / f"stdout-{number}.txt", folder / f"stderr-{number}.txt"
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"argv": argv, "env": env, "stdout": str(out),
                                             "stderr": str(err)}) + "\n")
        self.process.stdin.flush()
        started = self.process.stdout.readline()  # {"pid": ...}
        answer = self.process.stdout.readline()
        assert started and answer, "the zygote died"
        return Run(int(json.loads(answer)["returncode"]), out.read_text(encoding="utf-8"),
                   err.read_text(encoding="utf-8"))

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


@dataclass
class Outcome:
    seeded: SeededFile
    killed: Run
    resumed: Run


def _kill_and_resume(live: LiveServer, zygote: Zygote, folder: Path, point: str,
                     colleague_token: str) -> Outcome:
    seeded = seeded_file(live, "K-CRASH")
    home = folder / "home"
    home.mkdir(parents=True)
    killed = zygote.run(_argv("run", live, home, seeded),
                        _env(point, colleague_token=colleague_token), folder)
    resumed = zygote.run(_argv("resume", live, home, seeded),
                         _env(colleague_token=colleague_token), folder)
    return Outcome(seeded, killed, resumed)


@pytest.fixture(scope="module")
def kill_outcomes(request: pytest.FixtureRequest, module_server: LiveServer,
                  tmp_path_factory: pytest.TempPathFactory,
                  ) -> Iterator[dict[str, Outcome | BaseException]]:
    """Every selected kill point played, ``WORKERS`` at a time, before the first verdict."""
    points = [str(item.callspec.params["point"]) for item in request.session.items
              if isinstance(item, pytest.Function)
              and item.originalname == "test_kill_9_then_restart_converges"]
    root = tmp_path_factory.mktemp("kills")
    bob = module_server.client("bob")
    token = str(bob.headers["Authorization"]).removeprefix("Bearer ")
    zygotes: queue.Queue[Zygote] = queue.Queue()
    for _ in range(WORKERS):
        zygotes.put(Zygote())

    def play(index: int, point: str) -> Outcome:
        zygote = zygotes.get()
        try:
            return _kill_and_resume(module_server, zygote, root / f"{index:02d}", point, token)
        finally:
            zygotes.put(zygote)

    try:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            futures = {p: pool.submit(play, i, p) for i, p in enumerate(points)}
            outcomes: dict[str, Outcome | BaseException] = {}
            for point, future in futures.items():
                error = future.exception()
                outcomes[point] = error if error is not None else future.result()
            yield outcomes  # a failure of one point is that point's verdict only
    finally:
        bob.close()
        while not zygotes.empty():
            zygotes.get().close()


def _summary(run: Run) -> dict[str, Any]:
    assert run.returncode == 0, run.stderr[-3000:]
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


#: Known, not fixed here (engine.py belongs to another change): a kill after a working copy
#: is written but before ``materialise`` commits its ``working_sha`` leaves the copy looking
#: user-edited, so it is never refreshed to the newer version made afterwards.


def assert_end_state(live: LiveServer, seeded: SeededFile, summary: dict[str, Any],
                     point: str = "") -> None:
    """The server and the replica as after an undisturbed session."""
    view = server_view(live, seeded.id)
    titles = Counter(d["title"] for d in view.documents)
    assert titles == Counter({"Factura 1": 1, "Contrato marco": 1, script.ORDER_TITLE: 1,
                              script.LETTER_TITLE: 1}), \
        f"documents on the server: {dict(titles)}"
    ids = summary["ids"]
    invoice = view.by_title("Factura 1")[0]
    order = view.by_title(script.ORDER_TITLE)[0]
    letter = view.by_title(script.LETTER_TITLE)[0]
    assert order["id"] == ids["order"] and letter["id"] == ids["letter"]
    assert view.shas(invoice["id"]) == [script.sha(INVOICE_CONTENT),
                                        script.sha(script.CONTENT["invoice-2"])]
    contract = view.by_title("Contrato marco")[0]
    assert contract["etag"] == seeded.contract["etag"]  # untouched
    assert view.shas(contract["id"]) == [script.sha(CONTRACT_CONTENT)]
    assert view.shas(order["id"]) == [script.sha(script.CONTENT["order"])]
    assert view.shas(letter["id"]) == [script.sha(script.CONTENT["letter-1"]),
                                       script.sha(script.CONTENT["letter-2"])]
    assert invoice["index"]["paid"] is True  # mine
    assert invoice["index"]["due_date"] == script.INVOICE_THEIRS["due_date"]  # the colleague's
    assert invoice["index"]["number"] == "F-1"
    for name, value in {**script.ORDER_INDEX, **script.ORDER_MORE}.items():
        assert str(order["index"][name]) == value, (name, order["index"])
    for name, value in script.LETTER_INDEX.items():
        assert letter["index"][name] == value
    assert document_status(live, seeded.note["id"]) == 404  # the note is deleted
    cover = view.file["cover"]
    assert {k: cover.get(k) for k in script.COVER} == script.COVER
    assert cover["name"] == f"Cliente {seeded.key}"
    # the replica: nothing pending, nothing held, checked in, every content present
    assert summary["pending"] == 0 and summary["conflicts"] == [] and summary["reports"] == []
    assert summary["checked_out"] is False
    assert summary["missing_content"] == []
    assert summary["bad_working_copies"] == [] and summary["stray_files"] == []
    assert summary["stale_working_copies"] == []
    assert summary["documents"] == sorted(["Factura 1", "Contrato marco", script.ORDER_TITLE,
                                           script.LETTER_TITLE])
    assert summary["cover"] is not None and summary["cover"]["city"] == script.COVER["city"]


@pytest.mark.parametrize(("fault", "killed"), [
    (None, False), ("a", True), ("a:2", True), ("a:3", False), ("b", False), ("a:x", True)])
def test_fault_hook_kills_at_the_nth_passage(tmp_path: Path, fault: str | None,
                                             killed: bool) -> None:
    code = ("from sync.faults import checkpoint\n"
            "checkpoint('a'); checkpoint('c'); checkpoint('a'); print('alive')")
    trace = tmp_path / "trace.txt"
    done = subprocess.run([sys.executable, "-c", code], env=_env(fault, trace),
                          cwd=CLIENT.parents[2], capture_output=True, text=True, timeout=60,
                          check=False)
    if killed:
        assert done.returncode == -signal.SIGKILL and done.stdout == ""
    else:
        assert done.returncode == 0 and done.stdout.strip() == "alive", done.stderr
        assert trace.read_text(encoding="utf-8").split() == ["a", "c", "a"]


def test_undisturbed_session_passes_every_kill_point(module_server: LiveServer,
                                                      tmp_path: Path) -> None:
    seeded = seeded_file(module_server, "K-CRASH")
    trace = tmp_path / "trace.txt"
    first = fresh_process("run", module_server, tmp_path / "home", seeded, trace=trace)
    assert first.returncode == 0, first.stderr[-3000:]
    reached = Counter(trace.read_text(encoding="utf-8").split())
    for point in KILL_POINTS:
        name, _, nth = point.partition(":")
        assert reached[name] >= int(nth or 1), f"{point} is never reached ({reached[name]}x)"
    assert len({p.partition(":")[0] for p in KILL_POINTS}) >= 30
    assert_end_state(module_server, seeded,
                     _summary(fresh_process("resume", module_server, tmp_path / "home",
                                            seeded)))


def test_kill_9_of_a_fresh_interpreter_mid_check_in(module_server: LiveServer,
                                                    tmp_path: Path) -> None:
    """The same as below without the zygote: a plain ``python crash_client.py`` killed."""
    seeded = seeded_file(module_server, "K-CRASH")
    killed = fresh_process("run", module_server, tmp_path / "home", seeded,
                           fault="push.after_checkin:2")
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert_end_state(module_server, seeded,
                     _summary(fresh_process("resume", module_server, tmp_path / "home",
                                            seeded)))


@pytest.mark.parametrize("point", KILL_POINTS)
def test_kill_9_then_restart_converges(module_server: LiveServer,
                                       kill_outcomes: dict[str, Outcome | BaseException],
                                       point: str) -> None:
    outcome = kill_outcomes[point]
    if isinstance(outcome, BaseException):
        raise outcome
    killed = outcome.killed
    assert killed.returncode == -signal.SIGKILL, (
        f"not killed at {point} (exit {killed.returncode}): {killed.stderr[-2000:]}")
    assert_end_state(module_server, outcome.seeded, _summary(outcome.resumed), point)
