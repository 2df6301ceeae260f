"""Word 97, Excel 97 and OpenDocument files are read through LibreOffice (issue 14)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import cchc
from cchc.errors import ReadError
from cchc.io import write_file

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def _save_as(source: Path, target: str, folder: Path) -> Path:
    """*source* saved by LibreOffice as *target*, as a unit's office would."""
    assert SOFFICE is not None
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
         "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return folder / f"{source.stem}.{target}"


@needs_libreoffice
@pytest.mark.parametrize(
    ("written", "saved"),
    [("docx", "odt"), ("docx", "odt doc"), ("xlsx", "xls"), ("xlsx", "ods")],
)
def test_an_old_or_open_format_reads_as_the_office_original(
    tmp_path: Path, written: str, saved: str
) -> None:
    original = tmp_path / f"seed.{written}"
    write_file(cchc.example_report(), original)
    copy = original
    for step in saved.split():  # a Word 97 file as Writer saves it (from OpenDocument)
        copy = _save_as(copy, step, tmp_path)
    first, second = cchc.read(original), cchc.read(copy)
    # Saving may trim a cell's trailing space ("100% " in the seed): raw cells aside, all equal.
    assert {c: (e.value, e.status, e.note) for c, e in second.entries.items()} == {
        c: (e.value, e.status, e.note) for c, e in first.entries.items()
    }
    assert second.reporter == first.reporter
    assert second.period == first.period
    trimmed = {"read.whitespace"}  # the trailing space LibreOffice trimmed
    assert sorted((f.rule, f.indicators) for f in cchc.check(second) if f.rule not in trimmed) == (
        sorted((f.rule, f.indicators) for f in cchc.check(first) if f.rule not in trimmed)
    )


def test_without_libreoffice_one_line_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    old = tmp_path / "bao-cao.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ReadError, match=r"LibreOffice, which is not installed.*save it as \.xlsx"):
        cchc.read(old)


@pytest.mark.parametrize("name", ["scan.pdf", "photo.JPG", "bang.png"])
def test_pdfs_and_images_are_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(ReadError, match="no table cells to read"):
        cchc.read(path)
