"""``POST /contents``: many versions' content in one tar, with rights, audit and bad input."""

from __future__ import annotations

import hashlib
import io
import tarfile
from typing import Any

from .conftest import Api, Server
from .test_rights import _grant


def _members(response: Any) -> dict[str, bytes]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/x-tar"
    with tarfile.open(fileobj=io.BytesIO(response.content), mode="r:") as archive:
        return {m.name: archive.extractfile(m).read()  # type: ignore[union-attr]
                for m in archive.getmembers()}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_many_versions_in_one_tar_each_content_once(admin: Api) -> None:
    file = admin.new_file("K-tar")
    big = bytes(range(256)) * 5000  # not a multiple of the tar's block
    docs = [admin.new_document(file["id"], data=data, title=f"d{i}")
            for i, data in enumerate([b"one", big, b"one"])]
    second = admin.post(f"/documents/{docs[0]['id']}/versions", json={
        "content": {"sha256": admin.upload(b"two"), "filename": "two.pdf"}},
        headers={"If-Match": docs[0]["etag"]})
    assert second.status_code == 201, second.text
    wanted = [{"document_id": d["id"], "number": 1} for d in docs]
    wanted.append({"document_id": docs[0]["id"], "number": 2})
    members = _members(admin.post("/contents", json={"versions": wanted}))
    assert members == {_sha(b"one"): b"one", _sha(big): big, _sha(b"two"): b"two"}


def test_what_is_not_there_or_not_readable_is_left_out(server: Server, admin: Api) -> None:
    file_a, file_b = admin.new_file("A-tar"), admin.new_file("B-tar")
    mine = admin.new_document(file_a["id"], data=b"readable")
    hidden = admin.new_document(file_b["id"], data=b"hidden")
    gone = admin.new_document(file_a["id"], data=b"deleted", doc_type="note")
    assert admin.delete(f"/documents/{gone['id']}",
                        headers={"If-Match": gone["etag"]}).status_code == 204
    clerk = server.add_user("clerk")
    _grant(admin, "user:clerk", ["read"], "file", file_a["id"])
    wanted = [{"document_id": d["id"], "number": 1} for d in (mine, hidden, gone)]
    wanted += [{"document_id": mine["id"], "number": 7},
               {"document_id": "no-such-document", "number": 1}]
    assert _members(clerk.post("/contents", json={"versions": wanted})) == {
        _sha(b"readable"): b"readable"}
    other_tenant = server.add_user("intruder", tenant=f"{server.tenant}-x", roles=("admin",))
    assert _members(other_tenant.post("/contents", json={"versions": wanted})) == {}


def test_each_version_read_is_audited_as_a_view(admin: Api) -> None:
    file = admin.new_file("K-audit-tar")
    docs = [admin.new_document(file["id"], data=f"c{i}".encode()) for i in range(3)]
    _members(admin.post("/contents", json={
        "versions": [{"document_id": d["id"], "number": 1} for d in docs]}))
    events = admin.get("/audit", params={"action": "view", "limit": 50}).json()["items"]
    assert sorted(e["object"] for e in events) == sorted(d["id"] for d in docs)
    assert all(e["details"] == {"version": 1, "batch": True} for e in events)
    assert admin.get("/audit/verify").json()["ok"] is True


def test_bad_requests_are_problems(server: Server, admin: Api) -> None:
    for body in ({}, {"versions": []}, {"versions": [{"document_id": "x"}]},
                 {"versions": [{"document_id": "x", "number": 0}]},
                 {"versions": [{"document_id": "x", "number": 1, "extra": 1}]},
                 {"versions": [{"document_id": "x", "number": 1}] * 501},
                 {"versions": "all"}):
        response = admin.post("/contents", json=body)
        assert response.status_code == 422, (body, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    response = server.client.post("/api/v1/contents", json={
        "versions": [{"document_id": "x", "number": 1}]})
    assert response.status_code == 401
