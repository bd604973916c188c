"""``demo_documents``: the documents of one demo customer, oldest first."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import date, timedelta

from .correspondence import plan_contract, plan_email, plan_letter
from .deals import plan_deal
from .drafts import Draft, Planner
from .fileclass import fit_document
from .model import DemoCustomer, DemoDocument, DemoVersion
from .phrases import CATALOG

__all__ = ["DEMO_NAMESPACE", "demo_documents", "document_id"]

DEMO_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://dossier.example/demo-data")
_EVENTS = ("deal", "letter", "email", "contract")
_EVENT_WEIGHTS = (55, 20, 20, 5)


def document_id(customer_key: str, sequence: int) -> str:
    """The id of the ``sequence``-th (1-based, chronological) document of a customer."""
    return str(uuid.uuid5(DEMO_NAMESPACE, f"{customer_key}/{sequence}"))


def _plan(planner: Planner, count: int) -> list[Draft]:
    """Random business events until ``count`` documents exist; the first is a contract."""
    rng, today = planner.rng, planner.today
    first, last = planner.first_day + timedelta(days=45), today - timedelta(days=1)
    plan_contract(planner, planner.day_between(first, first + timedelta(days=240)))
    while len(planner.drafts) < count:
        event = rng.choices(_EVENTS, weights=_EVENT_WEIGHTS)[0]
        day = planner.day_between(first, last)
        if event == "deal":
            plan_deal(planner, day)
        elif event == "letter":
            plan_letter(planner, day)
        elif event == "email":
            kind = rng.choice(("inquiry", "meeting"))
            product = rng.choice(CATALOG)[{"de": 0, "es": 1, "en": 2}[planner.language]]
            plan_email(planner, planner.moment(day), kind=kind,
                       incoming=kind == "inquiry" or rng.random() < 0.5, product=product)
        else:
            plan_contract(planner, day)
    return planner.drafts[:count]


def demo_documents(customer: DemoCustomer, *, per_customer: int = 20, seed: int = 7,
                   today: date = date(2026, 11, 1)) -> Iterator[DemoDocument]:
    """``per_customer`` documents of ``customer`` from the three years before ``today``.

    Deterministic: the same arguments give byte-identical documents. All random choices are
    made before the first document is yielded; file contents are rendered while iterating.
    """
    rng = random.Random(f"dossier-demo-documents:{seed}:{customer.key}")
    planner = Planner(customer, rng, today)
    drafts = _plan(planner, per_customer) if per_customer > 0 else []
    ordered = sorted(enumerate(drafts), key=lambda pair: (pair[1].created_at, pair[0]))
    for sequence, (_, draft) in enumerate(ordered, start=1):
        doc_id = document_id(customer.key, sequence)
        versions = tuple(
            DemoVersion(filename=version.filename, media_type=version.media_type,
                        content=version.render(doc_id), comment=version.comment,
                        created_at=version.created_at)
            for version in draft.versions
        )
        registers, index = fit_document(draft.type, draft.registers, draft.index)
        yield DemoDocument(id=doc_id, customer_key=customer.key, type=draft.type,
                           title=draft.title, registers=registers, index=index,
                           versions=versions, created_at=draft.created_at)
