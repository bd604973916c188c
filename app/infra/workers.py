"""Run a function off the UI thread and get its result back on the main thread.

``run_task(fn, on_done=..., on_error=...)`` runs ``fn()`` on a worker of a thread pool; the
result (or the exception) comes back through the main thread's inbox, so ``on_done``/
``on_error`` run on the Qt main thread. Mutations go to a pool with one thread
(``mutation=True``): they happen one after the other, like Anki's operations. Reads (search,
lists, downloads) share a small pool. The pools are the viewer widget's ``TaskPool``: plain
Python threads that never call into Qt (see ``viewer.widget._tasks`` for why).

The default failure handler shows a translated message box (``describe_error``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from sync.api import (
    AuthError,
    Locked,
    NotFound,
    Offline,
    RequestRefused,
    ServerError,
    StaleObject,
    UsageError,
    background_priority,
)
from viewer.widget import TaskPool, receiver_gone

__all__ = ["Connectivity", "Task", "connectivity", "describe_error", "pending_tasks",
           "run_task", "show_error", "wait_for_workers"]

log = logging.getLogger(__name__)

_POOLS: dict[bool, TaskPool] = {}  # mutation? -> pool, made on the first task
_RUNNING: set[Task] = set()


_MESSAGES: dict[str, object] = {
    "offline": QT_TRANSLATE_NOOP(
        "Errors", "The server cannot be reached. Check the network and try again."),
    "auth": QT_TRANSLATE_NOOP(
        "Errors", "Sign-in failed or the session expired. Please sign in again."),
    "locked": QT_TRANSLATE_NOOP(
        "Errors", "Someone else has checked this out exclusively (%1)."),
    "stale": QT_TRANSLATE_NOOP(
        "Errors", "Someone else changed this in the meantime. Reload and try again."),
    "not-found": QT_TRANSLATE_NOOP(
        "Errors", "This object no longer exists or you may not see it."),
    "forbidden": QT_TRANSLATE_NOOP("Errors", "You are not allowed to do this."),
    "retention": QT_TRANSLATE_NOOP(
        "Errors", "The archive keeps this document until %1; it cannot be deleted yet."),
    "refused": QT_TRANSLATE_NOOP("Errors", "The server refused the request: %1"),
    "server": QT_TRANSLATE_NOOP(
        "Errors", "The server answered unexpectedly. Please try again later."),
    "usage": QT_TRANSLATE_NOOP("Errors", "This cannot be done: %1"),
    "os": QT_TRANSLATE_NOOP("Errors", "A file could not be read or written: %1"),
    "other": QT_TRANSLATE_NOOP("Errors", "Something went wrong: %1"),
    "title": QT_TRANSLATE_NOOP("Errors", "Dossier"),
}


def _message(kind: str, argument: str = "") -> str:
    return QCoreApplication.translate("Errors", str(_MESSAGES[kind])).replace("%1", argument)


def describe_error(exc: BaseException) -> str:
    """One sentence a user can act on, in the user's language."""
    if isinstance(exc, Offline):
        return _message("offline")
    if isinstance(exc, AuthError):
        return _message("auth")
    if isinstance(exc, Locked):
        return _message("locked", str(exc.problem.get("locked_by", "?")))
    if isinstance(exc, StaleObject):
        return _message("stale")
    if isinstance(exc, NotFound):
        return _message("not-found")
    if isinstance(exc, RequestRefused):
        if exc.status == 403:
            return _message("forbidden")
        if exc.status == 409 and exc.problem.get("retention_until"):
            return _message("retention", str(exc.problem["retention_until"]))
        return _message("refused", str(exc.problem.get("detail", "")))
    if isinstance(exc, ServerError):
        return _message("server")
    if isinstance(exc, UsageError):
        return _message("usage", str(exc))
    if isinstance(exc, OSError):
        return _message("os", exc.strerror or str(exc))
    return _message("other", str(exc) or type(exc).__name__)


def show_error(exc: BaseException, parent: QWidget | None = None) -> None:
    log.warning("task failed: %r", exc, exc_info=exc)
    parent = parent or QApplication.activeWindow()
    box = QMessageBox(QMessageBox.Icon.Warning, _message("title"), describe_error(exc),
                      QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


class Task:
    """One call to run on a worker; its answer is delivered on the main thread."""

    def __init__(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None) -> None:
        self._fn = fn
        self._on_done = on_done
        self._on_error = on_error

    def run(self) -> Any:  # on the worker
        background_priority()
        return self._fn()

    def _deliver(self, result: Any) -> None:
        _RUNNING.discard(self)
        if self._on_done is not None and not receiver_gone(self._on_done):
            self._on_done(result)

    def _fail(self, exc: BaseException) -> None:
        _RUNNING.discard(self)
        if self._on_error is not None and receiver_gone(self._on_error):
            log.info("task failed after its window closed: %r", exc)
            return
        if isinstance(exc, Offline):
            connectivity().offline.emit()
        (self._on_error or show_error)(exc)


class Connectivity(QObject):
    """``offline`` whenever a task found the server unreachable (the status bar listens)."""

    offline = Signal()


_CONNECTIVITY: list[Connectivity] = []


def connectivity() -> Connectivity:
    if not _CONNECTIVITY:
        _CONNECTIVITY.append(Connectivity())
    return _CONNECTIVITY[0]


def _pool(mutation: bool) -> TaskPool:
    if mutation not in _POOLS:
        _POOLS[mutation] = (TaskPool(1, name="dossier-mutation") if mutation
                            else TaskPool(4, name="dossier-read"))
    return _POOLS[mutation]


def run_task(fn: Callable[[], Any], *, on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None,
             mutation: bool = False) -> Task:
    """Call from the main thread. ``fn`` must not touch widgets (nor anything of Qt)."""
    task = Task(fn, on_done, on_error)
    _RUNNING.add(task)
    _pool(mutation).run(task.run, task._deliver, task._fail)
    return task


def pending_tasks() -> int:
    """How many tasks have not delivered yet (tests wait for 0)."""
    return len(_RUNNING)


def wait_for_workers(msecs: int = 30000) -> None:
    """Block until every worker is idle (shutdown only)."""
    for pool in _POOLS.values():
        pool.wait_for_done(msecs / 1000)
