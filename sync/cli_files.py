"""``dossier login|logout|files|checkout|checkouts|documents|checkin|cancel|repair``: the
session, the customer files and their check-outs, and the rescue of a damaged replica."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from sqlalchemy import select

from .cli_context import ask_password
from .cli_output import kept, out
from .credentials import forget_tokens, load_tokens, store_tokens
from .errors import Offline, ReplicaDamaged, SyncError, UsageError
from .remote import RemoteClient
from .replica import LocalDocument, LocalFile, Replica

if TYPE_CHECKING:
    from .cli_context import Context

__all__ = ["cmd_cancel", "cmd_checkin", "cmd_checkout", "cmd_checkouts", "cmd_documents",
           "cmd_files", "cmd_login", "cmd_logout", "cmd_repair"]


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
        local = ctx.engine.checked_out() if ctx._engine else local_files(ctx)
        rows = [{"id": f.id, "key": f.key, "title": f.title} for f in local
                if not ctx.args.query or ctx.args.query.lower() in f"{f.key} {f.title}".lower()]
        print("offline: showing checked-out files only", file=sys.stderr)
    out(ctx.args, rows, "\n".join(f"{r['key']}\t{r['title']}" for r in rows))
    return 0


def local_files(ctx: Context) -> list[LocalFile]:
    with ctx.replica.transaction() as session:
        return list(session.scalars(select(LocalFile).where(LocalFile.checkout_id.is_not(None))))


def cmd_checkout(ctx: Context) -> int:
    result = ctx.engine.checkout(ctx.args.key, exclusive=ctx.args.exclusive,
                                 registers=ctx.args.register or None)
    out(ctx.args, result, f"checked out {result['key']} ({result['documents']} documents, "
         f"{result['mode']})")
    return 0


def cmd_checkouts(ctx: Context) -> int:
    rows = [{"key": f.key, "title": f.title, "mode": f.mode, "checkout_id": f.checkout_id,
             "working_dir": f.working_dir, "last_sync": f.last_sync}
            for f in local_files(ctx)]
    out(ctx.args, rows, "\n".join(f"{r['key']}\t{r['mode']}\t{r['title']}" for r in rows))
    return 0


def cmd_checkin(ctx: Context) -> int:
    report = ctx.engine.checkin(ctx.args.key)
    print(f"checked in {ctx.args.key}: {report.applied} change(s) applied")
    kept(report.kept)
    return 0


def cmd_cancel(ctx: Context) -> int:
    left = ctx.engine.cancel(ctx.args.key, force=ctx.args.force)
    print(f"check-out of {ctx.args.key} cancelled")
    kept(left)
    return 0


def _documents_of(ctx: Context, key: str) -> list[LocalDocument]:
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
    out(ctx.args, rows, "\n".join(f"{r['id']}\t{r['type']}\t{r['state']}\t{r['title']}"
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
    out(ctx.args, data, f"{report.operations} unsynced change(s) and {report.contents} "
         f"content file(s) saved in {report.folder}; the damaged replica was moved to "
         f"{aside.name}. Check the files out again and re-apply what the rescue folder holds.")
    return 0
