"""Months and date ranges (contract §2, turn 2): ids, labels, windows, text, titles, compare."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc
from cchc.comparison import flow_between
from cchc.errors import PeriodError
from cchc.io.table import parse_title
from cchc.io.text import write_text
from cchc.periods import Period, PeriodKind
from cchc.strategies import periods

M09 = Period.month(2021, 9)
RANGE = Period.range(date(2021, 7, 21), date(2021, 8, 20))


def test_month_and_range_ids_and_labels() -> None:
    assert (M09.id, M09.kind, M09.number) == ("2021M09", PeriodKind.MONTH, 9)
    assert (M09.label(), M09.label("en")) == ("Tháng 9 năm 2021", "September 2021")
    assert RANGE.id == "2021-07-21..2021-08-20"
    assert RANGE.label() == "Từ ngày 21/7/2021 đến ngày 20/8/2021"
    assert RANGE.label("en") == "From 21 July 2021 to 20 August 2021"
    assert (RANGE.first, RANGE.last, RANGE.year) == (date(2021, 7, 21), date(2021, 8, 20), 2021)
    assert repr(M09) == "Period.parse('2021M09')"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2021M09", M09),
        ("2021m9", M09),
        (" 2021M09 ", M09),
        ("2021-07-21..2021-08-20", RANGE),
        ("Tháng 9 năm 2021", M09),
        ("THÁNG 9 NĂM 2021", M09),
        ("tháng 09/2021", M09),
        ("Từ ngày 21/7/2021 đến ngày 20/8/2021", RANGE),
        ("từ 21/07/2021 đến 20/08/2021", RANGE),
        ("Từ ngày 21 tháng 7 năm 2021 đến ngày 20 tháng 8 năm 2021", RANGE),
    ],
)
def test_months_and_ranges_read_from_ids_and_vietnamese(text: str, period: Period) -> None:
    assert Period.from_text(text) == period
    if text.strip()[:4].isdigit():
        assert Period.parse(text) == period


@pytest.mark.parametrize(
    "bad",
    ["2021M13", "2021M00", "2021-02-30..2021-03-01", "2021-08-20..2021-07-21", "tháng 13 năm 2021"],
)
def test_malformed_months_and_ranges_are_errors(bad: str) -> None:
    with pytest.raises(PeriodError):
        Period.from_text(bad)


def test_range_construction_checks_its_days() -> None:
    with pytest.raises(PeriodError, match="only a date range"):
        Period(2021, PeriodKind.MONTH, 9, first=date(2021, 9, 1), last=date(2021, 9, 30))
    with pytest.raises(PeriodError, match="needs its first date"):
        Period(2021, PeriodKind.RANGE, 1)
    with pytest.raises(PeriodError, match="year of its last day"):
        Period(2020, PeriodKind.RANGE, 1, first=date(2020, 12, 15), last=date(2021, 1, 14))


def test_month_windows_follow_the_15th_to_14th_rule_and_nest_in_quarters() -> None:
    assert str(Period.month(2021, 1).window) == "15/12/2020–14/1/2021"
    assert str(M09.window) == "15/8/2021–14/9/2021"
    assert M09.deadline == date(2021, 9, 20) and M09.has_own_report
    q3 = Period.quarter(2021, 3)
    assert [q3.contains(Period.month(2021, n)) for n in range(6, 11)] == [
        False,
        True,
        True,
        True,
        False,
    ]
    assert Period.annual(2021).contains(Period.month(2021, 1))
    assert sorted([q3, M09, Period.month(2021, 7)]) == [Period.month(2021, 7), M09, q3]
    assert RANGE.window.days == 31 and RANGE.deadline == RANGE.last
    assert q3.contains(RANGE) and RANGE.overlaps(M09)
    assert not RANGE.overlaps(Period.month(2021, 10))


@given(st.integers(1990, 2100), st.integers(1, 12))
def test_every_month_round_trips_through_its_id_and_label(year: int, month: int) -> None:
    period = Period.month(year, month)
    assert Period.parse(period.id) == period == Period.from_text(period.label())
    assert period.window.days in range(28, 32)


@given(st.dates(date(1990, 1, 1), date(2100, 12, 31)), st.integers(0, 400))
def test_every_range_round_trips_through_its_id_and_label(first: date, length: int) -> None:
    last = min(first + timedelta(days=length), date(2100, 12, 31))
    period = Period.range(first, last)
    assert Period.parse(period.id) == period == Period.from_text(period.label())
    assert period.window.start == first and period.window.end == last


# -- titles -------------------------------------------------------------------------------


def test_a_month_in_a_title_is_never_read_as_a_quarter() -> None:
    block = parse_title(["TẠI SỞ NỘI VỤ THÁNG 9 NĂM 2021"])
    assert block.period == M09
    assert block.reporter == cchc.Reporter("Sở Nội vụ", kind="department")


def test_a_range_in_a_title() -> None:
    block = parse_title(["TẠI UBND ĐẶC KHU PHÚ QUỐC TỪ NGÀY 21/7/2021 ĐẾN NGÀY 20/8/2021"])
    assert block.period == RANGE
    assert block.reporter == cchc.Reporter("UBND đặc khu Phú Quốc", kind="commune")


def test_a_date_line_is_still_a_date() -> None:
    block = parse_title(["TẠI SỞ NỘI VỤ 6 THÁNG ĐẦU NĂM", "Nghệ An, tháng 6 năm 2021"])
    assert block.period == Period.half(2021, 1)
    dated = parse_title(["TẠI SỞ NỘI VỤ", "Nghệ An, ngày 18 tháng 9 năm 2021"])
    assert dated.period == Period.quarter(2021, 3)
    assert parse_title(["TẠI SỞ NỘI VỤ 6 THÁNG NĂM 2021"]).period == Period.half(2021, 1)


def test_a_period_cchc_cannot_place_is_a_diagnostic_not_a_guess() -> None:
    block = parse_title(["TẠI SỞ NỘI VỤ 9 THÁNG NĂM 2021"])
    assert block.period is None
    assert any("9 tháng năm 2021" in note for note in block.notes)
    report = cchc.read(
        write_text(cchc.example_report()).replace("6 THÁNG ĐẦU NĂM", "9 THÁNG NĂM"),
        format="txt",
        period="2021Q3",
    )
    assert report.period == Period.quarter(2021, 3)
    assert "read.period-unplaced" in {d.rule for d in report.diagnostics}
    with pytest.raises(cchc.errors.ReadError, match="9 tháng năm 2021"):
        cchc.read(
            write_text(cchc.example_report())
            .replace("6 THÁNG ĐẦU NĂM", "9 THÁNG NĂM")
            .replace("6 tháng đầu năm", "9 tháng năm"),
            format="txt",
        )


def _dossier_form() -> cchc.Form:
    return cchc.forms.form_from_data(
        {
            "id": "ho-so-tthc",
            "title": "Thống kê hồ sơ TTHC",
            "reporters": ["department", "commune", "province"],
            "periods": ["month", "quarter", "range", "year"],
            "indicator": [
                {"code": "1", "name": "Hồ sơ", "kind": "section"},
                {"code": "1.1", "name": "Số hồ sơ tiếp nhận", "kind": "value", "unit": "Hồ sơ"},
                {"code": "1.2", "name": "Số hồ sơ giải quyết", "kind": "value", "unit": "Hồ sơ"},
            ],
            "ratio": [
                {
                    "id": "giai-quyet",
                    "name": "Tỷ lệ hồ sơ giải quyết",
                    "numerator": "{1.2}",
                    "denominator": "{1.1}",
                    "decimals": 1,
                }
            ],
        }
    )


def test_a_monthly_report_of_a_custom_form_reads_as_a_month() -> None:
    form = _dossier_form()
    text = (
        "THỐNG KÊ HỒ SƠ TTHC\nTẠI SỞ NỘI VỤ THÁNG 9 NĂM 2021\n"
        "\tSTT\n\tChỉ tiêu\n\tĐơn vị tính\n\tSố liệu\n\tGhi chú\n"
        "\t1.1\n\tSố hồ sơ tiếp nhận\n\tHồ sơ\n\t7\n\t\n"
        "\t1.2\n\tSố hồ sơ giải quyết\n\tHồ sơ\n\t6\n\t\n"
    )
    report = cchc.read(text, format="txt", form=form)
    assert report.period.id == "2021M09"
    assert report.reporter.name == "Sở Nội vụ"
    assert not {"F12", "F13"} & {f.rule for f in cchc.check(report)}
    ratio = cchc.ratios(report)["giai-quyet"]
    assert (ratio.value, ratio.decimals) == (Decimal("85.7"), 1)
    assert cchc.ratios(report, decimals=0)["giai-quyet"].value == 86
    assert cchc.ratios(report, decimals=3)["giai-quyet"].as_dict()["value"] == "85.714"
    with pytest.raises(cchc.errors.UsageError, match="decimals"):
        cchc.ratios(report, decimals=7)


# -- compare ------------------------------------------------------------------------------------


def test_compare_knows_months_nest_in_quarters() -> None:
    form = cchc.load_form(period="2021Q3")
    unit = cchc.Reporter("Sở Nội vụ", kind="department")
    month = cchc.Report(form=form, reporter=unit, period="2021M09", entries={"1.1.2": 10})
    quarter = cchc.Report(form=form, reporter=unit, period="2021Q3", entries={"1.1.2": 7})
    comparison = cchc.compare(month, quarter)
    assert [f.rule for f in comparison.findings] == ["A3.flow-decreased"]
    assert "Tháng 9 năm 2021" in comparison.findings[0].message
    two_months = cchc.Report(
        form=form,
        reporter=unit,
        period=Period.range(date(2021, 6, 15), date(2021, 8, 14)),
        entries={"2.1": 3},
    )
    q3 = quarter.with_value("2.1", 5)
    last = flow_between(q3, two_months)
    assert (last.period, last.value("2.1")) == (M09, 2)


@given(periods(kinds=st.sampled_from([PeriodKind.MONTH, PeriodKind.RANGE])))
def test_the_periods_strategy_draws_months_and_ranges(period: Period) -> None:
    assert period.kind in (PeriodKind.MONTH, PeriodKind.RANGE)
    assert Period.parse(period.id) == period


def test_ranges_outside_the_years_and_bounded_versions_are_refused_or_named() -> None:
    with pytest.raises(PeriodError, match="outside the years"):
        Period.range(date(1989, 12, 31), date(1990, 1, 2))
    bounded = cchc.forms.form_from_data(
        {
            "id": "x",
            "title": "X",
            "version": "1",
            "valid_from": "2024-01-01",
            "valid_until": "2024-12-31",
            "reporters": ["department"],
            "indicator": [
                {"code": "1", "name": "A", "kind": "section"},
                {"code": "1.1", "name": "B", "kind": "value", "unit": "Hồ sơ"},
            ],
        }
    )
    report = cchc.Report(
        form=bounded, reporter=cchc.Reporter("UBND xã A", kind="commune"), period="2025"
    )
    messages = [f.message for f in cchc.check(report) if f.rule in ("F11", "F12")]
    assert len(messages) == 2
    assert all("từ 01/01/2024 đến 31/12/2024" in m for m in messages)
