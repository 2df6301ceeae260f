"""The CLI at scale and for people: convert --check, --summary, --quiet, inputs, schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.cli import main
from cchc.examples import example_bytes


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "so-noi-vu.txt"
    path.write_bytes(example_bytes())
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_convert_check_marks_the_cells_of_r26(
    seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    out = tmp_path / "x.xlsx"
    code, _, _ = run(capsys, "convert", str(seed_file), "--to", "xlsx", "--check", "-o", str(out))
    assert code == 0
    workbook = openpyxl.load_workbook(out)
    sheet = workbook.worksheets[0]
    marked = [
        row[3] for row in sheet.iter_rows() if row[3].comment and "R26" in row[3].comment.text
    ]
    assert len(marked) == 2
    assert all(cell.fill.fill_type == "solid" for cell in marked)
    assert len(workbook.worksheets) == 2  # the findings sheet


def test_convert_without_check_marks_nothing(
    seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    out = tmp_path / "x.xlsx"
    assert run(capsys, "convert", str(seed_file), "-o", str(out))[0] == 0
    workbook = openpyxl.load_workbook(out)
    assert len(workbook.worksheets) == 1
    assert not any(row[3].comment for row in workbook.worksheets[0].iter_rows())
