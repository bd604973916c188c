"""What a sync still owes the local side: contents to download, working copies to write.

Two small tables, kept by triggers in the same transaction as the document change that makes
the work due (made by replica migration 5 and for every new replica), so that whichever code
path changes a document — check-out, pull, check-in, outbox, resolve, raw SQL — and wherever
a process is killed, nothing is forgotten and a sync never has to look at every document to
find what is left to do:

- ``downloads_pending``: a document whose current content (``sha256``) may not be in the
  cache yet. A row comes with every new current content; it goes once that content is known
  to be stored (:func:`downloaded`, after the download, or :func:`cached` when the pull
  finds it was there already — a kill between storing and forgetting only costs one look
  at the cache next time).
- ``copies_due``: a document whose working copy may differ from what it should be: its
  content, title, file name, registers or state changed, or (while checked out) its file's
  registers, working folder or check-out did; the watcher adds the copies the user
  deleted. A row goes once ``materialise`` wrote (or checked) that copy, in the same
  transaction as its ``working_sha``; a copy whose content is still downloading stays due.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import text
from sqlalchemy.orm import Session

__all__ = ["DUE_SCHEMA", "FILL_DUE", "cached", "checked_at", "copies_due", "downloaded",
           "mark_checked", "mark_copies_due", "pending_downloads", "written"]

_COPY_COLUMNS = "sha256, title, filename, registers, state, file_id"

DUE_SCHEMA: list[str] = [
    "CREATE TABLE IF NOT EXISTS downloads_pending (document_id VARCHAR(36) PRIMARY KEY, "
    "file_id VARCHAR(36) NOT NULL, sha256 VARCHAR(64) NOT NULL) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS ix_downloads_pending_file ON downloads_pending (file_id)",
    "CREATE TABLE IF NOT EXISTS copies_due (document_id VARCHAR(36) PRIMARY KEY, "
    "file_id VARCHAR(36) NOT NULL) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS ix_copies_due_file ON copies_due (file_id)",
    # when the self-check last compared each file with the server (UTC, ISO; sync_pass.py)
    "CREATE TABLE IF NOT EXISTS self_checks (file_id VARCHAR(36) PRIMARY KEY, "
    "checked_at VARCHAR(40) NOT NULL) WITHOUT ROWID",
    # documents the pull fetches again once their queued changes went (few, looked up often)
    "CREATE INDEX IF NOT EXISTS ix_documents_stale ON documents (file_id) WHERE stale IS 1",
    "CREATE TRIGGER IF NOT EXISTS due_document_added AFTER INSERT ON documents BEGIN "
    "INSERT OR REPLACE INTO downloads_pending SELECT new.id, new.file_id, new.sha256 "
    "WHERE new.sha256 IS NOT NULL; "
    "INSERT OR REPLACE INTO copies_due VALUES (new.id, new.file_id); END",
    "CREATE TRIGGER IF NOT EXISTS due_content_changed AFTER UPDATE OF sha256, file_id "
    "ON documents WHEN old.sha256 IS NOT new.sha256 OR old.file_id IS NOT new.file_id BEGIN "
    "DELETE FROM downloads_pending WHERE document_id = old.id; "
    "INSERT INTO downloads_pending SELECT new.id, new.file_id, new.sha256 "
    "WHERE new.sha256 IS NOT NULL; END",
    f"CREATE TRIGGER IF NOT EXISTS due_copy_changed AFTER UPDATE OF {_COPY_COLUMNS} "
    "ON documents WHEN old.sha256 IS NOT new.sha256 OR old.title IS NOT new.title "
    "OR old.filename IS NOT new.filename OR old.registers IS NOT new.registers "
    "OR old.state IS NOT new.state OR old.file_id IS NOT new.file_id BEGIN "
    "INSERT OR REPLACE INTO copies_due VALUES (new.id, new.file_id); END",
    "CREATE TRIGGER IF NOT EXISTS due_document_removed AFTER DELETE ON documents BEGIN "
    "DELETE FROM downloads_pending WHERE document_id = old.id; "
    "DELETE FROM copies_due WHERE document_id = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS due_file_changed AFTER UPDATE OF registers, working_dir, "
    "checkout_id ON files WHEN (old.registers IS NOT new.registers "
    "OR old.working_dir IS NOT new.working_dir OR old.checkout_id IS NOT new.checkout_id) "
    "AND new.checkout_id IS NOT NULL AND new.working_dir IS NOT NULL "
    "BEGIN INSERT OR REPLACE INTO copies_due SELECT id, file_id FROM documents "
    "WHERE file_id = new.id; END",
]

#: Replica migration 5 also makes every existing document due once: the first sync after it
#: looks at each as every sync did before.
FILL_DUE: list[str] = [
    "INSERT OR REPLACE INTO downloads_pending SELECT id, file_id, sha256 FROM documents "
    "WHERE sha256 IS NOT NULL",
    "INSERT OR REPLACE INTO copies_due SELECT id, file_id FROM documents",
]

def pending_downloads(session: Session, file_id: str) -> list[tuple[str, int, str]]:
    """(document, version, sha256) of the file's live documents whose current content may
    not be cached yet."""
    rows = session.execute(text(
        "SELECT d.id, d.current_version, d.sha256 FROM downloads_pending p "
        "JOIN documents d ON d.id = p.document_id AND d.sha256 = p.sha256 "
        "WHERE p.file_id = :file AND d.state != 'deleted'"), {"file": file_id})
    return [(str(doc_id), int(number), str(sha)) for doc_id, number, sha in rows]


def cached(session: Session, contents: Iterable[tuple[str, str]]) -> None:
    """These (document, sha256) contents are in the cache: no longer pending."""
    pairs = [{"doc": doc_id, "sha": sha} for doc_id, sha in contents]
    if pairs:
        session.execute(text("DELETE FROM downloads_pending WHERE document_id = :doc "
                             "AND sha256 = :sha"), pairs)


def downloaded(session: Session, wanted: Iterable[tuple[str, int, str]]) -> None:
    """The contents of ``wanted`` (document, version, sha256) are all stored now."""
    cached(session, ((doc_id, sha) for doc_id, _number, sha in wanted))


def copies_due(session: Session, file_id: str) -> set[str]:
    """The file's documents whose working copies may need writing."""
    return {str(doc_id) for doc_id in session.scalars(text(
        "SELECT document_id FROM copies_due WHERE file_id = :file"), {"file": file_id})}


def written(session: Session, doc_ids: Collection[str]) -> None:
    """The working copies of ``doc_ids`` are as they should be."""
    if doc_ids:
        session.execute(text("DELETE FROM copies_due WHERE document_id = :doc"),
                        [{"doc": doc_id} for doc_id in doc_ids])


def mark_copies_due(session: Session, file_id: str, doc_ids: Iterable[str]) -> None:
    """Write these working copies again at the next sync (e.g. the user deleted them)."""
    rows = [{"doc": doc_id, "file": file_id} for doc_id in doc_ids]
    if rows:
        session.execute(text("INSERT OR REPLACE INTO copies_due VALUES (:doc, :file)"), rows)


def checked_at(session: Session, file_id: str) -> str | None:
    """When the self-check last ran for the file (UTC, ISO), ``None``: never."""
    value = session.scalar(text("SELECT checked_at FROM self_checks WHERE file_id = :file"),
                           {"file": file_id})
    return None if value is None else str(value)


def mark_checked(session: Session, file_id: str, when: str) -> None:
    session.execute(text("INSERT OR REPLACE INTO self_checks VALUES (:file, :when)"),
                    {"file": file_id, "when": when})
