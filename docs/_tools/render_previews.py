"""Render the example report's .xlsx and .docx to PDF and PNG, to look at them.

Office files are made to be printed; the only honest test of their layout is to
print them.  This script writes the built-in example report, with its findings
marked (as ``cchc convert … --check`` does), to .xlsx and .docx, converts both
to PDF with LibreOffice (``soffice --headless --convert-to pdf``) and renders
their pages to PNG with ``pdftoppm`` (poppler).  Open the PNGs and look for
overlapping rows, cut text and wrapped STT numbers.

    python docs/_tools/render_previews.py [OUT_DIR]

OUT_DIR defaults to ``docs/_build/previews``; the first page of the .xlsx is
also copied to ``docs/previews/xlsx-page-1.png``, which the docs show.  Needs
LibreOffice and poppler-utils (``apt-get install libreoffice-calc-nogui
libreoffice-writer-nogui poppler-utils``) and the ``office`` extra.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import cchc
from cchc.io import write

DOCS = Path(__file__).resolve().parent.parent
SHOWN = DOCS / "previews" / "xlsx-page-1.png"
RESOLUTION = "70"  # dots per inch: readable on screen, small in the repository


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        sys.exit(f"render_previews: {name} is not installed (see this script's docstring)")
    return found


def render(out: Path) -> list[Path]:
    """Write the previews into *out*; return the PNG pages."""
    soffice, pdftoppm = _tool("soffice"), _tool("pdftoppm")
    out.mkdir(parents=True, exist_ok=True)
    report = cchc.example_report()
    findings = tuple(cchc.check(report).findings)
    pages: list[Path] = []
    with tempfile.TemporaryDirectory() as profile:
        for fmt in ("xlsx", "docx"):
            document = out / f"example.{fmt}"
            content = write(report, fmt, findings=findings)
            document.write_bytes(content if isinstance(content, bytes) else content.encode())
            # A private profile: a running LibreOffice would otherwise take the job.
            subprocess.run(  # noqa: S603 - fixed arguments, our own files
                [
                    soffice,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(out),
                    str(document),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
            # Both files convert to example.pdf: give each its own name.
            pdf = (out / "example.pdf").replace(out / f"example-{fmt}.pdf")
            subprocess.run(  # noqa: S603 - fixed arguments, our own files
                [pdftoppm, "-r", RESOLUTION, "-png", str(pdf), str(out / f"{fmt}-page")],
                check=True,
                capture_output=True,
                timeout=300,
            )
            pages.extend(sorted(out.glob(f"{fmt}-page-*.png")))
    first = next(p for p in pages if p.name.startswith("xlsx-page-"))
    SHOWN.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(first, SHOWN)
    return pages


def main() -> None:
    """Render into the directory given, or docs/_build/previews."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS / "_build" / "previews"
    for page in render(out):
        print(page)


if __name__ == "__main__":
    main()
