"""``dossier``: the desktop client's entry point.

Until the desktop window lands, ``dossier`` with no server configured starts the embedded
server (loopback, SQLite, demo data on first run), prints where it listens and serves until
interrupted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sync.cli import COMMANDS
from sync.cli import main as sync_main

from .embedded import DEMO_PASSWORD, DEMO_USER, start_embedded_server


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    words = [a for a in argv if not a.startswith("-")]
    if (words and words[0] in COMMANDS) or "--profile" in argv:
        return sync_main(argv)  # the engine's command line, no GUI
    parser = argparse.ArgumentParser(prog="dossier", description="Dossier customer files")
    parser.add_argument("--data-dir", type=Path, help="where the embedded server keeps its data")
    parser.add_argument("--demo-customers", type=int, default=60,
                        help="how many demo customers the first run creates")
    args = parser.parse_args(argv)
    try:
        server = start_embedded_server(args.data_dir, customers=args.demo_customers)
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
