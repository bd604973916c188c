"""``dossier add|set-index|set-cover|new-version|delete|resolve``: local changes, saved in the
replica and the outbox at once and sent by the sync each of them tries right after."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import outbox
from .cli_output import queued, texts
from .errors import UsageError
from .fields import cover_fields, document_fields, parse_values
from .operations import OpKind
from .replica import Conflict, LocalDocument, LocalFile, OutboxOp
from .resolve import resolve

if TYPE_CHECKING:
    from .cli_context import Context

__all__ = ["cmd_add", "cmd_delete", "cmd_new_version", "cmd_resolve", "cmd_set_cover",
           "cmd_set_index"]


def _index_values(ctx: Context, pairs: list[str], *, key: str | None = None,
                  doc_type: str | None = None, doc_id: str | None = None) -> dict[str, Any]:
    """Typed index values of a document type, named by the file and type or the document."""
    typed = texts(pairs)
    with ctx.replica.transaction() as session:
        if doc_id is not None:
            doc = session.get(LocalDocument, doc_id)
            if doc is None or doc.state == "deleted":
                raise UsageError(f"no document {doc_id} in the checked-out files")
            file = session.get(LocalFile, doc.file_id)
            assert file is not None
            doc_type = doc.type
        else:
            assert key is not None
            file = outbox.checked_out_file(session, key)
        assert doc_type is not None
        return parse_values(document_fields(session, file.file_class, doc_type), typed)


def cmd_add(ctx: Context) -> int:
    path = Path(ctx.args.path)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    index = _index_values(ctx, ctx.args.index, key=ctx.args.file, doc_type=ctx.args.type)
    doc_id = outbox.add_document(ctx.replica, key=ctx.args.file, path=path,
                                 register=ctx.args.register, doc_type=ctx.args.type,
                                 title=ctx.args.title, index=index)
    print(doc_id)
    queued(ctx, "document added")
    return 0


def _registers_wanted(ctx: Context, doc_id: str) -> list[str] | None:
    """The registers the document should sit in after ``--register`` (exactly these),
    ``--add-register`` and ``--remove-register``; ``None`` when none was given."""
    args = ctx.args
    if not (args.register or args.add_register or args.remove_register):
        return None
    with ctx.replica.transaction() as session:
        doc = session.get(LocalDocument, doc_id)
        if doc is None or doc.state == "deleted":
            raise UsageError(f"no document {doc_id} in the checked-out files")
        file = session.get(LocalFile, doc.file_id)
        assert file is not None
        def ids(refs: list[str]) -> set[str]:
            return {outbox.register_id(file, ref) for ref in refs}

        wanted = ids(args.register) if args.register else set(doc.registers)
    return sorted((wanted | ids(args.add_register)) - ids(args.remove_register))


def cmd_set_index(ctx: Context) -> int:
    args = ctx.args
    registers = _registers_wanted(ctx, args.doc_id)
    if not args.values and args.title is None and registers is None:
        raise UsageError("nothing to change: give FIELD=VALUE, --title or a register option")
    values = _index_values(ctx, args.values, doc_id=args.doc_id)
    outbox.set_index(ctx.replica, args.doc_id, values, title=args.title, registers=registers)
    only_values = args.title is None and registers is None
    queued(ctx, "index values changed" if only_values else "document changed")
    return 0


def cmd_set_cover(ctx: Context) -> int:
    typed = texts(ctx.args.values)
    with ctx.replica.transaction() as session:
        file = outbox.checked_out_file(session, ctx.args.key)
        values = parse_values(cover_fields(session, file.file_class), typed)
    outbox.update_cover(ctx.replica, ctx.args.key, values)
    queued(ctx, "cover changed")
    return 0


def cmd_new_version(ctx: Context) -> int:
    path = Path(ctx.args.path)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    number = outbox.new_version(ctx.replica, ctx.args.doc_id, path, comment=ctx.args.comment)
    queued(ctx, f"version {number} saved")
    return 0


def cmd_delete(ctx: Context) -> int:
    outbox.delete_document(ctx.replica, ctx.args.doc_id)
    queued(ctx, "document deleted")
    return 0


def cmd_resolve(ctx: Context) -> int:
    per_field = {}
    for pair in ctx.args.field:
        name, _, choice = pair.partition("=")
        if not name or choice not in ("mine", "theirs"):
            raise UsageError(f"expected NAME=mine or NAME=theirs, got {pair!r}")
        per_field[name if "." in name or name == "title" else f"index.{name}"] = choice
    if per_field:
        with ctx.replica.transaction() as session:
            conflict = session.get(Conflict, ctx.args.conflict_id)
            fields = list(conflict.fields) if conflict is not None else []
        unknown = [name for name in per_field if conflict is not None and name not in fields]
        if unknown:
            raise UsageError(f"conflict {ctx.args.conflict_id} has no field {unknown[0]} "
                             f"(its fields: {', '.join(fields) or 'none'})")
    corrections: dict[str, Any] = {}
    if ctx.args.set:
        corrections = _corrections(ctx, ctx.args.conflict_id, ctx.args.set)
    done = resolve(ctx.replica, ctx.args.conflict_id, ctx.args.keep, per_field=per_field,
                   corrections=corrections)
    if done.get("rescued"):
        print(f"the dropped content is kept in {done['rescued']}")
    queued(ctx, "conflict resolved")
    return 0


def _corrections(ctx: Context, conflict_id: int, pairs: list[str]) -> dict[str, Any]:
    """Typed corrected values for a refused change, by the fields of what it changes."""
    typed = texts(pairs)
    with ctx.replica.transaction() as session:
        conflict = session.get(Conflict, conflict_id)
        op = session.get(OutboxOp, conflict.op_seq) if conflict and conflict.op_seq else None
        if conflict is None or op is None or conflict.kind != "rejected":
            raise UsageError(f"conflict {conflict_id} is no refused change to correct")
        file = session.get(LocalFile, op.file_id)
        assert file is not None
        if op.kind == OpKind.UPDATE_COVER:
            fields = cover_fields(session, file.file_class)
        else:
            doc = session.get(LocalDocument, op.document_id)
            doc_type = str(op.payload.get("type") or (doc.type if doc else ""))
            fields = document_fields(session, file.file_class, doc_type)
        return parse_values(fields, typed)
