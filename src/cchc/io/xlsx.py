"""Excel (.xlsx) files: read a report from the official table, write the official table.

Reading takes the first sheet that holds the statistics table (a header with
*STT*, *Chỉ tiêu*, *Đơn vị tính*, *Số liệu* and *Ghi chú*, merged over two rows or
not), the non-empty rows above the header as the title block, and the rows below
it as the body, and hands them to the same code that reads the text export
(:mod:`cchc.io.table`).  Cells become text as a person reads them, written the way
the text export writes numbers:

* text stays as typed (``'02`` typed as text stays ``02``);
* a whole number is written without a decimal part or grouping: ``6460``;
* other numbers keep the digits typed, with a decimal comma: ``83,67``;
* a cell with a percent number format holds a fraction (Excel shows 0.8367 as
  ``83.67%``): it is read on the 0–100 scale of the *Số liệu* column, exactly
  (``Decimal(repr(x)) * 100``), as ``83,67``;
* a date is written ``dd/mm/yyyy``; a formula gives its saved result.

The table ends at the first empty row after which no numbered row (``4.1.``)
follows, so a signature block below the table is not read as rows.

Writing produces the official layout on one sheet, numbers as numbers, and, when
findings are given, the *Số liệu* cells of the rows they concern filled by
severity with a comment holding the messages, plus a second sheet listing every
finding.

Both need openpyxl (``pip install 'cchc[office]'``), imported only when called.

>>> import cchc
>>> from cchc.io.xlsx import read_xlsx, write_xlsx
>>> report = cchc.Report(
...     form=cchc.load_form(),
...     period="2021S1",
...     reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
...     entries={"1.1.1": 49, "3.4.1": cchc.Entry(value=100, note="Đúng hạn")},
... )
>>> data = write_xlsx(report)
>>> read_xlsx(data, form=report.form).entries == report.entries
True
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import attrs

from cchc.errors import CchcError, ReadError
from cchc.findings import Finding
from cchc.formatting import format_finding, severity_label
from cchc.io._layout import aggregate_note, sheet_name, wrapped_lines
from cchc.io._office import (
    SEVERITY_FILLS,
    body_cells,
    check_container,
    check_row,
    document_time,
    extra_table,
    findings_by_code,
    locate_header,
    normalise_zip,
    office_library,
    office_report,
    problem_findings,
)
from cchc.io.numbers import cell_text
from cchc.io.table import HEADER_ROWS, SourceRow, official_rows, official_title
from cchc.limits import DEFAULT_LIMITS, Limits, quoted
from cchc.model import Form, IndicatorKind
from cchc.periods import Period
from cchc.reports import Report, Reporter

__all__ = ["read_xlsx", "write_xlsx"]


def _library() -> Any:
    return office_library("openpyxl")


# -- reading ---------------------------------------------------------------------------


def read_xlsx(
    data: bytes,
    *,
    form: Form | str,
    reporter: Reporter | None = None,
    period: Period | str | None = None,
    source: str = "<xlsx>",
    limits: Limits = DEFAULT_LIMITS,
    dash: str = "not-applicable",
) -> Report:
    """Read a report from the official table in an Excel workbook.

    Args:
        data: the file's bytes.
        form: the form the table fills in, or a built-in form's id (its version
            in force for the period is taken).
        reporter: who reports, when the title block does not say (or to override it).
        period: the period, likewise.
        source: the file name, for messages.
        limits: the bounds reading stays within (zip members, rows, columns, cells).
        dash: what a lone ``-`` cell means: ``"not-applicable"`` or ``"zero"``.

    Returns:
        The report, with the reading diagnostics in ``report.diagnostics``; a
        sheet other than the one read that holds text is a ``read.extra-sheet``
        diagnostic.

    Raises:
        ReadError: the bytes are not an Excel workbook, no sheet holds the
            statistics table, the table does not have the five columns of the
            official layout, or a formula has no saved result.
        LimitError: the workbook is beyond one of *limits*.
        UsageError: openpyxl is not installed.

    >>> import cchc
    >>> read_xlsx(b"", form=cchc.load_form(), source="empty.xlsx")
    Traceback (most recent call last):
    ...
    cchc.errors.ReadError: empty.xlsx: 1 problem:
      not an Excel (.xlsx) file: it is not a zip archive
    """
    title, rows, extra = _extract(data, source=source, limits=limits)
    return office_report(
        title, rows, extra, form=form, reporter=reporter, period=period, source=source, dash=dash
    )


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().strip("'\"")
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _load(data: bytes, *, source: str, values: bool) -> Any:
    openpyxl = _library()
    try:
        # openpyxl warns about every feature it drops (data validation, unknown
        # extensions, a missing default style); none of them matters for reading
        # the table, and a warning per file would drown the command's output.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # data_only=True gives a formula's saved result instead of its text;
            # read_only streams the sheets instead of building every cell at once.
            return openpyxl.load_workbook(io.BytesIO(data), data_only=values, read_only=True)
    except Exception as exc:  # openpyxl lets zipfile, KeyError and XML errors through
        msg = f"not a readable Excel (.xlsx) file: {_reason(exc)}"
        raise ReadError.one(msg, source=source) from None


@attrs.frozen
class _Cell:
    """One cell a sheet really holds (row and column from 1)."""

    row: int
    column: int
    value: object
    number_format: str
    data_type: str


def _cells(workbook: Any, sheet: Any, *, limits: Limits, source: str) -> Iterator[_Cell]:
    """The cells with a value of *sheet*, streamed, within *limits*.

    A sheet's dimension (``<dimension ref="A1:XFD1048576"/>``) is a claim, and
    openpyxl pads every row to it; the parser's own rows are what the file holds.
    """
    from openpyxl.cell.read_only import ReadOnlyCell  # noqa: PLC0415 - optional extra
    from openpyxl.worksheet._reader import WorkSheetParser  # noqa: PLC0415

    # openpyxl has no public way to stream the cells a sheet holds without padding
    # every row to the dimension; its read-only sheet's parser does, given what
    # the read-only sheet itself gives it.
    count = 0
    with warnings.catch_warnings(), sheet._get_source() as stream:  # noqa: SLF001
        warnings.simplefilter("ignore")
        parser = WorkSheetParser(
            stream,
            sheet._shared_strings,  # noqa: SLF001
            data_only=workbook.data_only,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,  # noqa: SLF001
            timedelta_formats=workbook._timedelta_formats,  # noqa: SLF001
        )
        for _index, row in parser.parse():
            for fields in row:
                if fields["value"] is None:
                    continue
                count += 1
                cell = ReadOnlyCell(sheet, **fields)
                check_row(
                    cell.row,
                    cell.column,
                    count,
                    limits,
                    source=source,
                    location=f"sheet {quoted(sheet.title)} cell {cell.coordinate}",
                )
                yield _Cell(cell.row, cell.column, cell.value, cell.number_format, cell.data_type)


def _extract(
    data: bytes, *, source: str, limits: Limits
) -> tuple[list[str], list[SourceRow], list[Finding]]:
    """The title lines and body rows of the statistics table in a workbook, and what was left."""
    check_container(data, kind="xlsx", limits=limits, source=source)
    workbook = _load(data, source=source, values=True)
    try:
        sheet, grid, header, extra = _find_sheet(workbook, source=source, limits=limits)
        # Each non-empty cell above the header is a title line (a merged title row
        # holds its text in its first cell).
        title = [
            line
            for row in grid[: header.first]
            for text in row
            for line in text.split("\n")
            if line.strip()
        ]
        numbered: list[tuple[int, SourceRow]] = []
        for index in _body_indices(grid, header.body, header.column):
            location = f"sheet {sheet.title!r} row {index + 1}"
            cells = body_cells(grid[index], header, source=source, location=location)
            numbered.append((index + 1, SourceRow(cells=cells, location=location)))
        if _has_formulas(data):
            _check_formulas(
                data, sheet.title, numbered, header.column, source=source, limits=limits
            )
    except CchcError:
        raise
    except Exception as exc:  # a malformed part of the workbook: say so, never a traceback
        raise ReadError.one(f"cannot read the workbook: {_reason(exc)}", source=source) from None
    finally:
        workbook.close()
    return title, [row for _number, row in numbered], extra


def _find_sheet(
    workbook: Any, *, source: str, limits: Limits
) -> tuple[Any, list[list[str]], Any, list[Finding]]:
    sheets = [ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")]
    first_problem: tuple[str, str] | None = None
    chosen: tuple[Any, list[list[str]], Any] | None = None
    extra: list[Finding] = []
    for sheet in sheets:
        grid = _grid(workbook, sheet, source=source, limits=limits)
        header = locate_header(grid)
        usable = header is not None and header.problem() is None
        if chosen is None and header is not None and usable:
            chosen = (sheet, grid, header)
            continue
        if header is not None and not usable and first_problem is None:
            problem = str(header.problem())
            first_problem = (problem, f"sheet {sheet.title!r} row {header.first + 1}")
        filled = sum(1 for row in grid for text in row if text.strip())
        if filled and not _is_findings_sheet(sheet.title, grid):
            extra.append(extra_table("sheet", repr(sheet.title), statistics=usable, cells=filled))
    if chosen is not None:
        return (*chosen, extra)
    if first_problem is not None:
        raise ReadError.one(first_problem[0], source=source, location=first_problem[1])
    names = ", ".join(repr(ws.title) for ws in sheets)
    msg = (
        f"no statistics table: no sheet ({names}) has the header "
        "STT | Chỉ tiêu | Đơn vị tính | Số liệu | Ghi chú"
    )
    raise ReadError.one(msg, source=source)


def _is_findings_sheet(title: str, grid: list[list[str]]) -> bool:
    """Whether a sheet is the list of findings :func:`write_xlsx` adds (derived, not data)."""
    return any(
        title == _FINDINGS_SHEET[language]
        and bool(grid)
        and tuple(grid[0][:4]) == _FINDINGS_HEADERS[language]
        for language in _FINDINGS_SHEET
    )


def _grid(workbook: Any, sheet: Any, *, source: str, limits: Limits) -> list[list[str]]:
    """The sheet as rows of cell texts (a merged range's text in its first cell only).

    Rows and columns go as far as the cells the sheet holds, whatever its
    dimension claims; a row is as long as its last cell.
    """
    grid: list[list[str]] = []
    positions = 0  # what the grid holds, padding included: bounded like the cells
    for cell in _cells(workbook, sheet, limits=limits, source=source):
        while len(grid) < cell.row:
            grid.append([])
        row = grid[cell.row - 1]
        if len(row) < cell.column:
            positions += cell.column - len(row)
            location = f"sheet {quoted(sheet.title)} row {cell.row}"
            check_row(cell.row, cell.column, positions, limits, source=source, location=location)
            row.extend([""] * (cell.column - len(row)))
        row[cell.column - 1] = _cell_text(cell.value, cell.number_format)
    return grid


_CODE = re.compile(r"\d+(\.\d+)*\.?")


def _body_indices(grid: list[list[str]], start: int, column: int) -> list[int]:
    """The body rows: non-empty rows up to the first empty row after the last numbered row."""
    numbered = [
        i
        for i in range(start, len(grid))
        if column < len(grid[i]) and _CODE.fullmatch(grid[i][column].strip())
    ]
    last = numbered[-1] if numbered else start
    indices: list[int] = []
    for index in range(start, len(grid)):
        empty = not any(text.strip() for text in grid[index])
        if empty and index > last:
            break
        if not empty:
            indices.append(index)
    return indices


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(data: bytes) -> bool:
    # The container check has bounded every member's size already.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(
            _FORMULA.search(archive.read(name))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )


def _check_formulas(
    data: bytes,
    title: str,
    rows: list[tuple[int, SourceRow]],
    column: int,
    *,
    source: str,
    limits: Limits,
) -> None:
    """Refuse formulas without a saved result: their cells would silently read as blank."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - optional extra

    workbook = _load(data, source=source, values=False)
    try:
        formulas = {
            (cell.row, cell.column): cell
            for cell in _cells(workbook, workbook[title], limits=limits, source=source)
            if cell.data_type == "f"
        }
    finally:
        workbook.close()
    for number, row in rows:
        for offset, text in enumerate(row.cells):
            cell = formulas.get((number, column + offset + 1))
            if not text and cell is not None:
                coordinate = f"{get_column_letter(cell.column)}{cell.row}"
                msg = (
                    f"cell {coordinate} holds the formula {quoted(str(cell.value))} with no "
                    "saved result: open the file in Excel or LibreOffice and save it again"
                )
                raise ReadError.one(msg, source=source, location=row.location)


def _cell_text(value: object, number_format: str) -> str:
    """A cell's value as the text export would write it.

    >>> _cell_text(6460, "#,##0"), _cell_text(83.67, "General"), _cell_text(0.8367, "0.00%")
    ('6460', '83,67', '83,67')
    >>> _cell_text(1.0, "0%"), _cell_text(date(2021, 6, 4), "d/m/yyyy"), _cell_text(None, "General")
    ('100', '04/06/2021', '')
    >>> _cell_text(2, "00"), _cell_text(12, "00"), _cell_text(123, "00")
    ('02', '12', '123')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time():
            return _date_text(value.date())
        return f"{_date_text(value.date())} {value:%H:%M:%S}".removesuffix(":00")
    if isinstance(value, date):
        return _date_text(value)
    if isinstance(value, time):
        return f"{value:%H:%M:%S}".removesuffix(":00")
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, int | float | Decimal):
        # repr() is the shortest text that gives back the same float: the digits typed.
        number = value if isinstance(value, Decimal) else Decimal(repr(value))
        if not number.is_finite():
            return str(value)
        padded = _ZERO_PADDED.fullmatch(number_format or "")
        if padded and number == number.to_integral_value() and number >= 0:
            # "00" shows 2 as 02: read what the sheet shows, as a person would.
            return f"{int(number):0{len(padded.group())}d}"
        if _is_percent_format(number_format):
            number *= 100
        return cell_text(_exact(number))
    return str(value)


def _date_text(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _exact(number: Decimal) -> int | Decimal:
    if number == number.to_integral_value():
        return int(number)
    return number.normalize()


_ZERO_PADDED = re.compile(r"0{2,}")
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def _is_percent_format(number_format: str) -> bool:
    """Whether a number format multiplies by 100 (a ``%`` outside quotes and escapes)."""
    return "%" in _QUOTED.sub("", number_format or "")


# -- writing ---------------------------------------------------------------------------

_WIDTHS = (8, 58, 16, 12, 32)
_FINDINGS_WIDTHS = (12, 18, 22, 80)
_FONT = "Times New Roman"
# The height of one line of Times New Roman 12 pt, in points, as Excel and
# LibreOffice lay it out, plus the cell's top and bottom padding.
_LINE_HEIGHT = 15.75
_PADDING = 2.25
_GRID_COLOUR = "000000"
_FINDINGS_SHEET = {"vi": "Kết quả kiểm tra", "en": "Findings"}
_FINDINGS_HEADERS = {
    "vi": ("Mức độ", "Quy tắc", "Chỉ tiêu", "Nội dung"),
    "en": ("Severity", "Rule", "Indicators", "Message"),
}
# Characters XML 1.0 cannot hold; openpyxl refuses them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAX_EXACT_DIGITS = 15  # a double holds 15 significant decimal digits exactly


def write_xlsx(report: Report, *, findings: Iterable[Finding] = (), locale: str = "vi") -> bytes:
    """Write *report* as the official table in an Excel workbook.

    The first sheet holds the title block, the two-row merged header and one row
    per indicator of the form; a number is stored as a number wherever reading it
    back gives the same text, otherwise as text (``02`` stays ``02``).  Each
    problem among *findings* (a failure or an error) fills the *Số liệu* cell of
    every row it names, red for errors, amber for warnings, blue for information,
    and attaches a comment with the messages in *locale*; a second sheet lists the
    problems.  Reading the file back gives the same entries.  The output is
    deterministic: the workbook's dates are the end of the reporting window.

    Args:
        report: the report to write.
        findings: findings to highlight, e.g. ``cchc.check(report)``.
        locale: the language of the comments and the findings sheet (``"vi"``, ``"en"``).

    Returns:
        The bytes of the .xlsx file.

    Raises:
        UsageError: openpyxl is not installed.
    """
    openpyxl = _library()
    from openpyxl.comments import Comment  # noqa: PLC0415 - optional extra
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: PLC0415

    findings = tuple(findings)
    english = locale.startswith("en")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    title_lines = official_title(report)
    sheet.title = sheet_name(title_lines[0] if title_lines else "", fallback="Báo cáo")
    side = Side(style="thin", color=_GRID_COLOUR)
    border = Border(left=side, right=side, top=side, bottom=side)
    plain, bold = Font(name=_FONT, size=12), Font(name=_FONT, size=12, bold=True)
    italic = Font(name=_FONT, size=12, italic=True)

    for number, line in enumerate(title_lines, start=1):
        cell = sheet.cell(row=number, column=1)
        _set_text(cell, line)
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=5)
        _set_height(sheet, number, wrapped_lines(line, sum(_WIDTHS), bold=True))

    top = len(title_lines) + 2  # one empty row between the title block and the table
    first, second = HEADER_ROWS
    for column, text in zip((1, 2, 3, 5), first, strict=True):
        _set_text(sheet.cell(row=top, column=column), text)
    for column in (3, 4):
        _set_text(sheet.cell(row=top + 1, column=column), second[column - 1])
    for column in range(1, 6):
        for row in (top, top + 1):
            cell = sheet.cell(row=row, column=column)
            cell.font, cell.border = bold, border
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for column in (1, 2, 5):
        sheet.merge_cells(start_row=top, start_column=column, end_row=top + 1, end_column=column)
    for row in (top, top + 1):
        _set_height(sheet, row, 1)
    sheet.merge_cells(start_row=top, start_column=3, end_row=top, end_column=4)

    marked = findings_by_code(findings)
    # official_rows gives one row per indicator, in the form's order.
    for offset, (official, indicator) in enumerate(
        zip(official_rows(report), report.form, strict=True)
    ):
        row = top + 2 + offset
        header = indicator.kind.is_header
        breakdown = indicator.kind is IndicatorKind.BREAKDOWN
        entry = report[indicator.code]
        cells = (*official[:4], aggregate_note(indicator, entry, official[4], locale=locale))
        lines = 1
        for column, text in enumerate(cells, start=1):
            cell = sheet.cell(row=row, column=column)
            if column == 4 and (numeric := _as_number(text)) is not None:
                cell.value = numeric
                if isinstance(numeric, int) and indicator.is_count:
                    cell.number_format = "#,##0"
            elif column == 4 and (padded := _zero_padded(text, entry.value)) is not None:
                # A count typed with leading zeros ("02") is a number shown as typed.
                cell.value, cell.number_format = padded
            else:
                _set_text(cell, text)
            indent = min(indicator.depth - 1, 15) if column == 2 and not header else 0
            lines = max(
                lines,
                wrapped_lines(text, _WIDTHS[column - 1], bold=header or column == 4, indent=indent),
            )
            cell.border = border
            cell.font = bold if header else italic if breakdown and column == 2 else plain
            cell.alignment = Alignment(
                horizontal="center" if column in (1, 3, 4) else "left",
                vertical="center",
                wrap_text=True,
                indent=indent,
            )
        _set_height(sheet, row, lines)
        problems = marked.get(indicator.code)
        if problems:
            cell = sheet.cell(row=row, column=4)
            colour = SEVERITY_FILLS[problems[0].severity]
            cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
            text = "\n".join(format_finding(f, locale=locale) for f in problems)
            comment = Comment(_clean(text), "cchc")
            comment.width, comment.height = 360, max(80, 40 * len(problems))
            cell.comment = comment

    for column, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[chr(ord("A") + column - 1)].width = width
    sheet.freeze_panes = sheet.cell(row=top + 2, column=1)
    sheet.print_title_rows = f"{top}:{top + 1}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    listed = problem_findings(findings)
    if listed:
        language = "en" if english else "vi"
        extra = workbook.create_sheet(_FINDINGS_SHEET[language])
        for column, text in enumerate(_FINDINGS_HEADERS[language], start=1):
            cell = extra.cell(row=1, column=column, value=text)
            cell.font, cell.border = bold, border
        for row, finding in enumerate(listed, start=2):
            values = (
                severity_label(finding.severity, locale=locale),
                finding.rule,
                ", ".join(finding.indicators),
                finding.text(locale),
            )
            for column, text in enumerate(values, start=1):
                cell = extra.cell(row=row, column=column)
                _set_text(cell, text)
                cell.font, cell.border = plain, border
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            _set_height(
                extra,
                row,
                max(map(wrapped_lines, values, _FINDINGS_WIDTHS)),
            )
            colour = SEVERITY_FILLS[finding.severity]
            extra.cell(row=row, column=1).fill = PatternFill(
                fill_type="solid", start_color=colour, end_color=colour
            )
        for letter, width in zip("ABCD", _FINDINGS_WIDTHS, strict=True):
            extra.column_dimensions[letter].width = width
        # Printed on one page width, the header repeated: the list reads like the table.
        extra.print_title_rows = "1:1"
        extra.page_setup.paperSize = extra.PAPERSIZE_A4
        extra.page_setup.orientation = "landscape"
        extra.page_setup.fitToWidth, extra.page_setup.fitToHeight = 1, 0
        extra.sheet_properties.pageSetUpPr.fitToPage = True

    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = "cchc"
    properties.title = " ".join(title_lines)
    properties.subject = report.form.title
    # openpyxl takes naive datetimes as UTC.
    when = document_time(report.period.window.end).replace(tzinfo=None)
    properties.created = properties.modified = when
    buffer = io.BytesIO()
    workbook.save(buffer)
    # openpyxl stamps "modified" with the clock on save: put the fixed date back.
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return normalise_zip(
        buffer.getvalue(),
        edit={"docProps/core.xml": lambda xml: _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", xml)},
    )


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _clean(text: str) -> str:
    return _ILLEGAL.sub("", text)


def _set_text(cell: Any, text: str) -> None:
    """Store *text* as text: never as a formula (``=…``) or an error code (``#N/A``)."""
    cell.value = _clean(text)
    if cell.data_type != "s":
        cell.data_type = "s"


def _set_height(sheet: Any, row: int, lines: int) -> None:
    """Give *row* an explicit height for *lines* lines: programs do not grow stored rows."""
    sheet.row_dimensions[row].height = lines * _LINE_HEIGHT + _PADDING


def _zero_padded(text: str, value: object) -> tuple[int, str] | None:
    """A whole number typed with leading zeros (``02``): the number and a format showing it so."""
    typed = isinstance(value, int) and text.isdigit() and len(text) > 1
    if typed and text.startswith("0") and int(text) == value:
        return int(text), "0" * len(text)
    return None


def _as_number(text: str) -> int | Decimal | None:
    """The number to store for a *Số liệu* text, when reading it back gives the same text."""
    body = text.replace(",", ".", 1)
    try:
        number = Decimal(body)
    except ArithmeticError:
        return None
    if not number.is_finite() or len(number.as_tuple().digits) > _MAX_EXACT_DIGITS:
        return None
    value = _exact(number)
    return value if _cell_text(value, "General") == text else None
