"""`python -m viewer`: document information, text and page rendering for scripts and checks.

    python -m viewer info FILE [--json] [--password P]
    python -m viewer text FILE [--password P]
    python -m viewer render FILE --page N --dpi D --out PNG [--password P]

Pages are counted from 1. Exit status: 0 success, 1 the file cannot be opened or rendered
(one line on stderr), 2 bad usage. The file is parsed in a worker process with a time limit.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from . import isolated
from .api import read_source
from .errors import ViewerError

__all__ = ["main"]

log = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m viewer", description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per operation")
    parser.add_argument(
        "--in-process", action="store_true", help="parse in this process (no crash containment)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    info = commands.add_parser("info", help="format, pages, metadata, outline, attachments")
    info.add_argument("file", type=Path)
    info.add_argument("--json", action="store_true", help="machine-readable output")
    info.add_argument("--password")
    text = commands.add_parser("text", help="the document's text (pages separated by \\f)")
    text.add_argument("file", type=Path)
    text.add_argument("--password")
    render = commands.add_parser("render", help="one page as PNG")
    render.add_argument("file", type=Path)
    render.add_argument("--page", type=int, default=1, help="page number, from 1")
    render.add_argument("--dpi", type=float, default=150.0)
    render.add_argument("--rotate", type=int, default=0, choices=(0, 90, 180, 270))
    render.add_argument("--out", type=Path, required=True)
    render.add_argument("--password")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "render" and (args.page < 1 or not 1 <= args.dpi <= 2400):
        parser.error("--page must be >= 1 and --dpi between 1 and 2400")
    pool = None if args.in_process else isolated.WorkerPool(1, timeout=args.timeout)
    try:
        data, _ = read_source(args.file)
        name = args.file.name
        if args.command == "info":
            _info(data, name, args, pool)
        elif args.command == "text":
            text = _call(pool, isolated.extract_text_task, data, name, 10**9, args.password)
            sys.stdout.write(str(text))
            sys.stdout.write("\n")
        else:
            png = _call(pool, isolated.render_page_png_task, data, name, args.page - 1,
                        args.dpi / 72.0, args.rotate, args.password)  # fmt: skip
            args.out.write_bytes(png)
    except ViewerError as exc:
        print(f"viewer: {args.file}: {exc.code}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"viewer: {exc}", file=sys.stderr)
        return 1
    finally:
        if pool is not None:
            pool.close()
    return 0


def _call(pool: isolated.WorkerPool | None, fn: object, *args: object) -> object:
    if pool is None:
        return fn(*args)  # type: ignore[operator]
    return pool.call(fn, *args)  # type: ignore[arg-type]


def _info(
    data: bytes, name: str, args: argparse.Namespace, pool: isolated.WorkerPool | None
) -> None:
    info = _call(pool, isolated.document_info_task, data, name, args.password)
    assert isinstance(info, isolated.DocumentInfo)
    if args.json:
        print(json.dumps(asdict(info), indent=2, ensure_ascii=False))
        return
    print(f"file:        {args.file}")
    print(f"media type:  {info.media_type}")
    print(f"engine:      {info.engine}")
    print(f"pages:       {info.page_count}")
    encrypted = "needs password" if info.needs_password else info.metadata.get("encrypted")
    print(f"encrypted:   {encrypted}")
    if info.page_sizes:
        width, height = info.page_sizes[0]
        print(f"page 1:      {width:.0f} x {height:.0f} pt")
    for key, value in sorted(info.metadata.items()):
        if key not in ("media_type", "encrypted"):
            print(f"  {key}: {value}")
    for level, title, page in info.outline:
        print(f"  {'  ' * level}{title} .... {page + 1}")
    for att_name, size, media_type in info.attachments:
        print(f"attachment:  {att_name} ({size} bytes, {media_type or 'unknown'})")
