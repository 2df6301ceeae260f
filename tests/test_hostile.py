"""Hostile and careless input: every class of issue 11 ends in a ``cchc.errors`` exception.

Each input is small and built here; the big ones (zip bombs of gigabytes, 200 MB
text) are made on demand by ``bench/make_hostile_inputs.py`` and run under a
2 GB address-space limit by ``bench/hostile.py``.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import cchc
from cchc.cli import main
from cchc.errors import FormError, LimitError, ReadError, ReportError
from cchc.forms.loader import form_from_data
from cchc.limits import Limits, quoted, unwritable
from cchc.ratio import RatioReason
from cchc.rules import RuleSet, evaluate

FORM = cchc.load_form("phu-luc-2b@2021")  # the form of the example report
REPORT = cchc.example_report()
JSON = cchc.dumps(REPORT)
NOTE = "Theo KH cuối tháng 6"  # the note of row 1.2 in the example
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _binary(fmt: str, report: cchc.Report | None = None) -> bytes:
    """The report written in the binary format *fmt*."""
    data = cchc.write(report or REPORT, fmt)
    assert isinstance(data, bytes)
    return data


def _rezip(data: bytes, member: str, edit: object) -> bytes:
    """*data* with *member* rewritten by *edit* (bytes -> bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == member:
                content = edit(content)  # type: ignore[operator]
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# -- JSON numbers and strings -----------------------------------------------------------


def test_a_json_number_beyond_decimal_is_a_read_error() -> None:
    text = JSON.replace('"value": 49', '"value": 1e9999999999999999999')
    with pytest.raises(ReadError) as caught:
        cchc.read(text, format="json")
    assert caught.value.problems[0].location == '$.entries["1.1.1"].value'
    assert "out of range" in caught.value.problems[0].message


@pytest.mark.parametrize(
    ("escape", "what"),
    [("\\ud800", "lone surrogate U+D800"), ("\\u0000", "U+0000"), ("\\u0001", "U+0001")],
)
def test_a_json_string_no_writer_can_write_is_refused_with_its_path(escape: str, what: str) -> None:
    text = JSON.replace(f'"{NOTE}"', f'"a{escape}b"')
    with pytest.raises(ReadError) as caught:
        cchc.read(text, format="json")
    problem = caught.value.problems[0]
    assert problem.location == '$.entries["1.2"].note'
    assert what in problem.message
    str(caught.value).encode("utf-8")  # the message itself can be printed


def test_a_json_reporter_name_with_a_control_character_is_refused() -> None:
    text = JSON.replace('"Sở Nội vụ"', '"Sở\\u0007Nội vụ"', 1)
    with pytest.raises(ReadError) as caught:
        cchc.read(text, format="json")
    assert caught.value.problems[0].location == "$.reporter.name"


@pytest.mark.parametrize("bad", ["\ud800", "\x00", "a\x1fb", "\ufffe"])
def test_no_report_can_hold_a_string_a_writer_cannot_write(bad: str) -> None:
    with pytest.raises(ReportError):
        cchc.Entry(note=bad)
    with pytest.raises(ReportError):
        cchc.Entry(raw=bad)
    with pytest.raises(ReportError):
        cchc.Reporter(bad, kind="department")
    assert unwritable(bad) is not None


@pytest.mark.parametrize("fmt", ["txt", "csv"])
def test_a_control_character_in_a_cell_is_a_read_error_with_its_row(fmt: str) -> None:
    text = str(cchc.write(REPORT, fmt)).replace(NOTE, "Theo\x01KH")
    with pytest.raises(ReadError) as caught:
        cchc.read(text, format=fmt)
    assert "U+0001" in caught.value.problems[0].message
    assert caught.value.problems[0].location


def test_tab_and_line_breaks_stay_writable() -> None:
    entry = cchc.Entry(note="a\tb\nc\r\nd")
    assert entry.note == "a\tb\nc\r\nd"


# -- form files -------------------------------------------------------------------------

_FORM_HEAD = 'id = "x"\ntitle = "t"\n'


def _load_toml(text: str, tmp_path: Path) -> cchc.Form:
    path = tmp_path / "form.toml"
    path.write_text(text, encoding="utf-8")
    return cchc.load_form(path)


def _indicator(code: str, **extra: str) -> str:
    fields = {"code": code, "name": "Một dòng", "kind": "value", "unit": "Nhiệm vụ", **extra}
    return "[[indicator]]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in fields.items())


def test_the_form_fixture_is_a_valid_form(tmp_path: Path) -> None:
    form = _load_toml(_FORM_HEAD + _indicator("1"), tmp_path)
    assert form.codes == ("1",)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('[[indicator]]\nname = "a"\nkind = "value"\nunit = "Nhiệm vụ"\n', "missing key 'code'"),
        (_indicator("1", parent="1"), "its own parent"),
        (_indicator("1\n"), "malformed code"),
        (_indicator("1 "), "malformed code"),
        (_indicator(" 1"), "malformed code"),
        ("version = " + "9" * 5000 + "\n" + _indicator("1"), "4300 digits"),
        ("description = " + "[" * 100_000 + "]" * 100_000 + "\n", "nest"),
        ("description = " + "[" * 30 + "]" * 30 + "\n" + _indicator("1"), "nest deeper"),
        (_indicator("1", name="a\x01b"), "U+0001"),
    ],
)
def test_a_malformed_form_is_a_form_error(body: str, expected: str, tmp_path: Path) -> None:
    with pytest.raises(FormError) as caught:
        _load_toml(_FORM_HEAD + body, tmp_path)
    assert expected in str(caught.value)
    assert caught.value.problems


def test_a_json_form_nested_deep_is_a_form_error(tmp_path: Path) -> None:
    path = tmp_path / "form.json"
    path.write_text('{"id": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(FormError, match="nest"):
        cchc.load_form(path)


def test_form_data_without_code_is_a_form_error() -> None:
    data = {"id": "x", "title": "t", "indicator": [{"name": "a", "kind": "value"}]}
    with pytest.raises(FormError, match="missing key 'code'"):
        form_from_data(data)


# -- expressions ------------------------------------------------------------------------

_DEPTH = 58  # just under the parser's MAX_DEPTH, leaving room for the comparison

_SHAPES = {
    "parentheses": "(" * _DEPTH + "{1}" + ")" * _DEPTH + " >= 0",
    "negation": "-" * _DEPTH + "{1} >= 0",
    "not": "not " * _DEPTH + "{1} >= 0",
    "abs": "abs(" * _DEPTH + "{1}" + ")" * _DEPTH + " >= 0",
    "min": "min(" * _DEPTH + "{1}, 1" + ")" * _DEPTH + " >= 0",
    "sum": "{1}" + " + {1}" * _DEPTH + " >= 0",
    "division": "(" * (_DEPTH // 2) + "{1}" + " / 2)" * (_DEPTH // 2) + " >= 0",
    "or": "(" * (_DEPTH // 2) + "{1} > 1" + " or {1} < 3)" * (_DEPTH // 2),
    "agrees": "agrees({1}, " + "abs(" * (_DEPTH - 2) + "{1}" + ")" * (_DEPTH - 2) + ")",
}


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_an_expression_the_parser_accepts_compiles_and_checks(shape: str, tmp_path: Path) -> None:
    rule = f'[[rule]]\nid = "R1"\ntest = {json.dumps(_SHAPES[shape])}\n'
    form = _load_toml(_FORM_HEAD + _indicator("1", unit="%") + rule, tmp_path)
    rules = RuleSet.for_form(form)
    compile(rules.source(), "<generated>", "exec")  # Python's own limits hold
    report = cchc.Report(
        form=form,
        reporter=cchc.Reporter("A", kind="department"),
        period="2021S1",
        entries={"1": Decimal(5)},
    )
    findings = [f for f in cchc.check(report).all if f.rule == "R1"]
    assert [f.outcome.value for f in findings] in (["pass"], ["fail"])


def test_an_expression_past_the_depth_limit_is_refused(tmp_path: Path) -> None:
    test = "(" * 70 + "{1}" + ")" * 70 + " >= 0"
    rule = f'[[rule]]\nid = "R1"\ntest = {json.dumps(test)}\n'
    with pytest.raises(FormError, match="nests deeper"):
        _load_toml(_FORM_HEAD + _indicator("1") + rule, tmp_path)


# -- input size -------------------------------------------------------------------------


def test_a_file_that_never_ends_is_a_limit_error() -> None:
    with pytest.raises(LimitError) as caught:
        cchc.read(Path("/dev/zero"), format="txt", limits=Limits(max_input_bytes=1000))
    assert caught.value.limit == "max_input_bytes"
    assert "/dev/zero" in str(caught.value)
    assert "Limits(max_input_bytes=...)" in str(caught.value)


def test_cchc_check_dev_zero_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "/dev/zero"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "max_input_bytes" in err


def test_a_big_file_is_a_limit_error(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(LimitError, match="5000 bytes"):
        cchc.read(path, limits=Limits(max_input_bytes=4999))
    with pytest.raises(LimitError):
        cchc.read("x" * 5000, format="txt", limits=Limits(max_input_bytes=4999))
    with pytest.raises(LimitError):
        cchc.read(b"x" * 5000, format="csv", limits=Limits(max_input_bytes=4999))


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_rows"):
        Limits(max_rows=0)


# -- office containers ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_zip_bomb_member_is_a_limit_error(fmt: str) -> None:
    data = _binary(fmt)
    member = "word/document.xml" if fmt == "docx" else "xl/worksheets/sheet1.xml"
    bomb = _rezip(data, member, lambda xml: xml + b" " * 3_000_000)
    with pytest.raises(LimitError) as caught:
        cchc.read(bomb, format=fmt, limits=Limits(max_ratio=100))
    assert caught.value.limit == "max_ratio"
    assert caught.value.location == member
    with pytest.raises(LimitError) as caught:
        cchc.read(bomb, format=fmt, limits=Limits(max_member_bytes=1_000_000))
    assert caught.value.limit == "max_member_bytes"


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_decompression_budget_of_a_whole_file(fmt: str) -> None:
    data = _binary(fmt)
    with pytest.raises(LimitError) as caught:
        cchc.read(data, format=fmt, limits=Limits(max_decompressed_bytes=5000))
    assert caught.value.limit == "max_decompressed_bytes"


def test_too_many_members_is_a_limit_error() -> None:
    data = _binary("docx")
    with pytest.raises(LimitError, match="max_members"):
        cchc.read(data, format="docx", limits=Limits(max_members=3))


def test_a_zip_that_lies_about_its_size_is_refused() -> None:
    data = bytearray(_binary("docx"))
    # Shrink the uncompressed size that the central directory gives for document.xml:
    # the stream then stops early and its checksum fails.
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    name = b"word/document.xml"
    central = data.index(b"PK\x01\x02" + data[data.index(name) - 26 : data.index(name) - 26])
    position = data.index(name, central) - 46 + 24
    assert int.from_bytes(data[position : position + 4], "little") == info.file_size
    data[position : position + 4] = (info.file_size // 2).to_bytes(4, "little")
    with pytest.raises(ReadError):
        cchc.read(bytes(data), format="docx")


def test_a_sheet_dimension_claim_is_not_read_as_cells() -> None:
    data = _binary("xlsx")
    claim = _rezip(
        data,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml),
    )
    assert b"XFD1048576" in zipfile.ZipFile(io.BytesIO(claim)).read("xl/worksheets/sheet1.xml")
    assert cchc.read(claim, format="xlsx").entries == cchc.read(data, format="xlsx").entries


def test_a_cell_in_the_far_corner_is_a_limit_error() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.load_workbook(io.BytesIO(_binary("xlsx")))
    workbook.active["XFD1048576"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(LimitError) as caught:
        cchc.read(buffer.getvalue(), format="xlsx")
    assert caught.value.limit == "max_rows"
    assert "XFD1048576" in str(caught.value)


def test_a_huge_grid_span_is_a_limit_error() -> None:
    data = _binary("docx")
    span = b'<w:tcPr><w:gridSpan w:val="2147483648"/>'
    hostile = _rezip(data, "word/document.xml", lambda xml: xml.replace(b"<w:tcPr>", span, 1))
    with pytest.raises(LimitError) as caught:
        cchc.read(hostile, format="docx")
    assert caught.value.limit == "max_columns"
    assert caught.value.location == "table 1 row 1"


def test_too_many_cells_is_a_limit_error() -> None:
    with pytest.raises(LimitError, match="max_cells"):
        cchc.read(_binary("docx"), format="docx", limits=Limits(max_cells=50))
    with pytest.raises(LimitError, match="max_cells"):
        cchc.read(_binary("xlsx"), format="xlsx", limits=Limits(max_cells=50))


# -- nothing dropped --------------------------------------------------------------------


def test_a_second_table_in_a_docx_is_a_diagnostic() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document(io.BytesIO(_binary("docx")))
    statistics = next(document.element.body.iterchildren(f"{_W}tbl"))
    other = document.add_table(rows=1, cols=2)
    other.cell(0, 0).text = "Người lập biểu"
    from copy import deepcopy

    document.element.body.append(deepcopy(statistics))
    buffer = io.BytesIO()
    document.save(buffer)
    report = cchc.read(buffer.getvalue(), format="docx")
    extra = {f.location: f for f in report.diagnostics if f.rule == "read.extra-table"}
    assert set(extra) == {"table 2", "table 3"}
    assert extra["table 2"].severity is cchc.Severity.INFO
    assert extra["table 3"].severity is cchc.Severity.WARNING
    assert report.entries == REPORT.entries


def test_a_second_sheet_in_an_xlsx_is_a_diagnostic() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.load_workbook(io.BytesIO(_binary("xlsx")))
    workbook.create_sheet("Ghi chú")["B2"] = "Số liệu sơ bộ"
    copy = workbook.copy_worksheet(workbook.worksheets[0])
    copy.title = "Bản sao"
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = cchc.read(buffer.getvalue(), format="xlsx")
    extra = {f.location: f for f in report.diagnostics if f.rule == "read.extra-sheet"}
    assert set(extra) == {"sheet 'Ghi chú'", "sheet 'Bản sao'"}
    assert extra["sheet 'Ghi chú'"].severity is cchc.Severity.INFO
    assert extra["sheet 'Bản sao'"].severity is cchc.Severity.WARNING
    assert report.entries == REPORT.entries


def test_the_findings_sheet_cchc_writes_is_not_an_extra_sheet() -> None:
    findings = tuple(cchc.check(REPORT))
    data = cchc.write(REPORT, "xlsx", findings=findings)
    report = cchc.read(data, format="xlsx")
    assert not [f for f in report.diagnostics if f.rule.startswith("read.extra")]


# -- bounded messages -------------------------------------------------------------------


def test_a_huge_cell_is_quoted_in_short() -> None:
    huge = "41 " + "y" * 100_000
    text = str(cchc.write(REPORT, "txt")).replace("\n\t41\n", f"\n\t{huge}\n", 1)
    assert huge in text
    report = cchc.read(text, format="txt")
    messages = [f.message_en for f in report.diagnostics if "yyy" in f.message_en]
    assert messages
    assert all(len(m) < 1000 and "100003 characters" in m for m in messages)


def test_quoted_keeps_short_text_whole() -> None:
    assert quoted("6460") == "'6460'"
    assert quoted("x" * 300).endswith("…' (300 characters)")


def test_many_problems_show_the_first_few(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = json.loads(JSON)
    doc["entries"] = {f"9.{n}": {"value": 1} for n in range(10_000)}
    path = tmp_path / "many.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ReadError) as caught:
        cchc.read(path)
    assert len(caught.value.problems) == 10_000
    assert len(str(caught.value)) < 2000
    assert str(caught.value).endswith("… and 9990 more")
    assert main(["check", "--format", "json", str(path)]) == 2
    captured = capsys.readouterr()
    assert len(captured.err) < 2000
    payload = json.loads(captured.out)
    assert len(payload["unreadable"][0]["problems"]) == 10_000


# -- exit codes -------------------------------------------------------------------------


def test_an_internal_error_exits_3_saying_it_is_a_bug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_args: object, **_kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(cchc, "check", broken)
    assert main(["check", "--example"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "bug" in err and "RuntimeError: boom" in err and "Traceback" not in err
    assert main(["--debug", "check", "--example"]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_unusable_input_still_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


# -- tests that bite: the exact core ----------------------------------------------------


def _r14(entered: str, procedures: int, tthc: int) -> str:
    """The outcome of R14 (3.3.3 agrees with 7.2.3.2 / 3.1.3 × 100) on these values."""
    report = cchc.Report(
        form=FORM,
        reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
        period="2021S1",
        entries={"3.3.3": Decimal(entered), "7.2.3.2": procedures, "3.1.3": tthc},
    )
    (finding,) = evaluate("R14", report)
    return finding.outcome.value


def test_agrees_holds_at_the_tolerance_boundary() -> None:
    # 343 / 400 × 100 = 85.75 exactly: 85.7 and 85.8 are both half a unit away.
    assert _r14("85.7", 343, 400) == "pass"
    assert _r14("85.8", 343, 400) == "pass"
    assert _r14("85.75", 343, 400) == "pass"
    # Just past the boundary on either side.
    assert _r14("85.69", 343, 400) == "fail"
    assert _r14("85.6", 343, 400) == "fail"
    assert _r14("85.9", 343, 400) == "fail"


def test_the_tolerance_is_half_a_unit_of_the_last_decimal() -> None:
    report = cchc.Report(
        form=FORM,
        reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
        period="2021S1",
        entries={"3.3.3": Decimal("85.9"), "7.2.3.2": 6, "3.1.3": 7},
    )
    (finding,) = evaluate("R14", report)
    assert finding.outcome.value == "fail"
    assert finding.working == "85,9 ≉ 6 ÷ 7 × 100 = ≈85,7143 (±0,05)"


@pytest.mark.parametrize("text", ["1234.567", "12345.678", "1234.567.890"])
def test_a_four_digit_first_group_is_not_a_thousands_group(text: str) -> None:
    from cchc.io.numbers import parse_number
    from cchc.units import UnitKind

    cell = parse_number(text, unit_kind=UnitKind.COUNT)
    assert cell.value != int(text.replace(".", ""))
    assert parse_number("1.234.567", unit_kind=UnitKind.COUNT).value == 1234567
    assert parse_number("123.456", unit_kind=UnitKind.COUNT).value == 123456


def _relative(earlier: int, later: int) -> str:
    """The relative change of 1.1.1 from *earlier* to *later*, as ``compare`` writes it."""
    reporter = cchc.Reporter("Sở Nội vụ", kind="department")
    first, second = (
        cchc.Report(form=FORM, reporter=reporter, period=period, entries={"1.1.1": value})
        for period, value in (("2021S1", earlier), ("2021S2", later))
    )
    (change,) = [c for c in cchc.compare(first, second) if c.code == "1.1.1"]
    return str(change.relative)


@pytest.mark.parametrize(
    ("earlier", "later", "written"),
    [(200, 220, "10"), (8, 9, "12.5"), (3, 4, "33.33"), (100, 101, "1"), (1000, 1001, "0.1"),
     (3, 2, "-33.33"), (100, 99, "-1"), (10**6, 10**6 + 1, "0")],
)  # fmt: skip
def test_a_relative_change_is_rounded_half_up_and_trimmed(
    earlier: int, later: int, written: str
) -> None:
    assert _relative(earlier, later) == written


@pytest.mark.parametrize(
    ("rates", "written"), [(("40", "60"), "50"), (("40.5", "60.1"), "50.3"), (("1", "2"), "1.5")]
)
def test_an_aggregated_rate_is_written_without_trailing_zeros(
    rates: tuple[str, str], written: str
) -> None:
    reports = [
        cchc.Report(
            form=FORM,
            reporter=cchc.Reporter(f"UBND huyện {name}", kind="district"),
            period="2021S1",
            entries={"3.3.3": Decimal(rate)},
        )
        for name, rate in zip("AB", rates, strict=True)
    ]
    total = cchc.aggregate(
        reports, reporter=cchc.Reporter("Tỉnh", kind="province"), rate_method="mean"
    )
    assert str(total["3.3.3"].value) == written


# -- tests that bite: reading a number (mutants that survived bench/mutation.sh) ----------


def _cell(text: str, kind: str = "count", coded: bool = False) -> Any:
    from cchc.codes import CodeList
    from cchc.io.numbers import parse_number
    from cchc.units import UnitKind

    codes = CodeList.parse("Không = 0\nCó = 1") if coded else None
    return parse_number(text, unit_kind=None if coded else UnitKind(kind), codes=codes)


@pytest.mark.parametrize(("text", "value"), [("-5", -5), ("- 5", -5), ("\u22125", -5), ("+5", 5)])
def test_a_sign_is_read_with_or_without_a_space(text: str, value: int) -> None:
    assert _cell(text).value == value


@pytest.mark.parametrize("text", ["-", "+", "\u2212"])
def test_a_lone_sign_is_kept_as_text(text: str) -> None:
    cell = _cell(text)
    assert cell.value is None
    assert cell.raw == text
    assert "too long" not in cell.issues[0].message_en


def test_thirty_digits_are_a_number_thirty_one_are_too_long() -> None:
    assert _cell("9" * 30).value == int("9" * 30)
    cell = _cell("9" * 31)
    assert cell.value is None
    assert "(too long)" in cell.issues[0].message_en
    assert "(quá dài)" in cell.issues[0].message
    assert f"'{'9' * 31}'" in cell.issues[0].message_en


def test_a_leading_zero_is_said_in_both_languages() -> None:
    (issue,) = _cell("02").issues
    assert issue.message == "số liệu '02' có số 0 ở đầu; đọc là 2"
    assert issue.message_en == "the value '02' has a leading zero; read as 2"


@pytest.mark.parametrize(
    ("kind", "coded", "vi", "en"),
    [
        ("count", False, "chỉ tiêu đếm số lượng", "a count row"),
        ("count", True, "chỉ tiêu trả lời bằng mã", "a coded row"),
        ("score", False, "chỉ tiêu tính điểm", "a score row"),
    ],
)
def test_a_percentage_where_none_belongs_names_the_row(
    kind: str, coded: bool, vi: str, en: str
) -> None:
    cell = _cell("50%", kind, coded)
    assert cell.value is None
    (issue,) = cell.issues
    assert issue.message == f"số liệu '50%' là tỷ lệ phần trăm, nhưng đây là {vi}; giữ nguyên văn"
    assert issue.message_en == f"the value '50%' is a percentage, but this is {en}; kept as written"


def test_a_zero_denominator_is_said_in_both_languages() -> None:
    report = cchc.Report(
        form=FORM,
        reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
        period="2021S1",
        entries={"7.2.3.2": 5, "3.1.3": 0},
    )
    ratio = cchc.ratios(report)["tthc-internal-procedures"]
    assert ratio.exact is None
    assert (ratio.reason, ratio.reason_vi) == ("zero denominator", "mẫu số bằng 0")
    assert ratio.reason_kind is RatioReason.ZERO_DENOMINATOR


@pytest.mark.parametrize(
    ("text", "kind", "coded", "vi", "en"),
    [
        (
            "9" * 31, "count", False,
            f"ô số liệu chứa '{'9' * 31}', không phải một số (quá dài); giữ nguyên văn",
            f"the value cell holds '{'9' * 31}', which is not a number (too long); kept as written",
        ),
        (
            "+", "count", False,
            "ô số liệu chứa '+', không phải một số; giữ nguyên văn",
            "the value cell holds '+', which is not a number; kept as written",
        ),
        (
            "50%", "percent", False,
            "số liệu '50%' có ký hiệu %; cột Số liệu ghi số không kèm %",
            "the value '50%' carries a percent sign; the value column takes a bare number",
        ),
        (
            "2,5", "count", False,
            "số liệu '2,5' không phải số nguyên; giữ nguyên văn",
            "the value '2,5' is not a whole number; kept as written",
        ),
        (
            "2,5", "count", True,
            "số liệu '2,5' không phải mã; giữ nguyên văn",
            "the value '2,5' is not a whole number; kept as written",
        ),
    ],
)  # fmt: skip
def test_the_first_diagnostic_of_a_cell_word_for_word(
    text: str, kind: str, coded: bool, vi: str, en: str
) -> None:
    issue = _cell(text, kind, coded).issues[0]
    assert (issue.message, issue.message_en) == (vi, en)


def _ratio(entries: dict[str, int]) -> Any:
    report = cchc.Report(
        form=FORM,
        reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
        period="2021S1",
        entries=entries,
    )
    return cchc.ratios(report)["tthc-internal-procedures"]


def test_a_ratio_keeps_its_declaration_and_its_operands() -> None:
    ratio = _ratio({"7.2.3.2": 5, "3.1.3": 0})
    assert (ratio.numerator_value, ratio.denominator_value) == (5, 0)
    declared = next(r for r in FORM.ratios if r.id == "tthc-internal-procedures")
    assert ratio.factor == declared.factor == 100
    assert ratio.name_en == declared.name_en != ""


@pytest.mark.parametrize(
    ("entries", "blank"), [({"3.1.3": 7}, "7.2.3.2"), ({"7.2.3.2": 5}, "3.1.3")]
)
def test_one_missing_operand_is_missing_input(entries: dict[str, int], blank: str) -> None:
    ratio = _ratio(entries)
    assert ratio.exact is None
    assert ratio.reason_kind is RatioReason.MISSING
    assert (ratio.reason, ratio.reason_vi) == (
        f"missing input: {blank} blank",
        f"thiếu số liệu: {blank} trống",
    )
