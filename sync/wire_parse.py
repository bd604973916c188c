"""Reading the server's JSON field by field: each helper checks a field's presence and type and
raises ``ServerError`` naming ``what`` was malformed, never ``KeyError`` or ``TypeError``. Used by
the answer types of ``wire``, ``wire_records`` and ``wire_search``. Pure."""

from __future__ import annotations

from typing import Any, TypeVar

from .errors import ServerError

__all__ = ["list_items", "parse_labels", "parse_name_and_label", "parse_object",
           "parse_objects", "parse_optional", "parse_required", "parse_strings", "parse_text",
           "parse_typed"]

_T = TypeVar("_T")


def parse_object(data: Any, what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ServerError(f"{what}: a JSON object expected, not {type(data).__name__}")
    return data


def parse_required(data: dict[str, Any], name: str, kind: type[_T], what: str) -> _T:
    if name not in data:
        raise ServerError(f"{what}: no {name!r}")
    return parse_typed(data[name], name, kind, what)


def parse_optional(data: dict[str, Any], name: str, kind: type[_T], what: str) -> _T | None:
    value = data.get(name)
    return None if value is None else parse_typed(value, name, kind, what)


def parse_typed(value: Any, name: str, kind: type[_T], what: str) -> _T:
    # a bool is an int to Python, not a number to the protocol
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ServerError(f"{what}: {name!r} is {type(value).__name__}, not {kind.__name__}")
    return value


def parse_text(data: dict[str, Any], name: str, what: str) -> str:
    """A string or a number the engine keeps as text (ids, cursors, ETags)."""
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ServerError(f"{what}: {name!r} missing or not text")
    return str(value)


def parse_objects(data: dict[str, Any], name: str, what: str) -> list[dict[str, Any]]:
    """A list of JSON objects (an absent one is empty)."""
    items = data.get(name)
    if items is None:
        return []
    return [parse_object(item, f"{what} {name}") for item in parse_typed(items, name, list, what)]


def list_items(data: Any, what: str) -> list[Any]:
    """The ``items`` of a list answer (``{"items": [...]}``). Raises ``ServerError``."""
    return parse_required(parse_object(data, what), "items", list, what)


def parse_strings(data: dict[str, Any], name: str, what: str) -> tuple[str, ...]:
    """A list of strings (an absent one is empty)."""
    items = parse_optional(data, name, list, what) or []
    for item in items:
        if not isinstance(item, str):
            raise ServerError(f"{what}: {name!r} holds {type(item).__name__}, not str")
    return tuple(items)


def parse_labels(data: dict[str, Any], what: str) -> dict[str, str]:
    """The translated labels by language (none when absent)."""
    labels = parse_optional(data, "labels", dict, what) or {}
    return {str(language): str(text) for language, text in labels.items()}


def parse_name_and_label(data: dict[str, Any], what: str) -> tuple[str, str]:
    """The ``name`` of what the server labels, and its ``label`` (else the name)."""
    name = parse_required(data, "name", str, what)
    return name, parse_optional(data, "label", str, what) or name
