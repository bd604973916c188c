"""DOCX letters and contract drafts made with python-docx, with reproducible bytes.

python-docx stamps the zip entries with the current time and recompresses its large style
parts on every save; :func:`_stable_zip` writes the package itself with a fixed timestamp.
"""

from __future__ import annotations

from datetime import date, datetime

import docx
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.part import Part
from docx.shared import Pt, RGBColor

from .geography import SELLER
from .layouts import contract_clauses
from .phrases import LABELS, TEXTS, first_sentence, salutation
from .records import ContractSpec, Counterpart
from .zipwriter import write_zip

__all__ = ["DOCX_MEDIA_TYPE", "render_contract_draft", "render_letter_docx"]

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _new_document(author: str, title: str, created: datetime) -> WordDocument:
    document = docx.Document()
    properties = document.core_properties
    properties.author = author
    properties.last_modified_by = author
    properties.title = title
    properties.created = created.replace(tzinfo=None)
    properties.modified = created.replace(tzinfo=None)
    properties.revision = 1
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    head = document.add_paragraph()
    run = head.add_run(SELLER.name)
    run.bold = True
    run.font.size = Pt(16)
    run.font.color.rgb = RGBColor(0x1F, 0x45, 0x8C)
    sender = document.add_paragraph(f"{SELLER.name} · {SELLER.street} · {SELLER.city_line}")
    sender.runs[0].font.size = Pt(7)
    return document


def _content_types(parts: list[Part]) -> bytes:
    defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml",
                "xml": "application/xml"}
    overrides: list[tuple[str, str]] = []
    for part in parts:
        extension = part.partname.ext.lower()
        if extension in ("jpeg", "jpg", "png", "gif", "bin"):
            defaults[extension] = part.content_type
        else:
            overrides.append((str(part.partname), part.content_type))
    rows = [f'<Default Extension="{ext}" ContentType="{kind}"/>' for ext, kind in defaults.items()]
    rows += [f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + "".join(rows) + "</Types>"
    ).encode("utf-8")


def _stable_zip(document: WordDocument, created: datetime) -> bytes:
    """The package as python-docx would save it, written by :func:`write_zip`."""
    package = document.part.package
    parts = list(package.iter_parts())
    entries = [("[Content_Types].xml", _content_types(parts)),
               ("_rels/.rels", package.rels.xml)]
    for part in parts:
        entries.append((part.partname.membername, part.blob))
        if len(part.rels):
            entries.append((part.partname.rels_uri.membername, part.rels.xml))
    return write_zip(entries, stamp=created)


def render_letter_docx(party: Counterpart, *, day: date, subject: str, body: str,
                       created: datetime) -> bytes:
    """An outgoing letter as written in the word processor."""
    document = _new_document(party.manager.name, subject, created)
    for line in party.address_lines():
        document.add_paragraph(line).paragraph_format.space_after = Pt(0)
    document.add_paragraph(party.day(day)).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    heading = document.add_paragraph()
    heading.add_run(subject).bold = True
    document.add_paragraph(salutation(party.language, party.contact.last, party.contact.female))
    document.add_paragraph(first_sentence(party.language, body))
    document.add_paragraph(TEXTS[party.language]["closing"])
    document.add_paragraph(party.manager.name)
    return _stable_zip(document, created)


def render_contract_draft(party: Counterpart, spec: ContractSpec, *, created: datetime) -> bytes:
    """The contract draft sent for review before signing."""
    labels = LABELS[party.language]
    document = _new_document(party.manager.name, spec.title, created)
    mark = document.add_paragraph()
    mark_run = mark.add_run(labels["draft"])
    mark_run.bold = True
    mark_run.font.color.rgb = RGBColor(0xC0, 0x30, 0x30)
    document.add_heading(spec.title, level=1)
    document.add_paragraph(f"{labels['contract']} {spec.number}")
    document.add_paragraph(f"{SELLER.name}, {SELLER.street}, {SELLER.city_line}")
    document.add_paragraph(", ".join(party.address_lines()))
    for clause in contract_clauses(party, spec):
        document.add_paragraph(clause)
    table = document.add_table(rows=2, cols=2)
    for column, signer in enumerate((party.manager.name, party.contact.name)):
        table.cell(0, column).text = "\n\n"
        table.cell(1, column).text = f"{labels['signature']} · {signer}"
    return _stable_zip(document, created)
