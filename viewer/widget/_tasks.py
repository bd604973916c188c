"""Running viewer calls on worker threads and getting the results back on the main thread.

Workers are plain Python threads (`concurrent.futures`) that never call into Qt - not even
to build a `QImage`; results travel through a `queue.SimpleQueue` that a timer on the main
thread drains. The reason is a PySide6 6.12 bug: any PySide6 call made from two Python
threads at once (a `QRunnable` run by `QThreadPool`, a signal emitted from a worker, a
`QImage` built on a worker) corrupts the reference counts of `None`/`True`/`False` and the
process dies with "Fatal Python error: none_dealloc" (reproduced in a 20-line script).
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer

__all__ = ["TaskPool", "run_in_pool"]

log = logging.getLogger(__name__)

_Delivery = tuple[Callable[[Any], None], Any]


class _Dispatcher(QObject):
    """Lives on the main thread; calls the callbacks of finished tasks there."""

    def __init__(self) -> None:
        super().__init__()
        self.results: queue.SimpleQueue[_Delivery] = queue.SimpleQueue()
        self.in_flight = 0
        self._timer = QTimer(self)
        self._timer.setInterval(2)
        self._timer.timeout.connect(self.drain)

    def started(self) -> None:
        self.in_flight += 1
        if not self._timer.isActive():
            self._timer.start()

    def drain(self) -> None:
        while True:
            try:
                callback, value = self.results.get_nowait()
            except queue.Empty:
                break
            self.in_flight -= 1
            try:
                callback(value)
            except Exception:  # a failing callback must not stop the others
                log.exception("callback of a background task failed")
        if self.in_flight <= 0:
            self._timer.stop()


class TaskPool:
    """A few worker threads; `run` is called on the main thread, callbacks run there too."""

    def __init__(self, threads: int = 2) -> None:
        self._executor = ThreadPoolExecutor(threads, thread_name_prefix="viewer")
        self._dispatcher = _Dispatcher()
        self._futures: set[Future[None]] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        results = self._dispatcher.results
        failed = on_error or _log_error

        def task() -> None:
            try:
                value = fn()
            except BaseException as exc:  # delivered to the main thread, never lost
                results.put((failed, exc))
            else:
                results.put((on_done, value))

        self._dispatcher.started()
        future = self._executor.submit(task)
        self._futures.add(future)
        future.add_done_callback(self._futures.discard)

    def wait_for_done(self) -> None:
        """Block until the running tasks have finished (their callbacks come later)."""
        for future in list(self._futures):
            future.result()

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _log_error(exc: BaseException) -> None:
    log.warning("background task failed: %s", exc)


def run_in_pool(
    pool: TaskPool,
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Start `fn` on `pool`; must be called on the main thread."""
    pool.run(fn, on_done, on_error)
