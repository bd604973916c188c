"""The signed-in client: server connection, file classes, the engine, and the calls the
windows make. It decides where a call goes: the replica and the outbox for a checked-out file
(works offline), the server otherwise. Qt-free; every method may run on any thread but the
UI's (most of them open the replica or ask the server).
"""

from __future__ import annotations

import dataclasses
import logging
import mimetypes
import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import local_view
from .customer_file import CustomerFile, copy_register_labels
from .embedded import EmbeddedServer
from .engine import Engine
from .errors import Offline, RequestRefused
from .profile import Profile
from .remote import RemoteClient
from .replica import Replica
from .working_folder import sha256_of

__all__ = ["Client", "media_type_of"]

log = logging.getLogger(__name__)


@dataclass
class Client:
    remote: RemoteClient
    profile: Profile
    username: str
    tenant: str
    embedded: EmbeddedServer | None = None
    file_classes: list[dict[str, Any]] = field(default_factory=list)
    started_offline: bool = False
    _engine: Engine | None = None
    _engine_lock: threading.Lock = field(default_factory=threading.Lock)
    _listeners: list[Callable[[str, dict[str, Any]], None]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.remote.base_url

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
            for change in page.get("changes", []):
                if (change.get("object") == "document" and change.get("op") == "created"
                        and change.get("file_id") in file_ids):
                    counts[change["file_id"]] = counts.get(change["file_id"], 0) + 1
            cursor = str(page.get("cursor", cursor))
            if not page.get("has_more"):
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
        """The sync engine, opened on first use (opens the replica: call on a worker)."""
        with self._engine_lock:
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
        with self._engine_lock:
            if self._engine is not None:
                self._engine.files_dir = self.profile.files_dir

    def listen(self, listener: Callable[[str, dict[str, Any]], None]) -> None:
        """Subscribe ``listener`` to the engine's events (now or when it opens)."""
        with self._engine_lock:
            self._listeners.append(listener)
            if self._engine is not None:
                self._engine.subscribe(listener)

    def unlisten(self, listener: Callable[[str, dict[str, Any]], None]) -> None:
        """Stop calling ``listener`` (a window that is closed for good)."""
        with self._engine_lock:
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

    # reading -----------------------------------------------------------------------------

    def file_class(self, name: str) -> dict[str, Any]:
        for item in self.file_classes:
            if item["name"] == name:
                return item
        return {"name": name, "label": name, "cover_fields": [], "document_types": []}

    def search_files(self, text: str) -> list[dict[str, Any]]:
        """Customers by number or name; offline, the checked-out ones."""
        try:
            return self.remote.files(text.strip() or None, limit=100)
        except Offline:
            replica = self._replica()
            if replica is None:
                raise
            return local_view.search_files(replica, text)

    def local_replica(self) -> Replica | None:
        """The replica of the checked-out files when one exists (opens it: a worker's call)."""
        return self._replica()

    def _replica(self) -> Replica | None:
        """The replica when one exists (without creating an empty one)."""
        if self._engine is None and not self.replica_path.exists():
            return None
        return self.engine().replica

    def open_file(self, file_id: str) -> CustomerFile:
        """A checked-out file is read from the replica (the user's own view, also offline);
        any other from the server."""
        replica = self._replica()
        local = local_view.file_documents(replica, file_id) if replica is not None else None
        if local is not None:
            file, documents = local
            checked_out = True
        else:
            file = self.remote.file(file_id)
            documents = self.remote.documents(file_id)
            checked_out = False
        file_class = self.file_class(file["file_class"])
        copy_register_labels(file_class.get("registers", []), file.get("registers", []))
        return CustomerFile(file=file, file_class=file_class, documents=documents,
                            checked_out=checked_out)

    def checked_out_count(self) -> tuple[Engine, int]:
        """The engine and how many files it has checked out (opens the replica: a worker's
        call)."""
        engine = self.engine()
        return engine, len(engine.checked_out())

    def is_checked_out(self, key: str) -> bool:
        if self._replica() is None:
            return False
        return any(f.key == key for f in self.engine().checked_out())

    def versions(self, document: dict[str, Any]) -> list[dict[str, Any]]:
        """Versions oldest first: from the replica for a checked-out file."""
        replica = self._replica()
        local = local_view.versions(replica, str(document["id"])) if replica else None
        return local if local is not None else self.remote.versions(str(document["id"]))

    def content(self, document: dict[str, Any], number: int | None = None) -> Path:
        """The content of a version: the replica's copy when it has it (works offline), else
        downloaded once into the cache folder and verified."""
        version = document["current_version"]
        if number is not None and number != version["number"]:
            version = next(v for v in self.versions(document) if v["number"] == number)
        replica = self._replica()
        if replica is not None and replica.cache_path(str(version["sha256"])).exists():
            return replica.cache_path(str(version["sha256"]))
        target: Path = self.cache_dir / str(version["sha256"])
        if not target.exists():
            partial = target.with_suffix(f".{uuid.uuid4().hex}.part")  # two readers at once
            try:
                with partial.open("w+b") as out:
                    self.remote.download(document["id"], version["number"], version["sha256"],
                                         out)
                partial.replace(target)
            finally:
                partial.unlink(missing_ok=True)
        return target

    # changing ----------------------------------------------------------------------------

    def add_document(self, customer_file: CustomerFile, path: Path, *, doc_type: str,
                     title: str, register: str, index: dict[str, Any]) -> str:
        """File ``path`` in the customer file: through the outbox when the file is checked
        out (works offline), else directly (upload the blob, then create the document)."""
        if customer_file.checked_out:
            return self.engine().add_document(customer_file.key, path, register=register,
                                              doc_type=doc_type, title=title, index=index)
        content = self._upload(path)
        body = {"id": str(uuid.uuid4()), "type": doc_type, "title": title,
                "registers": [register], "index": index, "content": content}
        return str(self.remote.create_document(customer_file.file["id"], body)["id"])

    def _upload(self, path: Path) -> dict[str, Any]:
        """Put ``path``'s bytes on the server; the ``content`` reference for them."""
        sha = sha256_of(path)
        self.remote.put_blob(path, sha)
        return {"sha256": sha, "filename": path.name, "media_type": media_type_of(path)}

    def update_document(self, customer_file: CustomerFile, document: dict[str, Any], *,
                        title: str | None = None, index: dict[str, Any] | None = None,
                        registers: list[str] | None = None) -> None:
        """Change the title, index values (only those given) or the registers (all of them,
        by id): queued in the outbox for a checked-out file, else sent with ``If-Match``."""
        doc_id = str(document["id"])
        if customer_file.checked_out:
            self.engine().set_index(doc_id, dict(index or {}), title=title,
                                    registers=registers)
            return
        changes: dict[str, Any] = {}
        if title is not None:
            changes["title"] = title
        if index:
            changes["index"] = index
        if registers is not None:
            have = set(document.get("registers", []))
            changes["registers"] = {"add": sorted(set(registers) - have),
                                    "remove": sorted(have - set(registers))}
        if changes:
            self.remote.update_document(doc_id, changes, _quoted(document["etag"]))

    def add_version(self, customer_file: CustomerFile, document: dict[str, Any], path: Path,
                    *, comment: str = "") -> None:
        """Save ``path`` as the document's next version (outbox when checked out)."""
        if customer_file.checked_out:
            self.engine().new_version(str(document["id"]), path, comment=comment)
            return
        self.remote.add_version(str(document["id"]), self._upload(path),
                                _quoted(document["etag"]), comment=comment)

    def delete_document(self, customer_file: CustomerFile, document: dict[str, Any]) -> None:
        """Delete (a tombstone on the server). Online the archive's refusal comes at once
        (``RequestRefused`` 409 with ``retention_until``); for a checked-out file at
        check-in, as a rejected change to look at."""
        if customer_file.checked_out:
            self.engine().delete_document(str(document["id"]))
            return
        self.remote.delete_document(str(document["id"]), _quoted(document["etag"]))


def media_type_of(path: Path) -> str:
    if path.suffix.lower() == ".eml":
        return "message/rfc822"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _quoted(etag: Any) -> str:
    return f'"{str(etag).strip(chr(34))}"'
