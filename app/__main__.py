"""``dossier``: the desktop client's entry point.

``dossier`` with no command opens the main window; ``dossier dossier://file/<key>`` or
``dossier://document/<id>`` opens that file or document, in the running window if there is one
(a second ``dossier`` hands over to it and exits, see ``single_instance``). With no server
configured in the profile it starts the embedded server (loopback, SQLite, demo data on first
run) and signs in as the demo user. ``dossier screenshot --out DIR`` renders the main views
to PNG; ``dossier serve-embedded`` starts only the embedded server, prints its URL and serves
until interrupted (no window). Any sync command (``dossier login|checkout|sync|...``) runs
the engine's command line without a GUI.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # nothing more is imported before a command needs it (the sync commands:
    import subprocess  # sync.api loads only the command line, see sync/cli.py)

APP_COMMANDS = ("screenshot", "serve-embedded")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    links = [a for a in argv if a.lower().startswith("dossier:")]
    argv = [a for a in argv if a not in links]
    words = [a for a in argv if not a.startswith("-")]
    if words and words[0] == "screenshot":
        from .infra.screenshot import main as screenshot_main

        return screenshot_main(argv[argv.index("screenshot") + 1:])
    if words or "--profile" in argv:
        from sync.api import is_cli_command, run_cli

        if (words and is_cli_command(words[0])) or "--profile" in argv:
            return run_cli(argv)  # the engine's command line, no GUI
    serve_only = bool(words) and words[0] == "serve-embedded"
    if serve_only:
        argv = [a for a in argv if a != "serve-embedded"]
    parser = argparse.ArgumentParser(prog="dossier", description="Dossier customer files")
    parser.add_argument("--data-dir", type=Path, help="where the embedded server keeps its data")
    parser.add_argument("--demo-customers", type=int, default=60,
                        help="how many demo customers the first run creates")
    parser.add_argument("--verbose", action="store_true", help="log to stderr")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    if serve_only:
        return serve_embedded(args.data_dir, args.demo_customers)
    started = _prestart(args.data_dir)  # before Qt loads: the server starts meanwhile
    from .shell.gui import launch
    from .shell.single_instance import SHOW, parse_link

    target = SHOW
    for link in links:
        parsed = parse_link(link)
        if parsed is None:
            print(f"dossier: not a Dossier link: {link}", file=sys.stderr)
            if started is not None:
                started.terminate()
            return 2
        target = parsed
    return launch(data_dir=args.data_dir, customers=args.demo_customers, target=target,
                  started=started)


def _prestart(data_dir: Path | None) -> subprocess.Popen[bytes] | None:
    """The embedded server's process, launched now when no other server is configured."""
    from sync.api import Profile, default_profile_dir, prestart

    if Profile.load(default_profile_dir()).server_url:
        return None
    return prestart(data_dir)


def serve_embedded(data_dir: Path | None, customers: int) -> int:
    from sync.api import DEMO_PASSWORD, DEMO_USER, start_embedded_server

    try:
        server = start_embedded_server(data_dir, customers=customers)
    except RuntimeError as exc:
        print(f"dossier: {exc}", file=sys.stderr)
        return 1
    print(f"Dossier embedded server: {server.url}  (API docs: {server.url}/docs)")
    print(f"Sign in as {DEMO_USER} / {DEMO_PASSWORD} (tenant demo). Stop with Ctrl+C.",
          flush=True)
    try:
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
