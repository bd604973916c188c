"""Planning of letters, e-mails and contracts of one customer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from .customers import CURRENCY_RATES
from .drafts import Draft, Planner, VersionDraft
from .geography import SELLER
from .layouts import render_contract, render_letter
from .mail import EML_MEDIA_TYPE, render_email
from .records import ContractSpec
from .stories import (
    CONTRACT_LETTERS,
    CONTRACT_TITLES,
    EMAILS,
    INCOMING_LETTERS,
    OUTGOING_LETTERS,
    VERSION_COMMENTS,
)
from .wordfiles import DOCX_MEDIA_TYPE, render_contract_draft, render_letter_docx

__all__ = ["PDF", "LazyAttachment", "plan_contract", "plan_email", "plan_letter"]

PDF = "application/pdf"
LazyAttachment = tuple[str, str, Callable[[], bytes]]
"""File name, media type and a function making the content (only when the e-mail is made)."""


def _typo(body: str) -> str:
    """The first draft of a letter: one word written twice."""
    words = body.split(" ")
    middle = len(words) // 2
    return " ".join([*words[:middle], words[middle], *words[middle:]])


def _docx_letter(planner: Planner, name: str, day: date, subject: str, body: str,
                 created: datetime, comment: str) -> VersionDraft:
    party = planner.party

    def word(_: str) -> bytes:
        return render_letter_docx(party, day=day, subject=subject, body=body, created=created)

    return VersionDraft(f"{name}.docx", DOCX_MEDIA_TYPE, word,
                        VERSION_COMMENTS[planner.language][comment], created)


def plan_letter(planner: Planner, day: date, *, subject: str | None = None,
                body: str | None = None, incoming: bool | None = None,
                registers: tuple[str, ...] = ("correspondence",)) -> None:
    """A letter on ``day``: outgoing as PDF or DOCX (sometimes corrected), incoming scanned."""
    rng, party, language = planner.rng, planner.party, planner.language
    comments = VERSION_COMMENTS[language]
    if incoming is None:
        incoming = rng.random() < 0.35
    if subject is None or body is None:
        stock = INCOMING_LETTERS if incoming else OUTGOING_LETTERS
        subject, body = rng.choice(stock[language])
    created = planner.moment(day)
    name = f"{day.isoformat()}_{planner.slug(subject, 40)}"
    versions: list[VersionDraft]
    if incoming:
        def scan(_: str, text: str = body, title: str = subject) -> bytes:
            return render_letter(party, day=day, subject=title, body=text, incoming=True,
                                 created=created)
        versions = [VersionDraft(f"{name}.pdf", PDF, scan, comments["scanned"], created)]
        sender = f"{party.contact.name}, {party.customer.title}"
    elif rng.random() < 0.4:
        first = body if rng.random() < 0.7 else _typo(body)
        versions = [_docx_letter(planner, name, day, subject, first, created, "created")]
        if first != body:
            versions.append(_docx_letter(planner, name, day, subject, body,
                                         planner.later(created), "corrected"))
        sender = party.manager.name
    else:
        def printed(_: str, text: str = body, title: str = subject) -> bytes:
            return render_letter(party, day=day, subject=title, body=text, incoming=False,
                                 created=created)
        versions = [VersionDraft(f"{name}.pdf", PDF, printed, comments["created"], created)]
        sender = party.manager.name
    index: dict[str, object] = {"date": day.isoformat(), "subject": subject[:200],
                                "direction": "incoming" if incoming else "outgoing",
                                "sender": sender[:200]}
    planner.add(Draft("letter", subject, registers, index, tuple(versions)))


def plan_email(planner: Planner, sent: datetime, *, kind: str, incoming: bool,
               registers: tuple[str, ...] = ("correspondence",), number: str = "",
               delivery: str = "", product: str = "",
               attachments: Sequence[LazyAttachment] = ()) -> None:
    """An e-mail of a stock ``kind`` (inquiry, offer, invoice, complaint, meeting)."""
    party, language = planner.party, planner.language
    subject_template, body_template = EMAILS[language][kind]
    values = {"number": number, "delivery": delivery, "product": product}
    subject = subject_template.format(**values)
    body = body_template.format(**values)
    ours = planner.email_address(party.manager, party.manager_email)
    theirs = planner.email_address(party.contact, party.contact_email)
    sender, recipient = (theirs, ours) if incoming else (ours, theirs)
    body += "\n" + (party.contact.name if incoming else f"{party.manager.name}\n{SELLER.name}")
    attached = tuple(attachments)

    def eml(doc_id: str) -> bytes:
        files = [(filename, media_type, make()) for filename, media_type, make in attached]
        return render_email(sender=sender, recipient=recipient, subject=subject, body=body,
                            sent=sent, message_id=f"<{doc_id}@{SELLER.domain}>",
                            attachments=files)

    comment = VERSION_COMMENTS[language]["received" if incoming else "sent"]
    filename = f"{sent.date().isoformat()}_{planner.slug(subject, 40)}.eml"
    index: dict[str, object] = {"date": sent.isoformat(), "subject": subject[:300],
                                "sender": sender[:200], "recipient": recipient[:500],
                                "direction": "incoming" if incoming else "outgoing"}
    version = VersionDraft(filename, EML_MEDIA_TYPE, eml, comment, sent)
    planner.add(Draft("email", subject, registers, index, (version,)))


def plan_contract(planner: Planner, start: date) -> None:
    """A contract: a DOCX draft, then the signed PDF; sometimes with a cover letter."""
    rng, party, language = planner.rng, planner.party, planner.language
    comments = VERSION_COMMENTS[language]
    number = planner.number("CON", start)
    end = None if rng.random() < 0.3 else start + timedelta(days=365 * rng.randint(1, 3) - 1)
    value = Decimal(rng.randint(4, 60) * 1000) * CURRENCY_RATES[party.currency]
    spec = ContractSpec(number, rng.choice(CONTRACT_TITLES[language]), start, end,
                        value.quantize(Decimal("1.00")), rng.choice((30, 60, 90, 180)))
    signed_day = planner.day_between(max(planner.first_day, start - timedelta(days=12)), start)
    signed_at = planner.moment(signed_day)
    versions = []
    if rng.random() < 0.8:
        earliest = max(planner.first_day, signed_day - timedelta(days=45))
        draft_day = planner.day_between(earliest, signed_day - timedelta(days=5))
        drafted_at = planner.moment(min(draft_day, signed_day))
        if drafted_at >= signed_at:
            drafted_at = signed_at - timedelta(hours=2)
        versions.append(VersionDraft(
            f"{number}_draft.docx", DOCX_MEDIA_TYPE,
            lambda _id: render_contract_draft(party, spec, created=drafted_at),
            comments["draft"], drafted_at))
    versions.append(VersionDraft(
        f"{number}.pdf", PDF, lambda _id: render_contract(party, spec, created=signed_at),
        comments["signed"], signed_at))
    index: dict[str, object] = {"number": number, "title": spec.title[:200],
                                "start_date": start.isoformat(),
                                "annual_value": f"{spec.annual_value:.2f}",
                                "currency": party.currency,
                                "notice_period_days": spec.notice_days}
    if end is not None:
        index["end_date"] = end.isoformat()
    planner.add(Draft("contract", spec.title, ("contracts",), index, tuple(versions)))
    if rng.random() < 0.5:
        subject, body = CONTRACT_LETTERS[language]
        plan_letter(planner, versions[0].created_at.date(), subject=subject.format(number=number),
                    body=body.format(number=number), incoming=False,
                    registers=("correspondence", "contracts"))
