"""Planned documents before rendering, and the per-customer planning state.

Planning draws every random choice up front; rendering (``Render`` callables) is pure, so the
expensive part runs lazily while the caller iterates and the output does not depend on it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from .customers import CURRENCY_RATES, contact_person
from .geography import SELLER, Person, ascii_slug
from .model import DemoCustomer
from .phrases import CATALOG
from .records import CENT, Counterpart, LineItem

__all__ = ["Draft", "Planner", "Render", "VersionDraft", "once"]

Render = Callable[[str], bytes]
"""Makes a version's bytes; gets the document id (e-mails use it for their Message-ID)."""



def once(render: Render) -> Render:
    """``render`` made at most once: for content that does not depend on the document id and
    is also attached to an e-mail."""
    made: list[bytes] = []

    def cached(doc_id: str) -> bytes:
        if not made:
            made.append(render(doc_id))
        return made[0]

    return cached


_QUANTITY_SCALE = {"key account": 8, "public sector": 5, "SME": 3, "retail": 2, "private": 1}


@dataclass(frozen=True)
class VersionDraft:
    filename: str
    media_type: str
    render: Render
    comment: str
    created_at: datetime


@dataclass(frozen=True)
class Draft:
    type: str
    title: str
    registers: tuple[str, ...]
    index: dict[str, object]
    versions: tuple[VersionDraft, ...]

    @property
    def created_at(self) -> datetime:
        return self.versions[0].created_at


@dataclass
class Planner:
    """Random choices, numbering and the growing list of drafts for one customer."""

    customer: DemoCustomer
    rng: random.Random
    today: date
    drafts: list[Draft] = field(default_factory=list)
    _counters: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        manager_name = str(self.customer.cover["account_manager"])
        staff = [person for people in SELLER.staff.values() for person in people]
        manager = next((p for p in staff if p.name == manager_name), staff[0])
        self.party = Counterpart(self.customer, contact_person(self.customer, self.rng), manager)
        self.first_day = self.today - timedelta(days=3 * 365)

    @property
    def language(self) -> str:
        return self.party.language

    def add(self, draft: Draft) -> None:
        self.drafts.append(draft)

    def number(self, prefix: str, day: date) -> str:
        """``INV-2025-10001-03``: per customer and kind, unique within the tenant."""
        count = self._counters.get(prefix, 0) + 1
        self._counters[prefix] = count
        return f"{prefix}-{day.year}-{self.customer.key[2:]}-{count:02d}"

    def day_between(self, low: date, high: date) -> date:
        if high <= low:
            return low
        return low + timedelta(days=self.rng.randint(0, (high - low).days))

    def moment(self, day: date) -> datetime:
        """A time during business hours (UTC) on ``day``."""
        clock = time(self.rng.randint(7, 17), self.rng.randint(0, 59), self.rng.randint(0, 59))
        return datetime.combine(day, clock, tzinfo=UTC)

    def later(self, moment: datetime, *, min_minutes: int = 5, max_minutes: int = 240) -> datetime:
        return moment + timedelta(minutes=self.rng.randint(min_minutes, max_minutes))

    def items(self) -> tuple[LineItem, ...]:
        language_column = {"de": 0, "es": 1, "en": 2}[self.language]
        rate = CURRENCY_RATES[self.party.currency]
        scale = _QUANTITY_SCALE[str(self.customer.cover["segment"])]
        picks = self.rng.sample(CATALOG, self.rng.randint(1, 5))
        return tuple(
            LineItem(entry[language_column], self.rng.randint(1, 3 * scale),
                     (Decimal(entry[3]) * rate).quantize(CENT))
            for entry in picks
        )

    def revise(self, items: tuple[LineItem, ...]) -> tuple[LineItem, ...]:
        """A revised offer: other quantities and a 5 % discount."""
        return tuple(
            LineItem(item.description, max(1, item.quantity + self.rng.randint(-2, 3)),
                     (item.unit_price * Decimal("0.95")).quantize(CENT))
            for item in items
        )

    def email_address(self, person: Person, address: str) -> str:
        return f"{person.name} <{address}>"

    @staticmethod
    def slug(text: str, limit: int = 48) -> str:
        return ascii_slug(text)[:limit].strip("-") or "document"
