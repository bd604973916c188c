"""The server's sync-protocol answers as the engine's own types.

``remote.RemoteClient`` turns the JSON of check-out, check-in, the change feed, the version
list and the list of check-outs into these frozen dataclasses; each ``from_json`` checks the
fields the engine reads and raises ``ServerError`` for an answer that is not as the protocol
says (a missing field, a wrong type), never ``KeyError`` or ``TypeError``. Where the replica
keeps a server object whole (a document's or a file's representation, a check-in result stored
with its operation) the JSON stays as it came, in a ``raw``-like field.

The customer files, documents, file classes and the signed-in user are typed in
``wire_records``, search, views and the audit trail in ``wire_search``; the field-by-field
reading all three share is ``wire_parse``.

Pure: every function may be called from any thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .wire_parse import (
    list_items,
    parse_object,
    parse_objects,
    parse_optional,
    parse_required,
    parse_text,
    parse_typed,
)

__all__ = ["CheckinAnswer", "CheckoutAnswer", "CheckoutPage", "CheckoutRecord", "FeedEntry",
           "FeedPage", "OperationResult", "Version", "list_items", "versions_of"]

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
        body = parse_object(data, what)
        return cls(number=parse_required(body, "number", int, what),
                   sha256=parse_required(body, "sha256", str, what),
                   size=parse_optional(body, "size", int, what) or 0,
                   media_type=parse_optional(body, "media_type", str, what) or "",
                   filename=parse_optional(body, "filename", str, what) or "",
                   created_by=parse_optional(body, "created_by", str, what) or "",
                   created_at=parse_optional(body, "created_at", str, what) or "",
                   comment=parse_optional(body, "comment", str, what) or "", raw=body)


def versions_of(document: dict[str, Any]) -> list[Version] | None:
    """The versions a document's representation carries (``None`` when it has none).
    Raises ``ServerError``."""
    items = document.get("versions")
    if items is None:
        return None
    return [Version.from_json(item) for item in parse_typed(items, "versions", list, "document")]


def _document(data: Any, what: str) -> dict[str, Any]:
    """A document's representation, kept whole; checked for what the engine reads first."""
    body = parse_object(data, what)
    parse_required(body, "id", str, what)
    parse_text(body, "etag", what)
    current = parse_optional(body, "current_version", dict, what)
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
        body = parse_object(data, what)
        file = parse_required(body, "file", dict, what)
        parse_required(file, "id", str, "checked-out file")
        return cls(checkout_id=parse_text(body, "checkout_id", what),
                   cursor=parse_text(body, "cursor", what) if "cursor" in body else "0",
                   file=file,
                   documents=[_document(d, "checked-out document")
                              for d in parse_objects(body, "documents", what)],
                   next_cursor=parse_optional(body, "next_cursor", str, what) or None)


@dataclass(frozen=True, slots=True)
class CheckoutPage:
    """``GET /checkouts/{id}/documents``: the next page of a check-out's documents."""

    documents: list[dict[str, Any]]
    next_cursor: str | None

    @classmethod
    def from_json(cls, data: Any) -> CheckoutPage:
        """Raises ``ServerError``."""
        what = "check-out page"
        body = parse_object(data, what)
        return cls(documents=[_document(d, "checked-out document")
                              for d in parse_objects(body, "documents", what)],
                   next_cursor=parse_optional(body, "next_cursor", str, what) or None)


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
        body = parse_object(data, what)
        document = parse_optional(body, "document", dict, what)
        return cls(op_id=parse_optional(body, "op_id", str, what),
                   status=parse_optional(body, "status", str, what) or "rejected",
                   current=parse_optional(body, "current", dict, what),
                   document=None if document is None else _document(document, what),
                   file=parse_optional(body, "file", dict, what),
                   problem=parse_optional(body, "problem", dict, what) or {}, raw=body)


@dataclass(frozen=True, slots=True)
class CheckinAnswer:
    """``POST /checkouts/{id}/checkin``: one result per operation, in their order."""

    results: list[OperationResult]
    cursor: str | None

    @classmethod
    def from_json(cls, data: Any) -> CheckinAnswer:
        """Raises ``ServerError``."""
        what = "check-in answer"
        body = parse_object(data, what)
        return cls(results=[OperationResult.from_json(r)
                            for r in parse_objects(body, "results", what)],
                   cursor=parse_text(body, "cursor", what) if "cursor" in body else None)


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
        body = parse_object(data, what)
        return cls(object=parse_required(body, "object", str, what),
                   op=parse_required(body, "op", str, what),
                   document_id=parse_optional(body, "document_id", str, what),
                   file_id=parse_optional(body, "file_id", str, what),
                   etag=parse_optional(body, "etag", str, what) or None)


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
        body = parse_object(data, what)
        return cls(changes=[FeedEntry.from_json(c) for c in parse_objects(body, "changes", what)],
                   cursor=parse_text(body, "cursor", what) if "cursor" in body else None,
                   has_more=bool(parse_optional(body, "has_more", bool, what)))

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
        body = parse_object(data, what)
        return cls(checkout_id=parse_text(body, "id", what),
                   file_id=parse_required(body, "file_id", str, what),
                   mode=parse_required(body, "mode", str, what),
                   state=parse_optional(body, "state", str, what) or "open",
                   device_id=parse_optional(body, "device_id", str, what) or "", raw=body)
