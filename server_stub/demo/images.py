"""Raster images for complaints: a photo of a damaged parcel (JPEG), a scanned label (PNG).

Both are drawn as vector shapes on a small page and rasterized with PyMuPDF; ``variant``
varies colours and the shape of the damage, so different complaints get different pictures
while the same variant always gives the same bytes.
"""

from __future__ import annotations

import random
from typing import Any

import pymupdf as _pymupdf

from .pdfcanvas import PdfCanvas

__all__ = ["render_damage_photo", "render_label_scan"]

_fitz: Any = _pymupdf  # PyMuPDF ships no type hints
_ZOOM = _fitz.Matrix(1.5, 1.5)


def _rasterize(canvas: PdfCanvas) -> Any:
    document = canvas.to_document()
    try:
        return document[0].get_pixmap(matrix=_ZOOM, alpha=False)
    finally:
        document.close()


def render_damage_photo(variant: int, caption: str) -> bytes:
    """JPEG of a crushed carton on a warehouse floor, ``caption`` written on its label."""
    rng = random.Random(variant)
    canvas = PdfCanvas(320, 240)
    for band in range(24):  # floor and wall with a soft gradient
        shade = 0.55 + band * 0.012 + rng.uniform(-0.01, 0.01)
        canvas.rect(0, band * 10, 320, 10, fill=(shade, shade * 0.98, shade * 0.93))
    left, top = rng.uniform(60, 90), rng.uniform(60, 80)
    width, height = rng.uniform(150, 180), rng.uniform(100, 120)
    brown = (rng.uniform(0.6, 0.7), rng.uniform(0.45, 0.5), rng.uniform(0.25, 0.3))
    canvas.polygon([(left - 4, top + height + 3), (left + width + 4, top + height + 3),
                    (left + width + 24, top + height - 10), (left + width + 8, top + height - 10)],
                   fill=(0.35, 0.35, 0.35))  # shadow
    canvas.rect(left, top, width, height, fill=brown, stroke=(0.3, 0.2, 0.1))
    canvas.polygon([(left + width, top), (left + width + 18, top - 14),
                    (left + width + 18, top + height - 14), (left + width, top + height)],
                   fill=(brown[0] * 0.75, brown[1] * 0.75, brown[2] * 0.75))  # side
    canvas.polygon([(left, top), (left + 18, top - 14), (left + width + 18, top - 14),
                    (left + width, top)],
                   fill=(min(1.0, brown[0] * 1.15), min(1.0, brown[1] * 1.15), brown[2]))  # top
    canvas.rect(left + width / 2 - 8, top, 16, height, fill=(0.8, 0.72, 0.5))  # tape
    dent_x = left + rng.uniform(20, width - 60)
    dent = [(dent_x, top), (dent_x + 40, top), (dent_x + 30, top + rng.uniform(30, 50)),
            (dent_x + 12, top + rng.uniform(25, 45))]
    canvas.polygon(dent, fill=(0.25, 0.17, 0.08), stroke=(0.15, 0.1, 0.05))
    canvas.rect(left + 12, top + height - 38, 70, 26, fill=(0.97, 0.97, 0.95))
    canvas.text(left + 16, top + height - 26, "FRAGILE", size=8, bold=True,
                color=(0.8, 0.1, 0.1))
    canvas.text(left + 16, top + height - 16, caption[:16], size=6)
    pixmap = _rasterize(canvas)
    return bytes(pixmap.tobytes("jpeg", jpg_quality=72))


def render_label_scan(variant: int, lines: list[str], code: str) -> bytes:
    """PNG of a scanned shipping label: a few text lines and a barcode of ``code``."""
    rng = random.Random(variant)
    canvas = PdfCanvas(300, 200)
    canvas.rect(0, 0, 300, 200, fill=(0.96, 0.96, 0.94))
    canvas.rect(12, 12, 276, 176, fill=(1.0, 1.0, 1.0), stroke=(0.2, 0.2, 0.2))
    for offset, line in enumerate(lines[:5]):
        canvas.text(22, 32 + offset * 14, line, size=9, bold=offset == 0)
    x = 22.0
    for char in code.encode("ascii", errors="replace") * 2:
        for bit in range(6):
            bar = 0.8 + ((char >> bit) & 1) * 1.6
            canvas.rect(x, 120, bar, 40, fill=(0, 0, 0))
            x += bar + 1.2 + rng.choice((0.0, 0.6))
        if x > 270:
            break
    canvas.text(22, 176, code, size=8)
    return bytes(_rasterize(canvas).tobytes("png"))
