"""cchc.render: the official table for a terminal and for notebooks, findings, ratios."""

from __future__ import annotations

import enum
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc
from cchc import render
from cchc.cli import main
from cchc.errors import UsageError
from cchc.findings import Finding, Outcome, Severity
from cchc.values import Entry, Status

FORM = cchc.load_form("phu-luc-2b@2021")
SNV = cchc.Reporter("Sở Nội vụ", kind="department")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def finding(
    rule: str,
    *codes: str,
    severity: Severity = Severity.ERROR,
    outcome: Outcome = Outcome.FAIL,
    message: str = "",
    message_en: str = "",
) -> Finding:
    return Finding(
        rule=rule,
        outcome=outcome,
        severity=severity,
        indicators=codes,
        message=message or f"{rule} thông báo",
        message_en=message_en,
    )


def small_report() -> cchc.Report:
    return cchc.Report(
        form=FORM,
        reporter=SNV,
        period="2021S1",
        entries={
            "1.1.1": 49,
            "1.1.2": Entry(value=50, note="6 nhiệm vụ đã hoàn thành, 35 nhiệm vụ thường xuyên"),
            "1.2": Entry(status=Status.NOT_YET_DONE, note="Theo KH cuối tháng 6"),
            "1.4.1": 0,
            "1.4.2": 0,
            "1.5": 1,
            "3.4.1": Decimal("83.67"),
            "7.2.5.1": 6460,
            "7.2.7.1": Entry(status=Status.NOT_YET_DUE),
        },
    )


R1 = finding("R1", "1.1.1", "1.1.2", message_en="Tasks completed (50) exceed tasks planned (49)")
R6 = finding("R6", "1.4.1", "1.4.2", severity=Severity.WARNING)
PASSED = finding("R13", "3.3.3", "3.3.4", outcome=Outcome.PASS)
SKIPPED = finding("R4", "1.2.3", "1.2.4", outcome=Outcome.SKIPPED)


def row_line(text: str, code: str) -> str:
    """The first line of the row *code* in a rendered table (marker column or not)."""
    for line in text.splitlines():
        tokens = line.split()
        if tokens and tokens[0] in "✗!i" and len(tokens) > 1:
            tokens = tokens[1:]
        if tokens and tokens[0] == code:
            return line
    raise AssertionError(f"no row {code}")


def stt_codes(text: str) -> list[str]:
    """The codes in the STT column, top to bottom (between the table's rules)."""
    lines = text.splitlines()
    rules = [n for n, line in enumerate(lines) if line and set(line) == {"─"}]
    codes = []
    for line in lines[rules[0] + 1 : rules[1]]:
        match = re.match(r"^(?:[✗!i ]  )?(\S+)", line)
        if match:
            codes.append(match[1])
    return codes


# -- the row model ------------------------------------------------------------------


def test_table_rows_keep_blank_zero_status_and_not_applicable_apart() -> None:
    rows = {r.code: r for r in render.table_rows(small_report())}
    assert len(rows) == len(FORM)
    assert (rows["1.1.3"].value, rows["1.1.3"].state) == ("", render.RowState.BLANK)
    assert (rows["1.4.1"].value, rows["1.4.1"].state) == ("0", render.RowState.ZERO)
    assert (rows["1.4.2"].value, rows["1.4.2"].state) == ("0 (Trực tuyến)", render.RowState.VALUE)
    assert (rows["1.2.2"].value, rows["1.2.2"].state) == ("—", render.RowState.NOT_APPLICABLE)
    assert (rows["1.2"].value, rows["1.2"].state) == ("Chưa thực hiện", render.RowState.STATUS)
    assert rows["7.2.7.1"].value == "Chưa đến hạn"
    assert rows["1"].state is render.RowState.HEADER
    assert rows["7.2.5.1"].value == "6.460"
    assert rows["3.4.1"].value == "83,67%"
    # The reporter's note wins; a row without one shows the form's guidance.
    assert rows["1.1.2"].note.startswith("6 nhiệm vụ")
    assert rows["1.2.2"].note == "Chỉ UBND cấp huyện báo cáo"


def test_table_rows_in_english_and_with_coverage() -> None:
    report = small_report().with_entry(
        "4.2.1", Entry(value=39, coverage=cchc.values.Coverage(reported=7, expected=9))
    )
    rows = {r.code: r for r in render.table_rows(report, locale="en")}
    assert rows["7.2.5.1"].value == "6,460"
    assert rows["7.2.5.1"].unit == "dossiers"
    assert rows["1.2"].value == "Not yet done"
    assert rows["4.2.1"].note == "7 of 9 reporters"


def test_findings_are_numbered_most_serious_first_and_matched_to_rows() -> None:
    numbered = render.numbered_findings([R6, PASSED, R1, SKIPPED])
    assert [(n, f.rule) for n, f in numbered] == [(1, "R1"), (2, "R6")]
    rows = {r.code: r for r in render.table_rows(small_report(), findings=[R6, PASSED, R1])}
    assert rows["1.1.1"].footnotes == (1,)
    assert rows["1.4.2"].footnotes == (2,)
    assert rows["1.1.1"].severity is Severity.ERROR
    assert rows["3.3.3"].findings == ()  # a pass marks nothing
    assert [render.marker(f) for f in (R1, R6, PASSED, SKIPPED)] == ["✗", "!", "✓", "–"]


# -- terminal: the report -----------------------------------------------------------


@pytest.mark.parametrize("width", [50, 60, 72, 80, 100, 132, 200])
@pytest.mark.parametrize("locale", ["vi", "en"])
def test_every_line_fits_and_every_row_is_there(width: int, locale: str) -> None:
    text = render.report_text(small_report(), locale=locale, width=width, findings=[R1, R6])
    assert all(render.display_width(line) <= width for line in text.splitlines())
    assert stt_codes(text) == list(FORM.codes)


def test_the_example_report_fits_80_columns() -> None:
    report = cchc.example_report()
    text = render.report_text(report, findings=report.diagnostics)
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert stt_codes(text) == list(FORM.codes)
    assert lines[0] == FORM.title
    assert lines[1] == "Đơn vị báo cáo: Sở Nội vụ (Sở, ban, ngành)"
    assert lines[2] == "Kỳ báo cáo: 6 tháng đầu năm 2021"
    assert row_line(text, "7.2.5.1").rstrip().endswith("6.460")


def test_headers_and_title_in_each_language() -> None:
    vi = render.report_text(small_report(), width=100).splitlines()
    en = render.report_text(small_report(), width=100, locale="en").splitlines()
    assert vi[4].split() == ["STT", "Chỉ", "tiêu", "Đơn", "vị", "tính", "Số", "liệu", "Ghi", "chú"]
    assert en[4].split() == ["No.", "Indicator", "Unit", "Value", "Note"]
    assert en[1:3] == ["Reporter: Sở Nội vụ (provincial department)", "Period: First half of 2021"]


def test_blank_zero_and_not_applicable_are_visible() -> None:
    text = render.report_text(small_report(), width=100)
    assert row_line(text, "1.1.3").rstrip().endswith("Văn bản")  # blank: nothing after the unit
    assert row_line(text, "1.4.1").rstrip().endswith(" 0")  # zero
    assert " — " in row_line(text, "1.2.2")  # not applicable to a department
    assert "Chưa thực hiện" in row_line(text, "1.2")
    assert "Chưa đến hạn" in row_line(text, "7.2.7.1")
    assert "— không áp dụng cho đơn vị báo cáo" in text.splitlines()


def test_sections_are_indented_by_depth() -> None:
    text = render.report_text(small_report(), width=120)
    starts = {}
    for code in ("1", "1.1", "1.1.1", "7.1.6.1", "7.1.6.1.a"):
        line = row_line(text, code)
        name = FORM[code].display_name.split()[0]
        starts[code] = line.index(name, len(code))
    assert starts["1"] < starts["1.1"] < starts["1.1.1"] < starts["7.1.6.1"] < starts["7.1.6.1.a"]


def test_findings_are_marked_on_their_rows_and_listed() -> None:
    text = render.report_text(small_report(), width=90, findings=[PASSED, R6, R1], locale="en")
    assert row_line(text, "1.1.2").startswith("✗")
    assert row_line(text, "1.4.1").startswith("!")
    assert row_line(text, "1.1.3").startswith(" ")
    assert row_line(text, "1.1.1").rstrip().endswith("[1]")
    lines = text.splitlines()
    start = lines.index("Findings:")
    assert lines[start + 1].startswith("[1] ✗ Error R1 (1.1.1, 1.1.2): Tasks completed")
    assert lines[start + 2].startswith("[2] ! Warning R6 (1.4.1, 1.4.2)")
    assert "R13" not in text


def test_findings_may_come_from_a_generator() -> None:
    text = render.report_text(small_report(), findings=(f for f in [R1]))
    assert row_line(text, "1.1.1").startswith("✗")
    assert "[1] ✗ Lỗi R1" in text
    root = parse(render.report_html(small_report(), findings=(f for f in [R1])))
    assert root.find(".//tr[@data-code='1.1.1']").get("data-findings") == "R1"  # type: ignore[union-attr]
    assert len(root.findall(".//ol/li")) == 1


def test_findings_naming_unknown_codes_are_listed_only() -> None:
    odd = finding("read.extra-row", "9.9.9", severity=Severity.WARNING)
    text = render.report_text(small_report(), findings=[odd])
    assert "[1] ! Cảnh báo read.extra-row (9.9.9)" in text
    assert not any(line.startswith("!") for line in text.splitlines())


def test_without_findings_there_is_no_marker_column() -> None:
    text = render.report_text(small_report(), width=80)
    assert row_line(text, "1.1.1").startswith("1.1.1")
    assert "Phát hiện" not in text


def test_colour_is_optional_and_does_not_move_anything() -> None:
    plain = render.report_text(small_report(), findings=[R1])
    coloured = render.report_text(small_report(), findings=[R1], color=True)
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured
    assert ANSI.sub("", coloured) == plain


def test_wide_characters_are_measured_by_columns() -> None:
    note = "漢字の注記 " * 12  # East Asian wide: two columns each
    report = small_report().with_entry("1.1.3", Entry(value=3, note=note))
    text = render.report_text(report, width=60)
    assert all(render.display_width(line) <= 60 for line in text.splitlines())


def test_too_narrow_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="at least 50"):
        render.report_text(small_report(), width=render.MIN_WIDTH - 1)
    with pytest.raises(UsageError):
        render.findings_text([R1], width=10)
    with pytest.raises(UsageError):
        render.report_text(small_report(), locale="fr")


notes = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "Zs"), exclude_characters="\x85"),
    max_size=90,
)


@settings(max_examples=40, deadline=None)
@given(
    width=st.integers(min_value=render.MIN_WIDTH, max_value=160),
    picked=st.sets(st.sampled_from(list(cchc.example_report().entries)), max_size=40),
    note=notes,
    locale=st.sampled_from(["vi", "en"]),
    with_findings=st.booleans(),
)
def test_any_report_fits_any_width(
    width: int, picked: set[str], note: str, locale: str, with_findings: bool
) -> None:
    example = cchc.example_report()
    report = example.without(*picked)
    report = report.with_entry("1.1.3", Entry(value=11, note=note))
    findings = example.diagnostics if with_findings else ()
    text = render.report_text(report, locale=locale, width=width, findings=findings)
    assert all(render.display_width(line) <= width for line in text.splitlines())
    assert stt_codes(text) == list(FORM.codes)


# -- terminal: findings -------------------------------------------------------------


def test_findings_text_groups_errors_first_with_a_summary() -> None:
    info = finding("read.note", "1.2", severity=Severity.INFO, message="ghi chú trên tiêu đề")
    text = render.findings_text([info, R6, PASSED, R1, SKIPPED], width=70)
    lines = text.splitlines()
    assert lines[0] == "Lỗi (1)"
    assert lines[1].startswith("  ✗ R1 (1.1.1, 1.1.2): ")
    assert lines.index("Cảnh báo (1)") < lines.index("Thông tin (1)")
    assert lines[-1] == "Tổng cộng: 1 lỗi, 1 cảnh báo, 1 thông tin (1 đạt, 1 bỏ qua)."
    assert "R13" not in text
    assert all(len(line) <= 70 for line in lines)


def test_findings_text_in_english_and_with_every_outcome() -> None:
    text = render.findings_text([R1, PASSED, SKIPPED], locale="en", problems_only=False)
    lines = text.splitlines()
    assert lines[0] == "Errors (3)"
    assert lines[1].startswith("  ✗ R1")
    assert any(line.startswith("  ✓ [passed] R13") for line in lines)
    assert any(line.startswith("  – [skipped] R4") for line in lines)
    assert lines[-1] == "Total: 1 error, 0 warnings, 0 info (1 passed, 1 skipped)."


def test_no_findings() -> None:
    assert (
        render.findings_text([])
        == "Không có phát hiện nào.\nTổng cộng: 0 lỗi, 0 cảnh báo, 0 thông tin.\n"
    )
    assert render.findings_text(iter([PASSED]), locale="en").startswith("No findings.\n")


# -- HTML ---------------------------------------------------------------------------


def parse(html: str) -> ET.Element:
    """The fragment wrapped in one root, as a notebook page would hold it."""
    return ET.fromstring(f"<root>{html}</root>")  # noqa: S314 - our own output, under test


def test_report_html_is_well_formed_and_complete() -> None:
    report = cchc.example_report()
    root = parse(render.report_html(report, findings=report.diagnostics))
    table = root.find(".//table")
    assert table is not None
    assert table.find("thead") is not None
    codes = [tr.get("data-code") for tr in table.iterfind("tbody/tr")]
    assert codes == list(FORM.codes)
    assert all(len(tr.findall("td")) == 5 for tr in table.iterfind("tbody/tr"))
    assert table.get("data-period") == "2021S1"


def test_report_html_states_and_findings() -> None:
    root = parse(render.report_html(small_report(), findings=[R1, R6, PASSED]))

    def row(code: str) -> ET.Element:
        found = root.find(f".//tr[@data-code='{code}']")
        assert found is not None
        return found

    assert row("1.4.1").get("data-state") == "zero"
    assert row("1.1.3").get("data-state") == "blank"
    assert row("1.2.2").get("data-state") == "not-applicable"
    assert row("1.2").get("data-state") == "status"
    assert "cchc-error" in (row("1.1.2").get("class") or "")
    assert row("1.1.2").get("data-findings") == "R1"
    assert "cchc-warning" in (row("1.4.2").get("class") or "")
    assert row("3.3.3").get("data-findings") is None
    items = root.findall(".//ol/li")
    assert [li.get("data-rule") for li in items] == ["R1", "R6"]
    value = row("1.2.2").findall("td")[3]
    assert value.text == "—"
    assert value.get("title") == "không áp dụng"


def test_html_escapes_everything() -> None:
    report = cchc.Report(
        form=FORM,
        reporter=cchc.Reporter('Sở "A" & <B>', kind="department"),
        period="2021S1",
        entries={"1.1.1": Entry(value=1, note="<script>alert('x')</script> & ]]>")},
    )
    html = render.report_html(report, findings=[finding("R<1>", "1.1.1", message="a < b & c")])
    assert "<script>" not in html
    root = parse(html)
    row = root.find(".//tr[@data-code='1.1.1']")
    assert row is not None
    assert row.findall("td")[4].text == "<script>alert('x')</script> & ]]>"
    assert 'Sở "A" & <B>' in "".join(root.itertext())
    assert root.find(".//table").get("data-reporter") == 'Sở "A" & <B>'  # type: ignore[union-attr]


def test_multiline_cells_become_line_breaks() -> None:
    root = parse(render.report_html(small_report()))
    unit = root.find(".//tr[@data-code='1.4.2']/td[3]")
    assert unit is not None
    assert unit.text == "Trực tuyến = 0"
    assert len(unit.findall("br")) == 2


def test_form_html_and_repr() -> None:
    html = FORM._repr_html_()
    assert html == render.form_html(FORM)
    root = parse(html)
    rows = root.findall(".//tbody/tr")
    assert [tr.get("data-code") for tr in rows] == list(FORM.codes)
    who = root.find(".//tr[@data-code='1.2.2']/td[5]")
    assert who is not None
    assert "".join(who.itertext()) == "UBND cấp huyệnTỉnh"
    en = parse(render.form_html(FORM, locale="en"))
    assert [th.text for th in en.iterfind(".//thead/tr/th")] == [
        "Code",
        "Indicator",
        "Unit",
        "Kind",
        "Reported by",
    ]


def test_report_repr_html_marks_the_reading_diagnostics() -> None:
    report = cchc.example_report()
    root = parse(report._repr_html_())
    assert len(root.findall(".//tbody/tr")) == len(FORM)
    flagged = root.find(".//tr[@data-code='1.2']")
    assert flagged is not None
    assert "read.value-on-header" in (flagged.get("data-findings") or "")


@settings(max_examples=30, deadline=None)
@given(note=notes, name=notes.filter(str.strip))
def test_html_parses_whatever_the_text(note: str, name: str) -> None:
    report = cchc.Report(
        form=FORM,
        reporter=cchc.Reporter(name, kind="district"),
        period="2022Q1",
        entries={"1.1.1": Entry(value=1, note=note)},
    )
    root = parse(render.report_html(report))
    cell = root.find(".//tr[@data-code='1.1.1']/td[5]")
    assert cell is not None
    assert (cell.text or "") == note.strip()  # a note of spaces is no note


def test_findings_html() -> None:
    root = parse(render.findings_html([R6, PASSED, R1], locale="en"))
    rows = root.findall(".//tbody/tr")
    assert [tr.get("data-rule") for tr in rows] == ["R1", "R6"]
    assert [td.text for td in rows[0]][:4] == ["✗", "Error", "R1", "1.1.1, 1.1.2"]
    summary = root.find(".//p")
    assert summary is not None
    assert summary.text == "Total: 1 error, 1 warning, 0 info (1 passed)."
    every = parse(render.findings_html([R1, PASSED], problems_only=False))
    assert len(every.findall(".//tbody/tr")) == 2
    empty = parse(render.findings_html([]))
    assert empty.find(".//table") is None


# -- ratios -------------------------------------------------------------------------


class Reason(enum.Enum):
    ZERO_DENOMINATOR = "zero-denominator"


@attrs.frozen
class Ratio:
    id: str
    name: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    value: Decimal | None
    reason: Reason | None = None
    name_en: str = ""


RATIOS = (
    Ratio(
        "R-tasks",
        "Tỷ lệ nhiệm vụ hoàn thành",
        ("1.1.2",),
        ("1.1.1",),
        Decimal("83.6735"),
        name_en="Share of tasks completed",
    ),
    Ratio(
        "R-issues", "Tỷ lệ vấn đề đã xử lý", ("1.2.4",), ("1.2.3",), None, Reason.ZERO_DENOMINATOR
    ),
)


def test_ratios_html() -> None:
    root = parse(render.ratios_html(RATIOS))
    rows = root.findall(".//tbody/tr")
    assert [tr.get("data-ratio") for tr in rows] == ["R-tasks", "R-issues"]
    assert [td.text for td in rows[0]] == [
        "R-tasks",
        "Tỷ lệ nhiệm vụ hoàn thành",
        "1.1.2",
        "1.1.1",
        "83,67%",
        None,
    ]
    assert [td.text for td in rows[1]][4:] == [None, "zero-denominator"]
    en = parse(render.ratios_html(RATIOS, locale="en"))
    assert [td.text for td in en.findall(".//tbody/tr")[0]][1:5] == [
        "Share of tasks completed",
        "1.1.2",
        "1.1.1",
        "83.67%",
    ]


def test_ratios_text() -> None:
    narrow = render.ratios_text(RATIOS, width=60)
    assert all(len(line) <= 60 for line in narrow.splitlines())
    wide = render.ratios_text(RATIOS, width=100, locale="en")
    assert "83.67%" in wide
    assert "Share of tasks completed" in wide
    assert "zero-denominator" in wide


# -- the command line ---------------------------------------------------------------


def test_cli_show_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "--example", "--width", "80", "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert all(len(line) <= 80 for line in out.splitlines())
    assert stt_codes(out) == list(FORM.codes)
    assert out.startswith(FORM.title)
    assert "\x1b[" not in out


def test_cli_show_in_english_from_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.json"
    path.write_text(cchc.dumps(small_report()), encoding="utf-8")
    assert main(["show", str(path), "--locale", "en", "--width", "100"]) == 0
    out = capsys.readouterr().out
    assert "Period: First half of 2021" in out
    assert "6,460" in row_line(out, "7.2.5.1")


def test_cli_show_uses_the_terminal_width(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "64")
    assert main(["show", "--example"]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 64


@pytest.mark.parametrize(
    "argv",
    [
        ["show"],
        ["show", "--example", "x.txt"],
        ["show", "--example", "--width", "20"],
        ["show", "--example", "--locale", "fr"],
        ["show", "does-not-exist.txt"],
    ],
)
def test_cli_show_refuses_unusable_input(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
