"""Where a search goes, and the query text the search panel edits. No widgets: every call may
run on a worker thread.

Online a search and a view's results come from the server (``Client.search_server``,
``Client.view_results``: API.md "Search and views"); when the server cannot be reached they
come from the replica (``Client.search_replica``), and the page says so (``from_replica``):
only the checked-out files are searched then. Views are kept on the server: listing, saving
and changing them needs it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sync.api import (
    Client,
    FileSummary,
    Offline,
    RequestRefused,
    SavedView,
    SearchAnswer,
    SearchGroup,
    SearchHit,
)
from viewer.query import And, Match, Node, Or, QueryError, parse

__all__ = ["BadQuery", "SearchOff", "SearchPage", "ViewCatalogue", "ViewsNeedServer", "create_view",
           "delete_view", "filter_value", "highlight_terms", "load_views", "run_view",
           "search", "update_view", "with_filter"]

PAGE_SIZE = 50
_REPLICA_CURSOR = "replica:"  # a cursor of a page from the replica: the next offset

_T = TypeVar("_T")


class BadQuery(Exception):
    """A query the server (or the offline parser) cannot run: ``position`` (0-based, ``None``
    when the problem is not in the query text) and what was ``expected`` there."""

    def __init__(self, position: int | None, expected: str) -> None:
        super().__init__(f"position {position}: expected {expected}")
        self.position = position
        self.expected = expected


class SearchOff(Exception):
    """The server has search switched off (and there is no replica to search instead)."""


class ViewsNeedServer(Offline):
    """Views are kept on the server, which cannot be reached."""


@dataclass(frozen=True)
class SearchPage:
    """One page of hits; ``from_replica``: only the checked-out files were searched
    (offline). ``next_cursor`` asks for the next page, from wherever this one came."""

    hits: list[SearchHit]
    total: int
    groups: list[SearchGroup] | None = None
    next_cursor: str | None = None
    from_replica: bool = False


@dataclass(frozen=True)
class ViewCatalogue:
    """The views the user sees, and who the user is (to tell own views from shared ones).
    ``views`` are the server's JSON of them: the navigator and the file's header list them
    as such (``SavedView.from_json`` gives one back as a view)."""

    views: list[dict[str, Any]]
    user_id: str = ""
    units: list[str] = field(default_factory=list)

    def own(self, view: dict[str, Any] | SavedView) -> bool:
        owner = view.owner if isinstance(view, SavedView) else view.get("owner")
        return bool(self.user_id) and owner == self.user_id


def _page(answer: SearchAnswer, *, from_replica: bool = False) -> SearchPage:
    next_cursor = answer.next_cursor
    if from_replica:
        offset = answer.next_offset
        next_cursor = f"{_REPLICA_CURSOR}{offset}" if offset is not None else None
    return SearchPage(hits=list(answer.hits), total=answer.total, groups=answer.groups,
                      next_cursor=next_cursor, from_replica=from_replica)


def _bad_query(exc: RequestRefused) -> BadQuery | None:
    if exc.status != 422:
        return None
    problem = exc.problem
    position = problem.get("position")
    expected = problem.get("expected") or str(problem.get("detail", ""))
    return BadQuery(position if isinstance(position, int) else None, str(expected))


def _quoted(value: str) -> str:
    return f'"{value}"' if re.search(r'[\s"()]', value) else value


def search(session: Client, query: str, *, file: FileSummary | None = None,
           sort: str = "relevance", group_by: str | None = None, limit: int = PAGE_SIZE,
           cursor: str | None = None, offline: bool = False) -> SearchPage:
    """One page of the documents matching ``query``, only in ``file`` when given;
    ``offline``: the server is known to be unreachable, ask the replica at once (not after
    the retries). Raises ``BadQuery``; ``Offline`` when neither the server nor a replica can
    answer."""
    remote_query = f"{query} file:{_quoted(file.key)}" if file else query
    return _ask(session, lambda: session.search_server(
        remote_query, sort=sort, group_by=group_by, limit=limit, cursor=cursor),
        query, file=file, sort=sort, group_by=group_by, limit=limit, cursor=cursor,
        offline=offline)


def run_view(session: Client, view: SavedView, *, file: FileSummary | None = None,
             sort: str = "relevance", group_by: str | None = None, limit: int = PAGE_SIZE,
             cursor: str | None = None, offline: bool = False) -> SearchPage:
    """One page of a view's hits, only in ``file`` when given; offline the view's query runs
    over the replica (``from_replica``). Raises as ``search``."""
    return _ask(session, lambda: session.view_results(
        view, file_id=file.id if file else None, sort=sort, group_by=group_by,
        limit=limit, cursor=cursor),
        view.query, file=file, sort=sort, group_by=group_by, limit=limit, cursor=cursor,
        offline=offline)


def _ask(session: Client, ask_server: Callable[[], SearchAnswer], query: str, *,
         file: FileSummary | None, sort: str, group_by: str | None, limit: int,
         cursor: str | None, offline: bool) -> SearchPage:
    """The server's page, or the replica's: when offline (known, or found out now), when the
    server has search switched off, and for the next page of a page from the replica."""
    from_replica = cursor is not None and cursor.startswith(_REPLICA_CURSOR)
    if not from_replica and not (offline and session.local_replica() is not None):
        try:
            return _page(ask_server())
        except RequestRefused as exc:
            bad = _bad_query(exc)
            if bad is not None:
                raise bad from exc
            if exc.problem.get("code") != "search-off":
                raise
            if session.local_replica() is None:
                raise SearchOff() from exc
        except Offline:
            if session.local_replica() is None:
                raise
    return _search_replica(session, query, file=file, sort=sort, group_by=group_by,
                           limit=limit, cursor=cursor if from_replica else None)


def _search_replica(session: Client, query: str, *, file: FileSummary | None, sort: str,
                    group_by: str | None, limit: int, cursor: str | None) -> SearchPage:
    offset = int(cursor.removeprefix(_REPLICA_CURSOR)) if cursor else 0
    try:
        answer = session.search_replica(query, file_id=file.id if file else None, sort=sort,
                                        group_by=group_by, limit=limit, offset=offset)
    except QueryError as exc:
        raise BadQuery(exc.position, exc.expected) from exc
    return _page(answer, from_replica=True)


# views ---------------------------------------------------------------------------------


def load_views(session: Client) -> ViewCatalogue:
    """The user's own views and those shared with one of their units. Raises
    ``ViewsNeedServer`` offline."""
    try:
        seen = session.views()
    except Offline as exc:
        raise ViewsNeedServer(str(exc)) from exc
    return ViewCatalogue(views=[view.raw for view in seen.views], user_id=seen.user_id,
                         units=list(seen.units))


def _needs_server(call: Callable[[], _T]) -> _T:
    try:
        return call()
    except Offline as exc:
        raise ViewsNeedServer(str(exc)) from exc
    except RequestRefused as exc:
        bad = _bad_query(exc) if exc.problem.get("field") == "query" else None
        if bad is None:
            raise
        raise bad from exc


def create_view(session: Client, name: str, query: str, *,
                shared_with: str | None = None) -> SavedView:
    """Save ``query`` as a view, private or shared with ``unit:NAME``. Raises ``BadQuery``,
    ``ViewsNeedServer``."""
    return _needs_server(lambda: session.create_view(name, query, shared_with=shared_with))


def update_view(session: Client, view: SavedView, changes: dict[str, Any]) -> SavedView:
    """Rename, change the query or the sharing of an own view, as the user saw it (a
    colleague's newer change is ``StaleObject``). Raises as ``create_view``."""
    return _needs_server(lambda: session.update_view(view, changes))


def delete_view(session: Client, view: SavedView) -> None:
    _needs_server(lambda: session.delete_view(view))


# the query text --------------------------------------------------------------------------

_FILTER = r'(?:(?<=\s)|^){name}:(?:"[^"]*"|\S+)'


def filter_value(query: str, name: str) -> str | None:
    """The value of the first ``name:value`` filter in ``query`` (quotes removed)."""
    found = re.search(_FILTER.format(name=re.escape(name)), query)
    if found is None:
        return None
    return found.group(0).split(":", 1)[1].strip('"')


def with_filter(query: str, name: str, value: str | None) -> str:
    """``query`` with its ``name:`` filters replaced by ``name:value`` (removed for
    ``None``); the rest of the text stays as the user wrote it."""
    rest = re.sub(_FILTER.format(name=re.escape(name)), "", query)
    rest = re.sub(r"\s{2,}", " ", rest).strip()
    if value is None:
        return rest
    return f"{rest} {name}:{_quoted(value)}".strip()


def highlight_terms(query: str) -> list[str]:
    """The words and phrases of ``query`` to look for in a document's text: not field
    filters, not excluded words; a prefix without its ``*``. Empty for a bad query."""
    try:
        node = parse(query)
    except QueryError:
        return []
    terms: list[str] = []

    def walk(item: Node) -> None:
        if isinstance(item, Match) and item.field is None:
            terms.append(item.text.rstrip("*"))
        elif isinstance(item, And | Or):
            for child in item.items:
                walk(child)
        # Not: excluded words are not in the document; filters are not its text

    walk(node)
    return [t for t in dict.fromkeys(terms) if t.strip()]

