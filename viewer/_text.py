"""Plain text, Markdown, JSON, XML and source code: decoded, then laid out as pages."""

from __future__ import annotations

import contextlib
import html
import json

import charset_normalizer

from ._layout import PageSetup, layout_html
from .document import Document
from .limits import Deadline, Limits
from .sniff import MediaType

__all__ = ["decode_text", "open_text"]

_LABELS = {
    MediaType.MARKDOWN: "Markdown",
    MediaType.JSON: "JSON",
    MediaType.XML: "XML",
    MediaType.TEXT: "Text",
}


def decode_text(data: bytes, limits: Limits) -> tuple[str, str]:
    """Decode bytes of unknown encoding; returns (text, encoding name)."""
    data = data[: limits.max_text_bytes]
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, "replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 4 and len(data) == limits.max_text_bytes:
            return data[: exc.start].decode("utf-8"), "utf-8"
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(encoding, "replace"), encoding
    except LookupError:
        return data.decode("cp1252", "replace"), "cp1252"


def open_text(data: bytes, media_type: str, *, deadline: Deadline, limits: Limits) -> Document:
    text, encoding = decode_text(data, limits)
    text = text.replace("\x00", "")
    if media_type == MediaType.JSON and len(text) < 2_000_000:
        with contextlib.suppress(ValueError, RecursionError):  # else shown as it is
            text = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    truncated = len(data) > limits.max_text_bytes
    note = "\n\n[… truncated]" if truncated else ""
    body = f"<pre>{html.escape(text + note)}</pre>"
    pages = layout_html(
        [body], setup=PageSetup(top=48, bottom=48), deadline=deadline, limits=limits
    )
    metadata = {"format": _LABELS.get(media_type, "Text"), "encoding": encoding}
    return Document(
        pages, media_type=media_type, engine="text+pymupdf.Story", metadata=metadata, limits=limits
    )


def open_html(data: bytes, *, deadline: Deadline, limits: Limits) -> Document:
    """An HTML file, sanitised like an e-mail body (no scripts, no remote content)."""
    from ._sanitize import sanitize_html

    text, encoding = decode_text(data, limits)
    body = sanitize_html(text)
    pages = layout_html([body], setup=PageSetup(), deadline=deadline, limits=limits)
    metadata = {"format": "HTML", "encoding": encoding}
    return Document(
        pages, media_type=MediaType.HTML, engine="html+pymupdf.Story", metadata=metadata,
        limits=limits,
    )  # fmt: skip
