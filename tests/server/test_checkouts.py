"""Check-out and check-in through the HTTP API (SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from server_stub.orm import Checkout, utcnow

from .conftest import Api, Server


def _op(kind: str, **fields: Any) -> dict[str, Any]:
    return {"op_id": str(uuid.uuid4()), "op": kind, **fields}


def _checkout(api: Api, file_id: str, mode: str = "shared", **extra: Any) -> dict[str, Any]:
    response = api.post(f"/files/{file_id}/checkout",
                        json={"device_id": f"laptop-{api.username}", "mode": mode, **extra})
    assert response.status_code == 201, response.text
    return dict(response.json())


def _checkin(api: Api, checkout_id: str, operations: list[dict[str, Any]],
             release: bool = False) -> dict[str, Any]:
    response = api.post(f"/checkouts/{checkout_id}/checkin",
                        json={"operations": operations, "release": release})
    assert response.status_code == 200, response.text
    return dict(response.json())


def _register(file: dict[str, Any], name: str) -> str:
    return str(next(r["id"] for r in file["registers"] if r["name"] == name))


def _audit(admin: Api, action: str) -> list[dict[str, Any]]:
    body = admin.get("/audit", params={"action": action, "limit": 1000}).json()
    return list(body["items"])


def _content(api: Api, data: bytes) -> dict[str, Any]:
    return {"sha256": api.upload(data), "filename": "x.pdf", "media_type": "application/pdf"}


@pytest.fixture
def clerk(server: Server) -> Api:
    return server.add_user("clara", roles=("clerk",))


@pytest.fixture
def other_clerk(server: Server) -> Api:
    return server.add_user("otto", roles=("clerk",))


# check-out -------------------------------------------------------------------------------


def test_shared_checkout_returns_file_documents_versions_and_cursor(admin: Api,
                                                                    clerk: Api) -> None:
    file = admin.new_file()
    letter = admin.new_document(file["id"])
    invoice = admin.new_document(file["id"], doc_type="invoice", registers=["invoices"],
                                 data=b"invoice", index={"number": "R-1", "date": "2026-01-01",
                                                         "amount": "1.00", "currency": "EUR"})
    sha = admin.upload(b"letter v2")
    assert admin.post(f"/documents/{letter['id']}/versions", headers={"If-Match": letter["etag"]},
                      json={"content": {"sha256": sha}}).status_code == 201
    head = admin.get("/changes").json()["cursor"]

    answer = _checkout(clerk, file["id"])
    assert answer["cursor"] == head
    assert answer["file"]["id"] == file["id"] and answer["file"]["etag"] == file["etag"]
    docs = {d["id"]: d for d in answer["documents"]}
    assert set(docs) == {letter["id"], invoice["id"]}
    assert [v["number"] for v in docs[letter["id"]]["versions"]] == [1, 2]
    assert docs[letter["id"]]["etag"] == admin.get(f"/documents/{letter['id']}").json()["etag"]
    assert docs[letter["id"]]["lock"] is None

    scoped = _checkout(clerk, file["id"], registers=["invoices"])
    assert [d["id"] for d in scoped["documents"]] == [invoice["id"]]
    assert scoped["checkout"]["registers"] == [_register(file, "invoices")]

    listed = clerk.get("/checkouts").json()
    assert {c["id"] for c in listed["items"]} == {answer["checkout_id"], scoped["checkout_id"]}
    assert listed["next_cursor"] is None
    assert all(c["mode"] == "shared" and c["state"] == "open" for c in listed["items"])
    assert [e["details"]["op"] for e in _audit(admin, "checkout")] == ["create", "create"]


def test_a_checkout_in_pages_brings_the_same_documents(admin: Api, clerk: Api,
                                                       other_clerk: Api) -> None:
    """``limit`` on the check-out, then ``GET /checkouts/{id}/documents`` with each
    ``next_cursor``: every document once, as the answer without ``limit`` has them."""
    file = admin.new_file()
    for i in range(5):
        admin.new_document(file["id"], title=f"Letter {i}", data=f"letter {i}".encode())
    whole = _checkout(clerk, file["id"])
    assert whole["next_cursor"] is None and len(whole["documents"]) == 5
    first = _checkout(clerk, file["id"], limit=2)
    pages, cursor = [first["documents"]], first["next_cursor"]
    while cursor:
        page = clerk.get(f"/checkouts/{first['checkout_id']}/documents",
                         params={"cursor": cursor, "limit": 2})
        assert page.status_code == 200, page.text
        pages.append(page.json()["documents"])
        cursor = page.json()["next_cursor"]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert [d for p in pages for d in p] == whole["documents"]
    path = f"/checkouts/{first['checkout_id']}/documents"
    assert other_clerk.get(path).status_code == 404  # someone else's check-out
    assert clerk.get(path, params={"cursor": "bm90LWEtY3Vyc29y"}).status_code == 422
    assert clerk.delete(f"/checkouts/{first['checkout_id']}").status_code == 204
    assert clerk.get(path).status_code == 409  # ended


def test_checkout_needs_the_checkout_right_and_a_visible_file(server: Server, admin: Api,
                                                              clerk: Api) -> None:
    file = admin.new_file()
    reader = server.add_user("rita", roles=("reader",))
    denied = reader.post(f"/files/{file['id']}/checkout", json={"device_id": "d"})
    assert denied.status_code == 403
    stranger = server.add_user("eve", tenant=f"other-{uuid.uuid4().hex[:6]}", roles=("admin",))
    assert stranger.post(f"/files/{file['id']}/checkout",
                         json={"device_id": "d"}).status_code == 404
    bad = clerk.post(f"/files/{file['id']}/checkout",
                     json={"device_id": "d", "mode": "sometimes"})
    assert bad.status_code == 422
    unknown = clerk.post(f"/files/{file['id']}/checkout",
                         json={"device_id": "d", "registers": ["nope"]})
    assert unknown.status_code == 422 and unknown.json()["field"] == "registers"


def test_exclusive_checkout_locks_others_writes_but_not_reads(admin: Api, clerk: Api,
                                                              other_clerk: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    mine = _checkout(clerk, file["id"], "exclusive")
    assert mine["checkout"]["lease_expires_at"]

    # reads still work and show the lock
    fetched = other_clerk.get(f"/documents/{doc['id']}")
    assert fetched.status_code == 200
    assert fetched.json()["lock"]["locked_by"] == "clara"
    assert other_clerk.get(f"/files/{file['id']}").json()["checkout"]["locked_by"] == "clara"
    assert other_clerk.get(f"/files/{file['id']}/documents").status_code == 200

    # others' writes answer 423 with who and since when
    locked = other_clerk.patch(f"/documents/{doc['id']}", json={"title": "theirs"},
                               headers={"If-Match": doc["etag"]})
    assert locked.status_code == 423, locked.text
    assert locked.headers["content-type"].startswith("application/problem+json")
    assert locked.json()["locked_by"] == "clara" and locked.json()["since"]
    sha = other_clerk.upload(b"other content")
    assert other_clerk.post(f"/documents/{doc['id']}/versions", json={
        "content": {"sha256": sha}}, headers={"If-Match": doc["etag"]}).status_code == 423
    assert other_clerk.post(f"/files/{file['id']}/documents", json={
        "type": "letter", "title": "x", "index": {"date": "2026-01-01"},
        "content": {"sha256": sha}}).status_code == 423
    assert other_clerk.patch(f"/files/{file['id']}", json={"title": "x"},
                             headers={"If-Match": file["etag"]}).status_code == 423
    assert admin.delete(f"/documents/{doc['id']}",
                        headers={"If-Match": doc["etag"]}).status_code == 423
    assert other_clerk.post(f"/files/{file['id']}/checkout",
                            json={"device_id": "d", "mode": "exclusive"}).status_code == 423
    # a shared check-out is still possible, and the holder's own writes go through
    _checkout(other_clerk, file["id"], "shared")
    own = clerk.patch(f"/documents/{doc['id']}", json={"title": "mine"},
                      headers={"If-Match": doc["etag"]})
    assert own.status_code == 200, own.text
    assert admin.get(f"/documents/{doc['id']}").json()["title"] == "mine"


def test_register_scoped_exclusive_locks_only_its_registers(admin: Api, clerk: Api,
                                                            other_clerk: Api) -> None:
    file = admin.new_file()
    letter = admin.new_document(file["id"])  # correspondence
    offer = admin.new_document(file["id"], doc_type="letter", registers=["offers"], data=b"o")
    _checkout(clerk, file["id"], "exclusive", registers=["offers"])
    assert other_clerk.patch(f"/documents/{offer['id']}", json={"title": "x"},
                             headers={"If-Match": offer["etag"]}).status_code == 423
    assert other_clerk.patch(f"/documents/{letter['id']}", json={"title": "x"},
                             headers={"If-Match": letter["etag"]}).status_code == 200
    moved = other_clerk.get(f"/documents/{letter['id']}").json()
    assert other_clerk.patch(f"/documents/{letter['id']}",
                             json={"registers": {"add": ["offers"]}},
                             headers={"If-Match": moved["etag"]}).status_code == 423
    assert other_clerk.patch(f"/files/{file['id']}", json={"title": "cover is free"},
                             headers={"If-Match": file["etag"]}).status_code == 200
    assert other_clerk.post(f"/files/{file['id']}/checkout", json={
        "device_id": "d", "mode": "exclusive", "registers": ["invoices"]}).status_code == 201
    assert other_clerk.post(f"/files/{file['id']}/checkout", json={
        "device_id": "d", "mode": "exclusive"}).status_code == 423


# release -----------------------------------------------------------------------------------


def _assert_free(other: Api, doc_id: str) -> None:
    current = other.get(f"/documents/{doc_id}").json()
    assert current["lock"] is None
    response = other.patch(f"/documents/{doc_id}", json={"title": f"t-{uuid.uuid4().hex[:4]}"},
                           headers={"If-Match": current["etag"]})
    assert response.status_code == 200, response.text


def test_checkin_with_release_frees_the_lock(admin: Api, clerk: Api, other_clerk: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    checkout = _checkout(clerk, file["id"], "exclusive")
    answer = _checkin(clerk, checkout["checkout_id"], [], release=True)
    assert answer["results"] == [] and answer["checkout"]["state"] == "released"
    _assert_free(other_clerk, doc["id"])
    assert clerk.get("/checkouts").json()["items"] == []


def test_cancel_frees_the_lock_and_changes_nothing(admin: Api, clerk: Api,
                                                   other_clerk: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    checkout = _checkout(clerk, file["id"], "exclusive")
    head = admin.get("/changes").json()["cursor"]
    assert clerk.delete(f"/checkouts/{checkout['checkout_id']}").status_code == 204
    assert admin.get("/changes").json()["cursor"] == head
    _assert_free(other_clerk, doc["id"])
    assert other_clerk.delete(f"/checkouts/{checkout['checkout_id']}").status_code == 404


def test_admin_breaks_another_users_checkout_audited(admin: Api, clerk: Api,
                                                     other_clerk: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    checkout = _checkout(clerk, file["id"], "exclusive")
    assert other_clerk.get("/checkouts", params={"all": "true"}).status_code == 403
    everyone = admin.get("/checkouts", params={"all": "true"}).json()["items"]
    assert [c["id"] for c in everyone] == [checkout["checkout_id"]]
    assert everyone[0]["user"] == "clara" and everyone[0]["file_key"] == file["key"]

    assert admin.delete(f"/checkouts/{checkout['checkout_id']}").status_code == 204
    _assert_free(other_clerk, doc["id"])
    breaks = [e for e in _audit(admin, "checkout") if e["details"]["op"] == "break"]
    assert len(breaks) == 1 and breaks[0]["actor"] == "admin"
    assert breaks[0]["details"]["holder"] == "clara"
    state = clerk.get("/checkouts").json()["items"][0]
    assert state["state"] == "broken" and state["effective_mode"] == "shared"

    # the holder's later check-in works as a shared one: stale bases become conflicts
    stale = _checkin(clerk, checkout["checkout_id"], [
        _op("update_document", document_id=doc["id"], base_etag=doc["etag"],
            changes={"title": "mine"})])
    assert stale["results"][0]["status"] == "conflict"
    assert admin.get("/audit/verify").json()["ok"] is True


def test_lease_expiry_frees_the_lock_once_and_keeps_the_holders_work(
        server: Server, admin: Api, clerk: Api, other_clerk: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    untouched = admin.new_document(file["id"], data=b"second", title="Second")
    checkout = _checkout(clerk, file["id"], "exclusive")
    assert other_clerk.patch(f"/documents/{doc['id']}", json={"title": "x"},
                             headers={"If-Match": doc["etag"]}).status_code == 423
    with server.context.database.writing() as session:
        row = session.get(Checkout, checkout["checkout_id"])
        assert row is not None
        row.lease_expires_at = utcnow() - timedelta(minutes=1)

    _assert_free(other_clerk, doc["id"])
    _assert_free(other_clerk, doc["id"])
    expiries = [e for e in _audit(admin, "checkout") if e["details"]["op"] == "expire"]
    assert len(expiries) == 1 and expiries[0]["details"]["checkout"] == checkout["checkout_id"]
    state = clerk.get("/checkouts").json()["items"][0]
    assert state["state"] == "expired" and state["effective_mode"] == "shared"

    answer = _checkin(clerk, checkout["checkout_id"], [
        _op("update_document", document_id=doc["id"], base_etag=doc["etag"],
            changes={"title": "mine"}),
        _op("update_document", document_id=untouched["id"], base_etag=untouched["etag"],
            changes={"title": "mine too"})], release=True)
    assert [r["status"] for r in answer["results"]] == ["conflict", "applied"]
    assert answer["results"][0]["current"]["title"] != "mine"
    assert admin.get(f"/documents/{untouched['id']}").json()["title"] == "mine too"


def test_expiry_is_configurable(tmp_path: Any, database_url: str) -> None:
    from fastapi.testclient import TestClient

    from server_stub.app import build_context, create_app
    from server_stub.domain.identity import ensure_tenant, ensure_user

    from .conftest import PASSWORD, make_settings

    settings = make_settings(tmp_path, database_url)
    settings = type(settings)(**{**settings.__dict__, "checkout_lease_hours": 5})
    context = build_context(settings)
    tenant = f"t-{uuid.uuid4().hex[:8]}"
    try:
        with context.database.writing() as session:
            ensure_user(session, ensure_tenant(session, tenant), "admin", PASSWORD,
                        roles=("admin",))
        with TestClient(create_app(settings, context=context)) as client:
            api = Api(client, "admin", tenant)
            answer = _checkout(api, api.new_file()["id"], "exclusive")
            checkout = answer["checkout"]
            from datetime import datetime

            created = datetime.fromisoformat(checkout["created_at"])
            lease = datetime.fromisoformat(checkout["lease_expires_at"])
            assert lease - created == timedelta(hours=5)
    finally:
        context.database.dispose()


# check-in ----------------------------------------------------------------------------------


def test_checkin_applies_operations_and_a_replay_changes_nothing(admin: Api,
                                                                 clerk: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    checkout = _checkout(clerk, file["id"], "exclusive")
    new_id = str(uuid.uuid4())
    ops = [
        _op("create_document", id=new_id, type="letter", title="Filed offline",
            registers=["correspondence"], index={"date": "2026-03-01"},
            content=_content(clerk, b"offline letter")),
        _op("update_document", document_id=doc["id"], base_etag=doc["etag"],
            changes={"title": "Renamed", "index": {"date": "2026-02-02"},
                     "registers": {"add": ["offers"], "remove": []}}),
        _op("update_cover", base_etag=file["etag"],
            changes={"title": "New title", "cover": {"city": "Bonn"}}),
    ]
    answer = _checkin(clerk, checkout["checkout_id"], ops)
    assert [r["status"] for r in answer["results"]] == ["applied"] * 3, answer
    assert [r["op_id"] for r in answer["results"]] == [o["op_id"] for o in ops]
    updated = answer["results"][1]["document"]
    assert updated["title"] == "Renamed" and updated["index"]["date"] == "2026-02-02"
    assert _register(file, "offers") in updated["registers"]
    assert answer["results"][2]["file"]["cover"]["city"] == "Bonn"
    assert admin.get(f"/documents/{new_id}").json()["title"] == "Filed offline"
    assert answer["cursor"] == admin.get("/changes").json()["cursor"]

    version_op = _op("new_version", document_id=doc["id"], base_version=1,
                     content=_content(clerk, b"second version"), comment="from the train")
    first = _checkin(clerk, checkout["checkout_id"], [version_op])
    assert first["results"][0]["status"] == "applied"
    assert first["results"][0]["version"]["number"] == 2
    head = admin.get("/changes").json()["cursor"]

    # the same op_ids again: the first results, nothing changed, no second version
    again = _checkin(clerk, checkout["checkout_id"], [*ops, version_op])
    assert again["results"] == [*answer["results"], *first["results"]]
    versions = admin.get(f"/documents/{doc['id']}/versions").json()["items"]
    assert [v["number"] for v in versions] == [1, 2]
    assert admin.get("/changes").json()["cursor"] == head
    listed = admin.get(f"/files/{file['id']}/documents").json()["items"]
    assert len(listed) == 2
    checkins = _audit(admin, "checkin")
    assert len(checkins) == 4 and {e["details"]["status"] for e in checkins} == {"applied"}
    assert admin.get("/audit/verify").json()["ok"] is True


def test_stale_base_is_a_conflict_with_the_current_object(admin: Api, clerk: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    checkout = _checkout(clerk, file["id"])
    changed = admin.patch(f"/documents/{doc['id']}", json={"title": "Theirs"},
                          headers={"If-Match": doc["etag"]}).json()
    sha = admin.upload(b"their version")
    admin.post(f"/documents/{doc['id']}/versions", json={"content": {"sha256": sha}},
               headers={"If-Match": changed["etag"]})
    cover = admin.patch(f"/files/{file['id']}", json={"cover": {"city": "Graz"}},
                        headers={"If-Match": file["etag"]}).json()

    answer = _checkin(clerk, checkout["checkout_id"], [
        _op("update_document", document_id=doc["id"], base_etag=doc["etag"],
            changes={"title": "Mine"}),
        _op("new_version", document_id=doc["id"], base_version=1,
            content=_content(clerk, b"my version")),
        _op("new_version", document_id=doc["id"], base_version=1,
            content={"sha256": sha}),  # equal content is never a conflict
        _op("update_cover", base_etag=file["etag"], changes={"cover": {"city": "Linz"}}),
        _op("delete_document", document_id=doc["id"], base_etag=doc["etag"]),
    ])
    results = answer["results"]
    assert [r["status"] for r in results] == ["conflict", "conflict", "applied", "conflict",
                                              "conflict"]
    assert results[0]["current"]["title"] == "Theirs"
    assert results[0]["current"]["etag"] != doc["etag"]
    assert [v["number"] for v in results[1]["current"]["versions"]] == [1, 2]
    assert results[2]["unchanged"] is True
    assert results[3]["current"]["cover"]["city"] == "Graz"
    assert results[3]["current"]["etag"] == cover["etag"]
    final = admin.get(f"/documents/{doc['id']}").json()
    assert final["title"] == "Theirs" and final["current_version"]["number"] == 2


def test_edit_against_server_delete_is_a_conflict_showing_deleted(server: Server,
                                                                   admin: Api,
                                                                   clerk: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    checkout = _checkout(clerk, file["id"])
    with server.context.database.writing() as session:  # retention over for this document
        from server_stub.orm import Document

        row = session.get(Document, (doc["id"], admin.get("/me").json()["tenant"]["id"]))
        assert row is not None
        row.retention_until = None
    assert admin.delete(f"/documents/{doc['id']}",
                        headers={"If-Match": doc["etag"]}).status_code == 204
    answer = _checkin(clerk, checkout["checkout_id"], [
        _op("update_document", document_id=doc["id"], base_etag=doc["etag"],
            changes={"title": "Mine"}),
        _op("new_version", document_id=doc["id"], base_version=1,
            content=_content(clerk, b"edited")),
    ])
    assert [r["status"] for r in answer["results"]] == ["conflict", "conflict"]
    assert all(r["current"]["deleted"] is True for r in answer["results"])


def test_rejected_operations_carry_a_problem(admin: Api, clerk: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    checkout = _checkout(clerk, file["id"])
    ops = [
        _op("delete_document", document_id=doc["id"], base_etag=doc["etag"]),  # no right
        _op("update_document", document_id=doc["id"], base_etag=doc["etag"],
            changes={"index": {"date": "not a date"}}),
        _op("create_document", id=str(uuid.uuid4()), type="letter", title="x",
            index={"date": "2026-01-01"}, content={"sha256": "0" * 64}),  # not uploaded
        _op("update_document", document_id=str(uuid.uuid4()), base_etag="x", changes={}),
        _op("teleport_document", document_id=doc["id"]),
        _op("update_document", document_id=doc["id"]),  # no base_etag, no changes
        _op("update_document", document_id=doc["id"], base_etag=doc["etag"],
            changes={"title": "ok"}),
    ]
    answer = _checkin(clerk, checkout["checkout_id"], ops)
    results = answer["results"]
    assert [r["status"] for r in results] == ["rejected"] * 6 + ["applied"], results
    assert results[0]["problem"]["status"] == 403
    assert results[0]["problem"]["permission"] == "delete"
    assert results[1]["problem"]["status"] == 422
    assert results[1]["problem"]["field"] == "index.date"
    assert results[2]["problem"]["field"] == "content.sha256"
    assert results[3]["problem"]["status"] == 404
    assert results[4]["problem"]["status"] == 422 and results[5]["problem"]["status"] == 422
    # the failed update changed nothing; the good one after it applied
    current = admin.get(f"/documents/{doc['id']}").json()
    assert current["title"] == "ok" and current["index"]["date"] == "2026-01-15"
    # a rejection is a result too: sent again, it is answered the same
    again = _checkin(clerk, checkout["checkout_id"], ops[:2])
    assert again["results"] == results[:2]


def test_retention_rejects_delete(admin: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    checkout = _checkout(admin, file["id"])
    answer = _checkin(admin, checkout["checkout_id"], [
        _op("delete_document", document_id=doc["id"], base_etag=doc["etag"])])
    result = answer["results"][0]
    assert result["status"] == "rejected" and result["problem"]["retention_until"]
    assert admin.get(f"/documents/{doc['id']}").status_code == 200


def test_checkin_request_validation(admin: Api, clerk: Api) -> None:
    file = admin.new_file()
    checkout = _checkout(clerk, file["id"])
    path = f"/checkouts/{checkout['checkout_id']}/checkin"
    missing = clerk.post(path, json={"operations": [{"op": "update_cover"}]})
    assert missing.status_code == 422 and missing.json()["field"] == "operations.0.op_id"
    assert clerk.post(path, json={"operations": "nope"}).status_code == 422
    assert clerk.post(path, content=b"{not json", headers={
        "Content-Type": "application/json"}).status_code == 422


def test_other_users_and_tenants_checkouts_are_not_found(server: Server, admin: Api,
                                                         clerk: Api, other_clerk: Api) -> None:
    file = admin.new_file()
    checkout = _checkout(clerk, file["id"])
    cid = checkout["checkout_id"]
    stranger = server.add_user("mallory", tenant=f"other-{uuid.uuid4().hex[:6]}",
                               roles=("admin",))
    for api in (stranger, other_clerk):
        assert api.post(f"/checkouts/{cid}/checkin",
                        json={"operations": [], "release": True}).status_code == 404
        assert api.delete(f"/checkouts/{cid}").status_code == 404
        assert api.get(f"/checkouts/{cid}").status_code == 404
    assert stranger.get("/checkouts", params={"all": "true"}).json()["items"] == []
    assert clerk.get(f"/checkouts/{cid}").json()["state"] == "open"
    assert clerk.get(f"/checkouts/{uuid.uuid4()}").status_code == 404


def test_op_ids_of_another_user_are_not_replayed(admin: Api, clerk: Api,
                                                 other_clerk: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    mine = _checkout(clerk, file["id"])
    theirs = _checkout(other_clerk, file["id"])
    op = _op("update_document", document_id=doc["id"], base_etag=doc["etag"],
             changes={"title": "Mine"})
    assert _checkin(clerk, mine["checkout_id"], [op])["results"][0]["status"] == "applied"
    taken = _checkin(other_clerk, theirs["checkout_id"], [op])["results"][0]
    assert taken["status"] == "rejected" and taken["problem"]["code"] == "op-id-taken"
    assert "document" not in taken


def test_checkin_under_anothers_exclusive_lock_is_rejected_with_423(admin: Api, clerk: Api,
                                                                    other_clerk: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    shared = _checkout(other_clerk, file["id"])
    _checkout(clerk, file["id"], "exclusive")
    result = _checkin(other_clerk, shared["checkout_id"], [
        _op("update_document", document_id=doc["id"], base_etag=doc["etag"],
            changes={"title": "x"})])["results"][0]
    assert result["status"] == "rejected"
    assert result["problem"]["status"] == 423 and result["problem"]["locked_by"] == "clara"


def test_the_same_op_sent_concurrently_applies_once(admin: Api, clerk: Api) -> None:
    import threading

    file = admin.new_file()
    doc = admin.new_document(file["id"])
    checkout = _checkout(clerk, file["id"])
    op = _op("new_version", document_id=doc["id"], base_version=1,
             content=_content(clerk, b"raced version"))
    answers: list[dict[str, Any]] = []
    errors: list[BaseException] = []

    def send() -> None:
        try:
            answers.append(_checkin(clerk, checkout["checkout_id"], [op])["results"][0])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(answers) == 4 and all(a == answers[0] for a in answers)
    assert answers[0]["status"] == "applied"
    versions = admin.get(f"/documents/{doc['id']}/versions").json()["items"]
    assert [v["number"] for v in versions] == [1, 2]
