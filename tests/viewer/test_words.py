"""``viewer.words`` cuts and folds words exactly as the server's Tantivy analyzer does: the
offline search over the replica and the server's index must agree on every word."""

from __future__ import annotations

import pytest

from viewer.words import fold, highlight, spans_of, word_spans, words

tantivy = pytest.importorskip("tantivy")

SAMPLES = [
    "Müller Maschinenbau GmbH, Straße 7",
    "Peña y Asociados — Pedido de válvulas: presión 2,5 bar",
    "Æsir øre Ærøskøbing Œuvre ĳssel ﬁnd Ǆemal",
    "INV-7 K-10001 2024-02-10 1250.00 x_y snake_case e-mail@example.org",
    "ΣΑΣ Ελληνικά Москва İstanbul ılık",
    "हिन्दी मेरा (combining vowel signs) ภาษาไทย 日本語テキスト 한국어",
    "½ ² ⑴ ① Ⅻ ０１２ ＡＢＣ",
    "a" * 99 + " " + "b" * 100 + " " + "ä" * 49 + "a " + "ä" * 50,
    "tab\tnew\nline\r\nend\u00a0nbsp\u200bzero-width",
    "",
]


def tantivy_words(text: str) -> list[str]:
    from server_stub.search.tantivy_index import analyzer

    return [str(token) for token in analyzer().analyze(text)]


@pytest.mark.parametrize("text", SAMPLES)
def test_words_match_tantivy(text: str) -> None:
    assert words(text) == tantivy_words(text)
    spans = list(word_spans(text))
    assert [word for _start, _end, word in spans] == words(text)
    assert [fold(text[start:end]) for start, end, _word in spans] == words(text)
    everything = set(words(text))
    assert spans_of(text, everything) == [(start, end) for start, end, _word in spans]


def test_the_tables_are_tantivys() -> None:
    """The committed tables are what this Tantivy does (regenerate after an upgrade)."""
    from tests.viewer.word_tables import generate
    from viewer._word_tables import FOLDED, WORD_BOUNDS

    bounds, folded = generate()
    assert list(WORD_BOUNDS) == bounds, "run: python -m tests.viewer.word_tables"
    assert dict(FOLDED) == folded, "run: python -m tests.viewer.word_tables"


def test_every_character_alone_and_between_letters() -> None:
    """Each code point of the Basic Multilingual Plane, as a word of its own and inside one."""
    analyzer = __import__("server_stub.search.tantivy_index",
                          fromlist=["analyzer"]).analyzer()
    chars = [chr(cp) for cp in range(0x20, 0x10000) if not 0xD800 <= cp < 0xE000]
    for at in range(0, len(chars), 2000):
        text = " ".join(f"x{ch}Y {ch}" for ch in chars[at:at + 2000])
        assert words(text) == [str(t) for t in analyzer.analyze(text)]


def test_spans_of_marks_words_and_prefixes() -> None:
    text = "Die Pumpe der Müller-Pumpenanlage; pump"
    assert [text[s:e] for s, e in spans_of(text, {"muller"}, ("pump",))] == [
        "Pumpe", "Müller", "Pumpenanlage", "pump"]


def test_fold() -> None:
    assert fold("Müller") == "muller" and fold("STRASSE") == fold("Straße") == "strasse"
    assert fold("Peña") == "pena" and fold("ΣΑΣ") == "σασ"


def test_words_are_split_lowered_and_folded() -> None:
    assert words("Müller-Lüdenscheid, Straße 7; INV-7 1250.00") == [
        "muller", "ludenscheid", "strasse", "7", "inv", "7", "1250", "00"]
    assert fold("Peña") == "pena" and fold("½") == "½"
    assert words("x" * 100) == [] and words("!!! ...") == []


def test_highlight_escapes_the_text_not_the_marks() -> None:
    assert highlight("a <b>pump</b> & more", {"pump"}, set()) == (
        "a &lt;b&gt;<mark>pump</mark>&lt;/b&gt; &amp; more")
    assert highlight("nothing here", {"pump"}, set()) is None


def test_highlight_marks_prefixes_and_diacritics_in_a_passage() -> None:
    text = "filler " * 100 + "Die Pumpe der Pumpenanlage ist kaputt " + "tail " * 100
    passage = highlight(text, set(), {"pump"}, max_chars=120)
    assert passage is not None and len(passage) < 200
    assert "<mark>Pumpe</mark> der <mark>Pumpenanlage</mark>" in passage
    assert highlight("Señor Müller", {"muller"}, set()) == "Señor <mark>Müller</mark>"
