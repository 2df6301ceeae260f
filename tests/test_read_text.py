"""Tests of reading the Word table exported as text (cchc.io.text, cchc.io.table)."""

from __future__ import annotations

import string
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cchc
from cchc.errors import CchcError, ReadError
from cchc.examples import example_bytes
from cchc.findings import Outcome, Severity
from cchc.io.table import HEADER_ROWS, SourceRow, official_rows, parse_title, report_from_table
from cchc.io.text import decode_text, read_text, split_table, write_text
from cchc.units import UnitKind
from cchc.values import Entry, Status

FORM = cchc.load_form("phu-luc-2b@2021")
SEED = example_bytes()
SEED_TEXT = SEED.decode("utf-8")

# Every entry of the seed report: code -> (value, status, raw, note).  Rows not
# listed are blank: no value, no status, no note.
N = None
SEED_ENTRIES: dict[str, tuple[int | Decimal | None, Status | None, str | None, str | None]] = {
    "1.1.1": (49, N, N, N),
    "1.1.2": (
        41,
        N,
        N,
        "6 nhiệm vụ đã hoàn thành, 35 nhiệm vụ đang thực hiện hiện thường xuyên trong năm "
        "2021 nhưng đến thời điểm báo cáo đã hoàn thành",
    ),
    "1.1.3": (11, N, N, "Bao gồm các KH và công văn chỉ đạo"),
    "1.2": (N, Status.NOT_YET_DONE, "Chưa kiểm tra", "Theo KH cuối tháng 6"),
    "1.3.1": (10, N, N, N),
    "1.3.2": (6, N, N, N),
    "1.3.3": (0, N, N, N),
    "1.4.1": (0, N, N, N),
    "1.4.2": (0, N, N, N),
    "1.5": (0, N, N, N),
    "2.1": (2, N, "02", "UBND tỉnh đã ban hành"),
    "2.2": (0, N, N, N),
    "2.3": (0, N, N, N),
    "2.4": (0, N, N, N),
    "2.5": (0, N, N, N),
    "3.1.1": (0, N, N, N),
    "3.1.2": (0, N, N, N),
    "3.1.3": (93, N, N, N),
    "3.1.3.a": (93, N, N, N),
    "3.2.1": (93, N, N, N),
    "3.2.2": (31, N, N, N),
    "3.2.3": (0, N, N, N),
    "3.3.1": (0, N, N, N),
    "3.3.2": (0, N, N, N),
    "3.3.3": (Decimal(100), N, N, N),
    "3.3.4": (Decimal(100), N, N, N),
    "3.4.1": (Decimal(100), N, N, N),
    "4.1.1": (0, N, N, N),
    "4.1.2.a": (1, N, "01", N),
    "4.2.1": (39, N, N, N),
    "4.2.2": (37, N, N, N),
    "4.2.3": (2, N, "02", " hợp đồng 68"),
    "4.2.4": (0, N, N, N),
    "4.2.5": (Decimal(0), N, N, N),
    "4.3": (0, N, N, N),
    "4.3.1": (15, N, N, N),
    "4.3.2": (14, N, N, N),
    "4.3.3": (0, N, N, N),
    "5.1.1": (3, N, N, N),
    "5.1.2": (1, N, N, N),
    "5.1.3": (0, N, N, N),
    "5.2.1": (0, N, N, N),
    "5.2.2": (0, N, N, N),
    "5.2.4": (0, N, N, N),
    "5.2.5": (0, N, N, N),
    "5.3.2": (1, N, "01", N),
    "5.3.3": (0, N, N, N),
    "5.4": (0, N, N, N),
    "5.4.1": (0, N, N, N),
    "5.4.3": (0, N, N, N),
    "6.1": (1, N, N, N),
    "6.2": (1, N, N, N),
    "6.4": (0, N, N, N),
    "7.1.2": (0, N, N, N),
    "7.1.3": (1, N, N, N),
    "7.1.4": (N, N, N, "Sở Nội vụ được cấp 04 chữ ký số"),
    "7.1.6": (Decimal(100), N, "100% ", "(trừ VB mật)"),
    "7.1.6.1.a": (Decimal(100), N, N, N),
    "7.1.6.2.a": (Decimal(100), N, N, N),
    "7.1.6.2.b": (Decimal(10), N, N, "(Các văn bản yêu cầu có bản dấu đỏ như Quyết định, …)"),
    "7.1.8.1": (31, N, N, N),
    "7.1.8.2": (31, N, N, N),
    "7.1.9.1": (Decimal(0), N, N, "100% TTHC không phát sinh giao dịch"),
    "7.1.9.2": (Decimal(0), N, N, N),
    "7.1.9.3": (Decimal(0), N, N, N),
    "7.2.1": (2, N, "02", N),
    "7.2.2.1": (1, N, "01", "Trung tâm Lưu trữ lịch sử tỉnh"),
    "7.2.2.2": (0, N, N, N),
    "7.2.3.1": (0, N, N, N),
    "7.2.3.2": (93, N, N, N),
    "7.2.3.3": (1, N, "01", N),
    "7.2.3.4": (93, N, N, N),
    "7.2.3.5": (0, N, N, N),
    "7.2.4.1": (5, N, N, N),
    "7.2.4.2": (Decimal(60), N, N, N),
    "7.2.5.1": (6460, N, N, N),
    "7.2.5.2": (5812, N, N, N),
    "7.2.5.3": (Decimal(100), N, N, N),
    "7.2.6.2": (Decimal(100), N, N, N),
    "7.2.7": (N, N, N, "Chưa đến hạn"),
}

# What a careful reader notes on the seed: (rule, indicators, severity).
W, INFO = Severity.WARNING, Severity.INFO
SEED_DIAGNOSTICS = {
    ("read.name-differs", ("1.1.2",), INFO),  # [bookmark: _GoBack]
    ("read.value-on-header", ("1.2",), W),
    ("read.status-text", ("1.2",), INFO),
    ("read.note-on-header", ("1.2",), INFO),
    # The template's own STT 1.1.1–1.1.4 under 1.2: one info line, no warning.
    ("read.template-numbering", ("1.2.1", "1.2.2", "1.2.3", "1.2.4"), Severity.INFO),
    ("read.unit-on-header", ("1.3",), W),
    ("read.leading-zero", ("2.1",), INFO),
    ("read.leading-zero", ("4.1.2.a",), INFO),
    ("read.leading-zero", ("4.2.3",), INFO),
    ("read.leading-zero", ("5.3.2",), INFO),
    ("read.leading-zero", ("7.2.1",), INFO),
    ("read.leading-zero", ("7.2.2.1",), INFO),
    ("read.leading-zero", ("7.2.3.3",), INFO),
    ("read.value-on-header", ("4.3",), W),
    ("read.value-on-header", ("5.4",), W),
    ("read.value-on-header", ("7.1.6",), W),
    ("read.percent-sign", ("7.1.6",), INFO),
    ("read.whitespace", ("7.1.6",), INFO),
    ("read.note-on-header", ("7.1.6",), INFO),
    ("read.missing-unit", ("7.1.4",), INFO),  # no value, so only worth knowing
    ("read.missing-unit", ("7.2.3.2",), W),
    ("read.note-on-header", ("7.2.7",), INFO),
}


def entry_tuple(entry: Entry) -> tuple[object, ...]:
    return (entry.value, entry.status, entry.raw, entry.note)


@pytest.fixture(scope="module")
def seed() -> cchc.Report:
    return read_text(SEED, form=FORM, source="seed.txt")


# -- the seed ----------------------------------------------------------------------------


def test_seed_reporter_and_period(seed: cchc.Report) -> None:
    assert seed.reporter == cchc.Reporter("Sở Nội vụ", kind="department")
    assert seed.period == cchc.Period.parse("2021S1")
    assert seed.form is FORM


def test_seed_every_entry(seed: cchc.Report) -> None:
    assert {code: entry_tuple(e) for code, e in seed.entries.items()} == SEED_ENTRIES
    for indicator in FORM:
        if indicator.code not in SEED_ENTRIES:
            assert seed[indicator.code].is_empty, indicator.code


def test_seed_value_types(seed: cchc.Report) -> None:
    for code, entry in seed.entries.items():
        indicator = FORM[code]
        if entry.value is None:
            continue
        percent_row = indicator.unit is not None and indicator.unit.kind is UnitKind.PERCENT
        percent_header = indicator.kind.is_header and entry.raw is not None and "%" in entry.raw
        if percent_row or percent_header:
            assert type(entry.value) is Decimal, code
        else:
            assert type(entry.value) is int, code


def test_seed_planning_figures_are_not_overwritten(seed: cchc.Report) -> None:
    # The children of 1.2 are printed 1.1.1.-1.1.4.; a reader keyed on codes would
    # overwrite 49, 41 and 11 with blanks.
    assert [seed.value(c) for c in ("1.1.1", "1.1.2", "1.1.3")] == [49, 41, 11]
    assert all(seed[c].is_empty for c in ("1.2.1", "1.2.2", "1.2.3", "1.2.4"))
    (template,) = [f for f in seed.diagnostics if f.rule == "read.template-numbering"]
    assert template.location == "row 9 (line 53)"
    assert template.indicators == ("1.2.1", "1.2.2", "1.2.3", "1.2.4")
    lines = SEED_TEXT.split("\n")
    assert [lines[n - 1] for n in (53, 59, 65, 71)] == [
        "\t1.1.1. ",
        "\t1.1.2. ",
        "\t1.1.3. ",
        "\t1.1.4. ",
    ]


def test_seed_guidance_notes_are_not_reporter_notes(seed: cchc.Report) -> None:
    # 1.2.2, 3.4.x, 4, 4.1.1, 4.1.2.a/b, 5, 5.2.3, 5.3.2-4 and 7.1.6.1.a-c print the
    # form's own guidance in Ghi chú.
    guided = [i.code for i in FORM if i.note]
    assert len(guided) == 18
    assert all(seed[code].note is None for code in guided)


def test_seed_row_after_blank_line_in_a_cell(seed: cchc.Report) -> None:
    # The name cell of 3.4.5 ends with a paragraph break: a blank line that does not
    # end the row.  Everything after it must still line up.
    assert not any(f.rule in ("read.unknown-row", "read.missing-row") for f in seed.diagnostics)
    assert "3.4.5" not in seed
    assert seed.value("4.1.1") == 0
    title, rows = split_table(decode_text(SEED))
    row = next(r for r in rows if r.cells[0].startswith("3.4.5"))
    assert row.cells[1].endswith("(ở cả 3 cấp).")
    assert row.cells[2:] == ("%", "", "Sở Xây dựng; UBND cấp huyện báo cáo")
    assert len(rows) == 143
    assert title[0] == " Phụ lục 2B"


def test_seed_diagnostics(seed: cchc.Report) -> None:
    found = [(f.rule, f.indicators, f.severity) for f in seed.diagnostics]
    assert len(found) == len(set(found))
    assert set(found) == SEED_DIAGNOSTICS
    for finding in seed.diagnostics:
        assert finding.is_reading
        assert finding.message
        assert finding.message_en
        assert finding.location
        assert finding.location.startswith("row ")
        expected = Outcome.PASS if finding.severity is Severity.INFO else Outcome.FAIL
        assert finding.outcome is expected


def test_example_report_is_the_seed(seed: cchc.Report) -> None:
    example = cchc.example_report()
    assert example is cchc.example_report()
    assert example.entries == seed.entries
    assert example.diagnostics == seed.diagnostics


# -- robustness: the same table from another machine -------------------------------------------


def windows_export(text: str) -> str:
    """The seed as a Windows export: NFD, NBSP, trailing spaces on blank and title lines."""
    lines = []
    for n, line in enumerate(text.split("\n")):
        if not line.strip() or not line.startswith("\t"):
            line = line + "  \t" if n < 4 else line + "   "  # noqa: PLW2901
        lines.append(line.replace(" ", "\u00a0"))
    return unicodedata.normalize("NFD", "\r\n".join(lines))


def test_windows_export_reads_the_same(seed: cchc.Report) -> None:
    text = windows_export(SEED_TEXT)
    assert text != unicodedata.normalize("NFC", text)
    for data in (b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("utf-16"), text):
        report = read_text(data, form=FORM)
        assert report.entries == seed.entries
        assert (report.reporter, report.period) == (seed.reporter, seed.period)


def test_one_row_per_line_reads_the_same(seed: cchc.Report) -> None:
    # Further TABs on a cell's first line start further cells.
    title, rows = split_table(SEED_TEXT)
    body = ["\t" + "\t".join(cells) for cells in (HEADER_ROWS[0], HEADER_ROWS[1])]
    body = [line.replace("\n", " ") for line in body]
    # Only a row's last cell can go on over more lines in this layout.
    body += ["\t" + "\t".join(c.replace("\n", " ") for c in row.cells) for row in rows]
    report = read_text("\n".join([*title, *body]), form=FORM)
    assert report.entries == seed.entries


def test_single_row_header() -> None:
    text = (
        "TẠI UBND HUYỆN HẢI HẬU QUÝ I NĂM 2022\n"
        "\tSTT\n\tChỉ tiêu\n\tĐơn vị tính\n\tSố liệu\n\tGhi chú\n\n"
        "\t3.4.2\n\tTỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận được giải quyết đúng hẹn, "
        "đúng quy trình\n\t%\n\t96,55\n\tUBND cấp huyện báo cáo\n"
    )
    report = read_text(text, form=FORM)
    assert report.reporter == cchc.Reporter("UBND huyện Hải Hậu", kind="district")
    assert report.period == cchc.Period.parse("2022Q1")
    assert dict(report.entries) == {"3.4.2": Entry(value=Decimal("96.55"))}


# -- malformed input -------------------------------------------------------------------------


def truncated_seed() -> str:
    lines = SEED_TEXT.rstrip("\n").split("\n")
    return "\n".join(lines[:-2])  # drops the last row's value and note cells


def missing_cell_seed() -> str:
    return SEED_TEXT.replace("\tNhiệm vụ\n\t49\n", "\t49\n", 1)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"  \r\n\n", "empty"),
        ("", "empty"),
        (b"\x00\x01\x02binary", "NUL byte"),
        ("text\x00", "NUL character"),
        (b"PK\x03\x04rest", "zip archive"),
        (b"\tSTT \xc3\x28", "not UTF-8"),
        (b"\xff\xfe\x00\xd8", "UTF-16"),
        ("Phụ lục 2B\nTHỐNG KÊ\n", "no table"),
        ("\tSố liệu\n\t49\n", "official header"),
        ("\tSTT\n\tChỉ tiêu\n\tKết quả thống kê\n\tGhi chú\n\n\t\n\t\n\tĐơn vị\n", "header"),
        (truncated_seed(), "truncated"),
        (missing_cell_seed(), "not a multiple of 5"),
        ("\tSTT\n\tChỉ tiêu\n\tĐơn vị tính\n\tSố liệu\n\tGhi chú\n", "no body rows"),
        (
            "\tSTT\n\tChỉ tiêu\n\tĐơn vị tính\n\tSố liệu\n\tGhi chú\n\t1\n\tKhác\n\t\n\t\n\t\n",
            "no row of the form",
        ),
    ],
)
def test_malformed_input_raises_read_error(data: str | bytes, expected: str) -> None:
    with pytest.raises(ReadError, match=expected) as info:
        read_text(data, form=FORM, source="bad.txt")
    assert info.value.source == "bad.txt"
    assert all(problem.source == "bad.txt" for problem in info.value.problems)


def test_misalignment_names_the_row() -> None:
    with pytest.raises(ReadError) as info:
        read_text(missing_cell_seed(), form=FORM, source="bad.txt")
    # The unit cell of row 5 is missing: row 6 is the first to start with a non-STT.
    assert info.value.problems[0].location == "row 6 (line 35)"
    with pytest.raises(ReadError) as info:
        read_text(truncated_seed(), form=FORM, source="bad.txt")
    assert info.value.problems[0].location == "row 145 (line 880)"


def test_missing_reporter_and_period_name_what_is_missing() -> None:
    text = write_text(cchc.example_report()).split("\n", 4)[4]  # no title block
    with pytest.raises(ReadError) as info:
        read_text(text, form=FORM)
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 2
    assert "who reports" in messages[0]
    assert "period" in messages[1]
    with pytest.raises(ReadError, match="period") as only:
        read_text(text, form=FORM, reporter=cchc.Reporter("Sở Nội vụ", kind="department"))
    assert len(only.value.problems) == 1
    report = read_text(
        text, form=FORM, reporter=cchc.Reporter("Sở Nội vụ", kind="department"), period="2021S1"
    )
    assert report.entries == cchc.example_report().entries


def test_caller_reporter_and_period_win() -> None:
    other = cchc.Reporter("Sở Tư pháp", kind="department")
    report = read_text(SEED, form=FORM, reporter=other, period=cchc.Period.parse("2021Q3"))
    assert (report.reporter, report.period) == (other, cchc.Period.parse("2021Q3"))
    differs = [(f.rule, f.location, f.severity) for f in report.diagnostics[:2]]
    assert differs == [
        ("read.reporter-differs", "title", Severity.WARNING),
        ("read.period-differs", "title", Severity.WARNING),
    ]
    same = read_text(SEED, form=FORM, reporter=cchc.Reporter("SỞ NỘI VỤ", kind="department"))
    assert not any(f.rule == "read.reporter-differs" for f in same.diagnostics)


# -- title blocks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "name", "kind", "period"),
    [
        (
            ["TẠI SỞ NỘI VỤ 6 THÁNG ĐẦU NĂM", "ngày /6/2021 của Sở Nội vụ)"],
            "Sở Nội vụ",
            "department",
            "2021S1",
        ),
        (["TẠI UBND HUYỆN HẢI HẬU QUÝ III NĂM 2021"], "UBND huyện Hải Hậu", "district", "2021Q3"),
        (["Báo cáo của UBND xã Hải Anh", "Năm 2020"], "UBND xã Hải Anh", "commune", "2020"),
        (["tại Kho bạc Nhà nước tỉnh, quý 1/2022"], "Kho bạc Nhà nước tỉnh", "central", "2022Q1"),
        (["TẠI ỦY BAN NHÂN DÂN THÀNH PHỐ NAM ĐỊNH NĂM 2021"], None, "district", "2021"),
        (
            ["của UBND tỉnh Nam Định, ngày 15 tháng 12 năm 2021"],
            "UBND tỉnh Nam Định",
            "province",
            "2021",
        ),
        (["của Sở Y tế", "Hà Nội, ngày 18 tháng 6 năm 2021"], "Sở Y tế", "department", "2021S1"),
        (["của Cục Thuế tỉnh ngày 10/9/2021"], "Cục Thuế tỉnh", "central", "2021Q3"),
        (
            ["của Ban Quản lý các khu công nghiệp 6 tháng cuối năm 2021"],
            None,
            "department",
            "2021S2",
        ),
    ],
)
def test_title_blocks(lines: list[str], name: str | None, kind: str, period: str) -> None:
    block = parse_title(lines)
    assert block.reporter is not None
    assert block.period is not None
    if name is not None:
        assert block.reporter.name == name
    assert block.reporter.kind.value == kind
    assert block.period.id == period


def test_title_blocks_that_say_nothing() -> None:
    block = parse_title(["THỐNG KÊ SỐ LIỆU", "ngày 5/7/2021"])
    assert block.reporter is None
    assert block.period is None
    assert len(block.notes) == 2
    assert "month 7" in block.notes[1]


# -- matching rows ------------------------------------------------------------------------------


def row(
    code: str,
    *,
    name: str | None = None,
    unit: str | None = None,
    value: str = "",
    note: str = "",
    stt: str | None = None,
) -> SourceRow:
    indicator = FORM[code]
    return SourceRow(
        (
            indicator.printed_code if stt is None else stt,
            indicator.name if name is None else name,
            indicator.unit_text if unit is None else unit,
            value,
            note,
        ),
        f"row for {code}",
    )


def table(*rows: SourceRow) -> cchc.Report:
    return report_from_table(
        [], rows, form=FORM, reporter=cchc.Reporter("Sở Nội vụ", kind="department"), period="2021S1"
    )


def rules_of(report: cchc.Report) -> set[tuple[str, tuple[str, ...]]]:
    return {(f.rule, f.indicators) for f in report.diagnostics if f.rule != "read.missing-row"}


def test_typo_in_a_name_matches_at_its_place() -> None:
    report = table(
        row("2.1", value="3"),
        row("2.2", name="Số VBQPPL đã kiểm tra theo thẩm quyền", value="4"),
        row("2.3", name="Số VB QPPL được rà soát lại", value="5", stt="2.3"),
    )
    assert [report.value(c) for c in ("2.1", "2.2", "2.3")] == [3, 4, 5]
    # 2.2's corrected spelling is the form's display name; 2.3 matched by its code.
    assert rules_of(report) == {("read.name-differs", ("2.3",))}


def test_unknown_rows_and_duplicates_are_diagnosed_not_dropped() -> None:
    report = table(
        row("1.1.1", value="49"),
        SourceRow(("1.1.1.a", "Số nhiệm vụ bổ sung", "Nhiệm vụ", "3", ""), "row 4"),
        row("1.1.1", value="50"),
    )
    assert report.value("1.1.1") == 49
    unknown = [f for f in report.diagnostics if f.rule == "read.unknown-row"]
    assert len(unknown) == 1
    assert unknown[0].severity is Severity.ERROR
    assert "Số nhiệm vụ bổ sung" in unknown[0].message
    assert "'3'" in unknown[0].message_en
    duplicate = [f for f in report.diagnostics if f.rule == "read.duplicate-row"]
    assert [(f.indicators, f.severity) for f in duplicate] == [(("1.1.1",), Severity.ERROR)]
    assert "'50'" in duplicate[0].message


def test_missing_rows_and_out_of_order_rows() -> None:
    report = table(row("1.1.2", value="41"), row("1.1.1", value="49"))
    assert (report.value("1.1.1"), report.value("1.1.2")) == (49, 41)
    assert ("read.out-of-order", ("1.1.1",)) in rules_of(report)
    missing = {f.indicators[0] for f in report.diagnostics if f.rule == "read.missing-row"}
    assert missing == set(FORM.codes) - {"1.1.1", "1.1.2"}


def test_breakdown_rows_match_by_place() -> None:
    report = table(
        row("3.1.3", value="100"),
        row("3.1.3.a", name="Cấp tỉnh", value="60"),
        row("3.1.3.b", name="Cấp huyện", value="30"),
        row("3.1.3.c", value="10"),
    )
    assert [report.value(c) for c in ("3.1.3", "3.1.3.a", "3.1.3.b", "3.1.3.c")] == [
        100,
        60,
        30,
        10,
    ]
    assert rules_of(report) == {
        ("read.name-differs", ("3.1.3.a",)),
        ("read.name-differs", ("3.1.3.b",)),
    }


def test_cells_that_are_not_values() -> None:
    report = table(
        row("1.4.2", value="1", unit="Trực tuyến = 0; Phát phiếu = 1; Kết hợp = 2"),
        row("1.5", value="Có", unit="Không = 0\nCó = 1"),
        row("3.3.3", value="12.5"),
        row("4.2.1", value="hai mươi", unit="%"),
        row("4.2.2", value="2,5", unit=""),
        row("7.1.8.1", value="6.460", unit="Thủ tục"),
    )
    assert report["3.3.3"] == Entry(raw="12.5")
    assert report["4.2.1"] == Entry(raw="hai mươi")
    assert report["4.2.2"] == Entry(raw="2,5")
    assert report["1.5"] == Entry(value=1, raw="Có")
    assert report["1.4.2"] == Entry(value=1)
    assert report["7.1.8.1"] == Entry(value=6460, raw="6.460")
    assert rules_of(report) == {
        ("read.ambiguous-number", ("3.3.3",)),
        ("read.text-in-number", ("4.2.1",)),
        ("read.unit-mismatch", ("4.2.1",)),
        ("read.not-whole-number", ("4.2.2",)),
        ("read.missing-unit", ("4.2.2",)),
        ("read.code-label", ("1.5",)),
    }


def test_blank_stays_blank_and_zero_stays_zero() -> None:
    report = table(row("6.3"), row("6.4", value="0"), row("3.4.2", note="UBND cấp huyện báo cáo"))
    assert "6.3" not in report
    assert report["6.4"] == Entry(value=0)
    assert "3.4.2" not in report


def test_header_and_numbering_rows_in_the_body_are_skipped() -> None:
    report = table(
        SourceRow(HEADER_ROWS[0] + ("",), "row 1"),
        SourceRow(HEADER_ROWS[1], "row 2"),
        SourceRow(("(1)", "(2)", "(3)", "(4)", "(5)"), "row 3"),
        SourceRow(("", "", "", "", ""), "row 4"),
        row("1.1.1", value="49"),
    )
    assert dict(report.entries) == {"1.1.1": Entry(value=49)}
    assert rules_of(report) == set()


def test_rows_must_have_five_cells() -> None:
    with pytest.raises(ReadError, match="4 cells") as info:
        table(row("1.1.1", value="49"), SourceRow(("1.1.2", "x", "y", "z"), "row 9"))
    assert info.value.problems[0].location == "row 9"


# -- writing and round trips -------------------------------------------------------------


def test_official_rows_follow_the_form(seed: cchc.Report) -> None:
    rows = official_rows(seed)
    assert len(rows) == len(FORM)
    assert rows[FORM.codes.index("2.2")][1] == "Số VBQPPL đã kiểm tra theo thẩm quyền"
    assert rows[FORM.codes.index("2.1")][3:] == ("02", "UBND tỉnh đã ban hành")
    assert rows[FORM.codes.index("1.2.2")][4] == "Chỉ UBND cấp huyện báo cáo"
    assert rows[FORM.codes.index("7.1.6")][3] == "100% "
    assert rows[FORM.codes.index("3.3.3")][3] == "100"


def test_a_status_is_not_written_as_a_legend_label() -> None:
    # 5.3.1's legend reads "Chưa thực hiện = 0": the status must not come back as code 0.
    report = table(row("5.3.1", value="Chưa triển khai"), row("5.3.2", value="Chưa thực hiện"))
    assert report["5.3.1"] == Entry(status=Status.NOT_YET_DONE)
    assert report["5.3.2"] == Entry(status=Status.NOT_YET_DONE)
    assert official_rows(report)[FORM.codes.index("5.3.1")][3] == "Chưa triển khai"
    assert table(row("5.3.1", value="Chưa thực hiện"))["5.3.1"] == Entry(
        value=0, raw="Chưa thực hiện"
    )
    again = read_text(write_text(report), form=FORM)
    assert again.entries == report.entries


def test_text_round_trip(seed: cchc.Report) -> None:
    text = write_text(seed)
    again = read_text(text, form=FORM)
    assert again.entries == seed.entries
    assert (again.reporter, again.period) == (seed.reporter, seed.period)
    assert write_text(again) == text
    # The rewritten table is clean: its only remarks are those about the data itself.
    assert {f.rule for f in again.diagnostics} == {
        "read.value-on-header",
        "read.status-text",
        "read.note-on-header",
        "read.template-numbering",
        "read.leading-zero",
        "read.percent-sign",
        "read.whitespace",
    }


NOTE_TEXT = st.text(
    alphabet=string.ascii_letters + string.digits + " .,;:()%/-\nàáảãạăắđêếệôơờưứ",
    min_size=1,
    max_size=30,
).map(lambda s: ("Ghi chú: " + s).strip())


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Entry]:
    chosen: dict[str, Entry] = {}
    for indicator in draw(
        st.lists(st.sampled_from(FORM.value_indicators), unique=True, max_size=25)
    ):
        note = draw(st.none() | NOTE_TEXT)
        kind = indicator.unit.kind if indicator.unit is not None else None
        if draw(st.integers(0, 5)) == 0:
            chosen[indicator.code] = Entry(status=draw(st.sampled_from(Status)), note=note)
            continue
        value: int | Decimal | None
        if kind in (UnitKind.PERCENT, UnitKind.SCORE):
            value = draw(st.decimals(-1000, 1000, places=2, allow_nan=False))
        else:
            value = draw(st.integers(-5, 10**7))
        if draw(st.booleans()):
            value = None
        if value is None and note is None:
            continue
        chosen[indicator.code] = Entry(value=value, note=note)
    return chosen


REPORTERS = [
    cchc.Reporter("Sở Nội vụ", kind="department"),
    cchc.Reporter("UBND huyện Hải Hậu", kind="district"),
    cchc.Reporter("Kho bạc Nhà nước tỉnh", kind="central"),
    cchc.Reporter("UBND tỉnh Nam Định", kind="province"),
]
PERIODS = st.sampled_from(["2021Q1", "2021Q2", "2021S1", "2021Q3", "2021Q4", "2021S2", "2021"])


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(entries(), st.sampled_from(REPORTERS), PERIODS)
def test_written_text_reads_back_the_same_report(
    chosen: dict[str, Entry], reporter: cchc.Reporter, period: str
) -> None:
    report = cchc.Report(form=FORM, reporter=reporter, period=period, entries=chosen)
    again = read_text(write_text(report), form=FORM)
    assert again.entries == report.entries
    assert (again.reporter, again.period) == (report.reporter, report.period)


# -- anything else: a report or a CchcError, never a crash ----------------------------------------


@settings(max_examples=150)
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    try:
        report = cchc.read(data, format="txt")
    except CchcError:
        return
    assert isinstance(report, cchc.Report)


CELL_TEXT = st.text(max_size=12) | st.sampled_from(
    [
        "",
        "1.1.1. ",
        "Trong đó",
        "49",
        "02",
        "100% ",
        "12.5",
        "Chưa kiểm tra",
        "Nhiệm vụ",
        "\n",
        "\t",
    ]
    + [FORM[c].name for c in ("1.1.1", "1.2", "3.1.3.a", "7.1.2")]
)


@settings(max_examples=150)
@given(
    st.lists(st.text(max_size=30), max_size=3),
    st.booleans(),
    st.lists(CELL_TEXT, max_size=40),
)
def test_arbitrary_tables(title: list[str], with_header: bool, cells: list[str]) -> None:
    head = [*HEADER_ROWS[0], *HEADER_ROWS[1]] if with_header else []
    lines = [*title, "TẠI SỞ NỘI VỤ 6 THÁNG ĐẦU NĂM 2021"]
    lines += ["\t" + cell for cell in [*head, *cells]]
    try:
        report = cchc.read("\n".join(lines), format="txt")
    except CchcError:
        return
    assert isinstance(report, cchc.Report)
    assert all(f.is_reading for f in report.diagnostics)
