"""Sample documents made by the tests, one per format the viewer supports.

Each maker returns bytes with some known text (`WORD`) where the format carries text, so a
test can check both the rendering and the text layer. Binary image formats MuPDF cannot
write (GIF, BMP, TIFF) are encoded by hand here; tiny public feature-detection images stand
in for JPEG 2000 and WebP.
"""

from __future__ import annotations

import base64
import csv
import io
import struct
import zipfile
import zlib
from email.message import EmailMessage
from pathlib import Path

import pymupdf

WORD = "Kundenakte"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
if not CORPUS.is_dir():  # the checkout sits at /work/main, the corpus at /work/shared
    CORPUS = Path("/work/shared/corpus")

# 1x2 JPEG 2000 code stream and a 16x8 WebP, as used by browsers' feature detection.
JP2_SAMPLE = base64.b64decode(
    "/0//UQAyAAAAAAABAAAAAgAAAAAAAAAAAAAABAAAAAQAAAAAAAAAAAAEBwEBBwEBBwEBBwEB/1IADAAAAAEAAAQEAA"
    "H/XAAEQED/ZAAlAAFDcmVhdGVkIGJ5IE9wZW5KUEVHIHZlcnNpb24gMi4wLjD/kAAKAAAAAABYAAH/UwAJAQAABAQA"
    "Af9dAAUBQED/UwAJAgAABAQAAf9dAAUCQED/UwAJAwAABAQAAf9dAAUDQED/k8+kEAGvz6QQAa/PpBABr994EAk//9k="
)
WEBP_SAMPLE = base64.b64decode(
    "UklGRpoAAABXRUJQVlA4WAoAAAAQAAAADwAABwAAQUxQSDIAAAARL0AmbZurmr57yyIiqE8oiG0bejIYEQTgqiDA9v"
    "qnsUSI6H+oAERp2HZ65qP/VIAWAFZQOCBCAAAA8AEAnQEqEAAIAAVAfCWkAALp8sF8rgRgAP7o9FDvMCkMde9PK7eu"
    "H5M1m6VWoDXf2FkP3BqV0ZYbO6NA/VFIAAAA"
)


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix not in (".txt", ".md"))


# -- PDF and images ----------------------------------------------------------------------


def make_pdf(pages: int = 3, text: str = WORD) -> bytes:
    doc = pymupdf.open()
    for number in range(pages):
        page = doc.new_page()
        page.insert_text((72, 72), f"{text} page {number + 1}", fontsize=18)
        page.draw_rect(pymupdf.Rect(72, 100, 300, 200), color=(0, 0, 1), fill=(0.8, 0.9, 1))
    return bytes(doc.tobytes())


def _picture(width: int = 64, height: int = 48) -> pymupdf.Pixmap:
    """An RGB pixmap with a diagonal pattern (never one colour)."""
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, width, height), False)
    pixmap.clear_with(255)
    for y in range(height):
        for x in range(width):
            if (x + y) % 16 < 8:
                pixmap.set_pixel(x, y, (200, 30, 30))
    return pixmap


def _rows(width: int, height: int) -> list[list[tuple[int, int, int]]]:
    pixmap = _picture(width, height)
    return [[tuple(pixmap.pixel(x, y)) for x in range(width)] for y in range(height)]  # type: ignore[misc]


def make_png() -> bytes:
    return bytes(_picture().tobytes("png"))


def make_jpeg() -> bytes:
    return bytes(_picture().tobytes("jpg"))


def make_pnm() -> bytes:
    return bytes(_picture().tobytes("pnm"))


def make_bmp(width: int = 64, height: int = 48) -> bytes:
    row_size = (width * 3 + 3) & ~3
    pixels = bytearray()
    for row in reversed(_rows(width, height)):
        line = b"".join(bytes((b, g, r)) for r, g, b in row)
        pixels += line + b"\0" * (row_size - len(line))
    header = struct.pack("<2sIHHI", b"BM", 54 + len(pixels), 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return header + info + bytes(pixels)


def make_gif(width: int = 64, height: int = 48) -> bytes:
    """A two-colour GIF whose LZW stream holds only literal 8-bit codes.

    With a minimum code size of 7 the codes stay 8 bits wide as long as a clear code
    comes before the code table fills up, so no compression logic is needed.
    """
    palette = bytes((255, 255, 255, 200, 30, 30)) + bytes(3 * 126)
    indices = [1 if px != (255, 255, 255) else 0 for row in _rows(width, height) for px in row]
    codes = bytearray()
    for start in range(0, len(indices), 100):
        codes.append(128)  # clear
        codes.extend(indices[start : start + 100])
    codes.append(129)  # end of information
    blocks = b"".join(
        bytes((len(codes[i : i + 255]),)) + bytes(codes[i : i + 255])
        for i in range(0, len(codes), 255)
    )
    screen = struct.pack("<6sHHBBB", b"GIF89a", width, height, 0x86, 0, 0)
    image = struct.pack("<BHHHHB", 0x2C, 0, 0, width, height, 0)
    return screen + palette + image + bytes((7,)) + blocks + b"\0;"


def make_tiff(pages: int = 2, width: int = 64, height: int = 48) -> bytes:
    """A multi-page, uncompressed RGB TIFF (little-endian)."""
    strips = [
        b"".join(bytes(px) for row in _rows(width, height) for px in row) for _ in range(pages)
    ]
    out = bytearray(b"II*\x00" + struct.pack("<I", 0))
    offsets = []
    for strip in strips:
        offsets.append(len(out))
        out += strip
    bps_offset = len(out)
    out += struct.pack("<HHH", 8, 8, 8)
    ifd_offsets = []
    for number, strip_offset in enumerate(offsets):
        ifd_offsets.append(len(out))
        entries = [
            (256, 3, 1, width), (257, 3, 1, height), (258, 3, 3, bps_offset), (259, 3, 1, 1),
            (262, 3, 1, 2), (273, 4, 1, strip_offset), (277, 3, 1, 3), (278, 3, 1, height),
            (279, 4, 1, len(strips[number])), (284, 3, 1, 1),
        ]  # fmt: skip
        out += struct.pack("<H", len(entries))
        for tag, kind, count, value in entries:
            out += struct.pack("<HHII", tag, kind, count, value)
        out += struct.pack("<I", 0)  # patched below
    for number, offset in enumerate(ifd_offsets):
        following = ifd_offsets[number + 1] if number + 1 < len(ifd_offsets) else 0
        end = offset + 2 + 10 * 12
        out[end : end + 4] = struct.pack("<I", following)
    out[4:8] = struct.pack("<I", ifd_offsets[0])
    return bytes(out)


def make_svg() -> bytes:
    return (
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
        '<rect x="10" y="10" width="180" height="80" fill="#8ad"/>'
        f'<text x="20" y="60" font-size="20">{WORD}</text></svg>'
    ).encode()


# -- e-books and containers --------------------------------------------------------------


def _zip(members: dict[str, bytes], stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(stored_first, members.pop(stored_first), zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def make_epub() -> bytes:
    chapter = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
        f"<head><title>C1</title></head><body><h1>Chapter</h1><p>{WORD} epub text.</p>"
        "</body></html>"
    )
    opf = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" '
        'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<dc:title>Sample</dc:title><dc:identifier id="id">x</dc:identifier></metadata>'
        '<manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>'
        '</manifest><spine><itemref idref="c1"/></spine></package>'
    )
    container = (
        '<?xml version="1.0"?><container version="1.0" '
        'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
        '<rootfile full-path="content.opf" media-type="application/oebps-package+xml"/>'
        "</rootfiles></container>"
    )
    return _zip(
        {
            "mimetype": b"application/epub+zip",
            "META-INF/container.xml": container.encode(),
            "content.opf": opf.encode(),
            "c1.xhtml": chapter.encode(),
        },
        stored_first="mimetype",
    )


def make_fb2() -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0"><description>'
        "<title-info><book-title>Sample</book-title></title-info></description>"
        f"<body><section><title><p>Chapter</p></title><p>{WORD} fb2 text.</p></section></body>"
        "</FictionBook>"
    ).encode()


def make_cbz() -> bytes:
    return _zip({"page1.png": make_png(), "page2.jpg": make_jpeg()})


def make_xps() -> bytes:
    page = (
        '<FixedPage xmlns="http://schemas.microsoft.com/xps/2005/06" Width="816" Height="1056" '
        'xml:lang="en"><Path Data="M 96,96 L 700,96 L 700,400 L 96,400 Z" Fill="#FF3366CC"/>'
        "</FixedPage>"
    )
    return _zip(
        {
            "[Content_Types].xml": (
                b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                b'2006/content-types"><Default Extension="fdseq" ContentType="application/'
                b'vnd.ms-package.xps-fixeddocumentsequence+xml"/><Default Extension="fdoc" '
                b'ContentType="application/vnd.ms-package.xps-fixeddocument+xml"/><Default '
                b'Extension="fpage" ContentType="application/vnd.ms-package.xps-fixedpage+xml"/>'
                b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                b'relationships+xml"/></Types>'
            ),
            "_rels/.rels": (
                b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                b'package/2006/relationships"><Relationship Type="http://schemas.microsoft.com/'
                b'xps/2005/06/fixedrepresentation" Target="/FixedDocumentSequence.fdseq" '
                b'Id="R0"/></Relationships>'
            ),
            "FixedDocumentSequence.fdseq": (
                b'<FixedDocumentSequence xmlns="http://schemas.microsoft.com/xps/2005/06">'
                b'<DocumentReference Source="/Documents/1/FixedDocument.fdoc"/>'
                b"</FixedDocumentSequence>"
            ),
            "Documents/1/FixedDocument.fdoc": (
                b'<FixedDocument xmlns="http://schemas.microsoft.com/xps/2005/06">'
                b'<PageContent Source="/Documents/1/Pages/1.fpage"/></FixedDocument>'
            ),
            "Documents/1/Pages/1.fpage": page.encode(),
        }
    )


def make_mobi() -> bytes:
    """A minimal uncompressed MOBI (PalmDB + PalmDOC + MOBI headers, one text record)."""
    text = f"<html><body><p>{WORD} mobi text.</p></body></html>".encode()
    mobi_header = bytearray(232)
    mobi_header[0:4] = b"MOBI"
    struct.pack_into(">IIII", mobi_header, 4, 232, 2, 65001, 1)  # length, book, UTF-8, uid
    struct.pack_into(">I", mobi_header, 20, 6)  # file version
    struct.pack_into(">I", mobi_header, 64, 0xFFFFFFFF)  # first non-book record
    struct.pack_into(">I", mobi_header, 80, 0xFFFFFFFF)  # first image record
    palmdoc = struct.pack(">HHIHHHH", 1, 0, len(text), 1, 4096, 0, 0)
    record0 = palmdoc + bytes(mobi_header)
    records = [record0, text, b"\xe9\x8e\r\n"]
    header_size = 78 + 8 * len(records) + 2
    offsets = []
    position = header_size
    for record in records:
        offsets.append(position)
        position += len(record)
    name = b"Sample".ljust(32, b"\0")
    head = name + struct.pack(">HHIIIIII", 0, 0, 0, 0, 0, 0, 0, 0)
    head += b"BOOKMOBI" + struct.pack(">IIH", 0, 0, len(records))
    entries = b"".join(struct.pack(">II", off, 2 * i) for i, off in enumerate(offsets))
    return head + entries + b"\0\0" + b"".join(records)


# -- office, mail, text ------------------------------------------------------------------


def make_docx(paragraphs: int = 3) -> bytes:
    import docx
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    document.core_properties.title = "Offer 4711"
    document.core_properties.author = "Dossier tests"
    document.sections[0].header.paragraphs[0].text = "ACME GmbH — header"
    document.sections[0].footer.paragraphs[0].text = "Confidential — footer"
    document.add_heading(f"{WORD} offer", level=1)
    intro = document.add_paragraph("Dear customer, this is ")
    intro.add_run("bold").bold = True
    intro.add_run(", ")
    intro.add_run("italic").italic = True
    coloured = intro.add_run(" and red")
    coloured.font.color.rgb = RGBColor(0xC0, 0, 0)
    coloured.font.size = Pt(14)
    document.add_heading("Items", level=2)
    for item in ("first item", "second item"):
        document.add_paragraph(item, style="List Bullet")
    for item in ("step one", "step two"):
        document.add_paragraph(item, style="List Number")
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"cell {r}.{c}"
    document.add_picture(io.BytesIO(make_png()))
    for number in range(paragraphs):
        document.add_paragraph(f"Paragraph {number}: " + "lorem ipsum dolor sit amet " * 12)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Invoices"
    sheet.append(["number", "customer", "amount"])
    for number in range(1, 30):
        sheet.append([number, f"{WORD} {number}", number * 10.5])
    second = book.create_sheet("Notes")
    second.append(["second sheet"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def make_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["number", "customer", "amount"])
    for number in range(1, 20):
        writer.writerow([number, f"{WORD} {number}", f"{number * 10.5:.2f}"])
    return buffer.getvalue().encode()


def make_eml(attachment: bytes | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = "Anna Berger <anna@example.com>"
    message["To"] = "service@example.com"
    message["Subject"] = f"{WORD} complaint"
    message["Date"] = "Mon, 03 Feb 2025 10:00:00 +0100"
    message.set_content(f"Plain {WORD} body.")
    message.add_alternative(
        f"<html><head><script>alert(1)</script></head><body><h1>{WORD} complaint</h1>"
        '<p style="color: red; background: url(http://evil.invalid/x)">Body text.</p>'
        '<img src="http://tracker.invalid/pixel.gif" alt="tracker"/>'
        '<img src="cid:logo@example.com"/></body></html>',
        subtype="html",
    )
    html_part = message.get_payload()[1]
    html_part.add_related(make_png(), "image", "png", cid="<logo@example.com>")
    message.add_attachment(
        attachment if attachment is not None else make_pdf(1, "Attached"),
        maintype="application",
        subtype="pdf",
        filename="invoice.pdf",
    )
    return bytes(message)


def make_text(encoding: str = "utf-8") -> bytes:
    return f"{WORD} notes\nÄrger über Öffnungszeiten - café\n".encode(encoding) * 3


def make_markdown() -> bytes:
    return f"# {WORD}\n\n* first\n* second\n\n```python\nprint('hi')\n```\n".encode()


def make_json() -> bytes:
    return ('{"customer": "' + WORD + '", "items": [1, 2, 3], "nested": {"a": true}}').encode()


def make_xml() -> bytes:
    return f'<?xml version="1.0"?><customer><name>{WORD}</name></customer>'.encode()


def make_html() -> bytes:
    return (
        f"<!DOCTYPE html><html><body><h1>{WORD}</h1><script>evil()</script>"
        '<p>Text <a href="http://example.com">link</a></p></body></html>'
    ).encode()


def png_crc_fix(data: bytes) -> bytes:
    """Recompute the CRCs of a PNG's chunks (fuzzing keeps mutations past the CRC check)."""
    out = bytearray(data[:8])
    position = 8
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunk = data[position + 4 : position + 8 + length]
        out += data[position : position + 4] + chunk + struct.pack(">I", zlib.crc32(chunk))
        position += 12 + length
    return bytes(out)


def make_msg() -> bytes:
    """An Outlook message: transport headers, plain body, one PDF attachment."""
    from cfb import write_cfb

    def text(value: str) -> bytes:
        return value.encode("utf-16-le")

    headers = (
        "From: Anna Berger <anna@example.com>\r\nTo: service@example.com\r\n"
        f"Subject: {WORD} complaint\r\nDate: Mon, 03 Feb 2025 10:00:00 +0100\r\n\r\n"
    )
    # top-level property stream: 8 reserved, next recipient id, next attachment id,
    # recipient count, attachment count, 8 reserved; then 16-byte fixed-size properties
    properties = struct.pack("<8sIIII8s", b"", 0, 1, 0, 1, b"")
    attachment_properties = struct.pack("<8s", b"") + struct.pack(
        "<IIQ", 0x37050003, 6, 1
    )  # PR_ATTACH_METHOD = ATTACH_BY_VALUE
    pdf = make_pdf(1, "Attached")
    return write_cfb(
        {
            "__substg1.0_001A001F": text("IPM.Note"),
            "__substg1.0_0037001F": text(f"{WORD} complaint"),
            "__substg1.0_0C1A001F": text("Anna Berger"),
            "__substg1.0_0E04001F": text("service@example.com"),
            "__substg1.0_1000001F": text(f"Plain {WORD} body of the message."),
            "__substg1.0_007D001F": text(headers),
            "__properties_version1.0": properties,
            "__nameid_version1.0": {  # the (empty) named-property mapping
                "__substg1.0_00020102": b"",
                "__substg1.0_00030102": b"",
                "__substg1.0_00040102": b"",
            },
            "__attach_version1.0_#00000000": {
                "__substg1.0_37010102": pdf,
                "__substg1.0_3707001F": text("invoice.pdf"),
                "__substg1.0_3704001F": text("invoice.pdf"),
                "__substg1.0_370E001F": text("application/pdf"),
                "__properties_version1.0": attachment_properties,
            },
        }
    )
