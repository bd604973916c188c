"""Favourite customer files: kept per user and server, listed in the navigator, and watched —
when a colleague files a new document into one, a notification says so.

Checked-out files are watched by their scheduled sync already (its report names new
documents); the favourites that are not checked out are watched through the server's change
feed: one request per interval (the sync interval of the preferences), starting "from now"
on the first look and from the remembered cursor after that, so documents that arrived while
Dossier was closed are announced at the next start.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from sync.api import Client, FileRecord

from ..infra.settings import UserSettings
from ..infra.workers import run_task
from ..shell.tray import Notifications

__all__ = ["FavouriteWatch", "Favourites"]

log = logging.getLogger(__name__)


class Favourites(QObject):
    """The favourite files of the signed-in user (``{id, key, title, cover: {city}}`` each);
    ``changed`` after each change."""

    changed = Signal()

    def __init__(self, settings: UserSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._scope = ""

    def use(self, session: Client) -> None:
        self._scope = session.settings_scope
        self.changed.emit()

    def files(self) -> list[dict[str, Any]]:
        if not self._scope:
            return []
        return self._settings.favourite_files(self._scope)

    def contains(self, file_id: str) -> bool:
        return any(f["id"] == file_id for f in self.files())

    def set_favourite(self, file: FileRecord, favourite: bool) -> None:
        if not self._scope:
            return
        others = [f for f in self.files() if f["id"] != file.id]
        if favourite:
            entry = {"id": file.id, "key": file.key, "title": file.title,
                     "cover": {"city": str(file.cover.get("city", ""))}}
            others = sorted([*others, entry], key=lambda f: (str(f["key"]), str(f["id"])))
        self._settings.set_favourite_files(self._scope, others)
        self.changed.emit()

    @property
    def cursor(self) -> str:
        return self._settings.favourites_cursor(self._scope)

    @cursor.setter
    def cursor(self, value: str) -> None:
        self._settings.set_favourites_cursor(self._scope, value)


class FavouriteWatch(QObject):
    """Looks at the change feed for new documents in favourite files that are not checked
    out; the window starts it when signed in online and stops it when offline."""

    def __init__(self, favourites: Favourites, notifications: Notifications,
                 settings: UserSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.favourites = favourites
        self.notifications = notifications
        self._settings = settings
        self._session: Client | None = None
        self._busy = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.look)

    def start(self, session: Client) -> None:
        """Look now and then every sync interval (started again: the interval as set now)."""
        self._session = session
        self._timer.start(int(max(self._settings.sync_interval, 5.0) * 1000))
        self.look()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def look(self) -> None:
        """One look at the feed (on a worker); announces what it found."""
        session = self._session
        if session is None or self._busy:
            return
        watched = {f["id"]: f for f in self.favourites.files()}
        if not watched:
            return
        cursor = self.favourites.cursor
        self._busy = True

        def fetch() -> tuple[dict[str, int], str]:
            checked_out = {f.id for f in session.checked_out_files()}
            return session.new_documents_since(cursor, set(watched) - checked_out)

        run_task(fetch, on_done=lambda result: self._found(session, watched, *result),
                 on_error=self._failed)

    def _found(self, session: Client, watched: dict[str, dict[str, Any]],
               counts: dict[str, int], cursor: str) -> None:
        self._busy = False
        if session is not self._session:
            return
        self.favourites.cursor = cursor
        self.notifications.new_documents({
            (str(watched[file_id]["key"]), str(watched[file_id].get("title", ""))): count
            for file_id, count in counts.items() if file_id in watched})

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        log.info("favourites not looked at: %s", exc)
