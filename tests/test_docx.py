"""Word (.docx) files: reading the official table, writing it, and the round trip."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

import cchc
from cchc import strategies as cst
from cchc.errors import ReadError
from cchc.io.docx import read_docx, write_docx
from cchc.io.text import read_text, write_text
from cchc.rules import check
from cchc.values import Entry, Status

docx = pytest.importorskip("docx")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
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
            "2.1": Entry(value=3, note="=SUM(A1) #N/A"),
        },
    )


def read_back(report: cchc.Report, **kwargs: object) -> cchc.Report:
    return read_docx(write_docx(report), form=report.form, source="back.docx", **kwargs)  # type: ignore[arg-type]


# -- round trips ------------------------------------------------------------------------


@pytest.mark.parametrize("build", [seed, varied], ids=["seed", "varied"])
def test_round_trip_gives_the_same_report(build: object) -> None:
    report = build()  # type: ignore[operator]
    back = read_back(report)
    assert back.entries == report.entries
    assert (back.reporter, back.period) == (report.reporter, report.period)


def test_reads_as_the_text_export_does() -> None:
    report = varied()
    from_docx = read_back(report)
    from_text = read_text(write_text(report), form=FORM)
    assert from_docx.entries == from_text.entries
    assert [(f.rule, f.indicators, f.message) for f in from_docx.diagnostics] == [
        (f.rule, f.indicators, f.message) for f in from_text.diagnostics
    ]


def test_output_is_deterministic_and_dated_by_the_reporting_window() -> None:
    report = seed()
    first, second = write_docx(report), write_docx(report)
    assert first == second
    properties = docx.Document(io.BytesIO(first)).core_properties
    end = report.period.window.end
    assert (
        properties.created
        == properties.modified
        == datetime(end.year, end.month, end.day, tzinfo=UTC)
    )
    assert properties.author == "cchc"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cst.reports())
def test_any_valid_report_round_trips(report: cchc.Report) -> None:
    back = read_back(report, reporter=report.reporter, period=report.period)
    # Name the rows that differ: the reports' own repr is too long to read.
    assert [(c, back[c]) for c in report.form.codes if back[c] != report[c]] == []


# -- the written layout -----------------------------------------------------------------


def statistics_table(data: bytes) -> object:
    document = docx.Document(io.BytesIO(data))
    return document.tables[0]


def test_written_header_is_the_merged_two_row_header() -> None:
    table = statistics_table(write_docx(seed()))
    first, second = table.rows[0]._tr, table.rows[1]._tr  # type: ignore[attr-defined]  # noqa: SLF001 - python-docx XML
    texts = ["\n".join(p.text for p in tc.iter(f"{W}p")) for tc in first.tc_lst]
    assert texts[0] == "STT" and texts[2] == "Kết quả thống kê" and texts[3] == "Ghi chú"
    assert texts[1].startswith("Chỉ tiêu thống kê\n(Sử dụng")
    assert [tc.grid_span for tc in first.tc_lst] == [1, 1, 2, 1]
    assert [tc.vMerge for tc in second.tc_lst] == ["continue", "continue", None, None, "continue"]
    assert first.trPr.find(f"{W}tblHeader") is not None


def test_written_title_block_names_reporter_and_period() -> None:
    document = docx.Document(io.BytesIO(write_docx(seed())))
    title = [p.text for p in document.paragraphs][:4]
    assert title[0] == "Phụ lục 2B"
    assert "TẠI SỞ NỘI VỤ 6 THÁNG ĐẦU NĂM 2021" in title


def test_section_rows_are_bold() -> None:
    table = statistics_table(write_docx(seed()))
    section = table.rows[2].cells  # type: ignore[attr-defined]
    value_row = table.rows[4].cells  # type: ignore[attr-defined]
    assert section[1].text == "Công tác chỉ đạo điều hành CCHC"
    assert section[1].paragraphs[0].runs[0].bold is True
    assert value_row[1].paragraphs[0].runs[0].bold is None


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


def fill_of(cell: object) -> str | None:
    shading = cell._tc.tcPr.find(f"{W}shd")  # type: ignore[attr-defined]  # noqa: SLF001 - python-docx XML
    return None if shading is None else shading.get(f"{W}fill")


def row_of(table: object, code: str) -> int:
    return 2 + FORM.codes.index(code)


def test_findings_shade_the_value_cells_of_their_rows_and_are_listed() -> None:
    findings = FINDINGS
    data = write_docx(seed(), findings=findings)
    table = statistics_table(data)
    rows = table.rows  # type: ignore[attr-defined]
    assert fill_of(rows[row_of(table, "1.1.1")].cells[3]) == "FFC7CE"
    assert fill_of(rows[row_of(table, "1.1.2")].cells[3]) == "FFC7CE"
    assert fill_of(rows[row_of(table, "3.4.1")].cells[3]) == "FFEB9C"
    assert fill_of(rows[row_of(table, "1.1.3")].cells[3]) is None  # a pass is not highlighted
    assert rows[row_of(table, "1.1.1")].cells[0].text == "1.1.1. "
    after = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "Kết quả kiểm tra" in after
    assert any("R1" in line and "Số nhiệm vụ hoàn thành vượt số đề ra" in line for line in after)
    assert not any("đúng" in line for line in after)
    english = [
        p.text
        for p in docx.Document(
            io.BytesIO(write_docx(seed(), findings=findings, locale="en"))
        ).paragraphs
    ]
    assert "Check results" in english
    assert any("More tasks done than planned" in line for line in english)
    # Highlighting changes nothing that is read back.
    assert read_docx(data, form=FORM).entries == seed().entries


# -- reading tables made by hand --------------------------------------------------------


def hand_made(
    rows: list[list[str]],
    *,
    header: bool = True,
    title: tuple[str, ...] = (
        "Phụ lục 2B",
        "TẠI SỞ NỘI VỤ 6 THÁNG ĐẦU NĂM",
        "(Ban hành kèm theo Báo cáo số   /BC-SNV ngày   /6/2021 của Sở Nội vụ)",
    ),
    letterhead: bool = False,
    columns: int = 5,
) -> bytes:
    """A Word file typed the way an office would: title, merged header, body rows."""
    document = docx.Document()
    if letterhead:
        head = document.add_table(rows=1, cols=2)
        head.cell(0, 0).text = "UBND TỈNH NAM ĐỊNH\nSỞ NỘI VỤ"
        head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    for line in title:
        document.add_paragraph(line)
    document.add_paragraph("")
    offset = 2 if header else 0
    table = document.add_table(rows=offset + len(rows), cols=columns)
    if header:
        table.cell(0, 0).merge(table.cell(1, 0)).text = "STT"
        name = table.cell(0, 1).merge(table.cell(1, 1))
        name.text = "Chỉ tiêu thống kê"
        name.add_paragraph("(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)")
        table.cell(0, 2).merge(table.cell(0, 3)).text = "Kết quả thống kê"
        table.cell(1, 2).text = "Đơn vị tính"
        table.cell(1, 3).text = "Số liệu"
        for column in range(4, columns):
            table.cell(0, column).merge(table.cell(1, column)).text = (
                "Ghi chú" if column == columns - 1 else "Kỳ trước"
            )
    for index, cells in enumerate(rows):
        for column, text in enumerate(cells):
            lines = text.split("\n")
            cell = table.cell(offset + index, column)
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    document.add_paragraph("Người lập biểu")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


BODY = [
    ["1. ", "Công tác chỉ đạo điều hành CCHC", "", "", ""],
    ["1.1. ", "Kế hoạch CCHC ", "", "", ""],
    ["1.1.1. ", "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", "49", ""],
    ["1.1.2. ", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", "41", "6 nhiệm vụ\n35 đang làm"],
    ["1.4.2. ", "Hình thức khảo sát", "Trực tuyến = 0\nPhát phiếu = 1\nKết hợp = 2", "1", ""],
]


def test_reads_a_hand_made_table_with_merged_header_and_title() -> None:
    report = read_docx(hand_made(BODY, letterhead=True), form=FORM, source="so-noi-vu.docx")
    assert report.reporter == SO_NOI_VU
    assert report.period == cchc.Period.parse("2021S1")
    assert report["1.1.1"].value == 49
    assert report["1.1.2"] == Entry(value=41, note="6 nhiệm vụ\n35 đang làm")
    assert report["1.4.2"].value == 1
    assert report["1.1.3"].is_blank


def test_merged_body_cells_read_once() -> None:
    data = hand_made(BODY)
    document = docx.Document(io.BytesIO(data))
    table = document.tables[0]
    table.cell(2, 1).merge(table.cell(2, 4))  # the section name spans the row
    buffer = io.BytesIO()
    document.save(buffer)
    report = read_docx(buffer.getvalue(), form=FORM)
    assert report["1.1.1"].value == 49
    assert not [f for f in report.diagnostics if "1" in f.indicators]


def test_reads_a_one_row_header_with_a_column_numbering_row() -> None:
    rows = [
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        *BODY,
    ]
    report = read_docx(hand_made(rows, header=False), form=FORM)
    assert (report["1.1.1"].value, report["1.1.2"].value) == (49, 41)
    assert not [f for f in report.diagnostics if f.rule == "read.name-differs"]


def test_reporter_and_period_can_be_given() -> None:
    data = hand_made(BODY, title=())
    district = cchc.Reporter("UBND huyện A", kind="district")
    report = read_docx(data, form=FORM, reporter=district, period=cchc.Period.parse("2021Q1"))
    assert (report.reporter, report.period.id) == (district, "2021Q1")


# -- errors -----------------------------------------------------------------------------


def test_a_text_file_named_docx_is_a_read_error() -> None:
    with pytest.raises(ReadError) as caught:
        read_docx("\tSTT\n\tChỉ tiêu\n".encode(), form=FORM, source="bang.docx")
    assert "bang.docx" in str(caught.value)
    assert "not a Word (.docx) file" in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + bytes(range(256)) * 4,
        b"",
        bytes(range(256)),
    ],
    ids=["corrupt-zip", "empty", "random"],
)
def test_broken_bytes_are_a_read_error(data: bytes) -> None:
    with pytest.raises(ReadError, match=r"x\.docx: 1 problem"):
        read_docx(data, form=FORM, source="x.docx")


def test_a_zip_that_is_not_a_word_file_is_a_read_error() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(ReadError, match="not a readable Word"):
        read_docx(buffer.getvalue(), form=FORM, source="x.docx")


def test_a_workbook_is_not_a_word_file() -> None:
    from cchc.io.xlsx import write_xlsx

    with pytest.raises(ReadError, match="not a readable Word"):
        read_docx(write_xlsx(seed()), form=FORM, source="x.docx")


def test_no_statistics_table_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="no statistics table"):
        read_docx(hand_made(BODY, header=False), form=FORM, source="x.docx")


def test_wrong_column_count_is_a_read_error() -> None:
    rows = [[*row[:4], "", row[4]] for row in BODY]
    with pytest.raises(ReadError) as caught:
        read_docx(hand_made(rows, columns=6), form=FORM, source="x.docx")
    assert "6 columns" in str(caught.value)
    assert caught.value.problems[0].location == "table 1"


def test_text_beside_the_table_is_a_read_error() -> None:
    document = docx.Document(io.BytesIO(hand_made(BODY)))
    table = document.tables[0]
    row = table.add_row()
    extra = row._tr.add_tc()  # noqa: SLF001 - python-docx XML
    extra.append(docx.oxml.OxmlElement("w:p"))
    row.cells[5].text = "lạc chỗ"
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(ReadError, match="outside the 5 columns") as caught:
        read_docx(buffer.getvalue(), form=FORM, source="x.docx")
    assert caught.value.problems[0].location == f"table 1 row {len(table.rows)}"


def test_the_checks_of_the_seed_shade_their_rows() -> None:
    report = seed()
    result = check(report)
    errors = {c for f in result if f.is_problem and f.severity.rank == 0 for c in f.indicators}
    assert errors
    rows = statistics_table(write_docx(report, findings=result)).rows  # type: ignore[attr-defined]
    for code in errors:
        assert fill_of(rows[row_of(rows, code)].cells[3]) == "FFC7CE", code


def test_an_old_binary_file_is_a_read_error_that_says_so() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    with pytest.raises(ReadError, match="old-format") as caught:
        read_docx(ole, form=FORM, source="cu.doc")
    assert "save it as .docx" in str(caught.value)


def test_counts_are_grouped_the_vietnamese_way_and_read_back_plain() -> None:
    import docx

    report = cchc.example_report()
    data = write_docx(report)
    tables = docx.Document(io.BytesIO(data)).tables
    texts = [cell.text for table in tables for row in table.rows for cell in row.cells]
    assert "6.460" in texts and "6460" not in texts
    again = read_docx(data, form=report.form)
    assert again["7.2.5.1"].value == 6460 and again["7.2.5.1"].raw is None
