"""``dossier sync|status|conflicts``: sending and fetching, and what is left to do."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from .cli_output import out, print_decisions
from .errors import UsageError
from .operations import QUEUED, ConflictKind, ConflictState
from .replica import Conflict, LocalFile, OutboxOp

if TYPE_CHECKING:
    from .cli_context import Context

__all__ = ["cmd_conflicts", "cmd_status", "cmd_sync"]


def cmd_sync(ctx: Context) -> int:
    if ctx.args.offline:
        raise UsageError("sync needs the server; leave out --offline")
    report = ctx.engine.sync()
    out(ctx.args, asdict(report), ("offline: changes stay queued" if report.offline else
                                   f"synced {report.files} file(s): {report.applied} applied, "
                                   f"{report.conflicts} conflict(s)"))
    if not ctx.args.json:
        print_decisions(report)
    return 0


def cmd_status(ctx: Context) -> int:
    with ctx.replica.transaction() as session:
        pending = session.scalar(select(func.count()).select_from(OutboxOp).where(
            OutboxOp.state.in_(QUEUED))) or 0
        conflicts = session.scalar(select(func.count()).select_from(Conflict).where(
            Conflict.state == ConflictState.OPEN)) or 0
        files = [f.key for f in session.scalars(select(LocalFile).where(
            LocalFile.checkout_id.is_not(None)))]
    data = {"server": ctx.profile.server_url, "user": ctx.profile.username,
            "checked_out": files, "pending": pending, "conflicts": conflicts}
    out(ctx.args, data, f"{ctx.profile.username}@{ctx.profile.server_url}: "
        f"{len(files)} checked out, {pending} pending, {conflicts} conflict(s)")
    return 0


def cmd_conflicts(ctx: Context) -> int:
    from .conflicts import conflict_of

    with ctx.replica.transaction() as session:
        conflicts = [conflict_of(row) for row in session.scalars(select(Conflict).where(
            (Conflict.state == ConflictState.OPEN)
            | ((Conflict.state == ConflictState.RESOLVED)
               & (Conflict.kind == ConflictKind.DELETED))).order_by(Conflict.id))]
    rows = [{"id": c.id, "kind": c.kind, "document_id": c.document_id, "fields": c.fields,
             "detail": c.detail, "mine": c.mine, "theirs": c.theirs, "base": c.base,
             "state": c.state, "resolution": c.resolution, "automatic": c.automatic}
            for c in conflicts]
    out(ctx.args, rows, "\n".join(
        f"{r['id']}\t{r['kind']}\t{r['document_id']}\t"
        + (f"decided: {r['resolution']}" if r["automatic"] else str(r["fields"]))
        for r in rows))
    return 0
