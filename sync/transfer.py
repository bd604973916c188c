"""Content transfers between the server and the replica's cache: parallel, verified."""

from __future__ import annotations

import logging
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO, cast

from .errors import SyncError
from .faults import checkpoint
from .remote import RemoteClient
from .replica import Replica

__all__ = ["download_missing", "upload"]

log = logging.getLogger(__name__)


def _download_one(remote: RemoteClient, replica: Replica, doc_id: str, number: int,
                  sha256: str) -> None:
    try:
        _store(remote, replica, doc_id, number, sha256)
    except OSError as exc:  # the local disk: full, read-only, gone (never half-written)
        raise SyncError(f"cannot write the content of document {doc_id} v{number} to "
                        f"{replica.cache_dir}: {exc.strerror or exc}") from exc


def _store(remote: RemoteClient, replica: Replica, doc_id: str, number: int,
           sha256: str) -> None:
    target = replica.cache_path(sha256)
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=replica.cache_dir, prefix="dl-")
    try:
        with os.fdopen(fd, "w+b") as out:
            checkpoint("transfer.download.start")
            remote.download(doc_id, number, sha256, cast(BinaryIO, _Sink(out)))
            out.flush()
            os.fsync(out.fileno())
        checkpoint("transfer.download.before_replace")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    checkpoint("transfer.download.after_replace")


def download_missing(remote: RemoteClient, replica: Replica,
                     wanted: list[tuple[str, int, str]], *, workers: int = 4) -> None:
    """Fetch (document, version, sha256) contents not yet cached. Resumable: what arrived
    stays. Raises the first ``SyncError`` after the others finished."""
    missing = [w for w in wanted if not replica.cache_path(w[2]).exists()]
    if not missing:
        return
    errors: list[SyncError] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_download_one, remote, replica, *w) for w in missing]
        for future in futures:
            try:
                future.result()
            except SyncError as exc:
                errors.append(exc)
    if errors:
        raise errors[0]


def upload(remote: RemoteClient, replica: Replica, sha256: str) -> None:
    checkpoint("transfer.upload.before")
    remote.put_blob(replica.cache_path(sha256), sha256)
    checkpoint("transfer.upload.after")


class _Sink:
    """The download's target file with a fault point after every chunk written."""

    def __init__(self, out: BinaryIO) -> None:
        self._out = out

    def write(self, data: bytes) -> int:
        written = self._out.write(data)
        checkpoint("transfer.download.chunk")
        return written

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._out.seek(offset, whence)

    def truncate(self, size: int | None = None) -> int:
        return self._out.truncate(size)
