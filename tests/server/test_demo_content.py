"""The demo data generator: reproducible, varied, and valid for the customer file template."""

from __future__ import annotations

import email
import io
import os
import re
import subprocess
import sys
import uuid
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from email import policy
from pathlib import Path
from typing import Any

import docx
import pymupdf as _pymupdf
import pytest
import yaml

from server_stub.demo import (
    DemoCustomer,
    DemoDocument,
    demo_customers,
    demo_documents,
)

fitz: Any = _pymupdf  # PyMuPDF ships no type hints
ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "resources" / "file_classes" / "customer.yaml"
TODAY = date(2026, 11, 1)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LANGUAGE_OF = {"DE": "de", "AT": "de", "CH": "de", "ES": "es", "MX": "es", "AR": "es",
               "GB": "en", "IE": "en", "US": "en"}
CURRENCY_OF = {"DE": "EUR", "AT": "EUR", "CH": "CHF", "ES": "EUR", "MX": "MXN", "AR": "USD",
               "GB": "GBP", "IE": "EUR", "US": "USD"}


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def customers() -> list[DemoCustomer]:
    return demo_customers()


@pytest.fixture(scope="module")
def documents(customers: list[DemoCustomer]) -> list[DemoDocument]:
    return [document for customer in customers for document in demo_documents(customer)]


# --- a small validator, independent of the server's --------------------------------------

_MONEY = re.compile(r"^-?\d{1,15}\.\d{2}$")
_DECIMAL = re.compile(r"^-?\d{1,18}(\.\d{1,8})?$")


def _problem(field: dict[str, Any], value: object) -> str | None:
    """Why ``value`` does not fit ``field``, or None."""
    kind = field["type"]
    if kind in ("string", "text"):
        if not isinstance(value, str):
            return "not a string"
        if len(value) > field.get("max_length", 1000):
            return "too long"
        if kind == "string" and any(ord(char) < 32 for char in value):
            return "control character"
        return None
    if kind == "integer":
        return None if isinstance(value, int) and not isinstance(value, bool) else "not int"
    if kind == "money":
        return None if isinstance(value, str) and _MONEY.match(value) else "bad money"
    if kind == "decimal":
        return None if isinstance(value, str) and _DECIMAL.match(value) else "bad decimal"
    if kind == "date":
        if not isinstance(value, str) or len(value) != 10:
            return "bad date"
        date.fromisoformat(value)
        return None
    if kind == "datetime":
        if not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is None:
            return "bad datetime"
        return None
    if kind == "boolean":
        return None if isinstance(value, bool) else "not bool"
    if kind == "enum":
        return None if value in field["options"] else "not an option"
    return f"unknown type {kind}"


def _problems(fields: list[dict[str, Any]], values: dict[str, object], *,
              complete: bool) -> list[str]:
    by_name = {field["name"]: field for field in fields}
    found = [f"{name}: unknown field" for name in values if name not in by_name]
    for name, field in by_name.items():
        if name not in values:
            if complete or field.get("required"):
                found.append(f"{name}: missing")
            continue
        problem = _problem(field, values[name])
        if problem:
            found.append(f"{name}={values[name]!r}: {problem}")
    return found


# --- determinism ---------------------------------------------------------------------------

def test_same_arguments_give_identical_output(customers: list[DemoCustomer],
                                              documents: list[DemoDocument]) -> None:
    assert demo_customers() == customers
    again = [document for customer in customers[:8] for document in demo_documents(customer)]
    assert again == documents[: len(again)]  # dataclass equality compares every byte
    other_seed = [document for document in demo_documents(customers[0], seed=8)]
    assert [d.versions[0].content for d in other_seed] != [
        d.versions[0].content for d in documents[:20]
    ]


def _digest_script() -> str:
    return (
        "import hashlib\n"
        "from server_stub.demo import demo_customers, demo_documents\n"
        "h = hashlib.sha256()\n"
        "for c in demo_customers(6):\n"
        "    h.update(repr(c).encode())\n"
        "    for d in demo_documents(c, per_customer=12):\n"
        "        h.update(repr((d.id, d.type, d.title, d.registers, d.index, d.created_at))"
        ".encode())\n"
        "        for v in d.versions:\n"
        "            h.update(v.content)\n"
        "print(h.hexdigest())\n"
    )


def test_output_does_not_depend_on_the_interpreter_run() -> None:
    """Bytes must not depend on hash randomization, the clock or the process."""
    digests = set()
    for hash_seed in ("0", "4711"):
        environment = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        result = subprocess.run([sys.executable, "-c", _digest_script()], cwd=ROOT,
                                env=environment, capture_output=True, text=True, check=True,
                                timeout=120)
        digests.add(result.stdout.strip())
    assert len(digests) == 1


# --- customers -------------------------------------------------------------------------------

def test_customers_mix_three_language_groups(customers: list[DemoCustomer]) -> None:
    assert len(customers) >= 50
    assert len({customer.key for customer in customers}) == len(customers)
    countries = Counter(str(customer.cover["country"]) for customer in customers)
    assert set(countries) == set(LANGUAGE_OF)
    languages = Counter(LANGUAGE_OF[country] for country in countries.elements())
    assert min(languages.values()) >= 15
    names = " ".join(customer.title for customer in customers)
    assert "Müller" in names and "Peña" in names
    for customer in customers:
        assert customer.title == customer.cover["name"]
        assert customer.key == customer.cover["customer_number"]
        address = str(customer.cover["email"])
        assert address.isascii() and re.fullmatch(r"[a-z0-9.\-]+@[a-z0-9.\-]+\.[a-z]{2,}", address)
        country = str(customer.cover["country"])
        assert customer.cover["credit_limit_currency"] == CURRENCY_OF[country]


def test_cover_values_fit_the_template(customers: list[DemoCustomer],
                                       template: dict[str, Any]) -> None:
    for customer in customers:
        assert _problems(template["cover_fields"], customer.cover, complete=True) == [], customer
    segments = {customer.cover["segment"] for customer in customers}
    assert len(segments) >= 4


# --- documents -------------------------------------------------------------------------------

def test_documents_span_three_years_all_types_and_registers(
    documents: list[DemoDocument], template: dict[str, Any]
) -> None:
    assert len(documents) >= 1000
    # internal notes (retention 0) are what users jot down; the demo archive has none
    assert {d.type for d in documents} == {
        kind["name"] for kind in template["document_types"] if kind["name"] != "note"}
    registers = {register for d in documents for register in d.registers}
    assert registers == {register["name"] for register in template["registers"]}
    created = [d.created_at for d in documents]
    assert all(moment.tzinfo is not None and moment.utcoffset() == timedelta(0)
               for moment in created)
    start = datetime.combine(TODAY - timedelta(days=3 * 366), datetime.min.time(), tzinfo=UTC)
    end = datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC)
    assert start <= min(created) < start + timedelta(days=60)
    assert end - timedelta(days=30) < max(created) < end
    per_year = Counter((end - moment).days // 365 for moment in created)
    assert all(per_year[year] >= 200 for year in range(3))


def test_documents_fit_their_type(documents: list[DemoDocument],
                                  template: dict[str, Any]) -> None:
    types = {kind["name"]: kind for kind in template["document_types"]}
    assert len({d.id for d in documents}) == len(documents)
    for document in documents:
        kind = types[document.type]
        assert uuid.UUID(document.id).version == 5
        assert document.registers[0] == kind["default_register"]
        assert len(set(document.registers)) == len(document.registers)
        assert _problems(kind["index_fields"], document.index, complete=False) == [], document
        assert document.versions and document.title
        moments = [version.created_at for version in document.versions]
        assert moments[0] == document.created_at and moments == sorted(moments)
        assert all(moment.date() < TODAY for moment in moments)


def test_documents_are_in_two_registers_and_have_histories(
    documents: list[DemoDocument],
) -> None:
    shared = Counter(d.type for d in documents if len(d.registers) > 1)
    assert shared["invoice"] and shared["email"] and shared["letter"]
    assert any(d.type == "email" and "complaints" in d.registers for d in documents)
    revised = Counter(d.type for d in documents if len(d.versions) > 1)
    assert revised["offer"] >= 20 and revised["contract"] >= 20
    assert any(len(d.versions) == 3 for d in documents)


def test_business_story_is_consistent(documents: list[DemoDocument]) -> None:
    by_customer: dict[str, list[DemoDocument]] = defaultdict(list)
    for document in documents:
        by_customer[document.customer_key].append(document)
    for key, own in by_customer.items():
        offers = [d.index for d in own if d.type == "offer"]
        orders = {str(d.index["number"]): d.index for d in own if d.type == "order"}
        for order in orders.values():  # an accepted offer of the same amount came first
            assert any(offer["status"] == "accepted" and offer["amount"] == order["amount"]
                       and offer["currency"] == order["currency"]
                       and str(offer["date"]) < str(order["date"]) for offer in offers), key
        for invoice in (d.index for d in own if d.type == "invoice"):
            invoiced = orders.get(str(invoice["order_number"]))
            assert invoiced is not None, (key, invoice)
            assert str(invoiced["date"]) <= str(invoice["date"]) <= str(invoice["due_date"])
        for note in (d.index for d in own if d.type == "delivery_note"):
            assert note["order_number"] in orders
    complaints = [d.index for d in documents if d.type == "complaint"]
    assert {"open", "resolved"} <= {c["status"] for c in complaints}
    for complaint in complaints:
        assert ("resolved_on" in complaint) == (complaint["status"] == "resolved")
        if "resolved_on" in complaint:
            assert str(complaint["resolved_on"]) > str(complaint["date"])
    contracts = [d.index for d in documents if d.type == "contract"]
    assert any("end_date" not in c for c in contracts)
    assert all(str(c["end_date"]) > str(c["start_date"]) for c in contracts if "end_date" in c)
    offer_statuses = {d.index["status"] for d in documents if d.type == "offer"}
    assert offer_statuses == {"open", "accepted", "rejected", "expired"}


def _pdf_opens(content: bytes) -> bool:
    """Opens without repair and has a first page with content (text is checked elsewhere)."""
    with fitz.open(stream=content, filetype="pdf") as pdf:
        return bool(pdf.page_count >= 1 and not pdf.is_repaired and pdf[0].get_contents())


def _pdf_text(content: bytes) -> str:
    with fitz.open(stream=content, filetype="pdf") as pdf:
        assert pdf.page_count >= 1
        return "".join(page.get_text() for page in pdf)


def test_invoice_pdf_shows_number_amount_and_currency(documents: list[DemoDocument],
                                                      customers: list[DemoCustomer]) -> None:
    languages = {c.key: LANGUAGE_OF[str(c.cover["country"])] for c in customers}
    heading = {"de": "Rechnung", "es": "Factura", "en": "Invoice"}
    invoices = [d for d in documents if d.type == "invoice"]
    assert len(invoices) >= 50
    for invoice in invoices:
        text = _pdf_text(invoice.versions[-1].content)
        assert str(invoice.index["number"]) in text
        assert f"{invoice.index['amount']} {invoice.index['currency']}" in text
        assert str(invoice.index["order_number"]) in text
        assert heading[languages[invoice.customer_key]] in text


def test_every_file_opens(documents: list[DemoDocument]) -> None:
    media: Counter[str] = Counter()
    attachments: Counter[str] = Counter()
    for document in documents:
        for version in document.versions:
            content = version.content
            media[version.media_type] += 1
            assert 300 < len(content) < 60_000, (version.filename, len(content))
            if version.media_type == "application/pdf":
                assert version.filename.endswith(".pdf") and _pdf_opens(content)
            elif version.media_type == DOCX:
                assert version.filename.endswith(".docx")
                paragraphs = docx.Document(io.BytesIO(content)).paragraphs
                assert any(paragraph.text.strip() for paragraph in paragraphs)
            elif version.media_type == "message/rfc822":
                message = email.message_from_bytes(content, policy=policy.default)
                assert message["Subject"] == document.index["subject"]
                assert message["Message-ID"] and message["Date"]
                assert message.get_body(preferencelist=("plain",)) is not None
                for part in message.iter_attachments():
                    payload = part.get_content()
                    attachments[part.get_content_type()] += 1
                    if part.get_content_type() == "application/pdf":
                        assert _pdf_opens(payload)
            elif version.media_type in ("image/png", "image/jpeg"):
                magic = b"\x89PNG" if version.media_type == "image/png" else b"\xff\xd8\xff"
                assert content.startswith(magic)
                assert fitz.Pixmap(content).width >= 100
            else:
                pytest.fail(f"unexpected media type {version.media_type}")
    assert set(media) == {"application/pdf", DOCX, "message/rfc822", "image/png", "image/jpeg"}
    assert attachments["application/pdf"] >= 20 and attachments["image/jpeg"] >= 1


def test_texts_are_in_the_customer_language(documents: list[DemoDocument],
                                            customers: list[DemoCustomer]) -> None:
    languages = {c.key: LANGUAGE_OF[str(c.cover["country"])] for c in customers}
    greetings = {"de": ("Sehr geehrte",), "es": ("Estimad",), "en": ("Dear",)}
    seen = set()
    for document in documents:
        if document.type != "offer":
            continue
        language = languages[document.customer_key]
        text = _pdf_text(document.versions[0].content)
        assert any(greeting in text for greeting in greetings[language])
        seen.add(language)
    assert seen == {"de", "es", "en"}

