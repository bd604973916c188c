"""Working copies edited in native applications become pending new versions.

A ``watchdog`` observer watches the working folders of the checked-out files
(``<data dir>/files/<customer key> <name>/<register>/<document file>``). Events are only hints:
after a quiet period (the debounce) the watcher looks at the files themselves, so several
writes of one save, Word's rename dance and Office lock and temp files end in at most one new
version per document, and equal content in none.

Deleting working copies never deletes documents. A single deleted working copy is reported;
a vanished working folder, or more deletions in one go than ``deletion_guard``, ask the user
through ``on_event("mass_deletion", ...)``; nothing is sent unless the user confirms
(:meth:`WorkingCopyWatcher.confirm_deletion`) — or the copies are written again
(:meth:`WorkingCopyWatcher.restore`, and the next sync does the same: the watcher marks the
copies it misses as due, and a sync writes the copies due, not every one).

Events, ``on_event(kind, data)`` from the watcher's thread:

- ``new_version``: ``{key, document_id, version, path}``
- ``new_file``: ``{key, register, path}`` (a file dropped into a folder; not filed)
- ``working_copy_deleted``: ``{key, document_id, path}``
- ``working_copy_moved``: ``{key, document_id, path, to}``
- ``mass_deletion``: ``{key, file_id, reason ("folder_vanished"|"threshold"), documents,
  count, threshold, working_dir}``
- ``error``: ``{path, message}``
"""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import select
from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from . import outbox
from .due import mark_copies_due
from .errors import SyncError
from .replica import LocalDocument, LocalFile, Replica
from .threads import background_priority

__all__ = ["IGNORED_PATTERNS", "WorkingCopyWatcher", "is_ignored"]

log = logging.getLogger(__name__)

EventCallback = Callable[[str, dict[str, Any]], None]

#: Lock, temp and system files of Office, LibreOffice, editors and file managers.
IGNORED_PATTERNS = ("~$*", ".~lock.*#", "*.tmp", "~*.tmp", ".DS_Store", "Thumbs.db",
                    "desktop.ini", "*~")

_CONTENT_EVENTS = {EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED,
                   EVENT_TYPE_DELETED, EVENT_TYPE_CLOSED}
_CHUNK = 1024 * 1024


def is_ignored(name: str) -> bool:
    """True for lock and temp files and for every name starting with a dot."""
    if not name or name.startswith("."):
        return True
    lowered = name.lower()
    return any(fnmatch.fnmatchcase(lowered, pattern.lower()) for pattern in IGNORED_PATTERNS)


def _norm(path: str | bytes | Path) -> str:
    return os.path.normcase(os.path.realpath(os.fsdecode(path)))


def _inside(path: str, root: str) -> bool:
    return path.startswith(root + os.sep)


@dataclass
class _Batch:
    paths: set[str] = field(default_factory=set)
    dirs: set[str] = field(default_factory=set)
    moves: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.paths or self.dirs)


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: WorkingCopyWatcher) -> None:
        self._watcher = watcher

    def dispatch(self, event: FileSystemEvent) -> None:
        background_priority()  # watchdog's observer thread
        self._watcher._on_fs_event(event)


class WorkingCopyWatcher:
    """Watches the working folders of the checked-out files of one replica.

    ``start()`` / ``stop()`` (or use it as a context manager); call ``refresh()`` after a
    check-out whose working folder lies outside the folders already watched.
    """

    def __init__(self, replica: Replica, *, debounce_seconds: float = 2.0,
                 on_event: EventCallback | None = None, deletion_guard: int = 10,
                 max_delay_seconds: float | None = None) -> None:
        self.replica = replica
        self.debounce_seconds = debounce_seconds
        self.max_delay_seconds = (max_delay_seconds if max_delay_seconds is not None
                                  else max(10.0, debounce_seconds * 5))
        self.deletion_guard = deletion_guard
        self._on_event = on_event
        self._cond = threading.Condition()
        self._batch = _Batch()
        self._first: float | None = None
        self._last = 0.0
        self._busy = False
        self._stopping = False
        self._reported_new: set[str] = set()
        self._processing = threading.Lock()  # the worker and scan() never overlap
        self._observer: BaseObserver | None = None
        self._worker: threading.Thread | None = None
        self._watched: set[str] = set()
        #: batches processed so far (tests and the UI may wait on it)
        self.batches = 0

    # life cycle ------------------------------------------------------------------------

    def start(self, *, scan: bool = False) -> None:
        """Start watching. ``scan=True`` first compares every working copy with the replica
        (edits saved while nothing watched)."""
        if self._observer is not None:
            return
        self._stopping = False
        self._observer = Observer()
        self._observer.daemon = True
        self.refresh()
        self._observer.start()
        self._worker = threading.Thread(target=self._run, name="dossier-watcher", daemon=True)
        self._worker.start()
        if scan:
            self.scan()

    def stop(self, *, flush: bool = True) -> None:
        """Stop watching; with ``flush`` the changes seen so far are processed first."""
        observer, worker = self._observer, self._worker
        if observer is None:
            return
        observer.stop()
        observer.join(timeout=10)
        with self._cond:
            self._stopping = True
            if not flush:
                self._batch = _Batch()
            self._cond.notify_all()
        if worker is not None:
            worker.join(timeout=60)
        self._observer = self._worker = None
        self._watched.clear()

    def __enter__(self) -> WorkingCopyWatcher:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def refresh(self) -> None:
        """Watch the folders holding the working folders of every checked-out file."""
        if self._observer is None:
            return
        for file in self._files():
            assert file.working_dir is not None
            parent = Path(file.working_dir).parent
            parent.mkdir(parents=True, exist_ok=True)
            key = _norm(parent)
            if key not in self._watched:
                self._observer.schedule(_Handler(self), str(parent), recursive=True)
                self._watched.add(key)

    def scan(self) -> None:
        """Look at every working copy now, as if each had been touched."""
        batch = _Batch()
        for file in self._files():
            assert file.working_dir is not None
            batch.dirs.add(_norm(file.working_dir))
        self._process(batch)

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until nothing seen is left unprocessed; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._batch or self._busy:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(min(remaining, 0.1))
        return True

    # the user's answers to "mass_deletion" ---------------------------------------------

    def restore(self, key: str) -> int:
        """Write the missing working copies of file ``key`` again from the cache."""
        restored = 0
        with self.replica.transaction() as session:
            file = session.scalar(select(LocalFile).where(LocalFile.key == key))
            if file is None:
                return 0
            docs = session.scalars(select(LocalDocument).where(
                LocalDocument.file_id == file.id, LocalDocument.working_path.is_not(None),
                LocalDocument.state != "deleted")).all()
            wanted = [(Path(str(d.working_path)), d.sha256) for d in docs]
        for path, sha in wanted:
            if sha and not path.exists() and self.replica.cache_path(sha).exists():
                outbox.copy_out(self.replica, sha, path)
                restored += 1
        return restored

    def confirm_deletion(self, document_ids: Iterable[str]) -> int:
        """The user confirmed: delete these documents (sent with the next sync)."""
        count = 0
        for doc_id in document_ids:
            outbox.delete_document(self.replica, doc_id)
            count += 1
        return count

    # events ------------------------------------------------------------------------------

    def _emit(self, kind: str, **data: Any) -> None:
        if self._on_event is None:
            return
        try:
            self._on_event(kind, data)
        except Exception:  # a listener's bug must not stop the watcher
            log.exception("watcher listener failed on %s", kind)

    def _on_fs_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _CONTENT_EVENTS:
            return  # opened, closed without writing, attributes: no content change
        src = _norm(event.src_path)
        dest = _norm(event.dest_path) if event.event_type == EVENT_TYPE_MOVED else ""
        with self._cond:
            before = bool(self._batch)
            if event.is_directory:
                if event.event_type in (EVENT_TYPE_DELETED, EVENT_TYPE_MOVED):
                    self._batch.dirs.add(src)
            else:
                if not is_ignored(os.path.basename(src)):
                    self._batch.paths.add(src)
                if dest and not is_ignored(os.path.basename(dest)):
                    self._batch.paths.add(dest)
                    self._batch.moves[src] = dest
            if not self._batch:
                return
            now = time.monotonic()
            if not before:
                self._first = now
            self._last = now
            self._cond.notify_all()

    def _run(self) -> None:
        background_priority()
        while True:
            with self._cond:
                while not self._batch and not self._stopping:
                    self._cond.wait()
                if not self._batch and self._stopping:
                    return
                if not self._stopping:
                    now = time.monotonic()
                    first = self._first if self._first is not None else now
                    due = min(self._last + self.debounce_seconds,
                              first + self.max_delay_seconds)
                    if now < due:
                        self._cond.wait(due - now)
                        continue
                batch, self._batch, self._first = self._batch, _Batch(), None
                self._busy = True
            try:
                self._process(batch)
            except Exception as exc:  # never let the watcher thread die
                log.exception("processing working-copy changes failed")
                self._emit("error", path="", message=str(exc))
            finally:
                with self._cond:
                    self._busy = False
                    self.batches += 1
                    self._cond.notify_all()

    def _requeue(self, path: str) -> None:
        """A file still locked or being written: look again after the next quiet period."""
        with self._cond:
            if not self._batch:
                self._first = time.monotonic()
            self._batch.paths.add(path)
            self._last = time.monotonic()
            self._cond.notify_all()

    # processing --------------------------------------------------------------------------

    def _files(self) -> list[LocalFile]:
        with self.replica.transaction() as session:
            return list(session.scalars(select(LocalFile).where(
                LocalFile.checkout_id.is_not(None), LocalFile.working_dir.is_not(None))))

    def _process(self, batch: _Batch) -> None:
        with self._processing:
            self._process_locked(batch)

    def _process_locked(self, batch: _Batch) -> None:
        for file in self._files():
            assert file.working_dir is not None
            root = _norm(file.working_dir)
            paths = {p for p in batch.paths if _inside(p, root)}
            whole = any(d == root or _inside(root, d) or _inside(d, root) for d in batch.dirs)
            if paths or whole:
                self._process_file(file, root, paths, whole, batch.moves)

    def _process_file(self, file: LocalFile, root: str, paths: set[str], whole: bool,
                      moves: dict[str, str]) -> None:
        with self.replica.transaction() as session:
            docs = session.scalars(select(LocalDocument).where(
                LocalDocument.file_id == file.id, LocalDocument.working_path.is_not(None),
                LocalDocument.state != "deleted")).all()
            by_path = {_norm(str(d.working_path)): (d.id, d.sha256, d.filename, d.working_sha)
                       for d in docs}
        if not os.path.isdir(root):
            if by_path:
                self._copies_gone(file, [known[0] for known in by_path.values()])
                self._emit("mass_deletion", key=file.key, file_id=file.id,
                           reason="folder_vanished",
                           documents=sorted(known[0] for known in by_path.values()),
                           count=len(by_path), threshold=self.deletion_guard,
                           working_dir=file.working_dir)
            return
        candidates = set(paths) | (set(by_path) if whole else set())
        renamed_to = {moves[p] for p in candidates if p in by_path and p in moves}
        missing: list[tuple[str, str]] = []
        changed: list[tuple[str, str, str | None, str, str | None]] = []
        for path in sorted(candidates):
            known = by_path.get(path)
            if known is None:
                if path not in renamed_to:  # a renamed working copy is reported as moved
                    self._maybe_new_file(file, root, path)
                continue
            doc_id, sha, filename, written = known
            if os.path.isfile(path):
                changed.append((path, doc_id, sha, filename, written))
            elif path in moves and os.path.isfile(moves[path]):
                self._copies_gone(file, [doc_id])
                self._emit("working_copy_moved", key=file.key, document_id=doc_id, path=path,
                           to=moves[path])
            else:
                missing.append((path, doc_id))
        self._copies_gone(file, [doc_id for _path, doc_id in missing])
        if len(missing) > self.deletion_guard:
            self._emit("mass_deletion", key=file.key, file_id=file.id, reason="threshold",
                       documents=sorted(doc_id for _, doc_id in missing), count=len(missing),
                       threshold=self.deletion_guard, working_dir=file.working_dir)
        else:
            for path, doc_id in missing:
                self._emit("working_copy_deleted", key=file.key, document_id=doc_id, path=path)
        for path, doc_id, sha, filename, written in changed:
            self._save_version(file, path, doc_id, sha, filename, written)

    def _copies_gone(self, file: LocalFile, doc_ids: list[str]) -> None:
        """Working copies no longer where Dossier wrote them: written again by the next sync
        (which looks only at the copies due), unless the user deletes the documents first."""
        if doc_ids:
            with self.replica.transaction() as session:
                mark_copies_due(session, file.id, doc_ids)

    def _maybe_new_file(self, file: LocalFile, root: str, path: str) -> None:
        if not os.path.isfile(path):
            self._reported_new.discard(path)
            return
        relative = Path(os.path.relpath(path, root))
        if any(is_ignored(part) for part in relative.parts) or path in self._reported_new:
            return
        self._reported_new.add(path)
        register = relative.parts[0] if len(relative.parts) > 1 else None
        self._emit("new_file", key=file.key, register=register, path=path)

    def _save_version(self, file: LocalFile, path: str, doc_id: str, sha: str | None,
                      filename: str, written: str | None = None) -> None:
        """A working copy changed: its content becomes the document's next version, unless
        it is the current one or still exactly what Dossier wrote there (``written``: a newer
        version made meanwhile in the app replaces that copy at the next sync)."""
        name = filename or os.path.basename(path)
        if Path(name).suffix.lower() != Path(path).suffix.lower():
            name = os.path.basename(path)
        with tempfile.TemporaryDirectory(dir=self.replica.cache_dir, prefix="wc-") as tmp:
            snapshot = Path(tmp) / name  # the document keeps its own file name
            try:
                digest = hashlib.sha256()
                with open(path, "rb") as src, snapshot.open("wb") as out:
                    while chunk := src.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
            except FileNotFoundError:
                return  # gone again meanwhile; its deletion shows in a later batch
            except OSError:
                self._requeue(path)  # locked by the application still saving
                return
            if digest.hexdigest() in (sha, written):
                return  # equal content is no new version; Dossier's own copy is no edit
            try:
                number = outbox.new_version(self.replica, doc_id, snapshot, working_copy=True)
            except SyncError as exc:
                self._emit("error", path=path, message=str(exc))
                return
        self._emit("new_version", key=file.key, document_id=doc_id, version=number, path=path)
