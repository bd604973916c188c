"""The replica: created and migrated, atomic local actions, a damaged file detected."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from sync import outbox
from sync.due import checked_at, copies_due, pending_downloads
from sync.errors import ReplicaDamaged, UsageError
from sync.replica import MIGRATIONS, LocalDocument, LocalFile, OutboxOp, Replica


def _replica_with_file(tmp_path: Path) -> Replica:
    replica = Replica(tmp_path / "r" / "replica.sqlite3")
    with replica.transaction() as session:
        session.add(LocalFile(id="f1", key="K-1", title="Müller", file_class="customer",
                              etag="e1", checkout_id="c1",
                              registers=[{"id": "r1", "name": "invoices", "label": "Invoices",
                                          "parent_id": None}]))
    return replica


def test_new_replica_is_at_the_newest_schema(tmp_path: Path) -> None:
    replica = Replica(tmp_path / "replica.sqlite3")
    replica.close()
    with sqlite3.connect(tmp_path / "replica.sqlite3") as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"files", "documents", "versions", "outbox", "conflicts", "meta"} <= tables


def test_local_action_writes_change_and_outbox_together(tmp_path: Path) -> None:
    replica = _replica_with_file(tmp_path)
    source = tmp_path / "scan.pdf"
    source.write_bytes(b"%PDF-1.4 scan")
    doc_id = outbox.add_document(replica, key="K-1", path=source, register="invoices",
                                 doc_type="invoice", index={"number": "R-1"})
    outbox.set_index(replica, doc_id, {"paid": True})
    with replica.transaction() as session:
        doc = session.get(LocalDocument, doc_id)
        ops = session.scalars(select(OutboxOp).order_by(OutboxOp.seq)).all()
    assert doc is not None and doc.state == "new" and doc.index == {"number": "R-1",
                                                                    "paid": True}
    assert [op.kind for op in ops] == ["create_document", "update_document"]
    assert replica.cache_path(doc.sha256 or "").read_bytes() == b"%PDF-1.4 scan"


def test_failed_action_leaves_nothing(tmp_path: Path) -> None:
    replica = _replica_with_file(tmp_path)
    source = tmp_path / "x.pdf"
    source.write_bytes(b"x")
    with pytest.raises(UsageError, match="no register"):
        outbox.add_document(replica, key="K-1", path=source, register="nope", doc_type="letter")
    with pytest.raises(UsageError, match="not checked out"):
        outbox.add_document(replica, key="K-2", path=source, register="invoices",
                            doc_type="letter")
    with pytest.raises(UsageError, match="cannot read"):
        outbox.add_document(replica, key="K-1", path=tmp_path / "missing.pdf",
                            register="invoices", doc_type="letter")
    with replica.transaction() as session:
        assert session.scalars(select(OutboxOp)).all() == []
        assert session.scalars(select(LocalDocument)).all() == []


def test_damaged_replica_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite3"
    Replica(path).close()
    data = bytearray(path.read_bytes())
    data[:16] = b"garbage garbage!"
    path.write_bytes(bytes(data))
    with pytest.raises(ReplicaDamaged):
        Replica(path)


def test_replica_of_schema_1_is_migrated_keeping_its_data(tmp_path: Path) -> None:
    """An old snapshot: the schema as version 1 made it, with a pending local change."""
    path, doc_id = _closed_replica_of_schema_4(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE documents DROP COLUMN working_sha")
        conn.execute("ALTER TABLE documents DROP COLUMN stale")
        conn.execute("PRAGMA user_version=1")
    migrated = Replica(path)
    with migrated.transaction() as session:
        doc = session.get(LocalDocument, doc_id)
        assert doc is not None and doc.working_sha is None and doc.state == "new"
        assert doc.stale is False
        assert len(session.scalars(select(OutboxOp)).all()) == 1
    migrated.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def _closed_replica_of_schema_4(tmp_path: Path) -> tuple[Path, str]:
    """A replica with a document added offline, taken back to the schema of migration 4
    (what migration 5 adds taken away: ``sync/due.py``); its path and
    the document's id. The caller sets ``user_version``."""
    replica = _replica_with_file(tmp_path)
    source = tmp_path / "scan.pdf"
    source.write_bytes(b"%PDF-1.4 scan")
    doc_id = outbox.add_document(replica, key="K-1", path=source, register="invoices",
                                 doc_type="invoice")
    replica.close()
    path = tmp_path / "r" / "replica.sqlite3"
    with sqlite3.connect(path) as conn:
        _back_to_schema_4(conn)
    return path, doc_id


def _back_to_schema_4(conn: sqlite3.Connection) -> None:
    added = conn.execute("SELECT type, name FROM sqlite_master WHERE name LIKE 'due_%' "
                         "OR name = 'ix_documents_stale'").fetchall()
    for kind, name in added:
        conn.execute(f"DROP {kind.upper()} {name}")
    conn.execute("DROP TABLE downloads_pending")
    conn.execute("DROP TABLE copies_due")
    conn.execute("DROP TABLE self_checks")


def test_replica_of_schema_4_keeps_its_work_due(tmp_path: Path) -> None:
    """Migration 5: every document of an older replica is due once (its content looked for
    in the cache, its working copy looked at), as every sync looked at each before."""
    path, doc_id = _closed_replica_of_schema_4(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version=4")
    migrated = Replica(path)
    with migrated.transaction() as session:
        assert copies_due(session, "f1") == {doc_id}
        assert [row[0] for row in pending_downloads(session, "f1")] == [doc_id]
        assert checked_at(session, "f1") is None
    migrated.close()


def test_replica_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite3"
    Replica(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version=99")
    with pytest.raises(ReplicaDamaged, match="newer"):
        Replica(path)
