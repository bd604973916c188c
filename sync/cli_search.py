"""``dossier search QUERY``: the server's search online, the replica's offline.

Online the server answers (``GET /search``) over every file the user may read; offline — with
``--offline``, when the server does not answer, or when it has search switched off — the
replica answers over the checked-out files, and one line on stderr says so. A query is
checked here first, so a typing error is named with its position before anything is sent.
"""

from __future__ import annotations

import json
import re
import sys
from typing import TYPE_CHECKING, Any

from .errors import Offline, RequestRefused, UsageError

if TYPE_CHECKING:
    from .cli_context import Context
    from .wire_search import SearchAnswer, Snippet

__all__ = ["add_search_parser", "cmd_search"]

#: ``sync.search``'s ``GROUPS`` and ``MAX_LIMIT``, for the parser every command builds: the
#: search itself (SQLAlchemy, the query language, the viewer's words) loads only for a search
GROUPS = ("type", "file", "register", "month")
MAX_LIMIT = 1000

_PLAIN_KEY = re.compile(r'^[^\s"()]+$')


def add_search_parser(sub: Any) -> None:
    p = sub.add_parser("search", help="search documents: online on the server, offline in "
                       "the checked-out files")
    p.add_argument("query", help='the query language of the server: words, "phrases", OR, '
                   "-word, type:invoice, amount>1000, date:\"last 3 months\", ...")
    p.add_argument("--file", metavar="KEY", help="only in this customer file")
    p.add_argument("--limit", type=int, default=20, help=f"hits to show (1..{MAX_LIMIT})")
    p.add_argument("--sort", default="relevance",
                   help="relevance, created, a field name; descending with - (--sort=-created)")
    p.add_argument("--group-by", choices=GROUPS, help="count the hits by this")
    p.add_argument("--offline", dest="search_offline", action="store_true",
                   help="search the replica even when the server answers")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def cmd_search(ctx: Context) -> int:
    from viewer.query import QueryError, parse

    args = ctx.args
    if not 1 <= args.limit <= MAX_LIMIT:
        raise UsageError(f"--limit: from 1 to {MAX_LIMIT}, not {args.limit}")
    try:
        parse(args.query)
    except QueryError as exc:
        raise UsageError(f"query: position {exc.position}: expected {exc.expected}") from exc
    answer: SearchAnswer | None = None
    source = "server"
    if not (args.offline or args.search_offline) and ctx.reachable():
        answer = _online(ctx)
    if answer is None:
        answer, source = _offline(ctx), "replica"
    if args.json:
        print(json.dumps({**answer.to_json(), "source": source}, indent=2, ensure_ascii=False,
                         default=str))
    else:
        print(_text(answer))
    return 0


def _online(ctx: Context) -> SearchAnswer | None:
    """The server's answer; None when the replica must answer instead (offline, search off)."""
    args = ctx.args
    query = args.query
    if args.file:
        if not _PLAIN_KEY.match(args.file):
            raise UsageError(f"--file: no customer number looks like {args.file!r}")
        query = f"{query} file:{args.file}"
    try:
        answer = ctx.engine.remote.search(query, sort=args.sort, group_by=args.group_by,
                                          limit=args.limit)
    except Offline:
        return None
    except RequestRefused as exc:
        if exc.status == 404:
            print("dossier: the server has search switched off", file=sys.stderr)
            return None
        if "position" in exc.problem:
            raise UsageError(f"query: position {exc.problem['position']}: expected "
                             f"{exc.problem.get('expected', '?')}") from exc
        raise UsageError(str(exc.problem.get("detail") or exc)) from exc
    return answer


def _offline(ctx: Context) -> SearchAnswer:
    from sqlalchemy import func, select

    from viewer.query import QueryError

    from .replica import LocalFile
    from .search import search_replica

    args = ctx.args
    replica = ctx.replica
    with replica.transaction() as session:
        checked_out = session.scalar(select(func.count()).select_from(LocalFile).where(
            LocalFile.checkout_id.is_not(None))) or 0
        file_id = None
        if args.file:
            file_id = session.scalar(select(LocalFile.id).where(
                LocalFile.key == args.file, LocalFile.checkout_id.is_not(None)))
            if file_id is None:
                raise UsageError(f"file {args.file} is not checked out (offline only "
                                 "checked-out files can be searched)")
    try:
        answer = search_replica(replica, args.query, file_id=file_id, sort=args.sort,
                                group_by=args.group_by, limit=args.limit)
    except QueryError as exc:
        raise UsageError(f"query: position {exc.position}: expected {exc.expected}") from exc
    print(f"offline: results from the replica only ({checked_out} file(s) checked out)",
          file=sys.stderr)
    return answer


def _plain(snippet: Snippet) -> str:
    """A snippet for the terminal: marked words as *word*."""
    return "".join(f"*{text}*" if marked else text for text, marked in snippet.parts)


def _text(answer: SearchAnswer) -> str:
    lines = []
    for hit in answer.hits:
        document = hit.document
        day = str(document.index.get("date") or document.created_at or "")
        lines.append("\t".join([hit.file.key, document.type, document.title, day[:10],
                                _plain(hit.snippet)]))
    shown, total = len(answer.hits), answer.total
    lines.append(f"{total} hit(s)" + (f", {shown} shown" if shown < total else ""))
    for group in answer.groups or []:
        lines.append(f"  {group.label}: {group.count}")
    return "\n".join(lines)
