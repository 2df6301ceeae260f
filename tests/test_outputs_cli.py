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


@pytest.fixture
def many(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    for number in range(100):
        where = folder / "sub" if number % 2 else folder
        (where / f"r{number:03d}.txt").write_bytes(example_bytes())
    (folder / "README.md").write_text("not a report")
    return folder


def test_check_summary_on_100_files_prints_one_line_each_and_a_total(
    many: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", "--summary", str(many))
    lines = out.splitlines()
    assert code == 1 and err == ""
    assert len(lines) == 101
    assert lines[-1] == "tổng: 100 tệp, 100 tệp có lỗi; 300 lỗi, 1000 cảnh báo, 1600 thông tin"
    assert all(": 3 lỗi, 10 cảnh báo, 16 thông tin" in line for line in lines[:-1])


def test_check_quiet_prints_nothing_and_exits_by_the_findings(
    many: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", "--quiet", str(many / "r00*.txt"))
    assert (code, out, err) == (1, "", "")


def test_globs_directories_and_stdin_are_inputs(
    many: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    stdin = io.TextIOWrapper(io.BytesIO(example_bytes()))
    monkeypatch.setattr(sys, "stdin", stdin)
    pattern = str(many / "**" / "r00[12].txt")
    code, out, _ = run(capsys, "check", "--summary", "--locale", "en", "-", pattern)
    names = [line.split(":")[0] for line in out.splitlines()]
    assert code == 1
    assert names == ["<stdin>", str(many / "r002.txt"), str(many / "sub" / "r001.txt"), "total"]


def test_a_pattern_that_matches_nothing_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", str(tmp_path / "*.xlsx"))
    assert code == 2 and out == ""
    assert err.startswith("cchc: ") and "no file matches" in err and len(err.splitlines()) == 1


def test_progress_bar_is_drawn_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from cchc._inputs import progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert list(progress(range(3), total=3)) == [0, 1, 2]
    assert "/3" in terminal.getvalue()
    plain = io.StringIO()
    monkeypatch.setattr(sys, "stderr", plain)
    assert list(progress(range(3), total=3)) == [0, 1, 2]
    assert plain.getvalue() == ""


def test_ratio_ids_break_only_at_hyphens_at_80_columns(
    seed_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import cchc

    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "ratios", str(seed_file), "--color", "never")
    assert code == 0
    first_column = [
        line.split("  ")[0] for line in out.splitlines()[3:] if line[:1].strip() not in ("", "─")
    ]
    parts = {part for r in cchc.ratios(cchc.example_report()) for part in r.id.split("-")}
    for piece in first_column:
        for part in piece.split("-"):
            assert not part or part in parts, piece


def test_standard_input_is_read_once_and_an_empty_directory_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cchc._inputs import expand
    from cchc.errors import UsageError

    with pytest.raises(UsageError, match="only once"):
        expand(["-", "-"], stdin=b"")
    (tmp_path / "notes.md").write_text("not a report")
    code, out, err = run(capsys, "check", str(tmp_path))
    assert (code, out) == (2, "")
    assert "holds no report file" in err and len(err.splitlines()) == 1


def test_convert_excel_to_standard_output_starts_with_a_byte_order_mark(
    seed_file: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["convert", str(seed_file), "--to", "csv", "--excel"]) == 0
    assert capfdbinary.readouterr().out.startswith(b"\xef\xbb\xbfform,")


def test_summary_is_a_text_format(seed_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--summary", "--format", "json", str(seed_file))
    assert (code, out) == (2, "")
    assert "--format json đã có phần tổng hợp của từng tệp" in err
