"""File classes (templates of customer files) loaded from YAML in ``resources/file_classes``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["KEY_FIELD", "DocumentType", "FieldDef", "FileClass", "FileClassRegistry",
           "RegisterDef", "default_file_classes_dir", "load_file_classes"]

#: The cover field a new file's ``key`` fills when the request leaves it out.
KEY_FIELD = "customer_number"

FIELD_TYPES = frozenset(
    {"string", "text", "integer", "decimal", "date", "datetime", "boolean", "enum", "money"})


def default_file_classes_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources" / "file_classes"


@dataclass(frozen=True)
class FieldDef:
    name: str
    type: str
    label: str
    required: bool = False
    options: tuple[str, ...] = ()
    max_length: int | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "label": self.label,
                               "required": self.required}
        if self.type == "enum":
            out["options"] = list(self.options)
        if self.max_length is not None:
            out["max_length"] = self.max_length
        return out


@dataclass(frozen=True)
class RegisterDef:
    name: str
    label: str
    children: tuple[RegisterDef, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "labels": self.labels,
                "children": [c.as_json() for c in self.children]}


@dataclass(frozen=True)
class DocumentType:
    name: str
    label: str
    index_fields: tuple[FieldDef, ...]
    retention_days: int
    default_register: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "retention_days": self.retention_days,
                "default_register": self.default_register,
                "index_fields": [f.as_json() for f in self.index_fields]}


@dataclass(frozen=True)
class FileClass:
    name: str
    label: str
    registers: tuple[RegisterDef, ...]
    cover_fields: tuple[FieldDef, ...]
    document_types: dict[str, DocumentType]
    labels: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "labels": self.labels,
                "registers": [r.as_json() for r in self.registers],
                "cover_fields": [f.as_json() for f in self.cover_fields],
                "document_types": [t.as_json() for t in self.document_types.values()]}


def _field(raw: dict[str, Any]) -> FieldDef:
    kind = str(raw["type"])
    if kind not in FIELD_TYPES:
        raise ValueError(f"field {raw.get('name')}: unknown type {kind}")
    return FieldDef(name=str(raw["name"]), type=kind, label=str(raw.get("label", raw["name"])),
                    required=bool(raw.get("required", False)),
                    options=tuple(str(o) for o in raw.get("options", ())),
                    max_length=raw.get("max_length"))


def _register(raw: dict[str, Any]) -> RegisterDef:
    return RegisterDef(name=str(raw["name"]), label=str(raw.get("label", raw["name"])),
                       children=tuple(_register(c) for c in raw.get("children", ())),
                       labels=dict(raw.get("labels", {})))


def _file_class(raw: dict[str, Any]) -> FileClass:
    types = {}
    for t in raw.get("document_types", ()):
        types[str(t["name"])] = DocumentType(
            name=str(t["name"]), label=str(t.get("label", t["name"])),
            index_fields=tuple(_field(f) for f in t.get("index_fields", ())),
            retention_days=int(t.get("retention_days", 0)),
            default_register=t.get("default_register"))
    return FileClass(name=str(raw["name"]), label=str(raw.get("label", raw["name"])),
                     registers=tuple(_register(r) for r in raw.get("registers", ())),
                     cover_fields=tuple(_field(f) for f in raw.get("cover_fields", ())),
                     document_types=types, labels=dict(raw.get("labels", {})))


class FileClassRegistry:
    """The file classes known to this server, by name."""

    def __init__(self, classes: list[FileClass]) -> None:
        self._classes = {c.name: c for c in classes}

    def get(self, name: str) -> FileClass | None:
        return self._classes.get(name)

    def all(self) -> list[FileClass]:
        return list(self._classes.values())


def load_file_classes(folder: Path | None = None) -> FileClassRegistry:
    """Read every ``*.yaml`` template in ``folder``; raises ``ValueError`` on a broken one."""
    folder = folder or default_file_classes_dir()
    classes = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            classes.append(_file_class(yaml.safe_load(path.read_text(encoding="utf-8"))))
        except (KeyError, TypeError, ValueError, yaml.YAMLError) as exc:
            raise ValueError(f"{path.name}: {exc}") from exc
    return FileClassRegistry(classes)
