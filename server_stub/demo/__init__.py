"""Deterministic demo customers and documents for a fresh Dossier installation.

The generators are pure functions: they touch no database and no network; the only file read
is the customer file class template. :mod:`.seed` alone writes them into a tenant (for the
``dossier-server demo`` command); the rest of the server never imports this package. The same
arguments always give byte-identical output::

    for customer in demo_customers():
        for document in demo_documents(customer):
            ...
"""

from __future__ import annotations

from .customers import demo_customers
from .documents import demo_documents, document_id
from .model import DemoCustomer, DemoDocument, DemoVersion

__all__ = [
    "DemoCustomer",
    "DemoDocument",
    "DemoVersion",
    "demo_customers",
    "demo_documents",
    "document_id",
]
