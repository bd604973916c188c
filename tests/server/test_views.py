"""``/views``: saved searches, sharing with a unit, owner/admin rules, tenants apart, bad
bodies, results through the search code path (rights inside, one file), the demo's views."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select

from server_stub.demo.seed import DEMO_VIEWS, seed_demo
from server_stub.orm import AuditEvent

from .conftest import PASSWORD, Api, Server
from .test_search import eventually, file_text


def new_view(api: Api, name: str = "Mine", query: str = "pump",
             shared_with: str | None = None) -> dict[str, Any]:
    response = api.post("/views", json={"name": name, "query": query,
                                        "shared_with": shared_with})
    assert response.status_code == 201, response.text
    return dict(response.json())


def results(api: Api, view_id: str, **params: Any) -> dict[str, Any]:
    response = eventually(lambda: (r := api.get(f"/views/{view_id}/results", params=params))
                          .status_code != 503 and r)
    assert response and response.status_code == 200, response and response.text
    return dict(response.json())


def test_create_list_get_patch_delete_with_audit(server: Server, admin: Api) -> None:
    view = new_view(admin, "Pumps", "pump type:letter")
    assert view["shared_with"] is None
    assert [v["id"] for v in admin.get("/views").json()["items"]] == [view["id"]]
    assert admin.get(f"/views/{view['id']}").json()["query"] == "pump type:letter"
    changed = admin.patch(f"/views/{view['id']}", json={"name": "Pumps 2", "query": "valve"},
                          headers={"If-Match": view["etag"]})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["name"], changed.json()["query"]) == ("Pumps 2", "valve")
    assert admin.get(f"/views/{view['id']}").json()["name"] == "Pumps 2"
    assert admin.delete(f"/views/{view['id']}",
                        headers={"If-Match": changed.json()["etag"]}).status_code == 204
    assert admin.get(f"/views/{view['id']}").status_code == 404
    assert admin.get("/views").json()["items"] == []
    with server.context.database.reader() as session:
        ops = [e.details["op"] for e in session.scalars(
            select(AuditEvent).where(AuditEvent.object == view["id"])
            .order_by(AuditEvent.seq))]
    assert ops == ["create", "change", "delete"]


def test_sharing_with_a_unit_and_who_may_change(server: Server, admin: Api) -> None:
    owner = server.add_user("olga", roles=("clerk",), units=("sales",))
    colleague = server.add_user("sam", roles=("clerk",), units=("sales",))
    outsider = server.add_user("finn", roles=("clerk",), units=("finance",))
    shared = new_view(owner, "Sales view", "offer", shared_with="unit:sales")
    private = new_view(owner, "Private", "offer")
    assert {v["id"] for v in colleague.get("/views").json()["items"]} == {shared["id"]}
    assert colleague.get(f"/views/{shared['id']}").status_code == 200
    assert colleague.get(f"/views/{private['id']}").status_code == 404
    assert outsider.get("/views").json()["items"] == []
    assert outsider.get(f"/views/{shared['id']}").status_code == 404
    assert outsider.patch(f"/views/{shared['id']}", json={"name": "x"}).status_code == 404
    # a member sees it but may not change it; the admin may
    forbidden = colleague.patch(f"/views/{shared['id']}", json={"name": "x"})
    assert forbidden.status_code == 403
    assert forbidden.headers["content-type"].startswith("application/problem+json")
    assert colleague.delete(f"/views/{shared['id']}").status_code == 403
    assert admin.patch(f"/views/{shared['id']}", json={"shared_with": None},
                       headers={"If-Match": shared["etag"]}).json()["shared_with"] is None
    assert colleague.get(f"/views/{shared['id']}").status_code == 404
    assert admin.delete(f"/views/{private['id']}",
                        headers={"If-Match": private["etag"]}).status_code == 204


def test_another_tenants_view_is_absent(server: Server, admin: Api) -> None:
    view = new_view(admin)
    other = server.add_user("admin", tenant=f"{server.tenant}-other", roles=("admin",))
    assert other.get(f"/views/{view['id']}").status_code == 404
    assert other.patch(f"/views/{view['id']}", json={"name": "x"}).status_code == 404
    assert other.delete(f"/views/{view['id']}").status_code == 404
    assert other.get(f"/views/{view['id']}/results").status_code == 404
    assert other.get("/views").json()["items"] == []


@pytest.mark.parametrize(("body", "field"), [
    ({"name": "", "query": "pump"}, "name"),
    ({"name": "x"}, "query"),
    ({"name": "x", "query": "pump", "shared_with": "group:sales"}, "shared_with"),
    ({"name": "x", "query": "pump", "shared_with": "unit:nowhere"}, "shared_with"),
    ({"name": "x", "query": "amount>abc"}, "query"),
    ({"name": "x", "query": "(pump"}, "query"),
])
def test_bad_bodies_name_the_field(admin: Api, body: dict[str, Any], field: str) -> None:
    response = admin.post("/views", json=body)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    assert problem.get("field") == field or any(
        e.get("field", "").endswith(field) for e in problem.get("errors", [])), problem
    if field == "query" and "query" in body:
        assert "position" in problem and problem["detail"].startswith("query: position")


def test_bad_patch_query_keeps_the_view(admin: Api) -> None:
    view = new_view(admin)
    response = admin.patch(f"/views/{view['id']}", json={"query": "type:"},
                           headers={"If-Match": view["etag"]})
    assert response.status_code == 422 and response.json()["field"] == "query"
    assert admin.get(f"/views/{view['id']}").json()["query"] == "pump"


def test_results_as_search_in_one_file_and_rights(search_server: Server) -> None:
    admin = search_server.add_user("admin", roles=("admin",))
    one, two = admin.new_file("K-1"), admin.new_file("K-2")
    for file in (one, two):
        for register in ("offers", "complaints"):
            file_text(admin, file["id"], doc_type="letter", title=f"pump {register}",
                      registers=[register], index={"date": "2026-01-15"},
                      text="the pump is broken")
    view = new_view(admin, "Pumps", "pump", shared_with=None)
    everything = eventually(lambda: (a := results(admin, view["id"]))["total"] == 4 and a)
    assert everything and everything["total"] == 4
    assert "<mark>" in everything["items"][0]["snippet"]
    in_one = results(admin, view["id"], file=one["id"], group_by="register")
    assert in_one["total"] == 2
    assert {hit["file"]["id"] for hit in in_one["items"]} == {one["id"]}
    assert sum(g["count"] for g in in_one["groups"]) == 2
    paged = results(admin, view["id"], limit=1)
    assert len(paged["items"]) == 1 and paged["next_cursor"]
    # a user who may read one register only: counted and paged over what they may read
    register_id = next(r["id"] for r in one["registers"] if r["name"] == "offers")
    reader = search_server.add_user("rita", units=("sales",))
    grant = admin.post("/grants", json={"principal": "user:rita", "permissions": ["read"],
                                        "scope_kind": "register", "scope_ref": register_id})
    assert grant.status_code == 201, grant.text
    shared = new_view(admin, "Shared pumps", "pump", shared_with="unit:sales")
    answer = results(reader, shared["id"])
    assert answer["total"] == 1 and len(answer["items"]) == 1
    assert answer["items"][0]["document"]["title"] == "pump offers"
    assert results(reader, shared["id"], file=two["id"])["total"] == 0
    assert reader.get(f"/views/{view['id']}/results").status_code == 404


def test_demo_views_after_seeding_return_hits(search_server: Server) -> None:
    context = search_server.context
    tenant = f"demo-{uuid.uuid4().hex[:6]}"
    for _ in range(2):  # idempotent
        seed_demo(context.database, context.blobs, tenant_name=tenant, customers=6,
                  per_customer=20, admin_password=PASSWORD, file_classes=context.file_classes)
    demo = Api(search_server.client, "demo", tenant)
    views = {v["name"]: v for v in demo.get("/views").json()["items"]}
    assert set(views) == {name for _, name, _ in DEMO_VIEWS}
    for unit, name, _ in DEMO_VIEWS:
        assert views[name]["shared_with"] == f"unit:{unit}"
    jonas = Api(search_server.client, "jonas", tenant)
    assert {v["name"] for v in jonas.get("/views").json()["items"]} == {
        "Offers and orders, last 3 months", "Complaints, last 14 days"}
    for name in ("Offers and orders, last 3 months", "Unpaid invoices"):
        answer = eventually(lambda n=name: (a := results(demo, views[n]["id"]))["total"] and a)
        assert answer and answer["total"] > 0, name


def test_changing_a_view_needs_its_etag(admin: Api) -> None:
    """API.md "General": an object that can change carries an ``etag`` (and ``ETag``);
    ``PATCH``/``DELETE`` without ``If-Match`` are ``428``, with an old one ``412``."""
    view = new_view(admin, "Tagged", "pump")
    assert view["etag"]
    got = admin.get(f"/views/{view['id']}")
    assert got.headers["ETag"] == f'"{view["etag"]}"' and got.json()["etag"] == view["etag"]
    assert [v["etag"] for v in admin.get("/views").json()["items"]] == [view["etag"]]
    path = f"/views/{view['id']}"
    assert admin.patch(path, json={"name": "x"}).status_code == 428
    assert admin.delete(path).status_code == 428
    changed = admin.patch(path, json={"name": "x"}, headers={"If-Match": f'"{view["etag"]}"'})
    assert changed.status_code == 200, changed.text
    assert changed.json()["etag"] != view["etag"]
    assert changed.headers["ETag"] == f'"{changed.json()["etag"]}"'
    stale = admin.patch(path, json={"name": "y"}, headers={"If-Match": view["etag"]})
    assert stale.status_code == 412 and stale.json()["etag"] == changed.json()["etag"]
    assert admin.delete(path, headers={"If-Match": view["etag"]}).status_code == 412
    assert admin.get(path).json()["name"] == "x"
    assert admin.delete(path, headers={"If-Match": changed.json()["etag"]}).status_code == 204
