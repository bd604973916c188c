"""Demo data seeded into a real database through the domain services."""

from __future__ import annotations

import pymupdf

from server_stub.demo.seed import seed_demo

from .conftest import Api, Server


def test_seed_is_idempotent_and_visible(server: Server) -> None:
    context = server.context
    report = seed_demo(context.database, context.blobs, tenant_name=server.tenant,
                       customers=3, per_customer=12, admin_user="admin",
                       admin_password="correct horse battery")
    assert report["files"] == 3 and report["documents"] == 36
    again = seed_demo(context.database, context.blobs, tenant_name=server.tenant,
                      customers=3, per_customer=12, admin_user="admin",
                      admin_password="correct horse battery")
    assert again["files"] == 0
    admin = Api(server.client, "admin", server.tenant)
    files = admin.get("/files").json()["items"]
    assert len(files) == 3
    invoices = []
    for file in files:
        invoices += admin.get(f"/files/{file['id']}/documents",
                              params={"type": "invoice", "limit": 100}).json()["items"]
    assert invoices
    invoice = invoices[0]
    pdf = admin.get(f"/documents/{invoice['id']}/versions/1/content").content
    text = "".join(page.get_text() for page in pymupdf.open(stream=pdf, filetype="pdf"))
    assert invoice["index"]["amount"] in text
    assert admin.get("/audit/verify").json()["ok"] is True
    maria = Api(server.client, "maria", server.tenant, password="correct horse battery")
    assert "clerk" in maria.get("/me").json()["roles"]


def test_demo_data_for_several_tenants(server: Server) -> None:
    """The generator is deterministic, so every tenant's demo documents have the same ids."""
    context = server.context
    reports = [seed_demo(context.database, context.blobs, tenant_name=f"{server.tenant}-{name}",
                         customers=2, per_customer=3, admin_user="admin",
                         admin_password="correct horse battery")
               for name in ("alpha", "beta")]
    assert [r["documents"] for r in reports] == [6, 6]
    alpha, beta = (Api(server.client, "admin", f"{server.tenant}-{name}")
                   for name in ("alpha", "beta"))
    ids = []
    for api in (alpha, beta):
        files = api.get("/files").json()["items"]
        docs = api.get(f"/files/{files[0]['id']}/documents").json()["items"]
        ids.append(sorted(d["id"] for d in docs))
        assert all(api.get(f"/documents/{d['id']}/versions").status_code == 200 for d in docs)
        assert api.get("/audit/verify").json()["ok"] is True
    assert ids[0] == ids[1]
