"""Tests of cchc.compare: change across periods and drift warnings (rules.md A3, A4)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import cchc
from cchc.cli import main
from cchc.errors import PeriodError, UnknownIndicatorError, UsageError
from cchc.examples import example_bytes
from cchc.forms import form_from_data

FORM = cchc.load_form("phu-luc-2b@2021")
UNIT = cchc.Reporter("Sở Nội vụ", kind="department", id="snv")


def report(period: str, entries: dict[str, object], reporter: cchc.Reporter = UNIT) -> cchc.Report:
    return cchc.Report(form=FORM, reporter=reporter, period=period, entries=entries)  # type: ignore[arg-type]


def rules(comparison: cchc.Comparison) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.rule, f.indicators) for f in comparison.findings]


# -- changes ------------------------------------------------------------------------------


def test_changes_of_counts() -> None:
    comparison = cchc.compare(
        report("2021Q1", {"2.1": 4, "2.2": 10, "2.3": 7, "2.4": 0}),
        report("2021S1", {"2.1": 6, "2.2": 5, "2.3": 7, "2.4": 3}),
    )
    up, down, same, from_zero = (comparison[c] for c in ("2.1", "2.2", "2.3", "2.4"))
    assert (up.direction, up.absolute, up.relative) == (
        cchc.comparison.Direction.UP,
        2,
        Decimal(50),
    )
    assert (down.direction, down.absolute, down.relative) == (
        cchc.comparison.Direction.DOWN,
        -5,
        Decimal(-50),
    )
    assert (same.direction, same.absolute, same.relative) == (
        cchc.comparison.Direction.SAME,
        0,
        Decimal(0),
    )
    assert (from_zero.direction, from_zero.absolute) == (cchc.comparison.Direction.UP, 3)
    assert from_zero.relative is None
    assert up.earlier.value == 4
    assert up.later.value == 6


def test_relative_change_is_rounded_half_up() -> None:
    comparison = cchc.compare(report("2021Q1", {"2.1": 3}), report("2021S1", {"2.1": 4}))
    assert comparison["2.1"].relative == Decimal("33.33")
    comparison = cchc.compare(report("2021Q1", {"2.1": 8}), report("2021S1", {"2.1": 9}))
    assert comparison["2.1"].relative == Decimal("12.5")
    comparison = cchc.compare(report("2021Q1", {"2.1": 3}), report("2021S1", {"2.1": 1}))
    assert comparison["2.1"].relative == Decimal("-66.67")
    comparison = cchc.compare(report("2021Q1", {"2.1": 100_000}), report("2021S1", {"2.1": 99_999}))
    assert str(comparison["2.1"].relative) == "0"  # rounded to zero, never "-0"


def test_percentages_change_in_points() -> None:
    comparison = cchc.compare(
        report("2021Q1", {"3.4.1": Decimal("95.5")}), report("2021S1", {"3.4.1": Decimal("97")})
    )
    change = comparison["3.4.1"]
    assert change.absolute == Decimal("1.5")
    assert change.direction is cchc.comparison.Direction.UP


def test_new_gone_and_changed() -> None:
    comparison = cchc.compare(
        report("2021Q1", {"2.1": 4, "1.4.2": 0, "1.5": 1}),
        report("2021S1", {"2.2": 1, "1.4.2": 2, "1.5": 1}),
    )
    assert comparison["2.1"].direction is cchc.comparison.Direction.GONE
    assert comparison["2.2"].direction is cchc.comparison.Direction.NEW
    coded = comparison["1.4.2"]
    assert coded.direction is cchc.comparison.Direction.CHANGED
    assert coded.absolute is None
    assert coded.relative is None
    assert comparison["1.5"].direction is cchc.comparison.Direction.SAME
    assert [c.code for c in comparison] == ["1.4.2", "1.5", "2.1", "2.2"]
    assert len(comparison) == 4


def test_rows_blank_in_both_have_no_change() -> None:
    comparison = cchc.compare(report("2021Q1", {"2.1": 1}), report("2021S1", {}))
    assert comparison.get("2.2") is None
    with pytest.raises(KeyError, match=r"2\.2 has a value in neither report"):
        comparison["2.2"]
    with pytest.raises(UnknownIndicatorError):
        comparison["9.9"]


def test_text_rows_change_or_stay() -> None:
    mini = form_from_data(
        {
            "schema": "cchc.form/1",
            "id": "mini",
            "title": "Mini",
            "indicator": [{"code": "1", "name": "Ghi", "kind": "value", "unit": "text"}],
        },
        source="mini",
    )
    a = cchc.Report(form=mini, reporter=UNIT, period="2021Q1", entries={"1": "có"})
    b = cchc.Report(form=mini, reporter=UNIT, period="2021S1", entries={"1": "không"})
    assert cchc.compare(a, b)["1"].direction is cchc.comparison.Direction.CHANGED
    assert (
        cchc.compare(a, a.evolve(period="2021S1"))["1"].direction is cchc.comparison.Direction.SAME
    )


# -- drift findings -----------------------------------------------------------------------


def test_cumulative_figure_that_decreased() -> None:
    comparison = cchc.compare(
        report("2021Q1", {"6.1": 12, "6.2": 3, "4.2.5": Decimal("10.5")}),
        report("2021S1", {"6.1": 10, "6.2": 4, "4.2.5": Decimal("9")}),
    )
    assert rules(comparison) == [
        ("A3.cumulative-decreased", ("4.2.5",)),
        ("A3.cumulative-decreased", ("6.1",)),
    ]
    finding = comparison.findings[1]
    assert finding.severity is cchc.Severity.WARNING
    assert finding.outcome is cchc.Outcome.FAIL
    assert (finding.left, finding.operator, finding.right, finding.imbalance) == (10, ">=", 12, -2)
    assert "lũy kế" in finding.message
    assert "12 (Quý I năm 2021) → 10 (6 tháng đầu năm 2021)" in finding.message
    assert "cumulative" in finding.message_en


def test_cumulative_drop_across_years_is_flagged() -> None:
    comparison = cchc.compare(report("2020", {"6.1": 12}), report("2021Q1", {"6.1": 11}))
    assert rules(comparison) == [("A3.cumulative-decreased", ("6.1",))]


def test_plan_figure_that_changed_within_the_year() -> None:
    comparison = cchc.compare(
        report("2021S1", {"1.1.1": 49, "7.2.4.1": 5}), report("2021Q3", {"1.1.1": 52, "7.2.4.1": 5})
    )
    assert rules(comparison) == [("A4.plan-changed", ("1.1.1",))]
    finding = comparison.findings[0]
    assert (finding.left, finding.operator, finding.right) == (52, "==", 49)
    assert "kế hoạch năm" in finding.message
    assert "49 (6 tháng đầu năm 2021) → 52 (Quý III năm 2021)" in finding.message


def test_plan_figure_may_change_from_one_year_to_the_next() -> None:
    comparison = cchc.compare(report("2020", {"1.1.1": 49}), report("2021Q1", {"1.1.1": 60}))
    assert comparison.findings == ()


def test_flow_of_a_containing_window_that_is_smaller() -> None:
    comparison = cchc.compare(
        report("2021Q1", {"1.1.2": 20, "2.1": 4, "3.4.1": Decimal(99)}),
        report("2021S1", {"1.1.2": 18, "2.1": 4, "3.4.1": Decimal(90)}),
    )
    # a rate may fall; only counts add up over windows
    assert rules(comparison) == [("A3.flow-decreased", ("1.1.2",))]
    assert "bao gồm Quý I năm 2021" in comparison.findings[0].message


def test_year_contains_q3() -> None:
    comparison = cchc.compare(report("2021Q3", {"2.1": 9}), report("2021", {"2.1": 8}))
    assert rules(comparison) == [("A3.flow-decreased", ("2.1",))]


def test_windows_that_do_not_nest_are_not_compared_as_flows() -> None:
    # Q3 counts from 15/6: it does not contain the 6-month window
    comparison = cchc.compare(report("2021S1", {"2.1": 9}), report("2021Q3", {"2.1": 2}))
    assert comparison.findings == ()
    assert comparison["2.1"].direction is cchc.comparison.Direction.DOWN


def test_stock_may_fall() -> None:
    comparison = cchc.compare(report("2021Q1", {"3.1.3": 120}), report("2021S1", {"3.1.3": 110}))
    assert comparison.findings == ()


def test_same_period_is_a_revision_without_drift() -> None:
    comparison = cchc.compare(
        report("2021S1", {"6.1": 12, "1.1.1": 49}), report("2021S1", {"6.1": 10, "1.1.1": 50})
    )
    assert comparison.findings == ()
    assert comparison["6.1"].direction is cchc.comparison.Direction.DOWN


# -- errors ----------------------------------------------------------------------------------


def test_different_reporters_are_an_error_unless_allowed() -> None:
    other = cchc.Reporter("Sở Tư pháp", kind="department")
    a, b = report("2021Q1", {"2.1": 1}), report("2021S1", {"2.1": 2}, reporter=other)
    with pytest.raises(UsageError, match=r"different reporters.*allow_different_reporters"):
        cchc.compare(a, b)
    assert cchc.compare(a, b, allow_different_reporters=True)["2.1"].absolute == 1


def test_reporters_are_matched_by_key() -> None:
    renamed = cchc.Reporter("SỞ NỘI VỤ", kind="department", id="snv")
    comparison = cchc.compare(report("2021Q1", {}), report("2021S1", {}, reporter=renamed))
    assert comparison.changes == ()


def test_earlier_must_not_be_later() -> None:
    with pytest.raises(UsageError, match="swap them"):
        cchc.compare(report("2021S1", {}), report("2021Q1", {}))


def test_different_forms_are_an_error() -> None:
    mini = form_from_data(
        {
            "schema": "cchc.form/1",
            "id": "mini",
            "title": "Mini",
            "indicator": [{"code": "1", "name": "Số", "kind": "value", "unit": "Văn bản"}],
        },
        source="mini",
    )
    other = cchc.Report(form=mini, reporter=UNIT, period="2021S1")
    with pytest.raises(UsageError, match="different forms"):
        cchc.compare(report("2021Q1", {}), other)


def test_compare_takes_reports() -> None:
    with pytest.raises(UsageError, match="two Reports"):
        cchc.compare(report("2021Q1", {}), "2021S1")  # type: ignore[arg-type]


# -- as data --------------------------------------------------------------------------------


def test_as_data_is_json_ready() -> None:
    comparison = cchc.compare(
        report("2021Q1", {"1.1.1": 49, "3.4.1": Decimal("95.5")}),
        report("2021S1", {"1.1.1": 50, "3.4.1": Decimal("97")}),
    )
    data = comparison.as_data()
    reporter = {"name": "Sở Nội vụ", "kind": "department", "id": "snv"}
    assert data["earlier"] == {"period": "2021Q1", "reporter": reporter}
    assert data["later"] == {"period": "2021S1", "reporter": reporter}
    assert data["form"] == "phu-luc-2b"
    assert data["changes"] == [
        {
            "code": "1.1.1",
            "earlier": 49,
            "later": 50,
            "direction": "up",
            "absolute": 1,
            "relative": "2.04",
        },
        {
            "code": "3.4.1",
            "earlier": "95.5",
            "later": "97",
            "direction": "up",
            "absolute": "1.5",
            "relative": "1.57",
        },
    ]
    findings = data["findings"]
    assert isinstance(findings, list)
    [finding] = findings
    assert finding["rule"] == "A4.plan-changed"
    assert finding["severity"] == "warning"
    assert finding["indicators"] == ["1.1.1"]


# -- flow_between ---------------------------------------------------------------------------


def test_q2_is_six_months_less_q1() -> None:
    q1 = report("2021Q1", {"2.1": 4, "3.1.3": 120, "6.1": 3, "1.1.1": 49, "3.4.1": Decimal(90)})
    s1 = report(
        "2021S1",
        {"2.1": 6, "3.1.3": 125, "6.1": 4, "1.1.1": 49, "3.4.1": Decimal(95), "1.4.2": 1},
    )
    q2 = cchc.comparison.flow_between(s1, q1)
    assert q2.period == cchc.Period.parse("2021Q2")
    assert q2.reporter == UNIT
    assert q2.value("2.1") == 2
    assert q2.value("3.1.3") == 125  # stock at the common cut-off
    assert q2.value("6.1") == 4
    assert q2.value("1.1.1") == 49
    assert q2.value("3.4.1") is None  # a rate of the Q2 window cannot be derived
    assert q2.value("1.4.2") is None


def test_second_half_is_year_less_six_months() -> None:
    s1 = report("2021S1", {"2.1": 6})
    year = report("2021", {"2.1": 15})
    s2 = cchc.comparison.flow_between(year, s1)
    assert s2.period == cchc.Period.parse("2021S2")
    assert s2.value("2.1") == 9


def test_flow_between_blank_negative_and_not_applicable() -> None:
    na = cchc.Entry(status=cchc.Status.NOT_APPLICABLE)
    q1 = report("2021Q1", {"2.1": 4, "2.2": 5})
    s1 = report("2021S1", {"2.1": 3, "2.3": 1, "1.2.2": na})
    q2 = cchc.comparison.flow_between(s1, q1)
    assert q2.value("2.1") is None
    assert q2["2.1"].note is not None
    assert "Không suy ra được" in q2["2.1"].note
    assert q2["2.2"].is_empty
    assert q2["2.3"].is_empty
    assert q2["1.2.2"].status is cchc.Status.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("later", "earlier"),
    [("2021Q3", "2021S1"), ("2021", "2021Q1"), ("2021Q1", "2021S1"), ("2021", "2021Q3")],
)
def test_flow_between_needs_a_remainder_period(later: str, earlier: str) -> None:
    with pytest.raises(PeriodError, match="not the flows of a period"):
        cchc.comparison.flow_between(report(later, {}), report(earlier, {}))


def test_flow_between_needs_one_reporter() -> None:
    other = cchc.Reporter("Sở Tư pháp", kind="department")
    with pytest.raises(UsageError, match="different reporters"):
        cchc.comparison.flow_between(report("2021S1", {}), report("2021Q1", {}, reporter=other))


# -- command line --------------------------------------------------------------------------------


def write_pair(directory: Path) -> tuple[str, str]:
    """Q1 as JSON (a plan change, a flow drop, a cumulative drop) and the seed (S1) as text."""
    q1 = (
        cchc.example_report()
        .evolve(period="2021Q1", diagnostics=())
        .with_value("1.1.1", 45)
        .with_value("1.1.2", 50)
        .with_value("6.1", 99)
    )
    earlier, later = directory / "q1.json", directory / "s1.txt"
    earlier.write_text(cchc.dumps(q1), encoding="utf-8")
    later.write_bytes(example_bytes())
    return str(earlier), str(later)


def test_cli_compare_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    earlier, later = write_pair(tmp_path)
    assert main(["compare", earlier, later]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Sở Nội vụ: Quý I năm 2021 → 6 tháng đầu năm 2021"
    assert lines[1] == "1.1.1\t45 → 49\t↑ +4 (8,89%)"
    assert lines[2] == "1.1.2\t50 → 41\t↓ -9 (-18%)"
    assert lines[3] == "6.1\t99 → 1\t↓ -98 (-98,99%)"
    assert lines[4].endswith("không đổi)")
    assert [line.split()[2] for line in lines[5:]] == [  # "Cảnh báo A4.…"
        "A4.plan-changed",
        "A3.flow-decreased",
        "A3.cumulative-decreased",
    ]


def test_cli_compare_all_rows_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier, later = write_pair(tmp_path)
    assert main(["compare", earlier, later, "--all", "--locale", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Sở Nội vụ: Q1 2021 → First half of 2021"
    assert "7.2.5.1\t6,460 → 6,460\t= 0 (0%)" in lines
    assert not any("unchanged" in line for line in lines)


def test_cli_compare_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    earlier, later = write_pair(tmp_path)
    assert main(["compare", earlier, later, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["earlier"]["file"] == earlier
    assert data["later"]["period"] == "2021S1"
    assert data["changes"][0] == {
        "code": "1.1.1",
        "earlier": 45,
        "later": 49,
        "direction": "up",
        "absolute": 4,
        "relative": "8.89",
    }
    assert [f["rule"] for f in data["findings"]] == [
        "A4.plan-changed",
        "A3.flow-decreased",
        "A3.cumulative-decreased",
    ]


def test_cli_compare_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    earlier, later = write_pair(tmp_path)
    assert main(["compare", later, earlier]) == 2
    assert "swap them" in capsys.readouterr().err
    other = tmp_path / "other.json"
    other.write_text(
        cchc.dumps(cchc.example_report().evolve(reporter=cchc.Reporter("Sở B", kind="department"))),
        encoding="utf-8",
    )
    assert main(["compare", earlier, str(other)]) == 2
    err = capsys.readouterr().err
    assert "hai đơn vị khác nhau" in err and "--allow-different-reporters" in err
    assert "allow_different_reporters" not in err
    assert main(["compare", earlier, str(other), "--locale", "en"]) == 2
    err = capsys.readouterr().err
    assert "different reporters" in err and "--allow-different-reporters" in err
    assert main(["compare", earlier, str(other), "--allow-different-reporters"]) == 0
    capsys.readouterr()
    assert main(["compare", earlier, str(tmp_path / "none.json")]) == 2
    err = capsys.readouterr().err
    assert "none.json" in err
    assert len(err.strip().splitlines()) == 1


def test_comparison_data_writes_decimals_plainly_and_keeps_the_parent() -> None:
    form = cchc.load_form("phu-luc-2b@2021")
    unit = cchc.Reporter("Sở A", kind="department", id="so-a", parent="tinh-x")
    earlier = cchc.Report(
        form=form, reporter=unit, period="2021Q1", entries={"3.4.1": Decimal("1E+2")}
    )
    later = cchc.Report(form=form, reporter=unit, period="2021S1", entries={"3.4.1": Decimal(95)})
    data = cchc.compare(earlier, later).as_data()
    changes, later_data = data["changes"], data["later"]
    assert isinstance(changes, list) and isinstance(later_data, dict)
    assert changes[0]["earlier"] == "100"
    assert later_data["reporter"]["parent"] == "tinh-x"
