"""Blobs and resumable uploads, the change feed, and the audit chain."""

from __future__ import annotations

import hashlib

from sqlalchemy import update

from server_stub.orm import AuditEvent

from .conftest import Api, Server


def test_put_blob_new_then_existing_and_head_per_tenant(server: Server, admin: Api) -> None:
    data = b"hello dossier" * 1000
    sha = hashlib.sha256(data).hexdigest()
    assert admin.head(f"/blobs/{sha}").status_code == 404
    assert admin.put(f"/blobs/{sha}", content=data).status_code == 201
    assert admin.put(f"/blobs/{sha}", content=data).status_code == 200
    assert admin.head(f"/blobs/{sha}").status_code == 200
    other = server.add_user("o", tenant=f"{server.tenant}-2", roles=("admin",))
    assert other.head(f"/blobs/{sha}").status_code == 404  # no cross-tenant probing
    assert other.put(f"/blobs/{sha}", content=data).status_code == 201


def test_hash_mismatch_keeps_nothing(server: Server, admin: Api) -> None:
    sha = hashlib.sha256(b"expected").hexdigest()
    response = admin.put(f"/blobs/{sha}", content=b"something else")
    assert response.status_code == 422
    assert response.json()["actual"] == hashlib.sha256(b"something else").hexdigest()
    assert admin.head(f"/blobs/{sha}").status_code == 404
    assert not server.context.blobs.exists(sha)
    assert list(server.context.blobs.tmp_dir.iterdir()) == []


def test_resumable_upload(server: Server, admin: Api) -> None:
    data = bytes(range(256)) * 4000
    sha = hashlib.sha256(data).hexdigest()
    upload = admin.post("/uploads", json={"size": len(data), "sha256": sha}).json()
    uid = upload["upload_id"]
    first = admin.patch(f"/uploads/{uid}", content=data[:300_000],
                        headers={"Upload-Offset": "0"})
    assert first.json() == {"upload_id": uid, "offset": 300_000, "complete": False}
    # a resend from a wrong offset is told where to resume
    wrong = admin.patch(f"/uploads/{uid}", content=data[:10], headers={"Upload-Offset": "5"})
    assert wrong.status_code == 409 and wrong.json()["offset"] == 300_000
    assert admin.head(f"/uploads/{uid}").headers["Upload-Offset"] == "300000"
    done = admin.patch(f"/uploads/{uid}", content=data[300_000:],
                       headers={"Upload-Offset": "300000"})
    assert done.json()["complete"] is True
    assert admin.head(f"/blobs/{sha}").status_code == 200
    assert server.context.blobs.path(sha).read_bytes() == data


def test_upload_with_wrong_hash_keeps_nothing(server: Server, admin: Api) -> None:
    sha = hashlib.sha256(b"abc").hexdigest()
    uid = admin.post("/uploads", json={"size": 3, "sha256": sha}).json()["upload_id"]
    response = admin.patch(f"/uploads/{uid}", content=b"xyz", headers={"Upload-Offset": "0"})
    assert response.status_code == 422
    assert admin.head(f"/blobs/{sha}").status_code == 404
    assert admin.head(f"/uploads/{uid}").status_code == 404


def test_change_feed_orders_and_pages(admin: Api) -> None:
    start = admin.get("/changes").json()["cursor"]
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    admin.patch(f"/documents/{doc['id']}", json={"title": "renamed"},
                headers={"If-Match": doc["etag"]})
    feed = admin.get("/changes", params={"since": start}).json()
    ops = [(c["object"], c["op"]) for c in feed["changes"]]
    assert ops == [("file", "created"), ("document", "created"), ("document", "updated")]
    seqs = [c["seq"] for c in feed["changes"]]
    assert seqs == sorted(seqs) and feed["has_more"] is False
    paged = admin.get("/changes", params={"since": start, "limit": 2}).json()
    assert paged["has_more"] and len(paged["changes"]) == 2
    rest = admin.get("/changes", params={"since": paged["cursor"]}).json()
    assert [c["seq"] for c in paged["changes"] + rest["changes"]] == seqs
    assert admin.get("/changes", params={"since": feed["cursor"]}).json()["changes"] == []
    by_file = admin.get("/changes", params={"since": start, "file": file["id"]}).json()
    assert len(by_file["changes"]) == 3
    assert admin.get("/changes", params={"since": "999999999"}).status_code == 410
    latest = admin.get("/changes", params={"since": "latest"}).json()
    assert latest == {"changes": [], "cursor": feed["cursor"], "has_more": False}


def test_audit_records_and_verifies(server: Server, admin: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    admin.get(f"/documents/{doc['id']}/versions/1/content")
    events = admin.get("/audit", params={"object": doc["id"]}).json()["items"]
    assert [e["action"] for e in events] == ["create", "view"]
    assert events[1]["details"] == {"version": 1}
    assert admin.get("/audit", params={"action": "login"}).json()["items"]
    report = admin.get("/audit/verify").json()
    assert report["ok"] is True and report["events"] >= 3


def test_tampering_is_found(server: Server, admin: Api) -> None:
    file = admin.new_file()
    admin.new_document(file["id"])
    events = admin.get("/audit", params={"limit": 1000}).json()["items"]
    victim = events[len(events) // 2]
    me = admin.get("/me").json()
    with server.context.database.writing() as session:
        session.execute(update(AuditEvent).where(
            AuditEvent.tenant_id == me["tenant"]["id"], AuditEvent.seq == victim["seq"])
            .values(actor="mallory"))
    report = admin.get("/audit/verify").json()
    assert report["ok"] is False and report["broken_at"] == victim["seq"]


def test_audit_needs_permission(server: Server, admin: Api) -> None:
    clerk = server.add_user("clerk", roles=("clerk",))
    assert clerk.get("/audit").status_code == 403
    assert clerk.get("/audit/verify").status_code == 403
