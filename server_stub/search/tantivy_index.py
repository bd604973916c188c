"""The embedded search backend: one Tantivy index per tenant under the data directory.

Analysis: Tantivy's simple tokenizer (splits on anything not a letter or digit), then lower
case, then ASCII folding (``Müller`` → ``muller``, ``Peña`` → ``pena``, ``Straße`` →
``strasse``). No stemming: the corpus mixes Spanish, German and English in one field and a
stemmer per language would need the language of every passage; stemming one language's rules
over another's words hurts more than it helps, and prefix search (``bestell*``) covers the
inflections a user reaches for. Query words go through the same analyzer, so both sides agree.

Rights are part of the query, never a filter after it. Every document is indexed with its
document id, file id, file class and register ids; :meth:`TenantIndex.rights_filter` turns the
actor's read grants — tenant, file class, file, register (with sub-registers, expanded by
``rights.py`` exactly as for SQL), document — into a boolean query over those terms that is
ANDed with the user's query. Every grant shape ``Actor.document_filter`` turns into SQL has a
term here, so ``total``, group counts and pages are counted over readable documents only. The
index holds one tenant, so another tenant's documents are not even in the file searched.

The indexer's position in the change feed is stored in the index itself, as a "cursor" entry
written in the same commit as the documents it covers (see :mod:`.indexer`).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy

from viewer.index_values import interval_bounds
from viewer.query import And, FieldCatalogue, Interval, Match, Node, Not, Or

from ..rights import Actor
from .records import DocumentRecord, numeric_value, value_text

__all__ = ["SORTABLE", "Hit", "Page", "TenantIndex", "analyzer", "index_folder"]

SCHEMA_VERSION = 2  # 2: "header" and "body" in place of "all" (the body indexed once)
_FOLD = "dossier_fold"
_VALUE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SORTABLE = ("relevance", "created")
WRITER_HEAP = 30_000_000  # bytes: the follower's writer, a few documents a commit
BUILD_HEAP = 100_000_000  # a rebuild's writer: fewer, larger segments to write and merge
GROUPS = {"type": "type", "file": "file_id", "register": "registers", "month": "month"}


def analyzer() -> tantivy.TextAnalyzer:
    """Words, lower-cased and folded to ASCII (see the module docstring)."""
    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(100))
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold())
            .build())


def _schema(catalogue: FieldCatalogue) -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in ("kind", "doc_id", "file_id", "file_class", "registers", "register_name",
                 "type", "file_key", "month"):
        builder.add_text_field(name, stored=name == "doc_id", fast=True, tokenizer_name="raw")
    for name in ("title", "body"):
        builder.add_text_field(name, stored=True, tokenizer_name=_FOLD)
    # a word without a field name searches "header" and "body": the body, the largest part
    # by far, is indexed once (an "all" field with the body in it again doubled the index)
    for name in ("type_text", "register_text", "file_text", "header"):
        builder.add_text_field(name, tokenizer_name=_FOLD)
    builder.add_json_field("f", tokenizer_name=_FOLD)
    builder.add_float_field("created", fast=True, indexed=True)
    builder.add_integer_field("seq", stored=True)
    for name, kind in sorted(catalogue.fields.items()):
        if not _VALUE.match(name):
            continue
        if kind in ("number", "date"):
            builder.add_float_field(f"v_{name}", fast=True, indexed=True)
        else:
            builder.add_text_field(f"s_{name}", fast=True, tokenizer_name="raw")
    return builder.build()


def _fingerprint(catalogue: FieldCatalogue) -> str:
    """Names the index folder: a new schema (fields configured, analysis changed) gets a new
    folder, built from the database, instead of mixing incompatible segments."""
    body = json.dumps({"v": SCHEMA_VERSION, "fields": sorted(catalogue.fields.items())})
    return hashlib.sha256(body.encode()).hexdigest()[:12]


def index_folder(root: Path, tenant_id: str, catalogue: FieldCatalogue) -> Path:
    return root / tenant_id / _fingerprint(catalogue)


@dataclass
class Hit:
    document_id: str
    score: float
    snippet: str


@dataclass
class Page:
    hits: list[Hit]
    total: int
    groups: dict[str, int] | None


class TenantIndex:
    """One tenant's index: writing (only in the process holding the writer lock) and
    searching (in every process)."""

    def __init__(self, root: Path, tenant_id: str, catalogue: FieldCatalogue) -> None:
        self.tenant_id = tenant_id
        self.catalogue = catalogue
        self.folder = index_folder(root, tenant_id, catalogue)
        self.schema = _schema(catalogue)
        self._analyzer = analyzer()
        self._index: tantivy.Index | None = None
        self._writer: tantivy.IndexWriter | None = None
        self._building = False

    # --- lifecycle ------------------------------------------------------------------

    def exists(self) -> bool:
        return (self.folder / "meta.json").exists()

    def _open(self, *, create: bool) -> tantivy.Index:
        if self._index is None:
            if not create and not self.exists():
                raise FileNotFoundError(self.folder)
            self.folder.mkdir(parents=True, exist_ok=True)
            index = tantivy.Index(self.schema, path=str(self.folder))
            index.register_tokenizer(_FOLD, self._analyzer)
            self._index = index
        return self._index

    def create_empty(self) -> None:
        """A new, empty index (cursor 0); old folders of this tenant (other schemas) go."""
        for old in self.folder.parent.glob("*"):
            if old != self.folder and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
        self.close()
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self._open(create=True)
        self.commit([], [], cursor=0)

    def close(self) -> None:
        self._writer = None
        self._building = False
        self._index = None

    # --- writing ----------------------------------------------------------------------

    def _writing(self, *, heap_size: int = WRITER_HEAP) -> tantivy.IndexWriter:
        index = self._open(create=True)
        if self._writer is None:
            self._writer = index.writer(heap_size=heap_size, num_threads=1)
        return self._writer

    def add(self, records: list[DocumentRecord]) -> None:
        """Add records the index does not hold (a rebuild into an empty index), without
        committing: the next :meth:`commit` publishes them with its cursor. Spares a build
        a delete per document and a commit per batch. The build gets a writer of its own
        with a larger heap (fewer segments to write and merge), dropped by that commit."""
        if not self._building:
            self._writer = None  # the one create_empty committed with
            self._building = True
        writer = self._writing(heap_size=BUILD_HEAP)
        for record in records:
            writer.add_document(self._document(record))

    def commit(self, records: list[DocumentRecord], removed: list[str], *, cursor: int) -> None:
        """Replace ``records``, drop ``removed`` and move the cursor, in one commit: a crash
        before it publishes nothing, after it everything."""
        writer = self._writing()
        for doc_id in [*removed, *(r.id for r in records)]:
            writer.delete_documents_by_term("doc_id", doc_id)
        for record in records:
            writer.add_document(self._document(record))
        writer.delete_documents_by_term("kind", "cursor")
        writer.add_document(tantivy.Document(kind="cursor", seq=cursor))
        writer.commit()
        if self._building:  # the follower's few documents a commit need no build's heap
            self._writer = None
            self._building = False

    def _document(self, record: DocumentRecord) -> tantivy.Document:
        values = record.values()
        text_values = {k: value_text(v) for k, v in values.items()}
        created = record.created_at
        document = tantivy.Document(
            kind="doc", doc_id=record.id, file_id=record.file_id, file_class=record.file_class,
            type=record.type.lower(), file_key=record.file_key.lower(),
            month=f"{created.year:04d}-{created.month:02d}", title=record.title,
            body=record.body,
            type_text=record.type_text, register_text=record.register_text,
            file_text=record.file_text, header=record.header_text,
            created=numeric_value("date", created) or 0.0)
        for register_id in record.register_ids:
            document.add_text("registers", register_id)
        for name in record.register_names:
            document.add_text("register_name", name.lower())
        if text_values:
            document.add_json("f", text_values)
        for name, value in values.items():
            kind = self.catalogue.fields.get(name)
            if kind is None or not _VALUE.match(name):
                continue
            if kind in ("number", "date"):
                number = numeric_value(kind, value)
                if number is not None:
                    document.add_float(f"v_{name}", number)
            else:
                document.add_text(f"s_{name}", text_values[name].lower()[:200])
        return document

    # --- searching --------------------------------------------------------------------

    def cursor(self) -> int:
        """The change-feed position the last commit covers."""
        index = self._open(create=False)
        index.reload()
        searcher = index.searcher()
        found = searcher.search(tantivy.Query.term_query(self.schema, "kind", "cursor"), 1)
        if not found.hits:
            return 0
        seq = searcher.doc(found.hits[0][1]).get_first("seq")
        return int(seq or 0)

    def rights_filter(self, actor: Actor, registers: set[str]) -> tantivy.Query | None:
        """The documents ``actor`` may read, as a query (None: all of the tenant's).
        ``registers`` are the register ids read is granted on, sub-registers included."""
        if actor.tenant_wide("read"):
            return None
        terms = {"file_class": actor.scopes("read", "file_class"),
                 "file_id": actor.scopes("read", "file"),
                 "doc_id": actor.scopes("read", "document"), "registers": registers}
        clauses = [(tantivy.Occur.Should,
                    tantivy.Query.term_set_query(self.schema, name, sorted(values)))
                   for name, values in terms.items() if values]
        if not clauses:
            return tantivy.Query.empty_query()
        return tantivy.Query.boolean_query(clauses)

    def search(self, node: Node, *, rights: tantivy.Query | None, hidden: set[str],
               sort: str, limit: int, offset: int, group_by: str | None,
               file_id: str | None = None) -> Page:
        index = self._open(create=False)
        index.reload()
        searcher = index.searcher()
        clauses = [(tantivy.Occur.Must, self._query(node)),
                   (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "kind", "doc"))]
        if rights is not None:
            clauses.append((tantivy.Occur.Must, rights))
        if file_id is not None:  # one file's hits: a filter in the query, like rights
            clauses.append((tantivy.Occur.Must,
                            tantivy.Query.term_query(self.schema, "file_id", file_id)))
        if hidden:
            clauses.append((tantivy.Occur.MustNot, tantivy.Query.term_set_query(
                self.schema, "doc_id", sorted(hidden))))
        query = tantivy.Query.boolean_query(clauses)
        kwargs: dict[str, Any] = {}
        if sort != "relevance":
            name = sort.removeprefix("-")
            kwargs["order_by_field"] = "created" if name == "created" else self._sort_field(name)
            kwargs["order"] = tantivy.Order.Desc if sort.startswith("-") else tantivy.Order.Asc
        result = searcher.search(query, limit, count=True, offset=offset, **kwargs)
        snippets = _Snippets(searcher, self.schema, self._highlight_query(node))
        hits = []
        for key, address in result.hits:
            stored = searcher.doc(address)
            score = float(key) if sort == "relevance" else 0.0
            hits.append(Hit(str(stored.get_first("doc_id")), score, snippets.of(stored)))
        groups = None
        if group_by is not None:
            field = GROUPS[group_by]
            answer = searcher.aggregate(query, {"g": {"terms": {"field": field,
                                                                "size": 10_000}}})
            groups = {str(b["key"]): int(b["doc_count"]) for b in answer["g"]["buckets"]}
        return Page(hits=hits, total=int(result.count or 0),  # type: ignore[attr-defined]
                    groups=groups)

    def _sort_field(self, name: str) -> str:
        kind = self.catalogue.fields.get(name)
        if kind is None or not _VALUE.match(name):
            raise KeyError(name)
        return f"v_{name}" if kind in ("number", "date") else f"s_{name}"

    # --- the AST as a Tantivy query ------------------------------------------------

    def _words(self, text: str) -> list[str]:
        return [str(t) for t in self._analyzer.analyze(text)]

    def _text_query(self, field: str, words: list[str], mode: str) -> tantivy.Query:
        terms: list[str | tuple[int, str]] = list(words)
        if not words:
            return tantivy.Query.empty_query()
        if mode == "prefix":
            if len(words) == 1 and not field.startswith("f."):
                return tantivy.Query.regex_query(self.schema, field, re.escape(words[0]) + ".*")
            return tantivy.Query.phrase_prefix_query(self.schema, field, terms)
        if len(words) == 1:
            return tantivy.Query.term_query(self.schema, field, words[0])
        return tantivy.Query.phrase_query(self.schema, field, terms)

    def _match(self, node: Match) -> tantivy.Query:
        words = self._words(node.text)
        if node.field is None:  # a phrase matches within the header or within the body
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, self._text_query(field, words, node.mode))
                 for field in ("header", "body")])
        if node.field == "title":
            return self._text_query("title", words, node.mode)
        exact = {"type": "type", "register": "register_name", "file": "file_key"}
        if node.field in exact:
            texts = {"type": "type_text", "register": "register_text", "file": "file_text"}
            options = [self._text_query(texts[node.field], words, node.mode)]
            if node.mode != "prefix":
                options.append(tantivy.Query.term_query(self.schema, exact[node.field],
                                                        node.text.strip().lower()))
            return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in options])
        return self._text_query(f"f.{node.field}", words, node.mode)

    def _interval(self, node: Interval) -> tantivy.Query:
        field = "created" if node.field == "created" else f"v_{node.field}"
        if field != "created" and not _VALUE.match(node.field):
            return tantivy.Query.empty_query()
        low_f, high_f, low_in, high_in = interval_bounds(node)
        return tantivy.Query.range_query(self.schema, field, tantivy.FieldType.Float, low_f,
                                         high_f, include_lower=low_in or low_f is None,
                                         include_upper=high_in or high_f is None)

    def _query(self, node: Node) -> tantivy.Query:
        if isinstance(node, Match):
            return self._match(node)
        if isinstance(node, Interval):
            return self._interval(node)
        if isinstance(node, Not):
            return tantivy.Query.boolean_query([
                (tantivy.Occur.Must, tantivy.Query.all_query()),
                (tantivy.Occur.MustNot, self._query(node.item))])
        if isinstance(node, And):
            clauses = [(tantivy.Occur.MustNot, self._query(i.item)) if isinstance(i, Not)
                       else (tantivy.Occur.Must, self._query(i)) for i in node.items]
            if all(occur == tantivy.Occur.MustNot for occur, _ in clauses):
                clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
            return tantivy.Query.boolean_query(clauses)
        if isinstance(node, Or):
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, self._query(i)) for i in node.items])
        raise TypeError(f"unchecked query node {node!r}")

    def _highlight_query(self, node: Node) -> tantivy.Query | None:
        """The positive free-text terms, aimed at the stored body and title."""
        words: list[Match] = []

        def collect(item: Node) -> None:
            if isinstance(item, Match) and item.field in (None, "title"):
                words.append(item)
            elif isinstance(item, And | Or):
                for child in item.items:
                    collect(child)

        collect(node)
        if not words:
            return None
        clauses = [(tantivy.Occur.Should, self._text_query(field, self._words(w.text), w.mode))
                   for w in words for field in ("body", "title")]
        return tantivy.Query.boolean_query(clauses)


class _Snippets:
    """Plain-text snippets, HTML-escaped, with the matched words in ``<mark>``."""

    def __init__(self, searcher: tantivy.Searcher, schema: tantivy.Schema,
                 query: tantivy.Query | None) -> None:
        self.generators = []
        if query is not None:
            for field in ("body", "title"):
                generator = tantivy.SnippetGenerator.create(searcher, query, schema, field)
                generator.set_max_num_chars(240)
                self.generators.append(generator)

    def of(self, stored: tantivy.Document) -> str:
        for generator in self.generators:
            snippet = generator.snippet_from_doc(stored)
            if snippet.highlighted():
                return _marked(snippet.fragment(), snippet.highlighted())
        body = str(stored.get_first("body") or stored.get_first("title") or "")
        return html.escape(" ".join(body[:240].split()))


def _marked(fragment: str, ranges: list[Any]) -> str:
    data = fragment.encode()  # Tantivy's ranges count bytes
    out: list[str] = []
    at = 0
    for span in sorted(ranges, key=lambda r: r.start):
        if span.start < at:
            continue
        out.append(html.escape(data[at:span.start].decode(errors="ignore")))
        out.append("<mark>" + html.escape(data[span.start:span.end].decode(errors="ignore"))
                   + "</mark>")
        at = span.end
    out.append(html.escape(data[at:].decode(errors="ignore")))
    return " ".join("".join(out).split())
