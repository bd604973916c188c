"""WebP images, which MuPDF cannot decode: Pillow turns them into PNG first."""

from __future__ import annotations

import io
import warnings

from .document import Document
from .errors import DamagedFile, LimitExceeded
from .limits import Limits
from .sniff import MediaType

__all__ = ["open_webp"]


def open_webp(data: bytes, *, limits: Limits) -> Document:
    from PIL import Image

    from ._native import open_native

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > limits.max_pixels:
                    raise LimitExceeded(f"image of {image.width}x{image.height} pixels")
                image.seek(0)
                out = io.BytesIO()
                image.convert("RGBA" if "A" in image.getbands() else "RGB").save(out, "PNG")
    except LimitExceeded:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning, EOFError) as exc:
        raise DamagedFile(f"cannot decode the WebP image: {exc}") from exc
    document = open_native(out.getvalue(), MediaType.PNG, password=None, limits=limits)
    document.media_type = MediaType.WEBP
    return document
