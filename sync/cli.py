"""``dossier <command>``: the sync engine on the command line, for power users and scripts.

Exit codes: 0 success, 1 failure (one readable line on stderr), 2 bad usage. Offline, every
command that can work on the replica works and says that its change is queued.

This module only reads the command line: each command lives in a module by concern
(``cli_files``, ``cli_changes``, ``cli_sync``, ``cli_search``), imported when it runs, so a
command loads only what it uses (``dossier status`` no HTTP client, ``dossier sync`` no
search, no command the desktop client's GUI).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable

from .cli_context import Context
from .cli_search import add_search_parser
from .errors import Offline, ReplicaDamaged, SyncError

__all__ = ["COMMANDS", "command", "main"]

#: command → the module (``sync.<module>``) whose ``cmd_<command>`` runs it
COMMANDS: dict[str, str] = {
    "login": "cli_files", "logout": "cli_files", "files": "cli_files",
    "checkout": "cli_files", "checkouts": "cli_files", "documents": "cli_files",
    "checkin": "cli_files", "cancel": "cli_files", "repair": "cli_files",
    "add": "cli_changes", "set-index": "cli_changes", "set-cover": "cli_changes",
    "new-version": "cli_changes", "delete": "cli_changes", "resolve": "cli_changes",
    "sync": "cli_sync", "status": "cli_sync", "conflicts": "cli_sync",
    "search": "cli_search",
}


def command(name: str) -> Callable[[Context], int]:
    """The function that runs command ``name`` (its module imported now)."""
    module = importlib.import_module(f"{__package__}.{COMMANDS[name]}")
    run: Callable[[Context], int] = getattr(module, "cmd_" + name.replace("-", "_"))
    return run


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
        return command(args.command)(ctx)
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
