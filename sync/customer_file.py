"""A customer file as the client shows it: the file, its class and its documents, as plain
data (server-shaped dicts), whether it comes from the server or from the replica."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["CustomerFile", "copy_register_labels"]


@dataclass
class CustomerFile:
    """A file as the cockpit shows it: the file, its class and its documents."""

    file: dict[str, Any]
    file_class: dict[str, Any]
    documents: list[dict[str, Any]]
    checked_out: bool = False

    @property
    def key(self) -> str:
        return str(self.file["key"])

    def registers(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []

        def walk(nodes: list[dict[str, Any]]) -> None:
            for node in nodes:
                out.append(node)
                walk(node.get("children", []))

        walk(self.file.get("registers", []))
        return out

    def document_type(self, name: str) -> dict[str, Any]:
        for doc_type in self.file_class.get("document_types", []):
            if doc_type["name"] == name:
                return dict(doc_type)
        return {"name": name, "label": name, "index_fields": []}


def copy_register_labels(template: list[dict[str, Any]], registers: list[dict[str, Any]]) -> None:
    """The file's registers get their class's translated ``labels`` (matched by name)."""
    by_name: dict[str, Any] = {}

    def collect(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            if node.get("labels"):
                by_name[node["name"]] = node["labels"]
            collect(node.get("children", []))

    def apply(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            if node.get("name") in by_name and "labels" not in node:
                node["labels"] = by_name[node["name"]]
            apply(node.get("children", []))

    collect(template)
    apply(registers)
