"""Word 97, Excel 97 and OpenDocument files are read through LibreOffice (issue 14)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

import cchc
from cchc.errors import ReadError
from cchc.io import write_file
from cchc.io._libreoffice import convert

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
    [("docx", "odt"), ("docx", "doc"), ("docx", "odt doc"), ("xlsx", "xls"), ("xlsx", "ods")],
)
def test_an_old_or_open_format_reads_as_the_office_original(
    tmp_path: Path, written: str, saved: str
) -> None:
    original = tmp_path / f"seed.{written}"
    write_file(cchc.example_report(), original)
    copy = original
    for step in saved.split():  # saved straight from cchc's file, or through OpenDocument
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


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")
def test_a_timeout_ends_everything_libreoffice_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # soffice is a script starting soffice.bin: the stand-in starts a child that outlives it.
    pid_file = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {pid_file}\nwait\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    old = tmp_path / "seed.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ReadError, match="took longer than"):
        convert(old, timeout=1)
    child = int(pid_file.read_text(encoding="utf-8"))
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a killed child not yet reaped by its (dead) parent is a zombie: gone all the same
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "zombie" in status.read_text(encoding="utf-8"))
