"""Units, code lists, entries, reports, errors, the CLI's form commands, import hygiene."""

from __future__ import annotations

import pickle
import subprocess
import sys
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc
from cchc.cli import main
from cchc.errors import CodeListError, ReportError, UnknownIndicatorError
from cchc.units import UnitKind, find_unit

FORM = cchc.load_form("phu-luc-2b@2021")
SNV = cchc.Reporter("Sở Nội vụ", kind="department")


@pytest.mark.parametrize(
    ("printed", "unit_id"),
    [
        ("Thủ tục", "thu-tuc"),
        ("TTHC", "thu-tuc"),
        ("tthc", "thu-tuc"),
        ("Cơ quan, đơn vị", "co-quan-don-vi"),
        ("Đơn vị", "co-quan-don-vi"),
        ("Nhiệm vụ", "nhiem-vu"),
        ("Cặp file", "cap-file"),
        ("%", "percent"),
        ("Ngu\u031bo\u031b\u0300i", "nguoi"),  # NFD, as Windows exports write it
    ],
)
def test_units_and_their_synonyms(printed: str, unit_id: str) -> None:
    assert find_unit(printed).id == unit_id


def test_unit_kinds() -> None:
    assert find_unit("Người").kind is UnitKind.COUNT and find_unit("Người").is_count
    assert find_unit("%").kind is UnitKind.PERCENT
    assert find_unit("Điểm").kind is UnitKind.SCORE
    with pytest.raises(KeyError):
        find_unit("Cái")


def test_code_lists() -> None:
    codes = cchc.codes.CodeList.parse("Trực tuyến = 0\nPhát phiếu = 1\nKết hợp = 2")
    assert codes.values == (0, 1, 2) and len(codes) == 3
    assert codes.label(2) == "Kết hợp" and codes.legend().splitlines()[1] == "Phát phiếu = 1"
    assert 3 not in codes and True not in codes and "1" not in codes
    with pytest.raises(KeyError):
        codes.label(3)
    with pytest.raises(CodeListError, match="code 1 appears more than once"):
        cchc.codes.CodeList.parse("Có = 1\nĐúng = 1")
    with pytest.raises(CodeListError, match="at least one code"):
        cchc.codes.CodeList.parse("")
    assert cchc.codes.CodeList.parse("Không = 0; Có = 1").values == (0, 1)


@given(st.lists(st.integers(-5, 50), min_size=1, max_size=6, unique=True))
def test_a_legend_parses_back_from_its_printed_form(values: list[int]) -> None:
    codes = cchc.codes.CodeList(tuple(cchc.codes.Code(v, f"Mức {i}") for i, v in enumerate(values)))
    assert cchc.codes.CodeList.parse(codes.legend()) == codes


def test_entries_keep_blank_zero_and_status_apart() -> None:
    assert cchc.Entry().is_blank and cchc.Entry().is_empty
    assert not cchc.Entry(value=0).is_blank and cchc.Entry(value=0).has_value
    noted = cchc.Entry(note="Chưa đến hạn")
    assert noted.is_blank and not noted.is_empty
    due = cchc.Entry(status=cchc.Status.NOT_YET_DUE)
    assert not due.is_blank and not due.has_value
    with pytest.raises(ReportError, match="cannot also have status"):
        cchc.Entry(value=1, status=cchc.Status.NOT_APPLICABLE)
    with pytest.raises(ReportError, match="not float"):
        cchc.Entry(value=1.5)  # type: ignore[arg-type]
    with pytest.raises(ReportError, match="not bool"):
        cchc.Entry(value=True)
    with pytest.raises(ReportError, match="finite"):
        cchc.Entry(value=Decimal("NaN"))


def _report(**entries: object) -> cchc.Report:
    return cchc.Report(form=FORM, reporter=SNV, period="2021S1", entries=entries)  # type: ignore[arg-type]


def test_reports_type_their_values() -> None:
    report = cchc.Report(
        form=FORM,
        reporter=SNV,
        period=cchc.Period.parse("2021S1"),
        entries={"3.3.3": 100, "1.1.1": 49, "1.5": 0, "7.1.5": Decimal("2.5")},
    )
    assert list(report.entries) == ["1.1.1", "1.5", "3.3.3", "7.1.5"]  # form order
    assert isinstance(report["3.3.3"].value, Decimal)
    assert report.value("1.1.1") == 49 and report.value("1.1.2") is None
    assert report["1.1.2"].is_blank and "1.1.2" not in report
    with pytest.raises(UnknownIndicatorError):
        report["8.1"]
    bad = {"1.1.1": "bốn chín", "3.3.3": "100", "1.5": Decimal(1), "1.2": "Chưa kiểm tra"}
    with pytest.raises(ReportError) as caught:
        cchc.Report(form=FORM, reporter=SNV, period="2021S1", entries=bad)  # type: ignore[arg-type]
    message = str(caught.value)
    assert all(code in message for code in bad), message
    with pytest.raises(UnknownIndicatorError):
        cchc.Report(form=FORM, reporter=SNV, period="2021S1", entries={"1.1.9": 1})


def test_out_of_range_values_of_the_right_type_are_kept_for_the_rules() -> None:
    report = _report(**{"1.1.1": -3, "3.3.3": Decimal("101.5"), "1.5": 3})
    assert report.value("1.1.1") == -3 and report.value("1.5") == 3


def test_reports_are_immutable_values() -> None:
    report = _report(**{"1.1.1": 49})
    changed = report.with_value("1.1.2", 41, note="6 + 35")
    assert report.value("1.1.2") is None and changed.value("1.1.2") == 41
    assert changed["1.1.2"].note == "6 + 35"
    assert changed.without("1.1.2") == report
    assert hash(changed.without("1.1.2")) == hash(report)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.period = cchc.Period.parse("2021")  # type: ignore[misc]
    assert report.evolve(period="2021").period == cchc.Period.parse("2021")
    assert pickle.loads(pickle.dumps(changed)) == changed
    assert report.applies("4.1.2.a") and not report.applies("4.1.2.b")


def test_reporters() -> None:
    district = cchc.Reporter("UBND huyện A", kind="district", id="h-a", parent="tinh-x")
    assert district.kind is cchc.model.ReporterKind.DISTRICT and district.key == "h-a"
    assert SNV.key == "Sở Nội vụ"
    with pytest.raises(ReportError, match="unknown reporter kind 'ministry'"):
        cchc.Reporter("Bộ Nội vụ", kind="ministry")


def test_errors_pickle_and_subclass_builtins() -> None:
    error = UnknownIndicatorError("9.9", source="phu-luc-2b")
    again = pickle.loads(pickle.dumps(error))
    assert isinstance(again, KeyError)
    assert isinstance(again, UnknownIndicatorError)
    assert again.code == "9.9" and str(again) == str(error)
    period_error = cchc.errors.PeriodError("bad", source="a.txt", location="line 3")
    assert str(pickle.loads(pickle.dumps(period_error))) == "a.txt: line 3: bad"


def test_cli_forms_and_form(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forms"]) == 0
    assert capsys.readouterr().out.startswith("phu-luc-2b@2021\t")
    assert main(["form", "phu-luc-2b@2021"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 + 143
    line = next(line for line in lines if line.startswith("4.1.1\t"))
    row = dict(zip(lines[1].split("\t"), line.split("\t"), strict=True))
    assert row["code"] == "4.1.1" and row["unit"] == "Cơ quan, đơn vị"
    assert row["reported by"] == "department, province"


@pytest.mark.parametrize("argv", [["form", "nope"], ["bogus"], [], ["form"]])
def test_cli_usage_errors_are_one_line_and_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cchc", "forms"], capture_output=True, text=True, check=True
    )
    assert "phu-luc-2b" in done.stdout


def test_import_cchc_imports_no_extra() -> None:
    code = (
        "import sys, cchc; cchc.load_form();"
        "bad = [m for m in ('hypothesis', 'docx', 'openpyxl') if m in sys.modules];"
        "print(','.join(bad))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_the_public_api_is_declared_once() -> None:
    assert sorted(cchc.__all__) == cchc.__all__
    assert all(hasattr(cchc, name) for name in cchc.__all__)
    assert set(dir(cchc)) == set(cchc.__all__)


def test_import_cchc_binds_late() -> None:
    # The front door imports its names on first use: `import cchc` loads no engine,
    # no reader and none of babel, cattrs or an extra (the 150 ms budget is spent by
    # what a script touches, not by the import).
    code = (
        "import sys, cchc;"
        "heavy = ('babel', 'cattrs', 'hypothesis', 'docx', 'openpyxl', 'duckdb', 'pyarrow',"
        " 'tqdm', 'cchc.rules', 'cchc.io', 'cchc.aggregation');"
        "print(','.join(m for m in heavy if m in sys.modules));"
        "cchc.check(cchc.example_report()); print('cchc.rules' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["", "True"]
