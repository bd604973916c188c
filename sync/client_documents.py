"""The client's calls on files and documents, and where each goes: a checked-out file is read
from the replica and changed through the outbox (both work offline); any other file is read from
and changed on the server at once. Part of :class:`~sync.client.Client`.

Every method may be called from any thread but the UI's: each asks the server or opens the
replica. Server errors arrive as the engine's exception tree (``Offline``, ``RequestRefused``
and its subclasses ``NotFound``, ``Locked``, ``StaleObject``); outbox changes raise
``UsageError`` for values the file class refuses.
"""

from __future__ import annotations

import dataclasses
import mimetypes
import uuid
from pathlib import Path
from typing import Any

from viewer.query import QueryError

from . import local_view
from .customer_file import CustomerFile, with_register_labels
from .engine import Engine
from .errors import Offline
from .remote import RemoteClient
from .replica import Replica
from .wire import Version
from .wire_records import FileClass, FileRecord
from .working_folder import sha256_of

__all__ = ["DocumentCalls", "QueryError", "media_type_of"]


class DocumentCalls:
    """Reading and changing customer files and documents (mixed into ``Client``)."""

    remote: RemoteClient
    classes: list[FileClass]

    def engine(self) -> Engine:
        raise NotImplementedError

    def _replica(self) -> Replica | None:
        raise NotImplementedError

    @property
    def cache_dir(self) -> Path:
        raise NotImplementedError

    # reading -----------------------------------------------------------------------------

    def file_class(self, name: str) -> FileClass:
        """The file class named ``name``; an empty one (no fields, no types) when the server
        named none such."""
        return next((c for c in self.classes if c.name == name),
                    FileClass(name=name, label=name))

    def search_files(self, text: str) -> list[FileRecord]:
        """Customers by number or name; offline, the checked-out ones. Raises ``Offline``
        when there is no replica either."""
        try:
            return self.remote.files(text.strip() or None, limit=100)
        except Offline:
            replica = self._replica()
            if replica is None:
                raise
            return local_view.search_files(replica, text)

    def open_file(self, file_id: str) -> CustomerFile:
        """A checked-out file is read from the replica (the user's own view, also offline);
        any other from the server."""
        replica = self._replica()
        local = local_view.file_documents(replica, file_id) if replica is not None else None
        if local is not None:
            file, documents = local
            checked_out = True
        else:
            file = self.remote.file_record(file_id)
            documents = self.remote.documents(file_id)
            checked_out = False
        file_class = self.file_class(file.file_class)
        file = dataclasses.replace(
            file, registers=with_register_labels(file_class.registers, file.registers))
        return CustomerFile(record=file, file_class=file_class, documents=documents,
                            checked_out=checked_out)

    def versions(self, document: dict[str, Any]) -> list[Version]:
        """Versions oldest first: from the replica for a checked-out file."""
        replica = self._replica()
        local = local_view.versions(replica, str(document["id"])) if replica else None
        if local is not None:
            return local
        return self.remote.versions(str(document["id"]))

    def content(self, document: dict[str, Any], number: int | None = None) -> Path:
        """The content of a version: the replica's copy when it has it (works offline), else
        downloaded once into the cache folder and verified."""
        current = document["current_version"]
        wanted, sha = int(current["number"]), str(current["sha256"])
        if number is not None and number != wanted:
            version = next(v for v in self.versions(document) if v.number == number)
            wanted, sha = version.number, version.sha256
        replica = self._replica()
        if replica is not None and replica.cache_path(sha).exists():
            return replica.cache_path(sha)
        target: Path = self.cache_dir / sha
        if not target.exists():
            partial = target.with_suffix(f".{uuid.uuid4().hex}.part")  # two readers at once
            try:
                with partial.open("w+b") as out:
                    self.remote.download(str(document["id"]), wanted, sha, out)
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
        return self.remote.create_document(customer_file.id, body).id

    def _upload(self, path: Path) -> dict[str, Any]:
        """Put ``path``'s bytes on the server; the ``content`` reference for them."""
        sha = sha256_of(path)
        self.remote.put_blob(path, sha)
        return {"sha256": sha, "filename": path.name, "media_type": media_type_of(path)}

    def update_index(self, customer_file: CustomerFile, document: dict[str, Any], *,
                     title: str | None = None, index: dict[str, Any] | None = None,
                     registers: list[str] | None = None) -> None:
        """Change the title, index values (only those given) or the registers (all of them,
        by id). The one place that decides how: queued in the outbox for a checked-out file
        (sent by the next sync, works offline), else PATCHed on the server with ``If-Match``
        (``StaleObject`` when someone changed the document meanwhile)."""
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
