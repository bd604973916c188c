"""Content sniffing: the media type of a document from its bytes, never from its name.

The file name is used only to refine *text* content (a `.csv` name picks the grid engine,
`.md` the text engine with Markdown as its label); binary formats are recognised by their
magic bytes or, for ZIP and OLE containers, by their members.
"""

from __future__ import annotations

import io
import re
import zipfile

__all__ = ["MediaType", "sniff_media_type"]


class MediaType:
    """Media types the viewer knows (plain strings, so they travel over JSON)."""

    PDF = "application/pdf"
    XPS = "application/vnd.ms-xpsdocument"
    OXPS = "application/oxps"
    EPUB = "application/epub+zip"
    MOBI = "application/x-mobipocket-ebook"
    FB2 = "application/x-fictionbook+xml"
    CBZ = "application/vnd.comicbook+zip"
    SVG = "image/svg+xml"
    PNG = "image/png"
    JPEG = "image/jpeg"
    GIF = "image/gif"
    BMP = "image/bmp"
    TIFF = "image/tiff"
    WEBP = "image/webp"
    JP2 = "image/jp2"
    PNM = "image/x-portable-anymap"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ODF_PREFIX = "application/vnd.oasis.opendocument."
    EML = "message/rfc822"
    MSG = "application/vnd.ms-outlook"
    DOC = "application/msword"
    XLS = "application/vnd.ms-excel"
    PPT = "application/vnd.ms-powerpoint"
    OLE = "application/x-ole-storage"
    OOXML_ENCRYPTED = "application/x-ooxml-encrypted"
    RTF = "application/rtf"
    ZIP = "application/zip"
    CSV = "text/csv"
    TEXT = "text/plain"
    MARKDOWN = "text/markdown"
    JSON = "application/json"
    XML = "application/xml"
    HTML = "text/html"
    OCTET = "application/octet-stream"


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", MediaType.PNG),
    (b"\xff\xd8\xff", MediaType.JPEG),
    (b"GIF87a", MediaType.GIF),
    (b"GIF89a", MediaType.GIF),
    (b"II*\x00", MediaType.TIFF),
    (b"MM\x00*", MediaType.TIFF),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", MediaType.JP2),
    (b"\xffO\xffQ", MediaType.JP2),
    (b"{\\rtf", MediaType.RTF),
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PNM = re.compile(rb"\AP[1-7][ \t\r\n]")
_EMAIL_HEADER = re.compile(rb"^([A-Za-z][A-Za-z0-9-]{0,60}):[ \t]?", re.MULTILINE)
_EMAIL_KNOWN = {
    b"from", b"to", b"subject", b"date", b"message-id", b"received", b"return-path",
    b"mime-version", b"content-type", b"cc", b"delivered-to", b"reply-to",
}  # fmt: skip
_TEXT_NAMES = {
    ".md": MediaType.MARKDOWN, ".markdown": MediaType.MARKDOWN,
    ".json": MediaType.JSON, ".xml": MediaType.XML,
    ".csv": MediaType.CSV, ".tsv": MediaType.CSV,
}  # fmt: skip


def sniff_media_type(data: bytes, filename: str | None = None) -> str:
    """Return the media type of `data`; `MediaType.OCTET` when nothing fits."""
    head = data[:4096]
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    if b"%PDF-" in head[:1024]:
        return MediaType.PDF
    if head.startswith(b"BM") and len(head) >= 26 and head[6:10] == b"\0\0\0\0":
        return MediaType.BMP
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return MediaType.WEBP
    if _PNM.match(head):
        return MediaType.PNM
    if head[60:68] == b"BOOKMOBI":
        return MediaType.MOBI
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if head.startswith(_OLE_MAGIC):
        return _sniff_ole(data)
    if b"\x00" in head and not _utf16_bom(head):
        return MediaType.OCTET
    return _sniff_text(head, filename)


def _utf16_bom(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size < 200:
                    declared = archive.read("mimetype").decode("ascii", "replace").strip()
                    if declared == MediaType.EPUB or declared.startswith(MediaType.ODF_PREFIX):
                        return declared
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return MediaType.ZIP
    members = set(names)
    if "word/document.xml" in members:
        return MediaType.DOCX
    if "xl/workbook.xml" in members:
        return MediaType.XLSX
    if "ppt/presentation.xml" in members:
        return MediaType.PPTX
    if "FixedDocumentSequence.fdseq" in members:
        return MediaType.XPS
    if "FixedDocumentSequence.fdseq" in {n.rsplit("/", 1)[-1] for n in names}:
        return MediaType.OXPS
    files = [n for n in names if not n.endswith("/")]
    image_ext = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".jp2")
    images = [n for n in files if n.lower().endswith(image_ext)]
    if images and all(n in images or n.endswith(".xml") for n in files):
        return MediaType.CBZ
    return MediaType.ZIP


def _sniff_ole(data: bytes) -> str:
    # Stream names of the compound file's directory are stored as UTF-16LE; scanning
    # the bytes is enough to tell the container kinds apart without parsing the FAT.
    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("__substg1.0_") or has("__properties_version1.0"):
        return MediaType.MSG
    if has("EncryptionInfo") and has("EncryptedPackage"):
        return MediaType.OOXML_ENCRYPTED
    if has("WordDocument"):
        return MediaType.DOC
    if has("Workbook") or has("Book"):
        return MediaType.XLS
    if has("PowerPoint Document"):
        return MediaType.PPT
    return MediaType.OLE


def _sniff_text(head: bytes, filename: str | None) -> str:
    text = _decode_head(head)
    if text is None:
        return MediaType.OCTET
    stripped = text.lstrip("\ufeff \t\r\n")
    lowered = stripped[:512].lower()
    if lowered.startswith("<?xml") or lowered.startswith("<"):
        if "<fictionbook" in text[:2048].lower():
            return MediaType.FB2
        if re.search(r"<svg[\s>]", text[:2048], re.IGNORECASE):
            return MediaType.SVG
        if lowered.startswith(("<!doctype html", "<html")):
            return MediaType.HTML
        return MediaType.XML
    if _looks_like_email(head):
        return MediaType.EML
    suffix = _suffix(filename)
    if suffix in _TEXT_NAMES:
        return _TEXT_NAMES[suffix]
    if stripped[:1] in ("{", "["):
        return MediaType.JSON
    if _looks_like_csv(text):
        return MediaType.CSV
    return MediaType.TEXT


def _decode_head(head: bytes) -> str | None:
    if _utf16_bom(head):
        return head.decode("utf-16", "replace")
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a multi-byte character cut at the end
            return head[: exc.start].decode("utf-8")
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls > len(head) // 100:
        return None
    return head.decode("latin-1")


def _looks_like_email(head: bytes) -> bool:
    block = head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    lines = [ln for ln in block.splitlines() if ln and not ln[:1].isspace()]
    if len(lines) < 2:
        return False
    names = []
    for line in lines:
        if line.startswith(b"From "):  # mbox separator
            continue
        match = _EMAIL_HEADER.match(line)
        if not match:
            return False
        names.append(match.group(1).lower())
    return len(set(names) & _EMAIL_KNOWN) >= 2


def _looks_like_csv(text: str) -> bool:
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    if len(lines) < 2:
        return False
    if len(text) >= 4096:
        lines = lines[:-1]  # the last line may be cut
    for sep in (",", ";", "\t"):
        counts = {ln.count(sep) for ln in lines}
        if len(counts) == 1 and counts.pop() >= 1:
            return True
    return False


def _suffix(filename: str | None) -> str:
    if not filename or "." not in filename:
        return ""
    return "." + filename.rsplit(".", 1)[1].lower()
