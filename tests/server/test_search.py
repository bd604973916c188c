"""``GET /search`` on the embedded Tantivy backend: the shared query table, rights, bad
queries, hit shape, freshness, deletion, kill-safety of the indexer's cursor, reindex."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tantivy

from server_stub import cli
from server_stub.domain.identity import find_tenant
from server_stub.orm import Document
from server_stub.search import TantivyBackend
from server_stub.search.tantivy_index import TenantIndex
from tests.conftest import ROOT
from tests.search_cases import BAD_QUERIES, CASES, CORPUS, FILES, OLD, PUMP

from .conftest import POSTGRES_SEARCH, TANTIVY_SEARCH, Api, Server


def file_text(api: Api, file_id: str, *, doc_type: str, title: str, registers: list[str],
              index: dict[str, Any], text: str) -> dict[str, Any]:
    data = text.encode()
    sha = hashlib.sha256(data).hexdigest()
    assert api.put(f"/blobs/{sha}", content=data).status_code in (200, 201)
    response = api.post(f"/files/{file_id}/documents", json={
        "type": doc_type, "title": title, "registers": registers, "index": index,
        "content": {"sha256": sha, "filename": "note.txt", "media_type": "text/plain"}})
    assert response.status_code == 201, response.text
    return dict(response.json())


def seed(api: Api) -> dict[str, dict[str, Any]]:
    """The shared corpus; returns the files by key."""
    files = {key: api.new_file(key, **cover) for key, cover in FILES.items()}
    for key, doc_type, title, registers, index, text in CORPUS:
        file_text(api, files[key]["id"], doc_type=doc_type, title=title, registers=registers,
                  index=index, text=text)
    return files


def eventually(probe: Callable[[], Any], *, seconds: float = 30.0) -> Any:
    """Poll until ``probe`` returns something truthy (a bounded wait, not a timing assert)."""
    deadline = time.monotonic() + seconds
    while True:
        value = probe()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def search(api: Api, q: str, **params: Any) -> dict[str, Any]:
    """The answer, once the tenant's index exists (503 while it is first built)."""
    response = eventually(lambda: (r := api.get("/search", params={"q": q, **params}))
                          .status_code != 503 and r)
    assert response and response.status_code == 200, response and response.text
    return dict(response.json())


def titles(answer: dict[str, Any]) -> set[str]:
    return {hit["document"]["title"] for hit in answer["items"]}


def indexed(api: Api, count: int) -> None:
    def probe() -> bool:
        response = api.get("/search", params={"q": "created:\"last 1 days\""})
        return response.status_code == 200 and response.json()["total"] >= count

    assert eventually(probe), "the index did not catch up"


def test_query_table(search_server: Server) -> None:
    admin = search_server.add_user("admin", roles=("admin",))
    seed(admin)
    indexed(admin, len(CORPUS))
    failures = []
    for query, expected in CASES:
        answer = search(admin, query, limit=100)
        if titles(answer) != expected or answer["total"] != len(expected):
            failures.append((query, sorted(titles(answer)), sorted(expected)))
    assert not failures


def test_bad_queries_are_422_with_the_position(search_server: Server) -> None:
    admin = search_server.add_user("admin", roles=("admin",))
    for query, position in BAD_QUERIES:
        response = admin.get("/search", params={"q": query})
        assert response.status_code == 422, (query, response.text)
        body = response.json()
        assert body["position"] == position, (query, body)
        assert f"position {position}" in body["detail"] and body["expected"]
    assert admin.get("/search", params={"q": "pump", "sort": "colour"}).status_code == 422


def test_hits_snippets_groups_sort_and_cursor(search_server: Server) -> None:
    admin = search_server.add_user("admin", roles=("admin",))
    files = seed(admin)
    indexed(admin, len(CORPUS))
    note = file_text(admin, files["K-10001"]["id"], doc_type="note", title="Pump <script>",
                     registers=["correspondence"], index={"date": "2025-01-01"},
                     text="a <b>pump</b> & more")
    assert eventually(lambda: search(admin, "script")["total"] == 1)
    hit = search(admin, "script pump")["items"][0]
    assert hit["document"] == admin.get(f"/documents/{note['id']}").json()
    assert hit["file"] == {"id": files["K-10001"]["id"], "key": "K-10001",
                           "title": files["K-10001"]["title"]}
    assert "<mark>pump</mark>" in hit["snippet"] and "&lt;b&gt;" in hit["snippet"]
    assert "<b>" not in hit["snippet"] and hit["score"] > 0

    grouped = search(admin, "type:invoice OR type:order", group_by="type", limit=1)
    assert grouped["total"] == 3 and len(grouped["items"]) == 1
    assert {(g["value"], g["label"], g["count"]) for g in grouped["groups"]} == {
        ("invoice", "Invoice", 2), ("order", "Order", 1)}
    by_file = search(admin, "type:invoice OR type:order", group_by="file")["groups"]
    assert {g["value"]: g["count"] for g in by_file} == {files["K-10001"]["id"]: 2,
                                                          files["K-10002"]["id"]: 1}

    amounts = [h["document"]["index"]["amount"] for h in
               search(admin, "amount>0", sort="-amount")["items"]]
    assert amounts == ["1250.00", "780.50", "300.00"]
    numbered = "type:invoice OR type:order OR type:complaint"
    numbers = [h["document"]["index"]["number"] for h in
               search(admin, numbered, sort="number")["items"]]
    assert numbers == ["C-1", "INV-7", "INV-8", "PO-55"]
    assert [h["document"]["index"]["number"] for h in
            search(admin, numbered, sort="-number")["items"]] == numbers[::-1]
    assert [h["document"]["title"] for h in
            search(admin, "type:invoice", sort="-date")["items"]] == ["Invoice INV-7",
                                                                      "Invoice INV-8"]
    months = search(admin, "type:invoice", group_by="month")["groups"]
    created = [h["document"]["created_at"][:7] for h in search(admin, "type:invoice")["items"]]
    assert {g["value"]: g["count"] for g in months} == {m: created.count(m) for m in created}
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = search(admin, "muller", sort="created", **params)
        seen += [h["document"]["id"] for h in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 4  # three of the corpus and the note


def test_rights_are_inside_the_query(search_server: Server) -> None:
    admin = search_server.add_user("admin", roles=("admin",))
    files = seed(admin)
    indexed(admin, len(CORPUS))
    complaints = next(r["id"] for r in files["K-10001"]["registers"]
                      if r["name"] == "complaints")
    clerk = search_server.add_user("clerk")
    grant = admin.post("/grants", json={"principal": "user:clerk", "permissions": ["read"],
                                        "scope_kind": "register", "scope_ref": complaints})
    assert grant.status_code == 201, grant.text
    answer = search(clerk, "muller", group_by="register")
    assert titles(answer) == {PUMP} and answer["total"] == 1
    assert [g["count"] for g in answer["groups"]] == [1]
    assert search(clerk, "type:invoice")["total"] == 0
    stranger = search_server.add_user("admin", tenant=f"other-{uuid.uuid4().hex[:6]}",
                                      roles=("admin",))
    assert search(stranger, "muller")["total"] == 0
    assert search(stranger, "pump*")["items"] == []


@pytest.mark.parametrize("scope", ["file_class", "file", "document", "register"])
def test_every_grant_shape_counts_rights_true(search_server: Server, scope: str) -> None:
    """Each scope a read grant can name narrows hits, total and groups inside the query."""
    admin = search_server.add_user("admin", roles=("admin",))
    files = seed(admin)
    indexed(admin, len(CORPUS))
    spanish = files["K-10002"]
    orders = next(r["id"] for r in spanish["registers"] if r["name"] == "orders")
    order = search(admin, "valvulas")["items"][0]["document"]["id"]
    ref = {"file_class": "customer", "file": spanish["id"], "document": order,
           "register": orders}[scope]
    clerk = search_server.add_user("clerk")
    grant = admin.post("/grants", json={"principal": "user:clerk", "permissions": ["read"],
                                        "scope_kind": scope, "scope_ref": ref})
    assert grant.status_code == 201, grant.text
    expected = {"file_class": 5, "file": 2, "document": 1, "register": 1}[scope]
    answer = search(clerk, "created:\"last 14 days\"", group_by="file", limit=1)
    assert answer["total"] == expected and len(answer["items"]) == 1
    assert sum(g["count"] for g in answer["groups"]) == expected
    assert search(clerk, "valvulas")["total"] == 1
    assert search(clerk, "muller")["total"] == (3 if scope == "file_class" else 0)


def test_the_core_analysis_is_tantivys() -> None:
    """viewer.words (the PostgreSQL backend's words, the offline search's) splits, lowers
    and folds as the Tantivy analyzer does."""
    from server_stub.search.tantivy_index import analyzer
    from viewer.words import words

    samples = [text for case in CORPUS
               for text in (case[2], case[5], *map(str, case[4].values()))]
    samples += [*FILES, *(str(v) for cover in FILES.values() for v in cover.values()),
                "Straße Ærø Łódź façade naïve Œuvre", "INV-7 1250.00 C_1 a.b@c.de",
                "x" * 99 + " " + "x" * 100 + " ok", "ж" * 49 + " " + "ж" * 50,
                "日本語 テキスト", "Ｆｕｌｌ width ½ ² ﬁne", "Ǆ ǈ İstanbul"]
    tantivy_words = analyzer()
    for text in samples:
        assert words(text) == [str(t) for t in tantivy_words.analyze(text)], text


def test_new_changed_and_deleted_documents(search_server: Server) -> None:
    admin = search_server.add_user("admin", roles=("admin",))
    file = admin.new_file("K-20001")
    doc = file_text(admin, file["id"], doc_type="note", title="Kaffeemaschine",
                    registers=["correspondence"], index={"date": "2025-01-01"},
                    text="Die Kaffeemaschine tropft")
    assert eventually(lambda: search(admin, "tropft")["total"] == 1)
    changed = admin.patch(f"/documents/{doc['id']}", json={"title": "Espressomaschine"},
                          headers={"If-Match": doc["etag"]})
    assert changed.status_code == 200
    assert eventually(lambda: search(admin, "title:espressomaschine")["total"] == 1)
    assert search(admin, "title:kaffeemaschine")["total"] == 0
    with search_server.context.database.writing() as session:
        row = session.get(Document, (doc["id"], tenant_id_of(search_server)))
        assert row is not None
        row.retention_until = None
    current = admin.get(f"/documents/{doc['id']}").json()
    backend = search_server.context.search
    assert backend is not None
    backend.stop()  # the indexer is down: deletion must still hide the document at once
    assert admin.delete(f"/documents/{doc['id']}",
                        headers={"If-Match": current["etag"]}).status_code == 204
    assert search(admin, "tropft")["total"] == 0


def tenant_id_of(server: Server) -> str:
    with server.context.database.reader() as session:
        tenant = find_tenant(session, server.tenant)
        assert tenant is not None
        return tenant.id


def _index_counts(backend: TantivyBackend, tenant_id: str) -> dict[str, int]:
    index = backend.index_of(tenant_id)
    raw = tantivy.Index.open(str(index.folder))
    raw.register_tokenizer("dossier_fold", tantivy.TextAnalyzerBuilder(
        tantivy.Tokenizer.simple()).build())
    raw.reload()
    searcher = raw.searcher()
    found = searcher.search(tantivy.Query.term_query(index.schema, "kind", "doc"), 1000)
    counts: dict[str, int] = {}
    for _score, address in found.hits:
        doc_id = str(searcher.doc(address).get_first("doc_id"))
        counts[doc_id] = counts.get(doc_id, 0) + 1
    return counts


def test_indexer_cursor_survives_a_kill(server: Server, admin: Api, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The server of this test has search off: the backends here play server processes."""
    file = admin.new_file("K-30001")
    for n in range(3):
        file_text(admin, file["id"], doc_type="note", title=f"note {n}",
                  registers=["correspondence"], index={"date": "2025-01-01"}, text=f"text {n}")
    context = server.context
    tenant_id = tenant_id_of(server)
    root = tmp_path / "search"

    def backend() -> TantivyBackend:
        return TantivyBackend(root, context.database, context.file_classes, context.blobs)

    first = backend()
    first.catch_up(tenant_id)
    assert sorted(_index_counts(first, tenant_id).values()) == [1, 1, 1]
    for n in range(3, 6):
        file_text(admin, file["id"], doc_type="note", title=f"note {n}",
                  registers=["correspondence"], index={"date": "2025-01-01"}, text=f"text {n}")

    def killed(self: TenantIndex, records: Any, removed: Any, *, cursor: int) -> None:
        raise SystemExit("killed before the commit")

    monkeypatch.setattr(TenantIndex, "commit", killed)
    with pytest.raises(SystemExit):
        first.catch_up(tenant_id)
    monkeypatch.undo()
    first.stop()

    second = backend()  # the restarted process
    cursor = second.catch_up(tenant_id)
    counts = _index_counts(second, tenant_id)
    assert len(counts) == 6 and set(counts.values()) == {1}  # no miss, no double
    second.index_of(tenant_id).commit([], [], cursor=0)  # replay everything from the start
    assert second.catch_up(tenant_id) == cursor
    assert set(_index_counts(second, tenant_id).values()) == {1}
    second.stop()


@pytest.mark.parametrize("search_server", TANTIVY_SEARCH, indirect=True)
def test_reindex_cli_and_a_deleted_folder(search_server: Server, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          caplog: pytest.LogCaptureFixture) -> None:
    admin = search_server.add_user("admin", roles=("admin",))
    seed(admin)
    indexed(admin, len(CORPUS))
    backend = search_server.context.search
    assert isinstance(backend, TantivyBackend)
    tenant_id = tenant_id_of(search_server)
    folder = backend.index_of(tenant_id).folder
    caplog.set_level(logging.WARNING, logger="server_stub.search")
    backend.stop()
    shutil.rmtree(folder)
    restarted = TantivyBackend(backend.root, backend.database, backend.file_classes,
                               search_server.context.blobs)
    restarted.start()
    search_server.context.search = restarted
    indexed(admin, len(CORPUS))
    assert any("building the index" in r.getMessage() for r in caplog.records)
    restarted.stop()

    settings = search_server.context.settings
    monkeypatch.setenv("DATABASE_URL", settings.effective_database_url)
    code = cli.main(["reindex", "--tenant", search_server.tenant,
                     "--data-dir", str(settings.data_dir)])
    assert code == 0
    assert len(_index_counts(restarted, tenant_id)) == len(CORPUS)
    assert cli.main(["reindex", "--tenant", "nobody", "--data-dir",
                     str(settings.data_dir)]) == 1


@pytest.mark.slow
@pytest.mark.parametrize("search_server", [TANTIVY_SEARCH[0], *POSTGRES_SEARCH],
                         indirect=True)
def test_search_cli(search_server: Server) -> None:
    """``dossier-server search`` as a subprocess, beside the running server."""
    admin = search_server.add_user("admin", roles=("admin",))
    seed(admin)
    indexed(admin, len(CORPUS))
    settings = search_server.context.settings
    env = {**os.environ, "DATABASE_URL": settings.effective_database_url,
           "DOSSIER_SEARCH_BACKEND": settings.search_backend}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "server_stub", "search", "--data-dir",
             str(settings.data_dir), *args], cwd=ROOT, env=env, capture_output=True,
            text=True, timeout=120)

    found = run("--tenant", search_server.tenant, "pump broken")
    assert found.returncode == 0, found.stderr
    lines = found.stdout.splitlines()
    assert lines[-1] == "1 documents"
    key, doc_type, title, created, snippet = lines[0].split("\t")
    assert (key, doc_type, title) == ("K-10001", "complaint", PUMP)
    assert created == search(admin, "pump broken")["items"][0]["document"]["created_at"][:10]
    assert "pump is broken" in snippet and "<mark>" not in snippet

    as_json = run("--tenant", search_server.tenant, "--json", "--limit", "1",
                  "--sort=-amount", "amount>0")
    assert as_json.returncode == 0, as_json.stderr
    answer = json.loads(as_json.stdout)
    assert answer["total"] == 3 and [h["document"]["title"] for h in answer["items"]] == [
        "Invoice INV-7"]

    bad = run("--tenant", search_server.tenant, 'pump "broken')
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr.strip() == ("dossier-server: query: position 5: expected a closing "
                                  "quote (\") for the phrase opened here")
    for args, message in [(("--tenant", "nobody", "pump"), "no tenant nobody"),
                          (("--tenant", search_server.tenant, "pump", "--sort", "colour"),
                           "sort:"),
                          (("--tenant", search_server.tenant, "pump", "--limit", "0"),
                           "a number from 1 to 1000")]:
        refused = run(*args)
        assert refused.returncode in (1, 2), refused.stderr
        assert message in refused.stderr.strip().splitlines()[-1]  # after argparse's usage


def test_register_groups_of_several_files_name_their_file(search_server: Server) -> None:
    """Registers belong to one file: grouped over hits of several files, two groups "Invoices"
    must not look alike — their labels name the file when the label alone repeats."""
    admin = search_server.add_user("admin", roles=("admin",))
    files = seed(admin)
    file_text(admin, files["K-10002"]["id"], doc_type="invoice", title="Factura F-1",
              registers=["invoices"], index={"number": "F-1", "date": OLD, "amount": "10.00",
                                             "currency": "EUR", "paid": True},
              text="factura")
    indexed(admin, len(CORPUS) + 1)
    groups = eventually(lambda: (g := search(admin, "type:invoice", group_by="register")
                                 ["groups"]) and sum(x["count"] for x in g) == 3 and g)
    assert sorted((g["label"], g["count"]) for g in groups) == [
        ("Invoices · K-10001", 2), ("Invoices · K-10002", 1)]
    # one file: the register's label alone
    alone = search(admin, "type:invoice file:K-10001", group_by="register")["groups"]
    assert [(g["label"], g["count"]) for g in alone] == [("Invoices", 2)]
