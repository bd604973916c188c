"""Reads the customer file class template the demo data has to fit (a minimal, read-only view)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "CUSTOMER_TEMPLATE",
    "DemoField",
    "DemoFileClass",
    "customer_file_class",
    "fit_document",
    "fit_values",
]

CUSTOMER_TEMPLATE = (
    Path(__file__).resolve().parents[2] / "resources" / "file_classes" / "customer.yaml"
)


@dataclass(frozen=True)
class DemoField:
    name: str
    type: str
    required: bool
    options: tuple[str, ...]
    max_length: int | None


@dataclass(frozen=True)
class DemoFileClass:
    registers: tuple[str, ...]
    cover_fields: tuple[DemoField, ...]
    index_fields: dict[str, tuple[DemoField, ...]]
    default_register: dict[str, str]

    @property
    def document_types(self) -> tuple[str, ...]:
        return tuple(self.index_fields)


def _field(raw: dict[str, Any]) -> DemoField:
    return DemoField(
        name=str(raw["name"]),
        type=str(raw["type"]),
        required=bool(raw.get("required", False)),
        options=tuple(str(option) for option in raw.get("options", ())),
        max_length=int(raw["max_length"]) if "max_length" in raw else None,
    )


@lru_cache(maxsize=4)
def customer_file_class(path: Path = CUSTOMER_TEMPLATE) -> DemoFileClass:
    """Parse the template once per path; raises ``OSError``/``KeyError`` on a broken file."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    types = raw["document_types"]
    return DemoFileClass(
        registers=tuple(str(register["name"]) for register in raw["registers"]),
        cover_fields=tuple(_field(field) for field in raw["cover_fields"]),
        index_fields={
            str(kind["name"]): tuple(_field(field) for field in kind["index_fields"])
            for kind in types
        },
        default_register={str(kind["name"]): str(kind["default_register"]) for kind in types},
    )


def fit_values(fields: tuple[DemoField, ...], values: dict[str, object]) -> dict[str, object]:
    """``values`` limited to the template: unknown fields dropped, long strings shortened.

    Keeps the generator in step with a template whose limits were tightened; a template that
    dropped a whole document type is caught by :func:`fit_document` instead.
    """
    fitted: dict[str, object] = {}
    for field in fields:
        if field.name not in values:
            continue
        value = values[field.name]
        if isinstance(value, str) and field.max_length is not None:
            value = value[: field.max_length]
        fitted[field.name] = value
    return fitted


def fit_document(kind: str, registers: tuple[str, ...],
                 index: dict[str, object]) -> tuple[tuple[str, ...], dict[str, object]]:
    """Registers with the type's default first and index values fitted to the template.

    Raises ``KeyError`` when the template has no document type ``kind``.
    """
    file_class = customer_file_class()
    default = file_class.default_register[kind]
    ordered = (default, *(name for name in registers if name != default))
    known = tuple(name for name in ordered if name in file_class.registers)
    return known, fit_values(file_class.index_fields[kind], index)
