"""The shared table of search queries and the documents they must find.

Backend-neutral on purpose: the server's Tantivy and PostgreSQL backends run it
(tests/server/test_search.py); the offline client's search is to run the same table, so their
semantics cannot drift.
``CORPUS`` is filed into two customer files; each case names the titles it must find (order
is not part of the contract unless a sort is given).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

TODAY = date.today()
RECENT = (TODAY - timedelta(days=5)).isoformat()
OLD = "2024-02-10"

#: Files: key → cover.
FILES: dict[str, dict[str, Any]] = {
    "K-10001": {"name": "Müller Maschinenbau GmbH", "city": "Stuttgart"},
    "K-10002": {"name": "Peña y Asociados", "city": "Sevilla"},
}

#: Documents: (file key, type, title, registers, index, text content).
CORPUS: list[tuple[str, str, str, list[str], dict[str, Any], str]] = [
    ("K-10001", "complaint", "Pump complaint", ["complaints"],
     {"number": "C-1", "date": RECENT, "subject": "broken pump", "status": "open"},
     "Die Pumpe ist kaputt. The pump is broken since Monday."),
    ("K-10001", "invoice", "Invoice INV-7", ["invoices"],
     {"number": "INV-7", "date": RECENT, "amount": "1250.00", "currency": "EUR",
      "paid": False}, "Rechnung für Wartung der Pumpenanlage"),
    ("K-10001", "invoice", "Invoice INV-8", ["invoices"],
     {"number": "INV-8", "date": OLD, "amount": "300.00", "currency": "EUR", "paid": True},
     "Invoice for spare parts, paid in full"),
    ("K-10002", "order", "Pedido de válvulas", ["orders"],
     {"number": "PO-55", "date": RECENT, "amount": "780.50", "currency": "EUR"},
     "Pedido urgente: válvulas de presión para la planta de Sevilla"),
    ("K-10002", "letter", "Carta de agradecimiento", ["correspondence"],
     {"date": OLD, "subject": "gracias"}, "Muchas gracias por la reunión del martes"),
]

PUMP, INV7, INV8, ORDER, LETTER = (c[2] for c in CORPUS)

#: (query, titles it must find).
CASES: list[tuple[str, set[str]]] = [
    ("pump", {PUMP}),
    ("PUMP broken", {PUMP}),
    ("pumpe", {PUMP}),
    ("pump*", {PUMP, INV7}),  # "Pumpenanlage" starts with pump
    ("muller", {PUMP, INV7, INV8}),  # the file's cover name, diacritics folded
    ("Müller invoice", {INV7, INV8}),
    ("pena", {ORDER, LETTER}),
    ("valvulas", {ORDER}),
    ('"pump is broken"', {PUMP}),
    ('"broken is pump"', set()),
    ("gracias OR valvulas", {ORDER, LETTER}),
    ("invoice -paid", {INV7}),  # INV-8's text says "paid"
    ("invoice NOT spare", {INV7}),
    ("type:invoice", {INV7, INV8}),
    ("type:Invoice paid:false", {INV7}),
    ("paid:true", {INV8}),
    ("register:complaints", {PUMP}),
    ("file:K-10002", {ORDER, LETTER}),
    ("file:k-10001 type:complaint", {PUMP}),
    ("title:invoice", {INV7, INV8}),
    ("title:pump", {PUMP}),
    ("number:INV-7", {INV7}),
    ("city:sevilla", {ORDER, LETTER}),
    ("amount>1000", {INV7}),
    ("amount>=300", {INV7, INV8, ORDER}),
    ("amount<300", set()),
    ("amount:300..800", {INV8, ORDER}),
    (f"date:{OLD}", {INV8, LETTER}),
    (f"date:2024-01-01..{OLD}", {INV8, LETTER}),
    (f"date>{OLD}", {PUMP, INV7, ORDER}),
    ('date:"last 3 months"', {PUMP, INV7, ORDER}),
    ('created:"last 14 days"', {PUMP, INV7, INV8, ORDER, LETTER}),
    ("-type:invoice -type:order -type:letter", {PUMP}),
    ("(gracias OR pump) type:letter", {LETTER}),
    ("nonexistentword", set()),
]

#: Queries that must be refused with a 422 naming the position (query, position).
BAD_QUERIES: list[tuple[str, int]] = [
    ("", 0),
    ("   ", 0),
    ("!!! ,,, ...", 0),
    ("x" * 10_000, 1000),
    ('pump "broken', 5),
    ("amount>abc", 7),
    ("colour:red", 0),
    ("date:2025-13-45", 5),
    ("date:2025-02-30", 5),
    ("pump OR", 7),
    ("(pump", 5),
    ("pump)", 4),
    ("title>5", 5),
    ('date:"next week"', 5),
    ("amount:5..", 10),
]
