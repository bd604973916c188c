"""How stored content goes out: never as something a browser would run.

Every response says ``X-Content-Type-Options: nosniff`` (:class:`NoSniff`). Content and
renditions also get a sandboxing ``Content-Security-Policy``, and only passive types (PDF,
raster images, plain text, audio, video) may be shown ``inline``; everything else (HTML, SVG,
XML, scripts, unknown types) is an ``attachment``, so a document uploaded by one user cannot
run script in another user's session when opened from the API's origin.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CONTENT_SECURITY_POLICY", "NoSniff", "content_headers", "disposition_type"]

#: No script, no plugins, no forms, no network; a browser may still show an image or play media
#: it opened directly (its own synthetic page loads the bytes from 'self').
CONTENT_SECURITY_POLICY = ("sandbox; default-src 'none'; img-src 'self'; media-src 'self'; "
                           "style-src 'unsafe-inline'")

#: Types a browser shows without running anything. ``image/svg+xml`` is not among them.
PASSIVE_TYPES = frozenset({
    "application/pdf", "text/plain", "text/csv",
    "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/tiff",
    "image/avif", "image/heic",
})
_PASSIVE_FAMILIES = ("audio/", "video/")


def disposition_type(media_type: str) -> str:
    """``inline`` for passive types, ``attachment`` for everything else."""
    kind = media_type.split(";")[0].strip().lower()
    return "inline" if kind in PASSIVE_TYPES or kind.startswith(_PASSIVE_FAMILIES) else (
        "attachment")


def content_headers() -> dict[str, str]:
    """The headers of every answer that carries stored content or a rendition of it."""
    return {"Content-Security-Policy": CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options": "nosniff"}


class NoSniff:
    """Adds ``X-Content-Type-Options: nosniff`` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"x-content-type-options"]
                headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_header)
