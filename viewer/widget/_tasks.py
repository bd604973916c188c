"""Running calls on worker threads and getting the results back on the main thread.

Workers are plain Python threads (`concurrent.futures`) that never call into Qt - not even
to build a `QImage` or to emit a signal. A result, or any other call meant for the main
thread, goes into the `MainThreadInbox`: a `queue.SimpleQueue` plus one byte written to a
socket pair (pure Python); a `QSocketNotifier` on the main thread wakes up on that byte and
runs the queued calls there. The reason is a PySide6 6.12 bug: any PySide6 call made from two
Python threads at once (a `QRunnable` run by `QThreadPool`, a signal emitted from a worker, a
`QImage` built on a worker) corrupts the reference counts of `None`/`True`/`False` and the
process dies with "Fatal Python error: none_dealloc" (reproduced in a 20-line script).

The desktop client runs its own tasks on the same `TaskPool` and `MainThreadInbox`
(`app.infra.workers`).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import socket
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for_futures
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QSocketNotifier

__all__ = ["MainThreadInbox", "TaskPool", "main_thread_inbox", "receiver_gone", "run_in_pool"]

log = logging.getLogger(__name__)

_Call = tuple[Callable[[Any], None], Any]
T = TypeVar("T")


class MainThreadInbox(QObject):
    """Runs calls posted from any thread on the thread that created it (the main thread).

    `post` and `call` are the only methods a worker may use: they touch a Python queue and a
    Python socket, never Qt. A call whose callback is a method of a deleted `QObject` is
    dropped, as Qt drops a queued signal to a deleted receiver.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._owner = threading.get_ident()
        self._calls: queue.SimpleQueue[_Call] = queue.SimpleQueue()
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read,
                                         self)
        self._notifier.activated.connect(self.drain)

    def post(self, callback: Callable[[T], None], value: T) -> None:
        """Queue ``callback(value)`` for the main thread (from any thread, always later)."""
        self._calls.put((callback, value))
        with contextlib.suppress(OSError):  # a full socket buffer: a wake-up is pending
            self._writer.send(b"\0")

    def call(self, callback: Callable[[T], None], value: T) -> None:
        """``callback(value)`` now when called on the main thread, else queued (like a Qt
        signal with an automatic connection)."""
        if threading.get_ident() == self._owner:
            callback(value)
        else:
            self.post(callback, value)

    def drain(self) -> None:
        """Run every queued call (main thread; the notifier calls it)."""
        try:
            while self._reader.recv(4096):
                pass
        except OSError:  # nothing more to read
            pass
        while True:
            try:
                callback, value = self._calls.get_nowait()
            except queue.Empty:
                break
            if receiver_gone(callback):
                continue
            try:
                callback(value)
            except Exception:  # a failing callback must not stop the others
                log.exception("callback on the main thread failed")


def receiver_gone(callback: Callable[..., Any]) -> bool:
    """``callback`` is a method of a deleted ``QObject`` (a window rebuilt in another
    language, a dialog closed): a call has nowhere to go."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not shiboken6.isValid(owner)


_INBOX: list[MainThreadInbox] = []


def main_thread_inbox() -> MainThreadInbox:
    """The process's inbox; the first call must come from the main thread."""
    if not _INBOX:
        _INBOX.append(MainThreadInbox())
    return _INBOX[0]


class TaskPool:
    """A few worker threads; `run` is called on the main thread, callbacks run there too."""

    def __init__(self, threads: int = 2, *, name: str = "viewer",
                 inbox: MainThreadInbox | None = None) -> None:
        self._executor = ThreadPoolExecutor(threads, thread_name_prefix=name)
        self._inbox = inbox or main_thread_inbox()
        self._futures: set[Future[None]] = set()

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        post = self._inbox.post
        failed = on_error or _log_error

        def task() -> None:
            try:
                value = fn()
            except BaseException as exc:  # delivered to the main thread, never lost
                post(failed, exc)
            else:
                post(on_done, value)

        future = self._executor.submit(task)
        self._futures.add(future)
        future.add_done_callback(self._futures.discard)

    def wait_for_done(self, timeout: float | None = None) -> None:
        """Block until the running tasks have finished (their callbacks come later)."""
        wait_for_futures(list(self._futures), timeout)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _log_error(exc: BaseException) -> None:
    log.warning("background task failed: %s", exc)


def run_in_pool(
    pool: TaskPool,
    fn: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Start `fn` on `pool`; must be called on the main thread."""
    pool.run(fn, on_done, on_error)
