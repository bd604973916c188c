"""Local actions: each writes the replica change and its outbox operation in one transaction.

All functions here work offline. They raise ``UsageError`` for input the user must correct
(unknown document, register, type or field; a value that does not fit its field, a required
one missing: ``fields.FieldRefused`` names the field) and may be called from any thread.
"""

from __future__ import annotations

import errno
import hashlib
import mimetypes
import os
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .errors import UsageError
from .faults import checkpoint
from .fields import check_values, cover_fields, document_fields
from .operations import QUEUED, OpKind, OpState
from .replica import LocalDocument, LocalFile, LocalVersion, OutboxOp, Replica, utcnow
from .working_folder import remove_untouched

__all__ = ["add_document", "checked_out_file", "delete_document", "enqueue", "ingest_content",
           "new_version", "queue_again", "queued_behind", "register_id", "set_index",
           "update_cover"]

CHUNK = 1024 * 1024


def ingest_content(replica: Replica, source: Path) -> tuple[str, int]:
    """Copy ``source`` into the content cache, hashing on the way; returns (sha256, size)."""
    digest = hashlib.sha256()
    size = 0
    fd, tmp = tempfile.mkstemp(dir=replica.cache_dir, prefix="in-")
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        target = replica.cache_path(digest.hexdigest())
        target.parent.mkdir(parents=True, exist_ok=True)
        checkpoint("outbox.ingest.before_replace")
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"cannot read {source}: {exc.strerror}") from exc
    checkpoint("outbox.ingest.after_replace")
    return digest.hexdigest(), size


def enqueue(session: Session, *, file_id: str, kind: OpKind, payload: dict[str, Any],
            document_id: str | None = None) -> OutboxOp:
    op = OutboxOp(op_id=str(uuid.uuid4()), file_id=file_id, document_id=document_id, kind=kind,
                  payload=payload, state=OpState.PENDING, created_at=utcnow().isoformat())
    session.add(op)
    return op


def queued_behind(session: Session, op: OutboxOp) -> list[OutboxOp]:
    """The operations still queued for ``op``'s document after it, in their order."""
    return list(session.scalars(select(OutboxOp).where(
        OutboxOp.document_id == op.document_id, OutboxOp.seq > op.seq,
        OutboxOp.state.in_(QUEUED)).order_by(OutboxOp.seq)))


def queue_again(session: Session, ops: list[OutboxOp]) -> None:
    """Send ``ops`` again after what is queued now, in their order, each with a new op_id
    (the old ones have their results on the server); the old rows are done."""
    for queued in ops:
        queued.state = OpState.DONE
        session.add(OutboxOp(op_id=str(uuid.uuid4()), file_id=queued.file_id,
                             document_id=queued.document_id, kind=queued.kind,
                             payload=dict(queued.payload), state=OpState.PENDING,
                             created_at=utcnow().isoformat()))
        session.flush()


def checked_out_file(session: Session, key: str) -> LocalFile:
    """The checked-out file with number ``key``; ``UsageError`` when it is not checked out."""
    file = session.scalar(select(LocalFile).where(LocalFile.key == key))
    if file is None or file.checkout_id is None:
        raise UsageError(f"file {key} is not checked out")
    return file


def _document(session: Session, doc_id: str) -> LocalDocument:
    doc = session.get(LocalDocument, doc_id)
    if doc is None or doc.state == "deleted":
        raise UsageError(f"no document {doc_id} in the checked-out files")
    return doc


def register_id(file: LocalFile, ref: str) -> str:
    """The id of the file's register named by id, name or label; ``UsageError`` if none."""
    for register in file.registers:
        if ref in (register["id"], register["name"], register["label"]):
            return str(register["id"])
    raise UsageError(f"file {file.key} has no register {ref}")


def add_document(replica: Replica, *, key: str, path: Path, register: str, doc_type: str,
                 title: str | None = None, index: dict[str, Any] | None = None) -> str:
    """File a new document from ``path``; returns its id (chosen here, kept by the server)."""
    with replica.transaction() as session:  # refused before the content is copied
        file = checked_out_file(session, key)
        register_id(file, register)
        fields = document_fields(session, file.file_class, doc_type)
        if fields is not None:
            index = check_values(fields, index or {})
    sha, size = ingest_content(replica, path)
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix.lower() == ".eml":
        media_type = "message/rfc822"
    doc_id = str(uuid.uuid4())
    with replica.transaction() as session:
        file = checked_out_file(session, key)
        register = register_id(file, register)
        now = utcnow().isoformat()
        doc = LocalDocument(id=doc_id, file_id=file.id, type=doc_type, title=title or path.stem,
                            index=dict(index or {}), registers=[register], etag=None,
                            current_version=1, sha256=sha, filename=path.name,
                            media_type=media_type, base={}, state="new", created_at=now,
                            updated_at=now)
        session.add(doc)
        session.add(LocalVersion(document_id=doc_id, number=1, sha256=sha, size=size,
                                 media_type=media_type, filename=path.name, created_at=now,
                                 pending=True))
        enqueue(session, file_id=file.id, document_id=doc_id, kind=OpKind.CREATE_DOCUMENT, payload={
            "id": doc_id, "type": doc_type, "title": doc.title, "registers": [register],
            "index": doc.index, "content": {"sha256": sha, "filename": path.name,
                                            "media_type": media_type}})
        checkpoint("outbox.add_document.before_commit")
    checkpoint("outbox.add_document.after_commit")
    return doc_id


def set_index(replica: Replica, doc_id: str, changes: dict[str, Any], *,
              title: str | None = None, registers: list[str] | None = None) -> None:
    """Change index values, the title and (given all of them) the registers the document
    sits in; a register is named by id or name."""
    with replica.transaction() as session:
        doc = _document(session, doc_id)
        file = session.get(LocalFile, doc.file_id)
        assert file is not None
        fields = document_fields(session, file.file_class, doc.type)
        if fields is not None:
            changes = check_values(fields, changes, partial=True)
        if title is not None and not title.strip():
            raise UsageError("a document needs a title")
        doc.index = {k: v for k, v in {**doc.index, **changes}.items() if v is not None}
        body: dict[str, Any] = {"index": changes}
        if title is not None:
            doc.title = title
            body["title"] = title
        if registers is not None:
            wanted = {register_id(file, ref) for ref in registers}
            if not wanted:
                raise UsageError("a document stays in one register at least")
            body["registers"] = {"add": sorted(wanted - set(doc.registers)),
                                 "remove": sorted(set(doc.registers) - wanted)}
            doc.registers = sorted(wanted)
        doc.state = "new" if doc.state == "new" else "modified"
        doc.updated_at = utcnow().isoformat()
        enqueue(session, file_id=doc.file_id, document_id=doc.id, kind=OpKind.UPDATE_DOCUMENT,
                payload={"document_id": doc.id, "changes": body})
        checkpoint("outbox.set_index.before_commit")
    checkpoint("outbox.set_index.after_commit")


def new_version(replica: Replica, doc_id: str, path: Path, *, comment: str = "",
                working_copy: bool = False) -> int:
    """Save ``path`` as the document's next version; returns its local number.
    ``working_copy``: ``path`` is a snapshot of the working copy, which holds that version
    now."""
    sha, size = ingest_content(replica, path)
    with replica.transaction() as session:
        doc = _document(session, doc_id)
        if sha == doc.sha256:
            return doc.current_version  # the same content is no new version
        doc.current_version += 1
        doc.sha256 = sha
        if working_copy:
            doc.working_sha = sha
        doc.filename = path.name
        doc.state = "new" if doc.state == "new" else "modified"
        now = utcnow().isoformat()
        doc.updated_at = now
        session.add(LocalVersion(document_id=doc.id, number=doc.current_version, sha256=sha,
                                 size=size, media_type=doc.media_type, filename=path.name,
                                 created_at=now, comment=comment, pending=True))
        enqueue(session, file_id=doc.file_id, document_id=doc.id, kind=OpKind.NEW_VERSION,
                payload={"document_id": doc.id, "comment": comment,
                         "content": {"sha256": sha, "filename": path.name,
                                     "media_type": doc.media_type}})
        checkpoint("outbox.new_version.before_commit")
        number = doc.current_version
    checkpoint("outbox.new_version.after_commit")
    return number


def delete_document(replica: Replica, doc_id: str) -> None:
    """Queue the deletion; the working copy goes too unless the user edited it (a deletion
    the server refuses brings the document and its working copy back at the next sync)."""
    with replica.transaction() as session:
        doc = _document(session, doc_id)
        doc.state = "deleted"
        doc.updated_at = utcnow().isoformat()
        enqueue(session, file_id=doc.file_id, document_id=doc.id, kind=OpKind.DELETE_DOCUMENT,
                payload={"document_id": doc.id})
        copy = (doc.working_path, doc.working_sha)
        checkpoint("outbox.delete_document.before_commit")
    checkpoint("outbox.delete_document.after_commit")
    remove_untouched([copy])


def update_cover(replica: Replica, key: str, changes: dict[str, Any]) -> None:
    with replica.transaction() as session:
        file = checked_out_file(session, key)
        fields = cover_fields(session, file.file_class)
        if fields is not None:
            changes = check_values(fields, changes, partial=True)
        file.cover = {k: v for k, v in {**file.cover, **changes}.items() if v is not None}
        enqueue(session, file_id=file.id, kind=OpKind.UPDATE_COVER,
                payload={"changes": {"cover": changes}})
        checkpoint("outbox.update_cover.before_commit")
    checkpoint("outbox.update_cover.after_commit")


def copy_out(replica: Replica, sha256: str, target: Path) -> None:
    """Write cached content to ``target`` (a working copy or an export), all or nothing: a
    half-written working copy would later look like the user's edit of the document.

    One copy of the bytes where the file system can share them: a reflink (``FICLONE``,
    Btrfs, XFS, bcachefs) is copy-on-write, so an edit of the working copy never reaches the
    cached version. Elsewhere (ext4, tmpfs) the kernel copies (``copy_file_range``, else
    ``sendfile``) without the bytes passing through Python. Never a hard link: an editor that
    saves in place would change the cached version, the base of every merge."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".dossier-{uuid.uuid4().hex}.tmp"  # hidden, the watcher ignores it
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
    try:
        with os.fdopen(fd, "wb") as out, replica.cache_path(sha256).open("rb") as src:
            clone_or_copy(src.fileno(), out.fileno())
            checkpoint("outbox.copy_out.before_replace")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: ``ioctl(dest, FICLONE, src)`` of Linux: the destination shares the source's extents
FICLONE = 0x40049409
_clone_works = sys.platform == "linux"


def clone_or_copy(source: int, dest: int) -> str:
    """Copy the whole open file ``source`` into the empty open file ``dest``; returns how
    (``reflink``, ``copy_file_range``, ``sendfile``, ``read``). Raises ``OSError``."""
    global _clone_works
    if _clone_works:
        import fcntl  # Linux only, like the reflink itself

        try:
            fcntl.ioctl(dest, FICLONE, source)
            return "reflink"
        except OSError as exc:
            if exc.errno not in _NO_CLONE:
                raise
            if exc.errno in (errno.ENOTTY, errno.ENOSYS):
                _clone_works = False  # the kernel cannot, on any file system
    size = os.fstat(source).st_size
    for name, copy in (("copy_file_range", getattr(os, "copy_file_range", None)),
                       ("sendfile", getattr(os, "sendfile", None))):
        if copy is None:
            continue
        done = 0
        try:
            while done < size:
                sent = (copy(source, dest, size - done, done, done) if name == "copy_file_range"
                        else os.sendfile(dest, source, done, size - done))
                if sent == 0:
                    break
                done += sent
        except OSError as exc:
            if exc.errno not in _NO_CLONE or done:
                raise
            continue
        if name == "sendfile":
            os.lseek(dest, done, os.SEEK_SET)
        if done == size:
            return name
        raise OSError(errno.EIO, "the cached content shrank while it was copied")
    os.lseek(source, 0, os.SEEK_SET)
    while chunk := os.read(source, CHUNK):
        view = memoryview(chunk)
        while view:
            view = view[os.write(dest, view):]
    return "read"


#: errors that say "not this way here" (another way may work)
_NO_CLONE = {errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EINVAL, errno.ENOTTY,
             errno.ENOSYS}
