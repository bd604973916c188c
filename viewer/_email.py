"""E-mail: `.eml` (stdlib `email`) and Outlook `.msg` (extract-msg).

A message becomes a header block plus its body (sanitised HTML, or plain text) laid out as
pages; its attachments are listed in the header block and offered as `Attachment`s that
`open_document` opens like any other file.
"""

from __future__ import annotations

import html
import itertools
import logging
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from typing import Any

from ._guard import translate_errors
from ._layout import BASE_CSS, PageSetup, layout_html
from ._mupdf import fitz
from ._sanitize import sanitize_html
from .document import Document
from .limits import Deadline, Limits
from .page_data import Attachment
from .sniff import MediaType, sniff_media_type

__all__ = ["open_eml", "open_msg"]

log = logging.getLogger(__name__)

_CSS_EXTRA = """
table.mailhead { border-collapse: collapse; margin-bottom: 10pt; width: 100%; }
table.mailhead td { border: none; border-bottom: 0.5pt solid #ccc; padding: 2pt 4pt; }
table.mailhead td.k { font-weight: bold; color: #444; width: 18%; }
pre.mailbody { font-family: sans-serif; font-size: 10.5pt; }
"""
_MAX_PARTS = 500


@dataclass
class _Mail:
    headers: list[tuple[str, str]]
    body_html: str | None = None
    body_text: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    inline_images: dict[str, bytes] = field(default_factory=dict)


def open_eml(data: bytes, *, deadline: Deadline, limits: Limits) -> Document:
    with translate_errors("parse e-mail", MediaType.EML):
        message = BytesParser(policy=policy.default).parsebytes(data)
        mail = _Mail(headers=_eml_headers(message))
        _eml_parts(message, mail, limits)
    return _render(mail, MediaType.EML, "email+Any", deadline=deadline, limits=limits)


def open_msg(data: bytes, *, deadline: Deadline, limits: Limits) -> Document:
    import extract_msg

    with translate_errors("parse Outlook message", MediaType.MSG):
        message = extract_msg.openMsg(data, strict=False, delayAttachments=False)
        try:
            mail = _msg_mail(message, limits)
        finally:
            message.close()
    return _render(mail, MediaType.MSG, "extract-msg+Any", deadline=deadline, limits=limits)


# -- .eml ---------------------------------------------------------------------------------


def _eml_headers(message: EmailMessage) -> list[tuple[str, str]]:
    found = []
    for name in ("From", "To", "Cc", "Date", "Subject"):
        try:
            value = message.get(name)
        except Exception:  # a malformed header must not hide the rest of the message
            value = None
        if value is not None:
            found.append((name, str(value)))
    return found


def _eml_parts(message: EmailMessage, mail: _Mail, limits: Limits) -> None:
    body = message.get_body(preferencelist=("html", "plain"))
    if body is not None:
        content = _part_text(body, limits)
        if body.get_content_subtype() == "html":
            mail.body_html = content
        else:
            mail.body_text = content
    for number, part in enumerate(itertools.islice(message.walk(), _MAX_PARTS)):
        if part is body or part.is_multipart():
            continue
        filename = part.get_filename()
        content_id = (part.get("Content-ID") or "").strip().strip("<>")
        payload = _payload(part)
        if part.get_content_maintype() == "image" and content_id and not filename:
            mail.inline_images[content_id] = payload
            continue
        listed = filename or part.get_content_disposition() == "attachment"
        if not listed and part.get_content_type() != "message/rfc822":
            continue
        name = filename or f"part-{number}{_extension(part.get_content_type())}"
        if content_id and part.get_content_maintype() == "image":
            mail.inline_images[content_id] = payload
        mail.attachments.append(_attachment(name, payload))


def _part_text(part: Message, limits: Limits) -> str:
    raw = _payload(part)[: limits.max_text_bytes]
    charset = part.get_content_charset() or "utf-8"
    try:
        return raw.decode(charset, "replace")
    except LookupError:
        return raw.decode("cp1252", "replace")


def _payload(part: Message) -> bytes:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            return inner[0].as_bytes()
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _extension(content_type: str) -> str:
    return {"message/rfc822": ".eml", "application/pdf": ".pdf", "text/plain": ".txt"}.get(
        content_type, ".bin"
    )


# -- .msg ---------------------------------------------------------------------------------


def _msg_mail(message: Any, limits: Limits) -> _Mail:
    headers = []
    for label, attribute in (
        ("From", "sender"), ("To", "to"), ("Cc", "cc"), ("Date", "date"), ("Subject", "subject"),
    ):  # fmt: skip
        value = getattr(message, attribute, None)
        if value:
            headers.append((label, str(value)))
    mail = _Mail(headers=headers)
    html_body = getattr(message, "htmlBody", None)
    if isinstance(html_body, bytes) and html_body.strip():
        mail.body_html = html_body[: limits.max_text_bytes].decode("utf-8", "replace")
    else:
        mail.body_text = str(getattr(message, "body", "") or "")[: limits.max_text_bytes]
    for number, item in enumerate(getattr(message, "attachments", [])[:_MAX_PARTS]):
        data = item.data
        if not isinstance(data, bytes):  # an embedded message: offer it as a file, too
            export = getattr(data, "exportBytes", None)
            data = export() if callable(export) else b""
        name = str(
            getattr(item, "longFilename", None)
            or getattr(item, "shortFilename", None)
            or f"attachment-{number}"
        )
        content_id = str(getattr(item, "cid", None) or getattr(item, "contentId", None) or "")
        if content_id:
            mail.inline_images[content_id.strip("<>")] = data
        mail.attachments.append(_attachment(name, data))
    return mail


# -- common -------------------------------------------------------------------------------


def _attachment(name: str, payload: bytes) -> Attachment:
    return Attachment(
        name=name[:255],
        size=len(payload),
        media_type=sniff_media_type(payload, name),
        _load=lambda: payload,
    )


def _render(
    mail: _Mail, media_type: str, engine: str, *, deadline: Deadline, limits: Limits
) -> Document:
    archive = fitz.Archive()
    names: dict[str, str] = {}
    for number, (content_id, payload) in enumerate(mail.inline_images.items()):
        kind = sniff_media_type(payload)
        if kind.startswith("image/") and kind != MediaType.SVG:
            names[content_id] = f"inline-{number}.{kind.split('/')[1]}"
            archive.add((payload, names[content_id]))

    rows = [(k, v) for k, v in mail.headers]
    if mail.attachments:
        listed = ", ".join(f"{a.name} ({_size(a.size)})" for a in mail.attachments)
        rows.append(("Attachments", listed))
    head = "".join(
        f'<tr><td class="k">{html.escape(k)}</td><td>{html.escape(v)}</td></tr>' for k, v in rows
    )
    if mail.body_html is not None:
        body = sanitize_html(mail.body_html, names.get)
    else:
        body = f'<pre class="mailbody">{html.escape(mail.body_text)}</pre>'
    markup = f'<table class="mailhead">{head}</table>{body}'
    with translate_errors("lay out e-mail", media_type):
        pages = layout_html(
            [markup],
            setup=PageSetup(),
            css=BASE_CSS + _CSS_EXTRA,
            archive=archive,
            deadline=deadline,
            limits=limits,
        )
    metadata = {k.lower(): v for k, v in mail.headers}
    metadata["format"] = "E-mail"
    if "subject" in metadata:
        metadata["title"] = metadata["subject"]
    return Document(
        pages,
        media_type=media_type,
        engine=engine,
        metadata=metadata,
        attachments=mail.attachments,
        limits=limits,
    )


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} B"
