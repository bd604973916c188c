"""PDF business documents: letters, offers, orders, delivery notes, invoices, contracts."""

from __future__ import annotations

from datetime import date, datetime
from itertools import pairwise

from .geography import SELLER
from .pdfcanvas import PdfCanvas
from .phrases import LABELS, TEXTS, first_sentence, format_money, salutation
from .records import ContractSpec, Counterpart, Sheet
from .stories import CONTRACT_CLAUSES, CONTRACT_END

__all__ = ["render_complaint", "render_contract", "render_letter", "render_sheet"]

_BRAND = (0.12, 0.27, 0.55)
_GRAY = (0.4, 0.4, 0.4)
_LEFT, _RIGHT = 56.0, 539.0


def _letterhead(canvas: PdfCanvas, name: str, sender_line: str | None,
                color: tuple[float, float, float] = _BRAND) -> None:
    """Name bar on top; ``sender_line`` is the small return address above the address block."""
    canvas.rect(0, 0, canvas.width, 8, fill=color)
    canvas.text(_LEFT, 52, name, size=16, bold=True, color=color)
    canvas.line(_LEFT, 62, _RIGHT, 62, color=color, width=1)
    if sender_line:
        canvas.text(_LEFT, 138, sender_line, size=7, color=_GRAY)


def _seller_letterhead(canvas: PdfCanvas, *, window: bool = True) -> None:
    sender = f"{SELLER.name} · {SELLER.street} · {SELLER.city_line}" if window else None
    _letterhead(canvas, SELLER.name, sender)


def _address(canvas: PdfCanvas, lines: list[str]) -> None:
    for offset, line in enumerate(lines):
        canvas.text(_LEFT, 156 + offset * 13, line, size=10)


def _facts(canvas: PdfCanvas, facts: list[tuple[str, str]]) -> None:
    for offset, (label, value) in enumerate(facts):
        y = 156 + offset * 13
        canvas.text(360, y, label, size=8.5, color=_GRAY)
        canvas.text(_RIGHT, y, value, size=8.5, align="right")


def _footer(canvas: PdfCanvas) -> None:
    canvas.line(_LEFT, 800, _RIGHT, 800, color=_GRAY)
    canvas.text(_LEFT, 812, f"{SELLER.name} · {SELLER.street} · {SELLER.city_line}", size=7,
                color=_GRAY)
    canvas.text(_LEFT, 822, f"{SELLER.phone} · www.{SELLER.domain} · {SELLER.bank}", size=7,
                color=_GRAY)


def _signature(canvas: PdfCanvas, x: float, y: float) -> None:
    """A hand-drawn looking squiggle."""
    points = [(x + step * 9, y - (8 if step % 2 else 0) + step % 3 * 2) for step in range(12)]
    for start, end in pairwise(points):
        canvas.line(*start, *end, width=1.1, color=(0.1, 0.15, 0.5))


def render_sheet(party: Counterpart, sheet: Sheet, *, created: datetime) -> bytes:
    """Offer, order confirmation, delivery note or invoice with its table of line items."""
    labels = LABELS[party.language]
    texts = TEXTS[party.language]
    canvas = PdfCanvas()
    _seller_letterhead(canvas)
    _address(canvas, party.address_lines())
    facts = [(labels["number"], sheet.number), (labels["date"], party.day(sheet.issued)),
             (labels["customer"], party.customer.key), (labels["contact"], party.manager.name)]
    facts += [(labels[key], value) for key, value in sheet.facts]
    _facts(canvas, facts)
    title = f"{labels[sheet.kind]} {sheet.number}"
    if sheet.revision > 1:
        title += f" ({labels['revision']} {sheet.revision})"
    canvas.text(_LEFT, 270, title, size=14, bold=True)
    greeting = salutation(party.language, party.contact.last, party.contact.female)
    canvas.text(_LEFT, 296, greeting)
    intro = first_sentence(party.language, texts[sheet.kind])
    y = canvas.paragraph(_LEFT, 312, _RIGHT - _LEFT, intro) + 10
    priced = sheet.kind != "delivery_note"
    canvas.rect(_LEFT, y - 11, _RIGHT - _LEFT, 16, fill=(0.9, 0.92, 0.96))
    canvas.text(_LEFT + 4, y, labels["pos"], size=9, bold=True)
    canvas.text(90, y, labels["description"], size=9, bold=True)
    canvas.text(370 if priced else _RIGHT, y, labels["quantity"], size=9, bold=True,
                align="right")
    if priced:
        canvas.text(455, y, labels["unit_price"], size=9, bold=True, align="right")
        canvas.text(_RIGHT, y, labels["total"], size=9, bold=True, align="right")
    for position, item in enumerate(sheet.items, start=1):
        y += 17
        canvas.text(_LEFT + 4, y, str(position), size=9)
        canvas.text(90, y, item.description, size=9)
        canvas.text(370 if priced else _RIGHT, y, str(item.quantity), size=9, align="right")
        if priced:
            canvas.text(455, y, format_money(item.unit_price, party.language), size=9,
                        align="right")
            canvas.text(_RIGHT, y, format_money(item.total, party.language), size=9,
                        align="right")
    y += 8
    canvas.line(_LEFT, y, _RIGHT, y)
    if priced:
        rows = [(labels["net"], sheet.net, sheet.vat_percent is None)]
        if sheet.vat_percent is not None:
            rows += [(f"{labels['vat']} {sheet.vat_percent} %", sheet.vat, False),
                     (labels["gross"], sheet.amount, True)]
        for label, amount, bold in rows:
            y += 15
            canvas.text(330, y, label, size=9.5, bold=bold)
            canvas.text(_RIGHT, y, party.money(amount), size=9.5, bold=bold, align="right")
    y += 30
    y = canvas.paragraph(_LEFT, y, _RIGHT - _LEFT, texts[f"{sheet.kind}_end"]) + 6
    if sheet.kind == "invoice":
        payment = f"{labels['payment']}: {sheet.number} · {sheet.amount:.2f} {party.currency}"
        canvas.text(_LEFT, y, payment, size=9.5, bold=True)
        y += 18
    if sheet.kind == "delivery_note":
        canvas.line(_LEFT, y + 30, 260, y + 30)
        canvas.text(_LEFT, y + 41, labels["signature"], size=7.5, color=_GRAY)
    else:
        canvas.text(_LEFT, y + 8, texts["closing"])
        canvas.text(_LEFT, y + 40, party.manager.name)
    _footer(canvas)
    return canvas.to_pdf(title=title, author=party.manager.name, subject=party.customer.title,
                         created=created)


def render_letter(party: Counterpart, *, day: date, subject: str, body: str, incoming: bool,
                  created: datetime) -> bytes:
    """A letter to the customer, or (``incoming``) one from the customer to the seller."""
    language = party.language
    canvas = PdfCanvas()
    if incoming:
        cover = party.customer.cover
        sender = f"{party.customer.title} · {cover['street']} · {cover['postcode']} {cover['city']}"
        _letterhead(canvas, party.customer.title, sender, color=(0.15, 0.42, 0.3))
        _address(canvas, [SELLER.name, SELLER.street, SELLER.city_line])
        greeting = {"de": "Sehr geehrte Damen und Herren,", "es": "Estimados señores:",
                    "en": "Dear Sir or Madam,"}[language]
        signer = party.contact.name
    else:
        _seller_letterhead(canvas)
        _address(canvas, party.address_lines())
        greeting = salutation(language, party.contact.last, party.contact.female)
        signer = party.manager.name
    canvas.text(_RIGHT, 250, party.day(day), align="right")
    canvas.text(_LEFT, 280, subject, size=11, bold=True)
    canvas.text(_LEFT, 310, greeting)
    y = canvas.paragraph(_LEFT, 330, _RIGHT - _LEFT, first_sentence(language, body), size=10.5)
    canvas.text(_LEFT, y + 16, TEXTS[language]["closing"])
    _signature(canvas, _LEFT, y + 44)
    canvas.text(_LEFT, y + 60, signer)
    if not incoming:
        _footer(canvas)
    return canvas.to_pdf(title=subject, author=signer, subject=party.customer.title,
                         created=created)


def contract_clauses(party: Counterpart, spec: ContractSpec) -> list[str]:
    end_fixed, end_open = CONTRACT_END[party.language]
    end = end_fixed.format(date=party.day(spec.end)) if spec.end else end_open
    values = {"seller": SELLER.name, "customer": party.customer.title,
              "start": party.day(spec.start), "end": end,
              "value": party.money(spec.annual_value), "notice": spec.notice_days}
    return [clause.format(**values) for clause in CONTRACT_CLAUSES[party.language]]


def render_contract(party: Counterpart, spec: ContractSpec, *, created: datetime) -> bytes:
    """The signed contract (drafts are DOCX files, see ``wordfiles``)."""
    labels = LABELS[party.language]
    canvas = PdfCanvas()
    _seller_letterhead(canvas, window=False)
    canvas.text(_LEFT, 110, f"{labels['contract']} {spec.number}", size=10, color=_GRAY)
    y = canvas.paragraph(_LEFT, 140, _RIGHT - _LEFT, spec.title, size=15, bold=True) + 10
    for party_line in (SELLER.name + ", " + SELLER.street + ", " + SELLER.city_line,
                       ", ".join(party.address_lines()[:1] + party.address_lines()[-3:])):
        y = canvas.paragraph(_LEFT, y, _RIGHT - _LEFT, party_line, size=10) + 4
    y += 10
    for clause in contract_clauses(party, spec):
        y = canvas.paragraph(_LEFT, y, _RIGHT - _LEFT, clause, size=10.5) + 8
    if y > 700:
        canvas.new_page()
        y = 80
    for x, signer in ((_LEFT, party.manager.name), (320.0, party.contact.name)):
        _signature(canvas, x + 10, y + 40)
        canvas.line(x, y + 48, x + 200, y + 48)
        canvas.text(x, y + 60, f"{labels['signature']} · {signer}", size=7.5, color=_GRAY)
    _footer(canvas)
    return canvas.to_pdf(title=spec.title, author=party.manager.name,
                         subject=party.customer.title, created=created)


def render_complaint(party: Counterpart, *, number: str, day: date, subject: str,
                     description: str, created: datetime) -> bytes:
    """The seller's internal complaint record."""
    labels = LABELS[party.language]
    canvas = PdfCanvas()
    _seller_letterhead(canvas)
    _address(canvas, party.address_lines())
    _facts(canvas, [(labels["number"], number), (labels["received"], party.day(day)),
                    (labels["customer"], party.customer.key),
                    (labels["contact"], party.manager.name)])
    canvas.text(_LEFT, 270, f"{labels['complaint']} {number}", size=14, bold=True)
    canvas.text(_LEFT, 296, subject, size=11, bold=True)
    canvas.paragraph(_LEFT, 320, _RIGHT - _LEFT, description, size=10.5)
    _footer(canvas)
    return canvas.to_pdf(title=f"{labels['complaint']} {number}", author=party.manager.name,
                         subject=party.customer.title, created=created)
