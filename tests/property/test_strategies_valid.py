"""Everything cchc.strategies draws is valid, for the built-in form and any other.

Laws: a drawn report builds and passes every error-severity rule; rows that do
not apply to the reporter are blank; ``complete=True`` fills every row that
applies; values have their row's type and range; reporter sets have distinct
keys.  The report laws run on the built-in Phụ lục 2B, on the custom dossier
form of ``tests/forms/ho-so.toml`` and on forms drawn by ``forms()``.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc
from cchc import strategies as cst
from cchc.forms.loader import form_from_data

FORM = cchc.load_form("phu-luc-2b@2021")
Forms = st.SearchStrategy[cchc.Form]


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


def reports_of(
    forms: st.SearchStrategy[cchc.Form], **options: object
) -> st.SearchStrategy[cchc.Report]:
    """Reports of the drawn forms, drawn with *options*."""
    return forms.flatmap(lambda form: cst.reports(form=form, **options))  # type: ignore[arg-type]


@given(data=st.data())
def test_drawn_reports_pass_every_error_rule(forms_under_test: Forms, data: st.DataObject) -> None:
    """A report drawn by ``reports()`` has no failing error-severity finding."""
    assert error_failures(data.draw(reports_of(forms_under_test))) == []


@given(data=st.data())
def test_complete_reports_pass_every_error_rule(
    forms_under_test: Forms, data: st.DataObject
) -> None:
    """A complete report has no failing error-severity finding either."""
    assert error_failures(data.draw(reports_of(forms_under_test, complete=True))) == []


@settings(max_examples=200)
@given(data=st.data())
def test_two_hundred_custom_reports_pass(ho_so: cchc.Form, data: st.DataObject) -> None:
    """200 reports of a form with sums, bounds and an entered rate pass its error rules."""
    assert error_failures(data.draw(cst.reports(form=ho_so))) == []


@given(data=st.data())
def test_every_error_rule_is_constructed(forms_under_test: Forms, data: st.DataObject) -> None:
    """No form the laws run on has an error rule the plan cannot construct."""
    assert cst.unconstructed_rules(form=data.draw(forms_under_test)) == ()


def test_a_rule_outside_the_plan_is_named_once(ho_so_path: Path) -> None:
    """A rule the plan cannot construct is named with its reason, in a warning and a list."""
    extra = '[[rule]]\nid = "X1"\ntest = "{1.1} * {1.2} <= 5"\n'
    text = ho_so_path.read_text(encoding="utf-8") + extra
    form = form_from_data(tomllib.loads(text))
    gaps = dict(cst.unconstructed_rules(form=form))
    assert set(gaps) == {"X1"}
    assert "not a sum of rows" in gaps["X1"]

    @settings(max_examples=1, database=None)
    @given(cst.reports(form=form))
    def draw_one(_report: cchc.Report) -> None:
        pass

    with pytest.warns(cst.UnconstructedRuleWarning, match="X1: .*not a sum of rows"):
        draw_one()


OTHER_READINGS = {"autonomy": "cumulative", "online-levels": "separate"}


@given(cst.reports(options=OTHER_READINGS))
def test_reports_follow_the_policy_they_are_drawn_for(report: cchc.Report) -> None:
    """Drawn for the other readings of R24 and R29, a report passes under those readings."""
    assert error_failures(report, OTHER_READINGS) == []


@given(data=st.data())
def test_complete_reports_fill_exactly_the_rows_that_apply(
    forms_under_test: Forms, data: st.DataObject
) -> None:
    """``complete=True`` fills every value row that applies to the reporter, and no other."""
    report = data.draw(reports_of(forms_under_test, complete=True, max_notes=0, max_statuses=0))
    applies = {i.code for i in report.form.value_indicators if report.applies(i.code)}
    assert {code for code in report if report[code].has_value} == applies


@given(data=st.data())
def test_rows_that_do_not_apply_stay_blank(forms_under_test: Forms, data: st.DataObject) -> None:
    """No entry at all on a row that does not apply to the drawn reporter, nor on a header."""
    report = data.draw(reports_of(forms_under_test))
    for code in report:
        assert report.applies(code)
        assert report.form[code].takes_value


@given(data=st.data())
def test_entries_hold_a_value_or_a_reason(forms_under_test: Forms, data: st.DataObject) -> None:
    """Every entry is a value, a status, or a note: never an empty entry."""
    report = data.draw(reports_of(forms_under_test))
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
