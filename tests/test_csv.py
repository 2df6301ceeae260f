"""The CSV long format: exact round trips, strict reading with row numbers."""

from __future__ import annotations

import contextlib
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc
from cchc.errors import CchcError, ReadError
from cchc.io.csv import COLUMNS, read_csv, write_csv
from cchc.values import FrozenMap

FORM = cchc.load_form("phu-luc-2b@2021")
SNV = cchc.Reporter("Sở Nội vụ", kind="department")
HEADER = "form,reporter,kind,period,code,value,note,status,raw"
PREFIX = "phu-luc-2b,Sở Nội vụ,department,2021S1,"

SEEDLIKE = cchc.Report(
    form=FORM,
    reporter=SNV,
    period="2021S1",
    entries={
        "1.1.1": 49,
        "1.1.2": cchc.Entry(value=41, note="6 nhiệm vụ đã hoàn thành, 35 đang thực hiện"),
        "1.2": cchc.Entry(
            status=cchc.Status.NOT_YET_DONE,
            note='Chưa kiểm tra.\nTheo KH "cuối tháng 6"',
            raw="Chưa kiểm tra",
        ),
        "1.4.2": 0,
        "3.3.3": cchc.Entry(value=Decimal("100"), raw="100% "),
        "3.3.4": Decimal("83.67"),
        "3.1.3.a": cchc.Entry(value=2, raw="02"),
        "5": Decimal("2.5"),  # a value typed into a section heading (rule F4 flags it)
    },
)


def _problems(text: str | bytes, **options: Any) -> list[tuple[str, str]]:
    """The (location, message) of every problem reading *text* raises."""
    with pytest.raises(ReadError) as info:
        read_csv(text, source="so-noi-vu.csv", **options)
    assert str(info.value).startswith("so-noi-vu.csv: ")
    for problem in info.value.problems:
        assert problem.source == "so-noi-vu.csv"
        assert f"  {problem.location}: {problem.message}" in str(info.value)
    return [(p.location or "", p.message) for p in info.value.problems]


def _one(text: str | bytes, **options: Any) -> tuple[str, str]:
    problems = _problems(text, **options)
    assert len(problems) == 1, problems
    return problems[0]


def _csv(*rows: str) -> str:
    return "\r\n".join([HEADER, *(PREFIX + row for row in rows)]) + "\r\n"


# --------------------------------------------------------------------------
# Writing


def test_write_csv_writes_one_row_per_entry_in_form_order() -> None:
    text = write_csv(SEEDLIKE)
    assert text.endswith("\r\n")
    assert text.split("\r\n")[:-1] == [
        HEADER,
        PREFIX + "1.1.1,49,,,",
        PREFIX + '1.1.2,41,"6 nhiệm vụ đã hoàn thành, 35 đang thực hiện",,',
        PREFIX + '1.2,,"Chưa kiểm tra.\nTheo KH ""cuối tháng 6""",not-yet-done,Chưa kiểm tra',
        PREFIX + "1.4.2,0,,,",
        PREFIX + "3.1.3.a,2,,,02",
        PREFIX + "3.3.3,100,,,100% ",
        PREFIX + "3.3.4,83.67,,,",
        PREFIX + "5,2.5,,,",
    ]
    assert text == write_csv(SEEDLIKE)


def test_values_are_written_in_machine_form() -> None:
    report = cchc.Report(
        form=FORM,
        reporter=SNV,
        period="2021S1",
        entries={"1.1.1": 6460, "3.3.3": Decimal("1E+2"), "3.3.4": Decimal("0.000015")},
    )
    rows = write_csv(report).splitlines()[1:]
    assert [row.split(",")[5] for row in rows] == ["6460", "100", "0.000015"]


def test_a_byte_order_mark_on_request() -> None:
    text = write_csv(SEEDLIKE, bom=True)
    assert text.startswith("\ufeff" + HEADER)
    assert read_csv(text) == SEEDLIKE == read_csv(text.encode())


def test_optional_columns_appear_when_used() -> None:
    reporter = cchc.Reporter("UBND xã B", kind="commune", id="x-b", parent="h-a")
    tuples: dict[str, Any] = {"contributors": ("UBND xã B", 'Xã "C", huyện A')}
    entry = cchc.Entry(
        value=1, coverage=cchc.values.Coverage(7, 9), distribution=FrozenMap({1: 4, 0: 3}), **tuples
    )
    report = cchc.Report(form=FORM, reporter=reporter, period="2021", entries={"1.5": entry})
    header, row = write_csv(report).splitlines()
    assert header.split(",") == list(COLUMNS)
    assert row == (
        'phu-luc-2b,UBND xã B,commune,x-b,h-a,2021,1.5,1,,,,7/9,"{""1"": 4, ""0"": 3}",'
        '"[""UBND xã B"", ""Xã \\""C\\"", huyện A""]"'
    )
    assert read_csv(write_csv(report)) == report


def test_a_report_without_entries_keeps_its_reporter_and_period() -> None:
    report = cchc.Report(form=FORM, reporter=SNV, period="2021Q3")
    assert write_csv(report) == f"{HEADER}\r\nphu-luc-2b,Sở Nội vụ,department,2021Q3,,,,,\r\n"
    assert read_csv(write_csv(report)) == report


def test_diagnostics_and_empty_entries_are_not_written() -> None:
    report = cchc.Report(
        form=FORM, reporter=SNV, period="2021S1", entries={"1.1.1": 49, "1.1.2": cchc.Entry()}
    )
    assert write_csv(report).count("\r\n") == 2
    assert read_csv(write_csv(report)) == report.without("1.1.2")


# --------------------------------------------------------------------------
# Reading


def test_round_trip_is_exact() -> None:
    text = write_csv(SEEDLIKE)
    back = read_csv(text)
    assert back == SEEDLIKE
    assert write_csv(back) == text
    assert type(back.value("5")) is Decimal and type(back.value("1.1.1")) is int


def test_the_seed_round_trips_exactly() -> None:
    seed = cchc.example_report().evolve(diagnostics=())  # not part of the format
    text = write_csv(seed)
    assert read_csv(text) == seed
    assert write_csv(read_csv(text)) == text
    assert text.splitlines()[1] == PREFIX + "1.1.1,49,,,"


def test_a_file_without_report_columns_takes_reporter_and_period_from_the_caller() -> None:
    text = "code,value,note\n1.1.1,49,\n3.3.4,83.67,\n1.1.2,41,6 + 35\n"
    report = read_csv(text, reporter=SNV, period="2021S1")
    assert report.reporter == SNV and report.period == cchc.Period.parse("2021S1")
    assert report.form is FORM
    assert report.value("3.3.4") == Decimal("83.67") and report["1.1.2"].note == "6 + 35"
    assert read_csv(text, reporter=SNV, period=cchc.Period.parse("2021S1")) == report


def test_the_callers_reporter_and_period_replace_the_files() -> None:
    other = cchc.Reporter("UBND huyện A", kind="district", id="h-a")
    report = read_csv(write_csv(SEEDLIKE), reporter=other, period="2021")
    assert report.reporter == other and report.period.id == "2021"
    assert report.entries == SEEDLIKE.entries


def test_columns_in_any_order_any_case_blank_lines_and_spaces() -> None:
    text = (
        "Value , CODE,period,kind,reporter\n\n"
        " 49 ,1.1.1,2021S1,department,Sở Nội vụ\n"
        ",,,,\n"
        "83.67, 3.3.4 ,2021S1,department,Sở Nội vụ\n"
    )
    report = read_csv(text)
    assert report.reporter == SNV and dict(report.entries) == {
        "1.1.1": cchc.Entry(value=49),
        "3.3.4": cchc.Entry(value=Decimal("83.67")),
    }


def test_the_form_argument() -> None:
    text = write_csv(SEEDLIKE)
    assert read_csv(text, form=FORM) == SEEDLIKE == read_csv(text, form="phu-luc-2b")
    other = FORM.__class__(id="bieu-khac", title="Biểu khác", indicators=FORM.indicators)
    assert _one(text, form=other) == (
        "row 2, form",
        "the report is for form 'phu-luc-2b', not 'bieu-khac'",
    )
    report = cchc.Report(form=other, reporter=SNV, period="2021S1", entries={"1.1.1": 49})
    assert read_csv(write_csv(report), form=other) == report
    location, message = _one(write_csv(report))
    assert location == "row 2, form" and message.startswith("unknown form 'bieu-khac'")


# --------------------------------------------------------------------------
# Strict reading: every problem names its row


def test_wrong_header() -> None:
    assert _one("code,mã,giá trị\n1.1.1,49,\n") == (
        "row 1",
        f"unknown columns 'mã', 'giá trị' (the columns are {', '.join(COLUMNS)})",
    )
    assert _problems("code,value,value\n1.1.1,49,50\n") == [
        ("row 1", "column 'value' appears 2 times")
    ]
    assert _one("value,note\n49,\n") == (
        "row 1",
        "no 'code' column: this is not a cchc CSV report",
    )
    assert _problems("1.1.1,49\n") == [
        ("row 1", f"unknown columns '1.1.1', '49' (the columns are {', '.join(COLUMNS)})"),
        ("row 1", "no 'code' column: this is not a cchc CSV report"),
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "\ufeff", b"", b"\xef\xbb\xbf"])
def test_an_empty_file(text: str | bytes) -> None:
    assert _one(text) == ("row 1", "empty: no header row")


def test_unknown_code() -> None:
    assert _one(_csv("1.1.1,49,,,", "9.9.9,1,,,")) == (
        "row 3, code",
        "unknown indicator code '9.9.9': form 'phu-luc-2b' has no such row",
    )


def test_duplicate_code() -> None:
    assert _one(_csv("1.1.1,49,,,", "1.1.2,41,,,", "1.1.1,50,,,")) == (
        "row 4, code",
        "code '1.1.1' is given again (first in row 2)",
    )


COUNT = "1.1.1 (Số nhiệm vụ đề ra trong kế hoạch) counts Nhiệm vụ"
MACHINE = "expected a whole number (machine form, such as 6460)"
CODED = "1.4.2 (Hình thức khảo sát) is answered with a code (0, 1, 2)"
HEADING = "1 (Công tác chỉ đạo điều hành CCHC) is a heading that holds no text"
PERCENT = "3.3.4 ({}) is a percent: expected a decimal with a dot, such as 83.67".format(
    FORM["3.3.4"].display_name
)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ('1.1.1,"6.460",,,', f"{COUNT}: {MACHINE}, not '6.460'"),
        ("1.1.1,41.0,,,", f"{COUNT}: {MACHINE}, not '41.0'"),
        ("1.1.1,bốn mươi,,,", f"{COUNT}: {MACHINE}, not 'bốn mươi'"),
        ('3.3.4,"83,67",,,', f"{PERCENT}, not '83,67'"),
        ("3.3.4,100%,,,", f"{PERCENT}, not '100%'"),
        ("3.3.4,1e2,,,", f"{PERCENT}, not '1e2'"),
        ("1.4.2,1.0,,,", f"{CODED}: {MACHINE}, not '1.0'"),
        ("1,ba,,,", f"{HEADING}: expected a number, not 'ba'"),
    ],
)  # fmt: skip
def test_a_value_of_the_wrong_type_for_its_row(row: str, message: str) -> None:
    assert _one(_csv(row)) == ("row 2, value", message)


def test_bad_status_and_value_with_status() -> None:
    assert _problems(_csv("1.2,,,chưa kiểm tra,", "1.1.1,4,,not-yet-due,")) == [
        (
            "row 2, status",
            "unknown status 'chưa kiểm tra' "
            "(one of not-applicable, not-yet-due, not-yet-done, not-reported)",
        ),
        ("row 3", "an entry has a value or a status (why there is no value), not both"),
    ]


def test_rows_must_agree_on_the_report() -> None:
    text = _csv("1.1.1,49,,,") + "phu-luc-2b,Sở Tư pháp,department,2021,1.1.2,4,,,\r\n"
    one = "a CSV file holds one report"
    assert _problems(text) == [
        ("row 3, reporter", f"'Sở Tư pháp' differs from 'Sở Nội vụ' in row 2: {one}"),
        ("row 3, period", f"'2021' differs from '2021S1' in row 2: {one}"),
    ]


def test_bad_reporter_and_period_cells() -> None:
    text = f"{HEADER}\nphu-luc-2b,,sở,2021H1,1.1.1,49,,,\n"
    assert _problems(text) == [
        ("row 2, reporter", "the reporter's name is empty"),
        (
            "row 2, kind",
            "unknown reporter kind 'sở' (one of department, district, commune, central, province)",
        ),
        (
            "row 2, period",
            "not a period id: '2021H1' "
            "(expected e.g. 2021Q1, 2021S1, 2021, 2021M09, 2021-07-21..2021-08-20)",
        ),
    ]


def test_no_reporter_or_period() -> None:
    assert _problems("code,value\n1.1.1,49\n") == [
        ("header", "the file gives no reporter (no 'reporter' column); pass reporter="),
        ("header", "the file gives no period (no 'period' column); pass period="),
    ]
    assert _one("reporter,period,code,value\nSở Nội vụ,2021S1,1.1.1,49\n") == (
        "header",
        "no 'kind' column: the reporter's kind is needed",
    )


def test_a_row_with_the_wrong_number_of_cells() -> None:
    assert _one(_csv("1.1.1,49,,", "1.1.2,41,,,")) == (
        "row 2",
        "8 cells, but the header has 9 columns",
    )


def test_an_empty_code_with_content() -> None:
    assert _one(_csv(",49,,,")) == ("row 2, code", "the code is empty")


def test_bad_aggregate_cells() -> None:
    header = "reporter,kind,period,code,value,coverage,distribution,contributors"
    text = (
        f"{header}\n"
        'Tỉnh X,province,2021,1.5,1,7 of 9,"{""01"": 3}","[""A"", 2]"\n'
        "Tỉnh X,province,2021,1.4.2,1,7/9,{,A\n"
    )
    assert _problems(text) == [
        ("row 2, coverage", "expected reported/expected such as 7/9, not '7 of 9'"),
        ('row 2, distribution["01"]', "a distribution key is a code such as \"1\", not '01'"),
        ("row 2, contributors[1]", "expected a string, not the integer 2"),
        (
            "row 3, distribution",
            "not JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        ),
        ("row 3, contributors", "not JSON: Expecting value: line 1 column 1 (char 0)"),
    ]


def test_invalid_csv_and_invalid_utf8() -> None:
    assert _one(f'{HEADER}\n{PREFIX}1.1.1,"49"x,,,\n') == (
        "line 2",
        "not valid CSV: ',' expected after '\"'",
    )
    location, message = _one(write_csv(SEEDLIKE).encode("utf-16"))
    assert location == "byte 0" and "not UTF-8" in message


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    text = _csv("1.1.1,49.5,,,", "9.9,1,,,", "1.2,,,chưa,", "1.1.1,1,,,")
    problems = _problems(text)
    assert [location for location, _ in problems] == [
        "row 2, value",
        "row 3, code",
        "row 4, status",
        "row 5, code",
    ]
    with pytest.raises(ReadError, match=r"^so-noi-vu\.csv: 4 problems:\n  row 2, value: "):
        read_csv(text, source="so-noi-vu.csv")


# --------------------------------------------------------------------------
# Properties


WRITABLE = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff")
TEXT = st.text(WRITABLE, min_size=1)  # an empty cell is absent: a note "" cannot be told from none


def _decimals() -> st.SearchStrategy[Decimal]:
    return st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9)


def _value(indicator: cchc.Indicator) -> st.SearchStrategy[Any]:
    if indicator.kind.is_header:
        return st.integers() | _decimals()
    if indicator.codes is not None:
        return st.sampled_from(indicator.codes.values) | st.integers(-5, 5)
    if indicator.is_count:
        return st.integers(0, 10_000) | st.integers()
    return _decimals()


@st.composite
def entries(draw: st.DrawFn, indicator: cchc.Indicator) -> cchc.Entry:
    state = draw(st.sampled_from(["value", "status", "blank"]))
    small = st.integers(0, 50)
    tuples: dict[str, Any] = {"contributors": draw(st.lists(st.text(WRITABLE), max_size=3))}
    return cchc.Entry(
        value=draw(_value(indicator)) if state == "value" else None,
        status=draw(st.sampled_from(cchc.Status)) if state == "status" else None,
        note=draw(st.none() | TEXT),
        raw=draw(st.none() | TEXT),
        coverage=draw(st.none() | st.builds(cchc.values.Coverage, small, small)),
        distribution=draw(
            st.none() | st.dictionaries(st.integers(-3, 5), small, max_size=3).map(FrozenMap)
        ),
        **tuples,
    )


@st.composite
def reports(draw: st.DrawFn) -> cchc.Report:
    """Reports of the built-in form, with any values, statuses, notes and aggregate fields."""
    codes = draw(st.lists(st.sampled_from(FORM.codes), unique=True, max_size=12))
    drawn = {code: draw(entries(FORM[code])) for code in codes}
    reporter = cchc.Reporter(
        draw(TEXT),
        draw(st.sampled_from(cchc.model.ReporterKind)),
        id=draw(st.none() | TEXT),
        parent=draw(st.none() | TEXT),
    )
    period = draw(st.sampled_from(["2021Q1", "2021S1", "2021Q3", "2021", "2022S2", "2019Q4"]))
    return cchc.Report(
        form=FORM,
        reporter=reporter,
        period=period,
        entries={code: entry for code, entry in drawn.items() if not entry.is_empty},
    )


@given(reports())
def test_report_to_csv_to_report_is_the_same_report(report: cchc.Report) -> None:
    text = write_csv(report)
    assert read_csv(text) == report
    assert read_csv(text.encode()) == report
    assert write_csv(read_csv(text)) == text


@given(st.text() | st.binary())
def test_arbitrary_input_raises_only_cchc_errors(data: str | bytes) -> None:
    with contextlib.suppress(CchcError):
        read_csv(data)


_CELLS = st.sampled_from(
    [
        "", " ", "1.1.1", "1.4.2", "3.3.4", "1", "9.9", "49", "-3", "83.67", "1e2", "x",
        "not-yet-due", "7/9", '{"0": 1}', "{", '["a"]', "[1]", "department", "2021S1",
        "phu-luc-2b", "Sở Nội vụ", '"', "\n", ",",
    ]
)  # fmt: skip


@given(
    st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=6),
    st.lists(st.lists(_CELLS, min_size=0, max_size=7), max_size=5),
)
def test_csv_like_input_reads_or_raises_read_errors(
    header: list[str], rows: list[list[str]]
) -> None:
    text = "\n".join(",".join(row) for row in [header, *rows])
    try:
        report = read_csv(text, reporter=SNV, period="2021S1")
    except ReadError as error:
        problems = error.problems
    else:
        assert read_csv(write_csv(report)) == report
        return
    assert problems
