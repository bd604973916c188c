"""The demo generator's output: customers, documents and their versions (plain frozen data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["DemoCustomer", "DemoDocument", "DemoVersion"]


@dataclass(frozen=True)
class DemoCustomer:
    """One customer file: ``key`` is the customer number, ``cover`` holds every cover field.

    Cover values are JSON-ready in the API's formats (dates ``"YYYY-MM-DD"``, money as decimal
    strings, enums as one of their options).
    """

    key: str
    title: str
    cover: dict[str, object]


@dataclass(frozen=True)
class DemoVersion:
    """Immutable content of one document version plus why and when it was made."""

    filename: str
    media_type: str
    content: bytes
    comment: str
    created_at: datetime


@dataclass(frozen=True)
class DemoDocument:
    """A business document of a customer file.

    ``registers`` starts with the type's default register; ``index`` holds values for the
    type's index fields (optional ones may be absent); ``versions`` is the linear history,
    oldest first.
    """

    id: str
    customer_key: str
    type: str
    title: str
    registers: tuple[str, ...]
    index: dict[str, object]
    versions: tuple[DemoVersion, ...]
    created_at: datetime
