"""One document per supported format, rendered and checked (the rows of viewer/FORMATS.md)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest
import samples
from samples import WORD

import viewer
from viewer import MediaType


@dataclass(frozen=True)
class Case:
    make: Callable[[], bytes]
    media_type: str
    has_text: bool
    pages: int = 1
    filename: str | None = None


FORMATS: dict[str, Case] = {
    "pdf": Case(samples.make_pdf, MediaType.PDF, True, pages=3),
    "xps": Case(samples.make_xps, MediaType.XPS, False),
    "epub": Case(samples.make_epub, MediaType.EPUB, True),
    "mobi": Case(samples.make_mobi, MediaType.MOBI, True),
    "fb2": Case(samples.make_fb2, MediaType.FB2, True),
    "cbz": Case(samples.make_cbz, MediaType.CBZ, False, pages=2),
    "svg": Case(samples.make_svg, MediaType.SVG, True),
    "png": Case(samples.make_png, MediaType.PNG, False),
    "jpeg": Case(samples.make_jpeg, MediaType.JPEG, False),
    "gif": Case(samples.make_gif, MediaType.GIF, False),
    "bmp": Case(samples.make_bmp, MediaType.BMP, False),
    "tiff-multipage": Case(samples.make_tiff, MediaType.TIFF, False, pages=2),
    "pnm": Case(samples.make_pnm, MediaType.PNM, False),
    "docx": Case(samples.make_docx, MediaType.DOCX, True),
    "xlsx": Case(samples.make_xlsx, MediaType.XLSX, True, pages=2),
    "csv": Case(samples.make_csv, MediaType.CSV, True),
    "eml": Case(samples.make_eml, MediaType.EML, True),
    "msg": Case(samples.make_msg, MediaType.MSG, True),
    "text": Case(samples.make_text, MediaType.TEXT, True),
    "markdown": Case(samples.make_markdown, MediaType.MARKDOWN, True, filename="notes.md"),
    "json": Case(samples.make_json, MediaType.JSON, True),
    "xml": Case(samples.make_xml, MediaType.XML, True),
    "html": Case(samples.make_html, MediaType.HTML, True),
}


@pytest.mark.parametrize("name", list(FORMATS))
def test_format_opens_renders_and_has_text(name: str) -> None:
    case = FORMATS[name]
    data = case.make()
    with viewer.open_document(data, filename=case.filename) as doc:
        assert doc.media_type == case.media_type
        assert doc.page_count == case.pages
        for index in range(doc.page_count):
            page = doc.render_page(index, zoom=1.5)
            assert not page.is_blank(), f"page {index + 1} is blank"
        if case.has_text:
            assert WORD in doc.text()
            assert doc.search(WORD), "search finds no hit"


def test_jpeg2000_opens() -> None:
    with viewer.open_document(samples.JP2_SAMPLE) as doc:
        assert doc.media_type == MediaType.JP2
        page = doc.render_page(0, zoom=1.0)
    assert (page.width, page.height) == (1, 2)


def test_webp_opens_through_pillow() -> None:
    with viewer.open_document(samples.WEBP_SAMPLE) as doc:
        assert doc.media_type == MediaType.WEBP
        page = doc.render_page(0, zoom=1.0)
    assert page.width >= 1 and page.height >= 1


def test_office_format_without_libreoffice_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(viewer.UnsupportedFormat) as caught:
        viewer.open_document(b"{\\rtf1 hello}")
    assert caught.value.media_type == MediaType.RTF


def test_type_comes_from_content_not_from_name() -> None:
    with viewer.open_document(samples.make_pdf(1), filename="offer.docx") as doc:
        assert doc.media_type == MediaType.PDF
    with pytest.raises(viewer.UnsupportedFormat) as caught:
        viewer.open_document(b"\x00\x01\x02binary" * 100, filename="letter.pdf")
    assert caught.value.media_type == MediaType.OCTET


def test_docx_layout_keeps_structure() -> None:
    with viewer.open_document(samples.make_docx(paragraphs=120)) as doc:
        assert doc.page_count >= 3
        first = doc.page_text(0)
        for expected in ("ACME GmbH — header", "Confidential — footer", "cell 2.2", "step two"):
            assert expected in first
        assert "1." in first and "2." in first  # numbered list
        assert "ACME GmbH — header" in doc.page_text(doc.page_count - 1)
        assert doc.metadata["title"] == "Offer 4711"
        assert doc.metadata["author"] == "Dossier tests"
        laid_out = pymupdf.open("pdf", doc.pdf_bytes())
        assert laid_out[0].get_images(), "the picture is missing"
        heading = laid_out[0].search_for(WORD)[0]
        body = laid_out[0].search_for("Dear")[0]
        assert heading.height > body.height * 1.4  # a heading is set larger


def test_email_is_sanitised_and_attachments_open() -> None:
    with viewer.open_document(samples.make_eml()) as doc:
        text = doc.text()
        assert f"{WORD} complaint" in text and "anna@example.com" in text
        assert "alert" not in text
        assert "[tracker]" in text  # the remote image is dropped, its alt text shown
        (attachment,) = doc.attachments
        assert attachment.name == "invoice.pdf"
        assert attachment.media_type == MediaType.PDF
        with viewer.open_document(attachment.data()) as inner:
            assert "Attached" in inner.text()
        laid_out = pymupdf.open("pdf", doc.pdf_bytes())
        assert laid_out[0].get_images(), "the cid: image is missing"
    indexed = viewer.extract_text(samples.make_eml())
    assert "Attached page 1" in indexed  # the attachment's text is indexed with the mail


def test_msg_shows_headers_body_and_attachment() -> None:
    with viewer.open_document(samples.make_msg()) as doc:
        text = doc.text()
        assert "anna@example.com" in text
        assert f"{WORD} complaint" in text
        (attachment,) = doc.attachments
        assert attachment.name == "invoice.pdf"
        with viewer.open_document(attachment.data()) as inner:
            assert inner.page_count == 1


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-8-sig"])
def test_text_encoding_is_detected(encoding: str) -> None:
    text = viewer.extract_text(samples.make_text(encoding))
    assert "Ärger über Öffnungszeiten" in text


def test_spreadsheet_grid_is_sheet_by_sheet() -> None:
    with viewer.open_document(samples.make_xlsx()) as doc:
        assert "Invoices" in doc.page_text(0) and "Kundenakte 29" in doc.page_text(0)
        assert "second sheet" in doc.page_text(1)
        assert doc.metadata["sheets"] == "2"


def test_office_formats_without_libreoffice_are_unsupported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DOSSIER_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(viewer.UnsupportedFormat) as caught:
        viewer.open_document(b"{\\rtf1\\ansi Hello}")
    assert caught.value.media_type == MediaType.RTF


def test_office_formats_convert_through_libreoffice(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pdf = tmp_path / "rendition.pdf"
    pdf.write_bytes(samples.make_pdf(2, "Converted"))
    fake = tmp_path / "soffice"
    fake.write_text(  # the argument layout LibreOffice gets: ... --outdir DIR FILE
        "#!/bin/sh\n"
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        f'mkdir -p "$2" && cp {pdf} "$2/document.pdf"\n'
    )
    fake.chmod(0o755)
    monkeypatch.setenv("DOSSIER_SOFFICE", str(fake))
    with viewer.open_document(b"{\\rtf1\\ansi Hello}") as doc:
        assert doc.media_type == MediaType.RTF
        assert doc.engine == "libreoffice+pymupdf"
        assert doc.page_count == 2 and "Converted" in doc.text()


def test_zip_bomb_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (40 * 1024 * 1024))
    with pytest.raises(viewer.LimitExceeded):
        viewer.open_document(buffer.getvalue())
    small = viewer.Limits(max_unzipped_bytes=10_000)
    with pytest.raises(viewer.LimitExceeded):
        viewer.open_document(samples.make_docx(), limits=small)


def test_pixel_budget_page_count_and_time_limits() -> None:
    with viewer.open_document(samples.make_pdf(1)) as doc, pytest.raises(viewer.LimitExceeded):
        doc.render_page(0, zoom=20.0)
    with pytest.raises(viewer.LimitExceeded):
        viewer.open_document(samples.make_pdf(5), limits=viewer.Limits(max_pages=4))
    with pytest.raises(viewer.TimedOut):
        viewer.open_document(samples.make_docx(), limits=viewer.Limits(timeout_s=0.0))


def test_extract_text_of_garbage_raises_only_viewer_errors() -> None:
    for garbage in (b"", b"%PDF-1.7\n" + b"\xff" * 100, b"PK\x03\x04" + b"\0" * 50):
        with pytest.raises(viewer.ViewerError):
            viewer.extract_text(garbage)
    with pytest.raises(viewer.Unreadable):
        viewer.extract_text("/nonexistent/file.pdf")
