"""The CSV long format of reports: one row per entry, UTF-8.

The machine format for spreadsheets and data frames: every row repeats the
report's form, reporter and period, then gives one entry.  Numbers are written
in machine form (``6460``, ``83.67``: no thousands separator, a dot for
decimals), not as the Vietnamese table prints them.  The format is described in
``docs/json-format.md``.

>>> import cchc
>>> from decimal import Decimal
>>> report = cchc.Report(
...     form=cchc.load_form(period="2021S1"),
...     reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
...     period="2021S1",
...     entries={"1.1.1": 49, "3.3.3": Decimal("83.67")},
... )
>>> text = write_csv(report)
>>> for line in text.splitlines():
...     print(line)
form,reporter,kind,period,code,value,note,status,raw
phu-luc-2b,Sở Nội vụ,department,2021S1,1.1.1,49,,,
phu-luc-2b,Sở Nội vụ,department,2021S1,3.3.3,83.67,,,
>>> read_csv(text) == report
True

A file without the report columns reads with the reporter and period given:

>>> read_csv(
...     "code,value\\n1.1.1,49\\n3.3.3,83.67\\n",
...     reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
...     period="2021S1",
... ) == report
True
>>> read_csv("code,value\\n1.1.1,6.460\\n9.9,1\\n", period="2021S1", source="x.csv")
Traceback (most recent call last):
...
cchc.errors.ReadError: x.csv: 3 problems:
  header: the file gives no reporter (no 'reporter' column); pass reporter=
  row 2, value: 1.1.1 (...) counts ...: expected a whole number (machine form, ...), not '6.460'
  row 3, code: unknown indicator code '9.9': form 'phu-luc-2b' has no such row
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any, Final

import attrs

from cchc.errors import CchcError, PeriodError, Problem, ProblemCollector, ReadError
from cchc.findings import Finding, Outcome, Severity
from cchc.forms import builtin_forms, load_form
from cchc.io._csv_dialect import Dialect, sniff
from cchc.io._wire import (
    Slot,
    ValueReader,
    expectation,
    json_value,
    parse_decimal_text,
    parse_int,
    slot_of,
    value_text,
)
from cchc.io.table import with_caller_overrides
from cchc.limits import quoted, unwritable
from cchc.model import Form, Indicator, ReporterKind
from cchc.periods import Period
from cchc.reports import Report, Reporter
from cchc.values import Coverage, Entry, Status, Value

__all__ = ["COLUMNS", "read_csv", "write_csv"]

COLUMNS: Final = (
    "form",
    "reporter",
    "kind",
    "reporter_id",
    "reporter_parent",
    "period",
    "code",
    "value",
    "note",
    "status",
    "raw",
    "coverage",
    "distribution",
    "contributors",
)
"""Every column of the long format, in the order :func:`write_csv` writes them."""

_ALWAYS: Final = frozenset(
    {"form", "reporter", "kind", "period", "code", "value", "note", "status", "raw"}
)
_REPORT_COLUMNS: Final = ("form", "reporter", "kind", "reporter_id", "reporter_parent", "period")
_ENTRY_COLUMNS: Final = tuple(c for c in COLUMNS if c not in _REPORT_COLUMNS and c != "code")
_INTEGER: Final = re.compile(r"-?[0-9]+", re.ASCII)
_COMMA_DECIMAL: Final = re.compile(r"-?[0-9]+,[0-9]+", re.ASCII)
_COVERAGE: Final = re.compile(r"([0-9]+)/([0-9]+)", re.ASCII)


# --------------------------------------------------------------------------
# Writing


def _json_cell(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _entry_cells(entry: Entry) -> dict[str, str]:
    value: Value | None = entry.value
    cells = {
        "value": "" if value is None else value_text(value),
        "note": entry.note or "",
        "status": entry.status.value if entry.status else "",
        "raw": entry.raw or "",
        "coverage": f"{entry.coverage.reported}/{entry.coverage.expected}"
        if entry.coverage
        else "",
        "distribution": "",
        "contributors": _json_cell(list(entry.contributors)) if entry.contributors else "",
    }
    if entry.distribution is not None:
        cells["distribution"] = _json_cell({str(k): v for k, v in entry.distribution.items()})
    return cells


def write_csv(report: Report, *, bom: bool = False) -> str:
    """*report* in the CSV long format: a header, then one row per entry.

    Rows follow the form's order; entries holding nothing at all are left out; a
    report without entries is written as one row with an empty code, so that its
    reporter and period are kept.  The columns ``reporter_id`` and
    ``reporter_parent`` appear when the reporter has them, and ``coverage``,
    ``distribution`` and ``contributors`` when an entry has them (aggregates).
    Lines end with CRLF (RFC 4180); write the text to a file opened with
    ``newline=""``.  ``report.diagnostics`` are not written.

    Args:
        report: the report to write.
        bom: start with a byte-order mark, which makes Excel read the file as UTF-8.

    >>> import cchc
    >>> report = cchc.Report(
    ...     form=cchc.load_form(period="2021S1"),
    ...     reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
    ...     period="2021S1",
    ...     entries={"1.2": cchc.Entry(status=cchc.Status.NOT_YET_DONE, note="Chưa kiểm tra")},
    ... )
    >>> write_csv(report).splitlines()[1]
    'phu-luc-2b,Sở Nội vụ,department,2021S1,1.2,,Chưa kiểm tra,not-yet-done,'
    """
    reporter = report.reporter
    entries = [(code, _entry_cells(e)) for code, e in report.entries.items() if not e.is_empty]
    used = set(_ALWAYS)
    if reporter.id is not None:
        used.add("reporter_id")
    if reporter.parent is not None:
        used.add("reporter_parent")
    for column in ("coverage", "distribution", "contributors"):
        if any(cells[column] for _, cells in entries):
            used.add(column)
    columns = [c for c in COLUMNS if c in used]
    report_cells = {
        "form": report.form.id,
        "reporter": reporter.name,
        "kind": reporter.kind.value,
        "reporter_id": reporter.id or "",
        "reporter_parent": reporter.parent or "",
        "period": report.period.id,
    }
    rows = [{**report_cells, "code": code, **cells} for code, cells in entries] or [report_cells]
    buffer = io.StringIO(newline="")
    # CRLF (RFC 4180): the writer then quotes any cell holding a lone CR, so
    # notes with odd line breaks come back unchanged.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([row.get(column, "") for column in columns] for row in rows)
    return ("\ufeff" if bom else "") + buffer.getvalue()


# --------------------------------------------------------------------------
# Reading


@attrs.frozen
class _Row:
    number: int
    cells: dict[str, str]


def _records(text: str, source: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """The CSV records of *text*, numbered from 1 as a spreadsheet numbers rows."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ReadError.one(
                f"not valid CSV: {error}", source=source, location=f"line {reader.line_num}"
            ) from None
        number += 1
        yield number, record


@attrs.define
class _CsvReader(ProblemCollector):
    # Excel in a Vietnamese locale separates with ";" and writes decimals "83,67".
    decimal_comma: bool = False

    def header(self, number: int, record: list[str]) -> list[str]:
        names = [cell.strip().lower() for cell in record]
        where = f"row {number}"
        if unknown := [name for name in dict.fromkeys(names) if name not in COLUMNS]:
            listed = ", ".join(repr(name) for name in unknown)
            plural = "s" if len(unknown) > 1 else ""
            self.add(
                where, f"unknown column{plural} {listed} (the columns are {', '.join(COLUMNS)})"
            )
        for name in dict.fromkeys(names):
            if names.count(name) > 1 and name in COLUMNS:
                self.add(where, f"column {name!r} appears {names.count(name)} times")
        if "code" not in names:
            self.add(where, "no 'code' column: this is not a cchc CSV report")
        if self.problems:
            raise ReadError(self.problems, source=self.source)
        return names

    def form(
        self, cell: tuple[str, int] | None, given: Form | str | None, period: Period | None
    ) -> Form | None:
        form_id = cell[0].strip() if cell else ""
        where = f"row {cell[1]}, form" if cell else "header"
        if given is None:
            if not form_id:
                return load_form(period=period)
            if form_id not in builtin_forms():
                self.add(
                    where,
                    f"unknown form {form_id!r}: the built-in forms are "
                    f"{', '.join(builtin_forms())}; pass another form as form=",
                )
                return None
            return load_form(form_id, period=period)
        the_form = given if isinstance(given, Form) else load_form(given, period=period)
        if form_id and form_id != the_form.id:
            self.add(where, f"the report is for form {form_id!r}, not {the_form.id!r}")
            return None
        return the_form

    def reporter(self, first: dict[str, tuple[str, int]]) -> Reporter | None:
        if "reporter" not in first:
            self.add("header", "the file gives no reporter (no 'reporter' column); pass reporter=")
            return None
        name, number = first["reporter"]
        if not name:
            self.add(f"row {number}, reporter", "the reporter's name is empty")
        kind: ReporterKind | None = None
        if "kind" not in first:
            self.add("header", "no 'kind' column: the reporter's kind is needed")
        else:
            text, number = first["kind"]
            try:
                kind = ReporterKind(text.strip())
            except ValueError:
                choices = ", ".join(k.value for k in ReporterKind)
                message = f"unknown reporter kind {quoted(text)} (one of {choices})"
                self.add(f"row {number}, kind", message)
        ids = {key: first.get(f"reporter_{key}", ("", 0))[0] or None for key in ("id", "parent")}
        if not name or kind is None:
            return None
        return Reporter(name, kind, id=ids["id"], parent=ids["parent"])

    def period(self, first: dict[str, tuple[str, int]]) -> Period | None:
        if "period" not in first:
            self.add("header", "the file gives no period (no 'period' column); pass period=")
            return None
        text, number = first["period"]
        try:
            return Period.parse(text)
        except PeriodError as error:
            self.add(f"row {number}, period", error.message)
            return None

    def value(self, where: str, cell: str, indicator: Indicator) -> Value | None:
        slot = slot_of(indicator)
        if slot is Slot.TEXT:
            return cell
        text = cell.strip()
        result: Value | None = None
        if slot in (Slot.COUNT, Slot.CODE, Slot.HEADER) and _INTEGER.fullmatch(text):
            number = parse_int(text)
            result = number if isinstance(number, int) else None
        elif slot in (Slot.DECIMAL, Slot.HEADER):
            if self.decimal_comma and _COMMA_DECIMAL.fullmatch(text):
                text = text.replace(",", ".")
            result = parse_decimal_text(text)
        elif slot is Slot.ANY:  # pragma: no cover - the loader gives every value row a unit
            result = text
        if result is None:
            expected = expectation(
                indicator,
                slot,
                whole="machine form, such as 6460",
                decimal="a decimal with a dot, such as 83.67",
            )
            self.add(where, f"{expected}, not {quoted(cell)}")
        return result

    def json_cell(self, where: str, text: str) -> tuple[bool, Any]:
        try:
            return True, json_value(text)
        except (ValueError, RecursionError) as error:
            self.add(where, f"not JSON: {error}")
            return False, None

    def entry(self, row: _Row, indicator: Indicator | None) -> Entry | None:
        count = len(self.problems)
        cells = row.cells
        fields: dict[str, Any] = {}
        where = f"row {row.number}"
        if (cell := cells.get("value", "")) and indicator is not None:
            fields["value"] = self.value(f"{where}, value", cell, indicator)
        if status := cells.get("status", "").strip():
            try:
                fields["status"] = Status(status)
            except ValueError:
                choices = ", ".join(s.value for s in Status)
                self.add(f"{where}, status", f"unknown status {quoted(status)} (one of {choices})")
        for key in ("note", "raw"):
            if cells.get(key):
                fields[key] = cells[key]
        if coverage := cells.get("coverage", "").strip():
            if match := _COVERAGE.fullmatch(coverage):
                fields["coverage"] = Coverage(int(match[1]), int(match[2]))
            else:
                message = f"expected reported/expected such as 7/9, not {quoted(coverage)}"
                self.add(f"{where}, coverage", message)
        for key in ("distribution", "contributors"):
            if text := cells.get(key, "").strip():
                ok, data = self.json_cell(f"{where}, {key}", text)
                if ok:
                    sub = ValueReader(self.source)
                    method = sub.distribution if key == "distribution" else sub.contributors
                    fields[key] = method(f"{where}, {key}", data)
                    self.problems.extend(sub.problems)
        if "value" in fields and "status" in fields:
            self.add(where, "an entry has a value or a status (why there is no value), not both")
        if len(self.problems) > count:
            return None
        return Entry(**fields)


def _row_of(problem: Problem) -> int:
    """The row a problem is in, to list problems in file order (``header`` first)."""
    match = re.match(r"row ([0-9]+)", problem.location or "")
    return int(match[1]) if match else 0


def read_csv(
    text: str | bytes,
    *,
    form: Form | str | None = None,
    reporter: Reporter | None = None,
    period: Period | str | None = None,
    source: str = "<csv>",
) -> Report:
    """Read a report from the CSV long format.

    The header names the columns, in any order (see :data:`COLUMNS`); only
    ``code`` is required.  The report's form, reporter and period come from the
    ``form``, ``reporter``, ``kind``, ``reporter_id``, ``reporter_parent`` and
    ``period`` columns, which must hold the same on every row; a *reporter* or
    *period* given here is used instead of the file's.  An empty cell is absent.

    Args:
        text: the CSV text (bytes must be UTF-8; a byte-order mark is dropped).
        form: the form; ``None`` takes the ``form`` column among the built-in
            forms (Phụ lục 2B without one).  A form given must have the id the
            ``form`` column names.
        reporter: the reporter, when the file has none or to replace its own.
        period: the period, when the file has none or to replace its own.
        source: the name of the input, for messages (a file name).

    Raises:
        ReadError: every problem of the file, each with its row (and column):
            a wrong header, an unknown or repeated code, a value of the wrong type
            for its row, an unknown status, rows that disagree on the report.

    >>> read_csv("code,value\\n1.1.1,49\\n1.1.1,50\\n", source="x.csv")
    Traceback (most recent call last):
    ...
    cchc.errors.ReadError: x.csv: 3 problems:
      header: the file gives no reporter (no 'reporter' column); pass reporter=
      header: the file gives no period (no 'period' column); pass period=
      row 3, code: code '1.1.1' is given again (first in row 2)
    """
    dialect = sniff(text, source=source)
    state = _CsvReader(source, decimal_comma=dialect.delimiter == ";")
    names: list[str] | None = None
    rows: list[_Row] = []
    for number, record in _records(dialect.text, source, dialect.delimiter):
        if not any(cell.strip() for cell in record):
            continue  # blank lines and spreadsheets' empty trailing rows
        bad = [(i, p) for i, cell in enumerate(record, 1) if (p := unwritable(cell)) is not None]
        if bad:
            position, problem = bad[0]
            message = f"cell {position} holds {problem}, which no format can write"
            state.add(f"row {number}", message)
            continue
        if names is None:
            names = state.header(number, record)
        elif len(record) != len(names):
            state.add(
                f"row {number}", f"{len(record)} cells, but the header has {len(names)} columns"
            )
        else:
            rows.append(_Row(number, dict(zip(names, record, strict=True))))
    if names is None:
        raise ReadError.one("empty: no header row", source=source, location="row 1")

    first: dict[str, tuple[str, int]] = {}
    for row in rows:
        for column in _REPORT_COLUMNS:
            if column not in row.cells:
                continue
            cell = row.cells[column]
            if column not in first:
                first[column] = (cell, row.number)
            elif cell != first[column][0]:
                seen, at = first[column]
                state.add(
                    f"row {row.number}, {column}",
                    f"{quoted(cell)} differs from {quoted(seen)} in row {at}: "
                    "a CSV file holds one report",
                )

    given_period = period if period is None or isinstance(period, Period) else Period.parse(period)
    # The file's own reporter and period are read whenever it has them, so that a
    # caller's differing ones are noted (as for JSON), never silently swapped in.
    file_reporter = state.reporter(first) if reporter is None or "reporter" in first else None
    file_period = state.period(first) if given_period is None or "period" in first else None
    # The form version in force for the period the report will have.
    the_form = state.form(first.get("form"), form, given_period or file_period)
    entries: dict[str, Entry] = {}
    where_code: dict[str, int] = {}
    for row in rows:
        code = row.cells["code"].strip()
        where = f"row {row.number}, code"
        if not code:
            if any(row.cells.get(c, "").strip() for c in _ENTRY_COLUMNS):
                state.add(where, "the code is empty")
            continue  # the row of a report without entries
        indicator = the_form.get(code) if the_form is not None else None
        if the_form is not None and indicator is None:
            message = f"unknown indicator code {quoted(code)}: form {the_form.id!r} has no such row"
            state.add(where, message)
        if code in where_code:
            state.add(
                where, f"code {quoted(code)} is given again (first in row {where_code[code]})"
            )
        else:
            where_code[code] = row.number
        entry = state.entry(row, indicator)
        if entry is not None and not entry.is_empty and indicator is not None:
            entries[code] = entry

    the_reporter = file_reporter or reporter
    the_period = file_period or given_period
    if state.problems or the_form is None or the_reporter is None or the_period is None:
        raise ReadError(sorted(state.problems, key=_row_of), source=source)
    try:
        report = Report(form=the_form, reporter=the_reporter, period=the_period, entries=entries)
        return _noted(with_caller_overrides(report, reporter, given_period), dialect)
    except CchcError as error:  # pragma: no cover - the checks above leave nothing to refuse
        raise ReadError.one(error.message, source=source, location=error.location) from None


def _noted(report: Report, dialect: Dialect) -> Report:
    """*report* with info diagnostics saying how an Excel-saved file was read."""
    notes: list[Finding] = []
    if dialect.delimiter == ";":
        notes.append(
            _info(
                "read.csv-semicolon",
                "tệp CSV dùng dấu chấm phẩy (;) phân cách cột và dấu phẩy thập phân "
                "(như Excel tiếng Việt lưu)",
                "the CSV file separates columns with semicolons and may write decimals "
                "with a comma (as Excel saves it in a Vietnamese locale)",
            )
        )
    if dialect.encoding != "utf-8":
        notes.append(
            _info(
                "read.csv-encoding",
                "tệp CSV được đọc theo bảng mã Windows-1258 (tiếng Việt), không phải UTF-8",
                "the CSV file was read as Vietnamese Windows-1258 text, not UTF-8",
            )
        )
    if not notes:
        return report
    return report.evolve(diagnostics=(*notes, *report.diagnostics))


def _info(rule: str, vi: str, en: str) -> Finding:
    # An info diagnostic says how the file was read; nothing about it failed.
    return Finding(
        rule=rule, outcome=Outcome.PASS, severity=Severity.INFO, message=vi, message_en=en
    )
