"""The parts of the ``cchc`` command for many reports at once: long tables and the batch engine.

``cchc convert FILE… --to csv|parquet`` (one long table), ``cchc check --format
csv`` (one finding per line) and ``cchc check --engine duckdb``.  Kept beside
:mod:`cchc.cli`, which calls in here, so that each stays readable.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from cchc.errors import UsageError
from cchc.reports import Report

__all__ = [
    "add_convert_arguments",
    "add_engine_argument",
    "checked",
    "convert_long",
    "write_findings_csv",
]


def add_convert_arguments(p: argparse.ArgumentParser) -> None:
    """The files of ``cchc convert``, its formats and ``--long``."""
    p.add_argument(
        "files",
        metavar="FILE",
        nargs="+",
        help="the report: .txt, .json, .csv, .docx, .xlsx; several make one long table",
    )
    p.add_argument(
        "--to", choices=("json", "csv", "txt", "xlsx", "docx", "parquet"), help="the output format"
    )
    p.add_argument(
        "--long",
        action="store_true",
        help="write one long table (a row per entry, as cchc.records) even for one report",
    )


def add_engine_argument(p: argparse.ArgumentParser) -> None:
    """``cchc check --engine``."""
    p.add_argument(
        "--engine",
        choices=("python", "duckdb"),
        default="python",
        help="python: report by report (default); duckdb: the rules as SQL over all "
        "reports at once (needs cchc[duckdb])",
    )


def convert_long(args: argparse.Namespace, read_file: Callable[[str, Any], Report]) -> int:
    """Many reports as one long table: a row per entry (``cchc.records``), CSV or Parquet."""
    from cchc import tables  # noqa: PLC0415 - only convert needs the table writers

    target = args.to or (Path(args.output).suffix.lstrip(".").lower() if args.output else "csv")
    if target not in ("csv", "parquet"):
        msg = f"several reports convert to one long table: --to csv or parquet, not {target}"
        raise UsageError(msg)
    if target == "parquet" and not args.output:
        raise UsageError("parquet output is binary: give -o OUT")
    rows = tables.records([read_file(name, args.form) for name in args.files])
    if target == "parquet":
        tables.write_parquet(rows, args.output)
    else:
        tables.write_csv(rows, args.output or sys.stdout)
    return 0


def checked(
    args: argparse.Namespace,
    inputs: Sequence[tuple[str, Report | None]],
    options: Mapping[str, str],
    points: Mapping[str, str],
) -> tuple[list[tuple[str, Report, Any]], bool]:
    """Each readable file with its check result, by the engine ``--engine`` names, and
    whether a file could not be read."""
    read = [(name, report) for name, report in inputs if report is not None]
    reports = [report for _, report in read]
    if args.engine != "duckdb":
        import cchc  # noqa: PLC0415 - the front door's check, as the rest of the CLI calls it

        found: list[Any] = [cchc.check(r, options=options, max_points=points) for r in reports]
    else:
        from cchc.batch import results  # noqa: PLC0415 - the batch extra

        if args.all:
            raise UsageError("cchc check: --all needs the default engine (python)")
        found = list(results(reports, options=options, max_points=points))
    checked = [(name, report, result) for (name, report), result in zip(read, found, strict=True)]
    return checked, len(read) < len(inputs)


def write_findings_csv(results: Sequence[tuple[str, Report, Any]]) -> None:
    """One finding per line: the file, then the columns of ``cchc.findings_records``."""
    from cchc.tables import FINDING_COLUMNS, finding_row  # noqa: PLC0415

    writer = csv.writer(sys.stdout, lineterminator="\n")
    columns = [c for c in FINDING_COLUMNS if c != "report"]
    writer.writerow(["file", *columns])
    for name, report, result in results:
        for f in result.findings:
            row = finding_row(0, report.form.id, report.reporter, report.period, f)
            writer.writerow([name, *("" if row[c] is None else row[c] for c in columns)])
