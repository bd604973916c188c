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

from sqlalchemy import text
from sqlalchemy.orm import Session

from viewer.index_values import field_kind, numeric_value, value_text
from viewer.query import FieldCatalogue, FieldKind
from viewer.words import words

from .replica import LocalDocument, LocalFile, Meta, Replica

__all__ = ["Catalogue", "catalogue_of", "field_prefix", "refresh"]

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 200_000
EXTRACT_TIMEOUT_SECONDS = 30.0
_VALUE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SPECIAL = ("type", "register", "file", "title", "created")


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
    for special in _SPECIAL:
        fields.pop(special, None)
    return Catalogue(FieldCatalogue(fields), type_labels, labels_by_type)


def _joined(text_value: str) -> str:
    return " ".join(words(text_value))


def field_words(name: str, value: str) -> str:
    """The words of one field's value, each prefixed by the field (see search_schema)."""
    prefix = field_prefix(name)
    return " ".join(prefix + word for word in words(value))


def field_prefix(name: str) -> str:
    return f"f{name.encode().hex()}x"


# --- text of contents --------------------------------------------------------------------

def _extract(replica: Replica, sha256: str, filename: str) -> str | None:
    """The text of a cached content; "" when it has none or it could not be read in time
    (kept so: a document is not extracted again on every search); None while the content is
    not in the cache yet (a download still to come)."""
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
        log.warning("text of %s not extracted: %s", sha256, exc)
        return ""
    except viewer.ViewerError as exc:
        log.info("no text in %s: %s", sha256, exc)
        return ""


def _contents_to_read(session: Session) -> dict[str, str]:
    """SHA-256 → file name of pending documents' contents without extracted text."""
    rows = session.execute(text(
        "SELECT d.sha256, d.filename FROM search_pending p JOIN documents d ON d.id = "
        "p.document_id WHERE d.sha256 IS NOT NULL AND d.sha256 NOT IN "
        "(SELECT sha256 FROM search_texts)"))
    return {str(sha): str(name or "") for sha, name in rows}


# --- rows --------------------------------------------------------------------------------

def _live(doc: LocalDocument | None, file: LocalFile | None) -> bool:
    return (doc is not None and file is not None and file.checkout_id is not None
            and doc.state != "deleted" and not doc.server_deleted)


def _remove(session: Session, document_id: str) -> None:
    row_id = session.execute(text("SELECT id FROM search_rows WHERE document_id = :d"),
                             {"d": document_id}).scalar()
    if row_id is None:
        return
    session.execute(text("DELETE FROM search_words WHERE rowid = :r"), {"r": row_id})
    session.execute(text("DELETE FROM search_values WHERE row_id = :r"), {"r": row_id})
    session.execute(text("DELETE FROM search_rows WHERE id = :r"), {"r": row_id})


def _index(session: Session, doc: LocalDocument, file: LocalFile, catalogue: Catalogue,
           body: str) -> None:
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
    month = doc.created_at[:7] if doc.created_at else ""
    _remove(session, doc.id)
    row_id = session.execute(text(
        "INSERT INTO search_rows (document_id, file_id, type, file_key, register_names, "
        "month, created) VALUES (:d, :f, :t, :k, :r, :m, :c) RETURNING id"),
        {"d": doc.id, "f": file.id, "t": doc.type.lower(), "k": file.key.lower(),
         "r": json.dumps([n.lower() for n in names]), "m": month, "c": created}).scalar_one()
    everything = " ".join([doc.title, doc.type, type_label, file.key, file.title, *names,
                           *labels, *texts.values(), body])
    file_text = " ".join([file.key, file.title, *(value_text(v) for v in cover.values())])
    session.execute(text(
        "INSERT INTO search_words (rowid, everything, title, type_text, register_text, "
        "file_text, fields) VALUES (:r, :e, :t, :y, :g, :f, :v)"),
        {"r": row_id, "e": _joined(everything), "t": _joined(doc.title),
         "y": _joined(f"{doc.type} {type_label}"), "g": _joined(" ".join([*names, *labels])),
         "f": _joined(file_text),
         "v": " ".join(field_words(name, value) for name, value in texts.items())})
    for name, value in values.items():
        _index_value(session, row_id, catalogue.fields, name, value)


def _index_value(session: Session, row_id: int, fields: FieldCatalogue, name: str,
                 value: Any) -> None:
    kind = fields.fields.get(name)
    if kind is None or not _VALUE_NAME.match(name):
        return
    if kind in ("number", "date"):
        number = numeric_value(kind, value)
        if number is None:
            return
        session.execute(text("INSERT INTO search_values (row_id, name, number) "
                             "VALUES (:r, :n, :v)"), {"r": row_id, "n": name, "v": number})
    else:
        session.execute(text("INSERT INTO search_values (row_id, name, text) "
                             "VALUES (:r, :n, :v)"),
                        {"r": row_id, "n": name, "v": value_text(value).lower()[:200]})


def refresh(replica: Replica) -> int:
    """Index every pending document (or drop it from the index when it is gone, deleted or
    its file no longer checked out); returns how many were pending. A document whose content
    is not downloaded yet is indexed without text and stays pending until it is."""
    with replica.transaction() as session:
        wanted = _contents_to_read(session)
    extracted: dict[str, str] = {}
    for sha256, filename in wanted.items():
        found = _extract(replica, sha256, filename)
        if found is not None:
            extracted[sha256] = found
    with replica.transaction() as session:
        return _apply(session, extracted)


def _apply(session: Session, extracted: Mapping[str, str]) -> int:
    for sha256, body in extracted.items():
        session.execute(text("INSERT OR IGNORE INTO search_texts (sha256, text) "
                             "VALUES (:s, :t)"), {"s": sha256, "t": body})
    pending = list(session.execute(text("SELECT document_id FROM search_pending")).scalars())
    if not pending:
        return 0
    catalogue = catalogue_of(session)
    files: dict[str, LocalFile | None] = {}
    waiting: list[str] = []
    for document_id in pending:
        doc = session.get(LocalDocument, document_id)
        file = None
        if doc is not None:
            if doc.file_id not in files:
                files[doc.file_id] = session.get(LocalFile, doc.file_id)
            file = files[doc.file_id]
        if not _live(doc, file):
            _remove(session, document_id)
            continue
        assert doc is not None and file is not None
        body = ""
        if doc.sha256:
            stored = session.execute(text("SELECT text FROM search_texts WHERE sha256 = :s"),
                                     {"s": doc.sha256}).scalar()
            if stored is None:
                waiting.append(document_id)
            body = str(stored or "")
        _index(session, doc, file, catalogue, body)
    session.execute(text("DELETE FROM search_pending WHERE document_id NOT IN "
                         "(SELECT value FROM json_each(:w))"), {"w": json.dumps(waiting)})
    return len(pending)
