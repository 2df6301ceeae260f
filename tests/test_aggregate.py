"""Tests of cchc.aggregate: rolling reports up across reporters (rules.md A1, A2, A5)."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import cchc
from cchc.cli import main
from cchc.errors import AggregationError, CchcError, UnknownIndicatorError, UsageError
from cchc.examples import example_bytes
from cchc.forms import form_from_data

FORM = cchc.load_form("phu-luc-2b@2021")
NA = cchc.Entry(status=cchc.Status.NOT_APPLICABLE)
PROVINCE = cchc.Reporter("Tỉnh X", kind="province")


def report(
    name: str,
    entries: dict[str, object],
    *,
    kind: str = "department",
    period: str = "2021S1",
    ident: str | None = None,
    form: cchc.Form = FORM,
) -> cchc.Report:
    reporter = cchc.Reporter(name, kind=kind, id=ident)
    return cchc.Report(form=form, reporter=reporter, period=period, entries=entries)  # type: ignore[arg-type]


def worked_example() -> tuple[list[cchc.Report], list[str]]:
    """A 9/10, B 1/4, C exempt (row not applicable), D not yet reported (prior-art.md)."""
    reports = [
        report("Sở A", {"1.1.1": 10, "1.1.2": 9}),
        report("Sở B", {"1.1.1": 4, "1.1.2": 1}),
        report("Sở C", {"1.1.1": NA, "1.1.2": NA}),
    ]
    return reports, ["Sở A", "Sở B", "Sở C", "Sở D"]


# -- the worked example -------------------------------------------------------------------


def test_worked_example_counts_and_coverage() -> None:
    reports, expected = worked_example()
    total = cchc.aggregate(reports, reporter=PROVINCE, expected=expected)
    assert total["1.1.1"].value == 14
    assert total["1.1.2"].value == 10
    assert total["1.1.1"].coverage == cchc.values.Coverage(reported=2, expected=3)
    assert total["1.1.2"].coverage == cchc.values.Coverage(reported=2, expected=3)
    assert total["1.1.2"].contributors == ("Sở A", "Sở B")


def test_worked_example_ratio_is_recomputed_not_averaged() -> None:
    reports, expected = worked_example()
    ratio = cchc.aggregation.aggregate_ratio(reports, "1.1.2", "1.1.1", expected=expected)
    assert (ratio.numerator, ratio.denominator) == (10, 14)
    assert ratio.exact == Fraction(1000, 14)
    assert ratio.value == Decimal("71.43")
    assert ratio.value.quantize(Decimal("0.1")) == Decimal("71.4")
    assert ratio.coverage == cchc.values.Coverage(2, 3)
    assert ratio.contributors == ("Sở A", "Sở B")
    assert ratio.method == "pooled"
    assert ratio.reason is None


def test_worked_example_mean_of_rates_only_by_name() -> None:
    reports, expected = worked_example()
    mean = cchc.aggregation.aggregate_ratio(
        reports, "1.1.2", "1.1.1", expected=expected, method=cchc.aggregation.Mean()
    )
    assert mean.value == Decimal("57.5")
    assert mean.exact == Fraction(115, 2)
    assert mean.method == "mean"
    default = cchc.aggregation.aggregate_ratio(reports, "1.1.2", "1.1.1", expected=expected)
    assert default.value != mean.value


def test_worked_example_ratio_of_the_aggregate_report() -> None:
    reports, expected = worked_example()
    total = cchc.aggregate(reports, reporter=PROVINCE, expected=expected)
    # the aggregate's declared ratio is the recomputed one, since its counts are sums
    declared = cchc.ratios(total)["plan-tasks-done"]
    assert (declared.numerator_value, declared.denominator_value) == (10, 14)
    assert declared.exact == cchc.aggregation.aggregate_ratio(reports, "1.1.2", "1.1.1").exact


# -- counts and coverage ----------------------------------------------------------------------


def test_blank_is_not_zero() -> None:
    total = cchc.aggregate(
        [report("Sở A", {"2.1": 3}), report("Sở B", {})],
        reporter=PROVINCE,
    )
    assert total["2.1"].value == 3
    assert total["2.1"].coverage == cchc.values.Coverage(1, 2)
    assert total["2.2"].value is None
    assert total["2.2"].coverage == cchc.values.Coverage(0, 2)
    assert total["2.2"].contributors == ()


def test_zero_is_a_reported_value() -> None:
    total = cchc.aggregate(
        [report("Sở A", {"2.1": 0}), report("Sở B", {"2.1": 0})], reporter=PROVINCE
    )
    assert total["2.1"].value == 0
    assert total["2.1"].coverage == cchc.values.Coverage(2, 2)


def test_rows_not_applicable_by_kind_are_left_out() -> None:
    # 3.1.3.b (TTHC cấp huyện) is a district row: a department's value is not summed.
    reports = [
        report("Sở A", {"3.1.3.b": 99, "3.1.3.a": 10}),
        report("Huyện B", {"3.1.3.b": 7}, kind="district"),
        report("Huyện C", {}, kind="district"),
    ]
    total = cchc.aggregate(reports, reporter=PROVINCE)
    assert total["3.1.3.b"].value == 7
    assert total["3.1.3.b"].coverage == cchc.values.Coverage(1, 2)
    assert total["3.1.3.a"].value == 10
    assert total["3.1.3.a"].coverage == cchc.values.Coverage(1, 1)
    # central agencies do not report sections 4 and 5
    central = cchc.aggregate(
        [report("Cục Thuế", {"2.1": 1}, kind="central"), report("Sở A", {"4.2.1": 30})],
        reporter=PROVINCE,
    )
    assert central["4.2.1"].coverage == cchc.values.Coverage(1, 1)
    assert central["2.1"].coverage == cchc.values.Coverage(1, 2)


def test_named_departments_report_their_rows() -> None:
    reports = [
        report("Sở Tài nguyên và Môi trường", {"3.4.4": Decimal(90)}),
        report("Sở Nội vụ", {}),
        report("Huyện B", {"3.4.4": Decimal(80)}, kind="district"),
    ]
    total = cchc.aggregate(reports, reporter=PROVINCE, rate_method="max")
    assert total["3.4.4"].coverage == cchc.values.Coverage(2, 2)
    assert total["3.4.4"].value == Decimal(90)


def test_row_that_applies_to_nobody_is_not_applicable() -> None:
    total = cchc.aggregate([report("Sở A", {}), report("Sở B", {})], reporter=PROVINCE)
    entry = total["1.2.2"]  # district-only
    assert entry.status is cchc.Status.NOT_APPLICABLE
    assert entry.coverage == cchc.values.Coverage(0, 0)
    assert entry.value is None


def test_other_statuses_count_as_not_reported() -> None:
    not_done = cchc.Entry(status=cchc.Status.NOT_YET_DONE, raw="Chưa kiểm tra")
    total = cchc.aggregate(
        [report("Sở A", {"1.2.1": not_done}), report("Sở B", {"1.2.1": 2})], reporter=PROVINCE
    )
    assert total["1.2.1"].value == 2
    assert total["1.2.1"].coverage == cchc.values.Coverage(1, 2)


def test_expected_reporters_as_reporter_objects_carry_their_kind() -> None:
    given = [report("Sở A", {"3.1.3.b": 5, "2.1": 1})]
    expected = [
        cchc.Reporter("Sở A", kind="department"),
        cchc.Reporter("Huyện B", kind="district"),
        cchc.Reporter("Sở C", kind="department"),
    ]
    total = cchc.aggregate(given, reporter=PROVINCE, expected=expected)
    assert total["2.1"].coverage == cchc.values.Coverage(1, 3)
    # only the district is expected to give 3.1.3.b; Sở A's value is not summed
    assert total["3.1.3.b"].coverage == cchc.values.Coverage(0, 1)
    assert total["3.1.3.b"].value is None


def test_expected_matches_ids_and_names() -> None:
    given = [
        report("Sở Nội vụ", {"2.1": 1}, ident="snv"),
        report("Sở Tư pháp", {"2.1": 2}, ident="stp"),
    ]
    total = cchc.aggregate(given, reporter=PROVINCE, expected=["snv", "Sở Tư pháp", "sct"])
    assert total["2.1"].coverage == cchc.values.Coverage(2, 3)
    assert total["2.1"].contributors == ("snv", "stp")


def test_a_reporter_that_is_not_expected_is_an_error() -> None:
    with pytest.raises(AggregationError, match=r"report 2 \(Sở B\).*not among the expected"):
        cchc.aggregate(
            [report("Sở A", {}), report("Sở B", {})], reporter=PROVINCE, expected=["Sở A"]
        )


def test_reporter_keys_are_contributors_in_sorted_order() -> None:
    given = [report(name, {"2.1": 1}) for name in ("Sở C", "Sở A", "Sở B")]
    assert cchc.aggregate(given, reporter=PROVINCE)["2.1"].contributors == ("Sở A", "Sở B", "Sở C")


# -- input errors ---------------------------------------------------------------------------------


def test_mixed_periods_name_the_odd_one_out() -> None:
    given = [report("Sở A", {}), report("Sở B", {}, period="2021Q3"), report("Sở C", {})]
    with pytest.raises(AggregationError, match=r"report 2 \(Sở B\) is for period 2021Q3"):
        cchc.aggregate(given, reporter=PROVINCE)


def test_odd_one_out_may_be_the_first() -> None:
    given = [report("Sở A", {}, period="2021Q1"), report("Sở B", {}), report("Sở C", {})]
    with pytest.raises(AggregationError, match=r"report 1 \(Sở A\).*the others are for 2021S1"):
        cchc.aggregate(given, reporter=PROVINCE)


def test_mixed_forms_name_the_odd_one_out() -> None:
    mini = form_from_data(
        {
            "schema": "cchc.form/1",
            "id": "mini",
            "title": "Mini",
            "indicator": [{"code": "1", "name": "Số", "kind": "value", "unit": "Văn bản"}],
        },
        source="mini",
    )
    given = [report("Sở A", {}), report("Sở B", {}), report("Sở C", {}, form=mini)]
    with pytest.raises(AggregationError, match=r"report 3 \(Sở C\) is on form 'mini'"):
        cchc.aggregate(given, reporter=PROVINCE)


def test_duplicate_reporters_are_an_error_unless_keep_last() -> None:
    given = [report("Sở A", {"2.1": 1}), report("Sở B", {"2.1": 2}), report("Sở A", {"2.1": 5})]
    with pytest.raises(AggregationError, match=r"report 3 \(Sở A\) and report 1.*'Sở A'"):
        cchc.aggregate(given, reporter=PROVINCE)
    total = cchc.aggregate(given, reporter=PROVINCE, duplicates="keep-last")
    assert total["2.1"].value == 7
    assert total["2.1"].coverage == cchc.values.Coverage(2, 2)


def test_duplicates_are_told_apart_by_key() -> None:
    given = [report("Sở A", {"2.1": 1}, ident="a1"), report("Sở A", {"2.1": 2}, ident="a2")]
    assert cchc.aggregate(given, reporter=PROVINCE)["2.1"].value == 3


@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (lambda: cchc.aggregate([], reporter=PROVINCE), AggregationError, "no reports"),
        (
            lambda: cchc.aggregate([report("A", {}), "x"], reporter=PROVINCE),  # type: ignore[list-item]
            UsageError,
            "item 2 is not a Report",
        ),
        (
            lambda: cchc.aggregate([report("A", {})], reporter="Tỉnh"),  # type: ignore[arg-type]
            UsageError,
            "reporter must be a Reporter",
        ),
        (
            lambda: cchc.aggregate([report("A", {})], reporter=PROVINCE, duplicates="first"),  # type: ignore[arg-type]
            UsageError,
            "duplicates must be",
        ),
        (
            lambda: cchc.aggregate([report("A", {})], reporter=PROVINCE, expected=[3]),  # type: ignore[list-item]
            UsageError,
            "an expected reporter must be",
        ),
        (
            lambda: cchc.aggregate([report("A", {})], reporter=PROVINCE, rates={"2.1": "max"}),
            UsageError,
            "2.1 .* not a rate or score row",
        ),
        (
            lambda: cchc.aggregate([report("A", {})], reporter=PROVINCE, rates={"7.1.4": "max"}),
            UsageError,
            "province-wide row",
        ),
        (
            lambda: cchc.aggregate(
                [report("A", {})],
                reporter=PROVINCE,
                rate_method=cchc.aggregation.WeightedMean("3.4.2"),
            ),
            UsageError,
            "weight of a weighted mean must be a count row, not 3.4.2",
        ),
        (
            lambda: cchc.aggregate([report("A", {})], reporter=PROVINCE, rate_method="mode"),
            UsageError,
            "unknown rate method 'mode'",
        ),
    ],
)
def test_usage_errors(call: object, error: type[CchcError], pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        call()  # type: ignore[operator]


def test_unknown_code_in_rates() -> None:
    with pytest.raises(UnknownIndicatorError):
        cchc.aggregate([report("A", {})], reporter=PROVINCE, rates={"9.9": "max"})


def test_errors_are_value_errors() -> None:
    assert issubclass(AggregationError, ValueError)
    assert issubclass(AggregationError, CchcError)


# -- coded answers, rates, scores, text, headers ---------------------------------------------------


def test_coded_answers_become_a_distribution() -> None:
    given = [
        report("Sở A", {"1.4.2": 2, "1.5": 1}),
        report("Sở B", {"1.4.2": 0}),
        report("Sở C", {"1.4.2": 2}),
        report("Sở D", {}),
    ]
    total = cchc.aggregate(given, reporter=PROVINCE)
    entry = total["1.4.2"]
    assert entry.value is None
    assert dict(entry.distribution or {}) == {0: 1, 2: 2}
    assert list(entry.distribution or {}) == [0, 2]
    assert entry.coverage == cchc.values.Coverage(3, 4)
    assert dict(total["1.5"].distribution or {}) == {1: 1}
    assert total["7.1.3"].distribution is None


def test_rates_are_not_averaged_by_default() -> None:
    given = [
        report("Sở A", {"3.4.1": Decimal("100"), "7.2.5.1": 10}),
        report("Sở B", {"3.4.1": Decimal("50"), "7.2.5.1": 990}),
    ]
    entry = cchc.aggregate(given, reporter=PROVINCE)["3.4.1"]
    assert entry.value is None
    assert entry.note is not None
    assert "Không tổng hợp chính xác" in entry.note
    assert entry.coverage == cchc.values.Coverage(2, 2)
    assert entry.contributors == ("Sở A", "Sở B")


def rate_reports() -> list[cchc.Report]:
    return [
        report("Sở A", {"3.4.1": Decimal("100"), "7.2.5.1": 10, "7.2.4.2": Decimal(80)}),
        report("Sở B", {"3.4.1": Decimal("50"), "7.2.5.1": 990}),
        report("Sở C", {"3.4.1": Decimal("91.5")}),
        report("Sở D", {"3.4.1": Decimal("97.25"), "7.2.5.1": 0}),
    ]


@pytest.mark.parametrize(
    ("method", "value"),
    [
        # (100·10 + 50·990 + 97.25·0) / 1000; Sở C has no weight
        (cchc.aggregation.WeightedMean("7.2.5.1"), Decimal("50.5")),
        ("weighted-mean:7.2.5.1", Decimal("50.5")),
        (cchc.aggregation.Minimum(), Decimal("50")),
        ("max", Decimal("100")),
        # 50, 91.5, 97.25, 100 → (91.5 + 97.25) / 2 = 94.375 → 94.38 (half up)
        (cchc.aggregation.Median(), Decimal("94.38")),
        # 338.75 / 4 = 84.6875
        (cchc.aggregation.Mean(), Decimal("84.69")),
    ],
)
def test_named_rate_methods(method: cchc.aggregation.RateMethod | str, value: Decimal) -> None:
    total = cchc.aggregate(rate_reports(), reporter=PROVINCE, rates={"3.4.1": method})
    entry = total["3.4.1"]
    assert entry.value == value
    assert entry.note is not None
    assert "đơn vị" in entry.note
    # the other rates keep their default
    assert total["7.2.4.2"].value is None


def test_weighted_mean_records_who_was_left_out() -> None:
    total = cchc.aggregate(rate_reports(), reporter=PROVINCE, rate_method="weighted-mean:7.2.5.1")
    entry = total["3.4.1"]
    assert entry.contributors == ("Sở A", "Sở B", "Sở D")
    assert entry.coverage == cchc.values.Coverage(4, 4)
    assert entry.note is not None
    assert "1 đơn vị không có 7.2.5.1" in entry.note
    # Sở A gave 7.2.4.2 with a weight of 10
    assert total["7.2.4.2"].value == Decimal(80)


def test_weighted_mean_with_zero_total_weight_has_no_value() -> None:
    given = [
        report("Sở A", {"3.4.1": Decimal(90), "7.2.5.1": 0}),
        report("Sở B", {"3.4.1": Decimal(80), "7.2.5.1": 0}),
    ]
    entry = cchc.aggregate(
        given, reporter=PROVINCE, rate_method=cchc.aggregation.WeightedMean("7.2.5.1")
    )["3.4.1"]
    assert entry.value is None
    assert entry.note is not None
    assert "tổng trọng số bằng 0" in entry.note


def test_median_of_an_odd_count_is_a_value_given() -> None:
    given = [report(f"Sở {n}", {"3.4.1": Decimal(v)}) for n, v in enumerate(["1.125", "7", "3"])]
    assert cchc.aggregate(given, reporter=PROVINCE, rate_method="median")["3.4.1"].value == 3


def test_rate_method_for_all_rates_and_scores() -> None:
    given = [
        report("Sở A", {"7.1.1": Decimal(3), "3.3.3": Decimal(100)}),
        report("Sở B", {"7.1.1": Decimal(5), "3.3.3": Decimal(50)}),
    ]
    total = cchc.aggregate(given, reporter=PROVINCE, rate_method="min", rates={"7.1.1": "max"})
    assert total["7.1.1"].value == 5
    assert total["3.3.3"].value == 50


def test_places_of_a_computed_rate() -> None:
    given = [report("A", {"3.4.1": Decimal(1)}), report("B", {"3.4.1": Decimal(2)}),
             report("C", {"3.4.1": Decimal(2)})]  # fmt: skip
    total = cchc.aggregate(given, reporter=PROVINCE, rate_method="mean", places=4)
    assert total["3.4.1"].value == Decimal("1.6667")


def test_scores_are_not_summed() -> None:
    given = [report("Sở A", {"7.1.1": Decimal(3)}), report("Sở B", {"7.1.1": Decimal(5)})]
    entry = cchc.aggregate(given, reporter=PROVINCE)["7.1.1"]
    assert entry.value is None
    assert entry.coverage == cchc.values.Coverage(2, 2)


def test_header_rows_are_left_blank() -> None:
    given = [report("Sở A", {"1.2": 5}), report("Sở B", {"1.2": 3, "1": 1})]
    total = cchc.aggregate(given, reporter=PROVINCE)
    assert "1.2" not in total
    assert "1" not in total
    assert total["1.2"].is_empty


def test_text_rows_are_not_aggregated() -> None:
    mini = form_from_data(
        {
            "schema": "cchc.form/1",
            "id": "mini",
            "title": "Mini",
            "indicator": [
                {"code": "1", "name": "Số", "kind": "value", "unit": "Văn bản"},
                {"code": "2", "name": "Ghi", "kind": "value", "unit": "text"},
            ],
        },
        source="mini",
    )
    given = [report("A", {"1": 1, "2": "có"}, form=mini), report("B", {"1": 2}, form=mini)]
    total = cchc.aggregate(given, reporter=PROVINCE)
    assert total["1"].value == 3
    assert total["2"].value is None
    assert total["2"].coverage == cchc.values.Coverage(1, 2)
    assert total["2"].note == "Chỉ tiêu dạng văn bản: không tổng hợp."


# -- province-wide rows and the province's own report --------------------------------------


def test_province_wide_rows_are_not_summed_from_departments() -> None:
    given = [report("Sở A", {"7.1.2": 1, "7.1.6.2": 100}), report("Sở B", {"7.1.2": 0})]
    total = cchc.aggregate(given, reporter=PROVINCE)
    for code in ("7.1.2", "7.1.6.2", "7.1.4", "7.1.7.1"):
        entry = total[code]
        assert entry.value is None
        assert entry.distribution is None
        assert entry.note is not None
        assert "toàn tỉnh" in entry.note


def test_province_wide_rows_come_from_the_province_report() -> None:
    own = report(
        "UBND tỉnh",
        {"7.1.2": 1, "7.1.6.2": 5000, "7.1.4": Decimal("98.5"), "2.1": 40},
        kind="province",
    )
    given = [report("Sở A", {"7.1.2": 0, "2.1": 3}), report("Sở B", {"2.1": 4}), own]
    total = cchc.aggregate(given, reporter=PROVINCE, expected=["Sở A", "Sở B"])
    assert total["7.1.2"].value == 1
    assert total["7.1.6.2"].value == 5000
    assert total["7.1.4"].value == Decimal("98.5")
    assert total["7.1.4"].coverage == cchc.values.Coverage(1, 1)
    assert total["7.1.4"].contributors == ("UBND tỉnh",)
    # the province's own totals are not added to its units' figures
    assert total["2.1"].value == 7
    assert total["2.1"].coverage == cchc.values.Coverage(2, 2)


def test_two_province_reports_leave_province_wide_rows_blank() -> None:
    given = [
        report("UBND tỉnh", {"7.1.2": 1}, kind="province"),
        report("Văn phòng UBND tỉnh", {"7.1.2": 0}, kind="province"),
        report("Sở A", {"1.1.1": 3}),  # with units, the province reports are not summed
    ]
    entry = cchc.aggregate(given, reporter=PROVINCE)["7.1.2"]
    assert entry.value is None
    assert entry.note is not None
    assert "2 báo cáo cấp tỉnh" in entry.note


# -- the aggregate is a report ------------------------------------------------------------------


def test_aggregate_is_a_report_of_the_given_reporter() -> None:
    reports, expected = worked_example()
    total = cchc.aggregate(reports, reporter=PROVINCE, expected=expected)
    assert isinstance(total, cchc.Report)
    assert total.reporter == PROVINCE
    assert total.period == cchc.Period.parse("2021S1")
    assert total.form is FORM
    assert total.diagnostics == ()
    # every value row carries a coverage figure, except province-wide rows without a report
    for indicator in FORM.value_indicators:
        if not indicator.province_wide:
            assert total[indicator.code].coverage is not None, indicator.code


def test_json_round_trip_keeps_coverage_distribution_and_contributors() -> None:
    given = [
        report("Sở A", {"1.1.1": 10, "1.4.2": 2, "3.4.1": Decimal("95.5"), "7.2.5.1": 3}),
        report("Huyện B", {"1.1.1": 4, "1.4.2": 0, "7.2.5.1": 9}, kind="district"),
        report("UBND tỉnh", {"7.1.4": Decimal(90)}, kind="province"),
    ]
    total = cchc.aggregate(given, reporter=PROVINCE, rate_method="weighted-mean:7.2.5.1")
    again = cchc.loads(cchc.dumps(total))
    assert again == total
    assert dict(again["1.4.2"].distribution or {}) == {0: 1, 2: 1}
    assert again["1.1.1"].contributors == ("Huyện B", "Sở A")


def test_aggregate_of_aggregates_uses_their_coverage() -> None:
    first = cchc.aggregate(
        [report("Sở A", {"2.1": 1}), report("Sở B", {})],
        reporter=cchc.Reporter("Khối sở", kind="province"),
    )
    second = cchc.aggregate(
        [report("Huyện C", {"2.1": 5}, kind="district")],
        reporter=cchc.Reporter("Khối huyện", kind="province"),
    )
    total = cchc.aggregate([first, second], reporter=PROVINCE)
    assert total["2.1"].value == 6
    assert total["2.1"].coverage == cchc.values.Coverage(2, 3)
    assert total["2.1"].contributors == ("Huyện C", "Sở A")
    assert total["1.2.2"].coverage == cchc.values.Coverage(0, 1)  # only the district


# -- aggregate_ratio ---------------------------------------------------------------------------


def test_ratio_compares_like_with_like() -> None:
    given = [
        report("Sở A", {"1.1.1": 10}),  # no numerator: left out of both sides
        report("Sở B", {"1.1.1": 4, "1.1.2": 1}),
    ]
    ratio = cchc.aggregation.aggregate_ratio(given, "1.1.2", "1.1.1")
    assert (ratio.numerator, ratio.denominator) == (1, 4)
    assert ratio.value == Decimal(25)
    assert ratio.coverage == cchc.values.Coverage(1, 2)


def test_ratio_of_several_codes() -> None:
    given = [report("Sở A", {"1.3.1": 10, "1.3.2": 6, "1.3.3": 3})]
    ratio = cchc.aggregation.aggregate_ratio(given, ["1.3.2", "1.3.3"], "1.3.1", factor=1)
    assert ratio.exact == Fraction(9, 10)
    assert ratio.value == Decimal("0.9")


def test_ratio_without_data_or_with_zero_denominator() -> None:
    empty = cchc.aggregation.aggregate_ratio([report("Sở A", {})], "1.1.2", "1.1.1")
    assert empty.value is None
    assert empty.exact is None
    assert empty.reason == "no reporter gave every row of the ratio"
    assert empty.coverage == cchc.values.Coverage(0, 1)
    zero = cchc.aggregation.aggregate_ratio(
        [report("Sở A", {"1.1.1": 0, "1.1.2": 0})], "1.1.2", "1.1.1"
    )
    assert zero.value is None
    assert zero.reason == "the denominator is zero"
    assert (zero.numerator, zero.denominator) == (0, 0)
    mean = cchc.aggregation.aggregate_ratio(
        [report("Sở A", {"1.1.1": 0, "1.1.2": 0})], "1.1.2", "1.1.1", method=cchc.aggregation.Mean()
    )
    assert mean.reason == "every denominator is zero"


def test_ratio_respects_applicability_and_missing_reporters() -> None:
    given = [report("Huyện A", {"1.2.2": 3, "1.2.1": 4}, kind="district"), report("Sở B", {})]
    expected: list[cchc.Reporter | str] = [
        "Huyện A",
        "Sở B",
        cchc.Reporter("Huyện C", kind="district"),
        cchc.Reporter("Sở D", kind="department"),
        "Ai đó",
    ]
    ratio = cchc.aggregation.aggregate_ratio(given, "1.2.2", "1.2.1", expected=expected)
    # 1.2.2 is district-only: Huyện A, Huyện C and the unknown "Ai đó" are expected
    assert ratio.coverage == cchc.values.Coverage(1, 3)
    assert ratio.value == Decimal(75)


@pytest.mark.parametrize(
    ("numerator", "denominator", "method", "pattern"),
    [
        ("3.4.1", "1.1.1", None, "3.4.1 .* is not a count row"),
        ([], "1.1.1", None, "at least one numerator"),
        ("1.1.2", "1.1.1", cchc.aggregation.Median(), "pooled, or the plain mean"),
    ],
)
def test_ratio_usage_errors(
    numerator: str | list[str], denominator: str, method: object, pattern: str
) -> None:
    with pytest.raises(UsageError, match=pattern):
        cchc.aggregation.aggregate_ratio([report("A", {})], numerator, denominator, method=method)  # type: ignore[arg-type]


# -- rate_method ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "method"),
    [
        ("min", cchc.aggregation.Minimum()),
        (" Median ", cchc.aggregation.Median()),
        ("mean", cchc.aggregation.Mean()),
        ("weighted:7.2.5.1", cchc.aggregation.WeightedMean("7.2.5.1")),
        (cchc.aggregation.Maximum(), cchc.aggregation.Maximum()),
    ],
)
def test_rate_method_names(
    text: str | cchc.aggregation.RateMethod, method: cchc.aggregation.RateMethod
) -> None:
    assert cchc.aggregation.rate_method(text) == method
    assert cchc.aggregation.rate_method(method.id) == method


@pytest.mark.parametrize("text", ["weighted-mean:", "", "avg", 3])
def test_rate_method_rejects(text: object) -> None:
    with pytest.raises(UsageError):
        cchc.aggregation.rate_method(text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "by"), [("weighted-mean", None), ("median", "7.2.5.1"), ("mode", None)]
)
def test_rate_method_class_checks_its_fields(name: str, by: str | None) -> None:
    from cchc.aggregation import RateMethod

    with pytest.raises(UsageError):
        RateMethod(name, by)  # type: ignore[arg-type]


def test_rate_method_constructors_make_one_class() -> None:
    from cchc.aggregation import RateMethod

    made = [
        cchc.aggregation.WeightedMean(by="7.2.5.1"),
        cchc.aggregation.Mean(),
        cchc.aggregation.Minimum(),
        cchc.aggregation.Maximum(),
    ]
    assert all(isinstance(method, RateMethod) for method in [*made, cchc.aggregation.Median()])
    assert [m.id for m in made] == ["weighted-mean:7.2.5.1", "mean", "min", "max"]
    assert RateMethod("median") == cchc.aggregation.Median() != RateMethod("mean")
    assert repr(cchc.aggregation.WeightedMean("7.2.5.1")) == "WeightedMean(by='7.2.5.1')"


# -- command line --------------------------------------------------------------------------------


def write_reports(directory: Path) -> list[str]:
    """Three variations of the example report, by two departments and a district, as JSON."""
    base = cchc.example_report()
    names = []
    for index, (name, kind) in enumerate(
        [("Sở Nội vụ", "department"), ("Sở Tư pháp", "department"), ("UBND huyện A", "district")]
    ):
        unit = base.evolve(reporter=cchc.Reporter(name, kind=kind)).with_value("2.1", index + 1)
        path = directory / f"unit-{index}.json"
        path.write_text(cchc.dumps(unit), encoding="utf-8")
        names.append(str(path))
    return names


def test_cli_aggregate_prints_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = write_reports(tmp_path)
    code = main(
        [
            "aggregate",
            *files,
            "--name",
            "Tỉnh X",
            "--expected",
            "Sở Nội vụ;Sở Tư pháp;UBND huyện A;Sở Y tế",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0
    assert err == ""
    total = cchc.loads(out)
    assert total.reporter == cchc.Reporter("Tỉnh X", kind="province")
    assert total["2.1"].value == 6
    assert total["2.1"].coverage == cchc.values.Coverage(3, 4)
    assert total["2.1"].contributors == ("Sở Nội vụ", "Sở Tư pháp", "UBND huyện A")


def test_cli_aggregate_writes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = write_reports(tmp_path)
    names = tmp_path / "expected.txt"
    names.write_text("Sở Nội vụ\nSở Tư pháp\nUBND huyện A\n", encoding="utf-8")
    out_file = tmp_path / "total.json"
    code = main(
        ["aggregate", *files, "--kind", "district", "--id", "t", "--expected", f"@{names}",
         "--rate", "3.4.1=max", "--rate-method", "median", "-o", str(out_file)]
    )  # fmt: skip
    assert code == 0
    assert capsys.readouterr().out == ""
    total = cchc.read(out_file)
    assert total.reporter == cchc.Reporter("Tổng hợp", kind="district", id="t")
    assert total["2.1"].coverage == cchc.values.Coverage(3, 3)
    assert total["3.4.1"].value == Decimal(100)


def test_cli_aggregate_of_the_seed_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = tmp_path / "so-noi-vu.txt"
    seed.write_bytes(example_bytes())
    assert main(["aggregate", str(seed)]) == 0
    out, err = capsys.readouterr()
    assert cchc.loads(out)["7.2.5.1"].value == 6460
    # the seed's reading diagnostics are pointed at, not repeated
    assert err.startswith(f"cchc: {seed}: ")
    assert "cchc check" in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--rate", "3.4.1"], "--rate cần dạng MÃ=CÁCH"),
        (["--rate-method", "mode"], "unknown rate method 'mode'"),
        (["--expected", "Sở Nội vụ"], "unit-1.json (Sở Tư pháp): reporter 'Sở Tư pháp' is not"),
    ],
)
def test_cli_aggregate_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    files = write_reports(tmp_path)
    assert main(["aggregate", *files, *extra]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_cli_aggregate_input_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = write_reports(tmp_path)
    assert main(["aggregate", files[0], files[0]]) == 2
    assert "unit-0.json (Sở Nội vụ) and" in capsys.readouterr().err
    assert main(["aggregate", files[0], files[0], "--keep-last"]) == 0
    capsys.readouterr()
    other = tmp_path / "q1.json"
    q1 = cchc.example_report().evolve(
        period="2021Q1", reporter=cchc.Reporter("Sở B", kind="department")
    )
    other.write_text(cchc.dumps(q1), encoding="utf-8")
    assert main(["aggregate", *files, str(other)]) == 2
    assert "q1.json (Sở B) is for period 2021Q1" in capsys.readouterr().err
    assert main(["aggregate", str(tmp_path / "missing.json")]) == 2
    assert "missing.json" in capsys.readouterr().err


def test_cli_aggregate_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = write_reports(tmp_path)
    out_file = tmp_path / "total.json"
    assert main(["aggregate", *files, "--name", "Tỉnh X", "-o", str(out_file)]) == 0
    capsys.readouterr()
    code = main(["check", str(out_file), "--format", "json"])
    out, err = capsys.readouterr()
    assert err == ""
    [result] = json.loads(out)["results"]
    assert result["reporter"] == {"name": "Tỉnh X", "kind": "province"}
    assert result["period"] == "2021S1"
    # the command's verdict is the rules engine's verdict on the aggregate
    findings = list(cchc.check(cchc.read(out_file)))
    assert {f["rule"] for f in result["findings"]} == {f.rule for f in findings}
    errors = any(f.severity is cchc.Severity.ERROR for f in findings)
    assert code == (1 if errors else 0)


def test_aggregate_ratio_refuses_aggregates_whose_counts_are_not_paired() -> None:
    """An aggregate's sums mix reporters that gave only one side: pool the originals."""
    form = cchc.load_form("phu-luc-2b@2021")

    def unit(name: str, done: int | None, planned: int) -> cchc.Report:
        entries = {"1.1.1": planned} if done is None else {"1.1.1": planned, "1.1.2": done}
        reporter = cchc.Reporter(name, kind="department")
        return cchc.Report(form=form, reporter=reporter, period="2021S1", entries=entries)

    a, b, c = unit("A", 9, 10), unit("B", None, 4), unit("C", 1, 4)
    assert cchc.aggregation.aggregate_ratio([a, b, c], ["1.1.2"], ["1.1.1"]).value == Decimal(
        "71.43"
    )
    g1 = cchc.aggregate([a, b], reporter=cchc.Reporter("G1", kind="province"))
    with pytest.raises(cchc.errors.UsageError, match="G1 is an aggregate"):
        cchc.aggregation.aggregate_ratio([g1, c], ["1.1.2"], ["1.1.1"])
