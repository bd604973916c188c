"""The checked query AST as SQL over ``search_documents`` (the PostgreSQL backend).

Each text match becomes ``words @@ '<tsquery>'`` with the lexemes of :mod:`.pg_table` (a
``tsquery`` literal is taken as written, not re-parsed: the words are analysed once, by
:func:`viewer.words.words`, as for the Tantivy backend); several words are a phrase (``<->``),
a prefix ends in ``:*``. ``type:``, ``register:`` and ``file:`` also match the whole value
exactly. Ranges compare the numbers stored per field (dates as ordinal days, a day being
[its start, the next day's start)), with a missing value never matching; ``NOT``, ``AND`` and
``OR`` are SQL's. The words of the positive matches rank the hits (``ts_rank``) and are
marked in snippets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    and_,
    cast,
    false,
    func,
    literal,
    not_,
    or_,
    true,
)
from sqlalchemy.dialects.postgresql import TSQUERY

from viewer.query import And, FieldCatalogue, Interval, Match, Node, Not, Or
from viewer.words import words

from .pg_table import DOCUMENTS, FILE, FREE, REGISTER, TITLE, TYPE, field_mark, lexeme

__all__ = ["Highlight", "condition", "highlight_terms", "rank_query", "sort_key"]

S = DOCUMENTS.c
_MARKS: dict[str | None, str] = {None: FREE, "title": TITLE, "type": TYPE,
                                  "register": REGISTER, "file": FILE}


def _mark(name: str | None) -> str:
    return _MARKS[name] if name in _MARKS else field_mark(str(name))


def _tsquery(mark: str, found: list[str], mode: str) -> str:
    terms = [lexeme(mark + word) for word in found]
    if mode == "prefix":
        terms[-1] += ":*"
    return " <-> ".join(terms)


def _matches(query: str) -> ColumnElement[bool]:
    return S.words.bool_op("@@")(cast(literal(query), TSQUERY))


def _match(node: Match) -> ColumnElement[bool]:
    found = words(node.text)
    mark = _mark(node.field)
    options: list[ColumnElement[bool]] = []
    if found:
        options.append(_matches(_tsquery(mark, found, node.mode)))
    if node.mode != "prefix" and node.field in ("type", "register", "file"):
        value = node.text.strip().lower()
        options.append(S.type == value if node.field == "type" else
                       S.file_key == value if node.field == "file" else
                       S.register_names.contains([value]))
    return or_(*options) if options else false()


def _day(value: Decimal | date | None) -> float | None:
    return None if value is None else float(value.toordinal())  # type: ignore[union-attr]


def _interval(node: Interval) -> ColumnElement[bool]:
    column: ColumnElement[float] = (S.created_day if node.field == "created"
                                    else S.numbers[node.field].astext.cast(Float))
    if node.kind == "date":  # a day is [its start, the next day's start)
        low = _day(node.low)
        high = _day(node.high)
        low = None if low is None else low + (0 if node.low_inclusive else 1)
        high = None if high is None else high + (1 if node.high_inclusive else 0)
        low_in, high_in = True, False
    else:
        low = None if node.low is None else float(node.low)  # type: ignore[arg-type]
        high = None if node.high is None else float(node.high)  # type: ignore[arg-type]
        low_in, high_in = node.low_inclusive, node.high_inclusive
    bounds: list[ColumnElement[bool]] = [column.is_not(None)]
    if low is not None:
        bounds.append(column >= low if low_in else column > low)
    if high is not None:
        bounds.append(column <= high if high_in else column < high)
    return func.coalesce(and_(*bounds), false())


def condition(node: Node) -> ColumnElement[bool]:
    """The rows matching ``node`` (a checked AST)."""
    if isinstance(node, Match):
        return _match(node)
    if isinstance(node, Interval):
        return _interval(node)
    if isinstance(node, Not):
        return not_(condition(node.item))
    if isinstance(node, And):
        return and_(true(), *(condition(item) for item in node.items))
    if isinstance(node, Or):
        return or_(false(), *(condition(item) for item in node.items))
    raise TypeError(f"unchecked query node {node!r}")


def _positive(node: Node) -> list[Match]:
    """The text matches a hit is found by (not those under NOT)."""
    if isinstance(node, Match):
        return [node]
    if isinstance(node, And | Or):
        return [m for item in node.items for m in _positive(item)]
    return []


def rank_query(node: Node) -> str | None:
    """The positive matches as one ``tsquery`` (any of them), for ``ts_rank``."""
    parts = []
    for match in _positive(node):
        found = words(match.text)
        mark = _mark(match.field)
        if found:
            parts.append(f"({_tsquery(mark, found, match.mode)})")
    return " | ".join(parts) or None


@dataclass
class Highlight:
    """The words to mark in a snippet: exact ones and prefixes."""

    exact: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)


def highlight_terms(node: Node) -> Highlight:
    """The positive free-text and title words, as the Tantivy backend marks them."""
    terms = Highlight()
    for match in _positive(node):
        if match.field not in (None, "title"):
            continue
        found = words(match.text)
        if match.mode == "prefix" and found:
            terms.prefixes.add(found.pop())
        terms.exact.update(found)
    return terms


def sort_key(sort: str, catalogue: FieldCatalogue) -> list[ColumnElement[Any]]:
    """ORDER BY for a sort other than relevance (``KeyError`` for an unknown field); ties
    are broken by document id, so pages never overlap."""
    name = sort.removeprefix("-")
    column: ColumnElement[Any]
    if name == "created":
        column = S.created_day
    else:
        kind = catalogue.fields.get(name)
        if kind is None:
            raise KeyError(name)
        column = (S.numbers[name].astext.cast(Float) if kind in ("number", "date")
                  else S.texts[name].astext.collate("C"))
    ordered = column.desc() if sort.startswith("-") else column.asc()
    return [ordered.nulls_last(), S.doc_id.asc()]
