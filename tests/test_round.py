"""The reporting round (issue 14): register, completeness, findings, aggregate, outputs."""

from __future__ import annotations

import json
import pickle
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc
from cchc.cli import main
from cchc.examples import round_folder
from cchc.io import write_file
from cchc.model import ReporterKind
from cchc.register import Register, ReportingUnit, load_register
from cchc.round import Round
from cchc.values import Coverage

FOLDER = round_folder()
REGISTER = load_register(FOLDER / "units.toml")


@pytest.fixture(scope="module")
def example() -> Round:
    return Round.build(REGISTER, "2021S1", files=[FOLDER / "reports"], workers=1)


def _count(report: cchc.Report, code: str) -> int:
    value = report[code].value
    return value if isinstance(value, int) else 0


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


# -- the register ---------------------------------------------------------------------------


def test_a_register_reads_from_toml_and_csv_alike(tmp_path: Path) -> None:
    rows = ["id,name,kind,parent,valid_from,valid_until"]
    rows += [f"{u.id},{u.name},{u.kind.value},,,{u.valid_until or ''}" for u in REGISTER.units]
    path = tmp_path / "units.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert load_register(path).units == REGISTER.units


def test_a_unit_is_expected_while_it_exists() -> None:
    unit = ReportingUnit("h", "UBND huyện H", "district", valid_until=date(2025, 6, 30))
    assert unit.expected_in("2025S1")
    assert not unit.expected_in("2025S2")
    later = ReportingUnit("x", "UBND xã X", "commune", valid_from=date(2025, 7, 1))
    assert not later.expected_in("2025S1")
    assert later.expected_in("2025")


def test_a_report_matches_by_id_then_by_name_without_case_or_spacing() -> None:
    by_id = cchc.Reporter("Tên khác", kind="department", id="stp")
    assert REGISTER.match(by_id) == REGISTER["stp"]
    by_name = cchc.Reporter("  SỞ TƯ PHÁP ", kind="department")
    assert REGISTER.match(by_name) == REGISTER["stp"]
    assert REGISTER.match(cchc.Reporter("Sở Tu phap", kind="department")) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[unit]]\nid = "a"\nname = "A"\nkind = "town"\n', "unknown kind 'town'"),
        ('[[unit]]\nid = "a"\nname = "A"\n', "missing kind"),
        ('[[unit]]\nid = "a"\nname = "A"\nkind = "department"\nvalid_until = "30/6"\n', "ISO"),
        (
            '[[unit]]\nid = "a"\nname = "A"\nkind = "department"\n'
            '[[unit]]\nid = "a"\nname = "B"\nkind = "department"\n',
            "two units have the id 'a'",
        ),
        ('colour = "red"\n', "unknown key 'colour'"),
        ("[[unit]\n", "not valid TOML"),
    ],
)
def test_a_bad_register_says_where(text: str, message: str) -> None:
    with pytest.raises(cchc.errors.ReadError, match=message):
        Register.loads(text, source="units.toml")


# -- the round ------------------------------------------------------------------------------


def test_completeness_names_who_is_missing_late_unknown_and_sent_twice(example: Round) -> None:
    assert len(example.expected) == 10  # the unit that ended in 2020 is not expected
    assert [u.id for u in example.missing] == ["h-ky-son"]
    assert [(late.unit.id, late.submitted, late.deadline) for late in example.late] == [
        ("sxd", date(2021, 6, 25), date(2021, 6, 20))
    ]
    assert [a.name for a in example.unknown] == ["Ban Dân tộc"]
    (unit, dropped), = example.duplicates  # fmt: skip
    assert unit.id == "h-nam-dan"
    assert dropped.file.endswith("nam-dan.json")
    kept = dict(example.received)[unit]
    assert kept.file.endswith("nam-dan-bo-sung.json")
    first = dropped.report["1.1.1"].value
    assert isinstance(first, int)
    assert kept.report["1.1.1"].value == first + 3


def test_the_aggregate_sums_the_received_units_with_register_coverage(example: Round) -> None:
    total = example.aggregate
    received = [item.report for _, item in example.received]
    assert total["1.1.1"].value == sum(_count(r, "1.1.1") for r in received)
    departments = [u for u in example.expected if u.kind is ReporterKind.DEPARTMENT]
    # 4.1.1 is a department-only row: the missing district does not count on it.
    assert total["4.1.1"].coverage is not None
    assert total["4.1.1"].coverage.expected == len(departments)
    assert total["1.1.1"].coverage == Coverage(9, 10)


def test_a_value_failing_a_cell_rule_is_listed_and_not_summed(example: Round) -> None:
    (excluded,) = example.excluded
    assert (excluded.unit.id, excluded.code, excluded.rule, excluded.value) == (
        "sxd",
        "4.3.2",
        "F2",
        -10,
    )
    others = [item.report["4.3.2"].value for unit, item in example.received if unit.id != "sxd"]
    assert example.aggregate["4.3.2"].value == sum(v for v in others if isinstance(v, int))


def test_rankings_order_units_by_each_declared_ratio(example: Round) -> None:
    rankings = example.rankings()
    assert set(rankings) == {d.id for d in example.form.ratios}
    values = [v for _, v in rankings["plan-tasks-done"] if v is not None]
    assert values == sorted(values, reverse=True)


def test_the_matrix_counts_each_units_failures_per_rule(example: Round) -> None:
    for (unit, row), (same, item) in zip(example.matrix(), example.received, strict=True):
        assert unit == same
        assert set(row) == set(item.failed)


def test_a_round_pickles(example: Round) -> None:
    again = pickle.loads(pickle.dumps(example))
    assert again.as_data() == example.as_data()


def test_a_round_read_on_several_processes_is_the_same(example: Round, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(2):  # enough files for the pool
        for path in (FOLDER / "reports").iterdir():
            shutil.copy(path, folder / f"{n}-{path.name}")
    one = Round.build(REGISTER, "2021S1", files=[folder], workers=1)
    two = Round.build(REGISTER, "2021S1", files=[folder], workers=2)
    assert one.as_data() == two.as_data()
    assert two.aggregate == one.aggregate


def test_the_previous_round_is_compared_like_for_like(example: Round) -> None:
    q1 = [
        item.report.evolve(period="2021Q1", submitted=None)
        for unit, item in example.received
        if unit.id != "snv"
    ]
    previous = Round.build(REGISTER, "2021Q1", reports=q1)
    now = Round.build(REGISTER, "2021S1", files=[FOLDER / "reports"], previous=previous, workers=1)
    assert "snv" not in now.compared_units
    assert len(now.compared_units) == 8
    assert now.comparison is not None
    # The same units, the same figures: no plan changed.
    assert not [f for f in now.comparison.findings if f.rule == "A4.plan-changed"]


# -- the command ----------------------------------------------------------------------------


def test_the_json_names_the_missing_unit_and_each_units_failures_as_check_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    reports = str(FOLDER / "reports")
    code, out = _run(
        capsys, "round", reports, "--units", str(FOLDER / "units.toml"), "--period", "2021S1",
        "--format", "json", "--jobs", "1", "--no-progress",
    )  # fmt: skip
    assert code == 1
    data = json.loads(out)
    assert data["schema"] == "cchc.round/1"
    assert data["units"]["missing"] == [
        {"id": "h-ky-son", "name": "UBND huyện Kỳ Sơn", "kind": "district"}
    ]
    for row in data["reports"]:
        _, checked = _run(capsys, "check", row["file"], "--format", "json")
        (result,) = json.loads(checked)["results"]
        failed = []
        for finding in result["findings"]:
            serious = finding["severity"] in ("error", "warning")
            if (
                serious
                and finding["outcome"] in ("fail", "error")
                and finding["rule"] not in failed
            ):
                failed.append(finding["rule"])
        assert row["failed"] == failed, row["file"]
        assert row["summary"] == result["summary"]
    total = data["aggregate"]["entries"]["1.1.1"]
    files = [row["file"] for row in data["reports"]]
    assert total["value"] == sum(_count(cchc.read(Path(f)), "1.1.1") for f in files)
    assert total["coverage"] == {"reported": 9, "expected": 10}


def test_the_command_says_one_line_for_a_bad_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    units = tmp_path / "units.toml"
    units.write_text('[[unit]]\nid = "a"\n', encoding="utf-8")
    code = main(["round", str(FOLDER / "reports"), "--units", str(units), "--period", "2021S1"])
    err = capsys.readouterr().err
    assert code == 2
    assert "missing name, kind" in err
    assert len(err.strip().splitlines()) == 1


def test_the_previous_round_may_be_its_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    units, reports = str(FOLDER / "units.toml"), str(FOLDER / "reports")
    saved = tmp_path / "s1.json"
    main(["round", reports, "--units", units, "--period", "2021S1", "-o", str(saved)])
    capsys.readouterr()
    code, out = _run(
        capsys, "round", reports, "--units", units, "--period", "2021S1",
        "--previous", str(saved), "--format", "json",
    )  # fmt: skip
    assert code == 1
    comparison = json.loads(out)["comparison"]
    assert all(change["direction"] == "same" for change in comparison["changes"])


# -- outputs --------------------------------------------------------------------------------


def test_the_workbook_has_the_sheets_of_a_round(example: Round, tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "round.xlsx"
    example.write(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Tổng quan",
        "Biểu tổng hợp",
        "Đơn vị × quy tắc",
        "Chưa báo cáo",
        "Giá trị loại trừ",
        "Xếp hạng tỷ lệ",
    ]
    summary = {row[0]: row[1] for row in book["Tổng quan"].iter_rows(values_only=True) if row[0]}
    assert summary["Đơn vị phải báo cáo"] == 10
    assert summary["Chưa báo cáo"] == 1
    rows = book["Biểu tổng hợp"].iter_rows(min_row=5, values_only=True)
    table = dict(zip(example.form.codes, rows, strict=True))
    assert table["1.1.1"][3] == example.aggregate["1.1.1"].value
    assert table["1.1.1"][5] == "9/10"
    assert "Trực tuyến" in str(table["1.4.2"][7])
    missing = list(book["Chưa báo cáo"].iter_rows(min_row=2, values_only=True))
    assert ("h-ky-son", "UBND huyện Kỳ Sơn") in [(row[0], row[1]) for row in missing]
    (excluded,) = book["Giá trị loại trừ"].iter_rows(min_row=2, values_only=True)
    assert excluded[:2] == ("Sở Xây dựng", "4.3.2")
    assert excluded[3] == -10
    header = next(book["Đơn vị × quy tắc"].iter_rows(max_row=1, values_only=True))
    assert list(header[1:]) == list(example.rules)


def test_the_page_is_self_contained_with_a_chart_per_ratio(example: Round) -> None:
    page = example.html()
    assert example._repr_html_() in page  # the notebook shows the page's fragment
    charted = sum(1 for rows in example.rankings().values() if any(v is not None for _, v in rows))
    assert page.count("<svg") == charted > 0
    assert "<script" not in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    assert "UBND huyện Kỳ Sơn" in page


def test_the_word_annex_says_who_reported_with_the_table(example: Round, tmp_path: Path) -> None:
    import docx

    path = tmp_path / "round.docx"
    example.write(path)
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "9/10 đơn vị đã gửi báo cáo" in text
    assert "UBND huyện Kỳ Sơn" in text
    assert len(document.tables) == 1
    assert cchc.read(path)["1.1.1"].value == example.aggregate["1.1.1"].value


def test_an_unknown_output_extension_is_refused(example: Round, tmp_path: Path) -> None:
    with pytest.raises(cchc.errors.UsageError, match=r"\.xlsx, \.docx, \.html or \.json"):
        example.write(tmp_path / "round.pdf")


# -- the submission date ----------------------------------------------------------------------


def test_the_title_date_is_the_submission_date() -> None:
    from cchc.examples import example_bytes

    text = example_bytes().decode("utf-8")
    assert "ngày      /6/2021" in text  # the seed leaves the day for the signature
    assert cchc.read(example_bytes()).submitted is None
    signed = text.replace("ngày      /6/2021", "ngày 18 tháng 6 năm 2021")
    assert cchc.read(signed).submitted == date(2021, 6, 18)


def test_the_submission_date_goes_through_json() -> None:
    report = cchc.example_report().evolve(submitted=date(2021, 6, 18))
    assert cchc.loads(cchc.dumps(report)).submitted == date(2021, 6, 18)
    with pytest.raises(cchc.errors.ReadError, match=r"\$\.submitted"):
        cchc.loads(cchc.dumps(report).replace("2021-06-18", "18/6/2021"))


# -- laws -----------------------------------------------------------------------------------

_SENT = {unit.id: item.report for unit, item in Round.build(
    REGISTER, "2021S1", files=[FOLDER / "reports"], workers=1
).received}  # fmt: skip


@settings(max_examples=25, deadline=None)
@given(st.sets(st.sampled_from(sorted(_SENT)), min_size=1))
def test_received_and_missing_make_up_the_expected(chosen: set[str]) -> None:
    built = Round.build(REGISTER, "2021S1", reports=[_SENT[uid] for uid in sorted(chosen)])
    got = {unit.id for unit, _ in built.received}
    assert got == chosen
    assert got | {unit.id for unit in built.missing} == {unit.id for unit in built.expected}
    assert built.aggregate["1.1.1"].value == sum(_count(_SENT[uid], "1.1.1") for uid in chosen)
    coverage = built.aggregate["4.1.1"].coverage
    departments = [u for u in built.expected if u.kind is ReporterKind.DEPARTMENT]
    assert coverage is not None
    assert coverage.expected == len(departments)


def test_reports_of_another_period_are_set_aside(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(FOLDER / "reports", folder)
    stray = cchc.read(folder / "cuc-thue.json").evolve(period="2021Q1")
    write_file(stray, folder / "cuc-thue-q1.json")
    built = Round.build(REGISTER, "2021S1", files=[folder])
    (aside,) = [a for a, _ in built.set_aside if a.reason == "period"]
    assert aside.detail == "2021Q1"
    assert aside.label == "báo cáo kỳ khác (2021Q1)"
    assert "ct" in {unit.id for unit, _ in built.received}


def test_the_previous_round_may_be_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = tmp_path / "q1"
    earlier.mkdir()
    for path in sorted((FOLDER / "reports").glob("*.json")):
        report = cchc.read(path)
        write_file(report.evolve(period="2021Q1", submitted=None), earlier / path.name)
    code, out = _run(
        capsys, "round", str(FOLDER / "reports"), "--units", str(FOLDER / "units.toml"),
        "--period", "2021S1", "--previous", str(earlier), "--format", "json",
    )  # fmt: skip
    assert code == 1
    data = json.loads(out)["comparison"]
    assert sorted(data["units"]) == ["ct", "h-nam-dan", "sxd"]
    assert data["earlier"]["period"] == "2021Q1"


def test_a_folder_without_reports_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["round", str(tmp_path), "--units", str(FOLDER / "units.toml"), "--period", "2021S1"]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "holds no report file" in err
    assert len(err.strip().splitlines()) == 1


def test_the_round_document_and_the_register_follow_their_schemas(example: Round) -> None:
    import tomllib

    import jsonschema

    from cchc.schemas import schema

    data = json.loads(json.dumps(example.as_data()))
    jsonschema.validate(data, schema("round"))
    jsonschema.validate(data["aggregate"], schema("report"))
    register = tomllib.loads((FOLDER / "units.toml").read_text(encoding="utf-8"))
    jsonschema.validate(register, schema("units"))


def test_a_progress_bar_is_drawn_on_a_terminal_only() -> None:
    import io

    from cchc.round._load import progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, pipe = Terminal(), io.StringIO()
    assert list(progress(range(3), total=3, stream=terminal)) == [0, 1, 2]
    assert "0/3" in terminal.getvalue()  # drawn (and cleared at the end: leave=False)
    assert list(progress(range(3), total=3, stream=pipe)) == [0, 1, 2]
    assert pipe.getvalue() == ""
    assert list(progress(range(3), total=3, stream=Terminal(), enabled=False)) == [0, 1, 2]
