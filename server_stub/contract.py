"""The published contract: problem responses declared per operation in ``/openapi.json``.

FastAPI documents only the success answer and its own 422 schema. Every error of this API is
an RFC 9457 problem (``application/problem+json``); :func:`complete_openapi` declares, for each
operation, the problem answers it can give, with one ``Problem`` schema, so clients and
schema-driven testers (Schemathesis in the test suite) see the whole contract.

Rules that come from the server's configuration are published too: a new file's body names one
of the configured file classes and carries that class's cover fields, and an upload declares at
most ``max_blob_bytes``.
"""

from __future__ import annotations

import copy
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from .context import ServerContext
from .fields import value_schema, values_schema
from .fileclasses import KEY_FIELD, FileClass
from .problems import MEDIA_TYPE

__all__ = ["PROBLEM_SCHEMA", "complete_openapi"]

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"}, "title": {"type": "string"},
        "status": {"type": "integer"}, "detail": {"type": "string"},
        "code": {"type": "string"}, "field": {"type": "string"},
        "errors": {"type": "array", "items": {
            "type": "object", "properties": {"field": {"type": "string"},
                                             "reason": {"type": "string"}}}},
    },
    "additionalProperties": True,
}

_DESCRIPTIONS = {
    400: "Bad request", 401: "No or bad token", 403: "Visible, but the action is not allowed",
    404: "Absent, not visible, or another tenant's", 405: "Method not allowed",
    409: "Contradicts the state", 410: "Gone", 412: "If-Match names an old ETag",
    413: "Too large", 415: "Unsupported media type", 416: "Range not satisfiable",
    422: "Validation error (the field and why)",
    423: "Locked by someone else's exclusive check-out", 428: "If-Match required",
    429: "Too many requests",
}


def _statuses(path: str, method: str, operation: dict[str, Any]) -> set[int]:
    """The problem answers an operation can give."""
    statuses = {400, 401, 403, 404, 422, 429}
    headers = {p.get("name", "").lower() for p in operation.get("parameters", [])
               if p.get("in") == "header"}
    if method in ("post", "put", "patch", "delete"):
        statuses |= {409, 412, 413, 415, 423}
    if "if-match" in headers:
        statuses |= {412, 428}
    if path.endswith("/changes"):
        statuses.add(410)
    if path.endswith("/content"):
        statuses.add(416)
    return statuses


def _problem_response(status: int) -> dict[str, Any]:
    return {"description": _DESCRIPTIONS.get(status, "Problem"),
            "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def _file_create_variants(base: dict[str, Any], file_class: FileClass) -> list[dict[str, Any]]:
    """The bodies ``POST /files`` accepts for one class: its name, its cover fields; the key
    fills the key field when the cover leaves it out, so the key must then fit that field."""
    def variant(cover: dict[str, Any], key: dict[str, Any] | None = None) -> dict[str, Any]:
        body = copy.deepcopy(base)
        body["title"] = f"FileCreate ({file_class.name})"
        body["properties"]["file_class"] = {"type": "string", "const": file_class.name}
        body["properties"]["cover"] = cover
        if cover.get("required"):
            body["required"] = sorted({*body.get("required", ()), "cover"})
        if key is not None:
            body["properties"]["key"] = {"allOf": [body["properties"]["key"], key]}
        return body

    key_field = next((f for f in file_class.cover_fields if f.name == KEY_FIELD), None)
    if key_field is None:
        return [variant(values_schema(file_class.cover_fields))]
    given = values_schema(file_class.cover_fields)
    given["required"] = sorted({*given.get("required", ()), KEY_FIELD})
    given["properties"][KEY_FIELD] = {"title": key_field.label, **value_schema(key_field)}
    filled = values_schema(file_class.cover_fields, leave_out=[KEY_FIELD])
    return [variant(given), variant(filled, value_schema(key_field))]


def _publish_configuration(components: dict[str, Any], context: ServerContext) -> None:
    """Declare the rules the server's configuration sets (file classes, the blob limit)."""
    base = components.get("FileCreate")
    classes = context.file_classes.all()
    if base is not None and classes:
        components["FileCreate"] = {"title": "FileCreate", "anyOf": [
            v for c in classes for v in _file_create_variants(base, c)]}
    upload = components.get("UploadCreate")
    if upload is not None:
        upload["properties"]["size"]["maximum"] = context.settings.max_blob_bytes


def complete_openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document with the problem answers of every operation (built once)."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM_SCHEMA
    context: ServerContext | None = getattr(app.state, "context", None)
    if context is not None:
        _publish_configuration(components, context)
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            for status in sorted(_statuses(path, method, operation)):
                responses[str(status)] = _problem_response(status)
    app.openapi_schema = schema
    return schema
