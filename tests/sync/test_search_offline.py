"""Searching the replica (``sync.search.search_replica``): the shared query table of
``tests/search_cases.py`` gives exactly the server's hits over checked-out files; local
changes are found before they are synced, deletions are gone at once, the answer has the
server's shape, and a replica of schema 3 gets its index."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from sync import outbox
from sync.engine import Engine
from sync.errors import UsageError
from sync.remote import RemoteClient
from sync.replica import MIGRATIONS, LocalFile, Replica
from sync.search import search_replica
from sync.wire_search import SearchAnswer
from tests.search_cases import BAD_QUERIES, CASES, CORPUS, FILES, INV7, INV8, ORDER, PUMP
from viewer.query import QueryError

from .conftest import PASSWORD, TENANT, LiveServer


def file_text(admin: httpx.Client, file_id: str, *, doc_type: str, title: str,
              registers: list[str], index: dict[str, Any], text: str,
              filename: str = "note.txt") -> dict[str, Any]:
    data = text.encode()
    sha = hashlib.sha256(data).hexdigest()
    assert admin.put(f"/blobs/{sha}", content=data).status_code in (200, 201)
    response = admin.post(f"/files/{file_id}/documents", json={
        "type": doc_type, "title": title, "registers": registers, "index": index,
        "content": {"sha256": sha, "filename": filename, "media_type": "text/plain"}})
    assert response.status_code == 201, response.text
    return dict(response.json())


def seed(admin: httpx.Client) -> dict[str, dict[str, Any]]:
    """The shared corpus on the server; returns its files by key."""
    files = {}
    for key, cover in FILES.items():
        response = admin.post("/files", json={"file_class": "customer", "key": key,
                                              "title": f"Customer {key}", "cover": cover})
        assert response.status_code == 201, response.text
        files[key] = response.json()
    for key, doc_type, title, registers, index, body in CORPUS:
        file_text(admin, files[key]["id"], doc_type=doc_type, title=title,
                  registers=registers, index=index, text=body)
    return files


def titles(answer: SearchAnswer) -> set[str]:
    return {hit.document.title for hit in answer.hits}


class Laptop:
    """Alice's engine and replica with both files of the corpus checked out."""

    def __init__(self, server: LiveServer, home: Path) -> None:
        remote = RemoteClient(server.url, retries=1, backoff=0.01)
        remote.login("admin", PASSWORD, TENANT)
        self.replica = Replica(home / "replica.sqlite3")
        self.engine = Engine(remote, self.replica, device_id=f"dev-{uuid.uuid4().hex[:6]}",
                             files_dir=home / "files")

    def close(self) -> None:
        self.engine.remote.close()
        self.replica.close()


@pytest.fixture(scope="module")
def corpus(module_server: LiveServer) -> dict[str, dict[str, Any]]:
    admin = module_server.client("admin")
    try:
        return seed(admin)
    finally:
        admin.close()


@contextmanager
def checked_out(server: LiveServer, home: Path) -> Iterator[Laptop]:
    made = Laptop(server, home)
    for key in FILES:
        made.engine.checkout(key)
    made.engine.sync()
    yield made
    for key in FILES:
        made.engine.cancel(key, force=True)
    made.close()


@pytest.fixture
def laptop(module_server: LiveServer, corpus: dict[str, Any], tmp_path: Path
           ) -> Iterator[Laptop]:
    """Both files checked out; the test may change the replica, not the server."""
    with checked_out(module_server, tmp_path / "laptop") as made:
        yield made


def search(replica: Replica, query: str, **kwargs: Any) -> SearchAnswer:
    return search_replica(replica, query, limit=100, **kwargs)


def test_the_shared_query_table(laptop: Laptop) -> None:
    failures = []
    for query, expected in CASES:
        answer = search(laptop.replica, query)
        if titles(answer) != expected or answer.total != len(expected):
            failures.append((query, sorted(titles(answer)), sorted(expected)))
    assert not failures


def test_bad_queries_name_the_position(laptop: Laptop) -> None:
    for query, position in BAD_QUERIES:
        with pytest.raises(QueryError) as refused:
            search(laptop.replica, query)
        assert refused.value.position == position, query
    for sort in ("colour", "-relevance", "title; DROP TABLE files"):
        with pytest.raises(UsageError):
            search(laptop.replica, "pump", sort=sort)
    with pytest.raises(UsageError):
        search(laptop.replica, "pump", group_by="colour")


def test_hits_snippets_groups_sort_and_pages(laptop: Laptop, corpus: dict[str, Any]) -> None:
    source = laptop.replica.path.parent / "note.txt"
    source.write_text("a <b>pump</b> & more", encoding="utf-8")
    outbox.add_document(laptop.replica, key="K-10001", path=source, register="correspondence",
                        doc_type="note", title="Pump <script>",
                        index={"date": "2025-01-01"})
    hit = search(laptop.replica, "script pump").hits[0]
    assert hit.document.title == "Pump <script>" and hit.document.pending
    assert hit.file.to_json() == {"id": corpus["K-10001"]["id"], "key": "K-10001",
                           "title": "Customer K-10001"}
    assert "<mark>pump</mark>" in hit.snippet.marked and "&lt;b&gt;" in hit.snippet.marked
    assert "<b>" not in hit.snippet.marked and hit.score > 0
    body = search(laptop.replica, "broken").hits[0].snippet.marked
    assert body == "Die Pumpe ist kaputt. The pump is <mark>broken</mark> since Monday."

    grouped = search_replica(laptop.replica, "type:invoice OR type:order", group_by="type",
                             limit=1)
    assert grouped.total == 3 and len(grouped.hits) == 1 and grouped.next_offset == 1
    assert {(g.value, g.label, g.count) for g in grouped.groups} == {
        ("invoice", "Invoice", 2), ("order", "Order", 1)}
    by_file = search(laptop.replica, "type:invoice OR type:order", group_by="file").groups
    assert {g.value: g.count for g in by_file} == {corpus["K-10001"]["id"]: 2,
                                                          corpus["K-10002"]["id"]: 1}
    by_register = search(laptop.replica, "muller", group_by="register").groups
    assert sorted((g.label, g.count) for g in by_register) == [
        ("Complaints", 1), ("Correspondence", 1), ("Invoices", 2)]
    months = search(laptop.replica, "muller", group_by="month").groups
    assert sum(g.count for g in months) == 4

    amounts = [h.document.index["amount"] for h in
               search(laptop.replica, "amount>0", sort="-amount").hits]
    assert amounts == ["1250.00", "780.50", "300.00"]
    ascending = [h.document.title for h in
                 search(laptop.replica, "type:invoice", sort="number").hits]
    assert ascending == [INV7, INV8]
    seen, offset = [], 0
    while offset is not None:
        page = search_replica(laptop.replica, "muller", sort="created", limit=2, offset=offset)
        seen += [h.document.id for h in page.hits]
        offset = page.next_offset
    assert len(seen) == len(set(seen)) == 4
    only = search(laptop.replica, "pump*", file_id=corpus["K-10002"]["id"])
    assert only.total == 0


def test_local_changes_are_found_before_the_sync(live_server: LiveServer,
                                                 tmp_path: Path) -> None:
    """On a server of its own: the changes are synced."""
    admin = live_server.client("admin")
    files = seed(admin)
    with checked_out(live_server, tmp_path / "laptop") as laptop:
        local_changes(laptop)
        # a colleague's changes come with the pull: a new document, a new title
        file_text(admin, files["K-10002"]["id"], doc_type="letter", title="Carta nueva",
                  registers=["correspondence"], index={"date": "2025-03-01"},
                  text="Confirmamos la entrega de las juntas")
        letter = next(d for d in admin.get(f"/files/{files['K-10002']['id']}/documents")
                      .json()["items"] if d["title"] == "Carta de agradecimiento")
        assert admin.patch(f"/documents/{letter['id']}", json={"title": "Carta de gracias"},
                           headers={"If-Match": letter["etag"]}).status_code == 200
        assert search(laptop.replica, "juntas").total == 0
        laptop.engine.sync()
        assert titles(search(laptop.replica, "juntas")) == {"Carta nueva"}
        assert titles(search(laptop.replica, "title:gracias")) == {"Carta de gracias"}
        assert search(laptop.replica, "title:agradecimiento").total == 0
    admin.close()


def local_changes(laptop: Laptop) -> None:
    replica = laptop.replica
    source = replica.path.parent / "offer.txt"
    source.write_text("Angebot über eine Kreiselpumpe für Herrn Groß", encoding="utf-8")
    doc_id = outbox.add_document(replica, key="K-10002", path=source, register="orders",
                                 doc_type="order", title="Angebot Kreiselpumpe",
                                 index={"number": "PO-77", "date": "2025-06-01"})
    assert titles(search(replica, "gross kreiselpumpe")) == {"Angebot Kreiselpumpe"}
    assert titles(search(replica, "number:PO-77 file:K-10002")) == {"Angebot Kreiselpumpe"}

    outbox.set_index(replica, doc_id, {"number": "PO-78"}, title="Angebot Pumpe")
    assert search(replica, "number:PO-77").total == 0
    assert titles(search(replica, "number:po-78 title:pumpe")) == {"Angebot Pumpe"}

    new_text = replica.path.parent / "offer-2.txt"
    new_text.write_text("Zweite Fassung mit Dichtungen", encoding="utf-8")
    outbox.new_version(replica, doc_id, new_text)
    assert titles(search(replica, "dichtungen")) == {"Angebot Pumpe"}
    assert search(replica, "kreiselpumpe").total == 0

    outbox.update_cover(replica, "K-10001", {"city": "Esslingen"})
    assert titles(search(replica, "city:esslingen")) == {PUMP, INV7, INV8}

    pump = next(h.document.id for h in search(replica, "pump").hits)
    outbox.delete_document(replica, pump)
    assert search(replica, "pump").total == 0
    assert search(replica, "register:complaints").total == 0

    # the server takes the changes (the deletion it refuses: the retention period runs)
    report = laptop.engine.sync()
    assert report.applied == 4
    assert titles(search(replica, "dichtungen number:PO-78")) == {"Angebot Pumpe"}
    assert titles(search(replica, "city:esslingen -type:complaint")) == {INV7, INV8}


def test_a_file_given_back_is_not_searched(laptop: Laptop) -> None:
    assert search(laptop.replica, "file:K-10002").total == 2
    laptop.engine.cancel("K-10002")
    assert search(laptop.replica, "file:K-10002").total == 0
    assert titles(search(laptop.replica, "type:order OR type:invoice")) == {INV7, INV8}
    laptop.engine.checkout("K-10002")
    assert titles(search(laptop.replica, "type:order")) == {ORDER}


def test_a_replica_of_schema_3_gets_its_index(laptop: Laptop) -> None:
    """An old snapshot: the schema as version 3 made it, without any search table."""
    path = laptop.replica.path
    laptop.replica.close()
    with sqlite3.connect(path) as conn:
        for (kind, name) in conn.execute(
                "SELECT type, name FROM sqlite_master WHERE name LIKE 'search%' "
                "AND type IN ('table', 'trigger')").fetchall():
            conn.execute(f"DROP {kind} IF EXISTS {name}")
        conn.execute("PRAGMA user_version=3")
    migrated = Replica(path)
    laptop.replica = laptop.engine.replica = migrated
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    with migrated.transaction() as session:
        pending = session.execute(text("SELECT count(*) FROM search_pending")).scalar()
    assert pending == len(CORPUS)
    assert titles(search(migrated, "pumpe")) == {PUMP}
    assert titles(search(migrated, "amount:300..800")) == {INV8, ORDER}


def test_the_fields_are_the_servers(tmp_path: Path) -> None:
    """The replica's catalogue, from the file classes it keeps, is the server's: a field
    filter is accepted or refused offline exactly as online."""
    from server_stub.fileclasses import load_file_classes
    from server_stub.search.records import field_catalogue
    from sync.fields import remember_file_classes
    from sync.search_index import catalogue_of

    classes = load_file_classes()
    replica = Replica(tmp_path / "replica.sqlite3")
    with replica.transaction() as session:
        remember_file_classes(session, [c.as_json() for c in classes.all()])
        assert catalogue_of(session).fields == field_catalogue(classes)
    replica.close()


def test_text_that_cannot_be_extracted_now_is_tried_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker that times out: the document is found by its values meanwhile, its text is
    tried again at later searches, and after a few failures it counts as one without text."""
    import viewer
    import viewer.isolated
    from sync.search_index import MAX_EXTRACT_ATTEMPTS

    replica = Replica(tmp_path / "replica.sqlite3")
    with replica.transaction() as session:
        session.add(LocalFile(id="f1", key="K-1", title="Müller", file_class="customer",
                              etag="e1", checkout_id="c1",
                              registers=[{"id": "r1", "name": "invoices", "label": "Invoices",
                                          "parent_id": None}]))
    source = tmp_path / "scan.txt"
    source.write_text("Kreiselpumpe", encoding="utf-8")
    outbox.add_document(replica, key="K-1", path=source, register="invoices",
                        doc_type="invoice", title="Rechnung")
    real = viewer.isolated.extract_text
    calls = []

    def hanging(data: bytes, **kwargs: Any) -> str:
        calls.append(1)
        raise viewer.TimedOut("the worker took too long")

    monkeypatch.setattr(viewer.isolated, "extract_text", hanging)
    for _ in range(MAX_EXTRACT_ATTEMPTS + 2):
        assert titles(search(replica, "rechnung")) == {"Rechnung"}
        assert search(replica, "kreiselpumpe").total == 0
    assert len(calls) == MAX_EXTRACT_ATTEMPTS

    monkeypatch.setattr(viewer.isolated, "extract_text", real)
    source.write_text("Kreiselpumpe, zweite Fassung", encoding="utf-8")
    doc_id = search(replica, "rechnung").hits[0].document.id
    outbox.new_version(replica, doc_id, source)
    assert titles(search(replica, "kreiselpumpe fassung")) == {"Rechnung"}
    with replica.transaction() as session:  # the first version's text is not kept
        assert session.execute(text("SELECT count(*) FROM search_texts")).scalar() == 1
    replica.close()


def test_register_groups_of_several_files_name_their_file(laptop: Laptop) -> None:
    """As the server: two files' "Invoices" registers are two groups told apart by the key."""
    source = laptop.replica.path.parent / "f1.txt"
    source.write_text("factura", encoding="utf-8")
    outbox.add_document(laptop.replica, key="K-10002", path=source, register="invoices",
                        doc_type="invoice", title="Factura F-1",
                        index={"number": "F-1", "date": "2024-02-10", "amount": "10.00",
                               "currency": "EUR", "paid": True})
    groups = search(laptop.replica, "type:invoice", group_by="register").groups
    assert sorted((g.label, g.count) for g in groups) == [
        ("Invoices · K-10001", 2), ("Invoices · K-10002", 1)]
    alone = search(laptop.replica, "type:invoice file:K-10001", group_by="register").groups
    assert [(g.label, g.count) for g in alone] == [("Invoices", 2)]
