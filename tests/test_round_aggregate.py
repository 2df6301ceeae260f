"""Round-level fixes of aggregate and compare (issue 14)."""

from __future__ import annotations

from decimal import Decimal

import cchc
from cchc.model import Temporal
from cchc.values import Coverage

FORM = cchc.load_form("phu-luc-2b", period="2021S1")
PROVINCE = cchc.Reporter("Tỉnh X", kind="province")


def report(name: str, entries: dict[str, object], *, kind: str = "department") -> cchc.Report:
    reporter = cchc.Reporter(name, kind=kind)
    return cchc.Report(form=FORM, reporter=reporter, period="2021S1", entries=entries)  # type: ignore[arg-type]


def test_an_expected_name_counts_only_where_the_row_applies_to_its_kind() -> None:
    total = cchc.aggregate(
        [report("Sở A", {"3.1.3.a": 3, "1.1.1": 5})],
        reporter=PROVINCE,
        expected=["Sở A", "UBND huyện B"],
    )
    assert total["3.1.3.a"].coverage == Coverage(1, 1)  # department-only row
    assert total["1.1.1"].coverage == Coverage(1, 2)  # everyone's row


def test_an_expected_reporter_of_another_kind_does_not_count_on_department_rows() -> None:
    total = cchc.aggregate(
        [report("Sở A", {"3.1.3.a": 3})],
        reporter=PROVINCE,
        expected=["Sở A", cchc.Reporter("Huyện B", kind="district")],
    )
    assert total["3.1.3.a"].coverage == Coverage(1, 1)


def test_a_value_failing_a_cell_rule_is_left_out_and_recorded() -> None:
    given = [report("Sở A", {"4.3.2": -10, "3.3.3": Decimal(150)}), report("Sở B", {"4.3.2": 4})]
    total = cchc.aggregate(given, reporter=PROVINCE)
    entry = total["4.3.2"]
    assert entry.value == 4
    assert entry.contributors == ("Sở B",)
    assert entry.note is not None
    assert "Sở A" in entry.note
    assert "-10" in entry.note
    rules = sorted((f.rule, f.indicators) for f in total.diagnostics)
    assert rules == [("agg.excluded", ("3.3.3",)), ("agg.excluded", ("4.3.2",))]
    assert "agg.excluded" in {f.rule for f in cchc.check(total).findings}


def test_a_negative_reduction_rate_is_a_warning_and_still_counted() -> None:
    # F1 on "so với năm 2015" rates: below 0 is a warning only (rules.md F1).
    cumulative = next(
        i
        for i in FORM.value_indicators
        if i.is_percent and i.temporal is Temporal.CUMULATIVE and not i.province_wide
    )
    total = cchc.aggregate(
        [report("Sở A", {cumulative.code: Decimal(-5)})], reporter=PROVINCE, rate_method="mean"
    )
    assert not total.diagnostics


def test_province_reports_alone_roll_up_into_the_country() -> None:
    given = [report(f"Tỉnh {n}", {"1.1.1": n, "7.1.2": n % 2}, kind="province") for n in (1, 2, 3)]
    total = cchc.aggregate(given, reporter=cchc.Reporter("Cả nước", kind="province"))
    assert total["1.1.1"].value == 6
    assert total["1.1.1"].coverage == Coverage(3, 3)
    assert dict(total["7.1.2"].distribution or {}) == {0: 1, 1: 2}


def test_compare_of_aggregates_over_different_units_is_information_not_drift() -> None:
    a, b = report("Sở A", {"1.1.1": 10}), report("Sở B", {"1.1.1": 5})
    half = cchc.aggregate([a, b], reporter=PROVINCE)
    year = cchc.aggregate([a.evolve(period="2021")], reporter=PROVINCE)
    findings = cchc.compare(half, year).findings
    assert [(f.rule, f.severity) for f in findings] == [
        ("A.contributors-differ", cchc.Severity.INFO)
    ]
    assert "Sở B" in findings[0].message


def test_compare_of_aggregates_over_the_same_units_still_warns() -> None:
    a = report("Sở A", {"1.1.1": 10})
    half = cchc.aggregate([a], reporter=PROVINCE)
    year = cchc.aggregate([a.evolve(period="2021", entries={"1.1.1": 12})], reporter=PROVINCE)
    assert [f.rule for f in cchc.compare(half, year).findings] == ["A4.plan-changed"]
