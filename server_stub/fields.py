"""Validation of cover and index values against their field definitions (API.md formats)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .fileclasses import FieldDef

__all__ = ["FieldError", "validate_values", "value_schema", "values_schema"]

_DECIMAL = r"^-?[0-9]{1,18}(\.[0-9]{1,8})?$"
_MONEY = r"^-?[0-9]{1,15}(\.[0-9]{1,2})?$"
_NO_CONTROL = r"^[^\x00-\x1f]*$"
_DEFAULT_MAX = {"string": 1000, "text": 100_000}
_MAX_INTEGER = 2**53


class FieldError(ValueError):
    """A value does not fit its field: ``field`` names it, ``reason`` is a short code."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def _check(field: FieldDef, value: Any) -> Any:
    kind = field.type
    if kind in ("string", "text"):
        if not isinstance(value, str):
            raise FieldError(field.name, "expected a string")
        limit = field.max_length or _DEFAULT_MAX[kind]
        if len(value) > limit:
            raise FieldError(field.name, f"longer than {limit} characters")
        if kind == "string" and any(ord(c) < 32 for c in value):
            raise FieldError(field.name, "control characters are not allowed")
        return value
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > _MAX_INTEGER:
            raise FieldError(field.name, "expected an integer")
        return value
    if kind in ("decimal", "money"):
        pattern = _MONEY if kind == "money" else _DECIMAL
        if not isinstance(value, str) or not re.fullmatch(pattern, value):
            raise FieldError(field.name, f"expected a {kind} as a decimal string like \"1234.50\"")
        try:
            Decimal(value)
        except InvalidOperation as exc:
            raise FieldError(field.name, "not a number") from exc
        return value
    if kind == "date":
        if not isinstance(value, str):
            raise FieldError(field.name, "expected a date like \"2025-03-14\"")
        try:
            date.fromisoformat(value)
        except ValueError as exc:
            raise FieldError(field.name, "expected a date like \"2025-03-14\"") from exc
        if len(value) != 10:
            raise FieldError(field.name, "expected a date like \"2025-03-14\"")
        return value
    if kind == "datetime":
        try:
            parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise FieldError(field.name, "expected an ISO 8601 timestamp with offset")
        return value
    if kind == "boolean":
        if not isinstance(value, bool):
            raise FieldError(field.name, "expected true or false")
        return value
    if kind == "enum":
        if not isinstance(value, str) or value not in field.options:
            raise FieldError(field.name, "expected one of: " + ", ".join(field.options))
        return value
    raise FieldError(field.name, f"unknown field type {kind}")  # pragma: no cover


def validate_values(
    fields: Iterable[FieldDef],
    values: Mapping[str, Any],
    *,
    partial: bool = False,
) -> dict[str, Any]:
    """Return the cleaned values or raise ``FieldError`` for the first bad one.

    Unknown names are refused; ``None`` clears a field unless it is required. With
    ``partial`` (a PATCH) missing required fields are not an error.
    """
    by_name = {f.name: f for f in fields}
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        field = by_name.get(name)
        if field is None:
            raise FieldError(name, "unknown field")
        if value is None:
            if field.required:
                raise FieldError(name, "is required")
            cleaned[name] = None
            continue
        cleaned[name] = _check(field, value)
    if not partial:
        for field in by_name.values():
            if field.required and cleaned.get(field.name) is None:
                raise FieldError(field.name, "is required")
    return cleaned


def value_schema(field: FieldDef) -> dict[str, Any]:
    """The JSON Schema of one field's (non-null) value: the rules of :func:`_check`."""
    kind = field.type
    if kind in ("string", "text"):
        schema: dict[str, Any] = {"type": "string",
                                  "maxLength": field.max_length or _DEFAULT_MAX[kind]}
        if kind == "string":
            schema["pattern"] = _NO_CONTROL
        return schema
    if kind == "integer":
        return {"type": "integer", "minimum": -_MAX_INTEGER, "maximum": _MAX_INTEGER}
    if kind in ("decimal", "money"):
        return {"type": "string", "pattern": _MONEY if kind == "money" else _DECIMAL}
    if kind == "date":
        return {"type": "string", "format": "date"}
    if kind == "datetime":
        return {"type": "string", "format": "date-time"}
    if kind == "boolean":
        return {"type": "boolean"}
    return {"type": "string", "enum": list(field.options)}


def values_schema(fields: Iterable[FieldDef], *, leave_out: Iterable[str] = ()) -> dict[str, Any]:
    """The JSON Schema of a cover or index object as :func:`validate_values` accepts it
    (not ``partial``): known names only, required ones present, optional ones nullable.
    ``leave_out`` names fields the request may not give (the server fills them)."""
    skipped = set(leave_out)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in fields:
        if field.name in skipped:
            continue
        schema = value_schema(field)
        if field.required:
            required.append(field.name)
        else:
            schema = {"anyOf": [schema, {"type": "null"}]}
        properties[field.name] = {"title": field.label, **schema}
    out: dict[str, Any] = {"type": "object", "properties": properties,
                           "additionalProperties": False}
    if required:
        out["required"] = required
    return out
