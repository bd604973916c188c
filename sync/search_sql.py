"""A checked query (``viewer.query``) as SQL over the replica's search index.

Each node becomes a condition on ``r`` (a ``search_rows`` row): free text and text fields
are FTS5 ``MATCH`` sub-queries on ``search_words``, number and date filters compare
``search_values``, ``type:``/``register:``/``file:`` also compare the exact lower-cased name,
as the server's Tantivy backend does (``tantivy_index.py``: ``_match``, ``_interval``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from viewer.index_values import interval_bounds
from viewer.query import And, Interval, Match, Node, Not, Or
from viewer.words import words

from .search_index import field_prefix

__all__ = ["Condition", "condition", "fts_phrase", "positive_text"]

_COLUMNS = {None: "everything", "title": "title", "type": "type_text",
            "register": "register_text", "file": "file_text"}
_EXACT = {"type": "r.type = :{p}", "file": "r.file_key = :{p}",
          "register": "EXISTS (SELECT 1 FROM json_each(r.register_names) WHERE value = :{p})"}


@dataclass
class Condition:
    """SQL text with its named parameters."""

    params: dict[str, Any] = field(default_factory=dict)

    def bind(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return name


def fts_phrase(terms: list[str], mode: str) -> str:
    """An FTS5 phrase of already folded words (a prefix on its last word for ``prefix``)."""
    quoted = '"' + " ".join(terms).replace('"', '""') + '"'
    return quoted + "*" if mode == "prefix" else quoted


def _match(node: Match, out: Condition) -> str:
    terms = words(node.text)
    if not terms:
        return "0"  # nothing to find (Tantivy's empty query)
    if node.field is None or node.field in _COLUMNS:
        column = _COLUMNS[node.field]
    else:
        column = "fields"
        terms = [field_prefix(node.field) + term for term in terms]
    expression = f"{column} : {fts_phrase(terms, node.mode)}"
    found = (f"r.id IN (SELECT rowid FROM search_words WHERE search_words MATCH "
             f":{out.bind(expression)})")
    if node.field in _EXACT and node.mode != "prefix":
        exact = _EXACT[node.field].format(p=out.bind(node.text.strip().lower()))
        return f"({found} OR {exact})"
    return found


def _interval(node: Interval, out: Condition) -> str:
    low_f, high_f, low_in, high_in = interval_bounds(node)
    if node.field == "created":
        column, tests = "r.created", []
    else:
        column, tests = "v.number", [f"v.name = :{out.bind(node.field)}"]
    if low_f is not None:
        tests.append(f"{column} {'>=' if low_in else '>'} :{out.bind(low_f)}")
    if high_f is not None:
        tests.append(f"{column} {'<=' if high_in else '<'} :{out.bind(high_f)}")
    if node.field == "created":
        return "(" + " AND ".join(tests or ["1"]) + ")"
    # a range scan of the (name, number) index, not a look-up per row
    return "r.id IN (SELECT v.row_id FROM search_values v WHERE " + " AND ".join(tests) + ")"


def condition(node: Node, out: Condition) -> str:
    """``node`` as an SQL condition on ``r``; its parameters go to ``out``."""
    if isinstance(node, Match):
        return _match(node, out)
    if isinstance(node, Interval):
        return _interval(node, out)
    if isinstance(node, Not):
        return f"NOT {condition(node.item, out)}"
    if isinstance(node, And):
        return "(" + " AND ".join(condition(item, out) for item in node.items) + ")"
    if isinstance(node, Or):
        return "(" + " OR ".join(condition(item, out) for item in node.items) + ")"
    raise TypeError(f"unchecked query node {node!r}")


def positive_text(node: Node) -> list[Match]:
    """The free-text and title terms the user looks for (not those excluded): what scores
    relevance and what snippets mark, as the server's highlight query."""
    found: list[Match] = []
    if isinstance(node, Match) and node.field in (None, "title"):
        found.append(node)
    elif isinstance(node, And | Or):
        for item in node.items:
            found.extend(positive_text(item))
    return found
