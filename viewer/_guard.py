"""Turning engine exceptions into the viewer's typed errors."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import DamagedFile, LimitExceeded, ViewerError

__all__ = ["translate_errors"]

log = logging.getLogger(__name__)


@contextmanager
def translate_errors(what: str, media_type: str | None = None) -> Iterator[None]:
    """Let `ViewerError`s through; turn anything else an engine raises into one."""
    try:
        yield
    except ViewerError:
        raise
    except MemoryError as exc:
        raise LimitExceeded(f"{what}: out of memory", media_type=media_type) from exc
    except RecursionError as exc:
        raise DamagedFile(f"{what}: nesting too deep", media_type=media_type) from exc
    except Exception as exc:  # engines raise anything from ValueError to FzErrorFormat
        log.debug("%s failed", what, exc_info=True)
        message = f"{what}: {type(exc).__name__}: {exc}"[:300]
        raise DamagedFile(message, media_type=media_type) from exc
