"""The sales clerk on the train: check out, work offline, come back, colleagues meanwhile."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from sync import outbox
from sync.engine import Engine
from sync.errors import Locked, Offline
from sync.remote import RemoteClient
from sync.replica import LocalDocument
from sync.resolve import resolve

from .conftest import EngineFactory, LiveServer


@contextmanager
def offline(engine: Engine) -> Iterator[None]:
    """The train enters a tunnel: nothing listens at the server's address."""
    online = engine.remote
    engine.remote = RemoteClient("http://127.0.0.1:9", tokens=online.tokens, retries=0)
    try:
        yield
    finally:
        engine.remote.close()
        engine.remote = online


def _upload(client: httpx.Client, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    assert client.put(f"/blobs/{sha}", content=data).status_code in (200, 201)
    return sha


def _server_doc(live: LiveServer, doc_id: str) -> dict[str, Any]:
    with live.client("admin") as admin:
        return dict(admin.get(f"/documents/{doc_id}").json())


def _file_id(live: LiveServer) -> str:
    with live.client("admin") as admin:
        return str(admin.get("/files/by-key/K-100").json()["id"])


def _seed_invoice(live: LiveServer, title: str = "Factura 1") -> dict[str, Any]:
    with live.client("admin") as admin:
        sha = _upload(admin, f"%PDF-1.4 {title}".encode())
        response = admin.post(f"/files/{_file_id(live)}/documents", json={
            "type": "invoice", "title": title, "registers": ["invoices"],
            "index": {"number": "F-1", "date": "2026-05-01", "amount": "100.00",
                      "currency": "EUR", "paid": False},
            "content": {"sha256": sha, "filename": "f1.pdf", "media_type": "application/pdf"}})
        assert response.status_code == 201, response.text
        return dict(response.json())


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_offline_work_reaches_the_server(live_server: LiveServer, engine_for: EngineFactory,
                                         tmp_path: Path) -> None:
    invoice = _seed_invoice(live_server)
    alice = engine_for("alice")
    result = alice.checkout("K-100")
    assert result["documents"] == 1
    working = list((alice.files_dir).rglob("*.pdf"))
    assert len(working) == 1 and working[0].read_bytes() == b"%PDF-1.4 Factura 1"

    with offline(alice):
        new_id = outbox.add_document(alice.replica, key="K-100",
                                     path=_write(tmp_path, "pedido.pdf", b"%PDF order"),
                                     register="orders", doc_type="order",
                                     index={"number": "P-9", "date": "2026-06-01"})
        outbox.set_index(alice.replica, invoice["id"], {"paid": True})
        outbox.new_version(alice.replica, invoice["id"],
                           _write(tmp_path, "f1-v2.pdf", b"%PDF-1.4 Factura 1 corrected"),
                           comment="corrected")
        assert alice.sync().offline is True
        assert alice.pending_count() == 3

    report = alice.sync()
    assert not report.offline and alice.pending_count() == 0 and not alice.conflicts()
    server_invoice = _server_doc(live_server, invoice["id"])
    assert server_invoice["index"]["paid"] is True
    assert server_invoice["current_version"]["number"] == 2
    assert _server_doc(live_server, new_id)["index"]["number"] == "P-9"
    alice.checkin("K-100")
    with live_server.client("bob") as bob:
        response = bob.get(f"/documents/{invoice['id']}")
        assert response.status_code == 200


def test_colleague_changes_other_field_both_win(live_server: LiveServer,
                                                engine_for: EngineFactory) -> None:
    invoice = _seed_invoice(live_server)
    alice = engine_for("alice")
    alice.checkout("K-100")
    with offline(alice):
        outbox.set_index(alice.replica, invoice["id"], {"paid": True})
    with live_server.client("bob") as bob:
        assert bob.patch(f"/documents/{invoice['id']}", json={"index": {"due_date": "2026-06-30"}},
                         headers={"If-Match": invoice["etag"]}).status_code == 200
    alice.sync()
    assert not alice.conflicts()
    index = _server_doc(live_server, invoice["id"])["index"]
    assert index["paid"] is True and index["due_date"] == "2026-06-30"


@pytest.mark.parametrize("keep", ["mine", "theirs"])
def test_same_field_is_a_conflict_for_the_user(live_server: LiveServer,
                                               engine_for: EngineFactory, keep: str) -> None:
    invoice = _seed_invoice(live_server)
    alice = engine_for("alice")
    alice.checkout("K-100")
    outbox.set_index(alice.replica, invoice["id"], {"amount": "111.00"})
    with live_server.client("bob") as bob:
        bob.patch(f"/documents/{invoice['id']}", json={"index": {"amount": "222.00"}},
                  headers={"If-Match": invoice["etag"]})
    alice.sync()
    conflicts = alice.conflicts()
    assert [c.kind for c in conflicts] == ["fields"] and conflicts[0].fields == ["index.amount"]
    resolve(alice.replica, conflicts[0].id, keep)
    alice.sync()
    assert not alice.conflicts() and alice.pending_count() == 0
    expected = "111.00" if keep == "mine" else "222.00"
    assert _server_doc(live_server, invoice["id"])["index"]["amount"] == expected
    with live_server.client("admin") as admin:  # the choice is in the audit trail
        events = admin.get("/audit", params={"object": invoice["id"],
                                             "action": "resolve"}).json()["items"]
    assert [(e["actor"], e["details"]["choice"]) for e in events] == [("alice", keep)]


@pytest.mark.parametrize("keep", ["mine", "theirs", "both"])
def test_content_conflict_choices(live_server: LiveServer, engine_for: EngineFactory,
                                  tmp_path: Path, keep: str) -> None:
    invoice = _seed_invoice(live_server)
    alice = engine_for("alice")
    alice.checkout("K-100")
    outbox.new_version(alice.replica, invoice["id"], _write(tmp_path, "mine.pdf", b"MINE"))
    with live_server.client("bob") as bob:
        sha = _upload(bob, b"THEIRS")
        bob.post(f"/documents/{invoice['id']}/versions",
                 json={"content": {"sha256": sha, "filename": "theirs.pdf"}},
                 headers={"If-Match": invoice["etag"]})
    alice.sync()
    conflicts = alice.conflicts()
    assert [c.kind for c in conflicts] == ["content"]  # never decided silently
    resolve(alice.replica, conflicts[0].id, keep)
    alice.sync()
    assert not alice.conflicts() and alice.pending_count() == 0
    with live_server.client("admin") as admin:
        versions = admin.get(f"/documents/{invoice['id']}/versions").json()["items"]
        docs = admin.get(f"/files/{_file_id(live_server)}/documents").json()["items"]
    mine_sha = hashlib.sha256(b"MINE").hexdigest()
    theirs_sha = hashlib.sha256(b"THEIRS").hexdigest()
    shas = [v["sha256"] for v in versions]
    if keep == "mine":
        assert shas[-2:] == [theirs_sha, mine_sha] and len(docs) == 1
    elif keep == "theirs":
        assert shas[-1] == theirs_sha and mine_sha not in shas and len(docs) == 1
        assert alice.replica.cache_path(mine_sha).exists()  # my draft stays restorable
    else:
        assert shas[-1] == theirs_sha and len(docs) == 2
        copy = next(d for d in docs if d["id"] != invoice["id"])
        assert "conflict copy" in copy["title"] and copy["current_version"]["sha256"] == mine_sha


def test_equal_content_is_no_conflict(live_server: LiveServer, engine_for: EngineFactory,
                                      tmp_path: Path) -> None:
    invoice = _seed_invoice(live_server)
    alice = engine_for("alice")
    alice.checkout("K-100")
    outbox.new_version(alice.replica, invoice["id"], _write(tmp_path, "same.pdf", b"SAME"))
    with live_server.client("bob") as bob:
        sha = _upload(bob, b"SAME")
        bob.post(f"/documents/{invoice['id']}/versions",
                 json={"content": {"sha256": sha, "filename": "same.pdf"}},
                 headers={"If-Match": invoice["etag"]})
    alice.sync()
    assert not alice.conflicts() and alice.pending_count() == 0


def test_edit_against_delete_keeps_the_edit(live_server: LiveServer,
                                            engine_for: EngineFactory) -> None:
    with live_server.client("admin") as admin:
        sha = _upload(admin, b"note")
        note = admin.post(f"/files/{_file_id(live_server)}/documents", json={
            "type": "note", "title": "call back", "index": {"date": "2026-01-01"},
            "content": {"sha256": sha, "filename": "note.txt"}}).json()
    alice = engine_for("alice")
    alice.checkout("K-100")
    outbox.set_index(alice.replica, note["id"], {"author": "Alice"})
    with live_server.client("admin") as admin:
        assert admin.delete(f"/documents/{note['id']}",
                            headers={"If-Match": note["etag"]}).status_code == 204
    alice.sync()
    assert not alice.conflicts()
    reports = alice.reports()
    assert reports and reports[0].kind == "deleted"  # the deletion is reported
    with live_server.client("admin") as admin:
        docs = admin.get(f"/files/{_file_id(live_server)}/documents").json()["items"]
    assert [d["index"].get("author") for d in docs] == ["Alice"]


def test_pull_brings_colleagues_documents(live_server: LiveServer,
                                          engine_for: EngineFactory) -> None:
    alice = engine_for("alice")
    alice.checkout("K-100")
    invoice = _seed_invoice(live_server, "Factura 7")
    report = alice.sync()
    assert invoice["id"] in report.new_documents
    docs = {p.name for p in alice.files_dir.rglob("*.pdf")}
    assert any("Factura 7" in name for name in docs)


def test_offline_checkout_says_offline(engine_for: EngineFactory) -> None:
    alice = engine_for("alice")
    with offline(alice), pytest.raises(Offline):
        alice.checkout("K-100")


def test_untouched_working_copy_follows_the_server_edited_one_stays(
        live_server: LiveServer, engine_for: EngineFactory) -> None:
    invoice = _seed_invoice(live_server)
    note = _seed_invoice(live_server, "Factura 2")
    alice = engine_for("alice")
    alice.checkout("K-100")
    copies = {p.name: p for p in alice.files_dir.rglob("*.pdf")}
    untouched = next(p for n, p in copies.items() if "Factura 1" in n)
    edited = next(p for n, p in copies.items() if "Factura 2" in n)
    edited.write_bytes(b"my local edit, not yet saved as a version")
    with live_server.client("bob") as bob:
        for doc, data in ((invoice, b"v2 of 1"), (note, b"v2 of 2")):
            sha = _upload(bob, data)
            assert bob.post(f"/documents/{doc['id']}/versions",
                            json={"content": {"sha256": sha, "filename": "v2.pdf"}},
                            headers={"If-Match": doc["etag"]}).status_code == 201
    alice.sync()
    assert untouched.read_bytes() == b"v2 of 1"
    assert edited.read_bytes() == b"my local edit, not yet saved as a version"


def test_refused_delete_taken_back_shows_the_document_again(
        live_server: LiveServer, engine_for: EngineFactory) -> None:
    invoice = _seed_invoice(live_server)
    alice = engine_for("alice")  # a clerk: may not delete
    alice.checkout("K-100")
    copy = _working_copy(alice, invoice["id"])
    outbox.delete_document(alice.replica, invoice["id"])
    assert not copy.exists()  # deleted here: its working copy goes at once
    alice.sync()
    conflicts = alice.conflicts()
    assert [c.kind for c in conflicts] == ["rejected"]
    resolve(alice.replica, conflicts[0].id, "theirs")
    with alice.replica.transaction() as session:
        doc = session.get(LocalDocument, invoice["id"])
        assert doc is not None and doc.state == "synced" and doc.title == "Factura 1"
    assert alice.sync().conflicts == 0 and alice.pending_count() == 0
    assert _server_doc(live_server, invoice["id"])["deleted"] is False
    assert copy.read_bytes() == b"%PDF-1.4 Factura 1"  # and back with the document


def _working_copy(engine: Engine, doc_id: str) -> Path:
    with engine.replica.transaction() as session:
        doc = session.get(LocalDocument, doc_id)
        assert doc is not None and doc.working_path
        return Path(doc.working_path)


def _seed_note(live: LiveServer, text: bytes) -> dict[str, Any]:
    with live.client("admin") as admin:
        response = admin.post(f"/files/{_file_id(live)}/documents", json={
            "type": "note", "title": text.decode()[:20], "index": {"date": "2026-01-01"},
            "content": {"sha256": _upload(admin, text), "filename": "note.txt"}})
        assert response.status_code == 201, response.text
        return dict(response.json())


def _two_notes_one_edited(live: LiveServer, engine_for: EngineFactory, edit: bytes
                          ) -> tuple[Engine, list[dict[str, Any]], list[Path]]:
    """Alice checks out K-100 with two notes and edits the second one's working copy; the
    notes (untouched, edited) and their working copies."""
    notes = [_seed_note(live, b"call back"), _seed_note(live, b"memo")]
    alice = engine_for("alice")
    alice.checkout("K-100")
    copies = [_working_copy(alice, n["id"]) for n in notes]
    copies[1].write_bytes(edit)
    return alice, notes, copies


def test_a_colleagues_deletion_takes_the_untouched_working_copy_only(
        live_server: LiveServer, engine_for: EngineFactory) -> None:
    alice, (untouched, edited), (untouched_copy, edited_copy) = _two_notes_one_edited(
        live_server, engine_for, b"memo, with my notes from the visit")
    with live_server.client("admin") as admin:
        for note in (untouched, edited):
            assert admin.delete(f"/documents/{note['id']}",
                                headers={"If-Match": note["etag"]}).status_code == 204
    alice.sync()
    assert not untouched_copy.exists()
    assert edited_copy.read_bytes() == b"memo, with my notes from the visit"


def test_checkin_tidies_the_working_folder_and_keeps_what_the_user_made(
        live_server: LiveServer, engine_for: EngineFactory) -> None:
    _seed_invoice(live_server)
    edited = _seed_note(live_server, b"memo")
    alice = engine_for("alice")
    alice.checkout("K-100")
    folder = Path(alice.checked_out()[0].working_dir or "")
    edited_copy = _working_copy(alice, edited["id"])
    edited_copy.write_bytes(b"edited after the watcher stopped")
    (folder / "my own list.txt").write_text("not a document", encoding="utf-8")
    events: list[tuple[str, dict[str, Any]]] = []
    alice.subscribe(lambda name, data: events.append((name, data)))
    alice.checkin("K-100")
    left = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert left == sorted([edited_copy.relative_to(folder).as_posix(), "my own list.txt"])
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [edited_copy.parent.name, "my own list.txt"])  # emptied register folders are gone
    assert ("checked_in", {"key": "K-100", "kept": [str(edited_copy)]}) in events


def test_cancelling_a_checkout_keeps_edited_working_copies(
        live_server: LiveServer, engine_for: EngineFactory) -> None:
    _seed_invoice(live_server)
    alice = engine_for("alice")
    alice.checkout("K-100")
    folder = Path(alice.checked_out()[0].working_dir or "")
    copies = sorted(p for p in folder.rglob("*") if p.is_file())
    copies[0].write_bytes(b"an edit the user may still want")
    alice.cancel("K-100", force=True)
    assert sorted(p for p in folder.rglob("*") if p.is_file()) == [copies[0]]


def test_exclusive_checkout_locks_out_colleagues_until_checkin(
        live_server: LiveServer, engine_for: EngineFactory) -> None:
    invoice = _seed_invoice(live_server)
    alice = engine_for("alice")
    alice.checkout("K-100", exclusive=True)
    with live_server.client("bob") as bob:
        refused = bob.patch(f"/documents/{invoice['id']}", json={"title": "bob's"},
                            headers={"If-Match": invoice["etag"]})
        assert refused.status_code == 423 and refused.json()["locked_by"] == "alice"
        assert bob.get(f"/documents/{invoice['id']}").status_code == 200  # reads work
    bob_engine = engine_for("bob")
    with pytest.raises(Locked):
        bob_engine.checkout("K-100", exclusive=True)
    outbox.set_index(alice.replica, invoice["id"], {"paid": True})
    alice.checkin("K-100")
    with live_server.client("bob") as bob:
        current = bob.get(f"/documents/{invoice['id']}").json()
        assert current["index"]["paid"] is True
        assert bob.patch(f"/documents/{invoice['id']}", json={"title": "bob's"},
                         headers={"If-Match": current["etag"]}).status_code == 200


def test_a_renamed_document_moves_its_working_copy_an_edited_one_stays(
        live_server: LiveServer, engine_for: EngineFactory) -> None:
    alice, (untouched, edited), (old_untouched, old_edited) = _two_notes_one_edited(
        live_server, engine_for, b"memo, with my notes")
    with live_server.client("admin") as admin:
        for note, title in ((untouched, "call back on Tuesday"), (edited, "memo (final)")):
            assert admin.patch(f"/documents/{note['id']}", json={"title": title},
                               headers={"If-Match": note["etag"]}).status_code == 200
    alice.sync()
    moved = _working_copy(alice, untouched["id"])
    assert moved.name.startswith("call back on Tuesday") and moved.read_bytes() == b"call back"
    assert not old_untouched.exists()  # no second copy under the old name
    assert _working_copy(alice, edited["id"]) == old_edited
    assert old_edited.read_bytes() == b"memo, with my notes"
