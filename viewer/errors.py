"""The viewer's exception tree: every failure the core reports is a `ViewerError`."""

from __future__ import annotations

__all__ = [
    "DamagedFile",
    "LimitExceeded",
    "PasswordRequired",
    "TimedOut",
    "Unreadable",
    "UnsupportedFormat",
    "ViewerError",
    "WorkerCrashed",
    "WrongPassword",
]


class ViewerError(Exception):
    """Base of every error the viewer core raises.

    `code` is a stable, machine-readable name (for the UI's translated messages and the
    server's API responses); the message is for logs, not for end users.
    """

    code = "viewer_error"

    def __init__(self, message: str = "", *, media_type: str | None = None) -> None:
        super().__init__(message or self.code)
        self.media_type = media_type


class UnsupportedFormat(ViewerError):
    """No engine can show this content; `media_type` is what the content was sniffed as."""

    code = "unsupported_format"


class Unreadable(ViewerError):
    """The source could not be read at all (missing file, no permission, I/O error)."""

    code = "unreadable"


class PasswordRequired(ViewerError):
    """The document is encrypted and no password was given."""

    code = "password_required"


class WrongPassword(PasswordRequired):
    """A password was given but does not open the document."""

    code = "wrong_password"


class DamagedFile(ViewerError):
    """The content claims a known format but cannot be read."""

    code = "damaged_file"


class LimitExceeded(ViewerError):
    """The document exceeds a safety limit (pixels, pages, decompressed size, ...)."""

    code = "limit_exceeded"


class TimedOut(LimitExceeded):
    """An operation ran longer than its time limit."""

    code = "timed_out"


class WorkerCrashed(DamagedFile):
    """The isolated worker process died while handling the document."""

    code = "worker_crashed"
