"""Planning of one business deal: offer (revised) -> order -> delivery -> invoice -> complaint.

Each step happens only if its date is still before ``today``, so recent deals stop half way
(an open offer, an order not yet delivered) as they would in a real file.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from .correspondence import PDF, plan_email
from .drafts import Draft, Planner, VersionDraft, once
from .images import render_damage_photo, render_label_scan
from .layouts import render_complaint, render_sheet
from .phrases import LABELS
from .records import LineItem, Sheet
from .stories import COMPLAINT_NOTES, COMPLAINT_SUBJECTS, VERSION_COMMENTS

__all__ = ["plan_deal"]

_DUE_DAYS = {"prepayment": 0, "14 days net": 14, "30 days net": 30, "60 days net": 60,
             "30 days 2% discount": 30}


def plan_deal(planner: Planner, day: date) -> None:
    """A deal that starts with an offer on ``day``."""
    items = _plan_offer(planner, day)
    if items is None:
        return
    offer_day, final_items = items
    order = _plan_order(planner, offer_day, final_items)
    if order is None:
        return
    order_number, delivery_day = order
    delivery_number = _plan_delivery(planner, delivery_day, order_number, final_items)
    invoice_day = delivery_day + timedelta(days=planner.rng.randint(1, 4))
    if invoice_day < planner.today:
        _plan_invoice(planner, invoice_day, order_number, final_items)
    complaint_day = delivery_day + timedelta(days=planner.rng.randint(1, 12))
    if planner.rng.random() < 0.4 and complaint_day < planner.today:
        _plan_complaint(planner, complaint_day, delivery_number)


def _sheet_version(planner: Planner, sheet: Sheet, filename: str, comment: str,
                   day: date) -> VersionDraft:
    party = planner.party
    created = planner.moment(day)
    return VersionDraft(filename, PDF,
                        once(lambda _id: render_sheet(party, sheet, created=created)),
                        comment, created)


def _plan_offer(planner: Planner, day: date) -> tuple[date, tuple[LineItem, ...]] | None:
    rng, today = planner.rng, planner.today
    comments = VERSION_COMMENTS[planner.language]
    number = planner.number("OFF", day)
    items = planner.items()
    revisions = rng.choices((1, 2, 3), weights=(65, 25, 10))[0]
    versions: list[VersionDraft] = []
    sheet = Sheet("offer", number, day, items)
    for revision in range(1, revisions + 1):
        if revision > 1:
            revised_day = day + timedelta(days=rng.randint(2, 9))
            if revised_day >= today:
                break
            day, items = revised_day, planner.revise(items)
        valid_until = day + timedelta(days=30)
        sheet = Sheet("offer", number, day, items, revision=revision,
                      facts=(("valid_until", planner.party.day(valid_until)),))
        filename = f"{number}.pdf" if revision == 1 else f"{number}_rev{revision}.pdf"
        comment = comments["created" if revision == 1 else "revised"]
        versions.append(_sheet_version(planner, sheet, filename, comment, day))
    order_day = day + timedelta(days=rng.randint(3, 20))
    accepted = rng.random() < 0.7 and order_day < today
    valid_until = day + timedelta(days=30)
    if accepted:
        status = "accepted"
    elif valid_until >= today:
        status = "open"
    else:
        status = rng.choice(("rejected", "expired"))
    index: dict[str, object] = {"number": number, "date": day.isoformat(),
                                "amount": f"{sheet.amount:.2f}",
                                "currency": planner.party.currency,
                                "valid_until": valid_until.isoformat(), "status": status}
    title = f"{LABELS[planner.language]['offer']} {number}"
    planner.add(Draft("offer", title, ("offers",), index, tuple(versions)))
    if rng.random() < 0.35:
        final = versions[-1]
        plan_email(planner, planner.later(final.created_at), kind="offer", incoming=False,
                   number=number, registers=("correspondence", "offers"),
                   attachments=[(final.filename, PDF, lambda: final.render(""))])
    return (day, items) if accepted else None


def _plan_order(planner: Planner, offer_day: date,
                items: tuple[LineItem, ...]) -> tuple[str, date] | None:
    """The order confirmation; returns its number and the requested delivery date."""
    rng = planner.rng
    day = offer_day + timedelta(days=rng.randint(3, 20))
    if day >= planner.today:
        return None
    number = planner.number("ORD", day)
    delivery_day = day + timedelta(days=rng.randint(7, 28))
    reference = (f"4500{rng.randint(100000, 999999)}" if rng.random() < 0.5
                 else f"PO-{rng.randint(1000, 99999)}")
    sheet = Sheet("order", number, day, items,
                  facts=(("order_ref", reference),
                         ("delivery", planner.party.day(delivery_day))))
    version = _sheet_version(planner, sheet, f"{number}.pdf",
                             VERSION_COMMENTS[planner.language]["created"], day)
    index: dict[str, object] = {"number": number, "date": day.isoformat(),
                                "amount": f"{sheet.amount:.2f}",
                                "currency": planner.party.currency,
                                "customer_reference": reference,
                                "delivery_date": delivery_day.isoformat()}
    title = f"{LABELS[planner.language]['order']} {number}"
    planner.add(Draft("order", title, ("orders",), index, (version,)))
    if delivery_day >= planner.today:
        return None
    return number, delivery_day


def _plan_delivery(planner: Planner, day: date, order_number: str,
                   items: tuple[LineItem, ...]) -> str:
    rng = planner.rng
    number = planner.number("DN", day)
    packages = max(1, sum(item.quantity for item in items) // rng.randint(3, 8))
    weight = Decimal(rng.randint(20, 400) * packages) / 10
    sheet = Sheet("delivery_note", number, day, items,
                  facts=(("order_number", order_number), ("packages", str(packages)),
                         ("weight", f"{weight} kg")))
    version = _sheet_version(planner, sheet, f"{number}.pdf",
                             VERSION_COMMENTS[planner.language]["created"], day)
    index: dict[str, object] = {"number": number, "date": day.isoformat(),
                                "order_number": order_number, "packages": packages,
                                "weight_kg": f"{weight:.1f}"}
    registers = ("delivery_notes", "orders") if rng.random() < 0.2 else ("delivery_notes",)
    title = f"{LABELS[planner.language]['delivery_note']} {number}"
    planner.add(Draft("delivery_note", title, registers, index, (version,)))
    return number


def _plan_invoice(planner: Planner, day: date, order_number: str,
                  items: tuple[LineItem, ...]) -> None:
    rng, party = planner.rng, planner.party
    number = planner.number("INV", day)
    terms = str(party.customer.cover["payment_terms"])
    due = day + timedelta(days=_DUE_DAYS[terms])
    sheet = Sheet("invoice", number, day, items, vat_percent=party.vat_percent,
                  facts=(("order_number", order_number), ("due", party.day(due))))
    version = _sheet_version(planner, sheet, f"{number}.pdf",
                             VERSION_COMMENTS[planner.language]["created"], day)
    if terms == "prepayment":
        paid = True
    elif due < planner.today - timedelta(days=10):
        paid = rng.random() < 0.92
    else:
        paid = rng.random() < 0.3
    index: dict[str, object] = {"number": number, "date": day.isoformat(),
                                "amount": f"{sheet.amount:.2f}", "currency": party.currency,
                                "due_date": due.isoformat(), "paid": paid,
                                "order_number": order_number}
    registers = ("invoices", "orders") if rng.random() < 0.35 else ("invoices",)
    title = f"{LABELS[planner.language]['invoice']} {number}"
    planner.add(Draft("invoice", title, registers, index, (version,)))
    if rng.random() < 0.25:
        plan_email(planner, planner.later(version.created_at), kind="invoice", incoming=False,
                   number=number, registers=("correspondence", "invoices"),
                   attachments=[(version.filename, PDF, lambda: version.render(""))])


def _plan_complaint(planner: Planner, day: date, delivery_number: str) -> None:
    """A complaint about a delivery: a photo, a label scan or the seller's PDF record."""
    rng, party, language = planner.rng, planner.party, planner.language
    comments = VERSION_COMMENTS[language]
    number = planner.number("CMP", day)
    subject = rng.choice(COMPLAINT_SUBJECTS[language]).format(delivery=delivery_number)
    age = (planner.today - day).days
    if age < 21:
        status = rng.choice(("open", "in progress"))
    else:
        status = rng.choices(("resolved", "rejected", "in progress"), weights=(75, 15, 10))[0]
    index: dict[str, object] = {"number": number, "date": day.isoformat(),
                                "subject": subject[:200], "status": status,
                                "severity": rng.choice(("low", "medium", "high"))}
    resolved_on = day + timedelta(days=rng.randint(2, max(2, min(age - 1, 45))))
    if status == "resolved":
        index["resolved_on"] = resolved_on.isoformat()
    received = planner.moment(day)
    variant = rng.randrange(1 << 30)
    description, resolution = COMPLAINT_NOTES[language]
    description = description.format(delivery=delivery_number)
    form = rng.choices(("photo", "label", "record"), weights=(45, 20, 35))[0]
    versions: list[VersionDraft]
    if form == "photo":
        versions = [VersionDraft(f"damage_{delivery_number}.jpg", "image/jpeg",
                                 once(lambda _id: render_damage_photo(variant, delivery_number)),
                                 comments["photo"], received)]
    elif form == "label":
        lines = [party.customer.title, *party.address_lines()[2:4], delivery_number]
        versions = [VersionDraft(f"label_{delivery_number}.png", "image/png",
                                 lambda _id: render_label_scan(variant, lines, delivery_number),
                                 comments["scanned"], received)]
    else:
        versions = [VersionDraft(
            f"{number}.pdf", PDF,
            lambda _id: render_complaint(party, number=number, day=day, subject=subject,
                                         description=description, created=received),
            comments["created"], received)]
        if status == "resolved":
            closed = planner.moment(resolved_on)
            note = f"{description}\n\n{resolution}"
            versions.append(VersionDraft(
                f"{number}.pdf", PDF,
                lambda _id: render_complaint(party, number=number, day=day, subject=subject,
                                             description=note, created=closed),
                comments["resolved"], closed))
    title = f"{LABELS[language]['complaint']} {number}"
    planner.add(Draft("complaint", title, ("complaints",), index, tuple(versions)))
    if rng.random() < 0.7:
        attachments = []
        if form == "photo":
            attachments.append((versions[0].filename, "image/jpeg",
                                lambda: versions[0].render("")))
        plan_email(planner, planner.later(received, min_minutes=-180, max_minutes=-5),
                   kind="complaint", incoming=True, delivery=delivery_number,
                   registers=("correspondence", "complaints"), attachments=attachments)
