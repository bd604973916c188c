"""``dossier <command>``: the sync engine on the command line, for power users and scripts.

Exit codes: 0 success, 1 failure (one readable line on stderr), 2 bad usage. Offline, every
command that can work on the replica works and says that its change is queued.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from . import outbox
from .cli_context import Context, ask_password
from .cli_search import add_search_parser, cmd_search
from .credentials import forget_tokens, load_tokens, store_tokens
from .engine import SyncReport
from .errors import AuthError, Offline, ReplicaDamaged, SyncError, UsageError
from .fields import cover_fields, document_fields, parse_values
from .operations import QUEUED, OpKind
from .remote import RemoteClient
from .replica import LocalDocument, LocalFile, Replica
from .resolve import resolve

__all__ = ["COMMANDS", "main"]

log = logging.getLogger(__name__)


def _out(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    else:
        print(text)


def _queued(ctx: Context, what: str) -> None:
    """The local change is saved; try to send it at once. Offline it simply waits in the
    outbox. Whatever goes wrong in that sync, the change stays saved and the command
    succeeds: the failure is reported on its own line (a user who saw "failed" would make
    the change again, twice)."""
    if ctx.args.offline or not ctx.reachable():
        print(f"{what}; queued (offline)")
        return
    try:
        report = ctx.engine.sync()
    except Offline:
        print(f"{what}; queued (offline)")
        return
    except AuthError as exc:
        print(f"{what}; queued, not sent: {exc}")
        return
    except Exception as exc:
        log.debug("sync after a local change failed", exc_info=True)
        print(f"{what}; saved and queued")
        print(f"dossier: the change is saved, but the sync failed: {exc or type(exc).__name__}",
              file=sys.stderr)
        return
    if report.offline:
        print(f"{what}; queued (offline)")
    elif report.conflicts:
        print(f"{what}; synced, but {report.conflicts} conflict(s) need a decision "
              "(dossier conflicts)")
    else:
        print(f"{what}; synced")
    _print_decisions(report)


_DECISIONS = {
    "restored": "your edit of {title} ({doc}) kept: it was deleted on the server and is "
                "restored",
    "recreated": "your edit of {title} ({doc}) kept as a new document {new}: it was deleted "
                 "on the server and could not be restored",
    "kept_their_edit": "your deletion of {title} ({doc}) undone: it was changed on the server "
                       "meanwhile",
}


def _print_decisions(report: SyncReport) -> None:
    """Say what the rules decided on their own in this sync, and what was repaired."""
    for decision in report.decisions:
        text = _DECISIONS.get(str(decision["decision"]), "{doc}: " + str(decision["decision"]))
        print("decided: " + text.format(title=repr(decision["title"]),
                                        doc=decision["document_id"],
                                        new=decision.get("new_document")))
    if report.repaired:
        print(f"repaired: {len(report.repaired)} document(s) differed from the server and "
              "were fetched again")


def cmd_login(ctx: Context) -> int:
    args = ctx.args
    url = args.url.rstrip("/")
    remote = RemoteClient(url)
    try:
        tokens = remote.login(args.user, ask_password(args, f"Password for {args.user}: "),
                              args.tenant)
        me = remote.signed_in_user()
    finally:
        remote.close()
    ctx.profile.server_url, ctx.profile.username = url, args.user
    ctx.profile.tenant = me.tenant_name or args.tenant or ""
    ctx.profile.save()
    stored = store_tokens(url, args.user, tokens)
    print(f"logged in to {url} as {args.user}" + ("" if stored else
          " (no keyring: you will be asked for the password again)"))
    return 0


def cmd_logout(ctx: Context) -> int:
    ctx.require_login()
    tokens = load_tokens(ctx.profile.server_url, ctx.profile.username)
    if tokens is not None:
        remote = RemoteClient(ctx.profile.server_url, tokens=tokens)
        try:
            remote.logout()
        except SyncError:
            pass  # offline: forgetting locally is what matters
        finally:
            remote.close()
    forget_tokens(ctx.profile.server_url, ctx.profile.username)
    print("logged out")
    return 0


def cmd_files(ctx: Context) -> int:
    try:
        files = ctx.engine.remote.files(ctx.args.query)
        rows = [{"id": f.id, "key": f.key, "title": f.title} for f in files]
    except Offline:
        local = ctx.engine.checked_out() if ctx._engine else _local_files(ctx)
        rows = [{"id": f.id, "key": f.key, "title": f.title} for f in local
                if not ctx.args.query or ctx.args.query.lower() in f"{f.key} {f.title}".lower()]
        print("offline: showing checked-out files only", file=sys.stderr)
    _out(ctx.args, rows, "\n".join(f"{r['key']}\t{r['title']}" for r in rows))
    return 0


def _local_files(ctx: Context) -> list[LocalFile]:
    from sqlalchemy import select

    with ctx.replica.transaction() as session:
        return list(session.scalars(select(LocalFile).where(LocalFile.checkout_id.is_not(None))))


def cmd_checkout(ctx: Context) -> int:
    result = ctx.engine.checkout(ctx.args.key, exclusive=ctx.args.exclusive,
                                 registers=ctx.args.register or None)
    _out(ctx.args, result, f"checked out {result['key']} ({result['documents']} documents, "
         f"{result['mode']})")
    return 0


def cmd_checkouts(ctx: Context) -> int:
    rows = [{"key": f.key, "title": f.title, "mode": f.mode, "checkout_id": f.checkout_id,
             "working_dir": f.working_dir, "last_sync": f.last_sync}
            for f in _local_files(ctx)]
    _out(ctx.args, rows, "\n".join(f"{r['key']}\t{r['mode']}\t{r['title']}" for r in rows))
    return 0


def _texts(pairs: list[str]) -> dict[str, str]:
    """``FIELD=VALUE`` pairs as typed; the value's type comes from the field (``fields``)."""
    texts: dict[str, str] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"expected FIELD=VALUE, got {pair!r}")
        texts[name.strip()] = raw
    return texts


def _index_values(ctx: Context, pairs: list[str], *, key: str | None = None,
                  doc_type: str | None = None, doc_id: str | None = None) -> dict[str, Any]:
    """Typed index values of a document type, named by the file and type or the document."""
    texts = _texts(pairs)
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
        return parse_values(document_fields(session, file.file_class, doc_type), texts)


def cmd_add(ctx: Context) -> int:
    path = Path(ctx.args.path)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    index = _index_values(ctx, ctx.args.index, key=ctx.args.file, doc_type=ctx.args.type)
    doc_id = outbox.add_document(ctx.replica, key=ctx.args.file, path=path,
                                 register=ctx.args.register, doc_type=ctx.args.type,
                                 title=ctx.args.title, index=index)
    print(doc_id)
    _queued(ctx, "document added")
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
    _queued(ctx, "index values changed" if only_values else "document changed")
    return 0


def cmd_set_cover(ctx: Context) -> int:
    texts = _texts(ctx.args.values)
    with ctx.replica.transaction() as session:
        file = outbox.checked_out_file(session, ctx.args.key)
        values = parse_values(cover_fields(session, file.file_class), texts)
    outbox.update_cover(ctx.replica, ctx.args.key, values)
    _queued(ctx, "cover changed")
    return 0


def cmd_new_version(ctx: Context) -> int:
    path = Path(ctx.args.path)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    number = outbox.new_version(ctx.replica, ctx.args.doc_id, path, comment=ctx.args.comment)
    _queued(ctx, f"version {number} saved")
    return 0


def cmd_delete(ctx: Context) -> int:
    outbox.delete_document(ctx.replica, ctx.args.doc_id)
    _queued(ctx, "document deleted")
    return 0


def cmd_sync(ctx: Context) -> int:
    if ctx.args.offline:
        raise UsageError("sync needs the server; leave out --offline")
    report = ctx.engine.sync()
    data = asdict(report) if is_dataclass(report) else {}
    _out(ctx.args, data, ("offline: changes stay queued" if report.offline else
                          f"synced {report.files} file(s): {report.applied} applied, "
                          f"{report.conflicts} conflict(s)"))
    if not ctx.args.json:
        _print_decisions(report)
    return 0


def cmd_status(ctx: Context) -> int:
    from sqlalchemy import func, select

    from .replica import Conflict, OutboxOp

    with ctx.replica.transaction() as session:
        pending = session.scalar(select(func.count()).select_from(OutboxOp).where(
            OutboxOp.state.in_(QUEUED))) or 0
        conflicts = session.scalar(select(func.count()).select_from(Conflict).where(
            Conflict.state == "open")) or 0
        files = [f.key for f in session.scalars(select(LocalFile).where(
            LocalFile.checkout_id.is_not(None)))]
    data = {"server": ctx.profile.server_url, "user": ctx.profile.username,
            "checked_out": files, "pending": pending, "conflicts": conflicts}
    _out(ctx.args, data, f"{ctx.profile.username}@{ctx.profile.server_url}: "
         f"{len(files)} checked out, {pending} pending, {conflicts} conflict(s)")
    return 0


def cmd_conflicts(ctx: Context) -> int:
    from sqlalchemy import select

    from .conflicts import conflict_of
    from .operations import ConflictKind, ConflictState
    from .replica import Conflict

    with ctx.replica.transaction() as session:
        conflicts = [conflict_of(row) for row in session.scalars(select(Conflict).where(
            (Conflict.state == ConflictState.OPEN)
            | ((Conflict.state == ConflictState.RESOLVED)
               & (Conflict.kind == ConflictKind.DELETED))).order_by(Conflict.id))]
    rows = [{"id": c.id, "kind": c.kind, "document_id": c.document_id, "fields": c.fields,
             "detail": c.detail, "mine": c.mine, "theirs": c.theirs, "base": c.base,
             "state": c.state, "resolution": c.resolution, "automatic": c.automatic}
            for c in conflicts]
    _out(ctx.args, rows, "\n".join(
        f"{r['id']}\t{r['kind']}\t{r['document_id']}\t"
        + (f"decided: {r['resolution']}" if r["automatic"] else str(r["fields"]))
        for r in rows))
    return 0


def cmd_resolve(ctx: Context) -> int:
    per_field = {}
    for pair in ctx.args.field:
        name, _, choice = pair.partition("=")
        if not name or choice not in ("mine", "theirs"):
            raise UsageError(f"expected NAME=mine or NAME=theirs, got {pair!r}")
        per_field[name if "." in name or name == "title" else f"index.{name}"] = choice
    if per_field:
        from .replica import Conflict

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
    _queued(ctx, "conflict resolved")
    return 0


def _corrections(ctx: Context, conflict_id: int, pairs: list[str]) -> dict[str, Any]:
    """Typed corrected values for a refused change, by the fields of what it changes."""
    from .replica import Conflict, OutboxOp

    texts = _texts(pairs)
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
        return parse_values(fields, texts)


def cmd_checkin(ctx: Context) -> int:
    report = ctx.engine.checkin(ctx.args.key)
    print(f"checked in {ctx.args.key}: {report.applied} change(s) applied")
    _kept(report.kept)
    return 0


def cmd_cancel(ctx: Context) -> int:
    kept = ctx.engine.cancel(ctx.args.key, force=ctx.args.force)
    print(f"check-out of {ctx.args.key} cancelled")
    _kept(kept)
    return 0


def _kept(paths: list[str]) -> None:
    """Name the working copies that stay because they differ from the server's."""
    for path in paths:
        print(f"kept (differs from the server): {path}")


def _documents_of(ctx: Context, key: str) -> list[LocalDocument]:
    from sqlalchemy import select

    with ctx.replica.transaction() as session:
        file = session.scalar(select(LocalFile).where(LocalFile.key == key))
        if file is None:
            raise UsageError(f"file {key} is not checked out")
        return list(session.scalars(select(LocalDocument).where(
            LocalDocument.file_id == file.id)))


def cmd_documents(ctx: Context) -> int:
    with ctx.replica.transaction() as session:
        file = session.scalar(select(LocalFile).where(LocalFile.key == ctx.args.key))
        names = {r["id"]: r["name"] for r in file.registers} if file else {}
    rows = [{"id": d.id, "type": d.type, "title": d.title, "index": d.index,
             "registers": [names.get(r, r) for r in d.registers], "register_ids": d.registers,
             "state": d.state, "version": d.current_version, "sha256": d.sha256,
             "working_path": d.working_path} for d in _documents_of(ctx, ctx.args.key)]
    _out(ctx.args, rows, "\n".join(f"{r['id']}\t{r['type']}\t{r['state']}\t{r['title']}"
                                   for r in rows))
    return 0


def cmd_repair(ctx: Context) -> int:
    """A damaged replica: export every unsynced change to a rescue folder, then set it aside."""
    from datetime import datetime, timezone

    from .rescue import export_unsynced, set_aside

    ctx.require_login()
    path = ctx.profile.replica_path
    if not path.exists():
        raise UsageError("there is no replica to repair")
    try:
        Replica(path).close()
        if not ctx.args.force:
            print("the replica is intact; nothing to repair (--force sets it aside anyway)")
            return 0
    except ReplicaDamaged:
        pass
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    report = export_unsynced(path, ctx.profile.directory / "rescue" / stamp)
    aside = set_aside(path)
    data = {"rescue_folder": str(report.folder), "operations": report.operations,
            "contents": report.contents, "complete": report.complete,
            "problems": report.problems, "damaged_replica": str(aside)}
    _out(ctx.args, data, f"{report.operations} unsynced change(s) and {report.contents} "
         f"content file(s) saved in {report.folder}; the damaged replica was moved to "
         f"{aside.name}. Check the files out again and re-apply what the rescue folder holds.")
    return 0


COMMANDS: dict[str, Callable[[Context], int]] = {
    "login": cmd_login, "logout": cmd_logout, "files": cmd_files, "checkout": cmd_checkout,
    "checkouts": cmd_checkouts, "add": cmd_add, "set-index": cmd_set_index,
    "new-version": cmd_new_version, "delete": cmd_delete, "sync": cmd_sync,
    "set-cover": cmd_set_cover,
    "status": cmd_status, "conflicts": cmd_conflicts, "resolve": cmd_resolve,
    "checkin": cmd_checkin, "cancel": cmd_cancel, "documents": cmd_documents,
    "repair": cmd_repair, "search": cmd_search,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dossier", description="Dossier customer files")
    parser.add_argument("--profile", help="data directory of this user (DOSSIER_PROFILE)")
    parser.add_argument("--offline", action="store_true",
                        help="work on the replica only: changes are queued, no server is tried")
    sub = parser.add_subparsers(dest="command")

    def command(name: str, help_text: str, *, json_flag: bool = False) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        if json_flag:
            p.add_argument("--json", action="store_true", help="machine-readable output")
        return p

    p = command("login", "log in to a server")
    p.add_argument("url")
    p.add_argument("--user", required=True)
    p.add_argument("--tenant")
    p.add_argument("--password-stdin", action="store_true")
    command("logout", "forget the session")
    p = command("files", "search customer files", json_flag=True)
    p.add_argument("query", nargs="?")
    p = command("checkout", "take a file offline", json_flag=True)
    p.add_argument("key")
    p.add_argument("--exclusive", action="store_true")
    p.add_argument("--register", action="append", default=[])
    command("checkouts", "list checked-out files", json_flag=True)
    p = command("documents", "list a checked-out file's documents", json_flag=True)
    p.add_argument("key")
    p = command("add", "file a new document")
    p.add_argument("path")
    p.add_argument("--file", required=True)
    p.add_argument("--register", required=True)
    p.add_argument("--type", required=True)
    p.add_argument("--title")
    p.add_argument("--index", action="append", default=[], metavar="FIELD=VALUE")
    p = command("set-index", "change index values, the title or the registers of a document")
    p.add_argument("doc_id")
    p.add_argument("values", nargs="*", metavar="FIELD=VALUE",
                   help="an empty VALUE clears the field")
    p.add_argument("--title")
    p.add_argument("--register", action="append", default=[],
                   help="move to exactly these registers (repeat for several)")
    p.add_argument("--add-register", action="append", default=[])
    p.add_argument("--remove-register", action="append", default=[])
    p = command("set-cover", "change cover fields of a checked-out file")
    p.add_argument("key")
    p.add_argument("values", nargs="+", metavar="FIELD=VALUE")
    p = command("new-version", "save a new version")
    p.add_argument("doc_id")
    p.add_argument("path")
    p.add_argument("--comment", default="")
    p = command("delete", "delete a document")
    p.add_argument("doc_id")
    command("sync", "send and fetch changes now", json_flag=True)
    command("status", "what is pending", json_flag=True)
    command("conflicts", "open conflicts, and decisions the rules took on their own",
            json_flag=True)
    p = command("resolve", "decide a conflict")
    p.add_argument("conflict_id", type=int)
    p.add_argument("--keep", choices=["mine", "theirs", "both"],
                   help="for a refused change: mine sends it again, theirs drops it")
    p.add_argument("--field", action="append", default=[], metavar="NAME=mine|theirs")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                   help="a corrected value for a refused change (with --keep mine)")
    p = command("checkin", "send everything and release the check-out")
    p.add_argument("key")
    p = command("repair", "rescue unsynced changes from a damaged replica", json_flag=True)
    p.add_argument("--force", action="store_true", help="set an intact replica aside too")
    p = command("cancel", "release the check-out without sending")
    p.add_argument("key")
    p.add_argument("--force", action="store_true")
    add_search_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_usage(sys.stderr)
        return 2
    ctx = Context(args)
    try:
        return COMMANDS[args.command](ctx)
    except Offline as exc:
        print(f"dossier: offline: {exc}", file=sys.stderr)
        return 1
    except ReplicaDamaged as exc:
        print(f"dossier: {exc}; run 'dossier repair' to rescue unsynced changes", file=sys.stderr)
        return 1
    except SyncError as exc:
        print(f"dossier: {exc}", file=sys.stderr)
        return 1
    finally:
        ctx.close()
