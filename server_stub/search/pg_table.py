"""What the PostgreSQL backend stores per document (migration 0006): one row with a
``tsvector`` of every searchable word, the values for filters and sort, title and body for
snippets.

The ``tsvector`` is built here, from :func:`viewer.words.words`, not by PostgreSQL's parser
(see :mod:`viewer.words`): both backends index the same words. A word is stored plain for the
free text, and once more behind a section mark for the fields a filter names — ``#t#`` title,
``#y#`` type, ``#r#`` register, ``#k#`` file, ``#f#<name>#`` an index or cover value — so
``title:pump`` is the lexeme ``#t#pump`` and ``number:INV-7`` the phrase
``'#f#number#inv' <-> '#f#number#7'``. A mark starts with ``#``, which no word does, so a
free-text prefix (``t*``) never reaches into a section. Title words carry weight A (rank).

PostgreSQL keeps word positions up to 16383 and at most 256 positions per word: the free
text comes last, so only phrases deep inside a very long body are affected.
"""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR

from viewer.query import FieldCatalogue
from viewer.words import words

from .records import DocumentRecord, numeric_value, value_text

__all__ = ["CURSORS", "DOCUMENTS", "FREE", "document_row", "field_mark", "lexeme"]

metadata = MetaData()

DOCUMENTS = Table(
    "search_documents", metadata,
    Column("tenant_id", String(36), primary_key=True),
    Column("doc_id", String(36), primary_key=True),
    Column("file_id", String(36), nullable=False),
    Column("file_class", String(64), nullable=False),
    Column("register_ids", ARRAY(String(36)), nullable=False),
    Column("register_names", ARRAY(Text), nullable=False),
    Column("type", String(64), nullable=False),
    Column("file_key", Text, nullable=False),
    Column("created_day", Float, nullable=False),
    Column("month", String(7), nullable=False),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("numbers", JSONB, nullable=False),
    Column("texts", JSONB, nullable=False),
    Column("words", TSVECTOR, nullable=False),
)

CURSORS = Table(
    "search_cursors", metadata,
    Column("tenant_id", String(36), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("fingerprint", String(64), nullable=False),
)

FREE = ""
TITLE, TYPE, REGISTER, FILE = "#t#", "#y#", "#r#", "#k#"
MAX_POSITION = 16383
MAX_POSITIONS_PER_WORD = 256


def field_mark(name: str) -> str:
    return f"#f#{_storable(name)}#"


def lexeme(text: str) -> str:
    """``text`` quoted as one lexeme of a ``tsvector`` or ``tsquery`` literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


class _Vector:
    """Lexemes with their positions (and weight A for the title's)."""

    def __init__(self) -> None:
        self.positions: dict[str, list[str]] = {}
        self.next = 1

    def add(self, mark: str, text: str, *, weight: str = "") -> None:
        for word in words(text):
            at = min(self.next, MAX_POSITION)
            found = self.positions.setdefault(mark + word, [])
            if len(found) < MAX_POSITIONS_PER_WORD and (not found or at != self._last(found)):
                found.append(f"{at}{weight}")
            self.next += 1
        self.next += 1  # no phrase across two values

    @staticmethod
    def _last(found: list[str]) -> int:
        return int(found[-1].rstrip("A"))

    def literal(self) -> str:
        return " ".join(f"{lexeme(word)}:{','.join(at)}" for word, at in self.positions.items())


def document_row(tenant_id: str, record: DocumentRecord,
                 catalogue: FieldCatalogue) -> dict[str, Any]:
    """The ``search_documents`` row of ``record``; ``words`` as a ``tsvector`` literal."""
    values = record.values()
    vector = _Vector()
    vector.add(TITLE, record.title)
    vector.add(TYPE, record.type_text)
    vector.add(REGISTER, record.register_text)
    vector.add(FILE, record.file_text)
    for name, value in values.items():
        vector.add(field_mark(name), value_text(value))
    vector.add(FREE, record.title, weight="A")
    vector.next -= 1  # the title continues into the rest of the free text, as in Tantivy
    vector.add(FREE, record.all_text.removeprefix(record.title))
    numbers: dict[str, float] = {}
    texts: dict[str, str] = {}
    for name, value in values.items():
        kind = catalogue.fields.get(name)
        if kind in ("number", "date"):
            number = numeric_value(kind, value)
            if number is not None and math.isfinite(number):  # jsonb has no infinity
                numbers[name] = number
        elif kind is not None:
            texts[name] = _storable(value_text(value).lower()[:200])
    return {
        "tenant_id": tenant_id, "doc_id": record.id, "file_id": record.file_id,
        "file_class": record.file_class, "register_ids": record.register_ids,
        "register_names": [n.lower() for n in record.register_names],
        "type": record.type.lower(), "file_key": record.file_key.lower(),
        "created_day": numeric_value("date", record.created_at) or 0.0,
        "month": record.created_at.strftime("%Y-%m"), "title": _storable(record.title),
        "body": _storable(record.body), "numbers": numbers, "texts": texts,
        "words": vector.literal()}


def _storable(text: str) -> str:
    """``text`` without NUL characters, which PostgreSQL's text and jsonb refuse."""
    return text.replace("\x00", "")
