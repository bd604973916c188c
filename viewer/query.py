"""The search query language of API.md "Search and views": a parser into a small AST.

Deliberately independent of any engine (no tantivy, no SQL): the server's backends translate
the checked AST, and the offline client runs the same grammar over its replica. It lives in
the viewer core, the one package both client and server may import (DESIGN.md "Parts"): the
language is part of the protocol, and a copy on each side would drift.

Grammar (``OR`` binds tighter than the implicit AND between clauses, as in web search)::

    query   := clause+
    clause  := alt
    alt     := unary ("OR" unary)*
    unary   := ("-" | "NOT") unary | primary
    primary := "(" clause+ ")" | filter | phrase | word
    filter  := NAME (":" | ">" | ">=" | "<" | "<=") value
    value   := phrase | word | word ".." word
    phrase  := '"' ... '"'
    word    := a run of characters other than space, quotes and parentheses; ``*`` at its end
               makes it a prefix

Parsing (:func:`parse`) checks the syntax; :func:`check` then checks field names and values
against a :class:`FieldCatalogue` and resolves relative dates against "today". Both raise
:class:`QueryError` with the 0-based character position and what was expected there.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Literal

__all__ = [
    "MAX_CLAUSES", "MAX_QUERY_CHARS", "SPECIAL_FIELDS", "And", "FieldCatalogue", "FieldKind",
    "Interval", "Match", "Node", "Not", "Or", "QueryError", "check", "parse",
    "register_group_labels",
]

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 64

#: Fields every document has; ``created`` is when it was archived.
SPECIAL_FIELDS = ("type", "register", "file", "title", "created")

FieldKind = Literal["text", "number", "date", "boolean"]
MatchMode = Literal["words", "phrase", "prefix"]
Op = Literal[":", ">", ">=", "<", "<="]


class QueryError(ValueError):
    """A query that cannot be run: ``position`` (0-based) and what was ``expected`` there."""

    def __init__(self, position: int, expected: str) -> None:
        super().__init__(f"position {position}: expected {expected}")
        self.position = position
        self.expected = expected


# --- the AST ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """Text to find: in every searchable text (``field`` None) or in one field.

    ``words`` matches the analysed words of ``text`` in sequence (a word like ``INV-7`` is
    two words); ``phrase`` the same, from a quoted phrase; ``prefix`` words starting so.
    """

    text: str
    field: str | None
    mode: MatchMode
    position: int


@dataclass(frozen=True)
class Compare:
    """A field filter before checking: ``field op value`` or ``field:low..high``."""

    field: str
    op: Op
    value: str
    high: str | None
    quoted: bool
    position: int
    value_position: int


@dataclass(frozen=True)
class Interval:
    """A checked range filter on a number or date field (bounds None: open)."""

    field: str
    kind: FieldKind
    low: Decimal | date | None
    high: Decimal | date | None
    low_inclusive: bool = True
    high_inclusive: bool = True


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Match | Compare | Interval | And | Or | Not


# --- tokens ------------------------------------------------------------------------------

_FIELD = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(>=|<=|:|>|<)")
_WORD_STOP = ' \t\r\n"()'


@dataclass(frozen=True)
class _Token:
    kind: Literal["word", "phrase", "lparen", "rparen", "minus", "field", "eof"]
    text: str
    position: int
    op: str = ""


def _tokens(query: str) -> list[_Token]:
    out: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif c == "(":
            out.append(_Token("lparen", c, i))
            i += 1
        elif c == ")":
            out.append(_Token("rparen", c, i))
            i += 1
        elif c == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QueryError(i, 'a closing quote (") for the phrase opened here')
            out.append(_Token("phrase", query[i + 1:end], i))
            i = end + 1
        elif c == "-" and i + 1 < n and query[i + 1] not in " \t\r\n" and (
                not out or query[i - 1] in " \t\r\n("):
            out.append(_Token("minus", c, i))
            i += 1
        else:
            field = _FIELD.match(query, i)
            if field is not None:
                out.append(_Token("field", field.group(1), i, op=field.group(2)))
                i = field.end()
                continue
            start = i
            while i < n and query[i] not in _WORD_STOP:
                i += 1
            out.append(_Token("word", query[start:i], start))
    out.append(_Token("eof", "", n))
    return out


def _has_text(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _tokens(query)
        self.at = 0
        self.clauses = 0

    def peek(self) -> _Token:
        return self.tokens[self.at]

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def clauses_until(self, end: str) -> list[Node]:
        items: list[Node] = []
        while self.peek().kind not in ("eof", end):
            node = self.alternatives()
            if node is not None:
                items.append(node)
        return items

    def alternatives(self) -> Node | None:
        first = self.unary()
        items = [first] if first is not None else []
        while self.peek().kind == "word" and self.peek().text == "OR":
            token = self.take()
            if self.peek().kind in ("eof", "rparen"):
                raise QueryError(self.peek().position, f"a term after OR (at {token.position})")
            nxt = self.unary()
            if nxt is not None:
                items.append(nxt)
        if not items:
            return None
        return items[0] if len(items) == 1 else Or(tuple(items))

    def unary(self) -> Node | None:
        token = self.peek()
        if token.kind == "minus" or (token.kind == "word" and token.text == "NOT"):
            self.take()
            if self.peek().kind in ("eof", "rparen"):
                raise QueryError(self.peek().position,
                                 f"a term to exclude after {token.text!r}")
            inner = self.unary()
            return Not(inner) if inner is not None else None
        return self.primary()

    def primary(self) -> Node | None:
        token = self.take()
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise QueryError(token.position, f"at most {MAX_CLAUSES} terms")
        if token.kind == "lparen":
            items = self.clauses_until("rparen")
            closing = self.take()
            if closing.kind != "rparen":
                raise QueryError(closing.position, f"a closing parenthesis for the one at "
                                 f"{token.position}")
            if not items:
                raise QueryError(closing.position, "a term inside the parentheses")
            return items[0] if len(items) == 1 else And(tuple(items))
        if token.kind == "rparen":
            raise QueryError(token.position, "a term (this parenthesis closes nothing)")
        if token.kind == "phrase":
            if not _has_text(token.text):
                return None
            return Match(token.text, None, "phrase", token.position)
        if token.kind == "field":
            return self.filter(token)
        if token.kind == "word":
            return _word(token.text, None, token.position)
        raise QueryError(token.position, "a word, phrase or field filter")  # pragma: no cover

    def filter(self, name: _Token) -> Node:
        value = self.take()
        op: Op = name.op  # type: ignore[assignment]
        where = value.position
        if value.kind == "phrase":
            return Compare(name.text, op, value.text, None, True, name.position, where)
        if value.kind != "word" or value.position != name.position + len(name.text) + len(op):
            raise QueryError(name.position + len(name.text) + len(op),
                             f"a value after {name.text}{op}")
        low, dots, high = value.text.partition("..")
        if dots:
            if op != ":":
                raise QueryError(where, f"a single value after {op} (ranges use field:a..b)")
            if not low or not high:
                raise QueryError(where + len(low) + (2 if low else 0),
                                 "a value on both sides of '..'")
            return Compare(name.text, op, low, high, False, name.position, where)
        return Compare(name.text, op, value.text, None, False, name.position, where)


def _word(text: str, field: str | None, position: int) -> Node | None:
    if text.endswith("*") and _has_text(text[:-1]):
        return Match(text.rstrip("*"), field, "prefix", position)
    if not _has_text(text):
        return None  # punctuation alone finds nothing; ignored beside real terms
    return Match(text, field, "words", position)


def parse(query: str) -> Node:
    """The AST of ``query``; raises :class:`QueryError` when it cannot be parsed."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(MAX_QUERY_CHARS, f"a query of at most {MAX_QUERY_CHARS} characters")
    if not query.strip():
        raise QueryError(0, "a word, phrase or field filter (the query is empty)")
    parser = _Parser(query)
    items = parser.clauses_until("rparen")
    token = parser.peek()
    if token.kind == "rparen":
        raise QueryError(token.position, "a term (this parenthesis closes nothing)")
    if not items:
        raise QueryError(0, "a word with letters or digits (the query has only punctuation)")
    return items[0] if len(items) == 1 else And(tuple(items))


# --- checking against the fields ---------------------------------------------------------


@dataclass(frozen=True)
class FieldCatalogue:
    """Index and cover field names with their kind (``text``, ``number``, ``date``,
    ``boolean``); the special fields come on top."""

    fields: dict[str, FieldKind]

    def kind(self, name: str) -> FieldKind | None:
        if name == "created":
            return "date"
        if name in ("type", "register", "file", "title"):
            return "text"
        return self.fields.get(name)


_RELATIVE = re.compile(r"^\s*last\s+(\d{1,4})\s+(day|week|month|year)s?\s*$", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _minus_months(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _relative(text: str, today: date, position: int) -> tuple[date, date]:
    found = _RELATIVE.match(text)
    if found is None:
        raise QueryError(position, 'a date (YYYY-MM-DD) or "last N days|weeks|months|years"')
    count, unit = int(found.group(1)), found.group(2).lower()
    try:
        if unit == "day":
            start = today - timedelta(days=count)
        elif unit == "week":
            start = today - timedelta(weeks=count)
        elif unit == "month":
            start = _minus_months(today, count)
        else:
            start = _minus_months(today, 12 * count)
    except (OverflowError, ValueError) as exc:
        raise QueryError(position, "a smaller number of days, weeks, months or years") from exc
    return start, today


def _scalar(kind: FieldKind, text: str, position: int) -> Decimal | date:
    if kind == "number":
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite():
            raise QueryError(position, f"a number, not {text!r}")
        return value
    if not _DATE.match(text):
        raise QueryError(position, f"a date as YYYY-MM-DD, not {text!r}")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise QueryError(position, f"a valid date as YYYY-MM-DD, not {text!r}") from exc


def _check_compare(node: Compare, catalogue: FieldCatalogue, today: date) -> Node:
    kind = catalogue.kind(node.field)
    if kind is None:
        raise QueryError(node.position, f"a known field name, not {node.field!r} (fields: "
                         + ", ".join([*SPECIAL_FIELDS, *sorted(catalogue.fields)]) + ")")
    if kind in ("text", "boolean"):
        if node.op != ":" or node.high is not None:
            raise QueryError(node.position + len(node.field),
                             f"':' with a value ({node.field} is not a number or date)")
        if kind == "boolean":
            value = node.value.lower()
            if value not in ("true", "false", "yes", "no"):
                raise QueryError(node.value_position, "true or false")
            return Match("true" if value in ("true", "yes") else "false", node.field,
                         "words", node.position)
        if node.quoted:
            return Match(node.value, node.field, "phrase", node.position)
        word = _word(node.value, node.field, node.position)
        if word is None:
            raise QueryError(node.value_position, "a value with letters or digits")
        return word
    if node.quoted:
        if kind != "date" or node.op != ":":
            raise QueryError(node.value_position, f"a {kind} after {node.field}{node.op}")
        first, last = _relative(node.value, today, node.value_position)
        return Interval(node.field, kind, first, last)
    bound = _scalar(kind, node.value, node.value_position)
    if node.high is not None:
        high_at = node.value_position + len(node.value) + 2
        upper = _scalar(kind, node.high, high_at)
        if upper < bound:  # type: ignore[operator]
            raise QueryError(high_at, "an upper bound not below the lower one")
        return Interval(node.field, kind, bound, upper)
    if node.op == ":":
        return Interval(node.field, kind, bound, bound)
    if node.op in (">", ">="):
        return Interval(node.field, kind, bound, None, low_inclusive=node.op == ">=")
    return Interval(node.field, kind, None, bound, high_inclusive=node.op == "<=")


def check(node: Node, catalogue: FieldCatalogue, *, today: date | None = None) -> Node:
    """``node`` with field filters checked and turned into :class:`Match` or
    :class:`Interval`; relative dates resolved against ``today`` (default: the local date)."""
    today = today or datetime.now().date()
    if isinstance(node, Compare):
        return _check_compare(node, catalogue, today)
    if isinstance(node, And):
        return And(tuple(check(item, catalogue, today=today) for item in node.items))
    if isinstance(node, Or):
        return Or(tuple(check(item, catalogue, today=today) for item in node.items))
    if isinstance(node, Not):
        return Not(check(node.item, catalogue, today=today))
    return node


def register_group_labels(registers: dict[str, tuple[str, str]]) -> dict[str, str]:
    """The ``label`` of each ``group_by=register`` group, by register id, from its (label,
    file key): a register belongs to one file, so a label that more than one file's register
    carries (every file has its "Invoices") is told apart by the key: ``Invoices · K-10002``.
    Shared by the server and the offline search, so both name groups alike."""
    files_of: dict[str, set[str]] = {}
    for label, key in registers.values():
        files_of.setdefault(label, set()).add(key)
    return {register_id: f"{label} · {key}" if len(files_of[label]) > 1 else label
            for register_id, (label, key) in registers.items()}
