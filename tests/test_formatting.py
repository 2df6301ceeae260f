"""cchc.formatting: numbers, percents, dates, periods, entries and findings for people."""

from __future__ import annotations

import decimal
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from babel.numbers import parse_decimal
from hypothesis import given
from hypothesis import strategies as st

import cchc
from cchc import formatting
from cchc.errors import UsageError
from cchc.findings import Finding, Outcome, Severity
from cchc.formatting import (
    Formatter,
    format_date,
    format_finding,
    format_number,
    format_percent,
    format_period,
    format_value,
)
from cchc.values import Entry, Status

FORM = cchc.load_form("phu-luc-2b@2021")
LOCALES = ("vi", "en")


# -- numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (6460, "6.460", "6,460"),
        (0, "0", "0"),
        (49, "49", "49"),
        (1000, "1.000", "1,000"),
        (1234567, "1.234.567", "1,234,567"),
        (-1234, "-1.234", "-1,234"),
        (Decimal("1234.5"), "1.234,5", "1,234.5"),
        (Decimal("0.5"), "0,5", "0.5"),
        (Decimal("96.55"), "96,55", "96.55"),
        (Decimal("2.345"), "2,35", "2.35"),  # half-up, where babel would give 2,34
        (Decimal("2.355"), "2,36", "2.36"),
        (Decimal("-2.345"), "-2,35", "-2.35"),
        (Decimal("-0.001"), "0", "0"),  # no "-0"
        (Decimal("100.00"), "100", "100"),
        (Decimal("1E+3"), "1.000", "1,000"),
        (Fraction(1, 3), "0,33", "0.33"),
        (Fraction(2, 3), "0,67", "0.67"),
    ],
)
def test_numbers_in_both_locales(value: int | Decimal | Fraction, vi: str, en: str) -> None:
    assert format_number(value) == vi
    assert format_number(value, locale="vi_VN") == vi
    assert format_number(value, locale="en") == en


def test_number_options() -> None:
    assert format_number(6460, grouping=False) == "6460"
    assert format_number(Decimal("96.5"), min_decimals=2) == "96,50"
    assert format_number(Decimal("2.5"), decimals=0) == "3"  # babel alone: "2"
    assert format_number(Decimal("3.5"), decimals=0) == "4"
    assert format_number(Decimal("1.23456"), decimals=4) == "1,2346"
    # Larger than the default decimal precision of 28 digits.
    assert format_number(10**30) == "1" + ".000" * 10
    assert format_number(Decimal("12345678901234567890123456789.5")) == (
        "12.345.678.901.234.567.890.123.456.789,5"
    )


@pytest.mark.parametrize("bad", [0.5, True, Decimal("NaN"), Decimal("Infinity"), "12", None])
def test_numbers_refuse_floats_bools_and_non_numbers(bad: object) -> None:
    with pytest.raises(UsageError):
        format_number(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(("decimals", "min_decimals"), [(-1, 0), (2, 3), (2, -1), (True, 0)])
def test_bad_decimal_places_are_usage_errors(decimals: int, min_decimals: int) -> None:
    with pytest.raises(UsageError):
        format_number(Decimal(1), decimals=decimals, min_decimals=min_decimals)


def test_unknown_locale_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unsupported locale 'fr'"):
        format_number(1, locale="fr")
    with pytest.raises(UsageError):
        Formatter("de_DE")


@given(
    value=st.decimals(min_value=-(10**12), max_value=10**12, places=5),
    locale=st.sampled_from(LOCALES),
)
def test_a_formatted_decimal_reads_back_as_its_half_up_rounding(
    value: Decimal, locale: str
) -> None:
    text = format_number(value, locale=locale)
    expected = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert parse_decimal(text, locale=locale) == expected


@given(value=st.integers(min_value=-(10**40), max_value=10**40), locale=st.sampled_from(LOCALES))
def test_a_formatted_integer_reads_back_exactly(value: int, locale: str) -> None:
    text = format_number(value, locale=locale)
    assert parse_decimal(text, locale=locale) == value
    assert format_number(value, locale=locale, grouping=False) == str(value)


# -- percents -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (Decimal("83.67"), "83,67%", "83.67%"),
        (Decimal("2.345"), "2,35%", "2.35%"),
        (Decimal("2.344"), "2,34%", "2.34%"),
        (Decimal("96.5538"), "96,55%", "96.55%"),
        (Decimal("0.005"), "0,01%", "0.01%"),
        (Decimal(100), "100%", "100%"),
        (100, "100%", "100%"),
        (Decimal("0"), "0%", "0%"),
        (Decimal("-2.345"), "-2,35%", "-2.35%"),  # a reduction rate below 2015's level
        (Fraction(4100, 49), "83,67%", "83.67%"),  # 41/49 × 100
    ],
)
def test_percents_are_on_the_0_100_scale(value: Decimal | int | Fraction, vi: str, en: str) -> None:
    assert format_percent(value) == vi
    assert format_percent(value, locale="en") == en


def test_percent_decimals_are_configurable() -> None:
    assert format_percent(Decimal("96.5538"), decimals=1) == "96,6%"
    assert format_percent(Decimal("96.5"), decimals=0) == "97%"
    assert format_percent(Decimal("96.5"), min_decimals=2) == "96,50%"


@given(
    value=st.decimals(min_value=-1000, max_value=1000, places=4), locale=st.sampled_from(LOCALES)
)
def test_a_percent_is_its_number_and_a_sign(value: Decimal, locale: str) -> None:
    assert format_percent(value, locale=locale) == format_number(value, locale=locale) + "%"


# -- the process is not consulted ---------------------------------------------------


def test_output_ignores_the_process_locale_and_decimal_context(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR)):
        assert format_number(6460) == "6.460"
        assert format_percent(Decimal("83.675")) == "83,68%"
        assert format_number(Decimal("1234567.891")) == "1.234.567,89"
        assert format_date(date(2021, 6, 30)) == "ngày 30 tháng 6 năm 2021"


# -- dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "vi"),
    [
        (date(2021, 6, 30), "ngày 30 tháng 6 năm 2021"),
        (date(2023, 2, 5), "ngày 05 tháng 02 năm 2023"),
        (date(2023, 7, 5), "ngày 05 tháng 7 năm 2023"),
        (date(2023, 1, 15), "ngày 15 tháng 01 năm 2023"),
        (date(2023, 12, 9), "ngày 09 tháng 12 năm 2023"),
        (date(2023, 3, 10), "ngày 10 tháng 3 năm 2023"),
        (date(2020, 2, 29), "ngày 29 tháng 02 năm 2020"),
    ],
)
def test_dates_follow_nghi_dinh_30(day: date, vi: str) -> None:
    assert format_date(day) == vi


def test_dates_in_english_and_short() -> None:
    assert format_date(date(2021, 6, 30), locale="en") == "30 June 2021"
    assert format_date(date(2023, 2, 5), locale="en") == "5 February 2023"
    assert format_date(date(2021, 6, 5), style="short") == "5/6/2021"
    assert format_date(date(2021, 6, 5), locale="en", style="short") == "5 Jun 2021"
    with pytest.raises(UsageError):
        format_date(date(2021, 6, 5), style="full")  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        format_date("2021-06-30")  # type: ignore[arg-type]


@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_nd30_padding_law(day: date) -> None:
    match = re.fullmatch(r"ngày (\d+) tháng (\d+) năm (\d{4})", format_date(day))
    assert match is not None
    d, m, y = match.groups()
    assert d == f"{day.day:02d}"  # every day below 10 is padded
    assert m == (f"{day.month:02d}" if day.month <= 2 else str(day.month))
    assert int(y) == day.year


# -- periods ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "vi", "en"),
    [
        ("2021S1", "6 tháng đầu năm 2021", "First half of 2021"),
        ("2021S2", "6 tháng cuối năm 2021", "Second half of 2021"),
        ("2022Q1", "Quý I năm 2022", "Q1 2022"),
        ("2022Q4", "Quý IV năm 2022", "Q4 2022"),
        ("2021", "Năm 2021", "Year 2021"),
    ],
)
def test_periods(period: str, vi: str, en: str) -> None:
    assert format_period(period) == vi
    assert format_period(cchc.Period.parse(period), locale="en") == en


# -- values -------------------------------------------------------------------------


def test_blank_zero_and_status_stay_apart() -> None:
    counted = FORM["1.1.3"]
    assert format_value(Entry(), counted) == ""
    assert format_value(None, counted) == ""
    assert format_value(Entry(note="chỉ có ghi chú"), counted) == ""
    assert format_value(Entry(value=0), counted) == "0"
    assert format_value(Entry(status=Status.NOT_YET_DUE), counted) == "Chưa đến hạn"
    assert format_value(Entry(status=Status.NOT_APPLICABLE), counted) == "Không áp dụng"
    assert format_value(Entry(status=Status.NOT_YET_DUE), counted, locale="en") == "Not yet due"
    labels = {format_value(Entry(status=s)) for s in Status}
    assert len(labels) == len(Status)


def test_values_as_their_unit_wants() -> None:
    assert format_value(6460, FORM["7.2.5.1"]) == "6.460"
    assert format_value(6460, FORM["7.2.5.1"], locale="en") == "6,460"
    assert format_value(Decimal("83.67"), FORM["3.4.1"]) == "83,67%"
    assert format_value(Entry(value=Decimal("2.345")), FORM["3.4.1"]) == "2,35%"
    assert format_value(Decimal("7.5"), FORM["7.1.1"]) == "7,5"  # a score is a number
    assert format_value(Decimal(100), FORM["7.1.6"]) == "100"  # a value typed into a header
    assert format_value("ghi bằng chữ") == "ghi bằng chữ"
    assert format_value(6460) == "6.460"
    assert format_value(Decimal("83.67")) == "83,67"  # without its row, a bare number


def test_coded_answers() -> None:
    yes_no = FORM["1.5"]
    assert format_value(1, yes_no) == "1 (Có)"
    assert format_value(0, yes_no) == "0 (Không)"
    assert format_value(1, yes_no, coded="label") == "Có"
    assert format_value(1, yes_no, coded="code") == "1"
    assert format_value(7, yes_no) == "7"  # outside the legend: rule F3 says so, not the formatter
    assert format_value(2, FORM["1.4.2"]) == "2 (Kết hợp)"
    with pytest.raises(UsageError):
        format_value(1, yes_no, coded="both-ways")  # type: ignore[arg-type]


def test_units_and_headers() -> None:
    assert formatting.format_unit(FORM["1.1.2"]) == "Nhiệm vụ"
    assert formatting.format_unit(FORM["1.1.2"], locale="en") == "tasks"
    assert formatting.format_unit(FORM["3.4.1"], locale="en") == "%"
    assert formatting.format_unit(FORM["5.3.1"]) == "Đã thực hiện = 1\nChưa thực hiện = 0"
    assert formatting.format_unit(FORM["1"]) == ""
    assert formatting.column_headers() == ("STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú")
    assert formatting.column_headers(locale="en") == ("No.", "Indicator", "Unit", "Value", "Note")


# -- findings -----------------------------------------------------------------------

CODES = ("1.1.1", "1.1.2")
R1 = Finding(
    rule="R1",
    outcome=Outcome.FAIL,
    severity=Severity.ERROR,
    indicators=CODES,
    message="Số nhiệm vụ đã hoàn thành (50) lớn hơn số đề ra (49)",
    message_en="Tasks completed (50) exceed tasks planned (49)",
)


def test_findings_in_both_languages_from_one_source() -> None:
    assert format_finding(R1) == (
        "Lỗi R1 (1.1.1, 1.1.2): Số nhiệm vụ đã hoàn thành (50) lớn hơn số đề ra (49)"
    )
    assert format_finding(R1, locale="en") == (
        "Error R1 (1.1.1, 1.1.2): Tasks completed (50) exceed tasks planned (49)"
    )


def test_finding_severity_labels() -> None:
    labels = {
        s: (formatting.severity_label(s), formatting.severity_label(s, locale="en"))
        for s in Severity
    }
    assert labels == {
        Severity.ERROR: ("Lỗi", "Error"),
        Severity.WARNING: ("Cảnh báo", "Warning"),
        Severity.INFO: ("Thông tin", "Info"),
    }


def test_finding_without_english_falls_back_and_shows_location_and_errors() -> None:
    duplicated: Any = ("1.1.1", "1.2.1")  # as CODES above
    reading = Finding(
        rule="read.duplicate-code",
        outcome=Outcome.FAIL,
        severity=Severity.WARNING,
        indicators=duplicated,
        message="số thứ tự 1.1.1 được in nhiều lần",
        location="row 9",
    )
    assert format_finding(reading, locale="en") == (
        "Warning read.duplicate-code (1.1.1, 1.2.1) [row 9]: số thứ tự 1.1.1 được in nhiều lần"
    )
    broken = Finding(rule="R9", outcome=Outcome.ERROR, severity=Severity.ERROR)
    assert format_finding(broken) == "Lỗi R9: không đánh giá được"
    assert format_finding(broken, locale="en", severity=False) == "R9: could not be evaluated"


# -- the bound formatter ------------------------------------------------------------


def test_formatter_is_frozen_bound_and_exported() -> None:
    assert cchc.Formatter is Formatter
    en = Formatter("en_GB")
    assert en.locale == "en"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        en.locale = "vi"  # type: ignore[misc]
    assert Formatter() == Formatter("vi")
    assert hash(Formatter("vi")) == hash(Formatter("vi_VN"))


@pytest.mark.parametrize("locale", LOCALES)
def test_formatter_agrees_with_the_functions(locale: str) -> None:
    f = Formatter(locale)
    assert f.format_number(6460) == format_number(6460, locale=locale)
    assert f.format_percent(Decimal("83.67")) == format_percent(Decimal("83.67"), locale=locale)
    assert f.format_date(date(2023, 2, 5)) == format_date(date(2023, 2, 5), locale=locale)
    assert f.format_period("2021S1") == format_period("2021S1", locale=locale)
    assert f.format_value(1, FORM["1.5"]) == format_value(1, FORM["1.5"], locale=locale)
    assert f.format_unit(FORM["1.1.1"]) == formatting.format_unit(FORM["1.1.1"], locale=locale)
    assert f.format_finding(R1) == format_finding(R1, locale=locale)
    assert f.severity_label(Severity.INFO) == formatting.severity_label(
        Severity.INFO, locale=locale
    )
    assert f.status_label(Status.NOT_REPORTED) == formatting.status_label(
        Status.NOT_REPORTED, locale=locale
    )
    assert f.column_headers() == formatting.column_headers(locale=locale)


def test_formatter_decimals() -> None:
    one = Formatter(decimals=1)
    assert one.format_percent(Decimal("2.345")) == "2,3%"
    assert one.format_percent(Decimal("2.35")) == "2,4%"
    assert one.format_value(Decimal("83.67"), FORM["3.4.1"]) == "83,7%"
    with pytest.raises(UsageError):
        Formatter(decimals=-1)
