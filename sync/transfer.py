"""Content transfers between the server and the replica's cache: parallel, verified."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO, cast

from .due import downloaded
from .errors import Offline, RequestRefused, ServerError, SyncError
from .faults import checkpoint
from .remote import RemoteClient
from .replica import Replica

__all__ = ["download_missing", "upload"]

log = logging.getLogger(__name__)

BATCH = 500  # versions per POST /contents (the server's limit)
CHUNK = 1024 * 1024


def _download_one(remote: RemoteClient, replica: Replica, doc_id: str, number: int,
                  sha256: str) -> None:
    try:
        _store(remote, replica, doc_id, number, sha256)
    except OSError as exc:  # the local disk: full, read-only, gone (never half-written)
        raise SyncError(f"cannot write the content of document {doc_id} v{number} to "
                        f"{replica.cache_dir}: {exc.strerror or exc}") from exc


def _store(remote: RemoteClient, replica: Replica, doc_id: str, number: int,
           sha256: str) -> None:
    if replica.cache_path(sha256).exists():
        return
    _into_cache(replica, sha256,
                lambda out: remote.download(doc_id, number, sha256, cast(BinaryIO, out)))


def _into_cache(replica: Replica, sha256: str, fill: Callable[[_Sink], object]) -> bool:
    """Write the cache file of ``sha256`` by ``fill`` through a temporary file: whole and
    verified, or not at all (a hash mismatch leaves nothing and answers False)."""
    target = replica.cache_path(sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=replica.cache_dir, prefix="dl-")
    try:
        with os.fdopen(fd, "w+b") as out:
            checkpoint("transfer.download.start")
            sink = _Sink(out)
            fill(sink)
            if sink.digest.hexdigest() != sha256:
                Path(tmp).unlink(missing_ok=True)
                return False
            out.flush()
            os.fsync(out.fileno())
        checkpoint("transfer.download.before_replace")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    checkpoint("transfer.download.after_replace")
    return True


Progress = Callable[[int, int], None]  # (contents done, contents to fetch)


def download_missing(remote: RemoteClient, replica: Replica,
                     wanted: list[tuple[str, int, str]], *, workers: int = 4,
                     progress: Progress | None = None) -> None:
    """Fetch (document, version, sha256) contents not yet cached. Resumable: what arrived
    stays. Raises the first ``SyncError`` after the others finished. ``progress(done,
    total)`` is called now and then from this thread or the download threads. Once all are
    stored, none of them is a pending download any more (``due.downloads_pending``)."""
    missing = _missing(replica, wanted)
    counter = _Counter(len({sha for _d, _n, sha in missing}), progress)
    if len(missing) > 1:
        _download_in_batches(remote, replica, missing, counter)
        missing = _missing(replica, missing)
    if not missing:
        counter.finish()
        _no_longer_pending(replica, wanted)
        return
    errors: list[SyncError] = []

    def one(doc_id: str, number: int, sha256: str) -> None:
        _download_one(remote, replica, doc_id, number, sha256)
        counter.add()

    unique = {sha: (doc_id, number, sha) for doc_id, number, sha in missing}.values()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(one, *w) for w in unique]
        for future in futures:
            try:
                future.result()
            except SyncError as exc:
                errors.append(exc)
    if errors:
        raise errors[0]
    counter.finish()
    _no_longer_pending(replica, wanted)


def _no_longer_pending(replica: Replica, stored: list[tuple[str, int, str]]) -> None:
    if stored:
        with replica.transaction() as session:
            downloaded(session, stored)


class _Counter:
    """Counts the contents stored and reports every 2 % (and at the end)."""

    def __init__(self, total: int, report: Progress | None) -> None:
        self.total = total
        self.done = 0
        self._report = report
        self._step = max(1, total // 50)
        self._lock = threading.Lock()

    def add(self) -> None:
        with self._lock:  # reported in order: a bar never steps back
            self.done += 1
            if self._report is not None and self.done % self._step == 0 \
                    and self.done < self.total:
                self._report(self.done, self.total)

    def finish(self) -> None:
        if self._report is not None and self.total:
            self._report(self.total, self.total)


def _missing(replica: Replica, wanted: list[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    return [w for w in wanted if not replica.cache_path(w[2]).exists()]


def _download_in_batches(remote: RemoteClient, replica: Replica,
                         missing: list[tuple[str, int, str]], counter: _Counter) -> None:
    """Many contents per request (``POST /contents``). Best effort: whatever did not arrive
    (left out, damaged, an older server, the network gone) is fetched one by one after."""
    expected = {sha256 for _doc, _number, sha256 in missing}
    for start in range(0, len(missing), BATCH):
        batch = missing[start:start + BATCH]
        arrived = _Arrivals(replica, expected)
        try:
            remote.download_contents([(doc_id, number) for doc_id, number, _sha in batch],
                                     arrived.store)
        except (Offline, RequestRefused, ServerError) as exc:
            log.info("batch download stopped (%s); the rest one by one", exc)
            arrived.flush(counter)
            return
        except BaseException:
            arrived.flush(counter)  # what arrived whole is kept
            raise
        arrived.flush(counter)


class _Arrivals:
    """The verified members of one ``POST /contents`` answer in temporary files, made durable
    together by :meth:`flush`: one round of ``fsync`` for the batch instead of one wait per
    file, then each moved into the cache. A cache file is therefore always whole and verified;
    a kill before the moves leaves only temporary files, which nothing ever reads."""

    def __init__(self, replica: Replica, expected: set[str]) -> None:
        self._replica = replica
        self._expected = expected
        self._files: list[tuple[str, str]] = []  # sha256, temporary path (written, closed)
        self._names: set[str] = set()

    def store(self, sha256: str, stream: BinaryIO) -> None:
        if sha256 not in self._expected or sha256 in self._names \
                or self._replica.cache_path(sha256).exists():
            return
        fd, tmp = tempfile.mkstemp(dir=self._replica.cache_dir, prefix="dl-")
        try:
            checkpoint("transfer.download.start")
            with os.fdopen(fd, "wb") as out:
                sink = _Sink(out)
                shutil.copyfileobj(stream, sink, CHUNK)
            if sink.digest.hexdigest() != sha256:
                log.warning("content %s arrived damaged; fetched alone", sha256)
                Path(tmp).unlink(missing_ok=True)
                return
        except BaseException as exc:
            Path(tmp).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise SyncError(f"cannot write content {sha256} to "
                                f"{self._replica.cache_dir}: {exc.strerror or exc}") from exc
            raise
        self._files.append((sha256, tmp))
        self._names.add(sha256)

    def flush(self, counter: _Counter) -> None:
        """Make the stored members durable, then move them into the cache. Raises
        ``SyncError`` (the disk)."""
        files, self._files = self._files, []
        if not files:
            return
        try:
            checkpoint("transfer.batch.before_flush")
            with ThreadPoolExecutor(max_workers=FLUSHERS) as pool:  # fsyncs commit together
                list(pool.map(_fsync_file, [tmp for _sha, tmp in files]))
            checkpoint("transfer.batch.after_flush")
            folders: set[Path] = set()
            for sha256, tmp in files:
                target = self._replica.cache_path(sha256)
                if target.parent not in folders:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(target.parent)
                checkpoint("transfer.download.before_replace")
                os.replace(tmp, target)
                checkpoint("transfer.download.after_replace")
                counter.add()
            for folder in folders:  # the names, once per folder
                _fsync_folder(folder)
        except OSError as exc:
            raise SyncError(f"cannot write contents to {self._replica.cache_dir}: "
                            f"{exc.strerror or exc}") from exc
        finally:
            for _sha, tmp in files:
                Path(tmp).unlink(missing_ok=True)  # those not moved


#: threads that fsync a batch's files at once (the file system commits their journal together)
FLUSHERS = 8


def _fsync_file(path: str) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename itself
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def upload(remote: RemoteClient, replica: Replica, sha256: str) -> None:
    checkpoint("transfer.upload.before")
    remote.put_blob(replica.cache_path(sha256), sha256)
    checkpoint("transfer.upload.after")


class _Sink:
    """The download's target file with a fault point after every chunk written."""

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        written = self._out.write(data)
        checkpoint("transfer.download.chunk")
        return written

    def seek(self, offset: int, whence: int = 0) -> int:
        if offset == 0 and whence == 0:
            self.digest = hashlib.sha256()  # a retry starts over
        return self._out.seek(offset, whence)

    def truncate(self, size: int | None = None) -> int:
        return self._out.truncate(size)
