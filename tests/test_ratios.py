"""Computed ratios: exact values, rounding half-up at presentation, no value with a reason."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc
from cchc.errors import UsageError
from cchc.ratio import RatioReason

D = Decimal


def _report(entries: dict[str, object], kind: str = "department") -> cchc.Report:
    return cchc.Report(
        form=cchc.load_form("phu-luc-2b@2021"),
        reporter=cchc.Reporter("Sở Nội vụ", kind=kind),
        period="2021S1",
        entries=entries,  # type: ignore[arg-type]
    )


def test_the_ratios_the_issue_names_are_declared() -> None:
    form = cchc.load_form("phu-luc-2b@2021")
    pairs = {(r.numerator, r.denominator) for r in form.ratios}
    for pair in [
        ("{1.1.2}", "{1.1.1}"),
        ("{1.2.4}", "{1.2.3}"),
        ("{1.3.2}", "{1.3.1}"),
        ("{1.3.2} + {1.3.3}", "{1.3.1}"),
        ("{4.2.2}", "{4.2.1}"),
        ("{4.3.2}", "{4.3.1}"),
        ("{3.2.1}", "{3.1.3}"),
        ("{3.2.2}", "{3.2.1}"),
        ("{3.2.3}", "{3.2.2}"),
        ("{7.1.8.2}", "{7.1.8.1}"),
        ("{2.5}", "{2.4}"),
        ("{7.1.5}", "max_points({7.1.5})"),
    ]:
        assert pair in pairs
    assert any(r.numerator == "{5.1.2}" and "4.1.2.a" in r.denominator for r in form.ratios)
    assert all(r.factor == 100 for r in form.ratios)


def test_seed_values() -> None:
    table = cchc.ratios(cchc.example_report())
    values = {r.id: r.value for r in table}
    assert values["plan-tasks-done"] == D("83.67")  # 41 / 49
    assert values["assigned-tasks-on-time"] == D("60.00")  # 6 / 10
    assert values["staff-present"] == D("94.87")  # 37 / 39
    assert values["public-service-staff-present"] == D("93.33")  # 14 / 15
    assert values["tthc-integrated-of-published"] == D("33.33")  # 31 / 93
    assert values["online-level4-of-level3"] == D("100.00")
    assert values["units-with-job-positions"] == D("100.00")  # 5.1.2 / 4.1.2.a
    done = table["plan-tasks-done"]
    assert done.exact == Fraction(4100, 49)
    assert (done.numerator_value, done.denominator_value) == (41, 49)
    assert (done.numerator, done.denominator) == (("1.1.2",), ("1.1.1",))
    assert done.rounded(4) == D("83.6735")
    assert done.reason is None


def test_no_value_comes_with_a_reason() -> None:
    table = cchc.ratios(cchc.example_report())
    issues = table["inspection-issues-resolved"]
    assert issues.value is None
    assert issues.reason_kind is RatioReason.MISSING
    assert issues.reason == "missing input: 1.2.4, 1.2.3 blank"
    assert issues.reason_vi == "thiếu số liệu: 1.2.4, 1.2.3 trống"
    legal = table["legal-recommendations-handled"]  # 0 / 0
    assert (legal.value, legal.reason, legal.reason_kind) == (
        None,
        "zero denominator",
        RatioReason.ZERO_DENOMINATOR,
    )
    score = table["approved-systems-score"]
    assert score.reason_kind is RatioReason.NO_MAX_POINTS
    assert "max_points" in (score.reason or "")


def test_not_applicable_inputs() -> None:
    form = cchc.load_form("phu-luc-2b@2021")
    ratio = cchc.model.RatioDeclaration(id="x", name="X", numerator="{3.4.2}", denominator="100")
    mini = cchc.Form(id=form.id, title=form.title, indicators=form.indicators, ratios=(ratio,))
    report = cchc.Report(
        form=mini,
        reporter=cchc.Reporter("Sở Nội vụ", "department"),
        period="2021S1",
        entries={"3.4.2": 90},
    )
    (only,) = cchc.ratios(report)
    assert only.reason_kind is RatioReason.NOT_APPLICABLE
    assert only.reason == "not applicable: 3.4.2 not reported by a department"


def test_scores_take_their_maximum_points_as_a_parameter() -> None:
    report = _report({"7.1.5": D("7.5"), "7.1.1": 120})
    table = cchc.ratios(report, max_points={"7.1.5": D(10), "7.1.1": 160})
    assert table["approved-systems-score"].value == D("75.00")
    assert table["portal-quality-score"].value == D("75.00")
    with pytest.raises(UsageError, match="positive"):
        cchc.ratios(report, max_points={"7.1.5": -1})


def test_an_entered_rate_is_checked_against_its_counts() -> None:
    report = _report({"3.1.3": 7, "7.2.3.2": 6, "3.3.3": D("85.7")})
    ratio = cchc.ratios(report)["tthc-internal-procedures"]
    assert (ratio.entered, ratio.entered_value, ratio.agrees) == ("3.3.3", D("85.7"), True)
    off = cchc.ratios(report.with_value("3.3.3", D("85.8")))["tthc-internal-procedures"]
    assert off.agrees is False
    whole = cchc.ratios(report.with_value("3.3.3", D("86")))["tthc-internal-procedures"]
    assert whole.agrees is True  # 85.71… rounds to 86 at no decimals
    unknown = cchc.ratios(report.without("3.3.3"))["tthc-internal-procedures"]
    assert unknown.agrees is None


def test_json_shape() -> None:
    data = cchc.ratios(cchc.example_report())["plan-tasks-done"].as_dict()
    assert data["value"] == "83.67"
    assert data["numerator"] == ["1.1.2"] and data["denominator"] == ["1.1.1"]
    assert data["reason"] is None
    assert {"id", "name", "numerator", "denominator", "value", "reason"} <= set(data)


def test_lookup_and_html() -> None:
    table = cchc.ratios(cchc.example_report())
    assert table[0] is table["plan-tasks-done"]
    with pytest.raises(KeyError, match="no ratio 'nope'"):
        table["nope"]
    assert "plan-tasks-done" in table._repr_html_()
    assert len(table.as_dicts()) == len(table)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_a_ratio_is_exactly_numerator_over_denominator(numerator: int, denominator: int) -> None:
    ratio = cchc.ratios(_report({"1.1.2": numerator, "1.1.1": denominator}))["plan-tasks-done"]
    if denominator == 0:
        assert ratio.value is None and ratio.reason_kind is RatioReason.ZERO_DENOMINATOR
    else:
        assert ratio.exact == Fraction(numerator, denominator) * 100
        assert ratio.value is not None
        assert abs(Fraction(ratio.value) - ratio.exact) <= Fraction(1, 200)
        assert ratio.value.as_tuple().exponent == -2


def test_a_bad_ratio_in_a_hand_built_form_has_an_error_reason() -> None:
    form = cchc.load_form("phu-luc-2b@2021")
    bad = cchc.model.RatioDeclaration(id="bad", name="Bad", numerator="{1.1.2} +", denominator="1")
    good = cchc.model.RatioDeclaration(
        id="good", name="Good", numerator="{1.1.2}", denominator="{1.1.1}"
    )
    mini = cchc.Form(id="mini", title="Mini", indicators=form.indicators, ratios=(bad, good))
    report = cchc.Report(
        form=mini,
        reporter=cchc.Reporter("Sở Nội vụ", "department"),
        period="2021S1",
        entries={"1.1.2": 1, "1.1.1": 4},
    )
    table = cchc.ratios(report)
    assert table["bad"].reason_kind is RatioReason.ERROR
    assert "the text ends" in (table["bad"].reason or "")
    assert table["good"].value == D("25.00")


def test_expressions_for_people() -> None:
    ratio = cchc.ratios(cchc.example_report())["units-with-job-positions"]
    assert ratio.numerator_expression == "5.1.2"
    assert ratio.denominator_expression == "coalesce(4.1.2, sum(4.1.2.a, 4.1.2.b))"
    assert ratio.denominator == ("4.1.2", "4.1.2.a", "4.1.2.b")
