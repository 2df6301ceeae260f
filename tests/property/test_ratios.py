"""Laws of the computed ratios.

* Exact: a ratio is numerator ÷ denominator × factor as a Fraction, never rounded
  before presentation.
* Scale-invariant: multiplying every count of a report by k > 0 (a valid report
  stays valid) leaves every ratio of counts unchanged.
* No value on a zero denominator: with every count zero, a ratio of counts has no
  value and says why.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import cchc
from cchc import strategies as cst

FORM = cchc.load_form("phu-luc-2b@2021")


def scaled(report: cchc.Report, k: int) -> cchc.Report:
    """*report* with every count multiplied by *k* (codes and percentages untouched)."""
    entries = {}
    for code, entry in report.entries.items():
        if FORM[code].is_count and isinstance(entry.value, int):
            entries[code] = cchc.Entry(value=entry.value * k, note=entry.note)
        else:
            entries[code] = entry
    return report.evolve(entries=entries)


def of_counts(ratio: cchc.ratio.Ratio) -> bool:
    codes = (*ratio.numerator, *ratio.denominator)
    return bool(codes) and all(FORM[c].is_count for c in codes)


@given(cst.reports())
def test_ratios_are_exact(report: cchc.Report) -> None:
    """Every ratio with a value is exactly numerator / denominator × factor."""
    for ratio in cchc.ratios(report):
        if ratio.exact is None:
            assert ratio.value is None
            assert ratio.reason
            continue
        assert isinstance(ratio.exact, Fraction)
        assert ratio.numerator_value is not None
        assert ratio.denominator_value is not None
        expected = (
            Fraction(ratio.numerator_value) / Fraction(ratio.denominator_value) * ratio.factor
        )
        assert ratio.exact == expected


@given(cst.reports(complete=True), st.integers(min_value=2, max_value=1000))
def test_ratios_of_counts_do_not_change_with_scale(report: cchc.Report, k: int) -> None:
    """Multiplying numerators and denominators by k gives the same ratios of counts."""
    bigger = scaled(report, k)
    assert [
        f for f in cchc.check(bigger) if f.is_problem and f.severity is cchc.Severity.ERROR
    ] == []
    before, after = cchc.ratios(report), cchc.ratios(bigger)
    for one, other in zip(before, after, strict=True):
        if of_counts(one):
            assert one.exact == other.exact
            assert one.reason_kind == other.reason_kind


@given(cst.reports(complete=True))
def test_zero_denominators_give_no_value(report: cchc.Report) -> None:
    """With every count zero, no ratio of counts has a value, and each says why."""
    for ratio in cchc.ratios(scaled(report, 0)):
        if of_counts(ratio):
            assert ratio.exact is None
            assert ratio.value is None
            assert ratio.reason_kind in (
                cchc.ratio.RatioReason.ZERO_DENOMINATOR,
                cchc.ratio.RatioReason.NOT_APPLICABLE,
            )


@given(cst.reports(complete=True))
def test_a_complete_report_gives_a_reason_only_for_zero_or_scores(report: cchc.Report) -> None:
    """On a complete report a ratio of counts lacks a value only for a zero denominator
    or a row that does not apply to the reporter."""
    zero, not_applicable = (
        cchc.ratio.RatioReason.ZERO_DENOMINATOR,
        cchc.ratio.RatioReason.NOT_APPLICABLE,
    )
    for ratio in cchc.ratios(report):
        if of_counts(ratio) and ratio.exact is None:
            assert ratio.reason_kind in (zero, not_applicable)
            if ratio.reason_kind is zero:
                assert ratio.denominator_value == 0
