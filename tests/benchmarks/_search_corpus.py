"""The generated corpus of ``bench_search.py`` and its query classes (issue #11).

Deterministic for a seed: a Zipf-ranked vocabulary of made-up words with Spanish, German and
English business words placed among its ranks, ~300 words per document, a few fixed business
phrases per document, a document type and a date in 2023–2025. Document frequencies are
counted while generating, so each query class picks its terms by how many documents hold them.

Not a test module (pytest collects only ``test_*.py``).
"""

from __future__ import annotations

import itertools
import random
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["CLASSES", "Corpus", "CorpusDoc", "Query", "generate", "queries"]

VOCABULARY = 200_000
WORDS_PER_DOC = (260, 340)
FIRST_DAY = date(2023, 1, 1)
DAYS = 1096  # 2023-01-01 .. 2025-12-31

BUSINESS = """
rechnung angebot auftrag lieferschein lieferung zahlung mahnung gutschrift bestellung vertrag
kunde kundennummer betrag mehrwertsteuer skonto frist reklamation ersatzteil wartung montage
pumpe ventil lager versand spedition rückfrage bestätigung kündigung verlängerung preisliste
rabatt stückzahl liefertermin zahlungsziel bankverbindung überweisung nachricht anfrage
straße größe geschäftsführer änderung
factura oferta pedido albarán entrega pago recibo abono contrato cliente importe impuesto
descuento plazo reclamación repuesto mantenimiento instalación bomba válvula almacén envío
transporte consulta confirmación rescisión renovación tarifa cantidad vencimiento
transferencia presupuesto garantía devolución proveedor señor año número atención
invoice quote order delivery payment reminder credit contract customer amount tax discount
deadline complaint spare maintenance installation pump valve warehouse shipping carrier
inquiry confirmation termination renewal pricelist quantity due transfer warranty supplier
account balance receipt shipment purchase request refund schedule service agreement
""".split()  # noqa: SIM905 (a word list reads better as text)

PHRASES = ("sehr geehrte", "mit freundlichen", "zahlbar innerhalb", "vielen dank",
           "estimado cliente", "atentamente saludos", "fecha de", "número de",
           "payment terms", "delivery date", "kind regards", "please find",
           "purchase order", "net amount", "bitte überweisen", "quedamos atentos")

TYPES = (("invoice", 30), ("letter", 20), ("order", 15), ("offer", 12),
         ("delivery_note", 12), ("complaint", 6), ("note", 5))

CLASSES = ("rare term", "common term (≥ 20 %)", "two mid-frequency terms", "two common terms",
           "two-word phrase", "3-letter prefix", "two common terms + type + 3 months")


@dataclass(frozen=True)
class CorpusDoc:
    n: int
    type: str
    day: date
    text: str

    @property
    def title(self) -> str:
        return f"{self.type.replace('_', ' ').title()} {self.n:06d}"


@dataclass(frozen=True)
class Query:
    """One query of a class, for each engine: Dossier's language, the same as terms."""

    klass: str
    words: tuple[str, ...]
    mode: str = "terms"  # terms | phrase | prefix
    type: str | None = None
    days: tuple[date, date] | None = None  # inclusive

    @property
    def dossier(self) -> str:
        if self.mode == "phrase":
            text = '"' + " ".join(self.words) + '"'
        elif self.mode == "prefix":
            text = self.words[0] + "*"
        else:
            text = " ".join(self.words)
        if self.type:
            text += f" type:{self.type}"
        if self.days:
            text += f" date:{self.days[0].isoformat()}..{self.days[1].isoformat()}"
        return text


@dataclass
class Corpus:
    docs: list[CorpusDoc]
    vocabulary: list[str]
    frequency: Counter[int]  # vocabulary rank → number of documents holding the word


def _made_up_words(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    onsets = ["", "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br",
              "st", "tr", "kl", "sch", "pl"]
    vowels = ["a", "e", "i", "o", "u", "ei", "au", "ie"]
    codas = ["", "n", "r", "s", "l", "t", "m", "nd", "rt", "ng"]
    words: list[str] = []
    seen = set(taken)
    while len(words) < count:
        word = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                       for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def generate(count: int, *, seed: int = 11) -> Corpus:
    """``count`` documents, the same for the same ``count`` and ``seed``."""
    rng = random.Random(seed)
    business = list(dict.fromkeys(BUSINESS))
    phrase_words = [w for p in PHRASES for w in p.split()]
    made_up = _made_up_words(rng, VOCABULARY - len(business), set(business) | set(phrase_words))
    vocabulary = list(made_up)
    for i, word in enumerate(business):  # business words among the frequent and mid ranks
        vocabulary.insert(3 + i * 7 + (i * i) % 11, word)
    weights = list(itertools.accumulate(1.0 / r for r in range(1, len(vocabulary) + 1)))
    phrase_weights = list(itertools.accumulate(1.0 / r for r in range(1, len(PHRASES) + 1)))
    type_weights = list(itertools.accumulate(w for _, w in TYPES))
    frequency: Counter[int] = Counter()
    docs = []
    positions = range(len(vocabulary))
    for n in range(count):
        length = rng.randint(*WORDS_PER_DOC)
        ranks = rng.choices(positions, cum_weights=weights, k=length)
        frequency.update(set(ranks))
        words = [vocabulary[r] for r in ranks]
        for _ in range(rng.randint(1, 3)):
            phrase = PHRASES[bisect_left(phrase_weights, rng.random() * phrase_weights[-1])]
            words.insert(rng.randrange(len(words)), phrase)
        kind = TYPES[bisect_left(type_weights, rng.random() * type_weights[-1])][0]
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        docs.append(CorpusDoc(n, kind, day, _sentences(words, rng)))
    return Corpus(docs, vocabulary, frequency)


def _sentences(words: list[str], rng: random.Random) -> str:
    out: list[str] = []
    start = True
    for word in words:
        out.append(word.capitalize() if start else word)
        start = rng.random() < 0.08
        if start:
            out[-1] += "."
    return " ".join(out) + "."


def queries(corpus: Corpus, *, per_class: int = 20, seed: int = 7) -> dict[str, list[Query]]:
    """``per_class`` queries of each class of :data:`CLASSES`, terms chosen by frequency."""
    rng = random.Random(seed)
    n = len(corpus.docs)
    ascii_words = [(r, w) for r, w in enumerate(corpus.vocabulary) if w.isascii()]

    def band(low: float, high: float) -> list[str]:
        found = [w for r, w in ascii_words if low <= corpus.frequency[r] <= high]
        if not found:
            raise RuntimeError(f"no word held by {low:.0f}..{high:.0f} documents")
        return found

    rare = band(3, max(3, n * 0.0003))
    common = band(n * 0.2, n)
    mid = band(n * 0.01, n * 0.05)
    prefixes = sorted({w[:3] for w in BUSINESS[:40] if w[:3].isascii()})

    def pick(words: list[str], k: int) -> tuple[str, ...]:
        return tuple(rng.sample(words, k))

    out: dict[str, list[Query]] = {c: [] for c in CLASSES}
    types = [t for t, _ in TYPES]
    for i in range(per_class):
        out[CLASSES[0]].append(Query(CLASSES[0], pick(rare, 1)))
        out[CLASSES[1]].append(Query(CLASSES[1], pick(common, 1)))
        out[CLASSES[2]].append(Query(CLASSES[2], pick(mid, 2)))
        out[CLASSES[3]].append(Query(CLASSES[3], pick(common, 2)))
        phrase = PHRASES[i % len(PHRASES)]
        out[CLASSES[4]].append(Query(CLASSES[4], tuple(phrase.split()), mode="phrase"))
        out[CLASSES[5]].append(Query(CLASSES[5], (prefixes[i % len(prefixes)],),
                                     mode="prefix"))
        start = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 92))
        out[CLASSES[6]].append(Query(CLASSES[6], pick(common, 2), type=types[i % len(types)],
                                     days=(start, start + timedelta(days=91))))
    return out
