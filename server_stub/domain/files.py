"""Customer files: creation from a file class, cover sheet, register tree."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..fields import FieldError, validate_values
from ..fileclasses import FileClass, RegisterDef
from ..journal import record_audit, record_change
from ..orm import CustomerFile, Register, etag_of, utcnow
from ..problems import Problem
from ..rights import Actor
from .locks import require_unlocked

__all__ = ["add_register", "create_file", "field_problem", "file_etag", "get_file",
           "search_text_of", "update_file"]


def file_etag(file: CustomerFile) -> str:
    return etag_of(file.id, file.row_version)


def search_text_of(*parts: Any) -> str:
    """Lower-cased text that the simple ``q`` filter matches against."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, dict):
            out.extend(str(v) for v in part.values() if v is not None)
        elif part is not None:
            out.append(str(part))
    return " ".join(out).lower()


def field_problem(exc: FieldError, prefix: str) -> Problem:
    return Problem(422, "validation", f"{prefix}{exc.field}: {exc.reason}",
                   field=f"{prefix}{exc.field}", reason=exc.reason)


def _add_registers(session: Session, file: CustomerFile, defs: tuple[RegisterDef, ...],
                   parent_id: str | None) -> None:
    for position, spec in enumerate(defs):
        register = Register(tenant_id=file.tenant_id, file_id=file.id, parent_id=parent_id,
                            name=spec.name, label=spec.label, position=position)
        session.add(register)
        session.flush()
        _add_registers(session, file, spec.children, register.id)


def create_file(session: Session, actor: Actor, file_class: FileClass, *, key: str, title: str,
                cover: dict[str, Any]) -> CustomerFile:
    if not (actor.tenant_wide("create")
            or file_class.name in actor.scopes("create", "file_class")):
        raise Problem(403, "forbidden", "you may not create files of this class")
    try:
        cleaned = validate_values(file_class.cover_fields, cover)
    except FieldError as exc:
        raise field_problem(exc, "cover.") from exc
    file = CustomerFile(tenant_id=actor.tenant_id, file_class=file_class.name, key=key,
                        title=title, cover=cleaned, created_by=actor.username,
                        search_text=search_text_of(key, title, cleaned))
    session.add(file)
    try:
        session.flush()
    except IntegrityError as exc:
        raise Problem(409, "duplicate-key", f"a file with key {key} exists already",
                      field="key") from exc
    _add_registers(session, file, file_class.registers, None)
    record_change(session, actor.tenant_id, object="file", id=file.id, op="created",
                  etag=file_etag(file), file_id=file.id)
    record_audit(session, actor.tenant_id, actor=actor.username, action="create", object=file.id,
                 details={"kind": "file", "key": key})
    return file


def get_file(session: Session, actor: Actor, file_id: str | None = None, *,
             key: str | None = None, for_update: bool = False) -> CustomerFile:
    """The file if the user may read something of it, else 404 (also for other tenants).

    ``for_update`` takes the file's row lock with the same query (what
    :func:`.locks.lock_file_row` takes; SQLite's writers queue anyway)."""
    query = select(CustomerFile).where(CustomerFile.tenant_id == actor.tenant_id,
                                       actor.file_filter(session))
    query = query.where(CustomerFile.id == file_id) if file_id else query.where(
        CustomerFile.key == key)
    if for_update:
        query = query.with_for_update(of=CustomerFile)
    file = session.scalar(query)
    if file is None:
        raise Problem(404, "not-found", "no such file")
    return file


def update_file(session: Session, actor: Actor, file_class: FileClass, file: CustomerFile, *,
                title: str | None, cover: dict[str, Any] | None) -> CustomerFile:
    if not actor.allows(session, "edit_index", file=file):
        raise Problem(403, "forbidden", "you may not edit this file's cover sheet")
    require_unlocked(session, actor, file.id)
    if cover:
        try:
            changes = validate_values(file_class.cover_fields, cover, partial=True)
        except FieldError as exc:
            raise field_problem(exc, "cover.") from exc
        file.cover = {**file.cover, **changes}
    if title is not None:
        file.title = title
    file.row_version += 1
    file.updated_at = utcnow()
    file.search_text = search_text_of(file.key, file.title, file.cover)
    session.flush()
    record_change(session, actor.tenant_id, object="file", id=file.id, op="updated",
                  etag=file_etag(file), file_id=file.id)
    record_audit(session, actor.tenant_id, actor=actor.username, action="update",
                 object=file.id, details={"title": title, "cover": sorted(cover or {})})
    return file


def add_register(session: Session, actor: Actor, file: CustomerFile, *, parent_id: str | None,
                 name: str, label: str | None) -> Register:
    if not actor.allows(session, "create", file=file):
        raise Problem(403, "forbidden", "you may not add registers to this file")
    if parent_id is not None and not any(r.id == parent_id for r in file.registers):
        raise Problem(422, "validation", "parent_id: no such register in this file",
                      field="parent_id")
    require_unlocked(session, actor, file.id, [parent_id] if parent_id else [])
    if any(r.name == name for r in file.registers):
        raise Problem(409, "duplicate-register", f"the file has a register {name} already",
                      field="name")
    siblings = [r for r in file.registers if r.parent_id == parent_id]
    register = Register(tenant_id=file.tenant_id, file_id=file.id, parent_id=parent_id,
                        name=name, label=label or name, position=len(siblings))
    session.add(register)
    session.flush()
    file.registers.append(register)
    record_change(session, actor.tenant_id, object="register", id=register.id, op="created",
                  file_id=file.id)
    record_audit(session, actor.tenant_id, actor=actor.username, action="create",
                 object=register.id, details={"kind": "register", "file": file.id, "name": name})
    return register
