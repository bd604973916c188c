"""Search offline: the query language of API.md over the replica of checked-out files.

Answers are the server's search answers (``wire_search.SearchAnswer``) so that a caller (CLI,
desktop) shows server and replica results alike; only the files taken along are searched.
The index is FTS5 inside the replica (``search_schema.py``): it changes in the same
transaction as the documents (the triggers mark them, each search indexes them first, in its
own transaction), so local changes not yet synced are found at once and a deleted document is
gone at once. The words are cut by :mod:`viewer.words`, Tantivy's analysis, and the shared
query table (``tests/search_cases.py``) runs here as on the server.
"""

from __future__ import annotations

import html
import json
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from viewer.query import Match, Node, check, parse, register_group_labels
from viewer.words import spans_of, words

from .errors import UsageError
from .local_view import document_view
from .replica import LocalDocument, LocalFile, LocalVersion, Replica
from .search_index import Catalogue, apply_pending, catalogue_of, extract_pending
from .search_sql import Condition, condition, fts_phrase, positive_text
from .wire_search import SearchAnswer

__all__ = ["GROUPS", "MAX_LIMIT", "search_replica"]

GROUPS = ("type", "file", "register", "month")
MAX_LIMIT = 1000
SNIPPET_CHARS = 240


def _hits(where: str, joined: str = "") -> str:
    """FROM and WHERE of the indexed documents matching ``where``: once the pending ones are
    indexed in the same transaction, the index holds exactly the live documents of the
    checked-out files."""
    return f"FROM search_rows r {joined} WHERE {where}"


def search_replica(replica: Replica, query: str, *, file_id: str | None = None,
                   sort: str = "relevance", group_by: str | None = None, limit: int = 50,
                   offset: int = 0) -> SearchAnswer:
    """The replica's documents matching ``query``, only in file ``file_id`` when given: a
    page as the server answers (``next_offset`` instead of a cursor; its documents marked
    ``pending`` while a local change is not synced). Raises ``viewer.query.QueryError`` for
    a query that cannot be parsed, ``UsageError`` for an unknown sort.

    Any thread. It first indexes what changed since the last search (``refresh``: text
    extraction of new contents, then one short write), so the first search after a large
    check-out takes longer; a caller may run ``refresh`` after a sync to spare it that."""
    if group_by is not None and group_by not in GROUPS:
        raise UsageError(f"group by one of {', '.join(GROUPS)}, not {group_by!r}")
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise UsageError(f"a limit from 1 to {MAX_LIMIT} and an offset from 0")
    parsed = parse(query)  # a typing error costs no indexing
    extracted = extract_pending(replica)
    with replica.transaction() as session:
        apply_pending(session, extracted)  # one snapshot: the index is the replica's state
        catalogue = catalogue_of(session)
        node = check(parsed, catalogue.fields)
        where = Condition()
        order = _order(sort, catalogue, where)
        matches = condition(node, where)
        if file_id is not None:
            matches += f" AND r.file_id = :{where.bind(file_id)}"
        total = int(session.execute(text(f"SELECT count(*) {_hits(matches)}"),
                                    where.params).scalar() or 0)
        scores = _scores(node, where) if sort == "relevance" else ""
        rows = session.execute(text(
            f"SELECT r.document_id, {'s.score' if scores else '0.0'} AS score "
            f"{_hits(matches, scores)} ORDER BY {order} "
            f"LIMIT {int(limit)} OFFSET {int(offset)}"), where.params).all()
        items = _items(session, [(str(d), float(s or 0.0)) for d, s in rows],
                       positive_text(node), scored=sort == "relevance")
        answer: dict[str, Any] = {
            "items": items, "total": total,
            "next_offset": offset + limit if offset + limit < total else None}
        if group_by is not None:
            answer["groups"] = _groups(session, group_by, matches, where.params, catalogue)
        return SearchAnswer.from_json(answer)


def _order(sort: str, catalogue: Catalogue, out: Condition) -> str:
    """ORDER BY of ``sort``; a field's missing values come last either way (as Tantivy's)."""
    descending = sort.startswith("-")
    name = sort.removeprefix("-")
    direction = "DESC" if descending else "ASC"
    if name == "relevance" and not descending:
        return "score DESC, r.created DESC, r.document_id"  # ties: newest first
    if name == "created":
        return f"r.created {direction}, r.document_id"
    kind = catalogue.fields.fields.get(name)
    if kind is None or name == "relevance" or not name.isidentifier():
        raise UsageError("sort by relevance, created, -created or a field name with - for "
                         f"descending, not {sort!r}")
    column = "number" if kind in ("number", "date") else "text"
    value = (f"(SELECT v.{column} FROM search_values v WHERE v.row_id = r.id "
             f"AND v.name = :{out.bind(name)})")
    return f"{value} IS NULL, {value} {direction}, r.document_id"


def _scores(node: Node, out: Condition) -> str:
    """A join of the BM25 scores of the positive free-text and title terms ("" when there
    are none: every hit scores 0)."""
    phrases = []
    for match in positive_text(node):
        terms = words(match.text)
        if terms:
            column = "everything" if match.field is None else "title"
            phrases.append(f"({column} : {fts_phrase(terms, match.mode)})")
    if not phrases:
        return ""
    expression = out.bind(" OR ".join(phrases))
    return (f"LEFT JOIN (SELECT rowid AS id, -bm25(search_words) AS score FROM search_words "
            f"WHERE search_words MATCH :{expression}) s ON s.id = r.id")


def _items(session: Session, hits: list[tuple[str, float]], terms: list[Match], *,
           scored: bool) -> list[dict[str, Any]]:
    ids = [doc_id for doc_id, _score in hits]
    documents = {d.id: d for d in session.scalars(select(LocalDocument).where(
        LocalDocument.id.in_(ids)))}
    files = {f.id: f for f in session.scalars(select(LocalFile).where(
        LocalFile.id.in_({d.file_id for d in documents.values()})))}
    versions = {(v.document_id, v.number): v for v in session.scalars(select(
        LocalVersion).where(LocalVersion.document_id.in_(ids)))}
    bodies: dict[str, str] = {str(sha): str(body) for sha, body in session.execute(text(
        "SELECT sha256, text FROM search_texts WHERE sha256 IN (SELECT value FROM "
        "json_each(:s))"), {"s": json.dumps([d.sha256 for d in documents.values()
                                             if d.sha256])})}
    items = []
    for doc_id, score in hits:
        doc = documents[doc_id]
        file = files[doc.file_id]
        items.append({
            "document": document_view(doc, versions.get((doc.id, doc.current_version))),
            "file": {"id": file.id, "key": file.key, "title": file.title},
            "snippet": snippet(str(bodies.get(doc.sha256 or "", "")), doc.title, terms),
            "score": score if scored else 0.0})
    return items


def _groups(session: Session, group_by: str, matches: str, params: dict[str, Any],
            catalogue: Catalogue) -> list[dict[str, Any]]:
    """Counts over all hits (a document in two registers counts in both)."""
    if group_by == "register":
        hits = _hits(matches, "JOIN documents d ON d.id = r.document_id "
                              "JOIN json_each(d.registers) g")
        column = "g.value"
    else:
        hits = _hits(matches)
        column = {"type": "r.type", "file": "r.file_id", "month": "r.month"}[group_by]
    counted = f"SELECT {column}, count(*) {hits} GROUP BY {column}"
    counts = {str(value): int(count) for value, count in session.execute(text(counted), params)}
    labels: dict[str, str] = {}
    if group_by == "type":
        labels = dict(catalogue.labels_by_type)
    elif group_by == "file":
        for file in session.scalars(select(LocalFile)):
            labels[file.id] = f"{file.key} {file.title}"
    elif group_by == "register":
        labels = register_group_labels({
            str(register["id"]): (str(register.get("label", "")), file.key)
            for file in session.scalars(select(LocalFile)) for register in file.registers
            if str(register["id"]) in counts})
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [{"value": value, "label": labels.get(value, value), "count": count}
            for value, count in ordered]


# --- snippets ----------------------------------------------------------------------------

def snippet(body: str, title: str, terms: list[Match]) -> str:
    """Plain text around the first best place the terms occur, HTML-escaped, with the matched
    words in ``<mark>`` (the body first, then the title, as the server's snippets)."""
    exact: set[str] = set()
    prefixes: list[str] = []
    for term in terms:
        found = words(term.text)
        if term.mode == "prefix" and found:
            exact.update(found[:-1])
            prefixes.append(found[-1])
        else:
            exact.update(found)
    for source in (body, title) if exact or prefixes else ():
        spans = spans_of(source, exact, tuple(prefixes), reach=SNIPPET_CHARS)
        if spans:
            return _marked(source, spans)
    plain = body or title
    return html.escape(" ".join(plain[:SNIPPET_CHARS].split()))


def _marked(source: str, spans: list[tuple[int, int]]) -> str:
    """The window from a little before the first match, the matches in it marked."""
    first = spans[0][0]
    start = max(0, min(first - 20, len(source) - SNIPPET_CHARS))  # some text before it
    while 0 < start < first and not source[start - 1].isspace():
        start += 1  # begin at a word
    end = min(len(source), start + SNIPPET_CHARS)
    out: list[str] = []
    at = start
    for s, e in spans:
        if e > end:
            break
        out.append(html.escape(source[at:s]))
        out.append("<mark>" + html.escape(source[s:e]) + "</mark>")
        at = e
    out.append(html.escape(source[at:end]))
    return " ".join("".join(out).split())
