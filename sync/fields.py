"""Index and cover values checked offline, by the server's own field definitions.

The replica keeps the server's file classes (``GET /file-classes``, fetched at check-out and
when missing); every local change of index or cover values is checked against them at once, so
a missing or malformed value is refused while the user is still there, not hours later at
sync. The rules are those of the server's ``server_stub/fields.py`` (API.md value formats);
``tests/sync/test_fields.py`` runs both over one table of values so they cannot drift apart.

``parse_text`` turns what a user typed (the command line) into the field's JSON type.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from .errors import UsageError
from .replica import Meta

__all__ = ["FieldRefused", "check_values", "cover_fields", "document_fields", "parse_text",
           "parse_values", "remember_file_classes"]

_DECIMAL = re.compile(r"^-?\d{1,18}(\.\d{1,8})?$")
_MONEY = re.compile(r"^-?\d{1,15}(\.\d{1,2})?$")
_DEFAULT_MAX = {"string": 1000, "text": 100_000}
_TRUE, _FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n"}
_META = "file_classes"

Field = Mapping[str, Any]


class FieldRefused(UsageError):
    """A value does not fit its field; ``field`` names it, ``reason`` says why."""

    code = "field"

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def _check(field: Field, value: Any) -> Any:
    name, kind = str(field["name"]), str(field["type"])
    if kind in ("string", "text"):
        if not isinstance(value, str):
            raise FieldRefused(name, "expected a string")
        limit = field.get("max_length") or _DEFAULT_MAX[kind]
        if len(value) > limit:
            raise FieldRefused(name, f"longer than {limit} characters")
        if kind == "string" and any(ord(c) < 32 for c in value):
            raise FieldRefused(name, "control characters are not allowed")
        return value
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**53:
            raise FieldRefused(name, "expected an integer")
        return value
    if kind in ("decimal", "money"):
        pattern = _MONEY if kind == "money" else _DECIMAL
        if not isinstance(value, str) or not pattern.match(value):
            raise FieldRefused(name, f"expected a {kind} as a decimal string like \"1234.50\"")
        return value
    if kind == "date":
        try:
            valid = isinstance(value, str) and len(value) == 10 and bool(
                date.fromisoformat(value))
        except ValueError:
            valid = False
        if not valid:
            raise FieldRefused(name, "expected a date like \"2025-03-14\"")
        return value
    if kind == "datetime":
        try:
            parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise FieldRefused(name, "expected an ISO 8601 timestamp with offset")
        return value
    if kind == "boolean":
        if not isinstance(value, bool):
            raise FieldRefused(name, "expected true or false")
        return value
    if kind == "enum":
        options = [str(o) for o in field.get("options") or ()]
        if not isinstance(value, str) or value not in options:
            raise FieldRefused(name, "expected one of: " + ", ".join(options))
        return value
    raise FieldRefused(name, f"unknown field type {kind}")


def check_values(fields: Sequence[Field], values: Mapping[str, Any], *,
                 partial: bool = False) -> dict[str, Any]:
    """The values checked as the server checks them; raises ``FieldRefused`` for the first
    bad one. Unknown names are refused; ``None`` clears a field unless it is required; with
    ``partial`` (a change of some values) missing required fields are no error."""
    by_name = {str(f["name"]): f for f in fields}
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        field = by_name.get(name)
        if field is None:
            raise FieldRefused(name, "unknown field")
        if value is None:
            if field.get("required"):
                raise FieldRefused(name, "is required")
            cleaned[name] = None
            continue
        cleaned[name] = _check(field, value)
    if not partial:
        for name, field in by_name.items():
            if field.get("required") and cleaned.get(name) is None:
                raise FieldRefused(name, "is required")
    return cleaned


def parse_text(field: Field, text: str) -> Any:
    """What a user typed, in the field's JSON type (checked afterwards by ``check_values``):
    ``4711`` stays a string for a string field and becomes 4711 for an integer one; an empty
    text clears the field."""
    name, kind = str(field["name"]), str(field["type"])
    text = text.strip() if kind not in ("string", "text") else text
    if text == "":
        return None
    if kind == "integer":
        try:
            return int(text)
        except ValueError:
            raise FieldRefused(name, "expected an integer") from None
    if kind == "boolean":
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        raise FieldRefused(name, "expected true or false")
    if kind in ("decimal", "money"):
        try:
            number = Decimal(text.replace(",", ".") if text.count(",") == 1
                             and "." not in text else text)
        except InvalidOperation:
            raise FieldRefused(name, f"expected a {kind} like 1234.50") from None
        if not number.is_finite():
            raise FieldRefused(name, f"expected a {kind} like 1234.50")
        return format(number, "f")
    return text


def parse_values(fields: Sequence[Field] | None, texts: Mapping[str, str]) -> dict[str, Any]:
    """``parse_text`` for each ``name → text``; without known fields the texts stay text
    (the server checks them at sync). Unknown names are refused."""
    if fields is None:
        return dict(texts)
    by_name = {str(f["name"]): f for f in fields}
    values: dict[str, Any] = {}
    for name, text in texts.items():
        field = by_name.get(name)
        if field is None:
            known = ", ".join(sorted(by_name)) or "none"
            raise FieldRefused(name, f"unknown field (known: {known})")
        values[name] = parse_text(field, text)
    return values


def remember_file_classes(session: Session, items: list[dict[str, Any]]) -> None:
    """Keep the server's file classes in the replica, for offline checks."""
    row = session.get(Meta, _META)
    if row is None:
        session.add(Meta(name=_META, value={"items": items}))
    else:
        row.value = {"items": items}


def _file_class(session: Session, name: str) -> dict[str, Any] | None:
    row = session.get(Meta, _META)
    if row is None:
        return None
    return next((c for c in row.value.get("items", []) if c.get("name") == name), None)


def document_fields(session: Session, file_class: str,
                    doc_type: str) -> list[dict[str, Any]] | None:
    """The index fields of ``doc_type``; ``None`` when the replica does not know the class
    (an older replica: the server checks at sync). Raises ``UsageError`` for a type the
    class does not have."""
    known = _file_class(session, file_class)
    if known is None:
        return None
    for candidate in known.get("document_types", []):
        if candidate.get("name") == doc_type:
            return list(candidate.get("index_fields", []))
    names = ", ".join(t.get("name", "") for t in known.get("document_types", []))
    raise UsageError(f"no document type {doc_type} (types: {names})")


def cover_fields(session: Session, file_class: str) -> list[dict[str, Any]] | None:
    """The cover fields of ``file_class``, ``None`` when the replica does not know it."""
    known = _file_class(session, file_class)
    return None if known is None else list(known.get("cover_fields", []))
