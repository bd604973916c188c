"""The user's preferences as typed values: one object over ``QSettings``, defaults in one place.

``UserSettings(store)`` reads and writes the same keys the client always used, so settings
saved by an earlier version still load. A stored value that cannot be read as its type (an
interval of ``"abc"``, a list that is not one) gives the default instead of an error. Engine
state (cursors, pending transfers) is not kept here but in the replica.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

__all__ = ["DEFAULT_DELETION_GUARD", "DEFAULT_SYNC_INTERVAL", "UserSettings"]

log = logging.getLogger(__name__)

DEFAULT_SYNC_INTERVAL = 60.0  # seconds
DEFAULT_DELETION_GUARD = 10  # working copies deleted at once without asking

_SYNC_INTERVAL = "sync/interval"
_DELETION_GUARD = "sync/deletion_guard"
_WORKING_DIR = "files/working_dir"
_LANGUAGE = "language"
_RECENT_FILES = "navigator/recent"


class UserSettings:
    """Typed access to the preferences kept in ``store``; safe on the main thread only."""

    def __init__(self, store: QSettings) -> None:
        self.store = store

    # -- preferences (Settings → Preferences…) ---------------------------------------------

    @property
    def sync_interval(self) -> float:
        """Seconds between two scheduled syncs (more than 0)."""
        seconds = _number(self.store.value(_SYNC_INTERVAL, DEFAULT_SYNC_INTERVAL))
        return seconds if seconds is not None and seconds > 0 else DEFAULT_SYNC_INTERVAL

    @sync_interval.setter
    def sync_interval(self, seconds: float) -> None:
        self.store.setValue(_SYNC_INTERVAL, seconds)

    @property
    def deletion_guard(self) -> int:
        """The most working copies deleted at once without asking (at least 1)."""
        value = _number(self.store.value(_DELETION_GUARD, DEFAULT_DELETION_GUARD))
        try:
            count = int(value) if value is not None else 0
        except (ValueError, OverflowError):  # nan, inf
            count = 0
        return count if count >= 1 else DEFAULT_DELETION_GUARD

    @deletion_guard.setter
    def deletion_guard(self, count: int) -> None:
        self.store.setValue(_DELETION_GUARD, count)

    @property
    def working_dir(self) -> str:
        """The folder chosen for working copies; "" = the profile's default."""
        return self._text(_WORKING_DIR)

    @working_dir.setter
    def working_dir(self, folder: str) -> None:
        self.store.setValue(_WORKING_DIR, folder)

    @property
    def language(self) -> str:
        """The language chosen in the preferences; "" = the system's."""
        return self._text(_LANGUAGE)

    @language.setter
    def language(self, code: str) -> None:
        self.store.setValue(_LANGUAGE, code)

    # -- what the window remembers ----------------------------------------------------------

    @property
    def recent_files(self) -> list[dict[str, Any]]:
        """The files opened last, newest first (``{id, key, title, cover}`` each)."""
        return _records(self.store.value(_RECENT_FILES, []))

    @recent_files.setter
    def recent_files(self, files: list[dict[str, Any]]) -> None:
        self.store.setValue(_RECENT_FILES, files)

    def favourite_files(self, scope: str) -> list[dict[str, Any]]:
        """The favourite files of the user signed in as ``scope``."""
        return [f for f in _records(self.store.value(_favourites(scope, "files"), []))
                if "id" in f]

    def set_favourite_files(self, scope: str, files: list[dict[str, Any]]) -> None:
        self.store.setValue(_favourites(scope, "files"), files)

    def favourites_cursor(self, scope: str) -> str:
        """Where the watch for new documents in favourite files left off."""
        value = self.store.value(_favourites(scope, "cursor"), "latest")
        return str(value) if value else "latest"

    def set_favourites_cursor(self, scope: str, cursor: str) -> None:
        self.store.setValue(_favourites(scope, "cursor"), cursor)

    def column_layout(self, key: str) -> QByteArray | None:
        """A header state saved under ``key`` (``QHeaderView.saveState``), if any."""
        state = self.store.value(key)
        if not isinstance(state, QByteArray | bytes) or not state:
            return None
        return QByteArray(state)

    def set_column_layout(self, key: str, state: QByteArray) -> None:
        self.store.setValue(key, state)

    def has_column_layout(self, key: str) -> bool:
        return self.store.contains(key)

    def forget_column_layout(self, key: str) -> None:
        self.store.remove(key)

    def sync(self) -> None:
        """Write the changes to disk now."""
        self.store.sync()

    def _text(self, key: str) -> str:
        return str(self.store.value(key, "") or "")


def _favourites(scope: str, name: str) -> str:
    return f"favourites/{scope}/{name}"


def _number(value: object) -> float | None:
    """``value`` as a number: an ini file gives text, the registry an int or a float."""
    if not isinstance(value, int | float | str | bytes):
        return None
    try:
        return float(value)
    except ValueError:
        log.info("setting %r is not a number; the default applies", value)
        return None


def _records(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
