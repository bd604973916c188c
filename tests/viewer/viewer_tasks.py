"""Functions the tests run in `viewer.isolated` worker processes (importable by name)."""

from __future__ import annotations

import os
import signal
import threading

import viewer

FUZZ_LIMITS = viewer.Limits(timeout_s=20.0, max_pixels=4_000_000, max_pages=5000)


def echo(value: object) -> object:
    return value


def hang() -> None:
    threading.Event().wait()  # never set: a parser stuck forever


def crash() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def fail_typed() -> None:
    raise viewer.WrongPassword("nope", media_type="application/pdf")


def fail_untyped() -> None:
    raise KeyError("bug")


def exercise(data: bytes) -> str:
    """Open, render, read and extract a (possibly mutated) file; report how it went.

    Returns "ok", the name of the `ViewerError` subclass raised, or "UNEXPECTED ..." for
    any other exception (a contract violation the fuzz test reports).
    """
    try:
        with viewer.open_document(data, limits=FUZZ_LIMITS) as doc:
            if doc.needs_password:
                return "locked"
            _ = doc.metadata, doc.outline
            for attachment in doc.attachments[:2]:
                attachment.data()
            for index in range(min(doc.page_count, 3)):
                doc.render_page(index, zoom=0.2)
                doc.page_words(index)
        viewer.extract_text(data, max_chars=20_000, limits=FUZZ_LIMITS)
        return "ok"
    except viewer.ViewerError as exc:
        return type(exc).__name__
    except Exception as exc:  # what the fuzz test is looking for
        return f"UNEXPECTED {type(exc).__name__}: {exc}"[:300]
