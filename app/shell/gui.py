"""Starting the desktop client: application, translator, window, sign-in."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from sync.api import Profile, connect_embedded, default_profile_dir

from ..dialogs.login import sign_in
from ..infra.i18n import choose_language, install_translator
from ..infra.settings import UserSettings
from ..infra.workers import wait_for_workers
from .main_window import RESTART_PROPERTY, default_settings
from .single_instance import SHOW, InstanceServer, Target, hand_over, server_name
from .window_host import WindowHost

__all__ = ["application", "launch"]

log = logging.getLogger(__name__)


#: How long a worker thread may keep the GIL while the GUI thread waits for it: with the
#: default 5 ms, workers reading the replica or applying a sync delayed the event loop by
#: up to 80 ms in bench_app.py; with 1 ms the longest such stall is ~20 ms.
GIL_SWITCH_SECONDS = 0.001


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        sys.setswitchinterval(GIL_SWITCH_SECONDS)
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Dossier")
        app.setOrganizationName("Dossier")
        app.setApplicationDisplayName("Dossier")
    assert isinstance(app, QApplication)
    return app


def _quit_on_signals(app: QApplication) -> None:
    """Ctrl+C and SIGTERM close the window cleanly (the embedded server is stopped)."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_args: app.quit())
    ticker = QTimer(app)  # lets Python run its signal handlers during the Qt event loop
    ticker.timeout.connect(lambda: None)
    ticker.start(300)


def launch(*, data_dir: Path | None = None, customers: int = 60,
           profile_dir: Path | None = None, target: Target = SHOW,
           started: subprocess.Popen[bytes] | None = None) -> int:
    """Show the window at once; the server start and sign-in run on a worker. When a window
    of this user and profile runs already, hand ``target`` to it and return. ``started``: the
    embedded server's process, launched early (``embedded.prestart``)."""
    app = application()
    profile_dir = profile_dir or default_profile_dir()
    name = server_name(profile_dir)
    if hand_over(name, target):
        log.info("handed %s to the running window", target)
        if started is not None:
            started.terminate()
        return 0
    settings = default_settings()
    install_translator(choose_language(UserSettings(settings)))
    profile = Profile.load(profile_dir)
    host = WindowHost(settings)  # Settings → Language rebuilds the window in the new one
    window = host.window
    instance = InstanceServer(host)
    instance.targetReceived.connect(host.open_target)
    instance.listen(name)
    window.show()
    window.open_target(*target)
    _quit_on_signals(app)
    if profile.server_url:
        if started is not None:
            started.terminate()
        sign_in(window, profile)
    else:
        window.begin(lambda: connect_embedded(profile, data_dir, customers=customers,
                                              started=started))
    code = app.exec()
    instance.close()
    wait_for_workers()
    if host.window.session is not None:
        host.window.session.close()
    if app.property(RESTART_PROPERTY):  # another server was chosen: start again, signed out
        subprocess.Popen([sys.executable, "-m", "app"], start_new_session=True)
    return code
