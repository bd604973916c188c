"""Zip-bomb guard for ZIP-based formats (DOCX, XLSX, EPUB, CBZ, XPS, ODF)."""

from __future__ import annotations

import io
import zipfile

from .errors import DamagedFile, LimitExceeded
from .limits import Limits

__all__ = ["check_zip"]


def check_zip(data: bytes, limits: Limits, media_type: str) -> None:
    """Refuse archives whose declared members would decompress past the limits.

    Python's `zipfile` never reads more than a member's declared size, so checking the
    central directory bounds what the python-docx/openpyxl engines can inflate; MuPDF
    gets the same check before it sees the archive.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise DamagedFile(f"broken ZIP container: {exc}", media_type=media_type) from exc
    if len(infos) > limits.max_zip_members:
        raise LimitExceeded(f"{len(infos)} ZIP members", media_type=media_type)
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > limits.max_compression_ratio:
            raise LimitExceeded(
                f"ZIP member {info.filename!r} inflates {ratio:.0f}x", media_type=media_type
            )
    if total > limits.max_unzipped_bytes:
        raise LimitExceeded(f"ZIP content of {total} bytes", media_type=media_type)
