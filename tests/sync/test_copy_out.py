"""Working copies from the content cache: one copy of the bytes where the file system allows
(reflink), a kernel copy elsewhere, and never a shared file: an edit of the working copy must
not reach the cached version (the base of every merge)."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from sync import outbox
from sync.replica import Replica


def _cached(replica: Replica, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    path = replica.cache_path(sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return sha


def test_an_edited_working_copy_leaves_the_cached_version_alone(tmp_path: Path) -> None:
    replica = Replica(tmp_path / "replica.sqlite3")
    data = os.urandom(3 * 1024 * 1024 + 17)
    sha = _cached(replica, data)
    target = tmp_path / "files" / "K-1" / "letter.pdf"
    outbox.copy_out(replica, sha, target)
    assert target.read_bytes() == data
    assert os.stat(target).st_ino != os.stat(replica.cache_path(sha)).st_ino  # no hard link
    with target.open("r+b") as edit:  # an editor saving in place
        edit.seek(10)
        edit.write(b"EDITED")
    assert hashlib.sha256(replica.cache_path(sha).read_bytes()).hexdigest() == sha
    assert [p.name for p in target.parent.iterdir()] == ["letter.pdf"]  # no temporary left
    replica.close()


@pytest.mark.parametrize("without", ["reflink", "copy_file_range", "sendfile"])
def test_each_way_down_copies_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             without: str) -> None:
    """Where a way is missing (another platform, a file system without it) the next one
    copies the same bytes."""
    def refuse(*_args: object) -> int:
        raise OSError(errno.EXDEV if without != "reflink" else errno.EOPNOTSUPP, "not here")

    if without == "reflink":
        import fcntl
        monkeypatch.setattr(fcntl, "ioctl", refuse)
    else:
        monkeypatch.setattr(outbox, "_clone_works", False)
        monkeypatch.setattr(os, "copy_file_range", refuse)
        if without == "sendfile":
            monkeypatch.setattr(os, "sendfile", refuse)
    data = os.urandom(2 * 1024 * 1024 + 5)
    source, dest = tmp_path / "source", tmp_path / "dest"
    source.write_bytes(data)
    with source.open("rb") as src, dest.open("wb") as out:
        how = outbox.clone_or_copy(src.fileno(), out.fileno())
    assert dest.read_bytes() == data
    assert how == {"reflink": "copy_file_range", "copy_file_range": "sendfile",
                   "sendfile": "read"}[without]
