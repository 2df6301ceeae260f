"""A province's own report among its units': set aside, named, and used for province-wide rows.

Mixed with the reports of units, a province's report holds totals over those same
units: adding it would count them twice.  It serves only the province-wide rows
(rules.md A5), and the aggregate names every one set aside.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from cchc.findings import Finding, Outcome, Severity
from cchc.reports import Report
from cchc.values import Coverage, Entry, Status

__all__ = ["note_set_aside", "province_wide"]

_NOTE_PROVINCE_WIDE = (
    "Chỉ tiêu toàn tỉnh: không cộng từ các đơn vị; lấy từ báo cáo của tỉnh (chưa có)."
)


def province_wide(code: str, provinces: Sequence[Report]) -> Entry:
    """Row *code* of the province's own report, if exactly one report gives it."""
    given = [r for r in provinces if not r[code].is_blank]
    if len(given) == 1:
        report = given[0]
        entry = report[code]
        if entry.coverage is not None:
            return entry
        expected = 0 if entry.status is Status.NOT_APPLICABLE else 1
        return attrs.evolve(
            entry,
            coverage=Coverage(1 if entry.has_value else 0, expected),
            contributors=(report.reporter.key,) if entry.has_value else (),
        )
    if len(given) > 1:
        names = ", ".join(r.reporter.key for r in given)
        return Entry(
            note=f"Chỉ tiêu toàn tỉnh: có {len(given)} báo cáo cấp tỉnh ({names}), không chọn được."
        )
    return Entry(note=_NOTE_PROVINCE_WIDE)


def note_set_aside(reports: Sequence[Report]) -> tuple[Finding, ...]:
    """Name, as one ``agg.province-report`` warning, the province reports not summed.

    Mixed with the reports of units, a province's own report holds totals over those
    same units: adding it would count them twice.  Its figures serve only the
    province-wide rows (rules.md A5), and nothing is left out without a word.
    """
    if not reports:
        return ()
    names = ", ".join(r.reporter.name for r in reports)
    return (
        Finding(
            rule="agg.province-report",
            outcome=Outcome.FAIL,
            severity=Severity.WARNING,
            message=f"Không cộng {len(reports)} báo cáo cấp tỉnh vào tổng của các đơn vị "
            f"(sẽ tính hai lần), chỉ dùng cho chỉ tiêu toàn tỉnh: {names}.",
            message_en=f"{len(reports)} province report(s) not added to the units' totals "
            f"(they would count twice), used only for province-wide rows: {names}.",
        ),
    )
