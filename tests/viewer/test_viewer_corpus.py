"""Every file of the shared corpus opens, renders non-blank and yields its text."""

from __future__ import annotations

from pathlib import Path

import pytest
from samples import corpus_files

import viewer

# Files whose pages really are empty: python-docx's core-properties fixture has no body.
EMPTY_PAGES = {"doc-coreprops.docx"}
# Files without a text layer (pictures) or whose text is only table borders/pictures.
NO_TEXT = {"having-images.docx", "tbl-having-tables.docx", "doc-coreprops.docx"}
PASSWORD = "openpassword"


def _open(path: Path) -> viewer.Document:
    doc = viewer.open_document(path)
    if doc.needs_password:
        doc.unlock(PASSWORD)
    return doc


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_file_opens_and_every_page_renders(path: Path) -> None:
    with _open(path) as doc:
        assert doc.page_count >= 1
        for index in range(doc.page_count):
            page = doc.render_page(index, zoom=0.5)
            assert page.width > 0 and page.height > 0
            if path.name not in EMPTY_PAGES:
                assert not page.is_blank(), f"page {index + 1} is blank"


@pytest.mark.parametrize(
    "path",
    [p for p in corpus_files() if p.suffix in (".pdf", ".docx") and p.name not in NO_TEXT],
    ids=lambda p: p.name,
)
def test_corpus_file_with_text_yields_text(path: Path) -> None:
    with _open(path) as doc:
        text = doc.text()
    assert len(text.strip()) > 10
    assert viewer.extract_text(path, password=PASSWORD).strip()


def test_arabic_text_comes_out_and_is_found(corpus: Path) -> None:
    path = corpus / "pdf" / "habibi.pdf"
    assert "حَبيبي" in viewer.extract_text(path)
    with viewer.open_document(path) as doc:
        hits = doc.search("حَبيبي")
    assert hits and all(hit.page == 0 for hit in hits)
    x0, y0, x1, y1 = hits[0].rect
    assert x1 > x0 and y1 > y0


def test_encrypted_pdf_asks_for_the_password(corpus: Path) -> None:
    path = corpus / "pdf" / "libreoffice-writer-password.pdf"
    with viewer.open_document(path) as doc:
        assert doc.needs_password
        assert doc.page_count == 0
        with pytest.raises(viewer.PasswordRequired):
            doc.render_page(0)
        with pytest.raises(viewer.WrongPassword):
            doc.unlock("guess")
        assert doc.needs_password
        doc.unlock(PASSWORD)
        assert not doc.needs_password
        assert "Lorem ipsum" in doc.page_text(0)
        assert doc.metadata["encrypted"] == "yes"


def test_wrong_password_is_a_typed_error(corpus: Path) -> None:
    path = corpus / "pdf" / "libreoffice-writer-password.pdf"
    with pytest.raises(viewer.WrongPassword):
        viewer.open_document(path, password="guess")
    with pytest.raises(viewer.PasswordRequired):
        viewer.extract_text(path)
    assert "Lorem ipsum" in viewer.extract_text(path, password=PASSWORD)


def test_pdf_attachment_is_listed_and_opens(corpus: Path) -> None:
    with viewer.open_document(corpus / "pdf" / "with-attachment.pdf") as doc:
        (attachment,) = doc.attachments
        assert attachment.name == "image.png"
        assert attachment.size == len(attachment.data()) > 0
        assert attachment.media_type == viewer.MediaType.PNG
        with viewer.open_document(attachment.data()) as inner:
            assert not inner.render_page(0).is_blank()


def test_outline_points_at_pages(corpus: Path) -> None:
    with viewer.open_document(corpus / "pdf" / "pdflatex-outline.pdf") as doc:
        outline = doc.outline
    assert [item.title for item in outline[:3]] == ["Foo", "Bar", "Baz"]
    assert all(0 <= item.page < 4 for item in outline)


def test_multi_page_pdf_search_thumbnail_and_words(corpus: Path) -> None:
    with viewer.open_document(corpus / "pdf" / "pdflatex-4-pages.pdf") as doc:
        hits = doc.search("meaning")
        assert {hit.page for hit in hits} >= {0}
        thumb = doc.thumbnail(1, 128)
        assert max(thumb.width, thumb.height) == 128
        words = doc.page_words(0)
        assert any(word.text == "Hello," for word in words)
        png = doc.render_page(0, zoom=0.3, rotation=90).to_png()
        assert png.startswith(b"\x89PNG")
        rotated = doc.render_page(0, zoom=0.3, rotation=90)
        assert rotated.width > rotated.height  # a portrait page turned on its side


def test_annotations_and_form_fields_are_drawn(corpus: Path) -> None:
    import pymupdf

    for name in ("annotated_pdf.pdf", "pdflatex-forms.pdf"):
        path = corpus / "pdf" / name
        with viewer.open_document(path) as doc:
            shown = doc.render_page(0).samples
        bare = pymupdf.open(path)[0].get_pixmap(annots=False, alpha=False).samples
        assert shown != bare, f"{name}: annotations/widgets not drawn"
