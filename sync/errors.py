"""The engine's exception tree. Callers catch these, never httpx's or SQLAlchemy's.

    SyncError
    ├── Offline            the server cannot be reached (work goes on against the replica)
    ├── AuthError          no or bad credentials; log in again
    ├── ServerError        the server answered, but not as the protocol says (HTML, 5xx)
    ├── RequestRefused     the server refused a request (a problem+json with status and code)
    │   ├── NotFound       404: absent or not visible
    │   ├── Locked         423: someone else's exclusive check-out
    │   └── StaleObject    412: someone was faster
    ├── ReplicaDamaged     the local replica failed its integrity check
    └── UsageError         bad input from the user (unknown file, bad field value, ...)
"""

from __future__ import annotations

from typing import Any

__all__ = ["AuthError", "Locked", "NotFound", "Offline", "ReplicaDamaged", "RequestRefused",
           "ServerError", "StaleObject", "SyncError", "UsageError"]


class SyncError(Exception):
    """Base of every error the engine raises; ``code`` is a stable machine-readable name."""

    code = "sync-error"


class Offline(SyncError):
    code = "offline"


class AuthError(SyncError):
    code = "auth"


class ServerError(SyncError):
    code = "server-error"


class RequestRefused(SyncError):
    code = "refused"

    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        super().__init__(f"{status} {problem.get('code', '')}: {problem.get('detail', '')}")
        self.status = status
        self.problem = problem


class NotFound(RequestRefused):
    code = "not-found"


class Locked(RequestRefused):
    code = "locked"


class StaleObject(RequestRefused):
    code = "stale"


class ReplicaDamaged(SyncError):
    code = "replica-damaged"


class UsageError(SyncError):
    code = "usage"
