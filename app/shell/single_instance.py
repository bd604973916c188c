"""One window per user and profile: a second ``dossier`` or a ``dossier://`` link hands its
target to the running window through a local socket and exits.

Links: ``dossier://file/<customer number>`` and ``dossier://document/<id>`` (what an ERP or
CRM opens). The message is one line of JSON: ``{"kind": "file"|"document"|"show",
"value": ...}``; the running window answers ``ok``.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

__all__ = ["SHOW", "InstanceServer", "Target", "hand_over", "parse_link", "server_name"]

log = logging.getLogger(__name__)

Target = tuple[str, str]  # (kind, value): ("file", key), ("document", id), ("show", "")
SHOW: Target = ("show", "")
SLICE_MS = 20


def server_name(profile_dir: Path) -> str:
    """The socket's name: one per user and profile folder."""
    digest = hashlib.sha256(str(profile_dir.resolve()).encode()).hexdigest()[:12]
    return f"dossier-{getpass.getuser()}-{digest}"


def parse_link(link: str) -> Target | None:
    """``dossier://file/K-10001`` → ``("file", "K-10001")``; ``None`` for anything else."""
    parts = urlsplit(link.strip())
    if parts.scheme.lower() != "dossier":
        return None
    kind = parts.netloc.lower()
    value = unquote(parts.path.strip("/"))
    if kind in ("file", "document") and value and "/" not in value:
        return kind, value
    return None


def hand_over(name: str, target: Target, *, timeout_ms: int = 1000) -> bool:
    """Give ``target`` to the running window; ``False`` when none is listening."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    message = json.dumps({"kind": target[0], "value": target[1]}).encode() + b"\n"
    socket.write(message)
    socket.waitForBytesWritten(timeout_ms)
    answer = b""
    # short waits: the blocking calls keep Python's lock, and the receiving window may be a
    # thread of this very process (the tests)
    deadline = time.monotonic() + timeout_ms / 1000
    while not answer.endswith(b"\n") and time.monotonic() < deadline:
        if socket.waitForReadyRead(SLICE_MS):
            answer += bytes(socket.readAll().data())
        else:
            time.sleep(0.005)
    socket.disconnectFromServer()
    log.debug("hand-over of %s answered %r", target, answer)
    return answer.strip() == b"ok"


class InstanceServer(QObject):
    """Listens on the main thread; ``targetReceived(kind, value)`` for each hand-over."""

    targetReceived = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self, name: str) -> bool:
        if self._server.listen(name):
            return True
        QLocalServer.removeServer(name)  # left by a crashed instance
        ok = self._server.listen(name)
        if not ok:
            log.warning("single instance: cannot listen on %s: %s", name,
                        self._server.errorString())
        return ok

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine().data()).strip()
            try:
                message = json.loads(line)
                kind, value = str(message["kind"]), str(message.get("value", ""))
            except (ValueError, KeyError, TypeError):
                log.warning("single instance: unreadable message %r", line[:200])
                socket.write(b"error\n")
                continue
            socket.write(b"ok\n")
            socket.flush()
            self.targetReceived.emit(kind, value)
