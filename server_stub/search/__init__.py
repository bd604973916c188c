"""Full-text search over documents (API.md "Search and views").

:mod:`viewer.query` parses the query language into an engine-independent AST; a backend
answers it with rights applied inside the query. The embedded default is
:class:`TantivyBackend` (an index per tenant under the data directory); for several server
processes or machines, :class:`.postgres.PostgresBackend` keeps the index in a table of the
PostgreSQL database. Both analyse text alike (:mod:`viewer.words`) and follow the change feed
the same way (:mod:`.feed`).
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session

from viewer.query import Node, QueryError

from ..rights import Actor
from .indexer import IndexNotReady, TantivyBackend
from .tantivy_index import Hit, Page

__all__ = ["Hit", "IndexNotReady", "Page", "QueryError", "SearchBackend", "TantivyBackend"]


class SearchBackend(Protocol):
    """What the search endpoint needs of an engine."""

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def search(self, session: Session, actor: Actor, node: Node, *, sort: str, limit: int,
               offset: int, group_by: str | None, file_id: str | None = None) -> Page:
        """A page of ``actor``'s readable hits, only in file ``file_id`` when given;
        ``KeyError`` for a field it cannot sort by, :class:`IndexNotReady` while the index
        is first built."""
        ...

    def rebuild(self, tenant_id: str) -> int: ...
