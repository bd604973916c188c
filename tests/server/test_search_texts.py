"""The search index's text cache: plain UTF-8 text is read in the server process, every
other format still goes through the viewer core's isolated worker."""

from __future__ import annotations

from pathlib import Path

import pytest

import viewer.isolated
from server_stub.blobstore import BlobStore
from server_stub.search.records import TextCache


class FakeWorker:
    """Stands in for ``viewer.isolated.extract_text``: records what it was given."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, data: bytes, *, filename: str, max_chars: int, timeout: float) -> str:
        self.calls.append(filename)
        return "from the worker"


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> FakeWorker:
    fake = FakeWorker()
    monkeypatch.setattr(viewer.isolated, "extract_text", fake)
    return fake


def text_of(tmp_path: Path, data: bytes, filename: str) -> str:
    blobs = BlobStore(tmp_path / "blobs")
    sha = blobs.put_bytes(data)
    return TextCache(tmp_path / "texts", blobs).text(sha, filename)


def test_plain_utf8_text_is_read_without_the_worker(tmp_path: Path, worker: FakeWorker) -> None:
    text = "Sehr geehrte Frau Müller,\nla factura nº 7 está pagada. Straße\n"
    assert text_of(tmp_path, ("\ufeff" + text).encode(), "brief.txt") == text
    assert worker.calls == []
    assert not list(tmp_path.glob("texts/*"))  # the blob is the text: no copy is cached


@pytest.mark.parametrize(("data", "filename"), [
    ("Grüße aus Köln".encode("latin-1"), "latin1.txt"),  # not UTF-8: the worker guesses
    (b"text with a \x00 byte", "nul.txt"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00rest of a zip", "sneaky.txt"),
    (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "scan.txt"),
    (b"<?xml version='1.0'?><order><no>7</no></order>", "order.txt"),
    (b"# Heading\n\nsome *markdown*\n", "readme.md"),
    (b"a;b;c\n1;2;3\n4;5;6\n", "table.csv"),
])
def test_everything_else_still_goes_to_the_worker(tmp_path: Path, worker: FakeWorker,
                                                  data: bytes, filename: str) -> None:
    assert text_of(tmp_path, data, filename) == "from the worker"
    assert worker.calls == [filename]
