"""The server's search, views and audit answers as the client's own types.

``remote.RemoteClient`` turns the JSON of ``GET /search``, ``/views`` (and a view's results)
and ``GET /audit`` into these frozen dataclasses, and the replica's search
(``search.search_replica``) answers the same ones: a caller shows server and replica hits
alike. As in ``sync.wire``, each ``from_json`` checks the fields the client reads and raises
``ServerError`` for an answer that is not as API.md says, never ``KeyError`` or
``TypeError``; a document's representation and a view's JSON are also kept whole (``raw``),
for the windows that still show them as dicts.

Pure: every function may be called from any thread.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from .errors import ServerError
from .wire import Version
from .wire_parse import (
    list_items,
    parse_object,
    parse_objects,
    parse_optional,
    parse_required,
    parse_text,
    parse_typed,
)

__all__ = ["AuditEvent", "DocumentSummary", "FileSummary", "SavedView", "SearchAnswer",
           "SearchGroup", "SearchHit", "Snippet", "audit_events", "saved_views"]

_MARK = re.compile(r"(</?mark>)")


@dataclass(frozen=True, slots=True)
class Snippet:
    """A hit's text around the first place the query's words occur. ``marked`` is as the
    answer carries it: HTML-escaped plain text, the matched words in ``<mark>``…``</mark>``;
    ``parts`` is the same as plain text pieces, ``True`` for a matched word."""

    marked: str
    parts: tuple[tuple[str, bool], ...]

    @classmethod
    def from_marked(cls, marked: str) -> Snippet:
        """Only the marks are markup: every other ``<``, ``&`` is text, whatever it holds."""
        parts: list[tuple[str, bool]] = []
        inside = False
        for piece in _MARK.split(marked):
            if piece in ("<mark>", "</mark>"):
                inside = piece == "<mark>"
            elif piece:
                parts.append((html.unescape(piece), inside))
        return cls(marked=marked, parts=tuple(parts))

    @property
    def text(self) -> str:
        """The snippet as plain text (no marks, entities decoded)."""
        return "".join(text for text, _marked in self.parts)

    @property
    def highlights(self) -> tuple[str, ...]:
        """The matched words, in their order, each once."""
        return tuple(dict.fromkeys(text for text, marked in self.parts if marked))


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """The document of a hit: what a result row shows and groups by, and its whole
    representation to open it with."""

    id: str
    file_id: str
    type: str
    title: str
    index: dict[str, Any]
    registers: list[str]
    created_at: str
    current_version: Version | None
    #: from the replica: a local change of it is not synced yet (always ``False`` online)
    pending: bool
    #: the representation as it came (``GET /documents/{id}``'s shape), to open the document
    raw: dict[str, Any]

    @classmethod
    def from_json(cls, data: Any) -> DocumentSummary:
        """Raises ``ServerError``."""
        what = "found document"
        body = parse_object(data, what)
        current = parse_optional(body, "current_version", dict, what)
        registers = parse_optional(body, "registers", list, what) or []
        return cls(id=parse_required(body, "id", str, what),
                   file_id=parse_required(body, "file_id", str, what),
                   type=parse_required(body, "type", str, what),
                   title=parse_required(body, "title", str, what),
                   index=parse_optional(body, "index", dict, what) or {},
                   registers=[parse_typed(r, "registers", str, what) for r in registers],
                   created_at=parse_optional(body, "created_at", str, what) or "",
                   current_version=None if current is None else Version.from_json(current),
                   pending=bool(parse_optional(body, "pending", bool, what)), raw=body)


@dataclass(frozen=True, slots=True)
class FileSummary:
    """A customer file by id, number and name: the file a hit is in, or the one a search is
    restricted to."""

    id: str
    key: str
    title: str

    @classmethod
    def from_json(cls, data: Any) -> FileSummary:
        """Raises ``ServerError``."""
        what = "file of a hit"
        body = parse_object(data, what)
        return cls(id=parse_required(body, "id", str, what),
                   key=parse_required(body, "key", str, what),
                   title=parse_optional(body, "title", str, what) or "")

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "key": self.key, "title": self.title}


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One document found, its file, its snippet and its relevance (``0.0`` when the search
    was sorted otherwise)."""

    document: DocumentSummary
    file: FileSummary
    snippet: Snippet
    score: float

    @classmethod
    def from_json(cls, data: Any) -> SearchHit:
        """Raises ``ServerError``."""
        what = "search hit"
        body = parse_object(data, what)
        score = body.get("score")
        if score is not None and (isinstance(score, bool) or not isinstance(score, int | float)):
            raise ServerError(f"{what}: 'score' is {type(score).__name__}, not a number")
        return cls(document=DocumentSummary.from_json(parse_required(body, "document", dict, what)),
                   file=FileSummary.from_json(parse_required(body, "file", dict, what)),
                   snippet=Snippet.from_marked(parse_optional(body, "snippet", str, what) or ""),
                   score=float(score or 0.0))

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document.raw, "file": self.file.to_json(),
                "snippet": self.snippet.marked, "score": self.score}


@dataclass(frozen=True, slots=True)
class SearchGroup:
    """A group of ``group_by`` (a facet): its value (a type's name, a file's or a register's
    id, a month ``YYYY-MM``), its label, and how many of all hits are in it."""

    value: str
    label: str
    count: int

    @classmethod
    def from_json(cls, data: Any) -> SearchGroup:
        """Raises ``ServerError``."""
        what = "search group"
        body = parse_object(data, what)
        value = parse_text(body, "value", what)
        return cls(value=value, label=parse_optional(body, "label", str, what) or value,
                   count=parse_required(body, "count", int, what))

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label, "count": self.count}


@dataclass(frozen=True, slots=True)
class SearchAnswer:
    """A page of hits (``GET /search``, a view's results, or the replica's search): the hits
    of the page, how many there are in all, the groups when grouped (counted over all hits),
    and where the next page starts — the server's ``next_cursor``, the replica's
    ``next_offset``; both ``None`` on the last page."""

    hits: list[SearchHit]
    total: int
    groups: list[SearchGroup] | None
    next_cursor: str | None
    next_offset: int | None

    @classmethod
    def from_json(cls, data: Any) -> SearchAnswer:
        """Raises ``ServerError``."""
        what = "search answer"
        body = parse_object(data, what)
        groups = body.get("groups")
        return cls(hits=[SearchHit.from_json(item) for item in list_items(body, what)],
                   total=parse_required(body, "total", int, what),
                   groups=None if groups is None else [
                       SearchGroup.from_json(g) for g in parse_objects(body, "groups", what)],
                   next_cursor=parse_text(body, "next_cursor", what)
                   if body.get("next_cursor") is not None else None,
                   next_offset=parse_optional(body, "next_offset", int, what))

    @property
    def has_more(self) -> bool:
        return self.next_cursor is not None or self.next_offset is not None

    def to_json(self) -> dict[str, Any]:
        """The answer in API.md's shape (``next_offset`` instead of ``next_cursor`` for a
        page of the replica)."""
        body: dict[str, Any] = {"items": [hit.to_json() for hit in self.hits],
                                "total": self.total}
        if self.next_offset is not None:
            body["next_offset"] = self.next_offset
        else:
            body["next_cursor"] = self.next_cursor
        if self.groups is not None:
            body["groups"] = [group.to_json() for group in self.groups]
        return body


@dataclass(frozen=True, slots=True)
class SavedView:
    """A saved search: its owner's (a user id), private or shared with a unit."""

    id: str
    #: the ``If-Match`` of a change: a colleague's newer change is a ``412``
    etag: str
    name: str
    query: str
    #: ``unit:NAME``, or ``None`` for a private view
    shared_with: str | None
    owner: str
    created_at: str
    updated_at: str
    #: the server's JSON as it came (the navigator and the file's header list it as a dict)
    raw: dict[str, Any]

    @classmethod
    def from_json(cls, data: Any) -> SavedView:
        """Raises ``ServerError``."""
        what = "view"
        body = parse_object(data, what)
        return cls(id=parse_text(body, "id", what), etag=parse_text(body, "etag", what),
                   name=parse_required(body, "name", str, what),
                   query=parse_required(body, "query", str, what),
                   shared_with=parse_optional(body, "shared_with", str, what) or None,
                   owner=parse_optional(body, "owner", str, what) or "",
                   created_at=parse_optional(body, "created_at", str, what) or "",
                   updated_at=parse_optional(body, "updated_at", str, what) or "", raw=body)

    @property
    def unit(self) -> str | None:
        """The unit the view is shared with (``None``: private)."""
        return self.shared_with.removeprefix("unit:") if self.shared_with else None


def saved_views(data: Any) -> list[SavedView]:
    """``GET /views``. Raises ``ServerError``."""
    return [SavedView.from_json(item) for item in list_items(data, "views")]


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One event of the audit trail: when, who, what (``create``, ``update``, ``version``,
    ``view``, ``delete``, ``checkout``, ``checkin``, ``resolve``, ``rights``, …), on which
    object, and the action's details (a changed field's name, a version's number, …)."""

    seq: int
    at: str
    actor: str
    action: str
    object: str
    details: dict[str, Any]

    @classmethod
    def from_json(cls, data: Any) -> AuditEvent:
        """Raises ``ServerError``."""
        what = "audit event"
        body = parse_object(data, what)
        return cls(seq=parse_required(body, "seq", int, what),
                   at=parse_required(body, "at", str, what),
                   actor=parse_optional(body, "actor", str, what) or "",
                   action=parse_required(body, "action", str, what),
                   object=parse_optional(body, "object", str, what) or "",
                   details=parse_optional(body, "details", dict, what) or {})


def audit_events(data: Any) -> list[AuditEvent]:
    """``GET /audit``'s events, oldest first as listed. Raises ``ServerError``."""
    return [AuditEvent.from_json(item) for item in list_items(data, "audit events")]
