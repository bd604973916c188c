"""Customer files, documents and versions through the HTTP API (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib

from ..conftest import CORPUS
from .conftest import Api, Server


def test_file_classes_describe_the_customer_file(admin: Api) -> None:
    body = admin.get("/file-classes").json()
    customer = next(c for c in body["items"] if c["name"] == "customer")
    assert [r["name"] for r in customer["registers"]] == [
        "correspondence", "offers", "orders", "delivery_notes", "invoices", "complaints",
        "contracts"]
    invoice = next(t for t in customer["document_types"] if t["name"] == "invoice")
    assert {f["name"] for f in invoice["index_fields"]} >= {"number", "date", "amount",
                                                           "currency", "due_date", "paid"}
    assert invoice["retention_days"] == 3650


def test_create_file_gets_register_tree_and_etag(admin: Api) -> None:
    created = admin.new_file("K-1", city="Köln", country="DE")
    assert created["cover"]["customer_number"] == "K-1"
    assert [r["name"] for r in created["registers"]][:2] == ["correspondence", "offers"]
    assert all(r["count"] == 0 for r in created["registers"])
    fetched = admin.get(f"/files/{created['id']}")
    assert fetched.headers["ETag"] == f'"{created["etag"]}"'
    by_key = admin.get("/files/by-key/K-1").json()
    assert by_key["id"] == created["id"]


def test_duplicate_key_is_409(admin: Api) -> None:
    admin.new_file("K-dup")
    response = admin.post("/files", json={"file_class": "customer", "key": "K-dup",
                                          "title": "x", "cover": {"name": "x"}})
    assert response.status_code == 409
    assert response.headers["content-type"].startswith("application/problem+json")


def test_list_files_filters_and_pages(admin: Api) -> None:
    for i in range(5):
        admin.new_file(f"K-{i:03}", city="Sevilla" if i % 2 else "Berlin")
    page = admin.get("/files", params={"limit": 2}).json()
    assert len(page["items"]) == 2 and page["next_cursor"]
    rest = admin.get("/files", params={"limit": 10, "cursor": page["next_cursor"]}).json()
    keys = [f["key"] for f in page["items"] + rest["items"]]
    assert keys == sorted(keys) and len(keys) == 5
    assert {f["key"] for f in admin.get("/files", params={"q": "sevilla"}).json()["items"]} == {
        "K-001", "K-003"}


def test_patch_cover_needs_if_match(admin: Api) -> None:
    file = admin.new_file()
    path = f"/files/{file['id']}"
    assert admin.patch(path, json={"cover": {"city": "Wien"}}).status_code == 428
    ok = admin.patch(path, json={"cover": {"city": "Wien"}}, headers={"If-Match": file["etag"]})
    assert ok.status_code == 200 and ok.json()["cover"]["city"] == "Wien"
    stale = admin.patch(path, json={"cover": {"city": "Graz"}},
                        headers={"If-Match": f'"{file["etag"]}"'})
    assert stale.status_code == 412
    assert stale.json()["current"]["cover"]["city"] == "Wien"


def test_document_lifecycle(admin: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"], doc_type="invoice", registers=["invoices", "orders"],
                             index={"number": "R-1", "date": "2026-02-01", "amount": "1234.50",
                                    "currency": "EUR", "paid": False}, title="Invoice R-1")
    assert len(doc["registers"]) == 2
    assert doc["current_version"]["number"] == 1
    tree = admin.get(f"/files/{file['id']}").json()["registers"]
    counts = {r["name"]: r["count"] for r in tree}
    assert counts["invoices"] == 1 and counts["orders"] == 1

    patched = admin.patch(f"/documents/{doc['id']}", json={"index": {"paid": True}},
                          headers={"If-Match": doc["etag"]})
    assert patched.status_code == 200, patched.text
    assert patched.json()["index"]["paid"] is True
    assert patched.json()["index"]["number"] == "R-1"

    new_content = b"%PDF-1.4 second version"
    sha = admin.upload(new_content)
    version = admin.post(f"/documents/{doc['id']}/versions",
                         json={"content": {"sha256": sha, "filename": "r1.pdf",
                                           "media_type": "application/pdf"},
                               "comment": "corrected"},
                         headers={"If-Match": patched.json()["etag"]})
    assert version.status_code == 201, version.text
    assert version.json()["number"] == 2
    versions = admin.get(f"/documents/{doc['id']}/versions").json()["items"]
    assert [v["number"] for v in versions] == [1, 2]
    content = admin.get(f"/documents/{doc['id']}/versions/2/content")
    assert content.content == new_content
    ranged = admin.get(f"/documents/{doc['id']}/versions/2/content",
                       headers={"Range": "bytes=0-7"})
    assert ranged.status_code == 206 and ranged.content == new_content[:8]
    assert hashlib.sha256(admin.get(f"/documents/{doc['id']}/versions/1/content").content
                          ).hexdigest() == versions[0]["sha256"]


def test_idempotent_create_with_client_id(admin: Api) -> None:
    file = admin.new_file()
    doc_id = "7d6a3c1e-2f44-4b5a-9a51-0c4b2a1d9e01"
    first = admin.new_document(file["id"], id=doc_id)
    again = admin.new_document(file["id"], id=doc_id)
    assert first["id"] == again["id"] == doc_id
    listed = admin.get(f"/files/{file['id']}/documents").json()["items"]
    assert [d["id"] for d in listed] == [doc_id]


def test_document_list_filters(admin: Api) -> None:
    file = admin.new_file()
    admin.new_document(file["id"], doc_type="invoice", title="Invoice 1",
                       index={"number": "R-1", "date": "2026-01-01", "amount": "10.00",
                              "currency": "EUR"})
    admin.new_document(file["id"], doc_type="invoice", title="Invoice 2", data=b"two",
                       index={"number": "R-2", "date": "2026-01-02", "amount": "20.00",
                              "currency": "USD"})
    admin.new_document(file["id"], title="Hello letter", data=b"three")
    base = f"/files/{file['id']}/documents"
    assert len(admin.get(base, params={"type": "invoice"}).json()["items"]) == 2
    assert [d["title"] for d in admin.get(base, params={"field.currency": "USD"}).json()[
        "items"]] == ["Invoice 2"]
    assert [d["title"] for d in admin.get(base, params={"register": "correspondence"}).json()[
        "items"]] == ["Hello letter"]
    assert [d["title"] for d in admin.get(base, params={"q": "hello"}).json()["items"]] == [
        "Hello letter"]
    titles = [d["title"] for d in admin.get(base, params={"sort": "title"}).json()["items"]]
    assert titles == sorted(titles)
    page = admin.get(base, params={"limit": 2}).json()
    rest = admin.get(base, params={"limit": 2, "cursor": page["next_cursor"]}).json()
    assert len(page["items"]) == 2 and len(rest["items"]) == 1


def test_delete_refused_during_retention(admin: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    response = admin.delete(f"/documents/{doc['id']}", headers={"If-Match": doc["etag"]})
    assert response.status_code == 409
    assert response.json()["retention_until"]
    assert admin.get(f"/documents/{doc['id']}").status_code == 200


def test_add_register(admin: Api) -> None:
    file = admin.new_file()
    parent = file["registers"][0]["id"]
    response = admin.post(f"/files/{file['id']}/registers",
                          json={"parent_id": parent, "name": "claims_2026"})
    assert response.status_code == 201
    tree = admin.get(f"/files/{file['id']}").json()["registers"]
    assert tree[0]["children"][0]["name"] == "claims_2026"
    doc = admin.new_document(file["id"], registers=["claims_2026"])
    assert doc["registers"] == [response.json()["id"]]


def test_delete_without_retention_is_a_tombstone(admin: Api) -> None:
    file = admin.new_file()
    note = admin.new_document(file["id"], doc_type="note", title="call back Monday")
    start = admin.get("/changes", params={"file": file["id"]}).json()["cursor"]
    assert admin.delete(f"/documents/{note['id']}",
                        headers={"If-Match": note["etag"]}).status_code == 204
    assert admin.get(f"/documents/{note['id']}").status_code == 404
    assert admin.get(f"/files/{file['id']}/documents").json()["items"] == []
    feed = admin.get("/changes", params={"since": start}).json()["changes"]
    assert [(c["object"], c["op"]) for c in feed] == [("document", "deleted")]
    events = admin.get("/audit", params={"object": note["id"]}).json()["items"]
    assert events[-1]["action"] == "delete"


def test_legal_hold_blocks_deletion(admin: Api) -> None:
    file = admin.new_file()
    note = admin.new_document(file["id"], doc_type="note", title="keep")
    held = admin.patch(f"/documents/{note['id']}", json={"legal_hold": True},
                       headers={"If-Match": note["etag"]}).json()
    response = admin.delete(f"/documents/{note['id']}", headers={"If-Match": held["etag"]})
    assert response.status_code == 409 and response.json()["legal_hold"] is True


def test_pdf_rendition_of_docx_and_images(admin: Api) -> None:
    file = admin.new_file()
    docx = (CORPUS / "docx" / "test.docx").read_bytes()
    sha = admin.upload(docx)
    doc = admin.post(f"/files/{file['id']}/documents", json={
        "type": "letter", "title": "Word letter", "index": {"date": "2026-01-01"},
        "content": {"sha256": sha, "filename": "test.docx", "media_type":
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}})
    rendition = admin.get(f"/documents/{doc.json()['id']}/versions/1/rendition/pdf")
    assert rendition.status_code == 200
    assert rendition.content.startswith(b"%PDF")
    junk = admin.post(f"/files/{file['id']}/documents", json={
        "type": "letter", "title": "junk", "index": {"date": "2026-01-01"},
        "content": {"sha256": admin.upload(bytes(range(256)) * 8), "filename": "x.bin",
                    "media_type": "application/octet-stream"}}).json()
    response = admin.get(f"/documents/{junk['id']}/versions/1/rendition/pdf")
    assert response.status_code == 404
    assert response.json()["code"] == "no-rendition"


def test_document_ids_are_scoped_per_tenant(server: Server, admin: Api) -> None:
    """Another tenant's document id is as fresh as a random one: 201, not a telling 409."""
    ours = admin.new_document(admin.new_file()["id"], title="Ours")
    other = server.add_user("neighbour", tenant=f"{server.tenant}-n", roles=("admin",))
    theirs_file = other.new_file()
    sha = other.upload(b"their bytes")
    body = {"id": ours["id"], "type": "letter", "title": "Theirs",
            "index": {"date": "2026-02-01"},
            "content": {"sha256": sha, "filename": "t.pdf", "media_type": "application/pdf"}}
    fresh = other.post(f"/files/{theirs_file['id']}/documents", json={**body, "id": None})
    clash = other.post(f"/files/{theirs_file['id']}/documents", json=body)
    assert (fresh.status_code, clash.status_code) == (201, 201), clash.text
    assert clash.json()["id"] == ours["id"] and clash.json()["title"] == "Theirs"
    again = other.post(f"/files/{theirs_file['id']}/documents", json=body)
    assert again.status_code == 200 and again.json()["etag"] == clash.json()["etag"]
    assert other.get(f"/documents/{ours['id']}").json()["title"] == "Theirs"
    assert other.get(f"/documents/{ours['id']}/versions/1/content").content == b"their bytes"
    mine = admin.get(f"/documents/{ours['id']}").json()
    assert mine["title"] == "Ours" and mine["registers"] == ours["registers"]
    assert admin.get(f"/documents/{ours['id']}/versions").json()["items"][0]["sha256"] == (
        ours["current_version"]["sha256"])
