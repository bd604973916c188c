"""The engine's facade: check-out, sync, check-in, conflicts, status.

Network calls happen here and in ``push``/``pull``/``transfer``. Every public method may be
called from any thread (the scheduler's, the watcher's, the UI's workers): the engine serialises
itself. The methods that change the replica or the outbox hold the engine's own re-entrant
``lock`` for their whole run, so a check-out, a sync and a check-in never interleave and no
caller has to remember a lock of its own. Queries (``checked_out``, ``pending_count``,
``conflicts``, ...) are one read transaction each: they see the last committed state and never
wait for a sync that is running. Progress and state go to plain callbacks, called while the
lock is held: a listener must not wait for another thread that calls the engine.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import func, select

from . import outbox
from .checkout import check_out
from .conflicts import Conflict as ConflictData
from .conflicts import conflict_of
from .errors import Offline, SyncError, UsageError
from .faults import checkpoint
from .fields import remember_file_classes
from .materialise import write_working_copies
from .operations import QUEUED, ConflictKind, ConflictState
from .remote import RemoteClient
from .replica import (
    Conflict,
    LocalDocument,
    LocalFile,
    Meta,
    OutboxOp,
    Replica,
)
from .resolve import resolve
from .sync_pass import CHECK_INTERVAL, SyncReport, decision_view, sync_file
from .working_folder import prune_empty_folders, remove_untouched

__all__ = ["DocumentsInFile", "Engine", "SyncReport"]

log = logging.getLogger(__name__)

Listener = Callable[[str, dict[str, Any]], None]


_P = ParamSpec("_P")
_R = TypeVar("_R")


def serialised(
        method: Callable[Concatenate[Engine, _P], _R]) -> Callable[Concatenate[Engine, _P], _R]:
    """The engine method runs holding the engine's ``lock``."""

    @wraps(method)
    def locked(engine: Engine, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with engine.lock:
            return method(engine, *args, **kwargs)

    return locked


@dataclass(frozen=True)
class DocumentsInFile:
    """So many of some documents are in the checked-out file ``key`` (``title``)."""

    key: str
    title: str
    count: int


class Engine:
    def __init__(self, remote: RemoteClient, replica: Replica, *, device_id: str,
                 files_dir: Path) -> None:
        self.remote = remote
        self.replica = replica
        self.device_id = device_id
        self.files_dir = files_dir
        self._listeners: list[Listener] = []
        #: held by every method that changes the replica or the outbox (re-entrant); hold it
        #: to make several calls one step nobody else's change comes between
        self.lock = threading.RLock()

    def subscribe(self, listener: Listener) -> None:
        """``listener(event, data)`` is called from the engine's thread."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop calling ``listener``. Any thread; an event being delivered right now may
        still reach it."""
        self._listeners = [known for known in self._listeners if known != listener]

    def _emit(self, event: str, **data: Any) -> None:
        for listener in self._listeners:
            try:
                listener(event, data)
            except Exception:  # a listener's bug must not stop a sync
                log.exception("listener failed on %s", event)

    # check-out ---------------------------------------------------------------------

    @serialised
    def checkout(self, key: str, *, exclusive: bool = False,
                 registers: list[str] | None = None) -> dict[str, Any]:
        """Take the file into the replica and its working folder (``sync.checkout``). Raises
        ``Offline``, ``NotFound``, ``Locked``, ``UsageError``."""
        return check_out(self.remote, self.replica, key, device_id=self.device_id,
                         files_dir=self.files_dir, exclusive=exclusive, registers=registers,
                         emit=self._emit)

    def _remember_file_classes(self, *, unless_known: bool = False) -> None:
        """Keep the server's file classes in the replica: index and cover values are then
        checked offline as the server checks them (``fields.py``)."""
        if unless_known:
            with self.replica.transaction() as session:
                if session.get(Meta, "file_classes") is not None:
                    return
        classes = self.remote.file_classes()
        with self.replica.transaction() as session:
            remember_file_classes(session, classes)

    def _download_progress(self, key: str) -> Callable[[int, int], None]:
        """``progress`` events with ``stage="download"``, ``done`` and ``total`` contents."""
        return lambda done, total: self._emit("progress", stage="download", key=key,
                                              done=done, total=total)

    @serialised
    def materialise(self, file_id: str, documents: Collection[str] | None = None) -> None:
        """Write working copies: <files>/<key> <name>/<register>/<document file>; of
        ``documents`` only, or of every document of the file (``None``)."""
        write_working_copies(self.replica, file_id, documents)

    # sync ----------------------------------------------------------------------------

    def checked_out(self) -> list[LocalFile]:
        with self.replica.transaction() as session:
            return list(session.scalars(select(LocalFile).where(
                LocalFile.checkout_id.is_not(None)).order_by(LocalFile.key)))

    @serialised
    def sync(self) -> SyncReport:
        """Push every outbox, then pull every checked-out file (``sync_pass``). ``Offline`` is
        reported, not raised: the work stays queued."""
        report = SyncReport()
        last_decision = self._last_conflict_id()
        files = self.checked_out()
        if files:
            try:
                self._remember_file_classes(unless_known=True)
            except Offline:
                report.offline = True
                self._emit("offline")
                files = []
        for file in files:
            self._emit("progress", stage="sync", key=file.key)
            try:
                sync_file(self.remote, self.replica, file, report, emit=self._emit,
                          progress=self._download_progress(file.key),
                          check_interval=self.CHECK_INTERVAL)
            except Offline:
                report.offline = True
                self._emit("offline")
                break
        report.conflicts = len(self.conflicts())
        report.decisions = self.decisions(after=last_decision)
        for decision in report.decisions:
            self._emit("decided", **decision)
        self._emit("synced", report=report)
        return report

    #: how long a file goes without the self-check while neither side changes anything
    CHECK_INTERVAL = CHECK_INTERVAL

    @serialised
    def checkin(self, key: str) -> SyncReport:
        """Sync the file and release the check-out when nothing is left pending. A file
        already checked in (a check-in interrupted after its release) only has its working
        folder tidied."""
        released = self._released_untidied(key)
        if released is not None:
            return SyncReport(kept=[str(p) for p in self._tidy_working_folder(released)])
        file = self._file(key)
        report = self.sync()
        if report.offline:
            raise Offline("the server is unreachable; the check-in stays queued")
        if self.pending_count(file.id) or self.conflicts(file.id):
            raise UsageError(f"file {key} has unresolved conflicts or pending changes")
        assert file.checkout_id is not None
        checkpoint("engine.checkin.before_release")
        self.remote.checkin(file.checkout_id, [], release=True)
        checkpoint("engine.checkin.after_release")
        with self.replica.transaction() as session:
            local = session.get(LocalFile, file.id)
            assert local is not None
            local.checkout_id = None
        checkpoint("engine.checkin.after_commit")
        report.kept = [str(p) for p in self._tidy_working_folder(file)]
        self._emit("checked_in", key=key, kept=report.kept)
        return report

    @serialised
    def cancel(self, key: str, *, force: bool = False) -> list[str]:
        """Give the file back without sending anything; returns the working copies kept
        because they differ from the server's (the user's edits stay on disk)."""
        released = self._released_untidied(key)
        if released is not None:  # cancelled before, interrupted while tidying
            return [str(p) for p in self._tidy_working_folder(released)]
        file = self._file(key)
        if self.pending_count(file.id) and not force:
            raise UsageError(f"file {key} has changes not yet checked in (use --force to "
                             "drop them)")
        assert file.checkout_id is not None
        self.remote.cancel_checkout(file.checkout_id)
        with self.replica.transaction() as session:
            for op in session.scalars(select(OutboxOp).where(OutboxOp.file_id == file.id)):
                session.delete(op)
            local = session.get(LocalFile, file.id)
            assert local is not None
            local.checkout_id = None
        return [str(p) for p in self._tidy_working_folder(file)]

    def _tidy_working_folder(self, file: LocalFile) -> list[Path]:
        """After the check-out ended: remove the working copies still as written (the
        server has them) and the folders left empty; returns the copies kept (edited)."""
        with self.replica.transaction() as session:
            copies = session.execute(select(LocalDocument.working_path, LocalDocument.working_sha)
                                     .where(LocalDocument.file_id == file.id)).all()
        kept = remove_untouched(copies)
        if file.working_dir:
            prune_empty_folders(Path(file.working_dir))
        with self.replica.transaction() as session:
            local = session.get(LocalFile, file.id)
            if local is not None and local.checkout_id is None:
                local.working_dir = None  # tidied: a check-in run again has nothing to do
        if kept:
            log.info("check-out of %s ended; %d edited working copies stay in %s", file.key,
                     len(kept), file.working_dir)
        return kept

    @serialised
    def server_answers(self) -> None:
        """Ask the server who is signed in: returns when it answers. Raises ``Offline``,
        ``AuthError``."""
        self.remote.me()

    # local changes (queued in the outbox, sent by the next sync) ------------------------

    @serialised
    def add_document(self, key: str, path: Path, *, register: str, doc_type: str,
                     title: str | None = None, index: dict[str, Any] | None = None) -> str:
        """File ``path`` in the checked-out file ``key``; returns the new document's id.
        Raises ``UsageError`` (not checked out, unknown register, invalid index values)."""
        return outbox.add_document(self.replica, key=key, path=path, register=register,
                                   doc_type=doc_type, title=title, index=index)

    @serialised
    def set_index(self, doc_id: str, changes: dict[str, Any], *, title: str | None = None,
                  registers: list[str] | None = None) -> None:
        """Change index values, the title or (all of) the registers. Raises ``UsageError``."""
        outbox.set_index(self.replica, doc_id, changes, title=title, registers=registers)

    @serialised
    def new_version(self, doc_id: str, path: Path, *, comment: str = "") -> int:
        """Save ``path`` as the document's next version; its local number. Raises
        ``UsageError``."""
        return outbox.new_version(self.replica, doc_id, path, comment=comment)

    @serialised
    def delete_document(self, doc_id: str) -> None:
        """Queue the deletion (the server may refuse it at the next sync). Raises
        ``UsageError``."""
        outbox.delete_document(self.replica, doc_id)

    @serialised
    def resolve(self, conflict_id: int, keep: str | None, *,
                per_field: dict[str, str] | None = None) -> dict[str, Any]:
        """Apply the user's choice on a conflict (``sync.resolve.resolve``); the resulting
        operations go with the next sync. Raises ``UsageError``."""
        return resolve(self.replica, conflict_id, keep, per_field=per_field)

    @serialised
    def working_copy(self, file_id: str, doc_id: str) -> Path | None:
        """The document's working copy, written again first if it went missing; ``None``
        when the replica has no content for it yet."""
        self.materialise(file_id, [doc_id])
        with self.replica.transaction() as session:
            doc = session.get(LocalDocument, doc_id)
            path = doc.working_path if doc is not None else None
        return Path(path) if path and Path(path).exists() else None

    # state ---------------------------------------------------------------------------

    def _released_untidied(self, key: str) -> LocalFile | None:
        """The file when its check-out ended but its working folder was not tidied yet."""
        with self.replica.transaction() as session:
            return session.scalar(select(LocalFile).where(
                LocalFile.key == key, LocalFile.checkout_id.is_(None),
                LocalFile.working_dir.is_not(None)))

    def _file(self, key: str) -> LocalFile:
        with self.replica.transaction() as session:
            file = session.scalar(select(LocalFile).where(LocalFile.key == key))
        if file is None or file.checkout_id is None:
            raise UsageError(f"file {key} is not checked out")
        return file

    def pending_count(self, file_id: str | None = None) -> int:
        with self.replica.transaction() as session:
            query = select(func.count()).select_from(OutboxOp).where(
                OutboxOp.state.in_(QUEUED))
            if file_id:
                query = query.where(OutboxOp.file_id == file_id)
            return int(session.scalar(query) or 0)

    def conflicts(self, file_id: str | None = None) -> list[ConflictData]:
        """The open conflicts (of one file, or of all), oldest first, as data."""
        with self.replica.transaction() as session:
            query = select(Conflict).where(Conflict.state == ConflictState.OPEN)
            if file_id:
                query = query.where(Conflict.file_id == file_id)
            return [conflict_of(row) for row in session.scalars(query.order_by(Conflict.id))]

    def reports(self) -> list[ConflictData]:
        """Decisions the engine took by the rules (e.g. edit against delete), to show."""
        with self.replica.transaction() as session:
            return [conflict_of(row) for row in session.scalars(select(Conflict).where(
                Conflict.state == ConflictState.RESOLVED,
                Conflict.kind == ConflictKind.DELETED))]

    def decisions(self, *, after: int = 0) -> list[dict[str, Any]]:
        """The automatic decisions (``reports``) recorded after conflict id ``after``."""
        with self.replica.transaction() as session:
            rows = session.scalars(select(Conflict).where(
                Conflict.id > after, Conflict.state == "resolved",
                Conflict.kind == "deleted").order_by(Conflict.id)).all()
            return [decision_view(row) for row in rows]

    def files_of_documents(self, doc_ids: list[str]) -> list[DocumentsInFile]:
        """Which checked-out files the documents ``doc_ids`` are in, and how many of them in
        each (in the order of the file keys)."""
        counts: dict[tuple[str, str], int] = {}
        if not doc_ids:
            return []
        with self.replica.transaction() as session:
            rows = session.execute(
                select(LocalFile.key, LocalFile.title)
                .join(LocalDocument, LocalDocument.file_id == LocalFile.id)
                .where(LocalDocument.id.in_(doc_ids)))
            for key, title in rows:
                counts[(key, title)] = counts.get((key, title), 0) + 1
        return [DocumentsInFile(key, title, count)
                for (key, title), count in sorted(counts.items())]

    def _last_conflict_id(self) -> int:
        with self.replica.transaction() as session:
            return int(session.scalar(select(func.max(Conflict.id))) or 0)




def new_device_id() -> str:
    return str(uuid.uuid4())


__all__ += ["SyncError", "new_device_id"]
