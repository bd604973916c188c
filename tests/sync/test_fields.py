"""The offline check of index and cover values decides as the server does, value for value.

``sync/fields.py`` cannot import the server (DESIGN.md: client and server share only the
protocol), so the same table of values goes through both and every decision must agree.
"""

from __future__ import annotations

from typing import Any

import pytest

from server_stub.fields import FieldError, validate_values
from server_stub.fileclasses import FieldDef
from sync.fields import FieldRefused, check_values, parse_text, parse_values

FIELDS: list[dict[str, Any]] = [
    {"name": "number", "type": "string", "required": True, "max_length": 8},
    {"name": "notes", "type": "text"},
    {"name": "count", "type": "integer"},
    {"name": "rate", "type": "decimal"},
    {"name": "amount", "type": "money"},
    {"name": "day", "type": "date"},
    {"name": "at", "type": "datetime"},
    {"name": "paid", "type": "boolean"},
    {"name": "currency", "type": "enum", "options": ["EUR", "USD"]},
]

VALUES: list[tuple[str, Any]] = [
    ("number", "F-1"), ("number", "F-123456789"), ("number", 4711), ("number", "a\nb"),
    ("number", None), ("notes", "line\nbreak"), ("notes", 3), ("count", 4711), ("count", "4711"),
    ("count", True), ("count", 2**60), ("count", 1.5), ("rate", "0.125"), ("rate", "1e5"),
    ("rate", 1.5), ("amount", "100.00"), ("amount", "100.001"), ("amount", "100"),
    ("amount", 100), ("amount", "-3.5"), ("day", "2026-05-01"), ("day", "2026-5-1"),
    ("day", "2026-02-30"), ("day", "20260501"), ("at", "2026-05-01T10:00:00+02:00"),
    ("at", "2026-05-01T10:00:00"), ("at", "noon"), ("paid", True), ("paid", "true"),
    ("paid", 1), ("currency", "EUR"), ("currency", "eur"), ("currency", None),
    ("unknown", "x"),
]


def _server_decides(values: dict[str, Any], partial: bool) -> str | None:
    defs = [FieldDef(name=f["name"], type=f["type"], label=f["name"],
                     required=bool(f.get("required")), options=tuple(f.get("options", ())),
                     max_length=f.get("max_length")) for f in FIELDS]
    try:
        validate_values(defs, values, partial=partial)
    except FieldError as exc:
        return exc.field
    return None


def _client_decides(values: dict[str, Any], partial: bool) -> str | None:
    try:
        check_values(FIELDS, values, partial=partial)
    except FieldRefused as exc:
        return exc.field
    return None


@pytest.mark.parametrize(("name", "value"), VALUES)
def test_client_and_server_agree_on_each_value(name: str, value: Any) -> None:
    values = {name: value}
    assert _client_decides(values, True) == _server_decides(values, True)
    full = {"number": "F-1", **values}
    assert _client_decides(full, False) == _server_decides(full, False)


def test_a_missing_required_value_is_named() -> None:
    assert _client_decides({"paid": True}, False) == "number" == _server_decides(
        {"paid": True}, False)


@pytest.mark.parametrize(("field", "text", "value"), [
    ({"name": "n", "type": "string"}, "4711", "4711"),
    ({"name": "n", "type": "string"}, "true", "true"),
    ({"name": "n", "type": "integer"}, " 42 ", 42),
    ({"name": "n", "type": "money"}, "100", "100"),
    ({"name": "n", "type": "money"}, "99,50", "99.50"),
    ({"name": "n", "type": "decimal"}, "0.125", "0.125"),
    ({"name": "n", "type": "boolean"}, "Yes", True),
    ({"name": "n", "type": "boolean"}, "false", False),
    ({"name": "n", "type": "date"}, "2026-05-01", "2026-05-01"),
    ({"name": "n", "type": "enum", "options": ["EUR"]}, "EUR", "EUR"),
    ({"name": "n", "type": "date"}, "", None),
])
def test_typed_text_becomes_the_fields_type(field: dict[str, Any], text: str,
                                             value: Any) -> None:
    assert parse_text(field, text) == value


@pytest.mark.parametrize(("field", "text"), [
    ({"name": "n", "type": "integer"}, "4.5"),
    ({"name": "n", "type": "boolean"}, "maybe"),
    ({"name": "n", "type": "money"}, "lots"),
    ({"name": "n", "type": "money"}, "NaN"),
])
def test_text_that_cannot_be_the_fields_type_is_refused_naming_it(field: dict[str, Any],
                                                                  text: str) -> None:
    with pytest.raises(FieldRefused, match=r"^n: "):
        parse_text(field, text)


def test_unknown_field_names_the_known_ones() -> None:
    with pytest.raises(FieldRefused, match=r"colour: unknown field \(known: count"):
        parse_values(FIELDS[2:4], {"colour": "red"})
    assert parse_values(None, {"anything": "7"}) == {"anything": "7"}  # class unknown
