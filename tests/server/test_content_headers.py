"""Uploaded content cannot run in the browser: nosniff everywhere, a sandbox CSP on content and
renditions, and active types (HTML, SVG, XML, scripts, anything not known to be passive) as
attachments."""

from __future__ import annotations

import pytest

from .conftest import Api

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _document(admin: Api, data: bytes, media_type: str, filename: str) -> str:
    file = admin.new_file()
    sha = admin.upload(data)
    response = admin.post(f"/files/{file['id']}/documents", json={
        "type": "letter", "title": "Upload", "index": {"date": "2026-01-15"},
        "content": {"sha256": sha, "filename": filename, "media_type": media_type}})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


@pytest.mark.parametrize(("media_type", "data", "filename"), [
    ("text/html", HTML, "page.html"),
    ("image/svg+xml", SVG, "logo.svg"),
    ("application/xml", b"<a/>", "data.xml"),
    ("application/javascript", b"alert(1)", "x.js"),
    ("application/x-unknown", b"\x00\x01", "blob.bin"),
])
def test_active_content_is_an_attachment_in_a_sandbox(admin: Api, media_type: str,
                                                      data: bytes, filename: str) -> None:
    doc_id = _document(admin, data, media_type, filename)
    response = admin.get(f"/documents/{doc_id}/versions/1/content")
    assert response.status_code == 200
    assert response.content == data
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-disposition"].startswith("attachment")
    policy = response.headers["content-security-policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy


@pytest.mark.parametrize(("media_type", "filename"), [
    ("application/pdf", "letter.pdf"), ("image/png", "scan.png"), ("text/plain", "note.txt")])
def test_passive_content_stays_inline_but_sandboxed(admin: Api, media_type: str,
                                                    filename: str) -> None:
    doc_id = _document(admin, b"%PDF-1.4 passive", media_type, filename)
    response = admin.get(f"/documents/{doc_id}/versions/1/content")
    assert response.headers["content-disposition"].startswith("inline")
    assert "sandbox" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_rendition_is_sandboxed(admin: Api) -> None:
    doc_id = _document(admin, b"%PDF-1.4 passive", "application/pdf", "letter.pdf")
    response = admin.get(f"/documents/{doc_id}/versions/1/rendition/pdf")
    assert response.status_code == 200
    assert "sandbox" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_every_response_says_nosniff(admin: Api) -> None:
    assert admin.get("/me").headers["x-content-type-options"] == "nosniff"
    assert admin.get("/no-such-thing").headers["x-content-type-options"] == "nosniff"
    assert admin.client.get("/openapi.json").headers["x-content-type-options"] == "nosniff"
