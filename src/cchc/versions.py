"""Form versions: whether a report fits the version of its form that it is on.

A form file may declare when its version is in force (``valid_from`` /
``valid_until``), the kinds of reporter that exist in it (``reporters``) and the
kinds of period it is reported for (``periods``); see ``docs/versions.md``.
:func:`version_findings` turns a mismatch into findings, which
:func:`cchc.check` lists with the rule findings:

* ``F11`` (error): the reporter's kind does not exist in the form version
  (a ``district`` report on the two-level version, in force from 1/7/2025);
* ``F12`` (error): the period lies outside the version's validity (judged by
  the end of the period's window, as :meth:`cchc.Form.in_force`);
* ``F13`` (warning): the form is not reported for periods of this kind (a
  monthly report on Phụ lục 2B).

>>> import cchc
>>> report = cchc.Report(
...     form=cchc.load_form("phu-luc-2b", period="2026S1"),
...     reporter=cchc.Reporter("UBND huyện Nam Đàn", kind="district"),
...     period="2026S1",
... )
>>> [(f.rule, f.severity.value) for f in version_findings(report)]
[('F11', 'error')]
>>> print(version_findings(report)[0].message_en)  # doctest: +NORMALIZE_WHITESPACE
reporter kind 'district' does not exist in version 2025 of form phu-luc-2b
(in force 2025-07-01..); its kinds: department, commune, central, province
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from cchc.findings import Finding, Outcome, Severity
from cchc.model import ReporterKind, form_cache
from cchc.periods import PeriodKind

if TYPE_CHECKING:
    from cchc.model import Form
    from cchc.periods import Period
    from cchc.reports import Report

__all__ = ["VERSION_RULES", "version_findings"]

_CACHE_KEY = "versions.findings"

VERSION_RULES: Final[Mapping[str, tuple[str, str]]] = {
    "F11": (
        "Loại đơn vị báo cáo có trong phiên bản biểu mẫu đang áp dụng",
        "The reporter's kind exists in the form version",
    ),
    "F12": (
        "Kỳ báo cáo nằm trong thời gian hiệu lực của phiên bản biểu mẫu",
        "The period lies within the form version's validity",
    ),
    "F13": (
        "Biểu mẫu được dùng cho loại kỳ báo cáo này",
        "The form is reported for this kind of period",
    ),
}
"""The rule ids of this module with their titles in Vietnamese and English."""

_KIND_ORDER: Final = tuple(ReporterKind)
_PERIOD_VI: Final = {
    PeriodKind.MONTH: "tháng",
    PeriodKind.QUARTER: "quý",
    PeriodKind.HALF: "6 tháng",
    PeriodKind.YEAR: "năm",
    PeriodKind.RANGE: "khoảng thời gian",
}


def _vi_date(text: str) -> str:
    year, month, day = text.split("-")
    return f"{day}/{month}/{year}"


def _validity_vi(start: str, end: str) -> str:
    if start and end:
        return f"từ {_vi_date(start)} đến {_vi_date(end)}"
    if start:
        return f"từ {_vi_date(start)}"
    return f"đến {_vi_date(end)}"


def _finding(rule: str, severity: Severity, vi: str, en: str) -> Finding:
    return Finding(rule=rule, outcome=Outcome.FAIL, severity=severity, message=vi, message_en=en)


def version_findings(report: Report) -> tuple[Finding, ...]:
    """The findings F11, F12 and F13 of *report* against its form version (none if it fits).

    >>> import cchc
    >>> version_findings(cchc.example_report())
    ()
    """
    form, kind, period = report.form, report.reporter.kind, report.period
    # They depend on the kind of reporter and the period only: worked out once per
    # form for each, as checking a round asks the same question thousands of times.
    cache: dict[tuple[ReporterKind, Period], tuple[Finding, ...]]
    cache = form_cache(form).setdefault(_CACHE_KEY, {})
    found = cache.get((kind, period))
    if found is None:
        if len(cache) >= 4096:
            cache.clear()
        found = cache[kind, period] = _version_findings(form, kind, period)
    return found


def _version_findings(form: Form, kind: ReporterKind, period: Period) -> tuple[Finding, ...]:
    name = f"{form.id}@{form.version}"
    problems: list[Finding] = []
    if kind not in form.reporter_kinds:
        kinds = [k for k in _KIND_ORDER if k in form.reporter_kinds]
        listed = ", ".join(k.value for k in kinds)
        in_force = f" (in force {form.validity})" if form.validity else ""
        vi_force = (
            f" (hiệu lực {_validity_vi(*form.validity.split('..'))})" if form.validity else ""
        )
        problems.append(
            _finding(
                "F11",
                Severity.ERROR,
                f"loại đơn vị báo cáo {kind.label!r} không có trong phiên bản "
                f"{form.version} của biểu mẫu {form.id}{vi_force}; các loại đơn vị: "
                f"{', '.join(k.label for k in kinds)}",
                f"reporter kind {kind.value!r} does not exist in version "
                f"{form.version} of form {form.id}{in_force}; its kinds: {listed}",
            )
        )
    if not form.in_force(period):
        end = period.end.isoformat()
        problems.append(
            _finding(
                "F12",
                Severity.ERROR,
                f"kỳ báo cáo {period.label()} (kết thúc {_vi_date(end)}) nằm ngoài thời gian "
                f"hiệu lực của phiên bản {form.version} của biểu mẫu {form.id} "
                f"({_validity_vi(*form.validity.split('..'))})",
                f"period {period.id} (ending {end}) lies outside the validity of {name} "
                f"({form.validity})",
            )
        )
    if not form.accepts(period):
        accepted = [k for k in PeriodKind if k in form.period_kinds]
        problems.append(
            _finding(
                "F13",
                Severity.WARNING,
                f"biểu mẫu {form.id} không dùng cho kỳ báo cáo {_PERIOD_VI[period.kind]} "
                f"(dùng cho kỳ: {', '.join(_PERIOD_VI[k] for k in accepted)})",
                f"form {name} is not reported for a {period.kind.value} period "
                f"(it takes: {', '.join(k.value for k in accepted)})",
            )
        )
    return tuple(problems)
