"""The search analysis of the core (viewer.words): folding and snippets. That it splits and
folds exactly as the server's Tantivy analyzer is checked in tests/server/test_search.py."""

from __future__ import annotations

from viewer.words import fold, highlight, words


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
