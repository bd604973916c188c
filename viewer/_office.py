"""Everything else an office suite reads: a PDF rendition through LibreOffice headless."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import DamagedFile, TimedOut, UnsupportedFormat
from .limits import Deadline, Limits
from .sniff import MediaType

__all__ = ["OFFICE_TYPES", "convert_with_office", "find_soffice"]

log = logging.getLogger(__name__)

# media type -> file extension LibreOffice expects for its import filter
OFFICE_TYPES: dict[str, str] = {
    MediaType.DOC: ".doc",
    MediaType.XLS: ".xls",
    MediaType.PPT: ".ppt",
    MediaType.PPTX: ".pptx",
    MediaType.RTF: ".rtf",
    MediaType.ODF_PREFIX + "text": ".odt",
    MediaType.ODF_PREFIX + "spreadsheet": ".ods",
    MediaType.ODF_PREFIX + "presentation": ".odp",
    MediaType.ODF_PREFIX + "graphics": ".odg",
}


def find_soffice() -> str | None:
    """The LibreOffice binary: `$DOSSIER_SOFFICE`, else `soffice`/`libreoffice` on PATH."""
    configured = os.environ.get("DOSSIER_SOFFICE")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_office(
    data: bytes, media_type: str, *, deadline: Deadline, limits: Limits
) -> bytes:
    """PDF bytes of `data` converted by LibreOffice; `UnsupportedFormat` when not installed."""
    binary = find_soffice()
    if binary is None or media_type not in OFFICE_TYPES:
        raise UnsupportedFormat(f"no preview for {media_type}", media_type=media_type)
    with tempfile.TemporaryDirectory(prefix="dossier-office-") as tmp:
        folder = Path(tmp)
        source = folder / f"document{OFFICE_TYPES[media_type]}"
        source.write_bytes(data)
        command = [
            binary,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            subprocess.run(
                command,
                check=False,
                capture_output=True,
                timeout=max(deadline.remaining, 1.0),
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as exc:
            raise TimedOut("LibreOffice conversion timed out", media_type=media_type) from exc
        except OSError as exc:
            raise UnsupportedFormat(
                f"LibreOffice failed to start: {exc}", media_type=media_type
            ) from exc
        result = folder / "out" / "document.pdf"
        if not result.is_file():
            raise DamagedFile("LibreOffice could not convert the file", media_type=media_type)
        return result.read_bytes()
