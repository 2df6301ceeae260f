"""Comparison across periods (rules.md A3, A4).

:func:`compare` sets two reports of one reporter and one form side by side:
each value row's change (direction, absolute and relative change, exact) and
the drift a careful officer looks for, as warning findings:

* ``A3.cumulative-decreased``: a cumulative figure (*lũy kế*, *so với năm 2015*)
  that went down;
* ``A4.plan-changed``: an annual plan figure that changed within the year;
* ``A3.flow-decreased``: a count over a window that contains the earlier
  report's window (the 6-month report contains Q1, the annual report contains
  both) that is smaller than the earlier count.  Q3 and the 6-month report do
  not nest (Q3 counts from 15/6), so they are never compared this way.

>>> import cchc
>>> form = cchc.load_form()
>>> unit = cchc.Reporter("Sở Nội vụ", kind="department")
>>> q1 = cchc.Report(form=form, reporter=unit, period="2021Q1", entries={"1.1.1": 49, "1.1.2": 20})
>>> s1 = cchc.Report(form=form, reporter=unit, period="2021S1", entries={"1.1.1": 52, "1.1.2": 18})
>>> comparison = cchc.compare(q1, s1)
>>> change = comparison["1.1.2"]
>>> change.direction, change.absolute, change.relative
(<Direction.DOWN: 'down'>, -2, Decimal('-10'))
>>> [f.rule for f in comparison.findings]
['A4.plan-changed', 'A3.flow-decreased']

:func:`flow_between` derives the flows of a period without a report of its own
(Q2 = 6 months − Q1, the second half-year = year − 6 months).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc import _display
from cchc._exact import round_half_up
from cchc._text import short_name
from cchc.aggregation import PLACES
from cchc.errors import PeriodError, UnknownIndicatorError, UsageError
from cchc.findings import Finding, Outcome, Severity
from cchc.formatting import format_number
from cchc.model import Indicator, Temporal
from cchc.periods import Period
from cchc.reports import Report
from cchc.values import Entry, Status, Value

__all__ = ["Change", "Comparison", "Direction", "compare", "flow_between"]


class Direction(enum.Enum):
    """How a row's value moved from the earlier report to the later one."""

    UP = "up"
    DOWN = "down"
    SAME = "same"
    CHANGED = "changed"
    """A coded answer or a text that differs (neither up nor down)."""
    NEW = "new"
    """A value in the later report only."""
    GONE = "gone"
    """A value in the earlier report only."""


@attrs.frozen(kw_only=True)
class Change:
    """The change of one row between two reports.

    Attributes:
        code: the indicator code.
        earlier: the row's entry in the earlier report.
        later: the row's entry in the later report.
        direction: up, down, same, changed, new or gone.
        absolute: later − earlier, exact (percentage points for a percentage row);
            ``None`` unless both are numbers.
        relative: the change as a percentage of the earlier value, rounded half up
            to :data:`cchc.aggregation.PLACES` places; ``None`` when the earlier
            value is zero or either is not a number.
    """

    code: str
    earlier: Entry
    later: Entry
    direction: Direction
    absolute: int | Decimal | None = None
    relative: Decimal | None = None

    def __repr__(self) -> str:
        """One short line: ``<Change 2.1 4 → 6 up +2 (+50%)>``."""
        change = "" if self.absolute is None else f" {self.absolute:+}"
        relative = "" if self.relative is None else f" ({self.relative:+}%)"
        return (
            f"<Change {self.code} {self.earlier.value} → {self.later.value} "
            f"{self.direction.value}{change}{relative}>"
        )


@attrs.frozen(kw_only=True)
class Comparison:
    """Two reports of one reporter set side by side.

    ``comparison[code]`` is the :class:`Change` of a row that has a value in at
    least one of the reports; iteration gives the changes in the form's order.

    Attributes:
        earlier: the earlier report.
        later: the later report.
        changes: a :class:`Change` per row with a value in either report.
        findings: drift warnings (rules ``A3.…`` and ``A4.…``).
    """

    earlier: Report
    later: Report
    changes: tuple[Change, ...]
    findings: tuple[Finding, ...]

    def __getitem__(self, code: str) -> Change:
        for change in self.changes:
            if change.code == code:
                return change
        if code not in self.later.form:
            raise UnknownIndicatorError(code, source=self.later.form.id)
        msg = f"{code} has a value in neither report"
        raise KeyError(msg)

    def get(self, code: str) -> Change | None:
        """The change of row *code*, or ``None`` when neither report has a value."""
        return next((c for c in self.changes if c.code == code), None)

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __repr__(self) -> str:
        """One short line: whose reports, which periods, how many changes and findings."""
        return (
            f"<Comparison {short_name(self.later.reporter.name)!r} "
            f"{self.earlier.period.id} → {self.later.period.id}: "
            f"{len(self.changes)} changes, {len(self.findings)} findings>"
        )

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    def _repr_html_(self) -> str:
        """The changes as an HTML table (see :func:`cchc.render.comparison_html`)."""
        return _display.html(self)

    def as_data(self) -> dict[str, object]:
        """The comparison as JSON-ready data (numbers as in the JSON format: decimals as strings).

        >>> import cchc
        >>> form = cchc.load_form()
        >>> unit = cchc.Reporter("Sở Nội vụ", kind="department")
        >>> q1 = cchc.Report(form=form, reporter=unit, period="2021Q1", entries={"2.1": 4})
        >>> s1 = cchc.Report(form=form, reporter=unit, period="2021S1", entries={"2.1": 6})
        >>> cchc.compare(q1, s1).as_data()["changes"]
        [{'code': '2.1', 'earlier': 4, 'later': 6, 'direction': 'up', 'absolute': 2,
          'relative': '50'}]
        """
        return {
            "form": self.later.form.id,
            "earlier": {
                "period": self.earlier.period.id,
                "reporter": _reporter_data(self.earlier),
            },
            "later": {"period": self.later.period.id, "reporter": _reporter_data(self.later)},
            "changes": [
                {
                    "code": c.code,
                    "earlier": _json_value(c.earlier.value),
                    "later": _json_value(c.later.value),
                    "direction": c.direction.value,
                    "absolute": _json_value(c.absolute),
                    "relative": _json_value(c.relative),
                }
                for c in self.changes
            ],
            "findings": [
                {
                    "rule": f.rule,
                    "severity": f.severity.value,
                    "indicators": list(f.indicators),
                    "message": f.message,
                    "message_en": f.message_en,
                    "outcome": f.outcome.value,
                }
                for f in self.findings
            ],
        }


def _reporter_data(report: Report) -> dict[str, str]:
    data = {"name": report.reporter.name, "kind": report.reporter.kind.value}
    if report.reporter.id is not None:
        data["id"] = report.reporter.id
    if report.reporter.parent is not None:
        data["parent"] = report.reporter.parent
    return data


def _json_value(value: Value | None) -> int | str | None:
    if isinstance(value, Decimal):
        return f"{value:f}"  # plain notation, as cchc.dumps writes decimals: never "1E+2"
    return value


# -- compare -------------------------------------------------------------------------------


def compare(
    earlier: Report, later: Report, *, allow_different_reporters: bool = False
) -> Comparison:
    """Set two reports of one reporter and one form side by side (rules.md A3–A4).

    Args:
        earlier: the report of the earlier period (or the earlier version of one period).
        later: the report of the later period.
        allow_different_reporters: compare reports of two different reporters
            (by :attr:`~cchc.reports.Reporter.key`); an error otherwise.

    Returns:
        the :class:`Comparison`, with a change per row that has a value in either
        report and the drift findings.  Drift is only looked for between
        different periods; header rows are left out.

    Raises:
        UsageError: different forms, different reporters, or an *earlier* report
            whose period ends after the *later* one's.
    """
    checked: tuple[object, object] = (earlier, later)
    if not all(isinstance(r, Report) for r in checked):
        msg = "compare() takes two Reports"
        raise UsageError(msg)
    _check_pair(earlier, later, allow_different_reporters=allow_different_reporters)
    if later.period < earlier.period:
        msg = (
            f"the earlier report is for {earlier.period.id}, after the later one "
            f"({later.period.id}): swap them"
        )
        raise UsageError(msg)
    changes: list[Change] = []
    findings: list[Finding] = []
    for indicator in later.form.value_indicators:
        before, after = earlier[indicator.code], later[indicator.code]
        if before.value is None and after.value is None:
            continue
        changes.append(_change(indicator, before, after))
        if before.value is not None and after.value is not None:
            finding = _drift(indicator, before.value, after.value, earlier.period, later.period)
            if finding is not None:
                findings.append(_unless_contributors_differ(finding, before, after))
    return Comparison(
        earlier=earlier, later=later, changes=tuple(changes), findings=tuple(findings)
    )


def _check_pair(earlier: Report, later: Report, *, allow_different_reporters: bool) -> None:
    if earlier.form.id != later.form.id:
        msg = (
            f"the reports are on different forms ({earlier.form.id!r} and {later.form.id!r}) "
            "and cannot be compared"
        )
        raise UsageError(msg)
    if earlier.reporter.key != later.reporter.key and not allow_different_reporters:
        msg = (
            f"the reports are from different reporters ({earlier.reporter.key!r} and "
            f"{later.reporter.key!r}); pass allow_different_reporters=True to compare them"
        )
        raise UsageError(msg)


def _change(indicator: Indicator, before: Entry, after: Entry) -> Change:
    code = indicator.code
    old, new = before.value, after.value
    if old is None:
        return Change(code=code, earlier=before, later=after, direction=Direction.NEW)
    if new is None:
        return Change(code=code, earlier=before, later=after, direction=Direction.GONE)
    if isinstance(old, str) or isinstance(new, str) or indicator.codes is not None:
        direction = Direction.SAME if old == new else Direction.CHANGED
        return Change(code=code, earlier=before, later=after, direction=direction)
    absolute = new - old
    direction = Direction.UP if absolute > 0 else Direction.DOWN if absolute < 0 else Direction.SAME
    relative = (
        None
        if old == 0
        else round_half_up(Fraction(absolute) * 100 / abs(Fraction(old)), PLACES, trim=True)
    )
    return Change(
        code=code,
        earlier=before,
        later=after,
        direction=direction,
        absolute=absolute,
        relative=relative,
    )


# -- drift findings ----------------------------------------------------------------------


def _number(value: Value) -> str:
    """A number as Vietnamese tables print it: 6.460, 83,67."""
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent  # values are finite: an int
        places = -exponent if isinstance(exponent, int) else 0
        return format_number(value, decimals=max(0, places))  # every digit, none rounded away
    return value


def _drift(
    indicator: Indicator, old: Value, new: Value, before: Period, after: Period
) -> Finding | None:
    if before == after:
        return None
    name = f"{indicator.code} ({indicator.display_name})"
    then_vi, now_vi = f"{_number(old)} ({before.label()})", f"{_number(new)} ({after.label()})"
    then_en, now_en = f"{old} ({before.label('en')})", f"{new} ({after.label('en')})"
    numbers = (
        (old, new)
        if not isinstance(old, str) and not isinstance(new, str) and not indicator.is_coded
        else None
    )
    if indicator.temporal is Temporal.PLAN and before.year == after.year and old != new:
        return _finding(
            "A4.plan-changed",
            indicator,
            numbers,
            message=f"{name} là chỉ tiêu kế hoạch năm, phải giống nhau trong cả năm: "
            f"{then_vi} → {now_vi}.",
            message_en=f"{name} is an annual plan figure and should not change within "
            f"the year: {then_en} → {now_en}.",
        )
    if numbers is None or not numbers[1] < numbers[0]:
        return None
    if indicator.temporal is Temporal.CUMULATIVE:
        return _finding(
            "A3.cumulative-decreased",
            indicator,
            numbers,
            message=f"{name} là số lũy kế, không được giảm theo thời gian: {then_vi} → {now_vi}.",
            message_en=f"{name} is cumulative and should never decrease: {then_en} → {now_en}.",
        )
    if indicator.temporal is Temporal.FLOW and indicator.is_count and after.contains(before):
        return _finding(
            "A3.flow-decreased",
            indicator,
            numbers,
            message=f"{name}: kỳ {after.label()} bao gồm {before.label()} nhưng số liệu nhỏ "
            f"hơn: {then_vi} → {now_vi}.",
            message_en=f"{name}: the {after.label('en')} window contains "
            f"{before.label('en')} but the figure is smaller: {then_en} → {now_en}.",
        )
    return None


def _unless_contributors_differ(finding: Finding, before: Entry, after: Entry) -> Finding:
    """*finding*, or an info finding when the two aggregated values sum different units.

    A sum over other units is no drift: 1.1.1 of Sở A + Sở B against Sở A alone
    differs because the units differ, not because a plan changed.
    """
    if before.coverage is None or after.coverage is None:
        return finding
    then, now = set(before.contributors), set(after.contributors)
    if then == now:
        return finding
    gone, new = sorted(then - now), sorted(now - then)
    parts_vi = [
        f"không còn {', '.join(gone)}" if gone else "",
        f"thêm {', '.join(new)}" if new else "",
    ]
    parts_en = [
        f"without {', '.join(gone)}" if gone else "",
        f"with {', '.join(new)}" if new else "",
    ]
    code = finding.indicators[0]
    return attrs.evolve(
        finding,
        rule="A.contributors-differ",
        severity=Severity.INFO,
        outcome=Outcome.PASS,
        message=f"{code}: hai số tổng hợp không cùng các đơn vị "
        f"({'; '.join(p for p in parts_vi if p)}), không so sánh như một xu hướng.",
        message_en=f"{code}: the two aggregates sum different units "
        f"({'; '.join(p for p in parts_en if p)}), so the change is not drift.",
    )


def _finding(
    rule: str,
    indicator: Indicator,
    numbers: tuple[int | Decimal, int | Decimal] | None,
    *,
    message: str,
    message_en: str,
) -> Finding:
    old, new = numbers if numbers is not None else (None, None)
    return Finding(
        rule=rule,
        outcome=Outcome.FAIL,
        severity=Severity.WARNING,
        indicators=(indicator.code,),
        message=message,
        message_en=message_en,
        left=new,
        operator="==" if rule.startswith("A4") else ">=",
        right=old,
        imbalance=None if old is None or new is None else new - old,
    )


# -- periods without a report of their own -----------------------------------------------------


def _remainder(later: Period, earlier: Period) -> Period:
    """The period whose window is *later*'s window after *earlier*'s."""
    outer, inner = later.window, earlier.window
    if outer.start == inner.start and inner.end < outer.end:
        candidates = [Period.quarter(later.year, n) for n in range(1, 5)]
        candidates += [Period.half(later.year, n) for n in (1, 2)]
        candidates += [Period.month(later.year, n) for n in range(1, 13)]
        for period in candidates:
            window = period.window
            if window.start == inner.end + timedelta(days=1) and window.end == outer.end:
                return period
    msg = (
        f"the flows of {later.id} less those of {earlier.id} are not the flows of a "
        "period (supported: 6 months − Q1 = Q2, year − 6 months = second half-year, "
        "a quarter less its first two months = its last month)"
    )
    raise PeriodError(msg)


_NOTE_NEGATIVE = "Không suy ra được: số liệu kỳ dài nhỏ hơn kỳ ngắn nằm trong nó."


def flow_between(later: Report, earlier: Report) -> Report:
    """The report of the period between two nested reports of one reporter.

    The regime has no Q2 or second half-year report: the 6-month and annual
    reports, whose windows start on the same day as Q1's, take their place.  So the
    Q2 flows are the 6-month flows less the Q1 flows, and the second half-year
    flows are the annual flows less the 6-month flows.

    In the derived report, flow counts are the differences (blank when either
    side is blank, or when the later figure is smaller, with a note); stocks,
    cumulative figures and plan figures are the later report's, since both
    windows end on the same day; flow rates, scores and coded answers cannot be
    derived and are left blank.

    >>> import cchc
    >>> form = cchc.load_form()
    >>> unit = cchc.Reporter("Sở Nội vụ", kind="department")
    >>> q1 = cchc.Report(
    ...     form=form, reporter=unit, period="2021Q1", entries={"2.1": 4, "3.1.3": 120}
    ... )
    >>> s1 = cchc.Report(
    ...     form=form, reporter=unit, period="2021S1", entries={"2.1": 6, "3.1.3": 125}
    ... )
    >>> q2 = cchc.comparison.flow_between(s1, q1)
    >>> q2.period, q2.value("2.1"), q2.value("3.1.3")
    (Period.parse('2021Q2'), 2, 125)

    Raises:
        UsageError: reports of different forms or reporters.
        PeriodError: windows that do not leave a period (Q3 and 6 months, year and Q1).
    """
    _check_pair(earlier, later, allow_different_reporters=False)
    period = _remainder(later.period, earlier.period)
    entries: dict[str, Entry] = {}
    for indicator in later.form.value_indicators:
        code = indicator.code
        after = later[code]
        if indicator.temporal is Temporal.FLOW:
            if not indicator.is_count:
                continue
            before = earlier[code].value
            if isinstance(after.value, int) and isinstance(before, int):
                difference = after.value - before
                if difference >= 0:
                    entries[code] = Entry(value=difference)
                else:
                    entries[code] = Entry(note=_NOTE_NEGATIVE)
            elif after.status is Status.NOT_APPLICABLE:
                entries[code] = Entry(status=Status.NOT_APPLICABLE)
        elif not after.is_empty:
            entries[code] = after
    return Report(form=later.form, reporter=later.reporter, period=period, entries=entries)
