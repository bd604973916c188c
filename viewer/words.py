"""Words as the search index sees them: the analysis of Tantivy's simple tokenizer, then
``remove_long(100)``, lower case and ASCII folding (``Müller`` → ``muller``, ``Straße`` →
``strasse``, ``Æsir`` → ``aesir``), in pure Python.

The server's Tantivy backend analyses text so; the offline search over the replica must cut
the same words or the two would find different documents for one query. The character tables
(``_word_tables.py``) are generated from Tantivy itself and a test compares both analyses, so
this is Tantivy's behaviour, not an imitation of it:

- a word is a run of characters Rust calls alphanumeric (Unicode Alphabetic or Numeric:
  wider than Python's ``str.isalnum``, e.g. combining vowel signs);
- a word of 100 UTF-8 bytes or more is dropped (before folding, as Tantivy does);
- each character is lower-cased on its own (Tantivy's lower-caser: no final sigma; by Rust's
  Unicode tables, not Python's), then folded.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator

from ._word_tables import FOLDED, WORD_BOUNDS

__all__ = ["MAX_WORD_BYTES", "fold", "highlight", "indexed", "spans_of", "word_spans", "words"]

#: Tantivy's ``remove_long`` limit: longer words are not indexed.
MAX_WORD_BYTES = 100


def _word_pattern() -> re.Pattern[str]:
    ranges = zip(WORD_BOUNDS[::2], WORD_BOUNDS[1::2], strict=True)
    body = "".join(f"{re.escape(chr(start))}-{re.escape(chr(end - 1))}" for start, end in ranges)
    return re.compile(f"[{body}]+")


_WORD = _word_pattern()


def fold(word: str) -> str:
    """One word lower-cased and folded to ASCII as the index keeps it."""
    if word.isascii():
        return word.lower()
    return word.translate(FOLDED)


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, folded word)`` of each indexed word of ``text`` (character offsets)."""
    for found in _WORD.finditer(text):
        word = found.group()
        if _short(word):
            yield found.start(), found.end(), fold(word)


def _short(word: str) -> bool:
    return len(word) * 4 < MAX_WORD_BYTES or len(word.encode()) < MAX_WORD_BYTES


def indexed(text: str) -> str:
    """The indexed words of ``text`` joined by single spaces (one pass: for indexing)."""
    joined = " ".join(word for word in _WORD.findall(text) if _short(word))
    return joined.lower() if joined.isascii() else joined.translate(FOLDED)


def spans_of(text: str, exact: set[str], prefixes: tuple[str, ...] = (), *,
             reach: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of the words of ``text`` whose indexed form is one of ``exact`` or
    starts with one of ``prefixes`` (what a snippet marks); with ``reach``, only those
    starting within ``reach`` characters of the first one (the rest is not read)."""
    found: list[tuple[int, int]] = []
    until = len(text)
    for match in _WORD.finditer(text):
        if match.start() > until:
            break
        word = match.group()
        if not _short(word):
            continue
        folded = word.lower() if word.isascii() else word.translate(FOLDED)
        if folded in exact or (prefixes and folded.startswith(prefixes)):
            if not found and reach is not None:
                until = match.start() + reach
            found.append(match.span())
    return found


def words(text: str) -> list[str]:
    """The indexed words of ``text``, in order."""
    joined = indexed(text)
    return joined.split(" ") if joined else []


def highlight(text: str, exact: set[str], prefixes: set[str], *,
              max_chars: int = 240) -> str | None:
    """A passage of ``text`` around its first matching word, HTML-escaped, each word that is
    in ``exact`` or starts with one of ``prefixes`` in ``<mark>``; None when none matches.
    Reads ``text`` only up to the end of the passage."""
    starts = tuple(prefixes)

    def matches(word: str) -> bool:
        return word in exact or (bool(starts) and word.startswith(starts))

    spans = (span for span in word_spans(text) if matches(span[2]))
    first = next(spans, None)
    if first is None:
        return None
    begin = max(0, first[0] - max_chars // 4)
    if begin:
        space = text.rfind(" ", 0, begin + 1)
        begin = space + 1 if space >= 0 and first[0] - space < max_chars // 2 else begin
    end = min(len(text), begin + max_chars)
    out: list[str] = []
    at = begin
    for start, stop, _word in itertools.chain([first], spans):
        if stop > end:
            break
        out.append(html.escape(text[at:start]))
        out.append("<mark>" + html.escape(text[start:stop]) + "</mark>")
        at = stop
    out.append(html.escape(text[at:end]))
    return " ".join("".join(out).split())
