"""Documents, customer files, file classes and the signed-in user as the client's own types.

What the remote client's document and file calls answer and what the service layer
(``client.py``, ``client_documents.py``, ``customer_file.py``) hands on to the Qt app:
``FileRecord`` with its ``RegisterNode`` tree, ``FileClass``, ``SignedInUser``,
``DocumentRecord``. Each ``from_json`` raises ``ServerError`` for an answer that is not as
API.md says; fields the client does not know are ignored. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .wire import Version
from .wire_parse import (
    parse_labels,
    parse_name_and_label,
    parse_object,
    parse_objects,
    parse_optional,
    parse_required,
    parse_strings,
    parse_text,
)

__all__ = ["DocumentRecord", "DocumentType", "FieldDef", "FileClass", "FileRecord", "Lock",
           "RegisterNode", "RegisterTemplate", "SignedInUser", "flatten_registers"]


@dataclass(frozen=True, slots=True)
class Lock:
    """Someone's exclusive check-out over a document or a whole file: others only read."""

    checkout_id: str
    locked_by: str
    since: str
    lease_expires_at: str | None

    @classmethod
    def from_json(cls, data: Any) -> Lock:
        """Raises ``ServerError``."""
        what = "lock"
        body = parse_object(data, what)
        return cls(checkout_id=parse_text(body, "checkout_id", what) if "checkout_id" in body
                   else "",
                   locked_by=parse_optional(body, "locked_by", str, what) or "",
                   since=parse_optional(body, "since", str, what) or "",
                   lease_expires_at=parse_optional(body, "lease_expires_at", str, what))


def _lock(body: dict[str, Any], name: str, what: str) -> Lock | None:
    value = parse_optional(body, name, dict, what)
    return None if value is None else Lock.from_json(value)


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A document as the server describes it (``GET /documents/{id}``, a file's list of
    documents), or as the replica holds it for a checked-out file (then ``pending`` and
    ``working_path`` are the replica's own)."""

    id: str
    file_id: str
    doc_type: str
    title: str
    #: the ids of the registers it sits in
    registers: tuple[str, ...]
    #: the index values by field name (in the formats of API.md)
    index: dict[str, Any]
    etag: str
    current_version: Version | None
    created_by: str = ""
    created_at: str = ""
    updated_at: str = ""
    retention_until: str | None = None
    legal_hold: bool = False
    deleted: bool = False
    lock: Lock | None = None
    #: a local change not sent yet (replica only)
    pending: bool = False
    #: where its working copy is (replica only)
    working_path: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> DocumentRecord:
        """Raises ``ServerError``."""
        what = "document"
        body = parse_object(data, what)
        current = parse_optional(body, "current_version", dict, what)
        return cls(id=parse_required(body, "id", str, what),
                   file_id=parse_required(body, "file_id", str, what),
                   doc_type=parse_required(body, "type", str, what),
                   title=parse_optional(body, "title", str, what) or "",
                   registers=parse_strings(body, "registers", what),
                   index=parse_optional(body, "index", dict, what) or {},
                   etag=parse_text(body, "etag", what),
                   current_version=None if current is None else Version.from_json(current),
                   created_by=parse_optional(body, "created_by", str, what) or "",
                   created_at=parse_optional(body, "created_at", str, what) or "",
                   updated_at=parse_optional(body, "updated_at", str, what) or "",
                   retention_until=parse_optional(body, "retention_until", str, what),
                   legal_hold=bool(parse_optional(body, "legal_hold", bool, what)),
                   deleted=bool(parse_optional(body, "deleted", bool, what)),
                   lock=_lock(body, "lock", what))

    @property
    def version_number(self) -> int:
        """The number of the current version (0 without content)."""
        return self.current_version.number if self.current_version is not None else 0


@dataclass(frozen=True, slots=True)
class RegisterNode:
    """A register of a customer file; documents name it by ``id``. ``count``: the documents
    in it the user can read; ``labels``: its translations, from the file class."""

    id: str
    name: str
    label: str
    parent_id: str | None
    count: int
    children: tuple[RegisterNode, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Any) -> RegisterNode:
        """Raises ``ServerError``."""
        what = "register"
        body = parse_object(data, what)
        name, label = parse_name_and_label(body, what)
        return cls(id=parse_required(body, "id", str, what), name=name, label=label,
                   parent_id=parse_optional(body, "parent_id", str, what) or None,
                   count=parse_optional(body, "count", int, what) or 0,
                   children=tuple(cls.from_json(c) for c in parse_objects(body, "children", what)),
                   labels=parse_labels(body, what))


def flatten_registers(tree: Iterable[RegisterNode]) -> list[RegisterNode]:
    """Every register of ``tree``, each before its children (the tree's reading order)."""
    out: list[RegisterNode] = []
    for node in tree:
        out.append(node)
        out.extend(flatten_registers(node.children))
    return out


@dataclass(frozen=True, slots=True)
class FileRecord:
    """A customer file as the server describes it (``GET /files/{id}``, by key, a list of
    files), or as the replica holds it when checked out."""

    id: str
    key: str
    title: str
    file_class: str
    #: the cover values by field name
    cover: dict[str, Any]
    etag: str
    #: the register tree's roots (a list of files carries none)
    registers: tuple[RegisterNode, ...] = ()
    created_by: str = ""
    created_at: str = ""
    updated_at: str = ""
    #: someone's exclusive check-out of the file (the answer's ``checkout``)
    lock: Lock | None = None

    @classmethod
    def from_json(cls, data: Any) -> FileRecord:
        """Raises ``ServerError``."""
        what = "customer file"
        body = parse_object(data, what)
        return cls(id=parse_required(body, "id", str, what),
                   key=parse_text(body, "key", what),
                   title=parse_optional(body, "title", str, what) or "",
                   file_class=parse_required(body, "file_class", str, what),
                   cover=parse_optional(body, "cover", dict, what) or {},
                   etag=parse_text(body, "etag", what),
                   registers=tuple(RegisterNode.from_json(r)
                                   for r in parse_objects(body, "registers", what)),
                   created_by=parse_optional(body, "created_by", str, what) or "",
                   created_at=parse_optional(body, "created_at", str, what) or "",
                   updated_at=parse_optional(body, "updated_at", str, what) or "",
                   lock=_lock(body, "checkout", what))

    def all_registers(self) -> list[RegisterNode]:
        """Every register, each before its children."""
        return flatten_registers(self.registers)


@dataclass(frozen=True, slots=True)
class FieldDef:
    """A cover or index field of a file class: its ``kind`` is one of API.md's field types
    (``string``, ``date``, ``money``, ``enum`` ...)."""

    name: str
    kind: str
    label: str
    required: bool = False
    #: the choices of an ``enum``
    options: tuple[str, ...] = ()
    max_length: int | None = None
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Any) -> FieldDef:
        """Raises ``ServerError``."""
        what = "field"
        body = parse_object(data, what)
        name, label = parse_name_and_label(body, what)
        return cls(name=name, kind=parse_required(body, "type", str, what), label=label,
                   required=bool(parse_optional(body, "required", bool, what)),
                   options=parse_strings(body, "options", what),
                   max_length=parse_optional(body, "max_length", int, what),
                   labels=parse_labels(body, what))


@dataclass(frozen=True, slots=True)
class DocumentType:
    """A document type of a file class and its index fields."""

    name: str
    label: str
    index_fields: tuple[FieldDef, ...] = ()
    retention_days: int = 0
    #: the name of the register a new document of this type goes to
    default_register: str | None = None
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Any) -> DocumentType:
        """Raises ``ServerError``."""
        what = "document type"
        body = parse_object(data, what)
        name, label = parse_name_and_label(body, what)
        return cls(name=name, label=label,
                   index_fields=tuple(FieldDef.from_json(f)
                                      for f in parse_objects(body, "index_fields", what)),
                   retention_days=parse_optional(body, "retention_days", int, what) or 0,
                   default_register=parse_optional(body, "default_register", str, what),
                   labels=parse_labels(body, what))


@dataclass(frozen=True, slots=True)
class RegisterTemplate:
    """A register of a file class's template tree (a file's own registers have ids)."""

    name: str
    label: str
    children: tuple[RegisterTemplate, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Any) -> RegisterTemplate:
        """Raises ``ServerError``."""
        what = "register template"
        body = parse_object(data, what)
        name, label = parse_name_and_label(body, what)
        return cls(name=name, label=label,
                   children=tuple(cls.from_json(c) for c in parse_objects(body, "children", what)),
                   labels=parse_labels(body, what))


@dataclass(frozen=True, slots=True)
class FileClass:
    """The template of customer files (``GET /file-classes``): registers, cover fields,
    document types."""

    name: str
    label: str
    registers: tuple[RegisterTemplate, ...] = ()
    cover_fields: tuple[FieldDef, ...] = ()
    document_types: tuple[DocumentType, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Any) -> FileClass:
        """Raises ``ServerError``."""
        what = "file class"
        body = parse_object(data, what)
        name, label = parse_name_and_label(body, what)
        return cls(name=name, label=label,
                   registers=tuple(RegisterTemplate.from_json(r)
                                   for r in parse_objects(body, "registers", what)),
                   cover_fields=tuple(FieldDef.from_json(f)
                                      for f in parse_objects(body, "cover_fields", what)),
                   document_types=tuple(DocumentType.from_json(t)
                                        for t in parse_objects(body, "document_types", what)),
                   labels=parse_labels(body, what))

    def document_type(self, name: str) -> DocumentType:
        """The type named ``name``; one without fields, labelled by its name, when the class
        has none of that name."""
        return next((t for t in self.document_types if t.name == name),
                    DocumentType(name=name, label=name))


@dataclass(frozen=True, slots=True)
class SignedInUser:
    """``GET /me``: who is signed in, in which tenant, with which roles and permissions."""

    user_id: str
    username: str
    display_name: str
    tenant_id: str
    tenant_name: str
    roles: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    #: the organisational units (views are shared with them)
    units: tuple[str, ...] = ()
    permissions: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Any) -> SignedInUser:
        """Raises ``ServerError``."""
        what = "signed-in user"
        body = parse_object(data, what)
        user = parse_object(parse_required(body, "user", dict, what), f"{what} user")
        tenant = parse_optional(body, "tenant", dict, what) or {}
        username = parse_required(user, "username", str, what)
        return cls(user_id=parse_text(user, "id", what), username=username,
                   display_name=parse_optional(user, "display_name", str, what) or username,
                   tenant_id=parse_text(tenant, "id", what) if "id" in tenant else "",
                   tenant_name=parse_optional(tenant, "name", str, what) or "",
                   roles=parse_strings(body, "roles", what),
                   groups=parse_strings(body, "groups", what),
                   units=parse_strings(body, "units", what),
                   permissions=parse_strings(body, "permissions", what))
