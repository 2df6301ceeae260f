"""Word (.docx) files: read a report from the official table, write the official table.

Reading finds the statistics table (the one whose header has *STT*, *Chỉ tiêu*,
*Đơn vị tính*, *Số liệu* and *Ghi chú*, merged over two rows or not), takes the
paragraphs before it as the title block, and hands the body rows to the same
code that reads the text export (:mod:`cchc.io.table`), so a ``.docx`` and its
``.txt`` export give the same report.

Writing produces the official layout: the title block, the two-row merged
header, one row per indicator (sections and groups in bold) and, when findings
are given, the value cells of the rows they concern shaded by severity with the
findings listed after the table.  Counts are written with Vietnamese grouping
(``6.460``), as official documents print them; reading gives the plain number back.

Both need python-docx (``pip install 'cchc[office]'``), imported only when called.

>>> import cchc
>>> from cchc.io.docx import read_docx, write_docx
>>> report = cchc.Report(
...     form=cchc.load_form(),
...     period="2021S1",
...     reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
...     entries={"1.1.1": 49, "1.1.2": 41},
... )
>>> data = write_docx(report)
>>> data[:2]
b'PK'
>>> read_docx(data, form=report.form).entries == report.entries
True
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from cchc.errors import CchcError, ReadError
from cchc.findings import Finding
from cchc.formatting import format_finding, format_number
from cchc.io._layout import aggregate_note
from cchc.io._office import (
    SEVERITY_FILLS,
    Header,
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
from cchc.io.table import HEADER_ROWS, SourceRow, official_rows, official_title
from cchc.limits import DEFAULT_LIMITS, Limits
from cchc.model import Form, IndicatorKind
from cchc.periods import Period
from cchc.reports import Report, Reporter

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell

__all__ = ["read_docx", "write_docx"]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Runs that show text: directly in the paragraph or inside a hyperlink, a tracked
# insertion, a smart tag, a simple field or a content control.  Tracked deletions
# (w:del) are left out, as Word shows the text once the change is accepted.
_RUNS = (
    "w:r | w:hyperlink/w:r | w:ins/w:r | w:ins/w:hyperlink/w:r | w:smartTag/w:r"
    " | w:fldSimple/w:r | w:sdt/w:sdtContent/w:r | w:customXml/w:r"
)
_PARAGRAPHS = "w:p | w:sdt/w:sdtContent/w:p | w:customXml/w:p"
_CELLS = "w:tc | w:sdt/w:sdtContent/w:tc | w:customXml/w:tc"


def _library() -> ModuleType:
    return office_library("docx")


# -- reading ---------------------------------------------------------------------------


def read_docx(
    data: bytes,
    *,
    form: Form | str,
    reporter: Reporter | None = None,
    period: Period | str | None = None,
    source: str = "<docx>",
    limits: Limits = DEFAULT_LIMITS,
    dash: str = "not-applicable",
) -> Report:
    """Read a report from the official table in a Word file.

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
        The report, with the reading diagnostics in ``report.diagnostics``;
        another table with text is a ``read.extra-table`` diagnostic.

    Raises:
        ReadError: the bytes are not a Word file, or it has no statistics table, or
            the table does not have the five columns of the official layout.
        LimitError: the file is beyond one of *limits*.
        UsageError: python-docx is not installed.

    >>> import cchc
    >>> read_docx(b"STT\\tChi tieu", form=cchc.load_form(), source="bad.docx")
    Traceback (most recent call last):
    ...
    cchc.errors.ReadError: bad.docx: 1 problem:
      not a Word (.docx) file: it is not a zip archive
    """
    title, rows, extra = _extract(data, source=source, limits=limits)
    return office_report(
        title, rows, extra, form=form, reporter=reporter, period=period, source=source, dash=dash
    )


def _open(data: bytes, *, source: str, limits: Limits) -> Document:
    docx = _library()
    check_container(data, kind="docx", limits=limits, source=source)
    try:
        document: Document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx lets zipfile, KeyError and lxml errors through
        raise ReadError.one(
            f"not a readable Word (.docx) file: {_reason(exc)}", source=source
        ) from None
    return document


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().strip("'\"")
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _extract(
    data: bytes, *, source: str, limits: Limits
) -> tuple[list[str], list[SourceRow], list[Finding]]:
    """The title lines and body rows of the statistics table in a .docx file, and what was left."""
    document = _open(data, source=source, limits=limits)
    try:
        return _extract_document(document, source=source, limits=limits)
    except CchcError:
        raise
    except Exception as exc:  # a malformed document part: say so, never a raw traceback
        msg = f"cannot read the Word document: {_reason(exc)}"
        raise ReadError.one(msg, source=source) from None


def _extract_document(
    document: Document, *, source: str, limits: Limits
) -> tuple[list[str], list[SourceRow], list[Finding]]:
    body = document.element.body
    tables = [child for child in body.iterchildren() if child.tag == f"{_W}tbl"]
    found: list[tuple[int, Any, list[list[str]], Header]] = []
    grids: list[list[list[str]]] = []
    positions = 0
    for number, tbl in enumerate(tables, start=1):
        grid = _grid(tbl, limits=limits, source=source, number=number, before=positions)
        positions += sum(len(row) for row in grid)
        grids.append(grid)
        header = locate_header(grid)
        if header is not None:
            found.append((number, tbl, grid, header))
    if not found:
        msg = (
            f"no statistics table: none of the document's {len(tables)} tables has the "
            "header STT | Chỉ tiêu | Đơn vị tính | Số liệu | Ghi chú"
        )
        raise ReadError.one(msg, source=source)
    usable = [item for item in found if item[3].problem() is None]
    if not usable:
        number, _tbl, _grid_rows, header = found[0]
        raise ReadError.one(str(header.problem()), source=source, location=f"table {number}")
    number, tbl, grid, header = usable[0]
    title = _title(body, tbl)
    rows: list[SourceRow] = []
    for index in range(header.body, len(grid)):
        location = f"table {number} row {index + 1}"
        cells = body_cells(grid[index], header, source=source, location=location)
        if _GROUPED.fullmatch(cells[3]):
            # 6.460 is how Vietnamese documents, and write_docx, print a count.
            cells = (*cells[:3], cells[3].replace(".", ""), *cells[4:])
        if any(text.strip() for text in cells):
            rows.append(SourceRow(cells=cells, location=location))
    extra = []
    for other, other_grid in enumerate(grids, start=1):
        if other == number:
            continue
        filled = sum(1 for row in other_grid for text in row if text.strip())
        header = locate_header(other_grid)
        statistics = header is not None and header.problem() is None
        if filled:
            extra.append(extra_table("table", str(other), statistics=statistics, cells=filled))
    return title, rows, extra


def _grid(tbl: Any, *, limits: Limits, source: str, number: int, before: int) -> list[list[str]]:
    """The table as rows of grid cells: a merged cell's text once, ``""`` where it spans.

    A span (``gridSpan``, ``gridBefore``, ``gridAfter``) is a claim: it is checked
    against the column limit before anything is allocated for it.  *before* counts
    the cells of the earlier tables, for the cell limit.
    """
    grid: list[list[str]] = []
    cells = before
    for tr in tbl.xpath("w:tr | w:sdt/w:sdtContent/w:tr | w:customXml/w:tr"):
        where = f"table {number} row {len(grid) + 1}"
        row: list[str] = []

        def span(count: int, text: str = "", *, where: str = where, row: list[str] = row) -> None:
            nonlocal cells
            cells += max(count, 1)  # grid positions: what the grid will hold
            check_row(
                len(grid) + 1,
                len(row) + max(count, 1),
                cells,
                limits,
                source=source,
                location=where,
            )
            row.append(text)
            row.extend([""] * (count - 1))

        if tr.grid_before:
            span(tr.grid_before)
        for tc in tr.xpath(_CELLS):
            # A vertically merged cell keeps its text in the first row of the span.
            span(tc.grid_span, "" if tc.vMerge == "continue" else _cell_text(tc))
        if tr.grid_after:
            span(tr.grid_after)
        grid.append(row)
    return grid


def _paragraph_text(p: Any) -> str:
    return "".join(run.text for run in p.xpath(_RUNS))


def _cell_text(tc: Any) -> str:
    return "\n".join(_paragraph_text(p) for p in tc.xpath(_PARAGRAPHS))


def _title(body: Any, tbl: Any) -> list[str]:
    """The non-blank lines of the paragraphs before the statistics table."""
    lines: list[str] = []
    for child in body.iterchildren():
        if child is tbl:
            break
        if child.tag == f"{_W}tbl":
            continue  # an earlier table (a letterhead) is not part of the title block
        paragraphs = [child] if child.tag == f"{_W}p" else child.xpath(".//w:p")
        for p in paragraphs:
            lines.extend(line for line in _paragraph_text(p).split("\n") if line.strip())
    return lines


# -- writing ---------------------------------------------------------------------------

# Column widths in centimetres: they fill an A4 page with the margins of Nghị định
# 30/2020 (left 3 cm, right 1.5 cm).
# STT is wide enough for "7.2.3.5" and "1.1.1." on one line.
_WIDTHS_CM = (1.7, 6.9, 2.4, 1.9, 3.6)
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_FONT = "Times New Roman"
_FINDINGS_HEADING = {"vi": "Kết quả kiểm tra", "en": "Check results"}


def write_docx(report: Report, *, findings: Iterable[Finding] = (), locale: str = "vi") -> bytes:
    """Write *report* as the official table in a Word file.

    The file holds the title block, the two-row merged header and one row per
    indicator of the form.  Each problem among *findings* (a failure or an error)
    shades the *Số liệu* cell of every row it names, red for errors, amber for
    warnings, blue for information, and is listed, in *locale*, after the table.
    Reading the file back gives the same entries.  The output is deterministic: the
    document's dates are the end of the report's reporting window.

    Args:
        report: the report to write.
        findings: findings to highlight, e.g. ``cchc.check(report)``.
        locale: the language of the findings list (``"vi"`` or ``"en"``).

    Returns:
        The bytes of the .docx file.

    Raises:
        UsageError: python-docx is not installed.
    """
    docx = _library()
    from docx.enum.table import WD_ALIGN_VERTICAL  # noqa: PLC0415 - optional extra
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415 - optional extra
    from docx.shared import Cm, Pt  # noqa: PLC0415 - optional extra

    findings = tuple(findings)
    document: Document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = _FONT
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(0)

    for line in official_title(report):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(line).bold = True

    body = official_rows(report)
    table = document.add_table(rows=2 + len(body), cols=5)
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, _WIDTHS_CM, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, _WIDTHS_CM, strict=True):
            cell.width = Cm(width)

    # The official header: STT, Chỉ tiêu and Ghi chú span both rows; "Kết quả thống kê"
    # spans Đơn vị tính and Số liệu.
    first, second = HEADER_ROWS
    merged = [
        table.cell(0, 0).merge(table.cell(1, 0)),
        table.cell(0, 1).merge(table.cell(1, 1)),
        table.cell(0, 2).merge(table.cell(0, 3)),
        table.cell(0, 4).merge(table.cell(1, 4)),
    ]
    for cell, text in zip(merged, first, strict=True):
        _write_cell(cell, text, bold=True, centre=True)
    for column in (2, 3):
        _write_cell(table.cell(1, column), second[column], bold=True, centre=True)
    for row in table.rows[:2]:
        # python-docx has no public API for repeating header rows.
        row._tr.get_or_add_trPr().append(_element("w:tblHeader"))  # noqa: SLF001
        for cell in row.cells:
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER

    marked = findings_by_code(findings)
    # official_rows gives one row per indicator, in the form's order.
    for index, (cells, indicator) in enumerate(zip(body, report.form, strict=True)):
        # A row is never split across pages: a name cut in two reads as two rows
        # (python-docx has no public API for it either).
        table.rows[index + 2]._tr.get_or_add_trPr().append(_element("w:cantSplit"))  # noqa: SLF001
        row_cells = table.rows[index + 2].cells
        header = indicator.kind.is_header
        entry = report[indicator.code]
        value = cells[3]
        if entry.raw is None and isinstance(entry.value, int) and indicator.is_count:
            value = format_number(entry.value, locale="vi")
        note = aggregate_note(indicator, entry, cells[4], locale=locale)
        # Deep rows indent by two steps at most: the name column is narrow.
        indent = Cm(0.3 * min(indicator.depth - 1, 2))
        for column, text in enumerate((*cells[:3], value, note)):
            _write_cell(
                row_cells[column],
                text,
                bold=header,
                italic=indicator.kind is IndicatorKind.BREAKDOWN and column == 1,
                centre=column in (0, 2, 3),
                indent=indent if column == 1 and not header else None,
            )
        problems = marked.get(indicator.code)
        if problems:
            _shade(row_cells[3], SEVERITY_FILLS[problems[0].severity])

    listed = problem_findings(findings)
    if listed:
        heading = document.add_paragraph()
        heading.paragraph_format.space_before = Pt(12)
        heading.add_run(_FINDINGS_HEADING["en" if locale.startswith("en") else "vi"]).bold = True
        for finding in listed:
            document.add_paragraph(format_finding(finding, locale=locale), style="List Bullet")
    else:
        # Word ends a body with a paragraph; a body ending with its table loses the
        # table when LibreOffice saves the file as Word 97 (.doc).
        document.add_paragraph()

    properties = document.core_properties
    when = document_time(report.period.window.end)
    properties.title = " ".join(official_title(report))
    properties.subject = report.form.title
    properties.author = properties.last_modified_by = "cchc"
    properties.comments = ""
    properties.created = properties.modified = when
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement  # noqa: PLC0415 - optional extra
    from docx.oxml.ns import qn  # noqa: PLC0415 - optional extra

    return OxmlElement(tag, attrs={qn(f"w:{name}"): value for name, value in attributes.items()})


def _write_cell(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    centre: bool = False,
    indent: Any = None,
) -> None:
    """Put *text* in *cell*, one paragraph per line, so it reads back as written."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415 - optional extra

    paragraphs = cell.paragraphs
    for number, line in enumerate(text.split("\n")):
        paragraph = paragraphs[0] if number == 0 and paragraphs else cell.add_paragraph()
        if line:
            run = paragraph.add_run(line)
            if bold:
                run.bold = True
            if italic:
                run.italic = True
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if indent is not None:
            paragraph.paragraph_format.left_indent = indent


# Where w:shd goes among a cell's properties (the schema fixes the order).
_AFTER_SHADING = (
    "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark",
    "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange",
)  # fmt: skip


def _shade(cell: _Cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # noqa: SLF001 - nor for cell shading
    shading = _element("w:shd", val="clear", color="auto", fill=fill)
    following = [child for child in tc_pr if child.tag in {f"{_W}{t}" for t in _AFTER_SHADING}]
    if following:
        following[0].addprevious(shading)
    else:
        tc_pr.append(shading)
