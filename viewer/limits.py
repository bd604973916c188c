"""Safety limits applied to every document, and a deadline helper for long operations."""

from __future__ import annotations

import time
from dataclasses import dataclass

from .errors import TimedOut

__all__ = ["DEFAULT_LIMITS", "Deadline", "Limits"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep a hostile or broken file from exhausting the machine.

    - `max_pixels`: pixel budget of one rendered page (width * height).
    - `max_pages`: page-count sanity; larger documents are refused.
    - `max_unzipped_bytes`: total declared size of the members of a ZIP-based format.
    - `max_zip_members`: number of members of a ZIP-based format.
    - `max_compression_ratio`: per-member uncompressed/compressed ratio (zip bombs).
    - `max_input_bytes`: size of the file itself.
    - `max_text_bytes`: text-like formats (text, CSV, e-mail bodies) are cut at this size.
    - `max_sheet_cells`: cells read per spreadsheet, over all sheets.
    - `timeout_s`: wall-clock limit of one operation (open, render, extract).
    """

    max_pixels: int = 40_000_000
    max_pages: int = 20_000
    max_unzipped_bytes: int = 300 * 1024 * 1024
    max_zip_members: int = 20_000
    max_compression_ratio: float = 200.0
    max_input_bytes: int = 512 * 1024 * 1024
    max_text_bytes: int = 4 * 1024 * 1024
    max_sheet_cells: int = 200_000
    timeout_s: float = 30.0


DEFAULT_LIMITS = Limits()


class Deadline:
    """A point in time after which `check()` raises `TimedOut`."""

    __slots__ = ("_end", "_what")

    def __init__(self, seconds: float, what: str = "operation") -> None:
        self._end = time.monotonic() + seconds
        self._what = what

    @property
    def remaining(self) -> float:
        return max(0.0, self._end - time.monotonic())

    def check(self) -> None:
        if time.monotonic() > self._end:
            raise TimedOut(f"{self._what} exceeded its time limit")
