"""Working copies saved from native applications: real files, a real watchdog observer."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from sync import outbox
from sync.replica import LocalDocument, LocalFile, OutboxOp, Replica
from sync.watcher import WorkingCopyWatcher, is_ignored

from .conftest import EngineFactory, LiveServer
from .helpers import Recorder, wait_until

DEBOUNCE = 0.3
TIMEOUT = 15.0


@dataclass
class Laptop:
    replica: Replica
    working_dir: Path
    docs: dict[str, Path]  # document id -> working copy

    def outbox(self) -> list[tuple[str, str | None]]:
        with self.replica.transaction() as session:
            return [(op.kind, op.document_id) for op in session.scalars(
                select(OutboxOp).order_by(OutboxOp.seq))]

    def document(self, doc_id: str) -> LocalDocument:
        with self.replica.transaction() as session:
            doc = session.get(LocalDocument, doc_id)
            assert doc is not None
            return doc


def make_laptop(tmp_path: Path, documents: int = 2) -> Laptop:
    """A replica with file K-100 checked out and ``documents`` invoices in its working folder
    (built directly: the watcher needs no server)."""
    replica = Replica(tmp_path / "laptop" / "replica.sqlite3")
    working_dir = tmp_path / "laptop" / "files" / "K-100 Peña Logística S.L."
    docs: dict[str, Path] = {}
    with replica.transaction() as session:
        session.add(LocalFile(id="file-1", key="K-100", title="Peña Logística S.L.",
                              file_class="customer", etag="e1", checkout_id="co-1",
                              registers=[{"id": "reg-inv", "name": "invoices",
                                          "label": "Invoices", "parent_id": None}],
                              working_dir=str(working_dir)))
    for number in range(documents):
        source = tmp_path / f"source-{number}.pdf"
        source.write_bytes(f"%PDF-1.4 invoice {number}".encode())
        sha, _ = outbox.ingest_content(replica, source)
        doc_id = f"doc-{number:03d}-0000-0000-0000-000000000000"
        path = working_dir / "Invoices" / f"Factura {number} [{doc_id[:8]}].pdf"
        outbox.copy_out(replica, sha, path)
        with replica.transaction() as session:
            session.add(LocalDocument(
                id=doc_id, file_id="file-1", type="invoice", title=f"Factura {number}",
                index={}, registers=["reg-inv"], etag=f"d{number}", current_version=1,
                sha256=sha, filename=f"f{number}.pdf", media_type="application/pdf",
                base={"current_version": 1, "sha256": sha}, state="synced",
                working_path=str(path)))
        docs[doc_id] = path
    return Laptop(replica, working_dir, docs)


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Laptop]:
    made = make_laptop(tmp_path)
    yield made
    made.replica.close()


@pytest.fixture
def watched(laptop: Laptop) -> Iterator[tuple[WorkingCopyWatcher, Recorder]]:
    recorder = Recorder()
    watcher = WorkingCopyWatcher(laptop.replica, debounce_seconds=DEBOUNCE, on_event=recorder)
    watcher.start()
    yield watcher, recorder
    watcher.stop()


def settle(watcher: WorkingCopyWatcher, before: int) -> None:
    """Wait until the watcher processed at least one batch after ``before``, then is idle."""
    wait_until(lambda: watcher.batches > before)
    assert watcher.wait_idle(TIMEOUT)


def test_saved_change_becomes_one_pending_version(laptop: Laptop,
                                                  watched: tuple[WorkingCopyWatcher,
                                                                 Recorder]) -> None:
    watcher, events = watched
    doc_id, path = next(iter(laptop.docs.items()))
    before = watcher.batches
    for part in range(5):  # an application writing in pieces, all within the debounce window
        with path.open("ab") as out:
            out.write(f" edit {part}".encode())
        time.sleep(DEBOUNCE / 10)
    settle(watcher, before)
    assert events.names() == ["new_version"]
    [saved] = events.of("new_version")
    assert (saved["key"], saved["document_id"], saved["version"]) == ("K-100", doc_id, 2)
    assert Path(saved["path"]) == path.resolve()
    assert laptop.outbox() == [("new_version", doc_id)]
    doc = laptop.document(doc_id)
    assert doc.current_version == 2 and doc.state == "modified"
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.filename == "f0.pdf"  # the document keeps its name, not the working copy's
    assert doc.working_sha == doc.sha256  # the working copy holds that version now


def test_equal_content_is_no_version(laptop: Laptop,
                                     watched: tuple[WorkingCopyWatcher, Recorder]) -> None:
    watcher, events = watched
    path = next(iter(laptop.docs.values()))
    before = watcher.batches
    path.write_bytes(path.read_bytes())  # saved without changes
    os.utime(path)
    settle(watcher, before)
    assert events.names() == [] and laptop.outbox() == []


def test_a_copy_as_written_is_no_edit_when_a_version_came_from_elsewhere(
        laptop: Laptop, watched: tuple[WorkingCopyWatcher, Recorder], tmp_path: Path) -> None:
    """A new version made in the app (from another file) leaves the working copy as Dossier
    wrote it until the next sync refreshes it; an event on it meanwhile is no edit."""
    watcher, events = watched
    doc_id, path = next(iter(laptop.docs.items()))
    with laptop.replica.transaction() as session:
        doc = session.get(LocalDocument, doc_id)
        assert doc is not None
        doc.working_sha = hashlib.sha256(path.read_bytes()).hexdigest()
    other = tmp_path / "signed.pdf"
    other.write_bytes(b"%PDF-1.4 the signed invoice, scanned")
    outbox.new_version(laptop.replica, doc_id, other)
    before = watcher.batches
    path.write_bytes(path.read_bytes())  # touched, still Dossier's bytes
    settle(watcher, before)
    assert events.names() == [] and laptop.outbox() == [("new_version", doc_id)]


def test_word_save_dance_and_lock_files_are_ignored(
        laptop: Laptop, watched: tuple[WorkingCopyWatcher, Recorder]) -> None:
    watcher, events = watched
    doc_id, path = next(iter(laptop.docs.items()))
    folder = path.parent
    before = watcher.batches
    # lock and temp files of Office, LibreOffice, macOS and editors
    for name in ("~$Factura 0.docx", ".~lock.Factura 0.pdf#", "scratch.tmp", "~WRD0001.tmp",
                 ".DS_Store", ".hidden"):
        (folder / name).write_bytes(b"lock")
    # Word: rename the original away, write a temp file, rename it into place, drop the old
    backup = folder / "~WRL0001.tmp"
    path.rename(backup)
    temp = folder / "~WRD0002.tmp"
    temp.write_bytes(b"%PDF-1.4 saved by Word")
    temp.rename(path)
    backup.unlink()
    settle(watcher, before)
    assert events.names() == ["new_version"]  # no deletion, no new file for the temp files
    assert laptop.outbox() == [("new_version", doc_id)]


@pytest.mark.parametrize("name", ["~$x.docx", ".~lock.x.odt#", "a.tmp", "~WRL0001.tmp",
                                  ".DS_Store", ".anything", "Thumbs.db", "x.docx~"])
def test_ignored_names(name: str) -> None:
    assert is_ignored(name)


@pytest.mark.parametrize("name", ["Factura 1 [abcd1234].pdf", "offer.docx", "tmp.pdf"])
def test_document_names_are_not_ignored(name: str) -> None:
    assert not is_ignored(name)


def test_new_file_in_register_folder_is_reported_not_filed(
        laptop: Laptop, watched: tuple[WorkingCopyWatcher, Recorder]) -> None:
    watcher, events = watched
    before = watcher.batches
    dropped = laptop.working_dir / "Invoices" / "scan 2026-06.pdf"
    dropped.write_bytes(b"%PDF-1.4 scanned")
    settle(watcher, before)
    assert events.names() == ["new_file"]
    assert events.of("new_file")[0]["register"] == "Invoices"
    assert Path(events.of("new_file")[0]["path"]).name == "scan 2026-06.pdf"
    assert laptop.outbox() == []
    with laptop.replica.transaction() as session:
        assert len(session.scalars(select(LocalDocument)).all()) == len(laptop.docs)


def test_single_deleted_working_copy_is_only_reported(
        laptop: Laptop, watched: tuple[WorkingCopyWatcher, Recorder]) -> None:
    watcher, events = watched
    doc_id, path = next(iter(laptop.docs.items()))
    before = watcher.batches
    path.unlink()
    settle(watcher, before)
    assert events.names() == ["working_copy_deleted"]
    assert events.of("working_copy_deleted")[0]["document_id"] == doc_id
    assert laptop.outbox() == [] and laptop.document(doc_id).state == "synced"
    assert watcher.restore("K-100") == 1 and path.exists()


def test_renamed_working_copy_is_no_deletion(
        laptop: Laptop, watched: tuple[WorkingCopyWatcher, Recorder]) -> None:
    watcher, events = watched
    doc_id, path = next(iter(laptop.docs.items()))
    before = watcher.batches
    path.rename(path.with_name("renamed.pdf"))
    settle(watcher, before)
    assert events.names() == ["working_copy_moved"]  # neither a deletion nor a new file
    assert events.of("working_copy_moved")[0]["document_id"] == doc_id
    assert laptop.outbox() == []


def test_deletions_above_the_guard_ask_and_send_nothing(tmp_path: Path) -> None:
    laptop = make_laptop(tmp_path, documents=13)
    events = Recorder()
    watcher = WorkingCopyWatcher(laptop.replica, debounce_seconds=DEBOUNCE, on_event=events,
                                 deletion_guard=10)
    with watcher:
        before = watcher.batches
        doomed = sorted(laptop.docs)[:11]
        for doc_id in doomed:
            laptop.docs[doc_id].unlink()
        settle(watcher, before)
        assert events.names() == ["mass_deletion"]
        asked = events.of("mass_deletion")[0]
        assert asked["reason"] == "threshold" and asked["count"] == 11
        assert asked["documents"] == doomed and asked["threshold"] == 10
        assert laptop.outbox() == []
        # the user answers: delete them after all
        assert watcher.confirm_deletion(asked["documents"]) == 11
    assert laptop.outbox() == [("delete_document", doc_id) for doc_id in doomed]
    laptop.replica.close()


@pytest.mark.parametrize("how", ["removed", "moved away"])
def test_vanished_working_folder_asks_and_sends_nothing(
        laptop: Laptop, watched: tuple[WorkingCopyWatcher, Recorder], tmp_path: Path,
        how: str) -> None:
    watcher, events = watched
    before = watcher.batches
    if how == "removed":
        shutil.rmtree(laptop.working_dir)
    else:
        laptop.working_dir.rename(tmp_path / "elsewhere")
    settle(watcher, before)
    assert events.names() == ["mass_deletion"]
    asked = events.of("mass_deletion")[0]
    assert asked["reason"] == "folder_vanished" and asked["documents"] == sorted(laptop.docs)
    assert laptop.outbox() == []
    assert all(laptop.document(doc_id).state == "synced" for doc_id in laptop.docs)
    assert watcher.restore("K-100") == len(laptop.docs)
    assert all(path.exists() for path in laptop.docs.values())


def test_scan_finds_edits_made_while_not_watching(laptop: Laptop) -> None:
    doc_id, path = next(iter(laptop.docs.items()))
    path.write_bytes(b"%PDF-1.4 edited while the app was closed")
    events = Recorder()
    watcher = WorkingCopyWatcher(laptop.replica, debounce_seconds=DEBOUNCE, on_event=events)
    watcher.start(scan=True)
    watcher.stop()
    assert events.names() == ["new_version"] and laptop.outbox() == [("new_version", doc_id)]


def test_edit_in_working_copy_reaches_the_server(live_server: LiveServer,
                                                 engine_for: EngineFactory) -> None:
    with live_server.client("admin") as admin:
        file_id = admin.get("/files/by-key/K-100").json()["id"]
        data = b"%PDF-1.4 offer"
        sha = hashlib.sha256(data).hexdigest()
        admin.put(f"/blobs/{sha}", content=data)
        offer = admin.post(f"/files/{file_id}/documents", json={
            "type": "offer", "title": "Angebot 1", "registers": ["offers"],
            "index": {"number": "A-1", "date": "2026-05-01"},
            "content": {"sha256": sha, "filename": "angebot.pdf",
                        "media_type": "application/pdf"}}).json()
    alice = engine_for("alice")
    alice.checkout("K-100")
    events = Recorder()
    watcher = WorkingCopyWatcher(alice.replica, debounce_seconds=DEBOUNCE, on_event=events)
    with watcher:
        working = next(alice.files_dir.rglob("*.pdf"))
        before = watcher.batches
        working.write_bytes(b"%PDF-1.4 offer, revised on the train")
        settle(watcher, before)
        assert events.names() == ["new_version"]
        report = alice.sync()  # materialise afterwards touches nothing: no second version
        assert not report.offline and alice.pending_count() == 0
        assert watcher.wait_idle(TIMEOUT)
    assert events.names() == ["new_version"]
    with live_server.client("bob") as bob:
        current = bob.get(f"/documents/{offer['id']}").json()["current_version"]
    assert current["number"] == 2
    assert current["sha256"] == hashlib.sha256(b"%PDF-1.4 offer, revised on the train").hexdigest()
    assert current["filename"] == "angebot.pdf"
