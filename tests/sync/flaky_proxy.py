"""A TCP proxy for the network-fault tests: it cuts, stalls and delays connections.

``FlakyProxy(upstream_port)`` listens on a free loopback port and forwards every connection
to the server. ``cut(after=..., times=...)`` arms ``times`` faults: each strikes the next
connection that carries more than ``after`` bytes in the chosen direction, which then breaks
there (a TCP reset on both sides, mid-response or mid-upload). ``stall(...)`` faults stop
forwarding there instead, for longer than the client waits, then drop. ``delay`` holds every
chunk back for that many seconds. ``answer(status, body)`` stops forwarding altogether: every
request gets that canned answer (a Wi-Fi login page, a broken reverse proxy's error page).
Plain threads, no asyncio: each connection has two pumps.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from dataclasses import dataclass

__all__ = ["FlakyProxy"]

CHUNK = 64 * 1024


@dataclass
class _Fault:
    kind: str  # cut | stall
    direction: str  # down: server → client, up: client → server
    after: int
    hold: float = 0.0  # a stall: how long nothing goes through before the link drops


class _Connection:
    def __init__(self, proxy: FlakyProxy, client: socket.socket,
                 upstream: socket.socket) -> None:
        self.proxy = proxy
        self.client = client
        self.upstream = upstream
        self.closed = threading.Event()

    def start(self) -> None:
        for source, target, direction in ((self.client, self.upstream, "up"),
                                          (self.upstream, self.client, "down")):
            threading.Thread(target=self._pump, args=(source, target, direction),
                             daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, direction: str) -> None:
        passed = 0
        try:
            while not self.closed.is_set():
                data = source.recv(CHUNK)
                if not data:
                    break
                if self.proxy.delay:
                    time.sleep(self.proxy.delay)
                fault = self.proxy.strike(direction, passed + len(data))
                if fault is not None:
                    target.sendall(data[:max(fault.after - passed, 0)])
                    if fault.kind == "stall":  # nothing goes through for a while
                        self.proxy.stopped.wait(fault.hold)
                    self.reset()
                    return
                passed += len(data)
                target.sendall(data)
        except OSError:
            pass
        self.close()  # HTTP never half-closes: one side done, the connection is done

    def reset(self) -> None:
        """Break the connection on both sides like a dropped link (RST, not FIN)."""
        for sock in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close()

    def close(self) -> None:
        self.closed.set()
        for sock in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # wakes the other pump's recv()
            with contextlib.suppress(OSError):
                sock.close()


class FlakyProxy:
    def __init__(self, upstream_port: int, *, upstream_host: str = "127.0.0.1") -> None:
        self.upstream = (upstream_host, upstream_port)
        self.delay = 0.0
        self.canned: bytes | None = None
        self.stopped = threading.Event()
        self._lock = threading.Lock()
        self._armed: list[_Fault] = []
        self._connections: list[_Connection] = []
        self.trips: dict[str, int] = {"cut": 0, "stall": 0}
        self.accepted = 0
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    # faults ----------------------------------------------------------------------------

    def cut(self, *, after: int, times: int = 1, direction: str = "down") -> None:
        """The next ``times`` connections break after ``after`` bytes in ``direction``."""
        with self._lock:
            self._armed.extend(_Fault("cut", direction, after) for _ in range(times))

    def stall(self, *, after: int, hold: float, times: int = 1, direction: str = "down") -> None:
        """The next ``times`` connections stop forwarding after ``after`` bytes, for ``hold``
        seconds (longer than the client's timeout), then drop."""
        with self._lock:
            self._armed.extend(_Fault("stall", direction, after, hold) for _ in range(times))

    def calm(self) -> None:
        """Disarm what has not struck yet; no more delay, no canned answers."""
        with self._lock:
            self._armed.clear()
        self.delay = 0.0
        self.canned = None

    def answer(self, status: int, body: str, *, reason: str = "",
               content_type: str = "text/html; charset=utf-8") -> None:
        """From now on, every request gets this answer instead of the server's."""
        data = body.encode()
        self.canned = (f"HTTP/1.1 {status} {reason or 'Whatever'}\r\n"
                       f"Content-Type: {content_type}\r\nContent-Length: {len(data)}\r\n"
                       "Connection: close\r\n\r\n").encode() + data
        self.drop_all()  # kept-alive connections would still reach the server

    @property
    def armed(self) -> int:
        with self._lock:
            return len(self._armed)

    def strike(self, direction: str, passed: int) -> _Fault | None:
        """The armed fault (if any) that a connection now ``passed`` bytes into
        ``direction`` sets off; it is used up."""
        with self._lock:
            for fault in self._armed:
                if fault.direction == direction and passed > fault.after:
                    self._armed.remove(fault)
                    self.trips[fault.kind] += 1
                    return fault
        return None

    # plumbing --------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            canned = self.canned
            if canned is not None:
                threading.Thread(target=self._answer, args=(client, canned), daemon=True).start()
                continue
            try:
                upstream = socket.create_connection(self.upstream, timeout=10)
                upstream.settimeout(None)
                for end in (client, upstream):  # relay small writes at once (no Nagle)
                    end.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                client.close()
                continue
            with self._lock:
                connection = _Connection(self, client, upstream)
                self._connections.append(connection)
                self.accepted += 1
            connection.start()

    @staticmethod
    def _answer(client: socket.socket, canned: bytes) -> None:
        """Read the request's head, answer, and swallow the rest of the request (a closed
        socket with unread data would reset the connection before the answer is read)."""
        try:
            client.settimeout(10)
            head = b""
            while b"\r\n\r\n" not in head:
                data = client.recv(CHUNK)
                if not data:
                    return
                head += data
            client.sendall(canned)
            client.shutdown(socket.SHUT_WR)
            while client.recv(CHUNK):
                pass
        except OSError:
            pass
        finally:
            client.close()

    def drop_all(self) -> None:
        """Reset every open connection (the Wi-Fi goes away for a moment)."""
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            connection.reset()

    def close(self) -> None:
        self.stopped.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        with contextlib.suppress(OSError):
            self._listener.close()
        self.drop_all()
        self._thread.join(timeout=10)

    def __enter__(self) -> FlakyProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
