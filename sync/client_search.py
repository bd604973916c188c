"""The client's calls on search, views and the audit trail, and where each goes: a search
asks the server (every file the user may read) or the replica (the checked-out files, also
offline); views and the audit trail are kept on the server. Part of
:class:`~sync.client.Client`.

Every method may be called from any thread but the UI's: each asks the server or opens the
replica. Server errors arrive as the engine's exception tree (``Offline``, ``RequestRefused``
and its subclasses, ``ServerError`` for an answer not as API.md says).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import Offline
from .remote import RemoteClient
from .replica import Replica
from .search import search_replica
from .wire_search import AuditEvent, SavedView, SearchAnswer

__all__ = ["SearchCalls", "ViewsOfUser"]


@dataclass(frozen=True, slots=True)
class ViewsOfUser:
    """The views a user sees (their own and those shared with one of their units), and who
    the user is: to tell their own views, which they may change, from shared ones."""

    views: list[SavedView]
    user_id: str
    units: list[str] = field(default_factory=list)

    def own(self, view: SavedView) -> bool:
        return bool(self.user_id) and view.owner == self.user_id


class SearchCalls:
    """Search, views and the audit trail (mixed into ``Client``)."""

    remote: RemoteClient

    def _replica(self) -> Replica | None:
        raise NotImplementedError

    # search --------------------------------------------------------------------------------

    def search_server(self, query: str, *, sort: str = "relevance",
                      group_by: str | None = None, limit: int = 50,
                      cursor: str | None = None) -> SearchAnswer:
        """A page of the server's documents matching ``query`` (API.md "Search and views"),
        over every file the user may read. Raises ``RequestRefused`` (422: a query that cannot
        be parsed, its problem names the position; 404 code ``search-off``), ``Offline``,
        ``ServerError``."""
        return self.remote.search(query, sort=sort, group_by=group_by, limit=limit,
                                  cursor=cursor)

    def search_replica(self, query: str, *, file_id: str | None = None,
                       sort: str = "relevance", group_by: str | None = None, limit: int = 50,
                       offset: int = 0) -> SearchAnswer:
        """A page of the checked-out documents matching ``query``, as the server answers
        (``next_offset`` instead of a cursor). Raises ``Offline`` when there is no replica,
        ``viewer.query.QueryError`` for a query that does not parse, ``UsageError`` for an
        unknown sort."""
        replica = self._replica()
        if replica is None:
            raise Offline("no replica to search")
        return search_replica(replica, query, file_id=file_id, sort=sort, group_by=group_by,
                              limit=limit, offset=offset)

    # views ---------------------------------------------------------------------------------

    def views(self) -> ViewsOfUser:
        """The user's own views and those shared with one of their units. Raises
        ``Offline``, ``ServerError``."""
        me = self.remote.me()
        user = me.get("user")
        units = me.get("units")
        return ViewsOfUser(views=self.remote.views(),
                           user_id=str(user.get("id", "")) if isinstance(user, dict) else "",
                           units=[str(u) for u in units] if isinstance(units, list) else [])

    def view_results(self, view: SavedView, *, file_id: str | None = None,
                     sort: str = "relevance", group_by: str | None = None, limit: int = 50,
                     cursor: str | None = None) -> SearchAnswer:
        """A page of the view's hits on the server, only in file ``file_id`` when given.
        Raises as ``search_server``, and ``NotFound`` (the view is gone)."""
        return self.remote.view_results(view.id, file_id=file_id, sort=sort,
                                        group_by=group_by, limit=limit, cursor=cursor)

    def create_view(self, name: str, query: str, *,
                    shared_with: str | None = None) -> SavedView:
        """Save ``query`` as a view, private or shared with ``unit:NAME``. Raises
        ``RequestRefused`` (422 naming the field: ``query`` with its position, or
        ``shared_with``), ``Offline``, ``ServerError``."""
        return self.remote.create_view(name, query, shared_with=shared_with)

    def update_view(self, view: SavedView, changes: dict[str, Any]) -> SavedView:
        """Change ``name``, ``query`` or ``shared_with`` of a view as the user saw it.
        Raises as ``create_view``, and ``StaleObject`` (changed meanwhile), ``NotFound``,
        ``RequestRefused`` 403 (not the owner)."""
        return self.remote.update_view(view.id, changes, etag=view.etag)

    def delete_view(self, view: SavedView) -> None:
        """Delete a view as the user saw it. Raises as ``update_view``."""
        self.remote.delete_view(view.id, etag=view.etag)

    # audit trail ---------------------------------------------------------------------------

    def audit_trail(self, object_id: str) -> list[AuditEvent]:
        """The audit events of a document (or another object), oldest first, at most 200.
        Raises ``RequestRefused`` (403: the user may not see the audit trail), ``Offline``,
        ``ServerError``."""
        return self.remote.audit(object_id)
