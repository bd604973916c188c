"""The replica's search index, as SQL: made by replica migration 4 and for every new replica.

Triggers mark a document *pending* in the same transaction as any change that alters what it
is found by (its own row, its file's key, title, cover or registers, the end of the check-out,
the file classes). Nothing can change a document behind the index's back, whichever code path
(pull, outbox, resolve, check-in) or raw SQL makes the change; :mod:`sync.search_index` brings
pending documents up to date before every search, so a search never sees a stale row.

- ``search_rows``: one row per live document of a checked-out file: what field filters, sort
  and groups read (lower-cased type, file key and register names; month; created as a day
  number);
- ``search_values``: index and cover values by name, as a number (number and date fields) or
  lower-cased text (the others), for ranges and sort;
- ``search_words``: FTS5 over words already cut and folded in Python (:mod:`viewer.words`,
  Tantivy's analysis); the ``ascii`` tokenizer then splits exactly where Python put spaces.
  Its ``fields`` column holds every value's words prefixed by the field (``f<hex of the
  name>x<word>``), so ``number:"INV 7"`` is one phrase query on one column;
- ``search_texts``: the text extracted from each content (by SHA-256: it never changes);
  ``failures`` counts extractions that timed out or crashed the worker, tried again a few
  times (at later refreshes) before the content counts as one without text.
"""

from __future__ import annotations

__all__ = ["SEARCH_SCHEMA"]

_DOCUMENT_COLUMNS = "type, title, \"index\", registers, sha256, state, server_deleted, " \
                    "created_at, file_id"

SEARCH_SCHEMA: list[str] = [
    "CREATE TABLE IF NOT EXISTS search_pending (document_id VARCHAR(36) PRIMARY KEY) "
    "WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS search_rows (id INTEGER PRIMARY KEY, "
    "document_id VARCHAR(36) NOT NULL UNIQUE, file_id VARCHAR(36) NOT NULL, "
    "type TEXT NOT NULL, file_key TEXT NOT NULL, register_names TEXT NOT NULL, "
    "month TEXT NOT NULL, created REAL NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_search_rows_file ON search_rows (file_id)",
    "CREATE TABLE IF NOT EXISTS search_values (row_id INTEGER NOT NULL, name TEXT NOT NULL, "
    "number REAL, text TEXT, PRIMARY KEY (row_id, name))",
    "CREATE INDEX IF NOT EXISTS ix_search_values_number ON search_values (name, number)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_words USING fts5(everything, title, type_text, "
    "register_text, file_text, fields, tokenize='ascii')",
    "CREATE TABLE IF NOT EXISTS search_texts (sha256 VARCHAR(64) PRIMARY KEY, "
    "text TEXT NOT NULL, failures INTEGER NOT NULL DEFAULT 0)",
    "CREATE TRIGGER IF NOT EXISTS search_document_added AFTER INSERT ON documents BEGIN "
    "INSERT OR IGNORE INTO search_pending VALUES (new.id); END",
    f"CREATE TRIGGER IF NOT EXISTS search_document_changed AFTER UPDATE OF {_DOCUMENT_COLUMNS} "
    "ON documents BEGIN INSERT OR IGNORE INTO search_pending VALUES (new.id); "
    "INSERT OR IGNORE INTO search_pending VALUES (old.id); END",
    "CREATE TRIGGER IF NOT EXISTS search_document_removed AFTER DELETE ON documents BEGIN "
    "INSERT OR IGNORE INTO search_pending VALUES (old.id); END",
    "CREATE TRIGGER IF NOT EXISTS search_file_changed AFTER UPDATE OF key, title, cover, "
    "registers, checkout_id, file_class ON files BEGIN "
    "INSERT OR IGNORE INTO search_pending SELECT id FROM documents WHERE file_id = new.id; END",
    "CREATE TRIGGER IF NOT EXISTS search_file_removed AFTER DELETE ON files BEGIN "
    "INSERT OR IGNORE INTO search_pending SELECT document_id FROM search_rows "
    "WHERE file_id = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS search_classes_added AFTER INSERT ON meta "
    "WHEN new.name = 'file_classes' BEGIN "
    "INSERT OR IGNORE INTO search_pending SELECT id FROM documents; END",
    "CREATE TRIGGER IF NOT EXISTS search_classes_changed AFTER UPDATE ON meta "
    "WHEN new.name = 'file_classes' BEGIN "
    "INSERT OR IGNORE INTO search_pending SELECT id FROM documents; END",
]
