"""Excel (.xlsx) files: reading the official table, writing it, and the round trip."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import cchc
from cchc import strategies as cst
from cchc.errors import ReadError
from cchc.io.text import read_text, write_text
from cchc.io.xlsx import read_xlsx, write_xlsx
from cchc.rules import check
from cchc.values import Entry, Status

openpyxl = pytest.importorskip("openpyxl")

FORM = cchc.load_form("phu-luc-2b@2021")
SO_NOI_VU = cchc.Reporter("Sở Nội vụ", kind="department")


def seed() -> cchc.Report:
    return cchc.example_report()


def varied() -> cchc.Report:
    """A report with every kind of entry: blank, zero, statuses, notes, raw cells."""
    return cchc.Report(
        form=FORM,
        reporter=cchc.Reporter("UBND huyện Hải Hậu", kind="district"),
        period="2021Q3",
        entries={
            "1.1.1": 12,
            "1.1.2": Entry(value=0, note="Chưa hoàn thành nhiệm vụ nào"),
            "1.1.3": Entry(value=2, raw="02"),
            "1.2": Entry(status=Status.NOT_YET_DONE, raw="Chưa kiểm tra", note="Theo KH"),
            "1.2.1": Entry(status=Status.NOT_YET_DUE),
            "1.2.2": Entry(note="Hai dòng\nghi chú"),
            "1.4.2": 2,
            "1.5": 1,
            "3.4.2": Decimal("96.55"),
            "3.4.3": Entry(value=Decimal(100), raw="100% "),
            "7.2.5.1": 6460,
            "2.1": Entry(value=3, note="=SUM(A1)"),
            "2.2": Entry(value=0, note="#N/A"),
        },
    )


def read_back(report: cchc.Report, **kwargs: Any) -> cchc.Report:
    return read_xlsx(write_xlsx(report), form=report.form, source="back.xlsx", **kwargs)


def load(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def saved(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- round trips ------------------------------------------------------------------------


@pytest.mark.parametrize("build", [seed, varied], ids=["seed", "varied"])
def test_round_trip_gives_the_same_report(build: Callable[[], cchc.Report]) -> None:
    report = build()
    back = read_back(report)
    assert back.entries == report.entries
    assert (back.reporter, back.period) == (report.reporter, report.period)


def test_reads_as_the_text_export_does() -> None:
    report = varied()
    from_xlsx = read_back(report)
    from_text = read_text(write_text(report), form=FORM)
    assert from_xlsx.entries == from_text.entries
    assert [(f.rule, f.indicators, f.message) for f in from_xlsx.diagnostics] == [
        (f.rule, f.indicators, f.message) for f in from_text.diagnostics
    ]


def test_output_is_deterministic_and_dated_by_the_reporting_window() -> None:
    report = seed()
    first, second = write_xlsx(report), write_xlsx(report)
    assert first == second
    properties = load(first).properties
    end = report.period.window.end
    assert properties.created == properties.modified == datetime(end.year, end.month, end.day)
    assert properties.creator == "cchc"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cst.reports())
def test_any_valid_report_round_trips(report: cchc.Report) -> None:
    back = read_back(report, reporter=report.reporter, period=report.period)
    # Name the rows that differ: the reports' own repr is too long to read.
    assert [(c, back[c]) for c in report.form.codes if back[c] != report[c]] == []


# -- the written layout -----------------------------------------------------------------


def row_of(sheet: Any, code: str) -> int:
    """The sheet row of indicator *code*: the header is the first row whose A cell is STT."""
    header = next(row for row in range(1, 20) if sheet.cell(row=row, column=1).value == "STT")
    return header + 2 + FORM.codes.index(code)


def test_written_sheet_has_title_and_merged_two_row_header() -> None:
    sheet = load(write_xlsx(seed())).worksheets[0]
    assert sheet["A1"].value == "Phụ lục 2B"
    assert "TẠI SỞ NỘI VỤ 6 THÁNG ĐẦU NĂM 2021" in [sheet.cell(r, 1).value for r in range(1, 5)]
    top = row_of(sheet, "1") - 2
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {f"A{top}:A{top + 1}", f"B{top}:B{top + 1}", f"C{top}:D{top}", f"E{top}:E{top + 1}"} <= (
        merged
    )
    assert sheet.cell(top, 3).value == "Kết quả thống kê"
    assert (sheet.cell(top + 1, 3).value, sheet.cell(top + 1, 4).value) == (
        "Đơn vị tính",
        "Số liệu",
    )
    assert sheet.cell(top, 1).font.b
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width


def test_numbers_are_stored_as_numbers_and_other_cells_as_text() -> None:
    sheet = load(write_xlsx(varied())).worksheets[0]

    def value(code: str) -> object:
        return sheet.cell(row_of(sheet, code), 4).value

    assert value("1.1.1") == 12 and value("7.2.5.1") == 6460
    assert value("3.4.2") == pytest.approx(96.55)
    assert value("1.1.3") == 2  # a count typed "02" is a number shown as typed
    assert sheet.cell(row_of(sheet, "1.1.3"), 4).number_format == "00"
    assert value("3.4.3") == "100% "
    note = sheet.cell(row_of(sheet, "2.1"), 5)
    assert (note.value, note.data_type) == ("=SUM(A1)", "s")  # never a formula
    assert sheet.cell(row_of(sheet, "1"), 2).font.b  # section rows are bold


def finding(
    rule: str,
    severity: cchc.Severity,
    codes: tuple[str, ...],
    message: str,
    *,
    message_en: str = "",
    outcome: cchc.Outcome = cchc.Outcome.FAIL,
) -> cchc.Finding:
    return cchc.Finding(
        rule=rule,
        outcome=outcome,
        severity=severity,
        indicators=codes,
        message=message,
        message_en=message_en,
    )


FINDINGS = [
    finding(
        "R1",
        cchc.Severity.ERROR,
        ("1.1.1", "1.1.2"),
        "Số nhiệm vụ hoàn thành vượt số đề ra",
        message_en="More tasks done than planned",
    ),
    finding("W9", cchc.Severity.WARNING, ("3.4.1",), "Tỷ lệ đáng ngờ"),
    finding("R2", cchc.Severity.ERROR, ("1.1.3",), "đúng", outcome=cchc.Outcome.PASS),
]


def test_findings_fill_and_comment_the_value_cells_of_their_rows() -> None:
    findings = FINDINGS
    data = write_xlsx(seed(), findings=findings)
    workbook = load(data)
    sheet = workbook.worksheets[0]

    def cell(code: str) -> Any:
        return sheet.cell(row_of(sheet, code), 4)

    assert cell("1.1.1").fill.fgColor.rgb.endswith("FFC7CE")
    assert cell("1.1.2").fill.fgColor.rgb.endswith("FFC7CE")
    assert cell("3.4.1").fill.fgColor.rgb.endswith("FFEB9C")
    assert "Số nhiệm vụ hoàn thành vượt số đề ra" in cell("1.1.1").comment.text
    assert "R1" in cell("1.1.2").comment.text
    assert cell("1.1.3").comment is None and cell("1.1.3").fill.fill_type is None
    assert cell("1.1.1").value == 49
    listing = workbook["Kết quả kiểm tra"]
    assert [listing.cell(r, 2).value for r in (2, 3)] == ["R1", "W9"]
    assert listing.cell(2, 3).value == "1.1.1, 1.1.2"
    english = load(write_xlsx(seed(), findings=findings, locale="en"))
    assert (
        "More tasks done than planned"
        in english.worksheets[0].cell(row_of(sheet, "1.1.1"), 4).comment.text
    )
    assert english["Findings"].cell(2, 1).value == "Error"
    # Highlighting changes nothing that is read back.
    assert read_xlsx(data, form=FORM).entries == seed().entries


# -- reading workbooks made by hand -----------------------------------------------------

TITLE = (
    "Phụ lục 2B",
    "TẠI SỞ NỘI VỤ 6 THÁNG ĐẦU NĂM",
    "(Ban hành kèm theo Báo cáo số   /BC-SNV ngày   /6/2021 của Sở Nội vụ)",
)
BODY: list[list[object]] = [
    ["1. ", "Công tác chỉ đạo điều hành CCHC", None, None, None],
    ["1.1. ", "Kế hoạch CCHC ", None, None, None],
    ["1.1.1. ", "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", 49, None],
    ["1.1.2. ", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", 41.0, "6 nhiệm vụ\n35 đang làm"],
    ["1.1.3. ", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", "02", None],
]


def hand_made(
    body: list[list[object]] = BODY,
    *,
    column: int = 1,
    header: bool = True,
    columns: int = 5,
    before: tuple[str, ...] = (),
) -> Any:
    """A workbook typed the way an office would: title, merged two-row header, body."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    for name in before:
        workbook.create_sheet(name, 0)["A1"] = "Hướng dẫn điền biểu"
    for row, line in enumerate(TITLE, start=1):
        sheet.cell(row, column, line)
        sheet.merge_cells(start_row=row, end_row=row, start_column=column, end_column=column + 4)
    top = len(TITLE) + 2
    if header:
        labels: list[str | None] = [
            "STT",
            "Chỉ tiêu thống kê\n(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)",
        ]
        labels += ["Kết quả thống kê", None] + ["Kỳ trước"] * (columns - 5) + ["Ghi chú"]
        for offset, label in enumerate(labels):
            sheet.cell(top, column + offset, label)
        sheet.cell(top + 1, column + 2, "Đơn vị tính")
        sheet.cell(top + 1, column + 3, "Số liệu")
        for offset in (0, 1, *range(4, columns)):
            sheet.merge_cells(
                start_row=top,
                end_row=top + 1,
                start_column=column + offset,
                end_column=column + offset,
            )
        sheet.merge_cells(
            start_row=top, end_row=top, start_column=column + 2, end_column=column + 3
        )
    for index, cells in enumerate(body):
        for offset, value in enumerate(cells):
            sheet.cell(top + 2 + index, column + offset, value)
    return workbook


def test_reads_a_hand_made_workbook_with_merged_header_and_title() -> None:
    workbook = hand_made(column=2, before=("Hướng dẫn",))
    sheet = workbook["Sheet1"]
    last = sheet.max_row
    sheet.cell(last + 2, 3, "Người lập biểu")  # a footer after an empty row
    sheet.cell(last + 3, 3, "Nguyễn Văn A")
    report = read_xlsx(saved(workbook), form=FORM, source="so-noi-vu.xlsx")
    assert report.reporter == SO_NOI_VU
    assert report.period == cchc.Period.parse("2021S1")
    assert report["1.1.1"].value == 49
    assert report["1.1.2"] == Entry(value=41, note="6 nhiệm vụ\n35 đang làm")
    assert report["1.1.3"] == Entry(value=2, raw="02")
    assert report["1.2"].is_blank


def test_an_empty_row_inside_the_table_is_skipped() -> None:
    body: list[list[object]] = [*BODY[:3], [None] * 5, *BODY[3:]]
    report = read_xlsx(saved(hand_made(body)), form=FORM)
    assert (report["1.1.1"].value, report["1.1.3"].value) == (49, 2)


def test_cells_read_as_a_person_sees_them() -> None:
    workbook = hand_made(
        [
            ["3.4. ", "Kết quả giải quyết TTHC", None, None, None],
            ["3.4.1. ", "Tỷ lệ hồ sơ TTHC do các sở, ngành", "%", 0.8367, None],
            ["3.4.2. ", "Tỷ lệ hồ sơ TTHC do UBND cấp huyện", "%", 96.55, None],
            ["3.4.3. ", "Tỷ lệ hồ sơ TTHC do UBND cấp xã", "%", 1, None],
            [
                "7.2.5.1. ",
                "Số hồ sơ TTHC được giải quyết đúng quy trình nội bộ TTHC",
                "Hồ sơ",
                6460,
                date(2021, 6, 4),
            ],
        ]
    )
    sheet = workbook.active
    sheet["D8"].number_format = "0.00%"
    sheet["D10"].number_format = "0%"
    sheet["D11"].number_format = "#,##0"
    report = read_xlsx(saved(workbook), form=FORM)
    assert report["3.4.1"] == Entry(value=Decimal("83.67"))
    assert report["3.4.2"] == Entry(value=Decimal("96.55"))
    assert report["3.4.3"] == Entry(value=Decimal(100))
    assert report["7.2.5.1"] == Entry(value=6460, note="04/06/2021")


def with_cached_result(data: bytes, formula: str, result: str) -> bytes:
    """Put a saved result after *formula*, as Excel does when it saves."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                content = re.sub(
                    rb"<f>" + re.escape(formula.encode()) + rb"</f>(<v\s*/>|<v></v>)?",
                    b"<f>" + formula.encode() + b"</f><v>" + result.encode() + b"</v>",
                    content,
                )
            target.writestr(info, content)
    return out.getvalue()


def test_a_formula_gives_its_saved_result() -> None:
    body: list[list[object]] = [
        *BODY[:2],
        ["1.1.1. ", "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", "=40+9", None],
    ]
    data = with_cached_result(saved(hand_made(body)), "40+9", "49")
    assert read_xlsx(data, form=FORM)["1.1.1"].value == 49


def test_a_formula_without_a_saved_result_is_a_read_error() -> None:
    body: list[list[object]] = [
        *BODY[:2],
        ["1.1.1. ", "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", "=40+9", None],
    ]
    with pytest.raises(ReadError, match="no saved result") as caught:
        read_xlsx(saved(hand_made(body)), form=FORM, source="x.xlsx")
    assert caught.value.problems[0].location == "sheet 'Sheet1' row 9"


# -- errors -----------------------------------------------------------------------------


def test_a_text_file_named_xlsx_is_a_read_error() -> None:
    with pytest.raises(ReadError) as caught:
        read_xlsx("STT,Chỉ tiêu\n".encode(), form=FORM, source="bang.xlsx")
    assert "bang.xlsx" in str(caught.value)
    assert "not an Excel (.xlsx) file" in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04" + bytes(range(256)) * 4, b"", bytes(range(256))],
    ids=["corrupt-zip", "empty", "random"],
)
def test_broken_bytes_are_a_read_error(data: bytes) -> None:
    with pytest.raises(ReadError, match=r"x\.xlsx: 1 problem"):
        read_xlsx(data, form=FORM, source="x.xlsx")


def test_a_word_file_is_not_a_workbook() -> None:
    from cchc.io.docx import write_docx

    with pytest.raises(ReadError, match="not a readable Excel"):
        read_xlsx(write_docx(seed()), form=FORM, source="x.xlsx")


def test_no_matching_sheet_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="no statistics table") as caught:
        read_xlsx(saved(hand_made(header=False, before=("Hướng dẫn",))), form=FORM, source="x.xlsx")
    assert "'Hướng dẫn', 'Sheet1'" in str(caught.value)


def test_wrong_column_count_is_a_read_error() -> None:
    body: list[list[object]] = [[*row[:4], None, row[4]] for row in BODY]
    with pytest.raises(ReadError) as caught:
        read_xlsx(saved(hand_made(body, columns=6)), form=FORM, source="x.xlsx")
    assert "6 columns" in str(caught.value)
    assert caught.value.problems[0].location == "sheet 'Sheet1' row 5"


def test_text_beside_the_table_is_a_read_error() -> None:
    workbook = hand_made()
    workbook.active["F9"] = "lạc chỗ"
    with pytest.raises(ReadError, match="outside the 5 columns") as caught:
        read_xlsx(saved(workbook), form=FORM, source="x.xlsx")
    assert caught.value.problems[0].location == "sheet 'Sheet1' row 9"


def test_the_checks_of_the_seed_fill_their_rows() -> None:
    report = seed()
    result = check(report)
    errors = {c for f in result if f.is_problem and f.severity.rank == 0 for c in f.indicators}
    assert errors
    sheet = load(write_xlsx(report, findings=result)).worksheets[0]
    for code in errors:
        cell = sheet.cell(row_of(sheet, code), 4)
        assert cell.fill.fgColor.rgb.endswith("FFC7CE"), code
        assert cell.comment is not None


def test_an_old_binary_file_is_a_read_error_that_says_so() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    with pytest.raises(ReadError, match="old-format") as caught:
        read_xlsx(ole, form=FORM, source="cu.xls")
    assert "save it as .xlsx" in str(caught.value)


def test_every_row_of_the_seed_has_an_explicit_height_from_its_wrapped_text() -> None:
    report = cchc.example_report()
    sheet = load(write_xlsx(report)).worksheets[0]
    top = row_of(sheet, "1")
    for row in range(top, top + len(report.form)):
        assert sheet.row_dimensions[row].height is not None, row

    def height(code: str) -> float:
        return float(sheet.row_dimensions[row_of(sheet, code)].height)

    # 1.1.2's long note wraps over three lines or more; 1.1.1 fits on one.
    assert height("1.1.2") >= 3 * height("1.1.1") - 10
    # Every count is a number cell: none of them is text made of digits.
    for row in range(top, top + len(report.form)):
        cell = sheet.cell(row, 4)
        assert not (isinstance(cell.value, str) and cell.value.strip().isdigit()), cell


def test_a_long_sheet_name_is_cut_between_words() -> None:
    from cchc.io._layout import sheet_name

    name = sheet_name("Tình hình tiếp nhận và giải quyết hồ sơ TTHC", fallback="x")
    assert len(name) <= 31 and name == "Tình hình tiếp nhận và giải"


def test_an_aggregate_notes_coverage_and_the_distribution_of_coded_answers() -> None:
    def unit(name: str, code: int) -> cchc.Report:
        return cchc.Report(
            form=FORM,
            reporter=cchc.Reporter(name, kind="district"),
            period="2021S1",
            entries={"1.1.1": 4, "1.4.1": 3, "1.4.2": code},
        )

    total = cchc.aggregate(
        [unit("A", 0), unit("B", 1), unit("C", 1)],
        reporter=cchc.Reporter("Tỉnh", kind="province"),
    )
    sheet = load(write_xlsx(total)).worksheets[0]
    note = sheet.cell(row_of(sheet, "1.4.2"), 5).value
    assert "3/3 đơn vị báo cáo" in note
    assert "Trực tuyến = 0: 1, Phát phiếu = 1: 2" in note
    assert "3/3 đơn vị báo cáo" in sheet.cell(row_of(sheet, "1.1.1"), 5).value
