"""Tidy tables out: many reports, or their findings, as one long table.

:func:`records` gives one plain ``dict`` per entry of every report (form,
reporter, period, code, value, status, note, raw) and :func:`findings_records`
one per finding; both are pure Python.  :func:`write_csv` writes them as one CSV
that pandas, polars and DuckDB read without options; :func:`to_arrow`,
:func:`to_pandas`, :func:`to_polars` and :func:`write_parquet` need the
``arrow`` extra (``pip install 'cchc[arrow]'``)::

    >>> import cchc
    >>> rows = cchc.records([cchc.example_report()])
    >>> rows[0]["code"], rows[0]["value"], rows[0]["reporter_kind"], rows[0]["period"]
    ('1.1.1', 49, 'department', '2021S1')
    >>> [r["status"] for r in rows if r["code"] == "1.2"]
    ['not-yet-done']

Why Arrow (pyarrow) for the columnar conversions: it is the exchange format
pandas, polars and DuckDB all read without copying, it has an exact
``decimal128`` type for percentages, and the batch engine hands tables to DuckDB
through it; polars would add a second dataframe library where one format serves all.

In the tables (CSV, Arrow, Parquet) an entry's value is split by type: numbers
in ``value`` (a decimal; in CSV always written with a decimal point, so that
every reader infers one numeric column), text answers in ``text``; ``decimals``
keeps how many decimals a percentage or score was written with.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from cchc.findings import Finding
from cchc.reports import Report, Reporter

if TYPE_CHECKING:
    from cchc.periods import Period
    from cchc.rules import CheckResult

__all__ = [
    "ENTRY_COLUMNS",
    "FINDING_COLUMNS",
    "TABLE_COLUMNS",
    "finding_row",
    "findings_records",
    "records",
    "to_arrow",
    "to_pandas",
    "to_polars",
    "write_csv",
    "write_parquet",
]

ENTRY_COLUMNS = (
    "form",
    "form_version",
    "reporter_id",
    "reporter_name",
    "reporter_kind",
    "period",
    "code",
    "value",
    "status",
    "note",
    "raw",
)
"""The keys of a :func:`records` row, in order."""

FINDING_COLUMNS = (
    "report",
    "form",
    "reporter_id",
    "reporter_name",
    "reporter_kind",
    "period",
    "rule",
    "severity",
    "outcome",
    "indicators",
    "message",
    "message_en",
    "location",
)
"""The keys of a :func:`findings_records` row, in order."""

TABLE_COLUMNS = (*ENTRY_COLUMNS[:8], "decimals", "text", *ENTRY_COLUMNS[8:])
"""The columns of entry rows in files and tables: ``value`` split into numbers and
``text``, and ``decimals``, how many decimals a percentage or score was written with
(``12.50``: 2), which a number column cannot keep and ``agrees()`` rules depend on."""


def records(reports: Iterable[Report]) -> list[dict[str, Any]]:
    """One dict per entry of every report: the long (tidy) form of many reports.

    Keys are :data:`ENTRY_COLUMNS`; ``value`` is the typed value (``int``,
    ``Decimal`` or ``str``) or ``None``, ``status`` the status's value
    (``"not-yet-done"``) or ``None``.  Blank rows without a note or raw cell have
    no entry and so no record.
    """
    out: list[dict[str, Any]] = []
    append = out.append
    for report in reports:
        form, reporter = report.form, report.reporter
        base: dict[str, Any] = {
            "form": form.id,
            "form_version": form.version,
            "reporter_id": reporter.id,
            "reporter_name": reporter.name,
            "reporter_kind": reporter.kind.value,
            "period": report.period.id,
        }
        for code, entry in report.entries.items():
            row = dict(base)
            row["code"] = code
            row["value"] = entry.value
            row["status"] = entry.status.value if entry.status is not None else None
            row["note"] = entry.note
            row["raw"] = entry.raw
            append(row)
    return out


def finding_row(
    n: int, form: str, reporter: Reporter, period: Period, finding: Finding
) -> dict[str, Any]:
    """The :func:`findings_records` row of *finding*, of report *n*."""
    return {
        "report": n,
        "form": form,
        "reporter_id": reporter.id,
        "reporter_name": reporter.name,
        "reporter_kind": reporter.kind.value,
        "period": period.id,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "outcome": finding.outcome.value,
        "indicators": " ".join(finding.indicators),
        "message": finding.message,
        "message_en": finding.message_en,
        "location": finding.location,
    }


def findings_records(results: Iterable[Any], *, all_results: bool = False) -> list[dict[str, Any]]:
    """One dict per finding: of :class:`~cchc.rules.CheckResult` s or of :func:`cchc.check_many`.

    Keys are :data:`FINDING_COLUMNS`; ``report`` is the position of the report
    (among the results given, or in the input of ``check_many``), ``indicators``
    the codes separated by spaces.  With *all_results*, a check result gives
    every check's finding (passes too) rather than those asking for attention.

    >>> import cchc
    >>> rows = cchc.findings_records([cchc.check(cchc.example_report())])
    >>> [(r["rule"], r["outcome"], r["indicators"]) for r in rows if r["rule"] == "R1"]
    []
    >>> sorted({r["severity"] for r in rows})
    ['error', 'info', 'warning']
    """
    from cchc.batch import ReportFinding  # noqa: PLC0415 - imports no engine until used

    out: list[dict[str, Any]] = []
    for n, item in enumerate(results):
        if isinstance(item, ReportFinding):
            out.append(
                finding_row(item.report, item.form, item.reporter, item.period, item.finding)
            )
            continue
        result: CheckResult = item
        report = result.report
        found = result.all if all_results else result.findings
        out.extend(finding_row(n, report.form.id, report.reporter, report.period, f) for f in found)
    return out


# -- flat rows for files and columnar tables -----------------------------------------------------


def _flat(row: Mapping[str, Any]) -> dict[str, Any]:
    """An entry record with its value split into ``value`` (numbers) and ``text``."""
    if "code" not in row:
        return dict(row)
    flat: dict[str, Any] = {k: row.get(k) for k in ENTRY_COLUMNS}
    value = flat["value"]
    flat["text"] = value if isinstance(value, str) else None
    flat["decimals"] = _scale(value) if isinstance(value, Decimal) else None
    if isinstance(value, str):
        flat["value"] = None
    return {k: flat[k] for k in TABLE_COLUMNS}


def _columns(rows: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    if not rows:
        return TABLE_COLUMNS
    return TABLE_COLUMNS if "code" in rows[0] else FINDING_COLUMNS


def _csv_text(value: Any, column: str = "") -> str:
    if value is None:
        return ""
    if column == "decimals":
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        # Always a decimal point: a column of 49 then 12.5 would make some readers
        # guess whole numbers from the first rows and then fail.
        text = f"{value:f}" if isinstance(value, Decimal) else str(value)
        return text if "." in text else f"{text}.0"
    return str(value)


def write_csv(rows: Iterable[Mapping[str, Any]], target: str | Path | IO[str]) -> None:
    """Write :func:`records` or :func:`findings_records` rows as one CSV file (UTF-8, a header).

    Entry values are split into ``value`` (numbers) and ``text``; pandas,
    polars and DuckDB read the file without options.
    """
    items = [_flat(r) for r in rows]
    columns = _columns(items)
    if isinstance(target, str | Path):
        with Path(target).open("w", encoding="utf-8", newline="") as handle:
            _write_csv(items, columns, handle)
    else:
        _write_csv(items, columns, target)


def _write_csv(items: list[dict[str, Any]], columns: Sequence[str], handle: IO[str]) -> None:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(columns)
    for item in items:
        writer.writerow([_csv_text(item.get(c), c) for c in columns])


def csv_text(rows: Iterable[Mapping[str, Any]]) -> str:
    """The CSV of :func:`write_csv` as a string."""
    buffer = io.StringIO()
    write_csv(rows, buffer)
    return buffer.getvalue()


def _pyarrow() -> Any:
    try:
        import pyarrow  # noqa: PLC0415 - the arrow extra, imported only when used
    except ImportError:
        from cchc.errors import UsageError  # noqa: PLC0415

        msg = "tables need the arrow extra: pip install 'cchc[arrow]'"
        raise UsageError(msg) from None
    return pyarrow


def to_arrow(rows: Iterable[Mapping[str, Any]]) -> Any:
    """:func:`records` or :func:`findings_records` rows as a ``pyarrow.Table``.

    Entry values become an exact ``decimal128`` column ``value`` (numbers) and a
    string column ``text``; every other column is a string (``report``: int64).
    """
    pa = _pyarrow()
    items = rows if isinstance(rows, list) else list(rows)
    if not items or "code" not in items[0]:
        return _finding_table(pa, [_flat(r) for r in items])
    arrays: dict[str, Any] = {}
    values = [r.get("value") for r in items]
    numbers = [None if type(v) is str else v for v in values]
    places = [_scale(v) if type(v) is Decimal else None for v in numbers]
    scale = min(max((p for p in places if p), default=0), 18)
    for name in TABLE_COLUMNS:
        if name == "value":
            # Through text, which Arrow's own cast reads exactly: far quicker than
            # handing it a Python Decimal per row.
            text = pa.array([None if v is None else str(v) for v in numbers], pa.string())
            arrays[name] = text.cast(pa.decimal128(38, scale))
        elif name == "decimals":
            arrays[name] = pa.array(places, pa.int64())
        elif name == "text":
            arrays[name] = pa.array([v if type(v) is str else None for v in values], pa.string())
        else:
            arrays[name] = pa.array([r.get(name) for r in items], pa.string())
    return pa.table(arrays)


def _finding_table(pa: Any, items: list[dict[str, Any]]) -> Any:
    arrays: dict[str, Any] = {}
    for name in _columns(items):
        values = [item.get(name) for item in items]
        kind = pa.int64() if name == "report" else pa.string()
        arrays[name] = pa.array(values, kind)
    return pa.table(arrays)


def _scale(value: int | Decimal) -> int:
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return 0


def to_pandas(rows: Iterable[Mapping[str, Any]]) -> Any:
    """The rows as a pandas ``DataFrame`` (through :func:`to_arrow`; needs pandas)."""
    return to_arrow(rows).to_pandas()


def to_polars(rows: Iterable[Mapping[str, Any]]) -> Any:
    """The rows as a polars ``DataFrame`` (through :func:`to_arrow`; needs polars)."""
    import polars  # noqa: PLC0415 - optional, imported only when used

    return polars.from_arrow(to_arrow(rows))


def write_parquet(rows: Iterable[Mapping[str, Any]], target: str | Path) -> None:
    """Write the rows as one Parquet file (through :func:`to_arrow`)."""
    _pyarrow()
    import pyarrow.parquet as pq  # noqa: PLC0415 - the arrow extra

    pq.write_table(to_arrow(rows), str(target))
