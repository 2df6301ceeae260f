"""Everything cchc.strategies draws is valid.

Laws: a drawn report builds and passes every error-severity rule; rows that do
not apply to the reporter are blank; ``complete=True`` fills every row that
applies; values have their row's type and range; reporter sets have distinct
keys.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

import cchc
from cchc import strategies as cst

FORM = cchc.load_form("phu-luc-2b@2021")


def error_failures(
    report: cchc.Report, options: dict[str, str] | None = None
) -> list[cchc.Finding]:
    """The error-severity findings that fail (or could not be evaluated) on *report*."""
    return [
        f
        for f in cchc.check(report, options=options)
        if f.severity is cchc.Severity.ERROR
        and f.outcome in (cchc.Outcome.FAIL, cchc.Outcome.ERROR)
    ]


@given(cst.reports())
def test_drawn_reports_pass_every_error_rule(report: cchc.Report) -> None:
    """A report drawn by ``reports()`` has no failing error-severity finding."""
    assert error_failures(report) == []


@given(cst.reports(complete=True))
def test_complete_reports_pass_every_error_rule(report: cchc.Report) -> None:
    """A complete report has no failing error-severity finding either."""
    assert error_failures(report) == []


OTHER_READINGS = {"autonomy": "cumulative", "online-levels": "separate"}


@given(cst.reports(options=OTHER_READINGS))
def test_reports_follow_the_policy_they_are_drawn_for(report: cchc.Report) -> None:
    """Drawn for the other readings of R24 and R29, a report passes under those readings."""
    assert error_failures(report, OTHER_READINGS) == []


@given(cst.reports(complete=True, max_notes=0, max_statuses=0))
def test_complete_reports_fill_exactly_the_rows_that_apply(report: cchc.Report) -> None:
    """``complete=True`` fills every value row that applies to the reporter, and no other."""
    applies = {i.code for i in FORM.value_indicators if report.applies(i.code)}
    assert {code for code in report if report[code].has_value} == applies


@given(cst.reports())
def test_rows_that_do_not_apply_stay_blank(report: cchc.Report) -> None:
    """No entry at all on a row that does not apply to the drawn reporter, nor on a header."""
    for code in report:
        assert report.applies(code)
        assert FORM[code].takes_value


@given(cst.reports())
def test_entries_hold_a_value_or_a_reason(report: cchc.Report) -> None:
    """Every entry is a value, a status, or a note: never an empty entry."""
    for code in report:
        assert not report[code].is_empty


@given(st.data())
def test_values_have_the_row_type_and_range(data: st.DataObject) -> None:
    """``values(row)`` is an int count ≥ 0, a Decimal percent in 0..100 with ≤ 2 places,
    a code of the legend, or a non-negative Decimal score, as the row says."""
    row = data.draw(st.sampled_from(FORM.value_indicators))
    value = data.draw(cst.values(row))
    if row.codes is not None:
        assert isinstance(value, int)
        assert value in row.codes
    elif row.is_count:
        assert isinstance(value, int)
        assert not isinstance(value, bool)
        assert value >= 0
    else:
        assert isinstance(value, Decimal)
        assert value >= 0
        assert value == value.quantize(Decimal("0.01"))
        if row.is_percent:
            assert value <= 100
    # The row accepts it.
    cchc.Report(
        form=FORM,
        reporter=cchc.Reporter("Sở Nội vụ", "department"),
        period="2021S1",
        entries={row.code: value},
    )


@given(cst.reporter_sets())
def test_reporter_sets_have_distinct_keys(units: tuple[cchc.Reporter, ...]) -> None:
    """Reporters in a set are told apart by their keys, and are of kinds that file the form."""
    assert len({u.key for u in units}) == len(units)
    assert all(u.kind in cst.FILING_KINDS for u in units)


@given(cst.report_sets(max_size=3))
def test_report_sets_share_form_and_period(batch: tuple[cchc.Report, ...]) -> None:
    """Reports of a set share their form and period, and have distinct reporters."""
    assert len({r.period for r in batch}) == 1
    assert len({r.reporter.key for r in batch}) == len(batch)
    for report in batch:
        assert error_failures(report) == []
