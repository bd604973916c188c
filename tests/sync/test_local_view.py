"""The replica read as the server would answer, and registers changed offline."""

from __future__ import annotations

import pytest

from sync import local_view, outbox
from sync.errors import UsageError

from .conftest import EngineFactory, LiveServer
from .test_engine import _seed_invoice, _server_doc, offline


def test_checked_out_file_reads_like_the_server(live_server: LiveServer,
                                                engine_for: EngineFactory) -> None:
    invoice = _seed_invoice(live_server)
    alice = engine_for("alice")
    alice.checkout("K-100")
    file_id = alice.checked_out()[0].id
    local = local_view.file_documents(alice.replica, file_id)
    assert local is not None
    file, documents = local
    assert file.key == "K-100" and file.cover
    counts = {r.name: r.count for r in file.all_registers()}
    assert counts["invoices"] == 1 and counts["orders"] == 0
    on_server = alice.remote.file_record(file_id)
    for name in ("id", "key", "title", "file_class", "cover", "etag", "registers"):
        assert getattr(file, name) == getattr(on_server, name), name
    (doc,) = documents
    with live_server.client("alice") as client:
        server = client.get(f"/documents/{invoice['id']}").json()
    for key in ("id", "type", "title", "index", "registers", "etag"):
        assert doc[key] == server[key], key
    for key in ("number", "sha256", "filename", "media_type", "size"):
        assert doc["current_version"][key] == server["current_version"][key], key
    assert not doc["pending"]
    versions = local_view.versions(alice.replica, invoice["id"])
    assert versions is not None and [v.number for v in versions] == [1]
    fields = ("number", "sha256", "size", "media_type", "filename", "created_by", "comment")
    assert [[getattr(v, f) for f in fields] for v in versions] == \
        [[getattr(v, f) for f in fields] for v in alice.remote.versions(invoice["id"])]
    assert local_view.versions(alice.replica, "not-there") is None
    assert local_view.file_documents(alice.replica, "not-there") is None


def test_offline_search_finds_checked_out_files_only(live_server: LiveServer,
                                                     engine_for: EngineFactory) -> None:
    alice = engine_for("alice")
    alice.checkout("K-100")
    assert [f.key for f in local_view.search_files(alice.replica, "k-1")] == ["K-100"]
    assert [f.key for f in local_view.search_files(alice.replica, "")] == ["K-100"]
    # LIKE metacharacters are taken literally
    assert local_view.search_files(alice.replica, "%") == []
    assert local_view.search_files(alice.replica, "K_100") == []


def test_registers_changed_offline_reach_the_server(live_server: LiveServer,
                                                    engine_for: EngineFactory) -> None:
    invoice = _seed_invoice(live_server)
    alice = engine_for("alice")
    alice.checkout("K-100")
    with offline(alice):
        outbox.set_index(alice.replica, invoice["id"], {}, registers=["invoices", "orders"])
        with pytest.raises(UsageError):
            outbox.set_index(alice.replica, invoice["id"], {}, registers=[])
        with pytest.raises(UsageError):
            outbox.set_index(alice.replica, invoice["id"], {}, registers=["no such register"])
        file_id = alice.checked_out()[0].id
        local = local_view.file_documents(alice.replica, file_id)
        assert local is not None
        assert {r.name: r.count for r in local[0].all_registers()}["orders"] == 1
        assert local[1][0]["pending"]
    alice.sync()
    assert alice.pending_count() == 0
    server = _server_doc(live_server, invoice["id"])
    names = {r.id: r.name for r in local[0].all_registers()}
    assert sorted(names[r] for r in server["registers"]) == ["invoices", "orders"]
