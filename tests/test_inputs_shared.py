"""`cchc check` and `cchc round` take the same files from a folder (review 1, M2)."""

from __future__ import annotations

from pathlib import Path

import pytest

import cchc
from cchc.cli import main
from cchc.examples import round_folder
from cchc.io import write_file

FOLDER = round_folder()


def test_check_reads_from_a_folder_what_round_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_file(cchc.example_report(), tmp_path / "so-noi-vu.json")
    (tmp_path / "cu.doc").write_bytes(b"not a Word 97 file")  # an old format: read, not ignored
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")  # refused, with a reason
    (tmp_path / "~$so-noi-vu.docx").write_bytes(b"lock")  # Word's lock file: skipped
    code = main(["check", "--summary", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "cu.doc" in err
    assert "scan.pdf" in err
    assert "~$" not in err


def test_a_round_takes_a_glob_as_check_does(capsys: pytest.CaptureFixture[str]) -> None:
    pattern = str(FOLDER / "reports" / "*.json")
    code = main(
        ["round", pattern, "--units", str(FOLDER / "units.toml"), "--period", "2021S1",
         "--format", "json", "--no-progress"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code in (0, 1)
    assert '"received"' in out
    assert "so-tu-phap.docx" not in out  # only the JSON files were taken


def test_a_round_refuses_standard_input(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["round", "-", "--units", str(FOLDER / "units.toml"), "--period", "2021S1"])
    assert code == 2
    assert "standard input" in capsys.readouterr().err


def test_the_summary_total_counts_unreadable_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_file(cchc.example_report(), tmp_path / "a.json")
    (tmp_path / "b.doc").write_bytes(b"not a Word 97 file")
    (tmp_path / "c.doc").write_bytes(b"nor this")
    code = main(["check", "--summary", str(tmp_path)])
    total = capsys.readouterr().out.strip().splitlines()[-1]
    assert code == 2
    assert total.startswith("tổng: 3 tệp (2 không đọc được), ")
