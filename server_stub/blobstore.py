"""Content-addressed blob store on the file system.

Content is streamed to a temporary file while it is hashed, fsynced and renamed atomically
into ``ab/cd/<sha256>``; the folder is fsynced after the rename (and the folders above it
when the rename's folder was new), so a blob is on disk for good once a method that stores it
has returned. A hash mismatch keeps nothing. Memory does not grow with the size (small
content given whole, :meth:`BlobStore.store`, is stored in one go).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO

__all__ = ["BlobStore", "HashMismatch", "PendingBlob", "TooLarge", "UploadChunk", "is_sha256"]

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
CHUNK = 1024 * 1024


def is_sha256(value: str) -> bool:
    return bool(_SHA256.match(value))


class HashMismatch(ValueError):
    def __init__(self, expected: str, actual: str) -> None:
        super().__init__(f"content hashes to {actual}, not {expected}")
        self.actual = actual


class TooLarge(ValueError):
    pass


class PendingBlob:
    """A blob being written: feed chunks, then :meth:`commit` or :meth:`discard`."""

    def __init__(self, store: BlobStore, expected: str, max_bytes: int) -> None:
        self._store = store
        self._expected = expected
        self._max = max_bytes
        self._hash = hashlib.sha256()
        self.size = 0
        fd, name = tempfile.mkstemp(dir=store.tmp_dir, prefix="put-")
        self._path = Path(name)
        self._file: BinaryIO = os.fdopen(fd, "wb")

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self._max:
            raise TooLarge(f"more than {self._max} bytes")
        self._hash.update(chunk)
        self._file.write(chunk)

    def commit(self, *, durable: bool = True) -> int:
        """Verify, fsync and move into place; returns the size. Raises ``HashMismatch``.

        ``durable=False`` skips the fsyncs, for bulk loads that sync once at the end.
        """
        actual = self._hash.hexdigest()
        if actual != self._expected:
            self.discard()
            raise HashMismatch(self._expected, actual)
        self._file.flush()
        if durable:
            os.fsync(self._file.fileno())
        self._file.close()
        self._store.adopt(self._path, actual, durable=durable)
        return self.size

    def discard(self) -> None:
        if not self._file.closed:
            self._file.close()
        self._path.unlink(missing_ok=True)


class UploadChunk:
    """A chunk being written into an upload's file: feed pieces, then :meth:`finish` or
    :meth:`discard`. More than ``max_bytes`` raises ``TooLarge`` before anything past them
    is written."""

    def __init__(self, path: Path, offset: int, max_bytes: int) -> None:
        self._offset = offset
        self._max = max_bytes
        self.size = 0
        self._file: BinaryIO = path.open("r+b" if path.exists() else "wb")
        self._file.truncate(offset)
        self._file.seek(offset)

    def write(self, piece: bytes) -> None:
        if self.size + len(piece) > self._max:
            raise TooLarge(f"more than {self._max} bytes")
        self.size += len(piece)
        self._file.write(piece)

    def finish(self) -> int:
        """Make the chunk durable; returns the upload's new offset."""
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        return self._offset + self.size

    def discard(self) -> None:
        """Forget the chunk: the file ends at the old offset again."""
        if not self._file.closed:
            self._file.truncate(self._offset)
            self._file.close()


def _fsync_folder(path: str) -> None:
    dir_fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._root = str(root)
        self.tmp_dir = root / "tmp"
        self.upload_dir = root / "uploads"
        for folder in (self.root, self.tmp_dir, self.upload_dir):
            folder.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise ValueError("not a sha256")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def location(self, sha256: str) -> str:
        """:meth:`path` as a string, without pathlib's cost (an index build asks for every
        blob's: pathlib took a tenth of a rebuild's time)."""
        if not is_sha256(sha256):
            raise ValueError("not a sha256")
        return os.path.join(self._root, sha256[:2], sha256[2:4], sha256)

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def begin(self, expected_sha256: str, *, max_bytes: int) -> PendingBlob:
        return PendingBlob(self, expected_sha256, max_bytes)

    def put_bytes(self, data: bytes, *, durable: bool = True) -> str:
        """Store ``data`` (small content, e.g. demo data); returns its sha256."""
        digest = hashlib.sha256(data).hexdigest()
        if not self.exists(digest):
            self.store(digest, data, durable=durable)
        return digest

    def store(self, expected: str, data: bytes, *, durable: bool = True) -> int:
        """Store small content given whole (one request's body): hash, write, fsync, move
        into place. Returns the size; raises ``HashMismatch`` (keeping nothing)."""
        actual = hashlib.sha256(data).hexdigest()
        if actual != expected:
            raise HashMismatch(expected, actual)
        fd, name = tempfile.mkstemp(dir=self.tmp_dir, prefix="put-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                if durable:
                    os.fsync(fh.fileno())
            self.adopt(Path(name), actual, durable=durable)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        return len(data)

    def adopt(self, source: Path, sha256: str, *, durable: bool = True) -> None:
        """Move an fsynced file whose hash is known into place (atomic rename), then fsync
        its folder, and the folder above each folder made for it (the new entries)."""
        target = self.location(sha256)
        folder = os.path.dirname(target)
        made = [] if os.path.isdir(folder) else self._make_folders(folder)
        os.replace(source, target)
        if not durable:
            return
        for path in (folder, *made):
            _fsync_folder(path)

    def _make_folders(self, folder: str) -> list[str]:
        """Make ``ab/cd``; returns the folders that got a new entry, deepest first."""
        top = os.path.dirname(folder)
        made: list[str] = []
        for path in (top, folder):
            try:
                os.mkdir(path)
            except FileExistsError:
                continue
            made.insert(0, os.path.dirname(path))
        return made

    def open(self, sha256: str) -> BinaryIO:
        return self.path(sha256).open("rb")

    # resumable uploads -------------------------------------------------------------------

    def upload_path(self, upload_id: str) -> Path:
        return self.upload_dir / upload_id

    def open_chunk(self, upload_id: str, offset: int, *, max_bytes: int) -> UploadChunk:
        """Start writing a chunk of an upload at ``offset`` (which the caller checked)."""
        return UploadChunk(self.upload_path(upload_id), offset, max_bytes)

    def finish_upload(self, upload_id: str, expected: str) -> None:
        """Hash the completed upload and move it into the store; a mismatch deletes it."""
        path = self.upload_path(upload_id)
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != expected:
            path.unlink(missing_ok=True)
            raise HashMismatch(expected, digest.hexdigest())
        self.adopt(path, expected)

    def drop_upload(self, upload_id: str) -> None:
        self.upload_path(upload_id).unlink(missing_ok=True)
