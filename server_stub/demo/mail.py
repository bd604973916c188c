"""RFC 5322 e-mails (``.eml``) with reproducible bytes: fixed Message-ID, date and boundary."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

__all__ = ["EML_MEDIA_TYPE", "Attachment", "render_email"]

EML_MEDIA_TYPE = "message/rfc822"
Attachment = tuple[str, str, bytes]  # filename, media type, content


def render_email(*, sender: str, recipient: str, subject: str, body: str, sent: datetime,
                 message_id: str, in_reply_to: str | None = None,
                 attachments: Sequence[Attachment] = ()) -> bytes:
    """A plain-text e-mail, multipart/mixed when it has attachments; CRLF line endings."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    message.set_content(body)
    for filename, media_type, content in attachments:
        maintype, subtype = media_type.split("/", 1)
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    if attachments:
        # The default boundary is random; derive it from the message instead.
        digest = hashlib.sha256(message_id.encode()).hexdigest()[:24]
        message.set_boundary(f"=_dossier_{digest}")
    return message.as_bytes()
