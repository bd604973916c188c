"""What the layouts render: the customer seen from a document, line items, sheets, contracts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .geography import COUNTRIES, SELLER, Person
from .model import DemoCustomer
from .phrases import format_date, format_money

__all__ = ["CENT", "ContractSpec", "Counterpart", "LineItem", "Sheet", "items_total"]

CENT = Decimal("0.01")
_COUNTRY_NAMES = {
    "de": {"DE": "Deutschland", "AT": "Österreich", "CH": "Schweiz"},
    "es": {"ES": "España", "MX": "México", "AR": "Argentina"},
    "en": {"GB": "United Kingdom", "IE": "Ireland", "US": "USA"},
}
_ATTENTION = {"de": "z. Hd. {name}", "es": "A/A: {name}", "en": "Attn: {name}"}


@dataclass(frozen=True)
class Counterpart:
    """The customer as a document sees it: language, currency, contact and account manager."""

    customer: DemoCustomer
    contact: Person
    manager: Person

    @property
    def country(self) -> str:
        return str(self.customer.cover["country"])

    @property
    def language(self) -> str:
        return COUNTRIES[self.country].language

    @property
    def currency(self) -> str:
        return COUNTRIES[self.country].currency

    @property
    def vat_percent(self) -> Decimal:
        return Decimal(COUNTRIES[self.country].vat_percent)

    @property
    def private(self) -> bool:
        return self.customer.cover["segment"] == "private"

    def money(self, amount: Decimal) -> str:
        return f"{format_money(amount, self.language)} {self.currency}"

    def day(self, day: date) -> str:
        return format_date(day, self.country)

    @property
    def contact_email(self) -> str:
        mailbox = str(self.customer.cover["email"])
        if self.private:
            return mailbox
        return f"{self.contact.email_local()}@{mailbox.split('@', 1)[1]}"

    @property
    def manager_email(self) -> str:
        return f"{self.manager.email_local()}@{SELLER.domain}"

    def address_lines(self) -> list[str]:
        cover = self.customer.cover
        lines = [self.customer.title]
        if not self.private:
            lines.append(_ATTENTION[self.language].format(name=self.contact.name))
        lines.append(str(cover["street"]))
        if self.country == "GB":
            lines += [str(cover["city"]), str(cover["postcode"])]
        elif self.country == "US":
            lines.append(f"{cover['city']} {cover['postcode']}")
        else:
            lines.append(f"{cover['postcode']} {cover['city']}")
        lines.append(_COUNTRY_NAMES[self.language][self.country])
        return lines


@dataclass(frozen=True)
class LineItem:
    description: str
    quantity: int
    unit_price: Decimal

    @property
    def total(self) -> Decimal:
        return (self.unit_price * self.quantity).quantize(CENT)


def items_total(items: tuple[LineItem, ...]) -> Decimal:
    return sum((item.total for item in items), Decimal("0.00"))


@dataclass(frozen=True)
class Sheet:
    """An offer, order confirmation, delivery note or invoice.

    ``facts`` are extra (label key, value) lines of the header block; ``vat_percent`` is set
    only for invoices, whose amount is then the gross total.
    """

    kind: str
    number: str
    issued: date
    items: tuple[LineItem, ...]
    facts: tuple[tuple[str, str], ...] = ()
    vat_percent: Decimal | None = None
    revision: int = 1

    @property
    def net(self) -> Decimal:
        return items_total(self.items)

    @property
    def vat(self) -> Decimal:
        if self.vat_percent is None:
            return Decimal("0.00")
        return (self.net * self.vat_percent / 100).quantize(CENT)

    @property
    def amount(self) -> Decimal:
        """What the index calls the amount: net for offers and orders, gross for invoices."""
        return self.net + self.vat


@dataclass(frozen=True)
class ContractSpec:
    number: str
    title: str
    start: date
    end: date | None
    annual_value: Decimal
    notice_days: int
