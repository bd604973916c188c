"""Viewer benchmarks (run on demand, never part of the test suite).

    .venv/bin/python tests/benchmarks/bench_viewer.py [--runs N]

Prints markdown tables:
1. page 1 at 150 dpi to PNG, for the corpus PDFs and a generated 500-page PDF, against
   `pdftoppm -png` (poppler-utils) on the same files; the pdftoppm column is skipped when
   pdftoppm is not installed;
2. the widget: open a 500-page PDF until page 1 is painted, a 50-page DOCX until page 1 is
   painted, and the peak memory (max RSS) of scrolling through all 500 pages, and through a
   60-page "scanned" PDF (one distinct full-page JPEG per page), each measured in a child
   process so that nothing else inflates it.
Figures are medians of `--runs` runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "viewer")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pymupdf  # noqa: E402
import samples  # noqa: E402

import viewer  # noqa: E402

DPI = 150


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def make_big_pdf(pages: int = 500) -> bytes:
    doc = pymupdf.open()
    text = " ".join(["Lorem ipsum dolor sit amet, consectetur adipiscing elit."] * 6)
    for number in range(pages):
        page = doc.new_page()
        page.insert_text((72, 60), f"Customer file — page {number + 1}", fontsize=16)
        page.insert_textbox(pymupdf.Rect(72, 80, 523, 760), (text + "\n\n") * 8, fontsize=10)
        page.draw_rect(pymupdf.Rect(72, 770, 523, 790), color=(0, 0, 0.6), fill=(0.85, 0.9, 1))
    return bytes(doc.tobytes(garbage=3, deflate=True))


def make_scanned_pdf(pages: int = 60) -> bytes:
    """A4 pages that are each one 1700 x 2200 JPEG (noise: nothing shared between pages)."""
    import io

    from PIL import Image

    doc = pymupdf.open()
    for number in range(pages):
        picture = Image.effect_noise((1700, 2200), 40 + number % 7).convert("RGB")
        encoded = io.BytesIO()
        picture.save(encoded, "JPEG", quality=30)
        page = doc.new_page()
        page.insert_image(page.rect, stream=encoded.getvalue())
        page.insert_text((72, 60), f"Scanned page {number + 1}", fontsize=16)
    return bytes(doc.tobytes(garbage=3, deflate=True))


def make_docx_pages(pages: int = 50) -> bytes:
    paragraphs = 8
    while True:
        data = samples.make_docx(paragraphs=paragraphs)
        with viewer.open_document(data) as doc:
            count = doc.page_count
        if count >= pages:
            return data
        paragraphs = int(paragraphs * pages / max(count, 1) * 1.05) + 1


# -- 1. page 1 at 150 dpi ----------------------------------------------------------------


def render_table(files: list[Path], runs: int) -> list[str]:
    pdftoppm = shutil.which("pdftoppm")
    head = "| file | pages | viewer in-process (ms) | viewer CLI process (ms) |"
    rule = "| --- | ---: | ---: | ---: |"
    if pdftoppm:
        head += " pdftoppm process (ms) | in-process / pdftoppm | CLI / pdftoppm |"
        rule += " ---: | ---: | ---: |"
    rows = [head, rule]
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            data = path.read_bytes()

            def in_process(data: bytes = data) -> bytes:
                with viewer.open_document(data) as doc:
                    return doc.render_page(0, zoom=DPI / 72).to_png()

            def cli(path: Path = path) -> None:
                subprocess.run(
                    [sys.executable, "-m", "viewer", "--in-process", "render", str(path),
                     "--page", "1", "--dpi", str(DPI), "--out", f"{tmp}/v.png"],
                    check=True, cwd=ROOT,
                )  # fmt: skip

            with viewer.open_document(data) as doc:
                pages = doc.page_count
            ours = median_ms(in_process, runs)
            ours_cli = median_ms(cli, runs)
            row = f"| {path.name} | {pages} | {ours:.1f} | {ours_cli:.0f} |"
            if pdftoppm:

                def poppler(path: Path = path) -> None:
                    subprocess.run(
                        [pdftoppm, "-f", "1", "-l", "1", "-r", str(DPI), "-png", str(path),
                         f"{tmp}/p"],
                        check=True,
                    )  # fmt: skip

                theirs = median_ms(poppler, runs)
                row += f" {theirs:.1f} | {ours / theirs:.2f}× | {ours_cli / theirs:.2f}× |"
            rows.append(row)
    return rows


# -- 2. widget ---------------------------------------------------------------------------


def _app() -> object:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _wait(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    """Run the Qt event loop until `condition()` holds.

    Deliberately not a loop around `QCoreApplication.processEvents()`: in PySide6 6.12 that
    call corrupts the reference count of `None` while another Python thread runs (crash
    "none_dealloc"), and the viewer renders on worker threads.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    end = time.monotonic() + timeout_s
    timed_out = []

    def check() -> None:
        if condition():
            loop.quit()
        elif time.monotonic() > end:
            timed_out.append(True)
            loop.quit()

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(1)
    loop.exec()
    timer.stop()
    if timed_out:
        raise TimeoutError("benchmark condition not reached")


def time_to_first_page(data: bytes, runs: int) -> float:
    from viewer.widget import DocumentView

    _app()
    times = []
    for _ in range(runs):
        view = DocumentView()
        view.resize(1100, 800)
        view.show()
        _wait(lambda view=view: view.isVisible())
        start = time.perf_counter()
        view.load_bytes(data)
        _wait(lambda view=view: any(k[0] == 0 for k in view.canvas.cache._images))
        view.canvas.repaint()  # the page is on screen once this returns
        times.append((time.perf_counter() - start) * 1000)
        view.close()
        view.deleteLater()
    return statistics.median(times)


def peak_rss_mb() -> float:
    """This process's peak RSS: the high-water mark of its own memory (`VmHWM`).

    Not `getrusage(...).ru_maxrss`: Linux carries the peak of the memory a process had before
    `execve` into it, and Python's `subprocess` starts children with `vfork`, so a child's
    ru_maxrss starts at its *parent's* peak. The benchmark's parent (which rendered pages,
    opened the widget and generated the test files before) reached 236-332 MB, and that is
    what the scroll used to report; a child that only prints its ru_maxrss reported 411 MB
    after a parent that had touched 400 MB.
    """
    if Path("/proc/self/status").exists():
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def scroll_peak_memory_child(path: str) -> None:
    """Run in a child process: scroll through every page, print RSS figures in MB."""
    from viewer.widget import DocumentView

    _app()
    view = DocumentView()
    view.resize(1100, 800)
    view.show()
    view.load_path(path)
    _wait(lambda: view.document is not None)
    _wait(lambda: any(k[0] == 0 for k in view.canvas.cache._images))
    loaded = peak_rss_mb()
    start = time.perf_counter()
    for page in range(view.document.page_count):  # type: ignore[union-attr]
        view.go_to_page(page)
        _wait(lambda page=page: any(k[0] == page for k in view.canvas.cache._images))
    elapsed = time.perf_counter() - start
    peak = peak_rss_mb()
    print(f"{loaded:.0f} {peak:.0f} {elapsed:.1f} {view.canvas.cache.bytes / 2**20:.0f}")


def scroll_row(title: str, path: Path, goal: str) -> tuple[str, list[str]]:
    child = subprocess.run(
        [sys.executable, __file__, "--scroll-child", str(path)],
        check=False, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    loaded, peak, elapsed, cache = child.stdout.split()[-4:]
    note = []
    if child.returncode:
        last = (child.stderr.strip().splitlines() or ["?"])[0]
        note = [f"\nnote: the scroll child exited with {child.returncode} after measuring: {last}"]
    row = (f"| {title}: peak RSS (after load: {loaded} MB; {elapsed} s; cache at end "
           f"{cache} MB) | {peak} MB | {goal} |")  # fmt: skip
    return row, note


def widget_table(big_pdf: Path, scanned_pdf: Path, docx: bytes, runs: int) -> list[str]:
    first_pdf = time_to_first_page(big_pdf.read_bytes(), runs)
    first_docx = time_to_first_page(docx, runs)
    big_row, big_note = scroll_row("scroll through 500 pages", big_pdf, "≤ 300 MB")
    scan_row, scan_note = scroll_row("scroll through 60 scanned pages", scanned_pdf, "—")
    return [
        "| widget measurement | result | goal |",
        "| --- | ---: | ---: |",
        f"| open 500-page PDF → page 1 painted | {first_pdf:.0f} ms | ≤ 150 ms |",
        f"| open 50-page DOCX → page 1 painted | {first_docx:.0f} ms | ≤ 500 ms |",
        big_row,
        scan_row,
        *big_note,
        *scan_note,
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scroll-child")
    args = parser.parse_args()
    if args.scroll_child:
        scroll_peak_memory_child(args.scroll_child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        big_pdf = Path(tmp) / "generated-500-pages.pdf"
        big_pdf.write_bytes(make_big_pdf(500))
        scanned_pdf = Path(tmp) / "generated-60-scanned-pages.pdf"
        scanned_pdf.write_bytes(make_scanned_pdf(60))
        corpus = sorted((samples.CORPUS / "pdf").glob("*.pdf"))
        files = [p for p in corpus if "password" not in p.name] + [big_pdf]
        print(f"## Page 1 at {DPI} dpi to PNG (median of {args.runs})\n")
        print("\n".join(render_table(files, args.runs)))
        docx = make_docx_pages(50)
        with viewer.open_document(docx) as doc:
            docx_pages = doc.page_count
        print(f"\n## Widget (offscreen, median of {args.runs}; DOCX has {docx_pages} pages)\n")
        print("\n".join(widget_table(big_pdf, scanned_pdf, docx, args.runs)))
        print(f"\nmachine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
              f"PyMuPDF {pymupdf.VersionBind}")  # fmt: skip


if __name__ == "__main__":
    main()
