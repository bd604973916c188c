"""The reference engines of ``bench_search.py`` over the same texts as Dossier's index.

* **Bare Tantivy** (the anchor): the ``tantivy`` package directly — one text field with the
  same analyzer as Dossier's index (simple tokenizer, lower case, ASCII folding), the type as
  a raw term and the date as a fast float (ordinal day), as Dossier indexes them. A search is
  the top 50 by BM25 with the total count and each hit's stored id; no rights, no snippets,
  no database.
* **SQLite FTS5**: ``unicode61 remove_diacritics 2`` with a 3-letter prefix index, the type
  and date in unindexed columns; a search is the top 50 by ``rank`` (BM25) plus a
  ``count(*)`` of the matches.

Not a test module (pytest collects only ``test_*.py``).
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import tantivy
from _search_corpus import Corpus, Query

from server_stub.search.tantivy_index import analyzer

__all__ = ["BareTantivy", "Fts5"]

_FOLD = "fold"


class BareTantivy:
    def __init__(self, folder: Path) -> None:
        builder = tantivy.SchemaBuilder()
        builder.add_integer_field("n", stored=True)
        builder.add_text_field("body", tokenizer_name=_FOLD)
        builder.add_text_field("type", fast=True, tokenizer_name="raw")
        builder.add_float_field("day", fast=True, indexed=True)
        self.schema = builder.build()
        folder.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=str(folder))
        self.analyzer = analyzer()
        self.index.register_tokenizer(_FOLD, self.analyzer)
        self.build_seconds = 0.0

    def build(self, corpus: Corpus) -> None:
        started = time.perf_counter()
        writer = self.index.writer(heap_size=100_000_000, num_threads=1)
        for doc in corpus.docs:
            writer.add_document(tantivy.Document(n=doc.n, body=doc.text, type=doc.type,
                                                 day=float(doc.day.toordinal())))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.build_seconds = time.perf_counter() - started

    def _words(self, text: str) -> list[str]:
        return [str(t) for t in self.analyzer.analyze(text)]

    def _query(self, query: Query) -> tantivy.Query:
        words = [w for word in query.words for w in self._words(word)]
        if query.mode == "phrase":
            text = tantivy.Query.phrase_query(self.schema, "body", list(words))
        elif query.mode == "prefix":
            text = tantivy.Query.regex_query(self.schema, "body", re.escape(words[0]) + ".*")
        else:
            text = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "body", w))
                 for w in words])
        clauses = [(tantivy.Occur.Must, text)]
        if query.type:
            clauses.append((tantivy.Occur.Must,
                            tantivy.Query.term_query(self.schema, "type", query.type)))
        if query.days:
            low, high = (float(d.toordinal()) for d in query.days)
            clauses.append((tantivy.Occur.Must, tantivy.Query.range_query(
                self.schema, "day", tantivy.FieldType.Float, low, high)))
        return tantivy.Query.boolean_query(clauses) if len(clauses) > 1 else text

    def search(self, query: Query) -> int:
        searcher = self.index.searcher()
        result = searcher.search(self._query(query), 50, count=True)
        for _score, address in result.hits:
            searcher.doc(address).get_first("n")
        return int(result.count or 0)  # type: ignore[attr-defined]


class Fts5:
    def __init__(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(body, type UNINDEXED, "
                        "day UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', "
                        "prefix = '3')")
        self.build_seconds = 0.0

    def build(self, corpus: Corpus) -> None:
        started = time.perf_counter()
        with self.db:
            self.db.executemany(
                "INSERT INTO docs (rowid, body, type, day) VALUES (?, ?, ?, ?)",
                ((d.n + 1, d.text, d.type, d.day.isoformat()) for d in corpus.docs))
        self.db.execute("INSERT INTO docs (docs) VALUES ('optimize')")
        self.db.commit()
        self.build_seconds = time.perf_counter() - started

    @staticmethod
    def _match(query: Query) -> str:
        if query.mode == "phrase":
            return '"' + " ".join(query.words) + '"'
        if query.mode == "prefix":
            return query.words[0] + "*"
        return " ".join(f'"{w}"' for w in query.words)

    def search(self, query: Query) -> int:
        where, args = "docs MATCH ?", [self._match(query)]
        if query.type:
            where += " AND type = ?"
            args.append(query.type)
        if query.days:
            where += " AND day BETWEEN ? AND ?"
            args.extend(d.isoformat() for d in query.days)
        self.db.execute(f"SELECT rowid FROM docs WHERE {where} ORDER BY rank LIMIT 50",
                        args).fetchall()
        (count,) = self.db.execute(f"SELECT count(*) FROM docs WHERE {where}", args).fetchone()
        return int(count)
