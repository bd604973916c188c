"""Content-addressed blob store on the file system.

Content is streamed to a temporary file while it is hashed, fsynced and renamed atomically
into ``ab/cd/<sha256>``. A hash mismatch keeps nothing. Memory does not grow with the size.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO

__all__ = ["BlobStore", "HashMismatch", "TooLarge", "UploadChunk", "is_sha256"]

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
            pending = self.begin(digest, max_bytes=len(data))
            pending.write(data)
            pending.commit(durable=durable)
        return digest

    def adopt(self, source: Path, sha256: str, *, durable: bool = True) -> None:
        """Move an fsynced file whose hash is known into place (atomic rename)."""
        target = self.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        if not durable:
            return
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

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
