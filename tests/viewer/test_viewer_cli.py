"""`python -m viewer`: info, text and render, with the documented exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest
import samples

from viewer.cli import main

ENCRYPTED = "pdf/libreoffice-writer-password.pdf"


def test_module_runs_as_a_program(corpus: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "info", str(corpus / "pdf/pdflatex-outline.pdf")],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert "pages:       4" in result.stdout
    assert "Foo" in result.stdout


def test_info_json(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(corpus / "pdf/with-attachment.pdf"), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["media_type"] == "application/pdf"
    assert info["page_count"] == 1
    assert info["attachments"][0][0] == "image.png"


def test_text(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["text", str(corpus / "pdf/habibi.pdf")]) == 0
    assert "habibi" in capsys.readouterr().out


def test_render_with_password(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.png"
    args = ["render", str(corpus / ENCRYPTED), "--page", "1", "--dpi", "72", "--out", str(out)]
    assert main([*args, "--password", "openpassword"]) == 0
    image = pymupdf.Pixmap(str(out))
    assert abs(image.width - 595) <= 1 and abs(image.height - 842) <= 1  # A4 at 72 dpi


@pytest.mark.parametrize(
    "args",
    [
        ["render", "{corpus}/" + ENCRYPTED, "--page", "1", "--out", "{tmp}/x.png"],
        ["render", "{corpus}/" + ENCRYPTED, "--out", "{tmp}/x.png", "--password", "bad"],
        ["render", "{corpus}/pdf/minimal-document.pdf", "--page", "9", "--out", "{tmp}/x.png"],
        ["text", "{tmp}/missing.pdf"],
        ["info", "{tmp}/garbage.bin"],
    ],
    ids=["no-password", "wrong-password", "page-out-of-range", "missing", "unsupported"],
)
def test_unopenable_file_exits_1_with_one_line(
    args: list[str], corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "garbage.bin").write_bytes(b"\x00\x01\x02" * 50)
    argv = [a.format(corpus=corpus, tmp=tmp_path) for a in args]
    assert main(argv) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("viewer: ")


@pytest.mark.parametrize(
    "args", [[], ["bogus"], ["render", "x.pdf"], ["render", "x.pdf", "--page", "0", "--out", "o"]]
)
def test_bad_usage_exits_2(args: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2


def test_in_process_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "offer.docx"
    source.write_bytes(samples.make_docx())
    assert main(["--in-process", "text", str(source)]) == 0
    assert "Kundenakte offer" in capsys.readouterr().out
