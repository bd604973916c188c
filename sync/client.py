"""The signed-in client: server connection, file classes, the engine, and the calls the
windows make. It decides where a call goes: the replica and the outbox for a checked-out file
(works offline), the server otherwise. Qt-free; every method may run on any thread but the
UI's (most of them open the replica or ask the server).
"""

from __future__ import annotations

import dataclasses
import logging
import re
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .client_documents import DocumentCalls
from .client_search import SearchCalls
from .conflicts import Conflict
from .embedded import EmbeddedServer
from .engine import DocumentsInFile, Engine, SyncReport
from .errors import RequestRefused
from .profile import Profile
from .remote import RemoteClient
from .replica import Replica
from .scheduler import StateListener, SyncScheduler
from .watcher import EventCallback, WorkingCopyWatcher
from .wire_records import FileClass

__all__ = ["CheckedOutFile", "Client"]

log = logging.getLogger(__name__)


Listener = Callable[[str, dict[str, Any]], None]


@dataclass(frozen=True)
class CheckedOutFile:
    """A file checked out here: ``pending`` changes not yet sent, open ``conflicts``."""

    id: str
    key: str
    title: str
    pending: int
    conflicts: int


@dataclass
class Client(DocumentCalls, SearchCalls):
    """The signed-in client (made by ``connect``, ``connect_saved``, ``connect_embedded``).

    Where a call goes is decided here: see :class:`~sync.client_documents.DocumentCalls`
    for files and documents, :class:`~sync.client_search.SearchCalls` for search, views and
    the audit trail. Offline work (check-out, sync, check-in, conflicts) goes to the engine,
    which serialises its changes itself. ``remote`` is the server's API for the calls that
    never touch the replica (lookups by key).
    Thread: any but the UI's, unless a method says otherwise.
    """

    remote: RemoteClient
    profile: Profile
    username: str
    tenant: str
    embedded: EmbeddedServer | None = None
    #: the file classes (``use_file_classes``)
    classes: list[FileClass] = field(default_factory=list)
    #: the same as the server sent them (the search chips read them)
    file_classes: list[dict[str, Any]] = field(default_factory=list)
    started_offline: bool = False
    _engine: Engine | None = None
    #: opening the engine once, and its listeners (the engine serialises its own calls)
    _opening: threading.Lock = field(default_factory=threading.Lock)
    _listeners: list[Listener] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.remote.base_url

    def use_file_classes(self, items: list[dict[str, Any]]) -> None:
        """Take the file classes as the server sends them (``GET /file-classes``, or its
        answer kept for a start without the server). Raises ``ServerError`` for a class not
        as API.md says. Any thread, before the client is handed on."""
        self.classes = [FileClass.from_json(item) for item in items]
        self.file_classes = list(items)

    @property
    def settings_scope(self) -> str:
        """Where per-user settings (columns, favourites) are kept: one place per user and
        server (the embedded server changes its port on every start, so it is "embedded")."""
        server = "embedded" if self.embedded else self.url.split("://", 1)[-1]
        user = f"{self.tenant}:{self.username}" if self.tenant else self.username
        return re.sub(r"[^\w.:@-]+", "_", f"{user}@{server}").strip("_")

    def new_documents_since(self, cursor: str, file_ids: set[str]) -> tuple[dict[str, int], str]:
        """Documents created in ``file_ids`` since the feed's ``cursor`` (``"latest"``: from
        now on), counted per file, and the cursor to ask from next time (call on a worker).
        A cursor the server no longer knows starts again from now."""
        counts: dict[str, int] = {}
        for _page in range(20):  # 10,000 changes at most per look; the rest next time
            try:
                page = self.remote.changes(cursor, limit=500)
            except RequestRefused as exc:
                if exc.status != 410:
                    raise
                page = self.remote.changes("latest")
            for change in page.changes:
                if (change.object == "document" and change.op == "created"
                        and change.file_id is not None and change.file_id in file_ids):
                    counts[change.file_id] = counts.get(change.file_id, 0) + 1
            cursor = page.cursor_after(cursor)
            if not page.has_more:
                break
        return counts, cursor

    @property
    def cache_dir(self) -> Path:
        path = self.profile.directory / "viewer-cache"
        path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def replica_path(self) -> Path:
        # the embedded server's port changes per run: its replica is keyed by "embedded"
        key = "embedded" if self.embedded else self.url
        return dataclasses.replace(self.profile, server_url=key, username=self.username,
                                   tenant=self.tenant).replica_path

    def engine(self) -> Engine:
        """The sync engine, opened on first use (opens the replica: call on a worker). For
        tests and tools; the desktop client goes through this class's own methods."""
        with self._opening:
            return self._open_engine()

    def _open_engine(self) -> Engine:
        if self._engine is None:
            remote = self.remote.sibling()
            self._engine = Engine(remote, Replica(self.replica_path),
                                  device_id=self.profile.device_id,
                                  files_dir=self.profile.files_dir)
            for listener in self._listeners:
                self._engine.subscribe(listener)
        return self._engine

    def set_working_dir(self, folder: Path) -> None:
        """Files checked out from now on go to ``folder`` (checked-out ones stay where they
        are: their working copies are being watched there)."""
        self.profile.working_dir = str(folder)
        self.profile.save()
        with self._opening:
            if self._engine is not None:
                self._engine.files_dir = self.profile.files_dir

    def listen(self, listener: Listener) -> None:
        """Subscribe ``listener`` to the engine's events (now or when it opens)."""
        with self._opening:
            self._listeners.append(listener)
            if self._engine is not None:
                self._engine.subscribe(listener)

    def unlisten(self, listener: Listener) -> None:
        """Stop calling ``listener`` (a window that is closed for good)."""
        with self._opening:
            if listener in self._listeners:
                self._listeners.remove(listener)
            if self._engine is not None:
                self._engine.unsubscribe(listener)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.remote.close()
            self._engine.replica.close()
        self.remote.close()
        if self.embedded is not None:
            self.embedded.stop()

    def _replica(self) -> Replica | None:
        """The replica when one exists (without creating an empty one)."""
        if self._engine is None and not self.replica_path.exists():
            return None
        return self.engine().replica

    def local_replica(self) -> Replica | None:
        """The replica of the checked-out files when one exists (opens it). Only whether it
        is ``None`` is for the UI: searches offline need one."""
        return self._replica()

    # offline work ------------------------------------------------------------------------

    def checkout(self, key: str, *, exclusive: bool = False,
                 registers: list[str] | None = None) -> dict[str, Any]:
        """Take the file into the replica and its working folder: ``{"file_id", "key",
        "documents", "mode"}``. Raises ``Offline``, ``NotFound``, ``Locked``,
        ``UsageError``."""
        return self.engine().checkout(key, exclusive=exclusive, registers=registers)

    def sync(self) -> SyncReport:
        """Send the outbox and fetch what changed, for every checked-out file (offline the
        report says so and the work stays queued)."""
        return self.engine().sync()

    def checkin(self, key: str) -> SyncReport:
        """Sync the file, then release it. Raises ``Offline``, ``UsageError`` (conflicts or
        changes still pending)."""
        return self.engine().checkin(key)

    def cancel_checkout(self, key: str, *, force: bool = False) -> list[str]:
        """Give the file back without sending anything; the edited working copies kept.
        Raises ``UsageError`` when changes are pending and not ``force``."""
        return self.engine().cancel(key, force=force)

    def checked_out_count(self) -> int:
        """How many files are checked out here (opens the replica)."""
        return len(self.engine().checked_out())

    def checked_out_files(self) -> list[CheckedOutFile]:
        """The files checked out here, by key, with their pending changes and conflicts."""
        engine = self.engine()
        return [CheckedOutFile(id=f.id, key=f.key, title=f.title,
                               pending=engine.pending_count(f.id),
                               conflicts=len(engine.conflicts(f.id)))
                for f in engine.checked_out()]

    def is_checked_out(self, key: str) -> bool:
        if self._replica() is None:
            return False
        return any(f.key == key for f in self.engine().checked_out())

    def pending_count(self, file_id: str | None = None) -> int:
        """Changes not yet sent (of one file, or of all)."""
        return self.engine().pending_count(file_id)

    def conflicts(self, file_id: str | None = None) -> list[Conflict]:
        """The open conflicts (of one file, or of all), oldest first."""
        return self.engine().conflicts(file_id)

    def resolve_conflict(self, conflict_id: int, keep: str | None, *,
                         per_field: dict[str, str] | None = None) -> SyncReport:
        """Apply the user's choice, then sync so it reaches the server. Raises
        ``UsageError``."""
        engine = self.engine()
        engine.resolve(conflict_id, keep, per_field=per_field)
        return engine.sync()

    def conflict_content(self, conflict: Conflict, side: str) -> bytes:
        """The content a content conflict is about: ``"mine"`` from the replica,
        ``"theirs"`` from the replica's cache or else downloaded. Raises ``Offline``."""
        engine = self.engine()
        snapshot = conflict.mine if side == "mine" else conflict.theirs
        cached = engine.replica.cache_path(str(snapshot["sha256"]))
        if side == "mine" or cached.exists():
            return cached.read_bytes()
        with tempfile.TemporaryFile() as target:
            engine.remote.download(str(conflict.document_id), int(snapshot["current_version"]),
                                   str(snapshot["sha256"]), target)
            target.seek(0)
            return target.read()

    def working_copy(self, document: dict[str, Any]) -> Path | None:
        """The working copy of a checked-out document, written again if it went missing;
        ``None`` while the replica has no content for it yet."""
        path = document.get("working_path")
        if path and Path(path).exists():
            return Path(path)
        return self.engine().working_copy(str(document.get("file_id", "")),
                                          str(document["id"]))

    def files_of_documents(self, doc_ids: list[str]) -> list[DocumentsInFile]:
        """Which checked-out files the documents ``doc_ids`` landed in, and how many."""
        return self.engine().files_of_documents(doc_ids)

    def sync_scheduler(self, interval_seconds: float, *,
                       on_state: StateListener | None = None) -> SyncScheduler:
        """A scheduler that keeps this client's checked-out files in sync (not started;
        ``start()`` and ``shutdown()`` it). Its state goes to ``on_state`` from its own
        thread. Opens the engine when it is not open yet; once ``checked_out_count`` opened
        it, this is cheap enough for the UI thread."""
        return SyncScheduler(self.engine(), interval_seconds, on_state=on_state)

    def working_copy_watcher(self, *, debounce_seconds: float = 2.0,
                             on_event: EventCallback | None = None,
                             deletion_guard: int = 10) -> WorkingCopyWatcher:
        """A watcher that turns saved working copies into pending versions (not started).
        Its events go to ``on_event`` from its own thread. Thread: as ``sync_scheduler``."""
        return WorkingCopyWatcher(self.engine().replica, debounce_seconds=debounce_seconds,
                                  on_event=on_event, deletion_guard=deletion_guard)
