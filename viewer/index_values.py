"""Values as a search index keeps them, the same for the server's index and the client's
offline one: the kind a file-class field has in queries, numbers and dates as floats (dates as
proleptic ordinal days), a checked range filter as float bounds, any value as text."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .query import FieldKind, Interval

__all__ = ["FIELD_KINDS", "field_kind", "interval_bounds", "numeric_value", "value_text"]

#: The query kind of a file-class field type (any other type is ``text``).
FIELD_KINDS: dict[str, FieldKind] = {"integer": "number", "decimal": "number",
                                     "money": "number", "date": "date", "datetime": "date",
                                     "boolean": "boolean"}


def field_kind(field_type: str) -> FieldKind:
    return FIELD_KINDS.get(field_type, "text")


def numeric_value(kind: FieldKind, value: Any) -> float | None:
    """A number or date field's value as a float (dates as proleptic ordinal days, a
    timestamp with the fraction of its day); None when it is neither."""
    if value is None or isinstance(value, bool):
        return None
    try:
        if kind == "number":
            return float(Decimal(str(value)))
        if kind == "date":
            if isinstance(value, datetime):
                return _ordinal(value)
            text = str(value)
            if len(text) == 10:
                return float(date.fromisoformat(text).toordinal())
            return _ordinal(datetime.fromisoformat(text))
    except (InvalidOperation, ValueError):
        return None
    return None


def _ordinal(moment: datetime) -> float:
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
    return moment.toordinal() + seconds / 86400


def interval_bounds(node: Interval) -> tuple[float | None, float | None, bool, bool]:
    """``(low, high, low inclusive, high inclusive)`` of a range filter over the floats of
    :func:`numeric_value` (None: open); a date range covers whole days: a day is [its start,
    the next day's start)."""
    low, high = node.low, node.high
    if node.kind == "date":
        low_f = None if low is None else _day(low) + (0 if node.low_inclusive else 1)
        high_f = None if high is None else _day(high) + (1 if node.high_inclusive else 0)
        return low_f, high_f, True, False
    return (None if low is None else float(Decimal(str(low))),
            None if high is None else float(Decimal(str(high))),
            node.low_inclusive, node.high_inclusive)


def _day(value: Decimal | date) -> float:
    assert isinstance(value, date)
    return float(value.toordinal())


def value_text(value: Any) -> str:
    """A value as the text an index cuts words from (booleans as ``true``/``false``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
