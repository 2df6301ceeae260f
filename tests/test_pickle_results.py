"""Results of ratios, aggregation and comparison are plain data: they pickle (issue 10).

A process pool returns its results by pickling them, so every public result
object must survive ``pickle.loads(pickle.dumps(x))`` and compare equal to itself.
"""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc
from cchc import strategies as cst
from cchc.aggregation import RateMethod

FORM = cchc.load_form("phu-luc-2b@2021")
PROVINCE = cchc.Reporter("Tỉnh X", kind="province")


def round_trip(value: Any) -> Any:
    return pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def unit(name: str, entries: dict[str, object], kind: str = "department") -> cchc.Report:
    reporter = cchc.Reporter(name, kind=kind)
    return cchc.Report(form=FORM, reporter=reporter, period="2021S1", entries=entries)  # type: ignore[arg-type]


def units() -> list[cchc.Report]:
    na = cchc.Entry(status=cchc.Status.NOT_APPLICABLE)
    return [
        unit("Sở A", {"1.1.2": 9, "1.1.1": 10, "3.4.1": Decimal("90.5"), "7.2.5.1": 30}),
        unit("Sở B", {"1.1.2": 1, "1.1.1": 4, "3.4.1": Decimal(70), "7.2.5.1": 10}),
        unit("Sở C", {"1.1.2": na, "1.1.1": na}),
        unit("Huyện D", {"1.4.2": 2}, kind="district"),
    ]


def test_ratios_pickle() -> None:
    table = cchc.ratios(cchc.example_report())
    again = round_trip(table)
    assert again == table
    assert list(again) == list(table)
    assert round_trip(table["plan-tasks-done"]) == table["plan-tasks-done"]
    reasons = {r.reason_kind for r in table if r.reason_kind is not None}
    assert reasons
    assert all(round_trip(reason) is reason for reason in reasons)


def test_aggregate_pickles() -> None:
    expected = ["Sở A", "Sở B", "Sở C", "Huyện D", "Sở E"]
    total = cchc.aggregate(
        units(), reporter=PROVINCE, expected=expected, rate_method="weighted-mean:7.2.5.1"
    )
    again = round_trip(total)
    assert again == total
    assert again["1.1.1"].coverage == total["1.1.1"].coverage == cchc.values.Coverage(2, 4)
    assert again["1.4.2"].distribution == total["1.4.2"].distribution
    assert again["3.4.1"].value == Decimal("85.38")  # (90.5 × 30 + 70 × 10) / 40
    assert round_trip(total["1.1.1"].coverage) == cchc.values.Coverage(2, 4)


def test_aggregate_of_aggregates_pickles() -> None:
    district = cchc.Reporter("Huyện Y", kind="district")
    inner = cchc.aggregate(units()[:2], reporter=district)
    outer = cchc.aggregate([inner, units()[3]], reporter=PROVINCE)
    assert round_trip(outer) == outer


@pytest.mark.parametrize("method", [None, cchc.aggregation.Mean()])
def test_aggregate_ratio_pickles(method: RateMethod | None) -> None:
    ratio = cchc.aggregation.aggregate_ratio(units(), "1.1.2", "1.1.1", method=method)
    assert ratio.value is not None
    assert round_trip(ratio) == ratio


def test_aggregate_ratio_without_value_pickles() -> None:
    ratio = cchc.aggregation.aggregate_ratio([unit("Sở A", {})], "1.1.2", "1.1.1")
    assert ratio.reason is not None
    assert round_trip(ratio) == ratio


@pytest.mark.parametrize(
    "method",
    [
        cchc.aggregation.WeightedMean("7.2.5.1"),
        cchc.aggregation.Mean(),
        cchc.aggregation.Minimum(),
        cchc.aggregation.Maximum(),
        cchc.aggregation.Median(),
    ],
)
def test_rate_methods_pickle(method: RateMethod) -> None:
    again = round_trip(method)
    assert again == method
    assert again.id == method.id
    assert repr(again) == repr(method)


def test_comparison_pickles() -> None:
    unit_a = cchc.Reporter("Sở Nội vụ", kind="department", id="snv")
    earlier = cchc.Report(
        form=FORM, reporter=unit_a, period="2021Q1", entries={"2.1": 4, "2.2": 10, "1.1.1": 10}
    )
    later = cchc.Report(
        form=FORM, reporter=unit_a, period="2021S1", entries={"2.1": 6, "2.2": 5, "1.1.1": 2}
    )
    comparison = cchc.compare(earlier, later)
    again = round_trip(comparison)
    assert again == comparison
    assert again["2.1"] == comparison["2.1"]
    assert again["2.1"].direction is cchc.comparison.Direction.UP
    assert round_trip(comparison["2.2"]) == comparison["2.2"]
    assert again.findings == comparison.findings


def test_flow_between_pickles() -> None:
    unit_a = cchc.Reporter("Sở Nội vụ", kind="department", id="snv")
    earlier = cchc.Report(form=FORM, reporter=unit_a, period="2021Q1", entries={"2.1": 4})
    later = cchc.Report(form=FORM, reporter=unit_a, period="2021S1", entries={"2.1": 6})
    flow = cchc.comparison.flow_between(later, earlier)
    assert round_trip(flow) == flow


@given(cst.reports())
def test_ratios_of_any_report_pickle(report: cchc.Report) -> None:
    table = cchc.ratios(report)
    assert round_trip(table) == table


@given(cst.report_sets(max_size=4), st.sampled_from([None, "median", "weighted-mean:7.2.5.1"]))
def test_aggregates_of_any_reports_pickle(
    reports: tuple[cchc.Report, ...], method: str | None
) -> None:
    total = cchc.aggregate(reports, reporter=PROVINCE, rate_method=method)
    assert round_trip(total) == total
    ratio = cchc.aggregation.aggregate_ratio(reports, "1.1.2", "1.1.1")
    assert round_trip(ratio) == ratio
