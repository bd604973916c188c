"""A change that merges at check-in with a colleague's keeps the rest of the colleague's state."""

from __future__ import annotations

import hashlib

from sync.replica import LocalDocument

from .conftest import EngineFactory, LiveServer
from .helpers import client, seeded_file


def test_my_edit_equal_to_theirs_still_takes_their_new_content(
        live_server: LiveServer, engine_for: EngineFactory) -> None:
    """Both renamed the invoice alike while the colleague also saved a new version: the
    server answers ``conflict`` (my base is old), the fields merge to nothing left to send,
    and the replica must still follow the colleague's content — the feed's change is behind
    the cursor then, and the ETags agree, so nothing would fetch it later."""
    seeded = seeded_file(live_server)
    alice = engine_for("alice")
    alice.checkout(seeded.key)
    doc_id = seeded.invoice["id"]
    admin = client(live_server)
    content = b"%PDF-1.4 the colleague's version 2"
    sha = hashlib.sha256(content).hexdigest()
    assert admin.put(f"/blobs/{sha}", content=content).status_code in (200, 201)
    etag = admin.get(f"/documents/{doc_id}").json()["etag"]
    response = admin.post(f"/documents/{doc_id}/versions", headers={"If-Match": etag},
                          json={"content": {"sha256": sha, "filename": "v2.pdf"}})
    assert response.status_code == 201, response.text
    etag = admin.get(f"/documents/{doc_id}").json()["etag"]
    response = admin.patch(f"/documents/{doc_id}", json={"title": "Factura 1 (final)"},
                           headers={"If-Match": etag})
    assert response.status_code == 200, response.text

    alice.set_index(doc_id, {}, title="Factura 1 (final)")
    report = alice.sync()
    assert not report.offline and report.conflicts == 0 and report.rejected == 0

    server = admin.get(f"/documents/{doc_id}").json()
    with alice.replica.transaction() as session:
        doc = session.get(LocalDocument, doc_id)
        assert doc is not None
        assert (doc.title, doc.current_version, doc.sha256) == (
            "Factura 1 (final)", server["current_version"]["number"], sha)
    working = alice.working_copy(seeded.id, doc_id)
    assert working is not None and working.read_bytes() == content
