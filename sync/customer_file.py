"""A customer file as the client shows it: the file and its class as the typed records of
``sync.wire`` and its documents (still the server's JSON shape), whether it comes from the
server or from the replica."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .wire_records import (
    DocumentType,
    FileClass,
    FileRecord,
    RegisterNode,
    RegisterTemplate,
    flatten_registers,
)

__all__ = ["CustomerFile", "with_register_labels"]


@dataclass(frozen=True)
class CustomerFile:
    """A file as the cockpit shows it: the file (its registers labelled by its class), its
    class and its documents; ``checked_out`` when it was read from the replica."""

    record: FileRecord
    file_class: FileClass
    documents: list[dict[str, Any]]
    checked_out: bool = False

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def key(self) -> str:
        return self.record.key

    @property
    def title(self) -> str:
        return self.record.title

    @property
    def file(self) -> dict[str, Any]:
        """The file's id, key and title as a dict: for the search dock until it reads
        ``record`` (to go with it)."""
        return {"id": self.record.id, "key": self.record.key, "title": self.record.title}

    def registers(self) -> list[RegisterNode]:
        """Every register of the file, each before its children."""
        return flatten_registers(self.record.registers)

    def document_type(self, name: str) -> DocumentType:
        return self.file_class.document_type(name)


def with_register_labels(template: tuple[RegisterTemplate, ...],
                         registers: tuple[RegisterNode, ...]) -> tuple[RegisterNode, ...]:
    """The file's registers with their class's translated ``labels`` (matched by name) where
    they have none of their own."""
    by_name: dict[str, dict[str, str]] = {}

    def collect(nodes: tuple[RegisterTemplate, ...]) -> None:
        for node in nodes:
            if node.labels:
                by_name[node.name] = node.labels
            collect(node.children)

    def apply(nodes: tuple[RegisterNode, ...]) -> tuple[RegisterNode, ...]:
        return tuple(dataclasses.replace(node, children=apply(node.children),
                                         labels=node.labels or by_name.get(node.name, {}))
                     for node in nodes)

    collect(template)
    return apply(registers)
