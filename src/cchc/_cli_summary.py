"""``cchc check --summary``: one line per file, then a grand total over every input."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cchc.reports import Report
    from cchc.rules import CheckResult

__all__ = ["print_summary"]


def print_summary(
    results: Sequence[tuple[str, Report, CheckResult]], *, unreadable: int = 0, locale: str
) -> None:
    """Print a line per file read and a grand total that counts the *unreadable* files too.

    The files that could not be read have said why on standard error already; the
    total still counts them, so that it matches the files given.
    """
    english = locale == "en"

    def counted(counts: dict[str, int]) -> str:
        if english:
            return f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info"
        return f"{counts['error']} lỗi, {counts['warning']} cảnh báo, {counts['info']} thông tin"

    totals = dict.fromkeys(("error", "warning", "info"), 0)
    failing = 0
    for name, report, result in results:
        counts = dict(result.summary())
        for key in totals:
            totals[key] += counts[key]
        failing += result.has_errors
        period = report.period.label(locale)
        sys.stdout.write(f"{name}: {report.reporter.name}, {period}: {counted(counts)}" + "\n")
    files = len(results) + unreadable
    if english:
        unread = f" ({unreadable} unreadable)" if unreadable else ""
        line = f"total: {files} files{unread}, {failing} with errors; {counted(totals)}"
    else:
        unread = f" ({unreadable} không đọc được)" if unreadable else ""
        line = f"tổng: {files} tệp{unread}, {failing} tệp có lỗi; {counted(totals)}"
    sys.stdout.write(line + "\n")
