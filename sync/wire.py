"""The server's sync-protocol answers as the engine's own types.

``remote.RemoteClient`` turns the JSON of check-out, check-in, the change feed, the version
list and the list of check-outs into these frozen dataclasses; each ``from_json`` checks the
fields the engine reads and raises ``ServerError`` for an answer that is not as the protocol
says (a missing field, a wrong type), never ``KeyError`` or ``TypeError``. Where the replica
keeps a server object whole (a document's or a file's representation, a check-in result stored
with its operation) the JSON stays as it came, in a ``raw``-like field.

The customer files, file classes and the signed-in user that the service layer
(``client.py``, ``client_documents.py``) hands on to the Qt app are typed here too
(``FileRecord`` with its ``RegisterNode`` tree, ``FileClass``, ``SignedInUser``), and so is a
document (``DocumentRecord``: what the remote client's document calls answer; the app still
gets a file's documents as dicts); fields the client does not know are ignored. Not typed
here: the search and views JSON.

Pure: every function may be called from any thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .errors import ServerError

__all__ = ["CheckinAnswer", "CheckoutAnswer", "CheckoutPage", "CheckoutRecord",
           "DocumentRecord", "DocumentType", "FeedEntry", "FeedPage", "FieldDef", "FileClass",
           "FileRecord", "Lock", "OperationResult", "RegisterNode", "RegisterTemplate",
           "SignedInUser", "Version", "flatten_registers", "list_items", "versions_of"]

_T = TypeVar("_T")


def _object(data: Any, what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ServerError(f"{what}: a JSON object expected, not {type(data).__name__}")
    return data


def _required(data: dict[str, Any], name: str, kind: type[_T], what: str) -> _T:
    if name not in data:
        raise ServerError(f"{what}: no {name!r}")
    return _typed(data[name], name, kind, what)


def _optional(data: dict[str, Any], name: str, kind: type[_T], what: str) -> _T | None:
    value = data.get(name)
    return None if value is None else _typed(value, name, kind, what)


def _typed(value: Any, name: str, kind: type[_T], what: str) -> _T:
    # a bool is an int to Python, not a number to the protocol
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ServerError(f"{what}: {name!r} is {type(value).__name__}, not {kind.__name__}")
    return value


def _text(data: dict[str, Any], name: str, what: str) -> str:
    """A string or a number the engine keeps as text (ids, cursors, ETags)."""
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ServerError(f"{what}: {name!r} missing or not text")
    return str(value)


def _objects(data: dict[str, Any], name: str, what: str) -> list[dict[str, Any]]:
    """A list of JSON objects (an absent one is empty)."""
    items = data.get(name)
    if items is None:
        return []
    return [_object(item, f"{what} {name}") for item in _typed(items, name, list, what)]


def list_items(data: Any, what: str) -> list[Any]:
    """The ``items`` of a list answer (``{"items": [...]}``). Raises ``ServerError``."""
    return _required(_object(data, what), "items", list, what)


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a document (``GET /documents/{id}/versions``, or carried in a
    document's representation)."""

    number: int
    sha256: str
    size: int
    media_type: str
    filename: str
    created_by: str
    created_at: str
    comment: str
    #: the server's JSON as it came (the app shows it as a dict)
    raw: dict[str, Any]

    @classmethod
    def from_json(cls, data: Any) -> Version:
        """Raises ``ServerError``."""
        what = "version"
        body = _object(data, what)
        return cls(number=_required(body, "number", int, what),
                   sha256=_required(body, "sha256", str, what),
                   size=_optional(body, "size", int, what) or 0,
                   media_type=_optional(body, "media_type", str, what) or "",
                   filename=_optional(body, "filename", str, what) or "",
                   created_by=_optional(body, "created_by", str, what) or "",
                   created_at=_optional(body, "created_at", str, what) or "",
                   comment=_optional(body, "comment", str, what) or "", raw=body)


def versions_of(document: dict[str, Any]) -> list[Version] | None:
    """The versions a document's representation carries (``None`` when it has none).
    Raises ``ServerError``."""
    items = document.get("versions")
    if items is None:
        return None
    return [Version.from_json(item) for item in _typed(items, "versions", list, "document")]


def _document(data: Any, what: str) -> dict[str, Any]:
    """A document's representation, kept whole; checked for what the engine reads first."""
    body = _object(data, what)
    _required(body, "id", str, what)
    _text(body, "etag", what)
    current = _optional(body, "current_version", dict, what)
    if current is not None:
        Version.from_json(current)
    versions_of(body)
    return body


@dataclass(frozen=True, slots=True)
class CheckoutAnswer:
    """``POST /files/{id}/checkout``: the check-out, the feed cursor its snapshot is at, the
    file and its documents (representations kept whole, with their versions)."""

    checkout_id: str
    cursor: str
    file: dict[str, Any]
    #: all of them, or the first page when ``next_cursor`` is not ``None``
    documents: list[dict[str, Any]]
    #: the rest: ``GET /checkouts/{id}/documents?cursor=`` (``None``: no more)
    next_cursor: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> CheckoutAnswer:
        """Raises ``ServerError``."""
        what = "check-out answer"
        body = _object(data, what)
        file = _required(body, "file", dict, what)
        _required(file, "id", str, "checked-out file")
        return cls(checkout_id=_text(body, "checkout_id", what),
                   cursor=_text(body, "cursor", what) if "cursor" in body else "0",
                   file=file,
                   documents=[_document(d, "checked-out document")
                              for d in _objects(body, "documents", what)],
                   next_cursor=_optional(body, "next_cursor", str, what) or None)


@dataclass(frozen=True, slots=True)
class CheckoutPage:
    """``GET /checkouts/{id}/documents``: the next page of a check-out's documents."""

    documents: list[dict[str, Any]]
    next_cursor: str | None

    @classmethod
    def from_json(cls, data: Any) -> CheckoutPage:
        """Raises ``ServerError``."""
        what = "check-out page"
        body = _object(data, what)
        return cls(documents=[_document(d, "checked-out document")
                              for d in _objects(body, "documents", what)],
                   next_cursor=_optional(body, "next_cursor", str, what) or None)


@dataclass(frozen=True, slots=True)
class OperationResult:
    """The server's answer to one check-in operation."""

    op_id: str | None
    #: ``applied``, ``conflict`` or ``rejected`` (``rejected`` when the server named none)
    status: str
    #: on a ``conflict``: the server's object now
    current: dict[str, Any] | None
    #: on ``applied``: the document or the file as the operation left it
    document: dict[str, Any] | None
    file: dict[str, Any] | None
    #: on ``rejected``: the problem (empty when the server gave none)
    problem: dict[str, Any]
    #: the whole result, kept with the operation in the outbox
    raw: dict[str, Any]

    @classmethod
    def from_json(cls, data: Any) -> OperationResult:
        """Raises ``ServerError``."""
        what = "check-in result"
        body = _object(data, what)
        document = _optional(body, "document", dict, what)
        return cls(op_id=_optional(body, "op_id", str, what),
                   status=_optional(body, "status", str, what) or "rejected",
                   current=_optional(body, "current", dict, what),
                   document=None if document is None else _document(document, what),
                   file=_optional(body, "file", dict, what),
                   problem=_optional(body, "problem", dict, what) or {}, raw=body)


@dataclass(frozen=True, slots=True)
class CheckinAnswer:
    """``POST /checkouts/{id}/checkin``: one result per operation, in their order."""

    results: list[OperationResult]
    cursor: str | None

    @classmethod
    def from_json(cls, data: Any) -> CheckinAnswer:
        """Raises ``ServerError``."""
        what = "check-in answer"
        body = _object(data, what)
        return cls(results=[OperationResult.from_json(r)
                            for r in _objects(body, "results", what)],
                   cursor=_text(body, "cursor", what) if "cursor" in body else None)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One change of the feed: which object, how (``created``, ``updated``, ``deleted``)."""

    object: str
    op: str
    document_id: str | None
    file_id: str | None
    etag: str | None

    @classmethod
    def from_json(cls, data: Any) -> FeedEntry:
        """Raises ``ServerError``."""
        what = "feed entry"
        body = _object(data, what)
        return cls(object=_required(body, "object", str, what),
                   op=_required(body, "op", str, what),
                   document_id=_optional(body, "document_id", str, what),
                   file_id=_optional(body, "file_id", str, what),
                   etag=_optional(body, "etag", str, what) or None)


@dataclass(frozen=True, slots=True)
class FeedPage:
    """``GET /changes``: a page of the feed and the cursor to ask from next."""

    changes: list[FeedEntry]
    #: ``None`` when the server named none (the caller keeps asking from its own)
    cursor: str | None
    has_more: bool

    @classmethod
    def from_json(cls, data: Any) -> FeedPage:
        """Raises ``ServerError``."""
        what = "feed page"
        body = _object(data, what)
        return cls(changes=[FeedEntry.from_json(c) for c in _objects(body, "changes", what)],
                   cursor=_text(body, "cursor", what) if "cursor" in body else None,
                   has_more=bool(_optional(body, "has_more", bool, what)))

    def cursor_after(self, since: str) -> str:
        """The cursor to ask from next: the page's, else still ``since``."""
        return since if self.cursor is None else self.cursor


@dataclass(frozen=True, slots=True)
class CheckoutRecord:
    """One of the user's check-outs (``GET /checkouts``)."""

    checkout_id: str
    file_id: str
    mode: str
    state: str
    device_id: str
    raw: dict[str, Any]

    @classmethod
    def from_json(cls, data: Any) -> CheckoutRecord:
        """Raises ``ServerError``."""
        what = "check-out"
        body = _object(data, what)
        return cls(checkout_id=_text(body, "id", what),
                   file_id=_required(body, "file_id", str, what),
                   mode=_required(body, "mode", str, what),
                   state=_optional(body, "state", str, what) or "open",
                   device_id=_optional(body, "device_id", str, what) or "", raw=body)


# documents, customer files, file classes, the signed-in user ------------------------------


def _strings(data: dict[str, Any], name: str, what: str) -> tuple[str, ...]:
    """A list of strings (an absent one is empty)."""
    items = _optional(data, name, list, what) or []
    for item in items:
        if not isinstance(item, str):
            raise ServerError(f"{what}: {name!r} holds {type(item).__name__}, not str")
    return tuple(items)


def _labels(data: dict[str, Any], what: str) -> dict[str, str]:
    """The translated labels by language (none when absent)."""
    labels = _optional(data, "labels", dict, what) or {}
    return {str(language): str(text) for language, text in labels.items()}


def _name_and_label(data: dict[str, Any], what: str) -> tuple[str, str]:
    """The ``name`` of what the server labels, and its ``label`` (else the name)."""
    name = _required(data, "name", str, what)
    return name, _optional(data, "label", str, what) or name


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
        body = _object(data, what)
        return cls(checkout_id=_text(body, "checkout_id", what) if "checkout_id" in body
                   else "",
                   locked_by=_optional(body, "locked_by", str, what) or "",
                   since=_optional(body, "since", str, what) or "",
                   lease_expires_at=_optional(body, "lease_expires_at", str, what))


def _lock(body: dict[str, Any], name: str, what: str) -> Lock | None:
    value = _optional(body, name, dict, what)
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
        body = _object(data, what)
        current = _optional(body, "current_version", dict, what)
        return cls(id=_required(body, "id", str, what),
                   file_id=_required(body, "file_id", str, what),
                   doc_type=_required(body, "type", str, what),
                   title=_optional(body, "title", str, what) or "",
                   registers=_strings(body, "registers", what),
                   index=_optional(body, "index", dict, what) or {},
                   etag=_text(body, "etag", what),
                   current_version=None if current is None else Version.from_json(current),
                   created_by=_optional(body, "created_by", str, what) or "",
                   created_at=_optional(body, "created_at", str, what) or "",
                   updated_at=_optional(body, "updated_at", str, what) or "",
                   retention_until=_optional(body, "retention_until", str, what),
                   legal_hold=bool(_optional(body, "legal_hold", bool, what)),
                   deleted=bool(_optional(body, "deleted", bool, what)),
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
        body = _object(data, what)
        name, label = _name_and_label(body, what)
        return cls(id=_required(body, "id", str, what), name=name, label=label,
                   parent_id=_optional(body, "parent_id", str, what) or None,
                   count=_optional(body, "count", int, what) or 0,
                   children=tuple(cls.from_json(c) for c in _objects(body, "children", what)),
                   labels=_labels(body, what))


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
        body = _object(data, what)
        return cls(id=_required(body, "id", str, what),
                   key=_text(body, "key", what),
                   title=_optional(body, "title", str, what) or "",
                   file_class=_required(body, "file_class", str, what),
                   cover=_optional(body, "cover", dict, what) or {},
                   etag=_text(body, "etag", what),
                   registers=tuple(RegisterNode.from_json(r)
                                   for r in _objects(body, "registers", what)),
                   created_by=_optional(body, "created_by", str, what) or "",
                   created_at=_optional(body, "created_at", str, what) or "",
                   updated_at=_optional(body, "updated_at", str, what) or "",
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
        body = _object(data, what)
        name, label = _name_and_label(body, what)
        return cls(name=name, kind=_required(body, "type", str, what), label=label,
                   required=bool(_optional(body, "required", bool, what)),
                   options=_strings(body, "options", what),
                   max_length=_optional(body, "max_length", int, what),
                   labels=_labels(body, what))


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
        body = _object(data, what)
        name, label = _name_and_label(body, what)
        return cls(name=name, label=label,
                   index_fields=tuple(FieldDef.from_json(f)
                                      for f in _objects(body, "index_fields", what)),
                   retention_days=_optional(body, "retention_days", int, what) or 0,
                   default_register=_optional(body, "default_register", str, what),
                   labels=_labels(body, what))


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
        body = _object(data, what)
        name, label = _name_and_label(body, what)
        return cls(name=name, label=label,
                   children=tuple(cls.from_json(c) for c in _objects(body, "children", what)),
                   labels=_labels(body, what))


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
        body = _object(data, what)
        name, label = _name_and_label(body, what)
        return cls(name=name, label=label,
                   registers=tuple(RegisterTemplate.from_json(r)
                                   for r in _objects(body, "registers", what)),
                   cover_fields=tuple(FieldDef.from_json(f)
                                      for f in _objects(body, "cover_fields", what)),
                   document_types=tuple(DocumentType.from_json(t)
                                        for t in _objects(body, "document_types", what)),
                   labels=_labels(body, what))

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
        body = _object(data, what)
        user = _object(_required(body, "user", dict, what), f"{what} user")
        tenant = _optional(body, "tenant", dict, what) or {}
        username = _required(user, "username", str, what)
        return cls(user_id=_text(user, "id", what), username=username,
                   display_name=_optional(user, "display_name", str, what) or username,
                   tenant_id=_text(tenant, "id", what) if "id" in tenant else "",
                   tenant_name=_optional(tenant, "name", str, what) or "",
                   roles=_strings(body, "roles", what), groups=_strings(body, "groups", what),
                   units=_strings(body, "units", what),
                   permissions=_strings(body, "permissions", what))
