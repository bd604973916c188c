"""The PostgreSQL search backend's own guarantees: a kill -9 mid-batch loses nothing and
doubles nothing, one process indexes a tenant at a time, a changed field configuration
rebuilds, ``reindex`` rebuilds, and the backend refuses a database that is not PostgreSQL.
(The query table, rights and hits run on it in test_search.py.)"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, update

from server_stub import cli
from server_stub.app import build_context
from server_stub.search.pg_table import CURSORS, DOCUMENTS, document_row
from server_stub.search.postgres import PostgresBackend
from server_stub.search.records import DocumentRecord
from server_stub.settings import Settings
from tests.conftest import ROOT
from tests.search_cases import CORPUS

from .conftest import POSTGRES_SEARCH, Server
from .test_search import eventually, file_text, indexed, seed, tenant_id_of

pytestmark = pytest.mark.parametrize("search_server", POSTGRES_SEARCH, indirect=True)

#: A process that indexes one batch and waits, killed, before it commits.
_HALTED_INDEXER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from server_stub.blobstore import BlobStore
    from server_stub.db import open_database
    from server_stub.fileclasses import load_file_classes
    from server_stub.search.postgres import PostgresBackend

    url, blobs, texts, tenant_id, marker = sys.argv[1:]
    backend = PostgresBackend(open_database(url), load_file_classes(None),
                              BlobStore(Path(blobs)), Path(texts))
    moved = PostgresBackend._move_cursor

    def halted(self, session, tenant, seq):
        moved(self, session, tenant, seq)
        session.flush()
        Path(marker).write_text(str(seq))
        time.sleep(600)  # rows and cursor written, not committed: the kill comes here

    PostgresBackend._move_cursor = halted
    backend.catch_up(tenant_id)
""")


def _backend(server: Server) -> PostgresBackend:
    backend = server.context.search
    assert isinstance(backend, PostgresBackend)
    return backend


def _rows(server: Server, tenant_id: str) -> dict[str, int]:
    with server.context.database.reader() as session:
        return {doc_id: count for doc_id, count in session.execute(
            select(DOCUMENTS.c.doc_id, func.count()).where(DOCUMENTS.c.tenant_id == tenant_id)
            .group_by(DOCUMENTS.c.doc_id))}


def _cursor(server: Server, tenant_id: str) -> int | None:
    with server.context.database.reader() as session:
        return session.scalar(select(CURSORS.c.seq).where(CURSORS.c.tenant_id == tenant_id))


def test_kill_9_mid_batch_loses_and_doubles_nothing(search_server: Server,
                                                    tmp_path: Path) -> None:
    admin = search_server.add_user("admin", roles=("admin",))
    backend = _backend(search_server)
    file = admin.new_file("K-40001")
    for n in range(3):
        file_text(admin, file["id"], doc_type="note", title=f"note {n}",
                  registers=["correspondence"], index={"date": "2025-01-01"}, text=f"text {n}")
    indexed(admin, 3)
    backend.stop()  # from here on the processes below index
    tenant_id = tenant_id_of(search_server)
    before = _cursor(search_server, tenant_id)
    for n in range(3, 6):
        file_text(admin, file["id"], doc_type="note", title=f"note {n}",
                  registers=["correspondence"], index={"date": "2025-01-01"}, text=f"text {n}")
    settings = search_server.context.settings
    marker = tmp_path / "batch-written"
    child = subprocess.Popen(
        [sys.executable, "-c", _HALTED_INDEXER, settings.effective_database_url,
         str(settings.blob_dir), str(tmp_path / "texts"), tenant_id, str(marker)],
        cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        assert eventually(marker.exists, seconds=120), "the indexer never wrote its batch"
        # meanwhile the tenant is locked: another process skips it instead of doubling
        assert backend.catch_up(tenant_id) is None
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert _cursor(search_server, tenant_id) == before  # the batch died with the process
    assert len(_rows(search_server, tenant_id)) == 3
    cursor = eventually(lambda: backend.catch_up(tenant_id))  # the lock is free again
    assert cursor is not None and cursor > (before or 0)
    rows = _rows(search_server, tenant_id)
    assert len(rows) == 6 and set(rows.values()) == {1}
    with search_server.context.database.writing() as session:  # replay the whole feed
        session.execute(update(CURSORS).where(CURSORS.c.tenant_id == tenant_id).values(seq=0))
    assert backend.catch_up(tenant_id) == cursor
    rows = _rows(search_server, tenant_id)
    assert len(rows) == 6 and set(rows.values()) == {1}


def test_new_field_configuration_and_reindex_rebuild(
        search_server: Server, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    admin = search_server.add_user("admin", roles=("admin",))
    seed(admin)
    indexed(admin, len(CORPUS))
    backend = _backend(search_server)
    backend.stop()
    tenant_id = tenant_id_of(search_server)
    with search_server.context.database.writing() as session:
        session.execute(update(CURSORS).where(CURSORS.c.tenant_id == tenant_id)
                        .values(fingerprint="fields of old"))
        session.execute(DOCUMENTS.delete().where(DOCUMENTS.c.tenant_id == tenant_id,
                                                 DOCUMENTS.c.title == "Pump complaint"))
    caplog.set_level("WARNING", logger="server_stub.search")
    assert backend.catch_up(tenant_id) is not None
    assert any("building the index" in r.getMessage() for r in caplog.records)
    assert len(_rows(search_server, tenant_id)) == len(CORPUS)

    with search_server.context.database.writing() as session:
        session.execute(DOCUMENTS.delete().where(DOCUMENTS.c.tenant_id == tenant_id))
    settings = search_server.context.settings
    monkeypatch.setenv("DATABASE_URL", settings.effective_database_url)
    monkeypatch.setenv("DOSSIER_SEARCH_BACKEND", "postgres")
    assert cli.main(["reindex", "--tenant", search_server.tenant,
                     "--data-dir", str(settings.data_dir)]) == 0
    rows = _rows(search_server, tenant_id)
    assert len(rows) == len(CORPUS) and set(rows.values()) == {1}


def test_two_backends_index_once_and_both_search(search_server: Server) -> None:
    """Two server processes on one database (two backends here): every document is
    indexed once and each of them answers."""
    context = search_server.context
    first = context.search
    other = PostgresBackend(context.database, context.file_classes, context.blobs,
                            context.settings.search_dir / "other-texts", poll_seconds=0.2)
    other.start()
    try:
        admin = search_server.add_user("admin", roles=("admin",))
        seed(admin)
        indexed(admin, len(CORPUS))
        rows = _rows(search_server, tenant_id_of(search_server))
        assert len(rows) == len(CORPUS) and set(rows.values()) == {1}
        context.search = other
        assert admin.get("/search", params={"q": "pump"}).json()["total"] == 1
    finally:
        context.search = first  # stopped with the server
        other.stop()


def test_refused_without_postgresql(search_server: Server, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    sqlite = f"sqlite:///{tmp_path / 'plain.sqlite3'}"
    with pytest.raises(ValueError, match="needs a PostgreSQL database"):
        build_context(Settings(data_dir=tmp_path / "plain", database_url=sqlite,
                               search_backend="postgres"))
    monkeypatch.setenv("DATABASE_URL", sqlite)
    monkeypatch.setenv("DOSSIER_SEARCH_BACKEND", "postgres")
    assert cli.main(["search", "--tenant", "acme", "pump",
                     "--data-dir", str(tmp_path / "plain")]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("dossier-server: configuration: search_backend postgres needs")
    assert len(error.splitlines()) == 1


def test_values_postgresql_refuses_are_stored_without_them(search_server: Server) -> None:
    """NUL characters (text, jsonb) and infinite numbers (jsonb) would fail the indexer's
    batch again and again; they are left out of the row instead."""
    record = DocumentRecord(
        id="odd", file_id="f", file_class="customer", file_key="K-0", file_title="T",
        cover={"na\x00me": "x\x00y"}, type="note", type_label="Note", title="ti\x00tle",
        index={"amount": "1e999", "subject": "a\x00b"}, register_ids=[], register_names=[],
        register_labels=[], created_at=datetime(2025, 1, 1, tzinfo=UTC),
        texts={"content": "bo\x00dy"})
    backend = _backend(search_server)
    row = document_row("no-tenant", record, backend.catalogue)
    with search_server.context.database.writing() as session:
        session.execute(insert(DOCUMENTS), [row])
        stored = session.execute(select(DOCUMENTS.c.title, DOCUMENTS.c.numbers).where(
            DOCUMENTS.c.tenant_id == "no-tenant")).one()
        session.rollback()
    assert stored.title == "title" and "amount" not in stored.numbers
