"""Content downloads: many per request (``POST /contents``), one by one for whatever the batch
did not bring (an older server, a member left out or damaged, the network gone mid-way)."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest

from sync.errors import NotFound, Offline
from sync.replica import Replica
from sync.transfer import download_missing

from .conftest import EngineFactory, LiveServer
from .helpers import add_document, client, new_file

CONTENTS = [f"content {i}".encode() for i in range(5)]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FakeRemote:
    """The two download calls of ``RemoteClient`` over a dict; ``batch`` shapes what the
    batch call delivers: a list of (name, bytes) members, then ``batch_error`` is raised."""

    def __init__(self) -> None:
        self.by_sha = {_sha(c): c for c in CONTENTS}
        self.batch: list[tuple[str, bytes]] | None = None
        self.batch_error: Exception | None = None
        self.batch_calls = 0
        self.single: list[str] = []

    def download_contents(self, versions: list[tuple[str, int]],
                          store: Callable[[str, BinaryIO], None]) -> None:
        self.batch_calls += 1
        members = self.batch if self.batch is not None else [
            (doc_id, self.by_sha[doc_id]) for doc_id, _number in versions]
        for name, data in members:
            store(name, io.BytesIO(data))
        if self.batch_error is not None:
            raise self.batch_error

    def download(self, doc_id: str, number: int, sha256: str, target: BinaryIO) -> None:
        self.single.append(sha256)
        target.seek(0)
        target.truncate()
        target.write(self.by_sha[sha256])


@pytest.fixture
def replica(tmp_path: Path) -> Replica:
    return Replica(tmp_path / "replica.sqlite3")


def _wanted() -> list[tuple[str, int, str]]:
    # the fake's document ids are the contents' hashes
    return [(_sha(c), 1, _sha(c)) for c in CONTENTS]


def _cached(replica: Replica) -> dict[str, bytes]:
    return {sha: replica.cache_path(sha).read_bytes() for _d, _n, sha in _wanted()
            if replica.cache_path(sha).exists()}


def test_one_batch_brings_everything(replica: Replica) -> None:
    remote = FakeRemote()
    download_missing(remote, replica, _wanted())  # type: ignore[arg-type]
    assert remote.batch_calls == 1 and remote.single == []
    assert _cached(replica) == {_sha(c): c for c in CONTENTS}
    assert not list(replica.cache_dir.glob("dl-*"))  # no temporary file left


def test_progress_counts_each_content_once(replica: Replica, tmp_path: Path) -> None:
    wanted = [*_wanted(), (_sha(CONTENTS[0]), 2, _sha(CONTENTS[0]))]  # one content twice
    for remote, folder in ((FakeRemote(), "batch"), (FakeRemote(), "single")):
        if folder == "single":  # an older server: one by one
            remote.batch, remote.batch_error = [], NotFound(404, {"detail": "Not Found"})
        seen: list[tuple[int, int]] = []
        laptop = Replica(tmp_path / folder / "replica.sqlite3")
        download_missing(remote, laptop, wanted,  # type: ignore[arg-type]
                         progress=lambda done, total, seen=seen: seen.append((done, total)))
        assert seen[-1] == (5, 5) and all(total == 5 for _done, total in seen), folder
        assert [done for done, _total in seen] == sorted(done for done, _total in seen)
        laptop.close()


def test_an_older_server_without_batches_gets_single_downloads(replica: Replica) -> None:
    remote = FakeRemote()
    remote.batch, remote.batch_error = [], NotFound(404, {"detail": "Not Found"})
    download_missing(remote, replica, _wanted())  # type: ignore[arg-type]
    assert sorted(remote.single) == sorted(_sha(c) for c in CONTENTS)
    assert _cached(replica) == {_sha(c): c for c in CONTENTS}


def test_damaged_left_out_and_unasked_members_are_not_stored(replica: Replica) -> None:
    remote = FakeRemote()
    first, second, *_ = CONTENTS
    remote.batch = [(_sha(first), first), (_sha(second), b"bit rot"),
                    (_sha(b"not asked for"), b"not asked for")]
    download_missing(remote, replica, _wanted())  # type: ignore[arg-type]
    assert sorted(remote.single) == sorted(_sha(c) for c in CONTENTS[1:])
    assert _cached(replica) == {_sha(c): c for c in CONTENTS}
    assert not replica.cache_path(_sha(b"not asked for")).exists()


def test_the_network_gone_mid_batch_keeps_what_arrived(replica: Replica) -> None:
    remote = FakeRemote()
    remote.batch = [(_sha(CONTENTS[0]), CONTENTS[0])]
    remote.batch_error = Offline("download interrupted")

    def gone(doc_id: str, number: int, sha256: str, target: BinaryIO) -> None:
        raise Offline("no route to host")

    remote.download = gone  # type: ignore[method-assign]
    with pytest.raises(Offline):
        download_missing(remote, replica, _wanted())  # type: ignore[arg-type]
    assert _cached(replica) == {_sha(CONTENTS[0]): CONTENTS[0]}


def test_a_checkout_fetches_its_contents_in_one_request(live_server: LiveServer,
                                                         engine_for: EngineFactory) -> None:
    key, file_id = new_file(live_server, "K-BATCH")
    ids = [add_document(live_server, file_id, doc_type="letter", title=f"Brief {i}",
                        data=f"%PDF-1.4 Brief {i}".encode(), filename=f"brief-{i}.pdf",
                        index={"date": "2026-05-01"})["id"] for i in range(12)]
    alice = engine_for("alice")
    progress: list[tuple[int, int]] = []
    alice.subscribe(lambda event, data: progress.append((data["done"], data["total"]))
                    if event == "progress" and data.get("stage") == "download" else None)
    assert alice.checkout(key)["documents"] == 12
    assert progress[-1] == (12, 12)
    admin = client(live_server)
    views = admin.get("/audit", params={"action": "view", "limit": 100}).json()["items"]
    assert sorted(e["object"] for e in views if e["details"].get("batch")) == sorted(ids)
    folder = Path(alice.checked_out()[0].working_dir or "")
    assert sorted(p.read_bytes() for p in folder.rglob("*.pdf")) == sorted(
        f"%PDF-1.4 Brief {i}".encode() for i in range(12))


KILLED_BATCH = """
import hashlib, io, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from sync.replica import Replica
from sync.transfer import download_missing
contents = [bytes([i]) * (200_000 + i) for i in range(6)]

class Remote:
    def download_contents(self, versions, store):
        for data in contents:
            store(hashlib.sha256(data).hexdigest(), io.BytesIO(data))

    def download(self, doc_id, number, sha256, target):
        target.write(next(c for c in contents if hashlib.sha256(c).hexdigest() == sha256))

wanted = [(hashlib.sha256(c).hexdigest(), 1, hashlib.sha256(c).hexdigest()) for c in contents]
replica = Replica(Path({folder!r}) / "replica.sqlite3")
download_missing(Remote(), replica, wanted)
print("done")
"""


@pytest.mark.parametrize("point", ["transfer.download.chunk:3", "transfer.batch.before_flush",
                                   "transfer.batch.after_flush",
                                   "transfer.download.after_replace:2"])
def test_a_kill_during_a_batch_leaves_only_whole_verified_contents(tmp_path: Path,
                                                                    point: str) -> None:
    """SIGKILL while a batch is written, flushed or moved into the cache: every cache file
    holds the content its name says (a temporary file is never taken for one), and the next
    run brings the rest."""
    import os
    import signal
    import subprocess
    import sys

    root = str(Path(__file__).resolve().parents[2])
    code = KILLED_BATCH.format(root=root, folder=str(tmp_path))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_")}
    killed = subprocess.run([sys.executable, "-c", code], env={**env, "DOSSIER_FAULT": point},
                            capture_output=True, text=True, timeout=120, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    cached = [p for p in (tmp_path / "cache").rglob("*")
              if p.is_file() and not p.name.startswith("dl-")]
    for path in cached:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name
    assert len(cached) == (2 if point.startswith("transfer.download.after_replace") else 0)
    again = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, timeout=120, check=False)
    assert again.returncode == 0 and again.stdout.strip() == "done", again.stderr
    cached = [p for p in (tmp_path / "cache").rglob("*")
              if p.is_file() and not p.name.startswith("dl-")]
    assert len(cached) == 6
    assert all(hashlib.sha256(p.read_bytes()).hexdigest() == p.name for p in cached)
