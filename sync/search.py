"""Search offline: the query language of API.md over the replica of checked-out files.

Answers have the shape of ``GET /api/v1/search`` so that a caller (CLI, desktop) shows server
and replica results alike; only the files taken along are searched.
"""

from __future__ import annotations

from typing import Any

from .errors import UsageError
from .replica import Replica

__all__ = ["search_replica"]


def search_replica(replica: Replica, query: str, *, file_id: str | None = None,
                   sort: str = "relevance", group_by: str | None = None, limit: int = 50,
                   offset: int = 0) -> dict[str, Any]:
    """The replica's documents matching ``query``, only in file ``file_id`` when given: a dict
    shaped like the server's search answer (``items``, ``total``, ``groups`` when grouped,
    ``next_offset`` instead of a cursor). Raises ``viewer.query.QueryError`` for a query that
    cannot be parsed, ``UsageError`` for an unknown sort."""
    raise UsageError("searching the replica is not built yet")
