"""Files as units send them: Word 97, Excel 97 and OpenDocument, read through LibreOffice.

A ``.doc``, ``.xls``, ``.odt`` or ``.ods`` file is converted by LibreOffice
(``soffice --headless --convert-to docx|xlsx``) into a private temporary folder,
with its own user profile (so that conversions may run side by side) and a time
limit, and the result is read by the ``.docx``/``.xlsx`` readers.  Without
LibreOffice, reading says in one line what to install or how to save the file.
PDFs and images are refused: their tables are pictures of text, not cells.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from cchc.errors import ReadError

__all__ = ["CONVERSION_TIMEOUT", "convert", "legacy_format"]

CONVERSION_TIMEOUT: Final = 120.0
"""Seconds one conversion may take (LibreOffice's first start is slow)."""

_CONVERTED: Final = {
    ".doc": "docx",
    ".odt": "docx",
    ".rtf": "docx",
    ".xls": "xlsx",
    ".ods": "xlsx",
}
_REFUSED: Final = {
    ".pdf": "a PDF",
    ".png": "an image",
    ".jpg": "an image",
    ".jpeg": "an image",
    ".tif": "an image",
    ".tiff": "an image",
    ".gif": "an image",
    ".bmp": "an image",
    ".webp": "an image",
    ".heic": "an image",
}


def legacy_format(path: str | os.PathLike[str]) -> str | None:
    """``"docx"`` or ``"xlsx"`` for a file LibreOffice converts, else ``None``.

    Raises:
        ReadError: a PDF or an image, which no reader can take.

    >>> legacy_format("bao-cao.doc"), legacy_format("bieu.ODS"), legacy_format("a.txt")
    ('docx', 'xlsx', None)
    >>> legacy_format("scan.pdf")
    Traceback (most recent call last):
    ...
    cchc.errors.ReadError: scan.pdf: 1 problem:
      a PDF holds no table cells to read: ask the unit for the .docx or .xlsx file ...
    """
    suffix = Path(path).suffix.lower()
    refused = _REFUSED.get(suffix)
    if refused is not None:
        msg = (
            f"{refused} holds no table cells to read: ask the unit for the .docx or .xlsx "
            "file (or the .doc/.xls it was made from)"
        )
        raise ReadError.one(msg, source=str(path))
    return _CONVERTED.get(suffix)


def _soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found is not None:
            return found
    return None


def convert(path: str | os.PathLike[str], *, timeout: float = CONVERSION_TIMEOUT) -> bytes:
    """The bytes of *path* converted by LibreOffice to ``.docx`` or ``.xlsx``.

    Raises:
        ReadError: LibreOffice is not installed (the message says what to install
            or how to save the file), the conversion failed or took longer than
            *timeout* seconds.
    """
    source = Path(path)
    target = legacy_format(source)
    if target is None:
        msg = f"{source.suffix or 'this file'} is not converted by LibreOffice"
        raise ReadError.one(msg, source=str(path))
    soffice = _soffice()
    if soffice is None:
        msg = (
            f"{source.suffix} files are read through LibreOffice, which is not installed: "
            "install it (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui) "
            f"or open the file and save it as .{target}"
        )
        raise ReadError.one(msg, source=str(path))
    with tempfile.TemporaryDirectory(prefix="cchc-lo-") as folder:
        work = Path(folder)
        profile = work / "profile"
        out = work / "out"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source.resolve()),
        ]
        try:
            done = subprocess.run(  # noqa: S603 - a fixed program on a file the caller named
                command, capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            msg = f"LibreOffice took longer than {timeout:g} s to convert the file to .{target}"
            raise ReadError.one(msg, source=str(path)) from None
        produced = sorted(out.glob(f"*.{target}")) if out.is_dir() else []
        if done.returncode != 0 or not produced:
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
            detail = f": {said.splitlines()[-1]}" if said else ""
            msg = f"LibreOffice could not convert the file to .{target}{detail}"
            raise ReadError.one(msg, source=str(path))
        return produced[0].read_bytes()
