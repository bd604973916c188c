"""Running viewer operations in worker processes, so that no file can crash or hang the caller.

A `WorkerPool` keeps a few persistent worker processes (started with `spawn`, so it is safe
next to Qt threads). Each call sends a module-level function and its arguments to an idle
worker and waits at most `timeout` seconds. A worker that hangs is killed and replaced
(`TimedOut`); one that dies is replaced (`WorkerCrashed`). Workers run under an address-space
limit where the OS supports it, so a memory bomb fails inside the worker.

    >>> text = viewer.isolated.extract_text(upload_bytes, filename="x.pdf", timeout=30)

The module-level helpers use one shared pool of one worker, created on first use.

Nothing outlives the program: when it exits, every pool still open (the shared one included)
is closed and multiprocessing's resource tracker - a helper process that `spawn` starts
beside the first worker and that would otherwise outlive the program, orphaned - is stopped
and reaped (`shutdown`).
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import os
import queue
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from . import errors
from .errors import DamagedFile, TimedOut, ViewerError, WorkerCrashed

__all__ = [
    "DocumentInfo",
    "WorkerPool",
    "default_pool",
    "document_info",
    "extract_text",
    "render_page_png",
    "shutdown",
]

log = logging.getLogger(__name__)
T = TypeVar("T")


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context: Any, memory_limit_mb: int | None, quiet: bool) -> None:
        parent, child = context.Pipe()
        self.conn: Connection = parent
        self.process: BaseProcess = context.Process(
            target=_worker_main, args=(child, memory_limit_mb, quiet), daemon=True
        )
        self.process.start()
        child.close()

    def stop(self, grace: float = 0.0) -> None:
        """End the process and reap it: asked to leave first when `grace` > 0 (only for an
        idle worker: nobody else may be writing to its pipe), killed when it does not."""
        if grace > 0 and self.process.is_alive():
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
            self.process.join(timeout=grace)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """A small pool of persistent worker processes with per-call time limits.

    Thread-safe: several threads may `call` at once; each call gets its own worker.
    """

    def __init__(
        self,
        size: int = 1,
        *,
        timeout: float = 30.0,
        memory_limit_mb: int | None = 2048,
        quiet: bool = True,
    ) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.size = size
        self.timeout = timeout
        self.memory_limit_mb = memory_limit_mb
        self.quiet = quiet
        self.restarts = 0
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.LifoQueue[_Worker | None] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._closed = False
        self._started: set[_Worker] = set()  # alive workers, idle or busy
        for _ in range(size):
            self._idle.put(None)  # started lazily, on first use
        _open_pools.add(self)

    def call(self, fn: Callable[..., T], *args: Any, timeout: float | None = None) -> T:
        """Run `fn(*args)` in a worker; `fn` must be importable (module-level).

        Raises what `fn` raised if it is a `ViewerError`; `TimedOut` after `timeout`
        seconds; `WorkerCrashed` if the worker died; `DamagedFile` for any other error.
        """
        if self._closed:
            raise RuntimeError("the pool is closed")
        worker = self._idle.get()
        try:
            if worker is None or not worker.process.is_alive():
                worker = self._replace(worker)
                if worker is None:
                    raise WorkerCrashed("the worker pool was closed")
            try:
                return self._exchange(
                    worker, fn, args, self.timeout if timeout is None else timeout
                )
            except (TimedOut, WorkerCrashed):
                worker = self._replace(worker)  # a fresh one for the next call
                raise
        finally:
            self._idle.put(worker)

    def map(
        self, fn: Callable[..., T], items: Iterable[Any], *, timeout: float | None = None
    ) -> list[T | ViewerError]:
        """`fn(item)` for every item, spread over the workers; failures are returned."""

        def one(item: Any) -> T | ViewerError:
            try:
                return self.call(fn, item, timeout=timeout)
            except ViewerError as exc:
                return exc

        with ThreadPoolExecutor(max_workers=self.size) as executor:
            return list(executor.map(one, items))

    def warm_up(self) -> None:
        """Start all workers now instead of on first use."""
        slots = [self._idle.get() for _ in range(self.size)]
        try:
            for number, worker in enumerate(slots):
                if worker is None:
                    worker = slots[number] = self._replace(None)
                if worker is None:
                    raise RuntimeError("the pool is closed")
                self._exchange(worker, _ping, (), 60.0)
        finally:
            for worker in slots:
                self._idle.put(worker)

    def close(self) -> None:
        """Stop every worker now: idle ones are asked to leave, busy ones are killed (their
        calls raise `WorkerCrashed`). Returns once all of them are reaped."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            workers = set(self._started)
            self._started.clear()
        idle = set()
        with contextlib.suppress(queue.Empty):
            for _ in range(self.size):
                worker = self._idle.get_nowait()
                if worker is not None:
                    idle.add(worker)
        for worker in idle:
            worker.stop(grace=1.0)
        for worker in workers - idle:
            worker.stop()
        _open_pools.discard(self)

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _replace(self, worker: _Worker | None) -> _Worker | None:
        """Stop `worker` (if any) and start a fresh one; None once the pool is closed."""
        if worker is not None:
            worker.stop()
            self.restarts += 1
        with self._lock:
            if worker is not None:
                self._started.discard(worker)
            if self._closed:  # closed meanwhile, by another thread or at exit
                return None
            _register_exit_handler()
            fresh = _Worker(self._context, self.memory_limit_mb, self.quiet)
            self._started.add(fresh)
            return fresh

    @staticmethod
    def _exchange(
        worker: _Worker, fn: Callable[..., T], args: tuple[Any, ...], timeout: float
    ) -> T:
        try:
            worker.conn.send((fn, args))
            if not worker.conn.poll(timeout):
                raise TimedOut(f"{getattr(fn, '__name__', fn)} exceeded {timeout:.1f} s")
            status, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            code = worker.process.exitcode
            raise WorkerCrashed(f"worker process died (exit code {code})") from exc
        if status == "ok":
            return payload  # type: ignore[no-any-return]
        name, message, media_type = payload
        error_type = getattr(errors, name, None)
        if isinstance(error_type, type) and issubclass(error_type, ViewerError):
            raise error_type(message, media_type=media_type)
        raise DamagedFile(f"unexpected {name} in worker: {message}", media_type=media_type)


def _worker_main(conn: Connection, memory_limit_mb: int | None, quiet: bool) -> None:
    if memory_limit_mb:
        _limit_memory(memory_limit_mb)
    if quiet:  # C libraries (libjpeg, ...) write warnings about broken files to stderr
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    import viewer  # noqa: F401  (import the engines once, before the first task)

    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        fn, args = task
        try:
            reply: tuple[str, Any] = ("ok", fn(*args))
        except BaseException as exc:  # everything goes back to the parent
            name = type(exc).__name__
            reply = ("err", (name, str(exc)[:500], getattr(exc, "media_type", None)))
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


def _limit_memory(megabytes: int) -> None:
    try:
        import resource
    except ImportError:  # not on Windows
        return
    limit = megabytes * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        log.debug("cannot limit worker memory")


def _ping() -> str:
    return "pong"


# -- the end of the program ------------------------------------------------------------

_open_pools: set[WorkerPool] = set()  # strong: a pool nobody closed is closed at exit
_exit_handler_registered = False


def _register_exit_handler() -> None:
    """Make `shutdown` run at exit, once a worker is about to start (called under a lock).

    Registered after `multiprocessing`'s own exit handler, so it runs before that one: the
    pools are closed here, and that one then finds no children left to terminate."""
    global _exit_handler_registered
    if not _exit_handler_registered:
        atexit.register(shutdown)
        _exit_handler_registered = True


def shutdown() -> None:
    """Close every open pool and stop multiprocessing's resource tracker; runs at exit.

    The tracker is a process that `spawn` starts with the first worker; it ends only when
    every process holding its pipe has ended, i.e. after the program - which therefore left
    it behind, orphaned (`python -m viewer render` did, every time; so did the desktop
    client, through the shared pool of the search index). Here the program closes the pipe
    itself and reaps the tracker, but only when no child process of `multiprocessing` is
    left (another one would keep the tracker alive, and the wait would hang). The closed
    pools refuse further calls; `default_pool()` makes a new one (with a new tracker).
    """
    for pool in list(_open_pools):
        pool.close()
    if multiprocessing.active_children():
        log.debug("child processes left: the resource tracker is not stopped")
        return
    from multiprocessing import resource_tracker

    # private, but how CPython's own tests stop it; a Python without it leaves it be
    stop = getattr(resource_tracker._resource_tracker, "_stop", None)
    if callable(stop):
        try:
            stop()
        except Exception:  # a tracker that is gone already, or a reentrant call
            log.debug("cannot stop the resource tracker", exc_info=True)


# -- tasks and helpers ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What `python -m viewer info` shows."""

    media_type: str
    engine: str
    page_count: int
    needs_password: bool
    metadata: dict[str, str]
    page_sizes: list[tuple[float, float]]
    outline: list[tuple[int, str, int]]
    attachments: list[tuple[str, int, str | None]]


def document_info_task(data: bytes, filename: str | None, password: str | None) -> DocumentInfo:
    from .api import open_document

    with open_document(data, filename=filename, password=password) as doc:
        locked = doc.needs_password
        return DocumentInfo(
            media_type=doc.media_type,
            engine=doc.engine,
            page_count=doc.page_count,
            needs_password=locked,
            metadata=doc.metadata,
            page_sizes=[doc.page_size(i) for i in range(min(doc.page_count, 1000))],
            outline=[] if locked else [(o.level, o.title, o.page) for o in doc.outline],
            attachments=[] if locked else [(a.name, a.size, a.media_type) for a in doc.attachments],
        )


def extract_text_task(
    data: bytes, filename: str | None, max_chars: int, password: str | None
) -> str:
    from .api import extract_text as extract

    return extract(data, filename=filename, max_chars=max_chars, password=password)


def render_page_png_task(
    data: bytes, filename: str | None, index: int, zoom: float, rotation: int, password: str | None
) -> bytes:
    from .api import open_document
    from .errors import PasswordRequired

    with open_document(data, filename=filename, password=password) as doc:
        if doc.needs_password:
            raise PasswordRequired("the document is encrypted", media_type=doc.media_type)
        if not 0 <= index < doc.page_count:
            raise ViewerError(f"page {index + 1} does not exist ({doc.page_count} pages)")
        return doc.render_page(index, zoom=zoom, rotation=rotation).to_png()


_default: WorkerPool | None = None
_default_lock = threading.Lock()


def default_pool() -> WorkerPool:
    """The shared pool (one worker) used by the helpers below; closed at exit."""
    global _default
    with _default_lock:
        if _default is None or _default.closed:
            _default = WorkerPool(1)
        return _default


def extract_text(
    data: bytes,
    *,
    filename: str | None = None,
    max_chars: int = 2_000_000,
    password: str | None = None,
    timeout: float = 30.0,
    pool: WorkerPool | None = None,
) -> str:
    """`viewer.extract_text` in a worker process: for untrusted uploads."""
    return (pool or default_pool()).call(
        extract_text_task, data, filename, max_chars, password, timeout=timeout
    )


def document_info(
    data: bytes,
    *,
    filename: str | None = None,
    password: str | None = None,
    timeout: float = 30.0,
    pool: WorkerPool | None = None,
) -> DocumentInfo:
    """Media type, pages, metadata, outline and attachments, read in a worker process."""
    return (pool or default_pool()).call(
        document_info_task, data, filename, password, timeout=timeout
    )


def render_page_png(
    data: bytes,
    index: int,
    *,
    zoom: float = 1.0,
    rotation: int = 0,
    filename: str | None = None,
    password: str | None = None,
    timeout: float = 30.0,
    pool: WorkerPool | None = None,
) -> bytes:
    """Page `index` (0-based) as PNG, rendered in a worker process."""
    return (pool or default_pool()).call(
        render_page_png_task, data, filename, index, zoom, rotation, password, timeout=timeout
    )
