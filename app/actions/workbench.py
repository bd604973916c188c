"""What the controllers see of the main window.

The controllers in this package (file and document actions, edit in application, working
copies, the scheduled sync) and the sign-in take a :class:`Workbench`, not the main window:
the parts and the few methods they may use are listed here, and nothing in ``app/actions/``
imports ``app/shell/``. ``MainWindow`` (``app/shell/main_window.py``) is the one
implementation; it builds the controllers and owns the layout, the menus and the toolbar.
A Workbench is a ``QMainWindow`` so that dialogs and message boxes can name it as parent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMainWindow

if TYPE_CHECKING:
    from sync.api import Client

    from ..cockpit.cockpit import Cockpit
    from ..cockpit.navigator import Navigator
    from ..infra.bridge import EngineBridge
    from ..infra.settings import UserSettings

__all__ = ["Workbench"]


class Workbench(QMainWindow):
    """A main window as the controllers see it."""

    session: Client | None
    """The signed-in client; ``None`` until the sign-in finished."""
    user_settings: UserSettings
    bridge: EngineBridge
    """The engine's reports (synced, checked out, offline …) as signals on the main thread."""
    cockpit: Cockpit
    navigator: Navigator
    sync_state: QLabel
    """The status-bar label the scheduled sync writes its state into."""

    def set_starting(self) -> None:
        """Show that the server is starting and the user is being signed in."""
        raise NotImplementedError

    def attach(self, session: Client) -> None:
        """Take a signed-in client: every part of the window starts using it."""
        raise NotImplementedError

    def edit_selected_in_app(self) -> None:
        """Open the selected document in its application, through the window's current
        edit-in-application controller (it moves to the new window on a language switch)."""
        raise NotImplementedError

    def refresh_pending(self) -> None:
        """Count the changes waiting for check-in and the open conflicts again."""
        raise NotImplementedError

    def update_schedule(self) -> None:
        """Sync on a schedule while a file is checked out, and watch the working copies."""
        raise NotImplementedError
