"""Check-out: a customer file from the server into the replica, the content cache and its
working folder.

``check_out`` is what ``Engine.checkout`` runs while it holds the engine's lock: the server's
answer into the replica (one transaction), the contents into the cache, then the working
copies. A kill anywhere leaves either no file in the replica (the check-out is done again) or
the whole file with its documents, whose missing contents and working copies the next sync
brings.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import UsageError
from .faults import checkpoint
from .fields import remember_file_classes
from .materialise import safe_name, write_working_copies
from .remote import RemoteClient
from .replica import Replica, utcnow
from .state import apply_server_documents, apply_server_file
from .transfer import download_missing

__all__ = ["Emit", "check_out"]

log = logging.getLogger(__name__)

#: ``emit(event, **data)``: the engine's listeners (``progress``, ``checked_out``)
Emit = Callable[..., None]


def check_out(remote: RemoteClient, replica: Replica, key: str, *, device_id: str,
              files_dir: Path, exclusive: bool = False, registers: list[str] | None = None,
              emit: Emit | None = None) -> dict[str, Any]:
    """Take the file ``key`` into the replica and its working folder under ``files_dir``;
    returns ``{"file_id", "key", "documents", "mode"}``. Raises ``Offline``, ``NotFound``,
    ``Locked``, ``UsageError`` (no such register). The caller serialises it with every other
    change of the replica (``Engine.checkout`` holds the engine's lock); any thread."""
    def tell(event: str, **data: Any) -> None:
        if emit is not None:
            emit(event, **data)

    mode = "exclusive" if exclusive else "shared"
    target = remote.file_by_key(key)
    with replica.transaction() as session:
        remember_file_classes(session, remote.file_classes())
    register_ids = None
    if registers:
        by_name = {r.name: r.id for r in target.all_registers()}
        missing = [r for r in registers if r not in by_name and r not in by_name.values()]
        if missing:
            raise UsageError(f"file {key} has no register {missing[0]}")
        register_ids = [by_name.get(r, r) for r in registers]
    tell("progress", stage="checkout", key=key)
    answer = remote.checkout(target.id, device_id=device_id, mode=mode,
                             registers=register_ids, limit=PAGE)
    checkpoint("engine.checkout.after_request")
    contents = _Contents(remote, replica, lambda done, total: tell(
        "progress", stage="download", key=key, done=done, total=total))
    count = 0
    try:
        with replica.transaction() as session:
            file = apply_server_file(session, answer.file, checkout_id=answer.checkout_id,
                                     mode=mode)
            file.scope = register_ids
            file.cursor = answer.cursor
            file.checked_out_at = utcnow().isoformat()
            file.working_dir = str(files_dir / safe_name(f"{file.key} {file.title}"))
            file_id = file.id
            documents, cursor = answer.documents, answer.next_cursor
            while True:
                apply_server_documents(session, file_id, documents)
                count += len(documents)
                contents.fetch([(d["id"], d["current_version"]["number"],
                                 d["current_version"]["sha256"])
                                for d in documents if d.get("current_version")])
                if cursor is None:
                    break
                page = remote.checkout_documents(answer.checkout_id, cursor, limit=PAGE)
                documents, cursor = page.documents, page.next_cursor
            checkpoint("engine.checkout.before_commit")
    except BaseException:
        contents.stop()
        raise
    checkpoint("engine.checkout.after_commit")
    contents.finish()
    checkpoint("engine.checkout.after_download")
    write_working_copies(replica, file_id)
    checkpoint("engine.checkout.after_materialise")
    tell("checked_out", key=key, documents=count)
    return {"file_id": file_id, "key": key, "documents": count, "mode": mode}


#: documents per page of the check-out's answer: the replica takes a page while the contents
#: of the one before download, and memory holds one page's JSON, not the whole file's
PAGE = 1000


class _Contents:
    """Downloads the contents of each page on a thread of its own (a sibling client) while the
    replica takes the next page; :meth:`finish` waits and raises what it raised."""

    def __init__(self, remote: RemoteClient, replica: Replica,
                 progress: Callable[[int, int], None]) -> None:
        self._remote = remote
        self._replica = replica
        self._progress = progress
        self._queue: queue.Queue[list[tuple[str, int, str]] | None] = queue.Queue()
        self._error: BaseException | None = None
        self._stopped = False
        self._done = 0
        self._total = 0
        self._thread: threading.Thread | None = None

    def fetch(self, wanted: list[tuple[str, int, str]]) -> None:
        """Fetch these (document, version, sha256) contents not cached yet."""
        if not wanted:
            return
        self._total += len({sha for _d, _n, sha in wanted})
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="checkout-contents",
                                            daemon=True)
            self._thread.start()
        self._queue.put(wanted)

    def _run(self) -> None:
        remote = self._remote.sibling()
        try:
            while (wanted := self._queue.get()) is not None:
                if self._error is not None or self._stopped:
                    continue
                base = self._done

                def report(done: int, _total: int, base: int = base) -> None:
                    if base + done < self._total:
                        self._progress(base + done, self._total)

                try:
                    download_missing(remote, self._replica, wanted, progress=report)
                except BaseException as exc:  # handed to the caller by finish()
                    self._error = exc
                self._done = base + len({sha for _d, _n, sha in wanted})
        finally:
            remote.close()

    def stop(self) -> None:
        """Give up (the check-out failed): what is downloading now still lands whole."""
        self._stopped = True
        self.finish(raising=False)

    def finish(self, *, raising: bool = True) -> None:
        if self._thread is None:
            return
        self._queue.put(None)
        self._thread.join()
        self._thread = None
        if not raising:
            return
        if self._error is not None:
            raise self._error
        self._progress(self._total, self._total)
