"""The server's sync-protocol answers as the engine's own types.

``remote.RemoteClient`` turns the JSON of check-out, check-in, the change feed, the version
list and the list of check-outs into these frozen dataclasses; each ``from_json`` checks the
fields the engine reads and raises ``ServerError`` for an answer that is not as the protocol
says (a missing field, a wrong type), never ``KeyError`` or ``TypeError``. Where the replica
keeps a server object whole (a document's or a file's representation, a check-in result stored
with its operation) the JSON stays as it came, in a ``raw``-like field.

Not typed in this step: the document, file, search and views JSON that the service layer
(``client.py``, ``client_documents.py``) hands on to the Qt app; those methods of the remote
client still answer ``dict[str, Any]``.

Pure: every function may be called from any thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import ServerError

__all__ = ["CheckinAnswer", "CheckoutAnswer", "CheckoutPage", "CheckoutRecord", "FeedEntry",
           "FeedPage", "OperationResult", "Version", "list_items", "versions_of"]

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
