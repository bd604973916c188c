"""Desktop client benchmarks of Dossier (issue 4 "Never freeze"), run on demand.

Run from the repository root::

    .venv/bin/python tests/benchmarks/bench_app.py [--runs N] [--only stall|startup]

1. **Event-loop stall while checking out and syncing a 2,000-document file** (goal ≤ 50 ms).
   ``python -m server_stub demo --customers 1 --documents-per-customer 2000`` seeds one realistic
   customer file (letters, e-mails, offers, orders, invoices, ... with their PDF/DOCX/EML
   contents) and ``python -m server_stub serve --port 0 --port-file --nice 5`` serves it on
   loopback (niced like the embedded server the desktop starts).
   In this process the real ``MainWindow`` signs in (``sync.api.connect``), the file is
   chosen in the navigator, the newest document selected; then the toolbar's *Check out…* is
   triggered (``CheckoutDialog.exec`` answers *Accepted* at once, everything else is the GUI's
   own code path, including the scheduled sync that starts with a check-out), a colleague
   (``maria``, over HTTP, with the meter paused) renames 100 documents and files 20 new ones,
   and the toolbar's *Sync* is triggered. A ``QTimer`` (precise, 5 ms) on the main thread
   records the gap between its ticks: the stall of a tick is its gap minus 5 ms; max and p99
   are over the ticks of the check-out and the sync. To explain stalls above the goal, every
   callback a worker delivers (``Task._deliver``) and the cockpit's reload steps are timed, a
   sampler thread records the stacks of the main thread (with its kernel state) and of the
   other threads whenever no tick came for 20 ms (``sys._current_frames``), and Python's
   garbage collections are timed (``gc.callbacks``); ``--bare`` turns all three off. Each run
   uses a fresh profile (new replica, shared check-out) against the same server, so the file
   grows by the colleague's 20 documents per run.
2. **Start to usable window with demo data** (goal ≤ 2 s). ``python -c DRIVER`` in a fresh
   process with a temporary ``HOME`` / ``XDG_*``: the driver runs ``app.__main__.main([])``
   exactly as ``python -m app`` does (the embedded server is launched before Qt loads) and
   puts an event filter on the ``QApplication`` when ``app.shell.gui`` makes it
   (no server in the profile: the embedded server, demo data seeded on the first run). Usable =
   window painted, signed in, and the navigator's list of customer files painted with the demo
   customers. *Cold* is a fresh data directory (seeding 60 demo customers included), *warm* the
   next start with the same directories. Times count from just before ``Popen``.

Progress goes to stderr; markdown tables to stdout. Medians of ``--runs`` runs (default 3).
No timing asserts: this reports, it does not judge CI.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server_proc import (
    PYTHON,
    ROOT,
    Subprocess,
    clean_env,
    log,
    percentile,
    start_server,
    verdict,
)

from sync.api import SERVER_NICENESS

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STALL_GOAL_MS = 50.0
START_GOAL_S = 2.0
TICK_MS = 5
SAMPLE_AFTER_S = 0.020  # the sampler looks at the main thread after 20 ms without a tick
DEMO = "demo"  # tenant, admin user and password of the demo data
COLLEAGUE = "maria"  # a clerk of the demo tenant (same password)


def isolated_env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """No Dossier settings of the caller; HOME and the XDG folders inside ``home``."""
    env: dict[str, str] = clean_env(extra)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CACHE_HOME=str(home / ".cache"), XDG_STATE_HOME=str(home / ".local" / "state"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


# 1. Stalls while checking out and syncing ----------------------------------------------------


class StallMeter:
    """A precise ``QTimer`` on the main thread; ``ticks`` holds (start, end) of each gap."""

    def __init__(self, interval_ms: int = TICK_MS) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.interval = interval_ms / 1000
        self.ticks: list[tuple[float, float]] = []
        self.last: float | None = None
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.last is not None:
            self.ticks.append((self.last, now))
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self._timer.start()

    def pause(self) -> None:
        self._timer.stop()
        self.last = None

    def stalls(self, begin: float, end: float) -> list[tuple[float, float]]:
        """(gap end, stall in s) of the ticks that ended within [begin, end]."""
        return [(b, max(0.0, (b - a) - self.interval)) for a, b in self.ticks if begin <= b <= end]


IDLE_LOOP = "(no Python on the main thread: Qt's own C++ work, or waiting for the GIL)"


@dataclass
class Sample:
    at: float
    weight: float  # seconds this sample stands for
    main: tuple[str, ...]  # the main thread's stack (see ``project_stack``)
    main_state: str  # the kernel's state of the main thread: R running, S sleeping
    others: list[tuple[str, tuple[str, ...]]]  # (thread name, stack) of the other threads


class StallSampler(threading.Thread):
    """While no tick came for ``SAMPLE_AFTER_S``, records every ``period`` the main thread's
    stack and kernel state and the stacks of the other threads (the workers)."""

    def __init__(self, meter: StallMeter, period: float = 0.002) -> None:
        super().__init__(daemon=True, name="stall-sampler")
        self.meter = meter
        main = threading.main_thread()
        self.main_ident = main.ident
        self.main_stat = Path(f"/proc/self/task/{main.native_id}/stat")
        self.period = period
        self.samples: list[Sample] = []
        self._halt = threading.Event()

    def run(self) -> None:
        previous = time.perf_counter()
        while not self._halt.wait(self.period):
            now = time.perf_counter()
            last = self.meter.last
            if last is not None and now - last > SAMPLE_AFTER_S:
                self._sample(now, min(now - previous, 0.02))
            previous = now

    def _sample(self, now: float, weight: float) -> None:
        try:
            state = self.main_stat.read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            state = "?"
        frames = sys._current_frames()
        main = frames.pop(self.main_ident or 0, None)
        frames.pop(threading.get_ident(), None)
        names = {t.ident: t.name for t in threading.enumerate()}
        others = [(names.get(ident, str(ident)), project_stack(frame))
                  for ident, frame in frames.items()]
        self.samples.append(Sample(now, weight, project_stack(main) if main else (), state,
                                   [(n, st) for n, st in others if st and st[0] != IDLE]))

    def stop(self) -> None:
        self._halt.set()
        self.join()


class GcWatch:
    """Times Python's cyclic garbage collections, in whichever thread they run: a collection
    holds the GIL, so the main thread cannot run Python meanwhile."""

    def __init__(self) -> None:
        self.pauses: list[tuple[float, float, int, str]] = []  # (start, s, generation, thread)
        self._started: dict[int, float] = {}

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        now = time.perf_counter()
        if phase == "start":
            self._started[threading.get_ident()] = now
            return
        began = self._started.pop(threading.get_ident(), None)
        if began is not None:
            self.pauses.append((began, now - began, int(info.get("generation", -1)),
                                threading.current_thread().name))

    def __enter__(self) -> GcWatch:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


_BENCH_FILE = str(Path(__file__).resolve())
IDLE = "(idle)"


def project_stack(frame: Any) -> tuple[str, ...]:
    """``path:line function`` of the project's frames, innermost first. The innermost frame of
    all comes first when it is a library's; a thread waiting for work is ``IDLE``, the main
    thread back in this script's event loop ``IDLE_LOOP``. This script's wrappers are left
    out."""
    stack: list[str] = []
    first = True
    while frame is not None:
        code = frame.f_code
        path = code.co_filename
        if path == _BENCH_FILE:
            if first and code.co_name in ("until", "poll"):
                return (IDLE_LOOP,)
        elif path.startswith(str(ROOT)) and "/.venv/" not in path:
            stack.append(f"{os.path.relpath(path, ROOT)}:{frame.f_lineno} {code.co_name}")
        elif first:
            if code.co_name in ("wait", "_wait_for_tstate_lock", "select", "_worker") \
                    or path.endswith(("threading.py", "queue.py", "selectors.py")):
                return (IDLE,)
            stack.append(f"…/{'/'.join(Path(path).parts[-2:])}:{frame.f_lineno} "
                         f"{code.co_name}")
        first = False
        frame = frame.f_back
    return tuple(stack)


_INHERITED = object()


@dataclass
class Call:
    name: str
    start: float
    seconds: float
    depth: int


@dataclass
class Probe:
    """Times named callables on the main thread (wrapped before the window is built, so that
    signal connections made in constructors get the wrapper too)."""

    calls: list[Call] = field(default_factory=list)
    depth: int = 0
    _undo: list[tuple[Any, str, Any]] = field(default_factory=list)

    def _timed(self, name: str | Callable[..., str], original: Callable[..., Any]
               ) -> Callable[..., Any]:
        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            label = name if isinstance(name, str) else name(*args)
            start = time.perf_counter()
            self.depth += 1
            try:
                return original(*args, **kwargs)
            finally:
                self.depth -= 1
                self.calls.append(Call(label, start, time.perf_counter() - start, self.depth))

        return timed

    def wrap(self, owner: Any, attr: str, name: str | Callable[..., str] | None = None) -> None:
        label = name or f"{getattr(owner, '__name__', owner)}.{attr}"
        self._undo.append((owner, attr, owner.__dict__.get(attr, _INHERITED)))
        setattr(owner, attr, self._timed(label, getattr(owner, attr)))

    def restore(self) -> None:
        for owner, attr, original in reversed(self._undo):
            if original is _INHERITED:
                delattr(owner, attr)
            else:
                setattr(owner, attr, original)
        self._undo.clear()


def callback_name(fn: Any) -> str:
    if fn is None:
        return "None"
    target = getattr(fn, "__func__", fn)
    code = getattr(target, "__code__", None)
    where = ""
    if code is not None and code.co_filename.startswith(str(ROOT)):
        where = f" ({os.path.relpath(code.co_filename, ROOT)}:{code.co_firstlineno})"
    return f"{getattr(target, '__qualname__', repr(target))}{where}"


#: (module, class or "" for a module function, attributes) timed on the main thread; what the
#: code in ``app/`` no longer has is skipped, so that the script survives refactorings
TIMED: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("app.cockpit.cockpit", "Cockpit", ("open_file", "reload", "_show", "_fill_registers",
                                "_after_reset", "select_document", "_current_changed")),
    ("app.cockpit.cockpit", "", ("compute_key_figures",)),
    ("app.cockpit.cockpit", "DocumentListView", ("fit_columns", "resizeColumnToContents",
                                                 "expandAll",
                                         "setColumnWidth", "scrollTo", "setCurrentIndex")),
    ("app.cockpit.item_models", "DocumentTableModel", ("set_file",)),
    ("app.cockpit.item_models", "DocumentFilterProxy", ("set_register", "set_filter_text")),
    ("app.cockpit.item_models", "GroupedDocumentModel", ("_rebuild", "index_of")),
    ("app.cockpit.cover", "CoverSheet", ("show_file",)),
    ("app.cockpit.cover", "KeyFigurePanel", ("show_figures",)),
    ("app.cockpit.document_pane", "DocumentPane", ("show_document", "_show_versions",
                                           "_show_content")),
    ("app.cockpit.navigator", "Navigator", ("_show_results", "_show_checked_out", "remember",
                                    "refresh_checked_out")),
    ("app.shell.main_window", "MainWindow", ("_synced", "_progress", "_show_pending",
                                       "_file_loaded", "refresh_pending", "update_schedule")),
    ("app.actions.scheduled_sync", "ScheduledSync", ("_show_state", "_apply", "update")),
    ("app.actions.file_actions", "FileActions", ("check_out", "sync", "_after_checkout",
                                                 "_after_sync")),
    ("app.shell.tray", "Notifications", ("handle_report", "new_documents", "notify")),
)


def instrument(probe: Probe) -> list[str]:
    """Wraps the callbacks that run on the main thread during a check-out and a sync;
    returns what was not found."""
    import importlib

    from app.infra import workers

    probe.wrap(workers.Task, "_deliver",
               lambda task, _result: "deliver " + callback_name(task._on_done))
    probe.wrap(workers.Task, "_fail",
               lambda task, _exc: "fail " + callback_name(task._on_error))
    missing = []
    for module_name, class_name, names in TIMED:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            missing.append(module_name)
            continue
        owner = getattr(module, class_name, None) if class_name else module
        for attr in names:
            if owner is None or not hasattr(owner, attr):
                missing.append(f"{module_name}.{class_name}.{attr}".replace("..", "."))
            elif class_name:
                probe.wrap(owner, attr)
            else:
                probe.wrap(owner, attr, f"{module_name.split('.')[-1]}.{attr}")
    return missing


@dataclass
class Phase:
    name: str
    begin: float
    end: float = 0.0
    done_after: float = 0.0  # seconds from the trigger until the work was done


@dataclass
class StallRun:
    phases: list[Phase]
    meter_ticks: list[tuple[float, float]]
    stalls: dict[str, list[tuple[float, float]]]
    calls: list[Call]
    samples: list[Sample]
    gc_pauses: list[tuple[float, float, int, str]]
    notes: dict[str, Any]


def seed_big_file(work: Path, documents: int) -> Path:
    data_dir = work / "server-data"
    started = time.perf_counter()
    result = subprocess.run(
        [PYTHON, "-m", "server_stub", "demo", "--data-dir", str(data_dir), "--tenant", DEMO,
         "--customers", "1", "--documents-per-customer", str(documents)],
        cwd=ROOT, env=clean_env({"DOSSIER_PASSWORD": DEMO}), stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=600, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"demo seeding failed: {result.stderr.strip()[-2000:]}")
    log(f"seeded 1 customer file with {documents} documents in "
        f"{time.perf_counter() - started:.1f} s: {result.stdout.strip()}")
    return data_dir


def colleague_edits(base_url: str, file_id: str, renames: int, new: int, run: int) -> None:
    """Another user renames ``renames`` documents and files ``new`` letters (over HTTP)."""
    import hashlib

    import httpx

    token = httpx.post(base_url + "/api/v1/auth/token", timeout=60, data={
        "username": COLLEAGUE, "password": DEMO, "tenant": DEMO}).raise_for_status().json()
    with httpx.Client(base_url=base_url + "/api/v1", timeout=60,
                      headers={"Authorization": f"Bearer {token['access_token']}"}) as http:
        items = http.get(f"/files/{file_id}/documents",
                         params={"limit": renames}).raise_for_status().json()["items"]
        for doc in items[:renames]:
            etag = doc.get("etag") or http.get(f"/documents/{doc['id']}").headers["etag"]
            http.patch(f"/documents/{doc['id']}", json={"title": doc["title"] + f" (rev {run})"},
                       headers={"If-Match": etag}).raise_for_status()
        for n in range(new):
            content = f"Letter {n} of run {run} from {COLLEAGUE}\n".encode() * 40
            sha = hashlib.sha256(content).hexdigest()
            http.put(f"/blobs/{sha}", content=content,
                     headers={"Content-Type": "application/octet-stream"}).raise_for_status()
            http.post(f"/files/{file_id}/documents", json={
                "type": "letter", "title": f"Colleague's letter {run}-{n}",
                "index": {"date": "2025-01-15", "subject": "Bench"},
                "content": {"sha256": sha, "filename": f"letter-{run}-{n}.txt",
                            "media_type": "text/plain"}}).raise_for_status()


class EventLoop:
    """Runs the Qt event loop until a condition holds (polled every 10 ms)."""

    def __init__(self) -> None:
        from PySide6.QtWidgets import QApplication

        from app.shell.gui import application

        self.app: QApplication = application()

    def until(self, condition: Callable[[], bool], timeout: float, what: str,
              settle: float = 0.0) -> float:
        """Returns the time the condition first held; it must keep holding for ``settle``."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        deadline = time.perf_counter() + timeout
        state: dict[str, Any] = {"since": None, "error": None}

        def poll() -> None:
            now = time.perf_counter()
            try:
                ok = condition()
            except Exception as exc:  # reported below
                state["error"] = exc
                loop.quit()
                return
            if ok:
                state["since"] = state["since"] or now
                if now - state["since"] >= settle:
                    loop.quit()
                    return
            else:
                state["since"] = None
            if now > deadline:
                loop.quit()

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(poll)
        timer.start()
        loop.exec()
        timer.stop()
        if state["error"] is not None:
            raise state["error"]
        if state["since"] is None or time.perf_counter() - state["since"] < settle:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        return float(state["since"])

    def later(self, action: Callable[[], None]) -> None:
        """Run ``action`` from the event loop (so that the meter sees its cost)."""
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, action)


def stall_run(server: Subprocess, work: Path, run: int, *, bare: bool,
              renames: int, new: int) -> StallRun:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDialog

    from app.actions import file_actions as actions
    from app.cockpit.item_models import Roles
    from app.cockpit.navigator import FileRole
    from app.infra.i18n import install_translator
    from app.infra.workers import pending_tasks
    from app.shell.main_window import MainWindow
    from sync.api import connect
    from sync.profile import Profile

    loop = EventLoop()
    install_translator("en")
    probe = Probe()
    if not bare:
        missing = instrument(probe)
        if missing:
            log(f"  not timed (no longer in app/): {', '.join(missing)}")
    original_exec = actions.CheckoutDialog.exec
    actions.CheckoutDialog.exec = lambda _self: QDialog.DialogCode.Accepted  # type: ignore
    home = work / f"client-{run}"
    settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.show()
    profile = Profile(directory=home / "profile")
    meter = StallMeter()
    sampler = StallSampler(meter) if not bare else None
    gc_watch = GcWatch()
    phases: list[Phase] = []
    notes: dict[str, Any] = {}
    try:
        if not bare:
            gc_watch.__enter__()
        window.begin(lambda: connect(profile, server.base_url, DEMO, DEMO, DEMO,
                                     remember=False))
        loop.until(lambda: window.navigator.results.count() > 0, 60, "sign-in and customers")
        meter.start()
        if sampler is not None:
            sampler.start()

        # open the file from the navigator and select the newest document
        phase = Phase("open the file (navigator → cockpit, newest document selected)",
                      time.perf_counter())
        file_id = str(window.navigator.results.item(0).data(FileRole))
        loop.later(lambda: window.navigator.fileChosen.emit(file_id))
        loop.until(lambda: window.cockpit.customer_file is not None and pending_tasks() == 0,
                   120, "the cockpit")
        cockpit = window.cockpit
        first = cockpit.grouped.index(0, 0)
        loop.later(lambda: cockpit.documents.setCurrentIndex(first))
        phase.done_after = loop.until(
            lambda: cockpit.pane.document is not None and pending_tasks() == 0, 60,
            "the first document", settle=0.3) - phase.begin
        phase.end = time.perf_counter()
        phases.append(phase)
        assert cockpit.customer_file is not None
        notes["documents"] = len(cockpit.customer_file.documents)
        log(f"  opened {cockpit.customer_file.key} with {notes['documents']} documents in "
            f"{phase.done_after:.2f} s")

        # check out (the dialog answers at once); the scheduled sync starts with it
        phase = Phase("check-out (incl. the scheduled sync it starts)", time.perf_counter())
        loop.later(window.check_out.trigger)

        def checked_out() -> bool:
            customer_file = cockpit.customer_file
            scheduler = window.scheduled.scheduler
            return (customer_file is not None and customer_file.checked_out
                    and scheduler is not None and scheduler.last_report is not None
                    and scheduler.state == "idle" and pending_tasks() == 0)

        phase.done_after = loop.until(checked_out, 300, "the check-out", settle=0.3) \
            - phase.begin
        phase.end = time.perf_counter()
        phases.append(phase)
        log(f"  checked out in {phase.done_after:.2f} s")

        # a colleague works on the file meanwhile (not measured), then Sync
        meter.pause()
        colleague_edits(server.base_url, file_id, renames, new, run)
        meter.start()
        synced: list[Any] = []
        original_after_sync = window.actions_._after_sync

        def after_sync(report: Any) -> None:
            synced.append(report)
            original_after_sync(report)

        window.actions_._after_sync = after_sync  # type: ignore[method-assign]
        phase = Phase(f"sync ({renames} renamed + {new} new documents from a colleague)",
                      time.perf_counter())
        loop.later(window.sync_now.trigger)
        phase.done_after = loop.until(lambda: bool(synced) and pending_tasks() == 0, 300,
                                      "the sync", settle=0.3) - phase.begin
        phase.end = time.perf_counter()
        phases.append(phase)
        report = synced[0]
        notes["sync_report"] = {"files": report.files, "applied": report.applied,
                                "new_documents": len(report.new_documents),
                                "conflicts": report.conflicts}
        notes["documents_after"] = len(cockpit.customer_file.documents)
        selected = cockpit.pane.document
        notes["selected"] = selected["id"] if selected else None
        notes["row0"] = cockpit.grouped.index(0, 0).data(Roles.DocumentId)
        log(f"  synced in {phase.done_after:.2f} s: {notes['sync_report']}")
    finally:
        meter.pause()
        if sampler is not None:
            sampler.stop()
        if gc_watch in gc.callbacks:
            gc_watch.__exit__()
        actions.CheckoutDialog.exec = original_exec  # type: ignore[method-assign]
        try:
            loop.until(lambda: pending_tasks() == 0, 60, "idle workers")
        finally:
            window.close()
            if window.session is not None:
                window.session.close()
            window.deleteLater()
            loop.app.processEvents()
            probe.restore()
    return StallRun(phases=phases, meter_ticks=meter.ticks,
                    stalls={p.name: meter.stalls(p.begin, p.end) for p in phases},
                    calls=probe.calls, samples=sampler.samples if sampler else [],
                    gc_pauses=gc_watch.pauses, notes=notes)


def measured(run: StallRun) -> list[tuple[float, float]]:
    """The stalls of the check-out and the sync (the goal's scope)."""
    return [s for p in run.phases[1:] for s in run.stalls[p.name]]


def stall_summary(stalls: list[tuple[float, float]]) -> tuple[float, float, int]:
    values = [s for _at, s in stalls] or [0.0]
    return max(values) * 1000, percentile(values, 99) * 1000, \
        sum(1 for v in values if v * 1000 > STALL_GOAL_MS)


def untimed_stalls(run: StallRun) -> list[tuple[float, float]]:
    """The measured stalls during which no timed main-thread callback ran."""
    top = [c for c in run.calls if c.depth == 0]
    return [(at, stall) for at, stall in measured(run)
            if not any(c.start < at and c.start + c.seconds > at - stall - run_interval()
                       for c in top)]


def explain(run: StallRun, begin: float, end: float, top: int = 12) -> list[str]:
    """Tables of what ran on the main thread between ``begin`` and ``end``."""
    lines: list[str] = []
    per_name: dict[str, list[float]] = defaultdict(list)
    for call in run.calls:
        if begin <= call.start <= end:
            per_name[call.name].append(call.seconds)
    if per_name:
        lines += ["", "Timed callbacks on the main thread during the check-out and the sync "
                  "(nested calls are included in their callers):", "",
                  "| callback | calls | max ms | total ms |", "| --- | ---: | ---: | ---: |"]
        ranked = sorted(per_name.items(), key=lambda kv: -max(kv[1]))
        for name, seconds in ranked[:top * 2]:
            lines.append(f"| `{name}` | {len(seconds)} | {max(seconds) * 1000:.1f} | "
                         f"{sum(seconds) * 1000:.1f} |")
    hot: dict[str, float] = defaultdict(float)
    chains: dict[tuple[str, ...], float] = defaultdict(float)
    workers: dict[tuple[str, ...], float] = defaultdict(float)
    total = idle = 0.0
    for sample in run.samples:
        if not (begin <= sample.at <= end and sample.main):
            continue
        total += sample.weight
        hot[main_label(sample)] += sample.weight
        chains[sample.main[:4]] += sample.weight
        if sample.main[0] == IDLE_LOOP:
            idle += sample.weight
            for _name, stack in sample.others:
                workers[stack[:3]] += sample.weight
    if total:
        lines += ["", f"Main-thread stack samples taken while no tick came for "
                  f"{SAMPLE_AFTER_S * 1000:.0f} ms or more ({total * 1000:.0f} ms sampled; "
                  "state R = running, S = sleeping, from /proc):", "",
                  "| innermost frame | ≈ ms | share |", "| --- | ---: | ---: |"]
        for where, weight in sorted(hot.items(), key=lambda kv: -kv[1])[:top]:
            lines.append(f"| `{where}` | {weight * 1000:.0f} | {weight / total:.0%} |")
        lines += ["", "| main-thread stack (innermost first, project frames) | ≈ ms |",
                  "| --- | ---: |"]
        for chain, weight in sorted(chains.items(), key=lambda kv: -kv[1])[:top]:
            lines.append(f"| {' ← '.join(f'`{c}`' for c in chain)} | {weight * 1000:.0f} |")
    pauses = [p for p in run.gc_pauses if begin <= p[0] <= end]
    if pauses:
        lines += ["", "Python's garbage collections during the check-out and the sync (each "
                  "holds the GIL):", "", "| generation | thread | count | max ms | total ms |",
                  "| ---: | --- | ---: | ---: | ---: |"]
        groups: dict[tuple[int, str], list[float]] = defaultdict(list)
        for _began, pause, gen, thread in pauses:
            groups[(gen, "main" if thread == "MainThread" else "workers")].append(pause)
        for (gen, thread), each in sorted(groups.items()):
            lines.append(f"| {gen} | {thread} | {len(each)} | {max(each) * 1000:.1f} | "
                         f"{sum(each) * 1000:.0f} |")
    if workers:
        lines += ["", f"What the other threads ran while the main thread ran no Python "
                  f"({idle * 1000:.0f} ms sampled; a thread that holds the GIL in a long C call "
                  "keeps the main thread from running its next Python callback):", "",
                  "| other thread's stack (innermost first) | ≈ ms |", "| --- | ---: |"]
        for chain, weight in sorted(workers.items(), key=lambda kv: -kv[1])[:top]:
            lines.append(f"| {' ← '.join(f'`{c}`' for c in chain)} | {weight * 1000:.0f} |")
    return lines


def main_label(sample: Sample) -> str:
    where = sample.main[0]
    return f"{where} [main {sample.main_state}]" if where == IDLE_LOOP else where


def dominant(samples: list[Sample]) -> str:
    """The main thread's most sampled innermost frame (or, when it ran no Python, the other
    threads' most sampled frame)."""
    weights: dict[str, float] = defaultdict(float)
    for sample in samples:
        if sample.main and sample.main[0] == IDLE_LOOP and sample.others:
            for name, stack in sample.others:
                weights[f"main {sample.main_state}; {name}: {stack[0]}"] += sample.weight
        elif sample.main:
            weights[main_label(sample)] += sample.weight
    if not weights:
        return "—"
    best = max(weights, key=lambda k: weights[k])
    return f"`{best}` ({weights[best] * 1000:.0f} ms)"


def worst_stalls(run: StallRun, count: int = 8) -> list[str]:
    """The longest stalls with the outermost timed calls that overlapped them."""
    lines = ["", "Longest stalls of the check-out and the sync and the outermost timed "
             "calls inside each, the most sampled frame and garbage collections ≥ 5 ms:", "",
             "| at s | stall ms | phase | timed calls (ms) | most sampled | garbage collections "
             "(ms) |", "| ---: | ---: | --- | --- | --- | --- |"]
    origin = run.phases[0].begin
    ranked = sorted(((at, s, p.name) for p in run.phases[1:] for at, s in run.stalls[p.name]),
                    key=lambda x: -x[1])[:count]
    for at, stall, phase in ranked:
        begin = at - stall - run_interval()
        inside = [c for c in run.calls
                  if c.start < at and c.start + c.seconds > begin and c.depth == 0]
        what = ", ".join(f"`{c.name.split(' (')[0]}` {c.seconds * 1000:.0f}" for c in
                         sorted(inside, key=lambda c: -c.seconds)[:3]) or "(nothing timed)"
        sampled = dominant([x for x in run.samples if begin <= x.at <= at])
        overlapping = sorted((p for p in run.gc_pauses if p[0] < at and p[0] + p[1] > begin
                              and p[1] >= 0.005), key=lambda p: -p[1])[:2]
        collections = ", ".join(f"gen {gen} in {thread} {seconds * 1000:.0f}"
                                for _began, seconds, gen, thread in overlapping) or "—"
        lines.append(f"| {at - origin:.2f} | {stall * 1000:.0f} | {phase.split(' (')[0]} | "
                     f"{what} | {sampled} | {collections} |")
    return lines


def run_interval() -> float:
    return TICK_MS / 1000


def bench_stalls(args: argparse.Namespace, work: Path) -> tuple[list[str], list[str]]:
    data_dir = seed_big_file(work, args.documents)
    # niced like the desktop's embedded server (sync/embedded.py): it shares the 2 cores
    server = start_server(data_dir, env=clean_env(), log_path=work / "server.log",
                          extra=("--nice", str(SERVER_NICENESS)))
    log(f"server at {server.base_url}")
    runs: list[StallRun] = []
    if args.switch_interval:
        sys.setswitchinterval(args.switch_interval)
    try:
        for run in range(1, args.runs + 1):
            log(f"stall run {run}/{args.runs}")
            runs.append(stall_run(server, work, run, bare=args.bare, renames=args.renames,
                                  new=args.new))
    finally:
        server.stop()
    rows: list[str] = []
    summaries = [stall_summary(measured(r)) for r in runs]
    max_ms = statistics.median(s[0] for s in summaries)
    p99_ms = statistics.median(s[1] for s in summaries)
    over = statistics.median(s[2] for s in summaries)
    phase_times = [[p.done_after for p in r.phases] for r in runs]
    total_s = statistics.median(t[1] + t[2] for t in phase_times)
    per_run = "; ".join(f"{s[0]:.0f}" for s in summaries)
    rows.append(f"| Longest main-thread stall, check-out + sync of a {args.documents:,}-document "
                f"file | **{max_ms:.0f} ms** (runs: {per_run} ms); p99 {p99_ms:.0f} ms; "
                f"{over:.0f} ticks over {STALL_GOAL_MS:.0f} ms | ≤ {STALL_GOAL_MS:.0f} ms: "
                f"{verdict(max_ms <= STALL_GOAL_MS)} |")
    rows.append(f"| Check-out + sync, trigger to done | **{total_s:.1f} s** (check-out "
                f"{statistics.median(t[1] for t in phase_times):.1f} s, sync "
                f"{statistics.median(t[2] for t in phase_times):.1f} s) | — |")
    for index, phase in enumerate(runs[0].phases):
        values = [stall_summary(r.stalls[r.phases[index].name]) for r in runs]
        rows.append(f"| … {phase.name} | max {statistics.median(v[0] for v in values):.0f} ms, "
                    f"p99 {statistics.median(v[1] for v in values):.0f} ms; done after "
                    f"{statistics.median(t[index] for t in phase_times):.2f} s | "
                    f"{'≤ 50 ms' if index else '—'} |")
    if not args.bare:
        untimed = [stall_summary(untimed_stalls(r)) for r in runs]
        rows.append(f"| … longest stall of the check-out + sync while no timed callback ran "
                    f"(worker threads holding the GIL, Qt's own work) | max "
                    f"{statistics.median(u[0] for u in untimed):.0f} ms (runs: "
                    f"{'; '.join(f'{u[0]:.0f}' for u in untimed)} ms) | ≤ 50 ms |")
    details = [f"Run 1: {runs[0].notes['documents']} documents in the file before, "
               f"{runs[0].notes['documents_after']} after; sync report "
               f"{runs[0].notes['sync_report']}; ticks measured "
               f"{sum(len(r.meter_ticks) for r in runs)}."]
    if not args.bare:  # the run with the longest stall explains it best
        number, worst = max(enumerate(runs, 1), key=lambda r: stall_summary(measured(r[1]))[0])
        details.append(f"Run {number} had the longest stall:")
        details += worst_stalls(worst)
        details += explain(worst, worst.phases[1].begin, worst.phases[-1].end)
    return rows, details


# 2. Start to usable window -------------------------------------------------------------------

DRIVER = r"""
import importlib.machinery, json, sys, time
marks = {"interpreter": time.monotonic()}
out = sys.argv[1]
watch = None


def watched(module):
    # app.shell.gui just loaded (after main() launched the embedded server, as in "python -m app"):
    # the QApplication it makes gets the event filter
    global watch
    from PySide6.QtCore import QEvent, QObject, QTimer
    from app.shell.main_window import MainWindow
    marks["imports"] = time.monotonic()
    make_application = module.application

    class Watch(QObject):
        def __init__(self):
            super().__init__()
            self.window = None
            self.results = None

        def eventFilter(self, obj, event):
            kind = event.type()
            if kind == QEvent.Type.Show and self.window is None and isinstance(obj, MainWindow):
                self.window = obj
                marks["shown"] = time.monotonic()
                obj.sessionReady.connect(lambda _s: marks.setdefault("signed_in",
                                                                     time.monotonic()))
                obj.startFailed.connect(self.failed)
                obj.navigator.searchFinished.connect(self.listed)
            elif kind == QEvent.Type.Paint:
                if obj is self.window and "painted" not in marks:
                    marks["painted"] = time.monotonic()
                elif self.results is not None and obj is self.results.viewport() \
                        and "listed" in marks and "usable" not in marks:
                    marks["usable"] = time.monotonic()
                    QTimer.singleShot(0, make_application().quit)
            return False

        def listed(self, count):
            if count > 0 and "listed" not in marks:
                marks["listed"] = time.monotonic()
                marks["customers"] = count
                self.results = self.window.navigator.results
                QTimer.singleShot(2000, self.no_paint)

        def no_paint(self):
            marks.setdefault("usable", marks["listed"])
            marks["usable_without_paint"] = True
            make_application().quit()

        def failed(self, message):
            marks["failed"] = message
            make_application().quit()

    def application():
        global watch
        app = make_application()
        if watch is None:
            watch = Watch()
            app.installEventFilter(watch)
            QTimer.singleShot(180_000, app.quit)
        return app

    module.application = application


class AfterImport:
    # calls watched(module) once app.shell.gui has been executed
    def find_spec(self, name, path=None, target=None):
        if name != "app.shell.gui":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            watched(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, AfterImport())
from app.__main__ import main
code = main([])
marks["exit_code"] = code
marks["exited"] = time.monotonic()
with open(out, "w") as fh:
    json.dump(marks, fh)
"""

START_MARKS = ("interpreter", "imports", "shown", "painted", "signed_in", "listed", "usable",
               "exited")


def start_once(home: Path, out: Path) -> dict[str, float]:
    env = isolated_env(home)
    out.unlink(missing_ok=True)
    spawned = time.monotonic()
    proc = subprocess.Popen([PYTHON, "-c", DRIVER, str(out)], cwd=ROOT, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        _stdout, stderr = proc.communicate(timeout=240)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise RuntimeError("the client did not become usable in 240 s") from None
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"the client failed ({proc.returncode}): "
                           f"{stderr.decode(errors='replace')[-2000:]}")
    marks = json.loads(out.read_text())
    if "failed" in marks or "usable" not in marks:
        raise RuntimeError(f"the client did not become usable: {marks}")
    return {k: (v - spawned if k in START_MARKS else v) for k, v in marks.items()}


def bench_startup(args: argparse.Namespace, work: Path) -> tuple[list[str], list[str]]:
    cold: list[dict[str, float]] = []
    warm: list[dict[str, float]] = []
    for run in range(1, args.runs + 1):
        home = work / f"home-{run}"
        cold.append(start_once(home, work / f"start-cold-{run}.json"))
        log(f"cold start {run}/{args.runs}: usable after {cold[-1]['usable']:.2f} s")
        warm.append(start_once(home, work / f"start-warm-{run}.json"))
        log(f"warm start {run}/{args.runs}: usable after {warm[-1]['usable']:.2f} s")
    server_start = embedded_server_start(
        work / "home-1" / ".local" / "share" / "dossier" / "embedded-server", args.runs)
    rows = []
    for name, runs, goal in (("warm (data directory exists)", warm, True),
                             ("cold (fresh data directory: demo data seeded)", cold, False)):
        usable = statistics.median(r["usable"] for r in runs)

        def med(key: str, values: list[dict[str, float]] = runs) -> str:
            return f"{statistics.median(r[key] for r in values):.2f}"

        each = ", ".join(f"{r['usable']:.2f}" for r in runs)
        target = f"≤ {START_GOAL_S:.0f} s: {verdict(usable <= START_GOAL_S)}" if goal else \
            "— (first run only)"
        rows.append(f"| Start to usable window, {name} | **{usable:.2f} s** (runs: "
                    f"{each}); "
                    f"imports done {med('imports')}"
                    f" s, window painted {med('painted')} s, signed in {med('signed_in')} s, "
                    f"{int(runs[0]['customers'])} customers listed {med('listed')} s | {target} |")
    rows.append(f"| … of which the embedded server process (`python -m server_stub serve`, "
                f"spawn to accepting connections, warm) | {server_start:.2f} s | — |")
    details = []
    if any(r.get("usable_without_paint") for r in cold + warm):
        details.append("Some runs saw no paint of the customer list after it was filled: "
                       "'usable' is then the moment the list was filled.")
    return rows, details


def embedded_server_start(data_dir: Path, runs: int) -> float:
    """Median seconds ``start_embedded_server`` takes on a seeded data directory."""
    from sync.api import start_embedded_server

    if not (data_dir / ".demo-seeded").exists():
        raise RuntimeError(f"no seeded embedded server in {data_dir}")
    times = []
    for _ in range(runs):
        began = time.monotonic()
        server = start_embedded_server(data_dir)
        times.append(time.monotonic() - began)
        server.stop()
    return statistics.median(times)


# Report --------------------------------------------------------------------------------------


def machine() -> str:
    cpus = os.cpu_count()
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{platform.python_implementation()} {platform.python_version()}, {cpus} CPUs, "
            f"load average {load}")


def versions() -> str:
    import PySide6

    return f"PySide6 {PySide6.__version__}, Qt platform {os.environ['QT_QPA_PLATFORM']}"


@contextmanager
def workdir(keep: bool) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="dossier-bench-app-"))
    try:
        yield path
    finally:
        if keep:
            log(f"kept {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each benchmark (median)")
    parser.add_argument("--only", choices=("stall", "startup"))
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--renames", type=int, default=100,
                        help="documents a colleague renames before the sync")
    parser.add_argument("--new", type=int, default=20,
                        help="documents a colleague files before the sync")
    parser.add_argument("--bare", action="store_true",
                        help="no timing wrappers and no stack sampler (the meter alone)")
    parser.add_argument("--switch-interval", type=float, metavar="SECONDS",
                        help="sys.setswitchinterval for the stall benchmark (an experiment; "
                        "the client runs with Python's default 0.005)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    # the client of the stall benchmark keeps its settings, replica and caches in here too
    rows: list[str] = []
    details: list[str] = []
    with workdir(args.keep) as work:
        home = work / "home"
        os.environ.update({k: v for k, v in isolated_env(home).items()
                           if k == "HOME" or k.startswith("XDG_")})
        if args.only in (None, "startup"):
            r, d = bench_startup(args, work)
            rows += r
            details += d
        if args.only in (None, "stall"):
            r, d = bench_stalls(args, work)
            rows = r + rows
            details += d
    print("| benchmark | result | goal |")
    print("| --- | --- | --- |")
    print("\n".join(rows))
    print()
    print(f"`.venv/bin/python tests/benchmarks/bench_app.py {' '.join(sys.argv[1:])}`: "
          f"{time.perf_counter() - started:.0f} s in all; {machine()}; {versions()}. Stall = "
          f"gap between ticks of a {TICK_MS} ms precise QTimer minus {TICK_MS} ms; medians of "
          f"{args.runs} run(s). The machine is shared: expect noise.")
    if details:
        print("\n".join(["", *details]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
