"""The search analysis: how text becomes the words an index holds and a query looks for.

The same rules as the server's Tantivy analyzer (``tantivy_index.analyzer``): split on
anything that is not a letter or digit, lower case, fold to ASCII (``Müller`` → ``muller``,
``Peña`` → ``pena``, ``Straße`` → ``strasse``), drop words of 100 bytes or more. No
stemming. Written out here, in the Qt-free core, so that engines without that analyzer (the
PostgreSQL backend builds its ``tsvector`` from these words; the offline client can too)
index and query exactly the same words: PostgreSQL's own parser would keep ``1250.00`` and
``-7`` as words and ``unaccent`` leaves ``ß`` alone in some versions.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from collections.abc import Iterator

__all__ = ["MAX_WORD_BYTES", "fold", "highlight", "word_spans", "words"]

#: Words of this many bytes (UTF-8) or more are dropped, as Tantivy's ``remove_long(100)``.
MAX_WORD_BYTES = 100
_WORD = re.compile(r"[^\W_]+")
#: Letters that do not decompose into an ASCII letter and a mark (Lucene's ASCII folding).
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d",
                          "ð": "d", "þ": "th", "ı": "i", "ŋ": "n", "ħ": "h", "ŧ": "t",
                          "ĸ": "q", "ſ": "s", "ŀ": "l", "ƒ": "f"})


def fold(word: str) -> str:
    """``word`` lower-cased with its diacritics removed."""
    lowered = word.lower().translate(_SPECIAL)
    if lowered.isascii():
        return lowered
    return "".join(_fold_letter(ch) for ch in lowered)


def _fold_letter(letter: str) -> str:
    if letter.isascii():
        return letter
    bare = "".join(c for c in unicodedata.normalize("NFKD", letter)
                   if not unicodedata.combining(c))
    return bare if bare.isalnum() else letter  # ½ stays ½, not 1⁄2


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Start, end and folded form of every word of ``text``, in order."""
    for found in _WORD.finditer(text):
        word = found.group()
        if len(word) < MAX_WORD_BYTES // 4 or len(word.encode()) < MAX_WORD_BYTES:
            yield found.start(), found.end(), fold(word)


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return [word for _start, _end, word in word_spans(text)]


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
