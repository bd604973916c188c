"""The published OpenAPI document is the whole contract: problem answers per operation under
``application/problem+json``, and a 405 names every method of the path."""

from __future__ import annotations

from .conftest import Api


def test_openapi_declares_problem_answers(admin: Api) -> None:
    document = admin.client.get("/openapi.json").json()
    assert "Problem" in document["components"]["schemas"]
    post = document["paths"]["/api/v1/files/{file_id}/documents"]["post"]["responses"]
    patch = document["paths"]["/api/v1/documents/{doc_id}"]["patch"]["responses"]
    for status in ("401", "404", "409", "422", "423"):
        assert "application/problem+json" in post[status]["content"], status
    for status in ("412", "428", "423", "404", "422"):
        assert post.get(status) or patch[status]
        assert patch[status]["content"]["application/problem+json"]["schema"] == {
            "$ref": "#/components/schemas/Problem"}


def test_405_lists_every_allowed_method(admin: Api) -> None:
    response = admin.request("PUT", "/files")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert set(response.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
    response = admin.request("PUT", "/documents/00000000-0000-4000-8000-000000000000")
    assert set(response.headers["allow"].replace(" ", "").split(",")) >= {
        "GET", "PATCH", "DELETE"}


def test_openapi_declares_what_the_server_checks(admin: Api) -> None:
    document = admin.client.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    variants = schemas["FileCreate"]["anyOf"]
    assert {v["properties"]["file_class"]["const"] for v in variants} == {"customer"}
    cover = variants[0]["properties"]["cover"]
    assert cover["additionalProperties"] is False and "name" in cover["required"]
    assert schemas["UploadCreate"]["properties"]["sha256"]["pattern"] == "^[0-9a-fA-F]{64}$"
    assert schemas["CheckinOperation"]["required"] == ["op_id"]
    params = {p["name"]: p["schema"] for p in
              document["paths"]["/api/v1/changes"]["get"]["parameters"]}
    assert "pattern" in str(params["since"])
