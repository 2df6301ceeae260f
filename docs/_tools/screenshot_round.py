"""Look at a round's outputs as people will: screenshots of the page, the workbook and the annex.

Builds the round of the example province, writes ``round.html``, ``round.xlsx``
and ``round.docx`` into OUT (default ``build/round-look``), then

* takes a screenshot of the page with headless Chromium (``round-html.png``);
* converts the workbook and the annex to PDF with LibreOffice and each page to
  PNG with ``pdftoppm`` (``round-xlsx-1.png``, ``round-docx-1.png``, …).

Needs ``chromium`` (or ``chromium-browser``/``google-chrome``), ``soffice`` and
``pdftoppm`` (Debian: ``apt-get install -y chromium libreoffice-writer-nogui
libreoffice-calc-nogui poppler-utils``); a missing program skips its part with
a line saying so.  Run from the repository root::

    python docs/_tools/screenshot_round.py [OUT]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cchc.examples import round_folder
from cchc.register import load_register
from cchc.round import Round


def _which(*names: str) -> str | None:
    return next((found for name in names if (found := shutil.which(name))), None)


def main(out: Path) -> None:
    """Write the outputs and their pictures into *out*."""
    out.mkdir(parents=True, exist_ok=True)
    folder = round_folder()
    round_ = Round.build(load_register(folder / "units.toml"), "2021S1", files=[folder / "reports"])
    for suffix in ("html", "xlsx", "docx"):
        round_.write(out / f"round.{suffix}")
    chromium = _which("chromium", "chromium-browser", "google-chrome")
    if chromium is None:
        print("no chromium: no screenshot of the page")
    else:
        subprocess.run(  # noqa: S603 - fixed arguments, our own files
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--window-size=1200,2400", f"--screenshot={out / 'round-html.png'}",
             (out / "round.html").resolve().as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        print(out / "round-html.png")
    soffice, pdftoppm = _which("soffice", "libreoffice"), _which("pdftoppm")
    if soffice is None or pdftoppm is None:
        print("no soffice or pdftoppm: no pictures of the workbook and the annex")
        return
    with tempfile.TemporaryDirectory() as profile:
        for suffix in ("xlsx", "docx"):
            subprocess.run(  # noqa: S603 - fixed arguments, our own files
                [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                 "--convert-to", "pdf", "--outdir", str(out / suffix),
                 str(out / f"round.{suffix}")],
                check=True, capture_output=True, timeout=180,
            )  # fmt: skip
            subprocess.run(  # noqa: S603 - fixed arguments, our own files
                [pdftoppm, "-r", "70", "-png", str(out / suffix / "round.pdf"),
                 str(out / f"round-{suffix}")],
                check=True, capture_output=True, timeout=180,
            )  # fmt: skip
            print(*sorted(out.glob(f"round-{suffix}*.png")), sep="\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/round-look"))
