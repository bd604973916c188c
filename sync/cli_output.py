"""What the ``dossier`` commands print, and the sync a local change tries at once: shared by
the command modules (``cli_files``, ``cli_changes``, ``cli_sync``)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import TYPE_CHECKING, Any

from .errors import AuthError, Offline, UsageError

if TYPE_CHECKING:
    from .cli_context import Context
    from .sync_pass import SyncReport

__all__ = ["kept", "out", "print_decisions", "queued", "texts"]

log = logging.getLogger(__name__)


def out(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    else:
        print(text)


def queued(ctx: Context, what: str) -> None:
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
    print_decisions(report)


_DECISIONS = {
    "restored": "your edit of {title} ({doc}) kept: it was deleted on the server and is "
                "restored",
    "recreated": "your edit of {title} ({doc}) kept as a new document {new}: it was deleted "
                 "on the server and could not be restored",
    "kept_their_edit": "your deletion of {title} ({doc}) undone: it was changed on the server "
                       "meanwhile",
}


def print_decisions(report: SyncReport) -> None:
    """Say what the rules decided on their own in this sync, and what was repaired."""
    for decision in report.decisions:
        text = _DECISIONS.get(str(decision["decision"]), "{doc}: " + str(decision["decision"]))
        print("decided: " + text.format(title=repr(decision["title"]),
                                        doc=decision["document_id"],
                                        new=decision.get("new_document")))
    if report.repaired:
        print(f"repaired: {len(report.repaired)} document(s) differed from the server and "
              "were fetched again")


def kept(paths: list[str]) -> None:
    """Name the working copies that stay because they differ from the server's."""
    for path in paths:
        print(f"kept (differs from the server): {path}")


def texts(pairs: list[str]) -> dict[str, str]:
    """``FIELD=VALUE`` pairs as typed; the value's type comes from the field (``fields``)."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"expected FIELD=VALUE, got {pair!r}")
        values[name.strip()] = raw
    return values
