"""A bounded cache of rendered pages (least recently used goes first), and the bound of what
MuPDF keeps decoded beside it."""

from __future__ import annotations

import ctypes
import sys
from collections import OrderedDict

from PySide6.QtGui import QImage

__all__ = ["STORE_BUDGET", "PageCache", "RenderKey", "return_freed_pages_to_the_system"]

RenderKey = tuple[int, int, int]  # page, zoom in 1/1000, rotation

STORE_BUDGET = 48 * 1024 * 1024
"""At most this much in MuPDF's store of decoded images and fonts (`viewer._mupdf.trim_store`,
called after each render): by default it keeps up to 256 MB, on top of the page cache."""


class PageCache:
    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._images: OrderedDict[RenderKey, QImage] = OrderedDict()

    def get(self, key: RenderKey) -> QImage | None:
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def any_for_page(self, page: int, rotation: int) -> QImage | None:
        """Some rendering of `page` (another zoom) to show while the right one is made."""
        for (number, _zoom, turned), image in reversed(self._images.items()):
            if number == page and turned == rotation:
                return image
        return None

    def put(self, key: RenderKey, image: QImage, keep: frozenset[RenderKey] = frozenset()) -> None:
        """Add an image; evict the least recently used ones, except those in `keep`
        (the pages on screen: evicting them would only get them rendered again)."""
        if key in self._images:
            self.bytes -= self._images.pop(key).sizeInBytes()
        self._images[key] = image
        self.bytes += image.sizeInBytes()
        keep = keep | {key}
        for old_key in list(self._images):
            if self.bytes <= self.max_bytes:
                break
            if old_key not in keep:
                self.bytes -= self._images.pop(old_key).sizeInBytes()

    def has_room(self, extra: int) -> bool:
        return self.bytes + extra <= self.max_bytes

    def clear(self) -> None:
        self._images.clear()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._images)


_MMAP_THRESHOLD = 1024 * 1024
_malloc_tuned: list[bool] = []


def return_freed_pages_to_the_system() -> None:
    """Have glibc serve every allocation of 1 MiB or more (page pixels: ~3.5 MB each) with its
    own mapping, returned to the system when freed; once per process, Linux/glibc only.

    By default glibc raises that threshold to the size of the largest block freed so far, so
    after the first rendered page the pixel buffers came from the heaps of the render
    threads, where freed ones can stay resident, and peak RSS depends on how renders and
    frees happen to interleave (bench_viewer.py's 500-page scroll: 193 MB without this,
    183 MB with it, here). The cost is an mmap/munmap per rendered page, nothing next to
    rendering it."""
    if _malloc_tuned or not sys.platform.startswith("linux"):
        return
    _malloc_tuned.append(True)
    try:
        libc = ctypes.CDLL(None)
        if not hasattr(libc, "gnu_get_libc_version"):  # musl and others: leave them be
            return
        libc.mallopt(ctypes.c_int(-3), ctypes.c_int(_MMAP_THRESHOLD))  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        return
