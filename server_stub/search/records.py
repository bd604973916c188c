"""What the search index holds of a document, read from the database and the blob store.

A :class:`DocumentRecord` is engine-neutral: the Tantivy and the PostgreSQL backend index it,
with the same searchable texts (its properties). Its text comes in named sources (``content``
now; ``ocr`` is the slot for the text of scanned pages a later OCR step adds) so that a new
source needs no new plumbing.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from viewer.index_values import field_kind, numeric_value
from viewer.query import FieldCatalogue, FieldKind
from viewer.sniff import MediaType, sniff_media_type

from ..blobstore import BlobStore
from ..fileclasses import FieldDef, FileClassRegistry
from ..orm import CustomerFile, Document, DocumentRegister, Register, Version

__all__ = ["DocumentRecord", "TextCache", "field_catalogue", "load_records", "numeric_value",
           "plain_text", "value_text"]

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 200_000
EXTRACT_TIMEOUT_SECONDS = 30.0


def _kind(field_def: FieldDef) -> FieldKind:
    return field_kind(field_def.type)


def field_catalogue(file_classes: FileClassRegistry) -> FieldCatalogue:
    """Every index and cover field of the configured file classes, by name (the first
    definition of a name decides its kind)."""
    fields: dict[str, FieldKind] = {}
    for file_class in file_classes.all():
        for cover in file_class.cover_fields:
            fields.setdefault(cover.name, _kind(cover))
        for doc_type in file_class.document_types.values():
            for index in doc_type.index_fields:
                fields.setdefault(index.name, _kind(index))
    for special in ("type", "register", "file", "title", "created"):
        fields.pop(special, None)
    return FieldCatalogue(fields)


@dataclass
class DocumentRecord:
    """One document as the index sees it."""

    id: str
    file_id: str
    file_class: str
    file_key: str
    file_title: str
    cover: dict[str, Any]
    type: str
    type_label: str
    title: str
    index: dict[str, Any]
    register_ids: list[str]
    register_names: list[str]
    register_labels: list[str]
    created_at: datetime
    texts: dict[str, str] = field(default_factory=dict)  # source ("content", "ocr") → text

    @property
    def body(self) -> str:
        return "\n".join(t for t in self.texts.values() if t)

    def values(self) -> dict[str, Any]:
        """Index values with the file's cover values under them (index values win)."""
        return {**{k: v for k, v in self.cover.items() if v is not None},
                **{k: v for k, v in self.index.items() if v is not None}}

    # The searchable texts, the same for every engine (``type:``, ``register:``, ``file:``
    # and the free text search these):

    @property
    def type_text(self) -> str:
        return f"{self.type} {self.type_label}"

    @property
    def register_text(self) -> str:
        return " ".join([*self.register_names, *self.register_labels])

    @property
    def file_text(self) -> str:
        return " ".join([self.file_key, self.file_title,
                         *(value_text(v) for v in self.cover.values() if v is not None)])

    @property
    def header_text(self) -> str:
        """What a word without a field name may match besides the body, the title first:
        type, file, registers and values."""
        return " ".join([self.title, self.type, self.type_label, self.file_key,
                         self.file_title, *self.register_names, *self.register_labels,
                         *(value_text(v) for v in self.values().values())])

    @property
    def all_text(self) -> str:
        """Everything a word without a field name may match, the title first."""
        return f"{self.header_text} {self.body}"


def value_text(value: Any) -> str:
    """An index or cover value as the text a field filter matches (booleans as true/false)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class TextCache:
    """Extracted text per blob, made once by the viewer core in its isolated worker (plain
    UTF-8 text is read as it is, see :func:`plain_text`, and not copied into the cache).

    Content is immutable, so the text of a SHA-256 never changes: a rebuild of the index
    reads the cache instead of extracting again. Text that cannot be extracted (an image, a
    damaged or encrypted file, an unknown format) is cached as empty: the document is still
    found by its title, type, registers and values.
    """

    def __init__(self, folder: Path, blobs: BlobStore) -> None:
        self.folder = folder
        self._folder = str(folder)
        self.blobs = blobs

    def text(self, sha256: str, filename: str) -> str:
        # strings, not pathlib: an index build asks for every blob's text
        cached = os.path.join(self._folder, sha256 + ".txt")
        try:
            with open(cached, encoding="utf-8") as text_file:
                return text_file.read()
        except FileNotFoundError:
            pass
        try:
            with open(self.blobs.location(sha256), "rb") as blob:
                data = blob.read()
        except FileNotFoundError:
            return ""
        except OSError as exc:
            log.warning("text of %s not extracted now: %s", sha256, exc)
            return ""
        plain = plain_text(data, filename)
        if plain is not None:
            return plain  # the blob is the text: a copy in the cache would save nothing
        text = self._extract(sha256, data, filename)
        if text is None:
            return ""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix="t-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, cached)
        return text

    @staticmethod
    def _extract(name: str, data: bytes, filename: str) -> str | None:
        """The text, "" when the content has none, None on a passing fault (not cached)."""
        import viewer
        from viewer.isolated import extract_text

        try:
            return extract_text(data, filename=filename, max_chars=MAX_TEXT_CHARS,
                                timeout=EXTRACT_TIMEOUT_SECONDS)
        except (viewer.TimedOut, viewer.WorkerCrashed) as exc:
            log.warning("text of %s not extracted now: %s", name, exc)
            return None
        except viewer.ViewerError as exc:
            log.info("no text in %s: %s", name, exc)
            return ""
        except OSError as exc:
            log.warning("text of %s not extracted now: %s", name, exc)
            return None


def plain_text(data: bytes, filename: str) -> str | None:
    """The text of content that is plain UTF-8 text, decoded in this process; None for
    anything else, which the viewer core extracts in its isolated worker.

    Laying plain text out as pages in the worker only to read the words back cost ~10 ms a
    document (an index build of text blobs ran at ~100 documents/s). Decoding UTF-8 parses
    nothing, so it needs no isolation: content with a NUL byte (every ZIP, OLE or image file)
    or that is not valid UTF-8 is refused before the sniffer looks at it, and what the
    sniffer calls anything but plain text (Markdown, CSV, JSON, XML, HTML, e-mail, PDF) goes
    to the worker as before, and so does text of more than 800 kB (the worker cuts it).
    """
    if not data or len(data) > MAX_TEXT_CHARS * 4 or b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if sniff_media_type(data, filename) != MediaType.TEXT:
        return None
    return text.removeprefix("\ufeff")[:MAX_TEXT_CHARS]


def load_records(session: Session, tenant_id: str, document_ids: Iterable[str], *,
                 file_classes: FileClassRegistry, texts: TextCache) -> dict[str, DocumentRecord]:
    """The records of the tenant's live documents among ``document_ids`` (deleted and
    unknown ids are missing from the answer: they leave the index).

    One query per table, of the columns the index needs: building ORM entities took about
    a sixth of a rebuild (profiled, 20,000 documents)."""
    ids = list(document_ids)
    if not ids:
        return {}
    documents = session.execute(
        select(Document.id, Document.file_id, Document.type, Document.title, Document.index,
               Document.created_at, Document.current_version)
        .where(Document.tenant_id == tenant_id, Document.id.in_(ids),
               Document.deleted_at.is_(None))).all()
    if not documents:
        return {}
    files = {row.id: row for row in session.execute(
        select(CustomerFile.id, CustomerFile.file_class, CustomerFile.key, CustomerFile.title,
               CustomerFile.cover)
        .where(CustomerFile.id.in_({d.file_id for d in documents})))}
    places: dict[str, list[tuple[str, str, str]]] = {d.id: [] for d in documents}
    # the tenant is checked here, not in SQL (see documents_json: a scan of all its places)
    for doc_id, place_tenant, register_id, name, label in session.execute(
            select(DocumentRegister.document_id, DocumentRegister.tenant_id, Register.id,
                   Register.name, Register.label)
            .join(Register, Register.id == DocumentRegister.register_id)
            .where(DocumentRegister.document_id.in_(list(places)))):
        if place_tenant == tenant_id:
            places[doc_id].append((register_id, name, label))
    current = {d.id: d.current_version for d in documents}
    contents = {doc_id: (sha256, filename) for doc_id, number, sha256, filename
                in session.execute(select(Version.document_id, Version.number, Version.sha256,
                                          Version.filename)
                                   .where(Version.tenant_id == tenant_id,
                                          Version.document_id.in_(list(places))))
                if current[doc_id] == number}
    records: dict[str, DocumentRecord] = {}
    for doc_id, file_id, doc_type_name, title, index, created_at, _ in documents:
        file = files[file_id]
        file_class = file_classes.get(file.file_class)
        doc_type = file_class.document_types.get(doc_type_name) if file_class else None
        registers = places[doc_id]
        content = contents.get(doc_id)
        records[doc_id] = DocumentRecord(
            id=doc_id, file_id=file_id, file_class=file.file_class, file_key=file.key,
            file_title=file.title, cover=dict(file.cover or {}), type=doc_type_name,
            type_label=doc_type.label if doc_type else doc_type_name, title=title,
            index=dict(index or {}), register_ids=[r[0] for r in registers],
            register_names=[r[1] for r in registers],
            register_labels=[r[2] for r in registers], created_at=created_at,
            texts={"content": texts.text(*content) if content else ""})
    return records
