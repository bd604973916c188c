"""Demo customers: a deterministic mix of German, Spanish and English speaking companies."""

from __future__ import annotations

import random
from decimal import Decimal

from .fileclass import customer_file_class, fit_values
from .geography import (
    COUNTRIES,
    COUNTRY_GROUPS,
    FIRST_NAMES,
    PUBLIC_BODIES,
    SELLER,
    SURNAMES,
    TRADES,
    Country,
    Person,
    ascii_slug,
)
from .model import DemoCustomer

__all__ = ["CURRENCY_RATES", "contact_person", "demo_customers", "language_of"]

LANGUAGES = ("de", "es", "en")
SEGMENTS = ("key account", "SME", "public sector", "retail", "private")
_SEGMENT_WEIGHTS = (15, 40, 12, 20, 13)
_CREDIT_RANGE_EUR = {
    "key account": (100, 500),
    "SME": (10, 80),
    "public sector": (50, 250),
    "retail": (5, 40),
    "private": (1, 5),
}  # thousands
CURRENCY_RATES = {
    "EUR": Decimal("1"),
    "CHF": Decimal("0.95"),
    "GBP": Decimal("0.85"),
    "USD": Decimal("1.10"),
    "MXN": Decimal("20"),
}
_PAYMENT_TERMS = ("14 days net", "30 days net", "60 days net", "30 days 2% discount")
_MAILBOXES = {"de": ("info", "einkauf", "buchhaltung"), "es": ("info", "compras", "administracion"),
              "en": ("info", "purchasing", "accounts")}
_PRIVATE_MAIL = {"de": "mail", "es": "correo", "en": "mail"}


def language_of(customer: DemoCustomer) -> str:
    """``"de"``, ``"es"`` or ``"en"``: the language the customer's documents are written in."""
    return COUNTRIES[str(customer.cover["country"])].language


def contact_person(customer: DemoCustomer, rng: random.Random) -> Person:
    """The person letters are addressed to (the customer itself for private customers)."""
    language = language_of(customer)
    genders = dict(FIRST_NAMES[language])
    if customer.cover["segment"] == "private":
        first, last = customer.title.split(" ", 1)
        return Person(first, last, genders.get(first, True))
    first, female = rng.choice(FIRST_NAMES[language])
    return Person(first, rng.choice(SURNAMES[language]), female)


def _company_name(
    rng: random.Random, language: str, surname: str, country: Country
) -> tuple[str, str]:
    """A company name and the same without its legal form (for the mail domain)."""
    trade = rng.choice(TRADES[language])
    legal = rng.choice(country.legal_forms)
    pattern = rng.randrange(3)
    if pattern == 0 and language == "es":
        base = f"{trade} {surname}"
    elif pattern == 1:
        partner = rng.choice([name for name in SURNAMES[language] if name != surname])
        joiner = {"de": "&", "es": "y", "en": "&"}[language]
        base = f"{surname} {joiner} {partner}"
    else:
        base = f"{surname} {trade}"
    return f"{base} {legal}", base


def _street(rng: random.Random, country: Country) -> str:
    number = rng.randint(1, 180)
    street = rng.choice(country.streets)
    if country.language == "en":
        return f"{number} {street}"
    return f"{street} {number}"


def _phone(rng: random.Random, country: Country, area_code: str) -> str:
    if country.code == "US":
        return f"+1 {area_code} 555 {rng.randint(100, 199):04d}"
    return f"{country.dial} {area_code} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def _credit_limit(rng: random.Random, segment: str, currency: str) -> str:
    low, high = _CREDIT_RANGE_EUR[segment]
    euros = Decimal(rng.randint(low, high) * 1000)
    amount = (euros * CURRENCY_RATES[currency]).quantize(Decimal("1000"))
    return f"{amount:.2f}"


def _customer(index: int, seed: int) -> DemoCustomer:
    rng = random.Random(f"dossier-demo-customer:{seed}:{index}")
    language = LANGUAGES[index % 3]
    country = COUNTRIES[COUNTRY_GROUPS[language][(index // 3) % 3]]
    surnames = SURNAMES[language]
    surname = surnames[(index // 3) % len(surnames)]
    place = rng.choice(country.places)
    segment = rng.choices(SEGMENTS, weights=_SEGMENT_WEIGHTS)[0]
    if segment == "public sector":
        name = rng.choice(PUBLIC_BODIES[language]).format(city=place.city.split(",")[0])
        domain = ascii_slug(name)
    elif segment == "private":
        name = f"{rng.choice(FIRST_NAMES[language])[0]} {surname}"
        domain = ""
    else:
        name, base = _company_name(rng, language, surname, country)
        domain = ascii_slug(base)
    if segment == "private":
        first, last = name.split(" ", 1)
        local = Person(first, last, True).email_local()
        email = f"{local}@{_PRIVATE_MAIL[language]}.{country.tld}"
    else:
        email = f"{rng.choice(_MAILBOXES[language])}@{domain[:60]}.{country.tld}"
    key = f"K-{10001 + index}"
    prepaid = segment == "private" or (segment == "retail" and rng.random() < 0.2)
    terms = "prepayment" if prepaid else rng.choice(_PAYMENT_TERMS)
    cover: dict[str, object] = {
        "customer_number": key,
        "name": name,
        "street": _street(rng, country),
        "postcode": place.postcode,
        "city": place.city,
        "country": country.code,
        "phone": _phone(rng, country, place.area_code),
        "email": email,
        "segment": segment,
        "account_manager": rng.choice(SELLER.staff[language]).name,
        "credit_limit": _credit_limit(rng, segment, country.currency),
        "credit_limit_currency": country.currency,
        "payment_terms": terms,
    }
    return DemoCustomer(key=key, title=name,
                        cover=fit_values(customer_file_class().cover_fields, cover))


def demo_customers(count: int = 60, *, seed: int = 7) -> list[DemoCustomer]:
    """``count`` customers numbered ``K-10001``...; the same arguments give the same customers.

    Customers rotate through the language groups (de, es, en) and their three countries, so any
    30 consecutive customers cover all nine countries. A shorter list is a prefix of a longer one.
    """
    return [_customer(index, seed) for index in range(count)]
