"""Bad input never crashes anything: problem+json answers, nothing half-written."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Api, Server


def _is_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    return body


def _file_count(admin: Api) -> int:
    return len(admin.get("/files", params={"limit": 1000}).json()["items"])


@pytest.mark.parametrize("raw", [b"{", b"[1,2", b"not json", b"\xff\xfe\xfa{}",
                                 b'{"file_class": "customer", "key": "\xff"}'])
def test_malformed_json_and_invalid_utf8(admin: Api, raw: bytes) -> None:
    before = _file_count(admin)
    response = admin.post("/files", content=raw, headers={"Content-Type": "application/json"})
    _is_problem(response, 422)
    assert _file_count(admin) == before


@pytest.mark.parametrize(("body", "field"), [
    ({"file_class": "customer", "key": "K", "title": "t", "cover": {"name": "n"},
      "surprise": 1}, "surprise"),
    ({"file_class": "customer", "key": 5, "title": "t"}, "key"),
    ({"file_class": "nope", "key": "K", "title": "t", "cover": {"name": "n"}}, "file_class"),
    ({"file_class": "customer", "key": "K", "title": "t", "cover": {}}, "cover.name"),
    ({"file_class": "customer", "key": "K", "title": "t",
      "cover": {"name": "n", "credit_limit": 12.5}}, "cover.credit_limit"),
    ({"file_class": "customer", "key": "K", "title": "t",
      "cover": {"name": "n", "country": "XX"}}, "cover.country"),
    ({"file_class": "customer", "key": "K", "title": "t",
      "cover": {"name": "n", "unknown_field": "x"}}, "cover.unknown_field"),
    ({"file_class": "customer", "key": "K", "title": "t", "cover": {"name": "x" * 201}},
     "cover.name"),
])
def test_validation_names_the_field(admin: Api, body: dict[str, Any], field: str) -> None:
    before = _file_count(admin)
    problem = _is_problem(admin.post("/files", json=body), 422)
    assert field in problem["detail"] or problem.get("field") == field
    assert _file_count(admin) == before


@pytest.mark.parametrize(("index", "field"), [
    ({}, "index.number"),
    ({"number": "R", "date": "14.03.2025", "amount": "1.00", "currency": "EUR"}, "index.date"),
    ({"number": "R", "date": "2025-03-14", "amount": "1,00", "currency": "EUR"},
     "index.amount"),
    ({"number": "R", "date": "2025-03-14", "amount": "1.00", "currency": "EUR",
      "paid": "yes"}, "index.paid"),
    ({"number": "R", "date": "2025-03-14", "amount": "1.00", "currency": "DOGE"},
     "index.currency"),
])
def test_bad_index_values(admin: Api, index: dict[str, Any], field: str) -> None:
    file = admin.new_file()
    sha = admin.upload(b"x")
    response = admin.post(f"/files/{file['id']}/documents", json={
        "type": "invoice", "title": "t", "index": index,
        "content": {"sha256": sha, "filename": "x.pdf"}})
    assert _is_problem(response, 422)["field"] == field
    assert admin.get(f"/files/{file['id']}/documents").json()["items"] == []


def test_unknown_blob_and_bad_sha(admin: Api) -> None:
    file = admin.new_file()
    for sha in ("0" * 64, "xyz"):
        response = admin.post(f"/files/{file['id']}/documents", json={
            "type": "letter", "title": "t", "index": {"date": "2026-01-01"},
            "content": {"sha256": sha}})
        assert _is_problem(response, 422)["field"] == "content.sha256"
    assert _is_problem(admin.put("/blobs/not-a-hash", content=b"x"), 422)


@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\..\\windows\\system.ini",
                                  "evil\x00name\r\n.pdf", "\x07"])
def test_filenames_are_display_names_only(server: Server, admin: Api, name: str) -> None:
    file = admin.new_file()
    sha = admin.upload(name.encode())
    doc = admin.post(f"/files/{file['id']}/documents", json={
        "type": "letter", "title": "t", "index": {"date": "2026-01-01"},
        "content": {"sha256": sha, "filename": name}}).json()
    stored = doc["current_version"]["filename"]
    assert "/" not in stored and "\\" not in stored and stored != ".."
    assert all(ord(c) >= 32 for c in stored)
    content = admin.get(f"/documents/{doc['id']}/versions/1/content")
    assert content.content == name.encode()
    assert not (server.context.settings.data_dir.parent / "etc").exists()


def test_oversized_body_is_413(admin: Api) -> None:
    huge = {"file_class": "customer", "key": "K", "title": "t",
            "cover": {"name": "n", "street": "x" * 2_000_000}}
    _is_problem(admin.post("/files", json=huge), 413)


def test_if_match_missing_and_stale(admin: Api) -> None:
    file = admin.new_file()
    doc = admin.new_document(file["id"])
    path = f"/documents/{doc['id']}"
    _is_problem(admin.patch(path, json={"title": "x"}), 428)
    _is_problem(admin.delete(path), 428)
    _is_problem(admin.post(f"{path}/versions", json={"content": {"sha256": "0" * 64}}), 428)
    admin.patch(path, json={"title": "y"}, headers={"If-Match": doc["etag"]})
    stale = _is_problem(admin.patch(path, json={"title": "z"},
                                    headers={"If-Match": doc["etag"]}), 412)
    assert stale["current"]["title"] == "y"


@pytest.mark.parametrize("q", ["%", "_", "' OR 1=1 --", "\\", '"', "*", "NEAR(", "a'b\"c%d_e",
                               "\x00"])
def test_sql_and_fts_metacharacters_in_q(admin: Api, q: str) -> None:
    file = admin.new_file("K-meta")
    admin.new_document(file["id"], title="Plain title")
    response = admin.get("/files", params={"q": q})
    assert response.status_code in (200, 422)
    if response.status_code == 200:
        assert response.json()["items"] == []
    docs = admin.get(f"/files/{file['id']}/documents", params={"q": q})
    assert docs.status_code in (200, 422)
    if docs.status_code == 200:
        assert docs.json()["items"] == []


def test_bad_cursor_and_limits(admin: Api) -> None:
    _is_problem(admin.get("/files", params={"cursor": "!!!"}), 422)
    _is_problem(admin.get("/files", params={"limit": 5000}), 422)
    _is_problem(admin.get("/changes", params={"since": "abc"}), 422)
    _is_problem(admin.get("/files/not-a-uuid"), 404)
    # well-formed (base64url) but never issued by this list: still refused, naming the cursor
    assert _is_problem(admin.get("/audit", params={"cursor": "abc"}), 422)["field"] == "cursor"
    _is_problem(admin.get("/audit", params={"order": "sideways"}), 422)
    _is_problem(admin.get("/audit", params={"from": "2025-02-30"}), 422)


def test_declared_formats_are_enforced(admin: Api) -> None:
    file = admin.new_file()
    _is_problem(admin.get(f"/files/{file['id']}/documents", params={"sort": "--title"}), 422)
    head = admin.request("HEAD", "/blobs/" + "g" * 64)  # a HEAD answer has headers only
    assert head.status_code == 422
    assert head.headers["content-type"] == "application/problem+json"
    _is_problem(admin.post("/uploads", json={"size": 1, "sha256": "ab"}), 422)
    _is_problem(admin.post("/grants", json={"principal": "role:clerk", "permissions": ["fly"],
                                            "scope_kind": "tenant"}), 422)
    # decimal strings are ASCII digits ("١٢٣" is not "123")
    _is_problem(admin.patch(f"/files/{file['id']}", json={"cover": {"credit_limit": "\u0661"}},
                            headers={"If-Match": file["etag"]}), 422)


def test_body_that_is_not_json_is_415(admin: Api) -> None:
    response = admin.post("/files", content=b"file_class=customer",
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    _is_problem(response, 415)
    assert _file_count(admin) == 0


def test_huge_version_numbers_are_422_not_500(admin: Api) -> None:
    doc = admin.new_document(admin.new_file()["id"])
    huge = 2**70
    assert admin.post("/contents", json={"versions": [
        {"document_id": doc["id"], "number": huge}]}).status_code == 422
    assert admin.get(f"/documents/{doc['id']}/versions/{huge}/content").status_code == 422
