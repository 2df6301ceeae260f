"""Writing a round: the Excel workbook, the Word annex, the web page, the JSON document."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc.errors import UsageError
from cchc.formatting import format_percent
from cchc.io._office import office_library
from cchc.values import Entry

if TYPE_CHECKING:
    from cchc.round._build import Round

__all__ = [
    "completeness_paragraph",
    "province_rows",
    "round_docx",
    "round_xlsx",
    "shared_places",
    "write_round",
]

_FONT = "Times New Roman"


def write_round(round_: Round, path: str | os.PathLike[str]) -> None:
    """Write *round_* to *path*, in the format its extension says."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".json":
        text = json.dumps(round_.as_data(), ensure_ascii=False, indent=2) + "\n"
        target.write_text(text, encoding="utf-8")
    elif suffix in (".html", ".htm"):
        target.write_text(round_.html(), encoding="utf-8")
    elif suffix == ".xlsx":
        target.write_bytes(round_xlsx(round_))
    elif suffix == ".docx":
        target.write_bytes(round_docx(round_))
    else:
        msg = f"{path}: a round is written as .xlsx, .docx, .html or .json"
        raise UsageError(msg)


# -- shared ------------------------------------------------------------------------------------


def coverage_text(entry: Entry) -> str:
    """``7/9`` for an aggregated entry, else empty."""
    return f"{entry.coverage.reported}/{entry.coverage.expected}" if entry.coverage else ""


def coverage_share(entry: Entry) -> Decimal | None:
    """The share of expected units that reported the row, 0–100, or ``None``."""
    coverage = entry.coverage
    if coverage is None or coverage.expected <= 0:
        return None
    return (Decimal(100) * coverage.reported / coverage.expected).quantize(Decimal("0.1"))


def distribution_text(entry: Entry, legend: dict[int, str] | None = None) -> str:
    """The answers of a coded row: ``Có (1): 4; Không (0): 3``."""
    if not entry.distribution:
        return ""
    parts = []
    for code, count in entry.distribution.items():
        label = (legend or {}).get(code)
        parts.append(f"{label} ({code}): {count}" if label else f"{code}: {count}")
    return "; ".join(parts)


def _legend(round_: Round, code: str) -> dict[int, str]:
    codes = round_.form[code].codes
    return {} if codes is None else {item.value: item.label for item in codes.codes}


def province_rows(round_: Round) -> list[tuple[Any, ...]]:
    """The province table's rows.

    Each row: STT, Chỉ tiêu, Đơn vị tính, Số liệu, Ghi chú, coverage, coverage share,
    answers, and whether it is a header row of the form.
    """
    from cchc.io.table import official_rows  # noqa: PLC0415

    rows = []
    total = round_.aggregate
    for (stt, name, unit, cell, note), indicator in zip(
        official_rows(total), total.form, strict=True
    ):
        entry = total[indicator.code]
        value: Any = entry.value if isinstance(entry.value, int | Decimal) else cell
        rows.append(
            (
                stt.strip(),
                name,
                unit,
                value,
                note,
                coverage_text(entry),
                coverage_share(entry),
                distribution_text(entry, _legend(round_, indicator.code)),
                indicator.kind.is_header,
            )
        )
    return rows


def completeness_paragraph(round_: Round, *, coverage_column: bool = True) -> str:
    """A short paragraph in Vietnamese on who reported, who did not, who was late.

    With *coverage_column*, a last sentence explains the table's "Đã báo cáo" column.
    """
    expected, received = len(round_.expected), len(round_.received)
    share = Decimal(100) * received / expected if expected else Decimal(0)
    text = (
        f"Kỳ báo cáo {round_.period.label()}: {received}/{expected} đơn vị đã gửi báo cáo"
        f" ({format_percent(share, decimals=1)})."
    )
    if round_.missing:
        names = ", ".join(unit.name for unit in round_.missing)
        text += f" Chưa gửi báo cáo: {names}."
    if round_.late:
        names = ", ".join(
            f"{late.unit.name} (ngày {late.submitted.strftime('%d/%m/%Y')})" for late in round_.late
        )
        text += f" Gửi sau hạn ngày {round_.deadline.strftime('%d/%m/%Y')}: {names}."
    errors = sum(1 for _, item in round_.received if item.has_errors)
    if errors:
        text += f" {errors} báo cáo có lỗi số liệu cần đơn vị rà soát."
    if round_.excluded:
        text += (
            f" {len(round_.excluded)} giá trị sai quy tắc ô không được cộng vào số liệu toàn tỉnh."
        )
    text += " Số liệu tổng hợp cộng từ các báo cáo đã nhận"
    if coverage_column:
        text += (
            "; cột “Đã báo cáo” ghi số đơn vị báo cáo trên số đơn vị thuộc diện báo cáo chỉ tiêu"
        )
    text += "."
    return text


# -- xlsx --------------------------------------------------------------------------------------


def round_xlsx(round_: Round) -> bytes:
    """The workbook: summary, province table, unit × rule matrix, missing list, excluded values."""
    openpyxl = office_library("openpyxl")
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    plain, bold = Font(name=_FONT, size=12), Font(name=_FONT, size=12, bold=True)
    title_font = Font(name=_FONT, size=14, bold=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DDE4EE")
    wrap = Alignment(vertical="top", wrap_text=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    book = openpyxl.Workbook()

    def table(
        sheet: Any,
        top: int,
        header: list[str],
        rows: list[list[Any]],
        widths: list[int],
        *,
        print_titles: bool = True,
    ) -> None:
        for column, text in enumerate(header, start=1):
            cell = sheet.cell(row=top, column=column, value=text)
            cell.font, cell.border, cell.fill, cell.alignment = bold, box, head_fill, centre
        for r, row in enumerate(rows, start=top + 1):
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=column, value=value)
                cell.font, cell.border, cell.alignment = plain, box, wrap
                if isinstance(value, int):
                    cell.number_format = "#,##0"
                elif isinstance(value, Decimal):
                    cell.number_format = "#,##0.00"
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        for r, row in enumerate([header, *rows], start=top):
            # Spreadsheet programs do not grow rows for wrapped text they did not lay out.
            lines = max(
                (
                    _lines(value, widths[c] if c < len(widths) else 10, bold=r == top)
                    for c, value in enumerate(row)
                ),
                default=1,
            )
            if lines > 1:
                sheet.row_dimensions[r].height = 15.75 * lines
        sheet.freeze_panes = sheet.cell(row=top + 1, column=1)
        if print_titles:
            # A table longer than a page repeats its header on every printed page.
            sheet.print_title_rows = f"{top}:{top}"

    # Summary
    sheet = book.active
    sheet.title = "Tổng quan"
    sheet["A1"] = f"TỔNG HỢP KỲ BÁO CÁO {round_.period.label().upper()}"
    sheet["A1"].font = title_font
    if round_.register.province:
        sheet["A2"] = round_.register.province
        sheet["A2"].font = bold
    counts: list[list[Any]] = [
        ["Đơn vị phải báo cáo", len(round_.expected)],
        ["Đã nhận báo cáo", len(round_.received)],
        ["Chưa báo cáo", len(round_.missing)],
        [f"Nộp sau hạn ({round_.deadline.strftime('%d/%m/%Y')})", len(round_.late)],
        ["Báo cáo có lỗi", sum(1 for _, item in round_.received if item.has_errors)],
        ["Gửi nhiều lần", len(round_.duplicates)],
        ["Không có trong danh sách đơn vị", len(round_.unknown)],
        [
            "Không tính vào kỳ này (khác kỳ, khác biểu mẫu…)",
            len(round_.set_aside) - len(round_.unknown),
        ],
        ["Không đọc được", len(round_.unreadable)],
        ["Giá trị sai không cộng vào tổng hợp", len(round_.excluded)],
    ]
    table(sheet, 4, ["Nội dung", "Số lượng"], counts, [48, 12], print_titles=False)
    sheet["A16"] = completeness_paragraph(round_)
    sheet["A16"].alignment = wrap
    sheet["A16"].font = plain
    sheet.merge_cells("A16:F21")
    # A long list of missing units must not be cut off at the merged block's six rows.
    unit_widths = [48, 26, 8, 10, 12, 60]
    needed = 15.75 * _lines(sheet["A16"].value, sum(unit_widths))
    for r in range(16, 22):
        sheet.row_dimensions[r].height = max(15.75, needed / 6)
    top = 24
    sheet.cell(row=top, column=1, value="Kết quả kiểm tra từng báo cáo").font = bold
    per_unit = [
        [
            unit.name,
            Path(item.file).name,
            dict(item.summary).get("error", 0),
            dict(item.summary).get("warning", 0),
            item.report.submitted.strftime("%d/%m/%Y") if item.report.submitted else "",
            ", ".join(item.failed),
        ]
        for unit, item in round_.received
    ]
    table(
        sheet,
        top + 1,
        ["Đơn vị", "Tệp", "Lỗi", "Cảnh báo", "Ngày ký", "Quy tắc không đạt"],
        per_unit,
        unit_widths,
        print_titles=False,  # the summary's first rows, not this header, open its pages
    )
    sheet.freeze_panes = None

    # Province table
    sheet = book.create_sheet("Biểu tổng hợp")
    sheet["A1"] = round_.form.title.partition(" — ")[0] or round_.form.id
    sheet["A1"].font = bold
    sheet["A2"] = (
        f"TỔNG HỢP {(round_.register.province or '').upper()} {round_.period.label().upper()}"
    ).replace("  ", " ")
    sheet["A2"].font = title_font
    header = [
        "STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú",
        "Đã báo cáo", "Tỷ lệ báo cáo (%)", "Phân bố câu trả lời",
    ]  # fmt: skip
    rows = province_rows(round_)
    table(sheet, 4, header, [list(row[:8]) for row in rows], [9, 60, 14, 12, 40, 12, 12, 30])
    for offset, row in enumerate(rows, start=5):
        if row[8]:  # a header row of the form
            for column in range(1, 9):
                sheet.cell(row=offset, column=column).font = bold
        sheet.cell(row=offset, column=7).number_format = "0.0"

    # Unit × rule
    sheet = book.create_sheet("Đơn vị × quy tắc")
    rules = list(round_.rules)
    matrix = [
        [unit.name, *[counts_.get(rule) or None for rule in rules]]
        for unit, counts_ in round_.matrix()
    ]
    table(sheet, 1, ["Đơn vị", *rules], matrix, [44, *[9] * len(rules)])
    # Rule ids (``read.value-on-header``) are longer than a count column is wide:
    # set upright they would break mid-word, so they stand rotated, as in a printed matrix.
    rotated = Alignment(horizontal="center", vertical="bottom", text_rotation=90)
    for c in range(2, len(rules) + 2):
        sheet.cell(row=1, column=c).alignment = rotated
    longest = max((len(rule) for rule in rules), default=0)
    sheet.row_dimensions[1].height = max(15.75, _ROTATED_CHARACTER * longest + 10)
    fail_fill = PatternFill("solid", fgColor="F8D7DA")
    for r in range(2, len(matrix) + 2):
        for c in range(2, len(rules) + 2):
            cell = sheet.cell(row=r, column=c)
            cell.alignment = centre
            if cell.value:
                cell.fill = fail_fill
    sheet.freeze_panes = "B2"

    # Missing, late, unknown
    sheet = book.create_sheet("Chưa báo cáo")
    missing = [[unit.id, unit.name, unit.kind.label, "Chưa báo cáo", ""] for unit in round_.missing]
    missing += [
        [late.unit.id, late.unit.name, late.unit.kind.label, "Nộp sau hạn",
         f"{late.submitted.strftime('%d/%m/%Y')} (muộn {late.days} ngày)"]
        for late in round_.late
    ]  # fmt: skip
    missing += [["", a.name, "", "Không có trong danh sách", a.file] for a in round_.unknown]
    missing += [
        ["", a.name, "", "Không tính vào kỳ này", f"{a.label}: {a.file}"]
        for a, _ in round_.set_aside
        if a.reason != "unknown"
    ]
    missing += [["", "", "", "Không đọc được", u.message] for u in round_.unreadable]
    table(
        sheet, 1, ["Mã", "Đơn vị", "Loại", "Tình trạng", "Chi tiết"], missing, [14, 44, 20, 24, 60]
    )

    # Excluded values
    sheet = book.create_sheet("Giá trị loại trừ")
    excluded = [
        [e.unit.name, e.code, round_.form[e.code].display_name, e.value, e.rule, e.message]
        for e in round_.excluded
    ]
    table(
        sheet,
        1,
        ["Đơn vị", "Mã", "Chỉ tiêu", "Giá trị", "Quy tắc", "Lý do"],
        excluded,
        [40, 10, 50, 12, 10, 70],
    )

    # Rankings
    sheet = book.create_sheet("Xếp hạng tỷ lệ")
    ranking_rows: list[list[Any]] = []
    names = {d.id: d.name for d in round_.form.ratios}
    for ratio_id, ranked in round_.rankings().items():
        ranking_rows.extend(
            [names.get(ratio_id, ratio_id), place, unit.name, value]
            for place, (unit, value) in zip(shared_places(ranked), ranked, strict=True)
        )
    table(sheet, 1, ["Tỷ lệ", "Hạng", "Đơn vị", "Giá trị (%)"], ranking_rows, [60, 8, 44, 14])

    for each in book.worksheets:
        # Printed (or saved as PDF), each sheet fits the width of a landscape A4 page.
        each.page_setup.orientation = "landscape"
        each.page_setup.paperSize = each.PAPERSIZE_A4
        each.sheet_properties.pageSetUpPr.fitToPage = True
        each.page_setup.fitToWidth = 1
        each.page_setup.fitToHeight = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# The advance of a rotated 12 pt bold Times New Roman character, in points (row height).
_ROTATED_CHARACTER = 6.5


def _lines(value: object, width: int, *, bold: bool = False) -> int:
    """How many lines *value* takes in a column *width* characters wide, wrapped at words."""
    from cchc.io._layout import wrapped_lines  # noqa: PLC0415

    if not isinstance(value, str) or not value:
        return 1
    return wrapped_lines(value, width, bold=bold)


def shared_places(ranked: Sequence[tuple[object, Decimal | None]]) -> list[int | None]:
    """The places of a ranking: equal values share a place, the next one skips (1, 1, 3).

    Units without a value have no place.

    >>> shared_places([("a", Decimal(5)), ("b", Decimal(5)), ("c", Decimal(1)), ("d", None)])
    [1, 1, 3, None]
    """
    places: list[int | None] = []
    for index, (_, value) in enumerate(ranked):
        if value is None:
            places.append(None)
        elif index and ranked[index - 1][1] == value:
            places.append(places[-1])
        else:
            places.append(index + 1)
    return places


# -- docx --------------------------------------------------------------------------------------


def round_docx(round_: Round) -> bytes:
    """The Word annex: the province table in the official layout, then a completeness paragraph."""
    docx = office_library("docx")
    from docx.shared import Pt  # noqa: PLC0415

    from cchc.io import write  # noqa: PLC0415

    table_bytes = write(round_.aggregate, "docx")
    assert isinstance(table_bytes, bytes)  # noqa: S101 - docx is a binary format
    document = docx.Document(io.BytesIO(table_bytes))
    # Below the table: the completeness of the round, as the officer writes it.
    title = document.add_paragraph()
    title.paragraph_format.space_before = Pt(12)
    heading = title.add_run("Tình hình gửi báo cáo")
    heading.bold = True
    heading.font.size = Pt(13)
    heading.font.name = _FONT
    run = document.add_paragraph().add_run(completeness_paragraph(round_, coverage_column=False))
    run.font.size = Pt(13)
    run.font.name = _FONT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
