"""A minimal, reproducible ZIP writer for OOXML packages.

python-docx compresses every part on every save, including ~800 KB of unchanged style XML per
document. This writer compresses each distinct large part once (cached) and stamps every entry
with a fixed time, which makes DOCX output both fast and byte-for-byte reproducible.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from datetime import datetime

__all__ = ["write_zip"]

_CACHE: dict[bytes, tuple[int, bytes]] = {}
_CACHE_MIN_SIZE = 4096
_CACHE_LIMIT = 64


def _deflate(data: bytes) -> tuple[int, bytes]:
    cached = _CACHE.get(data) if len(data) >= _CACHE_MIN_SIZE else None
    if cached is not None:
        return cached
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    result = (zlib.crc32(data), compressor.compress(data) + compressor.flush())
    if len(data) >= _CACHE_MIN_SIZE and len(_CACHE) < _CACHE_LIMIT:
        _CACHE[data] = result
    return result


def _dos_stamp(moment: datetime) -> tuple[int, int]:
    year = min(max(moment.year, 1980), 2107)
    time = (moment.hour << 11) | (moment.minute << 5) | (moment.second // 2)
    day = ((year - 1980) << 9) | (moment.month << 5) | moment.day
    return time, day


def write_zip(entries: Iterable[tuple[str, bytes]], *, stamp: datetime) -> bytes:
    """A deflated ZIP archive of ``(name, data)`` entries in the given order."""
    time, day = _dos_stamp(stamp)
    body = bytearray()
    directory = bytearray()
    count = 0
    for name, data in entries:
        encoded = name.encode("utf-8")
        crc, packed = _deflate(data)
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x0800, 8, time, day, crc,
                            len(packed), len(data), len(encoded), 0)
        body += encoded + packed
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x0800, 8, time,
                                 day, crc, len(packed), len(data), len(encoded), 0, 0, 0, 0,
                                 0o644 << 16, offset)
        directory += encoded
        count += 1
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), len(body), 0)
    return bytes(body + directory + end)
