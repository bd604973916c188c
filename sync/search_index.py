"""Keeping the replica's search index (``search_schema.py``) in step with its documents.

:func:`refresh` indexes the documents the triggers marked pending: what the server's index
holds of a document (``server_stub/search/records.py`` and ``tantivy_index.py``), built from
the replica's rows, with words cut by :mod:`viewer.words` exactly as Tantivy cuts them. Text
is extracted from the cached content in the viewer's worker process (time-limited), outside
any transaction, and kept per SHA-256; a content whose text cannot be extracted is indexed
without body text and still found by its title, type, registers and values.

Callable from any thread; it writes to the replica in one short transaction per call.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from viewer.index_values import field_kind, numeric_value, value_text
from viewer.query import SPECIAL_FIELDS, FieldCatalogue, FieldKind
from viewer.words import indexed, words

from .replica import LocalDocument, LocalFile, Meta, Replica

__all__ = ["Catalogue", "apply_pending", "catalogue_of", "extract_pending", "field_prefix",
           "refresh"]

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 200_000
EXTRACT_TIMEOUT_SECONDS = 30.0
_VALUE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Catalogue:
    """The fields the query language knows (as the server's ``field_catalogue``) and the
    labels of the document types, from the file classes the replica keeps."""

    fields: FieldCatalogue
    type_labels: dict[tuple[str, str], str]  # (file class, type) → label
    labels_by_type: dict[str, str]  # lower-cased type → label (the first one wins)


def catalogue_of(session: Session) -> Catalogue:
    """The catalogue of the file classes in the replica (empty before the first check-out:
    then only the special fields are known)."""
    row = session.get(Meta, "file_classes")
    items: list[dict[str, Any]] = list(row.value.get("items", [])) if row is not None else []
    fields: dict[str, FieldKind] = {}
    type_labels: dict[tuple[str, str], str] = {}
    labels_by_type: dict[str, str] = {}
    for file_class in items:
        for cover in file_class.get("cover_fields", []):
            fields.setdefault(str(cover["name"]), field_kind(str(cover.get("type"))))
        for doc_type in file_class.get("document_types", []):
            name = str(doc_type["name"])
            label = str(doc_type.get("label") or name)
            type_labels[(str(file_class.get("name")), name)] = label
            labels_by_type.setdefault(name.lower(), label)
            for index in doc_type.get("index_fields", []):
                fields.setdefault(str(index["name"]), field_kind(str(index.get("type"))))
    for special in SPECIAL_FIELDS:
        fields.pop(special, None)
    return Catalogue(FieldCatalogue(fields), type_labels, labels_by_type)


def field_words(name: str, value: str) -> str:
    """The words of one field's value, each prefixed by the field (see search_schema)."""
    prefix = field_prefix(name)
    return " ".join(prefix + word for word in words(value))


def field_prefix(name: str) -> str:
    return f"f{name.encode().hex()}x"


# --- text of contents --------------------------------------------------------------------

#: extractions that time out or crash the worker are tried this often, at later refreshes
MAX_EXTRACT_ATTEMPTS = 3


def _extract(replica: Replica, sha256: str, filename: str) -> str | None:
    """The text of a cached content, "" when it has none; None when it could not be read
    now: not downloaded yet, or the worker timed out or crashed (a passing fault, or a
    content that is tried again a few times only)."""
    import viewer
    from viewer.isolated import extract_text

    path = replica.cache_path(sha256)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return extract_text(data, filename=filename or None, max_chars=MAX_TEXT_CHARS,
                            timeout=EXTRACT_TIMEOUT_SECONDS)
    except (viewer.TimedOut, viewer.WorkerCrashed) as exc:
        log.warning("text of %s not extracted now: %s", sha256, exc)
        return None
    except viewer.ViewerError as exc:
        log.info("no text in %s: %s", sha256, exc)
        return ""


_WITHOUT_TEXT = ("d.sha256 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_texts t WHERE "
                 f"t.sha256 = d.sha256 AND (t.failures = 0 OR t.failures >= "
                 f"{MAX_EXTRACT_ATTEMPTS}))")


def _contents_to_read(session: Session) -> dict[str, str]:
    """SHA-256 → file name of pending documents' contents without extracted text."""
    rows = session.execute(text(  # CROSS JOIN: from the few pending, not every document
        "SELECT d.sha256, d.filename FROM search_pending p CROSS JOIN documents d ON d.id = "
        f"p.document_id WHERE {_WITHOUT_TEXT}"))
    return {str(sha): str(name or "") for sha, name in rows}


# --- rows --------------------------------------------------------------------------------

def _live(doc: LocalDocument | None, file: LocalFile | None) -> bool:
    return (doc is not None and file is not None and file.checkout_id is not None
            and doc.state != "deleted" and not doc.server_deleted)


@dataclass
class _Entry:
    """One document's rows in the index, before it has its row id."""

    row: tuple[Any, ...]  # search_rows without id
    words: tuple[str, ...]  # search_words without rowid
    values: list[tuple[str, float | None, str | None]]  # search_values without row id


def _entry(doc: LocalDocument, file: LocalFile, catalogue: Catalogue, body: str) -> _Entry:
    """What the server's index holds of a document (``tantivy_index._document``)."""
    registers = {str(r["id"]): r for r in file.registers}
    places = [registers[r] for r in doc.registers if r in registers]
    names = [str(r.get("name", "")) for r in places]
    labels = [str(r.get("label", "")) for r in places]
    type_label = catalogue.type_labels.get((file.file_class, doc.type), doc.type)
    cover = {k: v for k, v in (file.cover or {}).items() if v is not None}
    values: dict[str, Any] = {**cover, **{k: v for k, v in (doc.index or {}).items()
                                          if v is not None}}
    texts = {name: value_text(value) for name, value in values.items()}
    created = numeric_value("date", doc.created_at) or 0.0
    row = (doc.id, file.id, doc.type.lower(), file.key.lower(),
           json.dumps([n.lower() for n in names]), doc.created_at[:7], created)
    everything = " ".join([doc.title, doc.type, type_label, file.key, file.title, *names,
                           *labels, *texts.values(), body])
    file_text = " ".join([file.key, file.title, *(value_text(v) for v in cover.values())])
    found = (indexed(everything), indexed(doc.title), indexed(f"{doc.type} {type_label}"),
             indexed(" ".join([*names, *labels])), indexed(file_text),
             " ".join(field_words(name, value) for name, value in texts.items()))
    return _Entry(row, found, [kept for name, value in values.items()
                               if (kept := _value(catalogue.fields, name, value)) is not None])


def _value(fields: FieldCatalogue, name: str, value: Any
           ) -> tuple[str, float | None, str | None] | None:
    """A value for ranges and sort: a number (number and date fields) or lower-cased text."""
    kind = fields.fields.get(name)
    if kind is None or not _VALUE_NAME.match(name):
        return None
    if kind in ("number", "date"):
        number = numeric_value(kind, value)
        return None if number is None else (name, number, None)
    return name, None, value_text(value).lower()[:200]


def _write(session: Session, removed: list[str], entries: list[_Entry]) -> None:
    """Drop the rows of ``removed`` and write ``entries``, a few statements for all."""
    database = session.connection().connection.driver_connection
    assert database is not None
    gone = json.dumps(removed)
    old = "SELECT id FROM search_rows WHERE document_id IN (SELECT value FROM json_each(?))"
    database.execute(f"DELETE FROM search_words WHERE rowid IN ({old})", (gone,))
    database.execute(f"DELETE FROM search_values WHERE row_id IN ({old})", (gone,))
    database.execute("DELETE FROM search_rows WHERE document_id IN "
                     "(SELECT value FROM json_each(?))", (gone,))
    database.executemany("INSERT INTO search_rows (document_id, file_id, type, file_key, "
                         "register_names, month, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [entry.row for entry in entries])
    ids = dict(database.execute(
        "SELECT document_id, id FROM search_rows WHERE document_id IN "
        "(SELECT value FROM json_each(?))", (json.dumps([e.row[0] for e in entries]),)))
    database.executemany("INSERT INTO search_words (rowid, everything, title, type_text, "
                         "register_text, file_text, fields) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [(ids[entry.row[0]], *entry.words) for entry in entries])
    database.executemany("INSERT INTO search_values (row_id, name, number, text) "
                         "VALUES (?, ?, ?, ?)",
                         [(ids[entry.row[0]], *value) for entry in entries
                          for value in entry.values])


def refresh(replica: Replica) -> int:
    """Index every pending document (or drop it from the index when it is gone, deleted or
    its file no longer checked out); returns how many were pending. A document whose content
    is not downloaded yet (or whose extraction failed and is to be tried again) is indexed
    without text and stays pending."""
    extracted = extract_pending(replica)
    with replica.transaction() as session:
        return apply_pending(session, extracted)


def extract_pending(replica: Replica) -> dict[str, str | None]:
    """The texts pending documents need (SHA-256 → text, None: not extracted now), read
    outside any transaction: extraction takes long, a write lock must not wait for it."""
    with replica.transaction() as session:
        wanted = _contents_to_read(session)
    extracted: dict[str, str | None] = {}
    for sha256, filename in wanted.items():
        if replica.cache_path(sha256).exists():
            extracted[sha256] = _extract(replica, sha256, filename)
    return extracted


def apply_pending(session: Session, extracted: Mapping[str, str | None]) -> int:
    """Index the pending documents in ``session``'s transaction, with ``extracted`` texts
    (from :func:`extract_pending`); returns how many were pending."""
    for sha256, body in extracted.items():
        if body is None:
            session.execute(text(
                "INSERT INTO search_texts (sha256, text, failures) VALUES (:s, '', 1) "
                "ON CONFLICT (sha256) DO UPDATE SET failures = failures + 1 "
                "WHERE failures > 0"), {"s": sha256})
        else:
            session.execute(text(
                "INSERT INTO search_texts (sha256, text) VALUES (:s, :t) ON CONFLICT (sha256) "
                "DO UPDATE SET text = excluded.text, failures = 0"), {"s": sha256, "t": body})
    pending = list(session.execute(text("SELECT document_id FROM search_pending")).scalars())
    if not pending:
        return 0
    catalogue = catalogue_of(session)
    files = {f.id: f for f in session.scalars(select(LocalFile))}
    documents: dict[str, LocalDocument] = {}
    for start in range(0, len(pending), 500):
        documents.update((d.id, d) for d in session.scalars(select(LocalDocument).where(
            LocalDocument.id.in_(pending[start:start + 500]))))
    texts = {str(sha): (str(body), int(failures)) for sha, body, failures in session.execute(
        text("SELECT sha256, text, failures FROM search_texts WHERE sha256 IN (SELECT "
             "d.sha256 FROM search_pending p CROSS JOIN documents d ON d.id = p.document_id)"))}
    waiting: list[str] = []
    entries: list[_Entry] = []
    for document_id in pending:
        doc = documents.get(document_id)
        file = files.get(doc.file_id) if doc is not None else None
        if not _live(doc, file):
            continue  # gone, deleted or its file given back: its rows go
        assert doc is not None and file is not None
        body, failures = texts.get(doc.sha256 or "", ("", 0))
        if doc.sha256 and (doc.sha256 not in texts or 0 < failures < MAX_EXTRACT_ATTEMPTS):
            waiting.append(document_id)  # not downloaded yet, or to be tried again
        entries.append(_entry(doc, file, catalogue, body))
    _write(session, pending, entries)
    session.execute(text(  # texts of contents no document holds any more (older versions)
        "DELETE FROM search_texts WHERE sha256 NOT IN (SELECT sha256 FROM documents "
        "WHERE sha256 IS NOT NULL)"))
    session.execute(text("DELETE FROM search_pending WHERE document_id NOT IN "
                         "(SELECT value FROM json_each(:w))"), {"w": json.dumps(waiting)})
    return len(pending)
