"""Damage: a broken replica file, a full disk during a download, a server answering HTML or
500. Each ends in a clear error; nothing the user made is lost, nothing half-written stays."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sync import outbox
from sync.engine import Engine
from sync.errors import ReplicaDamaged, ServerError, SyncError
from sync.remote import RemoteClient
from sync.replica import LocalDocument, LocalFile, OutboxOp, Replica
from sync.rescue import export_unsynced, set_aside

from .conftest import PASSWORD, TENANT, LiveServer
from .flaky_proxy import FlakyProxy
from .helpers import CONTRACT_CONTENT, INVOICE_CONTENT, NOTE_CONTENT, client, seeded_file

# a replica with un-synced work, built offline --------------------------------------------


def _offline_replica(tmp_path: Path, documents: int = 150) -> tuple[Path, dict[str, bytes]]:
    """A replica of a checked-out file with many documents and five pending operations;
    returns its path and the contents the pending operations carry."""
    path = tmp_path / "replica" / "replica.sqlite3"
    replica = Replica(path)
    registers = [{"id": "r-orders", "name": "orders", "label": "Orders", "parent_id": None}]
    with replica.transaction() as session:
        session.add(LocalFile(id="f-1", key="K-9", title="Cliente 9", file_class="customer",
                              registers=registers, etag="f-1.1", checkout_id="co-1",
                              cover={"name": "Cliente 9"}))
        for number in range(documents):
            session.add(LocalDocument(
                id=f"d-{number:04d}", file_id="f-1", type="order", title=f"Pedido {number}",
                index={"number": str(number), "note": "x" * 200}, registers=["r-orders"],
                etag=f"d-{number}.1", current_version=1, sha256="0" * 64,
                filename="p.pdf", base={}, state="synced"))
    contents = {"scan": b"%PDF-1.4 a scan made on the train",
                "v2": b"%PDF-1.4 order 7, signed"}
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(contents["scan"])
    signed = tmp_path / "pedido-7.pdf"
    signed.write_bytes(contents["v2"])
    outbox.add_document(replica, key="K-9", path=scan, register="orders", doc_type="order",
                        title="Escaneo", index={"number": "S-1", "date": "2026-06-01"})
    outbox.set_index(replica, "d-0003", {"amount": "12.00"})
    outbox.new_version(replica, "d-0007", signed, comment="signed")
    outbox.delete_document(replica, "d-0011")
    outbox.update_cover(replica, "K-9", {"city": "Huelva"})
    replica.close()
    return path, contents


def _root_page(path: Path, table: str) -> tuple[int, int]:
    with sqlite3.connect(path) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                  (table,)).fetchone()[0]
    connection.close()
    return int(root), int(page_size)


def _smash_page(path: Path, table: str) -> None:
    """Overwrite the root page of ``table`` with garbage (a bad sector)."""
    root, size = _root_page(path, table)
    with path.open("r+b") as db:
        db.seek((root - 1) * size)
        db.write(bytes([0xA5]) * size)


def _damage(path: Path, how: str) -> None:
    if how == "header":
        with path.open("r+b") as db:
            db.write(b"\x00garbage, not a database" * 4)
    elif how == "truncated":
        with path.open("r+b") as db:
            db.truncate(path.stat().st_size // 3)
    else:
        _smash_page(path, how)


@pytest.mark.parametrize("how", ["header", "truncated", "documents", "outbox"])
def test_damaged_replica_is_refused_with_a_clear_error(tmp_path: Path, how: str) -> None:
    path, _ = _offline_replica(tmp_path)
    _damage(path, how)
    with pytest.raises(ReplicaDamaged) as caught:
        Replica(path)
    message = str(caught.value)
    assert str(path) in message and len(message.splitlines()) == 1
    assert caught.value.code == "replica-damaged"


def _exported(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8"))
            for p in sorted((folder / "operations").glob("*.json"))]


def test_rescue_exports_every_unsynced_change_before_the_rebuild(tmp_path: Path) -> None:
    path, contents = _offline_replica(tmp_path)
    _damage(path, "documents")
    with pytest.raises(ReplicaDamaged):
        Replica(path)
    before = sorted(p.name for p in path.parent.iterdir())
    report = export_unsynced(path, tmp_path / "rescue")
    assert sorted(p.name for p in path.parent.iterdir()) == before  # the damage is left as is
    ops = _exported(tmp_path / "rescue")
    assert [op["kind"] for op in ops] == ["create_document", "update_document", "new_version",
                                          "delete_document", "update_cover"]
    assert report.operations == 5 and report.complete
    assert ops[1]["payload"]["changes"] == {"index": {"amount": "12.00"}}
    assert ops[4]["payload"]["changes"] == {"cover": {"city": "Huelva"}}
    assert ops[0]["file"]["key"] == "K-9"
    for op, data in ((ops[0], contents["scan"]), (ops[2], contents["v2"])):
        rescued = tmp_path / "rescue" / op["rescued_content"]
        assert rescued.read_bytes() == data
        assert rescued.name in ("scan.pdf", "pedido-7.pdf")
    assert "5 changes" in (tmp_path / "rescue" / "README.txt").read_text(encoding="utf-8")
    # then the replica is rebuilt: the damaged one goes aside, a fresh one opens
    aside = set_aside(path)
    assert aside.exists() and not path.exists()
    fresh = Replica(path)
    with fresh.transaction() as session:
        assert session.scalar(select(OutboxOp)) is None
    fresh.close()


def test_rescue_of_an_unreadable_outbox_keeps_every_content(tmp_path: Path) -> None:
    path, contents = _offline_replica(tmp_path)
    _damage(path, "outbox")
    report = export_unsynced(path, tmp_path / "rescue")
    assert not report.complete and report.operations == 0
    text = (tmp_path / "rescue" / "README.txt").read_text(encoding="utf-8")
    assert "outbox" in text
    unclaimed = {p.read_bytes() for p in (tmp_path / "rescue" / "content" / "unclaimed").iterdir()}
    assert set(contents.values()) <= unclaimed  # the bytes the user made are all there


def test_rescue_of_an_unreadable_file_reports_and_keeps_the_cache(tmp_path: Path) -> None:
    path, contents = _offline_replica(tmp_path)
    _damage(path, "header")
    report = export_unsynced(path, tmp_path / "rescue")
    assert not report.complete and "cannot be read" in report.problems[0]
    unclaimed = {p.read_bytes() for p in (tmp_path / "rescue" / "content" / "unclaimed").iterdir()}
    assert set(contents.values()) <= unclaimed


# a full disk during a download --------------------------------------------------------------


class _FullDisk:
    """``os`` as ``sync.transfer`` sees it, on a disk with ``room`` bytes left."""

    def __init__(self, room: int) -> None:
        self.room = room

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def fdopen(self, fd: int, mode: str) -> _Filling:
        return _Filling(os.fdopen(fd, mode), self)


class _Filling:
    def __init__(self, file: Any, disk: _FullDisk) -> None:
        self._file = file
        self._disk = disk

    def write(self, data: bytes) -> int:
        if len(data) > self._disk.room:
            self._file.write(data[:self._disk.room])
            self._disk.room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._disk.room -= len(data)
        return int(self._file.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)

    def __enter__(self) -> _Filling:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()


@pytest.fixture
def alice_engine(tmp_path: Path) -> Iterator[list[Engine]]:
    made: list[Engine] = []
    yield made
    for engine in made:
        engine.remote.close()
        engine.replica.close()


def _engine(made: list[Engine], url: str, home: Path) -> Engine:
    remote = RemoteClient(url, retries=1, backoff=0.01, timeout=30)
    remote.login("alice", PASSWORD, TENANT)
    engine = Engine(remote, Replica(home / "replica.sqlite3"), device_id="dev-alice",
                    files_dir=home / "files")
    made.append(engine)
    return engine


def _cache_is_clean(replica: Replica) -> None:
    for path in replica.cache_dir.rglob("*"):
        if path.is_file():
            assert len(path.name) == 64 and path.parent.name == path.name[:2], \
                f"half-written {path.name} in the cache"
            assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name


def test_full_disk_during_a_download(module_server: LiveServer, alice_engine: list[Engine],
                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeded = seeded_file(module_server, "K-DISK")
    alice = _engine(alice_engine, module_server.url, tmp_path / "laptop")
    monkeypatch.setattr("sync.transfer.os", _FullDisk(room=len(INVOICE_CONTENT) + 5))
    with pytest.raises(SyncError) as caught:
        alice.checkout(seeded.key)
    message = str(caught.value)
    assert "No space left on device" in message and str(alice.replica.cache_dir) in message
    assert not isinstance(caught.value, ServerError)
    _cache_is_clean(alice.replica)
    # space freed: the next sync finishes what the check-out began
    monkeypatch.undo()
    assert not alice.sync().offline
    _cache_is_clean(alice.replica)
    for data in (INVOICE_CONTENT, NOTE_CONTENT, CONTRACT_CONTENT):
        assert alice.replica.cache_path(hashlib.sha256(data).hexdigest()).exists()
    assert len(list(alice.files_dir.rglob("*.*"))) == 3  # every working copy


# a server answering HTML or 500 --------------------------------------------------------------


CAPTIVE = "<html><body><h1>Welcome aboard!</h1>Accept the terms to use the Wi-Fi.</body></html>"
ERROR_PAGE = "<html><body><h1>500 Internal Server Error</h1>nginx</body></html>"


def _outbox_rows(replica: Replica) -> list[tuple[Any, ...]]:
    with replica.transaction() as session:
        return [(op.seq, op.op_id, op.kind, op.state, json.dumps(op.payload, sort_keys=True))
                for op in session.scalars(select(OutboxOp).order_by(OutboxOp.seq))]


@pytest.mark.parametrize(("status", "body", "words"), [
    (200, CAPTIVE, "text/html"),
    (500, ERROR_PAGE, "500"),
    (503, ERROR_PAGE, "503"),
])
def test_server_answering_html_is_a_server_error(module_server: LiveServer,
                                                 alice_engine: list[Engine], tmp_path: Path,
                                                 status: int, body: str, words: str) -> None:
    seeded = seeded_file(module_server, "K-HTML")
    with FlakyProxy(int(module_server.url.rsplit(":", 1)[1])) as proxy:
        alice = _engine(alice_engine, proxy.url, tmp_path / "laptop")
        alice.checkout(seeded.key)
        scan = tmp_path / "scan.pdf"
        scan.write_bytes(b"%PDF-1.4 " + uuid.uuid4().bytes)
        outbox.add_document(alice.replica, key=seeded.key, path=scan, register="orders",
                            doc_type="order", title="Pedido 12",
                            index={"number": "12", "date": "2026-06-04"})
        outbox.set_index(alice.replica, seeded.invoice["id"], {"paid": True})
        before = _outbox_rows(alice.replica)
        proxy.answer(status, body)
        with pytest.raises(ServerError) as caught:
            alice.sync()
        message = str(caught.value)
        assert words in message and "Traceback" not in message
        assert len(message) < 300 and "<html" not in message
        assert _outbox_rows(alice.replica) == before  # nothing sent, nothing marked
        assert alice.pending_count() == 2 and not alice.conflicts()
        proxy.calm()  # the real server is back
        alice.sync()
        assert alice.pending_count() == 0 and not alice.conflicts()
    docs = client(module_server).get(f"/files/{seeded.id}/documents").json()["items"]
    assert sorted(d["title"] for d in docs) == sorted(
        ["Factura 1", "Llamar", "Contrato marco", "Pedido 12"])
