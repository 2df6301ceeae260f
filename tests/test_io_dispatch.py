"""Tests of cchc.read / cchc.write / cchc.io.write_file dispatch and the `cchc convert` command."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import cchc
from cchc.cli import main
from cchc.errors import ReadError, UsageError
from cchc.examples import example_bytes
from cchc.io import FORMATS, format_of

SEED = example_bytes()
EXAMPLE = cchc.example_report()


def same_report(report: cchc.Report) -> None:
    assert report.entries == EXAMPLE.entries
    assert (report.reporter, report.period, report.form) == (
        EXAMPLE.reporter,
        EXAMPLE.period,
        EXAMPLE.form,
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("written")
    return {fmt: cchc.io.write_file(EXAMPLE, folder / f"so-noi-vu.{fmt}") for fmt in FORMATS}


# -- reading files -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["txt", "json", "csv"])
def test_read_text_formats_by_extension(files: dict[str, Path], fmt: str) -> None:
    same_report(cchc.read(files[fmt]))  # a PathLike
    same_report(cchc.read(str(files[fmt])))  # a str naming an existing file


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_read_office_formats_by_extension(files: dict[str, Path], fmt: str) -> None:
    report = cchc.read(files[fmt])
    assert (report.reporter, report.period) == (EXAMPLE.reporter, EXAMPLE.period)
    assert report.value("1.1.1") == 49
    assert report.value("7.2.5.1") == 6460
    assert report["2.1"].raw == "02"


def test_source_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "trống.txt"
    path.write_bytes(b"")
    with pytest.raises(ReadError) as info:
        cchc.read(path)
    assert info.value.source == str(path)


def test_upper_case_extension_and_forced_format(tmp_path: Path) -> None:
    upper = tmp_path / "SO-NOI-VU.TXT"
    upper.write_bytes(SEED)
    same_report(cchc.read(upper))
    odd = tmp_path / "so-noi-vu.dat"
    odd.write_bytes(SEED)
    same_report(cchc.read(odd, format="txt"))
    same_report(cchc.read(odd))  # recognised by its content
    json_as_dat = tmp_path / "bao-cao.dat"
    json_as_dat.write_text(cchc.dumps(EXAMPLE), encoding="utf-8")
    same_report(cchc.read(json_as_dat))
    (tmp_path / "notes.md").write_text("# notes\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"unknown file type \.md"):
        cchc.read(tmp_path / "notes.md")


def test_a_forced_format_wins_over_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "so-noi-vu.json"
    path.write_bytes(SEED)
    same_report(cchc.read(path, format="txt"))
    with pytest.raises(ReadError):
        cchc.read(path)


def test_missing_file_is_an_os_error() -> None:
    with pytest.raises(FileNotFoundError):
        cchc.read(Path("/nonexistent/so-noi-vu.txt"))


# -- reading content ----------------------------------------------------------------------------


def test_content_with_a_format() -> None:
    same_report(cchc.read(SEED, format="txt"))
    same_report(cchc.read(SEED.decode("utf-8"), format="text"))
    same_report(cchc.read(cchc.dumps(EXAMPLE), format="json"))
    same_report(cchc.read(cchc.write(EXAMPLE, "csv"), format="csv"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_content_is_recognised(fmt: str) -> None:
    content = cchc.write(EXAMPLE, fmt)
    report = cchc.read(content)
    assert (report.reporter, report.period) == (EXAMPLE.reporter, EXAMPLE.period)
    assert report.value("1.1.1") == 49
    if isinstance(content, str):
        assert cchc.read(content.encode("utf-8")).value("1.1.1") == 49


def test_unrecognised_content() -> None:
    with pytest.raises(ReadError, match="neither an existing file nor the content"):
        cchc.read("Báo cáo sơ kết")
    with pytest.raises(ReadError, match="not the content of a report"):
        cchc.read(b"\x89PNG\r\n")
    with pytest.raises(ReadError, match="no such file") as info:
        cchc.read("so-noi-vu-khong-co.txt")
    assert info.value.source == "so-noi-vu-khong-co.txt"


def test_bad_arguments() -> None:
    with pytest.raises(UsageError, match="unknown format 'pdf'"):
        cchc.read(SEED, format="pdf")
    with pytest.raises(UsageError, match="takes a path, str or bytes"):
        cchc.read(42)  # type: ignore[arg-type]


# -- form, reporter and period -----------------------------------------------------------------


def test_form_argument(tmp_path: Path) -> None:
    form = cchc.load_form("phu-luc-2b@2021")
    assert cchc.read(SEED, format="txt", form=form).form is form
    assert cchc.read(SEED, format="txt", form="phu-luc-2b").form is form
    copy = tmp_path / "mau.toml"
    copy.write_bytes(resources.files("cchc.forms").joinpath("phu-luc-2b.toml").read_bytes())
    from_file = cchc.read(SEED, format="txt", form=copy)
    assert from_file.form == form
    assert from_file.entries == EXAMPLE.entries
    with pytest.raises(cchc.errors.UnknownFormError):
        cchc.read(SEED, format="txt", form="phu-luc-9z")


def test_json_reporter_and_period_given_by_the_caller() -> None:
    other = cchc.Reporter("Sở Tư pháp", kind="department")
    report = cchc.read(cchc.dumps(EXAMPLE), format="json", reporter=other, period="2021Q3")
    assert (report.reporter, report.period.id) == (other, "2021Q3")
    assert [f.rule for f in report.diagnostics] == ["read.reporter-differs", "read.period-differs"]
    same = cchc.read(cchc.dumps(EXAMPLE), reporter=EXAMPLE.reporter, period=EXAMPLE.period)
    assert same.diagnostics == ()


def test_csv_reporter_and_period_given_by_the_caller() -> None:
    other = cchc.Reporter("Sở Tư pháp", kind="department")
    text = cchc.write(EXAMPLE, "csv")
    report = cchc.read(text, format="csv", reporter=other, period="2021Q3")
    assert (report.reporter, report.period.id) == (other, "2021Q3")
    assert [f.rule for f in report.diagnostics] == ["read.reporter-differs", "read.period-differs"]
    same = cchc.read(text, format="csv", reporter=EXAMPLE.reporter, period=EXAMPLE.period)
    assert same.diagnostics == ()


def test_text_reporter_and_period_given_by_the_caller() -> None:
    district = cchc.Reporter("UBND huyện Hải Hậu", kind="district")
    report = cchc.read(SEED, reporter=district, period="2021S1")
    assert report.reporter == district
    assert [f.rule for f in report.diagnostics[:1]] == ["read.reporter-differs"]


# -- writing -------------------------------------------------------------------------------------


def test_write_types() -> None:
    for fmt in ("txt", "json", "csv"):
        assert isinstance(cchc.write(EXAMPLE, fmt), str)
    for fmt in ("docx", "xlsx"):
        data = cchc.write(EXAMPLE, fmt)
        assert isinstance(data, bytes)
        assert data.startswith(b"PK\x03\x04")
    assert cchc.write(EXAMPLE, "TXT") == cchc.write(EXAMPLE, "text")


def test_write_file(tmp_path: Path, files: dict[str, Path]) -> None:
    assert files["txt"].read_text(encoding="utf-8") == cchc.write(EXAMPLE, "txt")
    assert files["docx"].read_bytes() == cchc.write(EXAMPLE, "docx")
    forced = cchc.io.write_file(EXAMPLE, tmp_path / "bao-cao.dat", format="json")
    assert json.loads(forced.read_text(encoding="utf-8"))["period"] == "2021S1"
    with pytest.raises(UsageError, match="cannot tell the format"):
        cchc.io.write_file(EXAMPLE, tmp_path / "bao-cao.pdf")


def test_format_of() -> None:
    assert [format_of(f"a.{fmt}") for fmt in FORMATS] == list(FORMATS)
    assert format_of("a.DOCX") == "docx"
    assert format_of("a") is None


# -- optional office dependencies ----------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "library"), [("docx", "docx"), ("xlsx", "openpyxl")])
def test_missing_office_library(monkeypatch: pytest.MonkeyPatch, fmt: str, library: str) -> None:
    monkeypatch.setitem(sys.modules, library, None)
    with pytest.raises(UsageError, match=r"pip install 'cchc\[office\]'"):
        cchc.write(EXAMPLE, fmt)


def test_import_cchc_does_not_import_office_libraries() -> None:
    code = (
        "import sys, cchc; cchc.example_report(); "
        "print(sorted(m for m in ('docx', 'openpyxl', 'hypothesis') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# -- the convert command ---------------------------------------------------------------


def test_convert_to_stdout(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(files["txt"]), "--to", "json"]) == 0
    captured = capsys.readouterr()
    same_report(cchc.loads(captured.out))
    assert "reading warning" in captured.err  # the seed's misnumbered rows and the like
    assert main(["convert", str(files["json"]), "--to", "txt"]) == 0
    assert capsys.readouterr().out == cchc.write(EXAMPLE, "txt")


def test_convert_to_a_file(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    assert main(["convert", str(files["txt"]), "-o", str(out)]) == 0
    assert cchc.read(out).value("7.2.5.1") == 6460
    csv_out = tmp_path / "out.dat"
    assert main(["convert", str(files["json"]), "--to", "csv", "-o", str(csv_out)]) == 0
    same_report(cchc.read(csv_out, format="csv"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "docx"], "binary: give -o OUT"),
        ([], "needs --to"),
        (["-o", "out.pdf"], "needs --to"),
        (["--to", "pdf"], "giá trị 'pdf' không hợp lệ"),
    ],
)
def test_convert_usage_errors(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["convert", str(files["txt"]), *args]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_convert_unreadable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(tmp_path / "khong-co.txt"), "--to", "json"]) == 2
    assert "không có tệp này" in capsys.readouterr().err
    bad = tmp_path / "hong.txt"
    bad.write_bytes(b"\x00\x01")
    assert main(["convert", str(bad), "--to", "json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"cchc: {bad}")
    assert "NUL byte" in err
    assert err.count("\n") == 1
