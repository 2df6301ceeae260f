"""What the .docx and .xlsx readers and writers share.

Both formats hold the official table as a grid of cells.  Once a file is turned
into a grid of strings (a merged cell's text in its first grid position, ``""`` in
the others), finding the header, the five columns and the body rows is the same
work; so are the findings' colours and the deterministic zip container.

Nothing here imports python-docx or openpyxl.
"""

from __future__ import annotations

import importlib
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time
from types import ModuleType

import attrs

from cchc._text import match_key
from cchc.errors import CchcError, LimitError, ReadError, UsageError
from cchc.findings import Finding, Outcome, Severity
from cchc.io.table import COLUMNS, SourceRow, report_from_table
from cchc.limits import Limits, quoted
from cchc.model import Form
from cchc.periods import Period
from cchc.reports import Report, Reporter

__all__ = [
    "COLUMNS",
    "OLE_SIGNATURE",
    "SEVERITY_FILLS",
    "Grid",
    "Header",
    "body_cells",
    "check_container",
    "check_row",
    "document_time",
    "extra_table",
    "findings_by_code",
    "locate_header",
    "normalise_zip",
    "problem_findings",
]

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How old binary Office files (.doc, .xls) and encrypted new ones begin."""

_COLUMN_KEYS = ("stt", "chỉ tiêu", "đơn vị tính", "số liệu", "ghi chú")
_STT_KEYS = frozenset({"stt", "tt", "số tt", "số thứ tự"})
_LABEL_KEYS = ("chỉ tiêu", "kết quả", "đơn vị", "số liệu", "ghi chú")
# A column-numbering row under the header: "(1) (2) (3) (4) (5)" or "A B 1 2 3".
_COLUMN_NUMBER = re.compile(r"\(?[0-9A-Za-z]{1,2}\)?")
_HEADER_SEARCH_ROWS = 40

Grid = Sequence[Sequence[str]]
"""Rows of cell texts, one string per grid column."""


@attrs.frozen(kw_only=True)
class Header:
    """Where the official table's header sits in a grid.

    Attributes:
        first: index of the first header row.
        body: index of the first body row (after the header and any
            column-numbering row).
        column: index of the STT column; the table spans five columns from it.
        labels: each column's header text, the header rows joined by spaces, from
            the STT column to the last column that has a header.
    """

    first: int
    body: int
    column: int
    labels: tuple[str, ...]

    def problem(self) -> str | None:
        """Why the header is not the official five-column header, or ``None``."""
        expected = " | ".join(COLUMNS)
        if len(self.labels) != len(COLUMNS):
            found = " | ".join(label or "(trống)" for label in self.labels)
            return (
                f"the statistics table has {len(self.labels)} columns ({found}); "
                f"expected {len(COLUMNS)}: {expected}"
            )
        for number, (label, key, name) in enumerate(
            zip(self.labels, _COLUMN_KEYS, COLUMNS, strict=True), start=1
        ):
            found = match_key(label)
            if key not in found and not (number == 1 and found in _STT_KEYS):
                return (
                    f"column {number} of the statistics table is headed {quoted(label)}, "
                    f"expected {name!r} (the columns are {expected})"
                )
        return None


def _is_stt(text: str) -> bool:
    return match_key(text) in _STT_KEYS


def _has_label(row: Sequence[str]) -> bool:
    return any(match_key(text).startswith(_LABEL_KEYS) for text in row)


def _is_column_numbers(row: Sequence[str]) -> bool:
    filled = [text.strip() for text in row if text.strip()]
    return len(filled) >= 4 and all(_COLUMN_NUMBER.fullmatch(text) for text in filled)


def locate_header(grid: Grid) -> Header | None:
    """Find the header of the official table in *grid*, or ``None`` if there is none.

    The header starts at the first row, among the first 40, that has an STT cell
    with a *Chỉ tiêu* cell to its right.  It goes on over the next rows (at most
    two) that have an empty STT cell and a column label (*Đơn vị tính*, *Số
    liệu*, …): the merged two-row header of the official layout.  A row that
    only numbers the columns (``(1) (2) (3) (4) (5)``) is skipped.

    >>> grid = [
    ...     ["Phụ lục 2B"],
    ...     ["STT", "Chỉ tiêu", "Kết quả", "", "Ghi chú"],
    ...     ["", "", "Đơn vị tính", "Số liệu", ""],
    ...     ["1.", "Tên", "", "", ""],
    ... ]
    >>> header = locate_header(grid)
    >>> header.first, header.body, header.column, header.problem()
    (1, 3, 0, None)
    >>> header.labels[2]
    'Kết quả Đơn vị tính'
    """
    for index, row in enumerate(grid[:_HEADER_SEARCH_ROWS]):
        for column, text in enumerate(row):
            if not _is_stt(text):
                continue
            if not any(match_key(cell).startswith("chỉ tiêu") for cell in row[column + 1 :]):
                continue
            end = index + 1
            while (
                end < len(grid)
                and end - index < 3
                and not _cell(grid[end], column).strip()
                and _has_label(grid[end])
            ):
                end += 1
            rows = grid[index:end]
            labels = _labels(rows, column)
            body = end + 1 if end < len(grid) and _is_column_numbers(grid[end]) else end
            return Header(first=index, body=body, column=column, labels=labels)
    return None


def _cell(row: Sequence[str], column: int) -> str:
    return row[column] if column < len(row) else ""


def _labels(rows: Grid, column: int) -> tuple[str, ...]:
    width = max(len(row) for row in rows)
    labels = [
        " ".join(" ".join(_cell(row, c).split()) for row in rows if _cell(row, c).strip())
        for c in range(column, width)
    ]
    while labels and not labels[-1]:
        labels.pop()
    return tuple(labels)


def body_cells(
    row: Sequence[str], header: Header, *, source: str, location: str
) -> tuple[str, ...]:
    """The five cells of a body *row*; text outside the table's columns is an error."""
    first, last = header.column, header.column + len(COLUMNS)
    outside = [text for i, text in enumerate(row) if (i < first or i >= last) and text.strip()]
    if outside:
        msg = (
            f"the row has text outside the 5 columns of the statistics table: {quoted(outside[0])}"
        )
        raise ReadError.one(msg, source=source, location=location)
    return tuple(_cell(row, c) for c in range(first, last))


# -- the container -----------------------------------------------------------------------

_KINDS = {
    "docx": ("a Word (.docx)", "Word (.doc)", ".docx"),
    "xlsx": ("an Excel (.xlsx)", "Excel (.xls)", ".xlsx"),
}
_CHUNK = 1 << 20
# Below this size a member's compression ratio says nothing: a few kilobytes of
# repeated XML compress a hundredfold and hurt nobody.
_RATIO_FLOOR = 1 << 20


def check_container(data: bytes, *, kind: str, limits: Limits, source: str) -> None:
    """Refuse an Office file that is not a zip, or whose members are too big to read.

    Before python-docx or openpyxl sees the file, every member is checked against
    *limits*: its declared size, its compression ratio, and then the bytes its
    stream really gives, decompressed in chunks and counted, never held whole (a
    zip header can lie about the size).  *kind* is ``"docx"`` or ``"xlsx"``.

    >>> from cchc.limits import Limits
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
    ...     archive.writestr("word/document.xml", "<w/>" * 500_000)
    >>> check_container(
    ...     buffer.getvalue(), kind="docx", limits=Limits(max_ratio=100), source="bomb.docx"
    ... )
    Traceback (most recent call last):
    ...
    cchc.errors.LimitError: bomb.docx: word/document.xml: the member is compressed ...
    """
    name, old, extension = _KINDS[kind]
    unreadable = f"not a readable {name.split(' ', 1)[1]} file"
    if data.startswith(OLE_SIGNATURE):
        msg = (
            f"an old-format {old} file or a password-protected one: "
            f"open it and save it as {extension} without a password"
        )
        raise ReadError.one(msg, source=source)
    if not data.startswith(b"PK"):
        raise ReadError.one(f"not {name} file: it is not a zip archive", source=source)
    if len(data) > limits.max_input_bytes:
        raise LimitError(
            f"the file is {len(data)} bytes",
            limit="max_input_bytes",
            value=limits.max_input_bytes,
            unit="bytes",
            source=source,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_members(archive, limits, source)
    except CchcError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError) as exc:
        text = str(exc).strip() or type(exc).__name__
        raise ReadError.one(f"{unreadable}: {text}", source=source) from None
    except (EOFError, ValueError, RuntimeError, zlib.error) as exc:  # truncated, encrypted
        text = str(exc).strip() or type(exc).__name__
        raise ReadError.one(f"{unreadable}: {text}", source=source) from None


def _check_members(archive: zipfile.ZipFile, limits: Limits, source: str) -> None:
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise LimitError(
            f"the archive has {len(members)} members",
            limit="max_members",
            value=limits.max_members,
            source=source,
        )
    total = 0
    for info in members:
        where = info.filename
        if info.file_size > limits.max_member_bytes:
            raise _member_too_big(info.file_size, where, limits, source)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > limits.max_ratio:
            raise LimitError(
                f"the member is compressed {ratio:.0f} to 1 ({info.file_size} bytes "
                f"from {info.compress_size})",
                limit="max_ratio",
                value=limits.max_ratio,
                source=source,
                location=where,
            )
        # The header may lie: count what the stream really gives, chunk by chunk.
        size = 0
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limits.max_member_bytes:
                    raise _member_too_big(size, where, limits, source)
        total += size
        if total > limits.max_decompressed_bytes:
            raise LimitError(
                f"the members decompress to more than {total} bytes",
                limit="max_decompressed_bytes",
                value=limits.max_decompressed_bytes,
                unit="bytes",
                source=source,
                location=where,
            )


def _member_too_big(size: int, where: str, limits: Limits, source: str) -> LimitError:
    return LimitError(
        f"the member decompresses to {size} bytes",
        limit="max_member_bytes",
        value=limits.max_member_bytes,
        unit="bytes",
        source=source,
        location=where,
    )


def check_row(
    row: int, column: int, cells: int, limits: Limits, *, source: str, location: str
) -> None:
    """Refuse a cell beyond the row or column limit, or one cell too many.

    *row* and *column* count from 1; *cells* is how many cells were read so far.
    A file's own claims (a sheet's dimension, a cell's ``gridSpan``) never count:
    only the cells it holds.
    """
    checks = (
        (row, "max_rows", f"a cell stands in row {row}"),
        (column, "max_columns", f"a cell stands in column {column}"),
        (cells, "max_cells", f"the table holds more than {limits.max_cells} cells"),
    )
    for count, limit, what in checks:
        allowed: int = getattr(limits, limit)
        if count > allowed:
            raise LimitError(what, limit=limit, value=allowed, source=source, location=location)


def office_library(module: str) -> ModuleType:
    """The Office library *module* (``"docx"`` or ``"openpyxl"``), or a clear word on the extra."""
    try:
        return importlib.import_module(module)
    except ImportError:  # pragma: no cover - the test environment has the extra
        package = {"docx": "python-docx"}.get(module, module)
        msg = f"reading and writing Office files needs {package}: pip install 'cchc[office]'"
        raise UsageError(msg) from None


def office_report(
    title: Sequence[str],
    rows: Sequence[SourceRow],
    extra: Sequence[Finding],
    *,
    form: Form | str,
    reporter: Reporter | None,
    period: Period | str | None,
    source: str,
    dash: str,
) -> Report:
    """The report of an Office file's statistics table, with its other tables' diagnostics."""
    report = report_from_table(
        title, rows, form=form, reporter=reporter, period=period, source=source, dash=dash
    )
    if not extra:
        return report
    return attrs.evolve(report, diagnostics=(*report.diagnostics, *extra))


def extra_table(kind: str, name: str, *, statistics: bool, cells: int) -> Finding:
    """The diagnostic for a table (*kind* ``"table"``) or sheet (``"sheet"``) not read.

    A second statistics table (*statistics*) is a warning, since it may hold
    figures meant to be read; any other table with text is noted for information.
    *name* is the table's number or the sheet's quoted name; *cells* counts the
    cells with text.
    """
    vi_what = f"bảng {name}" if kind == "table" else f"trang tính {name}"
    en_what = f"{kind} {name}"
    if statistics:
        vi = f"{vi_what} cũng có bảng thống kê; chỉ đọc bảng đầu tiên, bảng này không được đọc"
        en = f"{en_what} also holds a statistics table; only the first is read, not this one"
        severity = Severity.WARNING
    else:
        vi = f"{vi_what} có {cells} ô có chữ ngoài bảng thống kê; các ô này không được đọc"
        en = f"{en_what} has {cells} cells of text outside the statistics table; they are not read"
        severity = Severity.INFO
    return Finding(
        rule=f"read.extra-{kind}",
        outcome=Outcome.PASS if severity is Severity.INFO else Outcome.FAIL,
        severity=severity,
        indicators=(),
        message=vi,
        message_en=en,
        location=en_what,
    )


def document_time(day: date) -> datetime:
    """The fixed timestamp written into a file's properties: midnight (UTC) of *day*."""
    return datetime.combine(day, time(), tzinfo=UTC)


_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def normalise_zip(
    data: bytes, *, edit: Mapping[str, Callable[[bytes], bytes]] | None = None
) -> bytes:
    """Rewrite a zip archive with fixed member timestamps, so equal content gives equal bytes.

    *edit* maps member names to functions that rewrite the member's bytes.

    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as archive:
    ...     archive.writestr("a.xml", "<a/>")
    >>> first = normalise_zip(buffer.getvalue())
    >>> zipfile.ZipFile(io.BytesIO(first)).getinfo("a.xml").date_time
    (1980, 1, 1, 0, 0, 0)
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            content = source.read(info)
            if edit and info.filename in edit:
                content = edit[info.filename](content)
            target.writestr(member, content)
    return out.getvalue()


def problem_findings(findings: Iterable[Finding]) -> list[Finding]:
    """The findings a written table highlights: failures and errors, most serious first."""
    return sorted((f for f in findings if f.is_problem), key=lambda f: f.severity.rank)


def findings_by_code(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Group problem findings by each indicator code they involve."""
    grouped: dict[str, list[Finding]] = {}
    for finding in problem_findings(findings):
        for code in dict.fromkeys(finding.indicators):
            grouped.setdefault(code, []).append(finding)
    return grouped


# Fills: Excel's own "bad" and "neutral" cell styles, and a pale blue for info.
SEVERITY_FILLS = {
    Severity.ERROR: "FFC7CE",
    Severity.WARNING: "FFEB9C",
    Severity.INFO: "DDEBF7",
}
