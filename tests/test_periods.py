"""Tests of cchc.periods: ids, Vietnamese text, labels, windows, deadlines, ordering."""

from __future__ import annotations

import copy
import itertools
import pickle
import unicodedata
from datetime import date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.errors import CchcError, PeriodError
from cchc.periods import Period, PeriodKind, ReportingWindow

Q1, Q2, Q3, Q4 = (Period.quarter(2021, n) for n in (1, 2, 3, 4))
S1, S2 = Period.half(2021, 1), Period.half(2021, 2)
Y = Period.annual(2021)
ALL_2021 = [Q1, Q2, S1, Q3, Q4, S2, Y]


@st.composite
def periods(draw: st.DrawFn) -> Period:
    year = draw(st.integers(1990, 2100))
    kind = draw(st.sampled_from([k for k in PeriodKind if k is not PeriodKind.RANGE]))
    highest = {PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1, PeriodKind.MONTH: 12}
    if draw(st.booleans()) and kind is PeriodKind.YEAR:
        first = draw(st.dates(date(year, 1, 1), date(year, 12, 31)))
        last = draw(st.dates(first, date(year, 12, 31)))
        return Period.range(first, last)
    return Period(year, kind, draw(st.integers(1, highest[kind])))


# -- construction and ids ------------------------------------------------------------


def test_kind_values() -> None:
    assert [k.value for k in PeriodKind] == ["quarter", "half", "year", "month", "range"]


def test_named_constructors() -> None:
    assert Period.quarter(2021, 3) == Period(2021, PeriodKind.QUARTER, 3)
    assert Period.half(2021, 2) == Period(2021, PeriodKind.HALF, 2)
    assert Period.annual(2021) == Period(2021, PeriodKind.YEAR, 1)
    assert Period(2021, "half", 1) == S1


@pytest.mark.parametrize(
    ("period", "ident"),
    [
        (Q1, "2021Q1"),
        (Q2, "2021Q2"),
        (Q3, "2021Q3"),
        (Q4, "2021Q4"),
        (S1, "2021S1"),
        (S2, "2021S2"),
        (Y, "2021"),
    ],
)
def test_id_round_trip(period: Period, ident: str) -> None:
    assert period.id == ident
    assert str(period) == ident
    assert f"{period}" == ident
    assert Period.parse(ident) == period
    assert Period.parse(ident.lower()) == period
    assert Period.parse(f"  {ident} ") == period
    assert eval(repr(period), {"Period": Period}) == period  # noqa: S307 - repr is Period.parse('…')


@pytest.mark.parametrize(
    "bad",
    ["", "2021Q5", "2021Q0", "2021S3", "2021H1", "21Q1", "2021 Q1", "Q1 2021", "1989", "2101Q1",
     "２０２１", "2021q", "6 tháng đầu năm 2021"],
)  # fmt: skip
def test_parse_rejects(bad: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse(bad)


@pytest.mark.parametrize(
    ("year", "kind", "number"),
    [
        (1989, PeriodKind.YEAR, 1),
        (2101, PeriodKind.YEAR, 1),
        (2021, PeriodKind.QUARTER, 0),
        (2021, PeriodKind.QUARTER, 5),
        (2021, PeriodKind.HALF, 3),
        (2021, PeriodKind.YEAR, 2),
        (2021, "week", 1),
        (2021, "month", 13),
        (2021, "range", 1),
        (True, PeriodKind.YEAR, 1),
        ("2021", PeriodKind.YEAR, 1),
        (2021, PeriodKind.QUARTER, 1.0),
    ],
)
def test_constructor_rejects(year: object, kind: object, number: object) -> None:
    with pytest.raises(PeriodError):
        Period(year, kind, number)  # type: ignore[arg-type]


def test_period_error_is_value_error() -> None:
    with pytest.raises(ValueError, match="2021X9"):
        Period.parse("2021X9")
    with pytest.raises(CchcError):
        Period.from_text("tháng 13 năm 2021")
    assert issubclass(PeriodError, ValueError)


def test_non_string_input_rejected() -> None:
    with pytest.raises(PeriodError):
        Period.parse(2021)  # type: ignore[arg-type]
    with pytest.raises(PeriodError):
        Period.from_text(None)  # type: ignore[arg-type]


# -- Vietnamese text -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 tháng đầu năm 2021", S1),
        ("6 THÁNG ĐẦU NĂM 2021", S1),
        ("sáu tháng đầu năm 2021", S1),
        ("Sáu Tháng Đầu Năm 2021", S1),
        ("06 tháng đầu năm 2021", S1),
        ("6 tháng cuối năm 2021", S2),
        ("6 THÁNG CUỐI NĂM 2021", S2),
        ("Quý I năm 2022", Period.quarter(2022, 1)),
        ("quý 1 năm 2022", Period.quarter(2022, 1)),
        ("QUÝ II NĂM 2021", Q2),
        ("Quý III năm 2021", Q3),
        ("Quý IV/2021", Q4),
        ("Quý IV / 2021", Q4),
        ("quý 4/2021", Q4),
        ("Qúy I năm 2021", Q1),
        ("năm 2021", Y),
        ("Năm 2021", Y),
        ("NĂM 2021", Y),
        ("cả năm 2021", Y),
        ("Cả năm 2021", Y),
        ("2021S1", S1),
        ("2021s2", S2),
        ("2021Q3", Q3),
        ("2021", Y),
        ("  6   tháng\tđầu  năm\n2021  ", S1),
        ("6\u00a0tháng đầu năm 2021", S1),
    ],
)
def test_from_text(text: str, expected: Period) -> None:
    assert Period.from_text(text) == expected
    assert Period.from_text(unicodedata.normalize("NFD", text)) == expected
    assert Period.from_text(unicodedata.normalize("NFC", text)) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "   ",
        "9 tháng năm 2021",
        "6 tháng năm 2021",
        "từ 21/7/2021 đến 20/7/2021",
        "từ 31/6/2021 đến 20/7/2021",
        "Quý V năm 2021",
        "Quý 5 năm 2021",
        "quý 12022",
        "năm",
        "năm 21",
        "năm 1800",
        "Báo cáo 6 tháng đầu năm 2021",
        "First half of 2021",
    ],
)
def test_from_text_rejects(bad: str) -> None:
    with pytest.raises(PeriodError) as info:
        Period.from_text(bad)
    assert isinstance(info.value, ValueError)


def test_errors_name_the_text() -> None:
    with pytest.raises(PeriodError, match="9 tháng năm 2021"):
        Period.from_text("9 tháng năm 2021")
    with pytest.raises(PeriodError, match=r"'năm 1800': period year 1800 is outside"):
        Period.from_text("năm 1800")
    with pytest.raises(PeriodError, match=r"'Quý 4 năm 2101'"):
        Period.from_text("Quý 4 năm 2101")
    with pytest.raises(PeriodError, match=r"'2021Q5': quarter number 5 is outside 1\.\.4"):
        Period.parse("2021Q5")


# -- labels ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "vi", "en"),
    [
        (Q1, "Quý I năm 2021", "Q1 2021"),
        (Q2, "Quý II năm 2021", "Q2 2021"),
        (Q3, "Quý III năm 2021", "Q3 2021"),
        (Q4, "Quý IV năm 2021", "Q4 2021"),
        (S1, "6 tháng đầu năm 2021", "First half of 2021"),
        (S2, "6 tháng cuối năm 2021", "Second half of 2021"),
        (Y, "Năm 2021", "Year 2021"),
    ],
)
def test_labels(period: Period, vi: str, en: str) -> None:
    assert period.label() == vi
    assert period.label("vi") == vi
    assert period.label("vi_VN") == vi
    assert period.label("en") == en
    assert period.label("en-US") == en
    assert unicodedata.is_normalized("NFC", period.label())


@pytest.mark.parametrize("locale", ["fr", "", "xx_VN", "english"])
def test_label_unknown_locale(locale: str) -> None:
    with pytest.raises(PeriodError):
        Q1.label(locale)


# -- windows and deadlines ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "start", "end", "deadline"),
    [
        (Q1, date(2020, 12, 15), date(2021, 3, 14), date(2021, 3, 20)),
        (Q2, date(2021, 3, 15), date(2021, 6, 14), date(2021, 6, 20)),
        (Q3, date(2021, 6, 15), date(2021, 9, 14), date(2021, 9, 20)),
        (Q4, date(2021, 9, 15), date(2021, 12, 14), date(2021, 12, 20)),
        (S1, date(2020, 12, 15), date(2021, 6, 14), date(2021, 6, 20)),
        (S2, date(2021, 6, 15), date(2021, 12, 14), date(2021, 12, 20)),
        (Y, date(2020, 12, 15), date(2021, 12, 14), date(2021, 12, 20)),
    ],
)
def test_window_and_deadline(period: Period, start: date, end: date, deadline: date) -> None:
    assert period.window == ReportingWindow(start, end)
    assert period.window.start == start
    assert period.window.end == end
    assert period.window.days == (end - start).days + 1
    assert period.deadline == deadline
    assert period.window.end < period.deadline


def test_window_days_across_leap_year() -> None:
    assert Period.quarter(2024, 1).window.days == 17 + 31 + 29 + 14
    assert Period.quarter(2021, 1).window.days == 17 + 31 + 28 + 14
    assert Period.annual(2024).window.days == 366
    assert Period.annual(2021).window.days == 365


def test_window_contains() -> None:
    window = S1.window
    assert date(2020, 12, 15) in window
    assert date(2021, 6, 14) in window
    assert datetime(2021, 6, 14, 23, 59) in window
    assert date(2020, 12, 14) not in window
    assert date(2021, 6, 15) not in window
    assert "2021-01-01" not in window
    assert str(window) == "15/12/2020–14/6/2021"


def test_window_rejects_bad_bounds() -> None:
    with pytest.raises(PeriodError):
        ReportingWindow(date(2021, 6, 14), date(2021, 6, 13))
    with pytest.raises(PeriodError):
        ReportingWindow("2021-01-01", date(2021, 6, 13))  # type: ignore[arg-type]
    assert ReportingWindow(date(2021, 6, 14), date(2021, 6, 14)).days == 1


def test_seed_note_falls_after_the_cutoff() -> None:
    # "Theo KH cuối tháng 6": an end-of-June inspection is outside the 6-month window.
    assert date(2021, 6, 30) not in S1.window
    assert date(2021, 6, 30) in Y.window


# -- the regime: own reports, containment, report dates ----------------------------------------


def test_has_own_report_and_reported_as() -> None:
    own = {p.id: p.has_own_report for p in ALL_2021}
    assert own == {
        "2021Q1": True,
        "2021Q2": False,
        "2021S1": True,
        "2021Q3": True,
        "2021Q4": False,
        "2021S2": False,
        "2021": True,
    }
    assert Q2.reported_as == S1
    assert Q4.reported_as == Y
    assert S2.reported_as == Y
    for p in (Q1, S1, Q3, Y):
        assert p.reported_as is p
    for p in ALL_2021:
        assert p.reported_as.has_own_report
        assert p.reported_as.contains(p)
        assert p.reported_as.deadline == p.deadline


def test_contains() -> None:
    assert S1.contains(Q1)
    assert S1.contains(Q2)
    assert not S1.contains(Q3)
    assert S2.contains(Q3)
    assert S2.contains(Q4)
    assert not S2.contains(S1)
    for p in ALL_2021:
        assert Y.contains(p)
        assert p.contains(p)
    assert not Q1.contains(S1)
    assert not Y.contains(Period.quarter(2022, 1))
    assert not Period.annual(2022).contains(Y)


def test_overlaps() -> None:
    assert S1.overlaps(Q1)
    assert Q1.overlaps(S1)
    assert not Q1.overlaps(Q2)
    assert not S1.overlaps(S2)
    assert not S1.overlaps(Q3)
    assert Y.overlaps(Q4)
    assert not Y.overlaps(Period.annual(2022))
    assert not Y.overlaps(Period.quarter(2022, 1))
    assert not Period.quarter(2020, 4).overlaps(Q1)


def test_contains_rejects_non_period() -> None:
    with pytest.raises(PeriodError):
        Y.contains("2021Q1")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2021, 3, 1), Q1),
        (date(2021, 3, 31), Q1),
        (date(2021, 6, 18), S1),
        (date(2021, 9, 20), Q3),
        (date(2021, 12, 14), Y),
        (datetime(2021, 6, 1, 9, 30), S1),
    ],
)
def test_for_report_date(day: date, expected: Period) -> None:
    assert Period.for_report_date(day) == expected
    assert Period.for_report_month(day.year, day.month) == expected


@pytest.mark.parametrize("month", [1, 2, 4, 5, 7, 8, 10, 11])
def test_for_report_date_rejects_other_months(month: int) -> None:
    with pytest.raises(PeriodError, match=f"month {month}/2021"):
        Period.for_report_date(date(2021, month, 10))


def test_for_report_month_rejects_bad_input() -> None:
    for month in (0, 13, True):
        with pytest.raises(PeriodError):
            Period.for_report_month(2021, month)
    with pytest.raises(PeriodError):
        Period.for_report_month(1800, 6)
    with pytest.raises(PeriodError):
        Period.for_report_date("2021-06-01")  # type: ignore[arg-type]


# -- ordering, hashing, immutability ---------------------------------------------------------


def test_sorted_year() -> None:
    shuffled = [Y, S2, Q3, Q1, S1, Q4, Q2]
    assert sorted(shuffled) == ALL_2021
    assert Q1 < S1 < Q3 < Y
    assert Q2 < S1
    assert Q4 < S2 < Y
    assert Period.quarter(2022, 1) > Y
    assert Period.annual(2020) < Q1
    assert max(ALL_2021) == Y
    assert min(ALL_2021) == Q1


def test_ordering_operators() -> None:
    first, same = Q1, Period.quarter(2021, 1)
    assert first <= same
    assert first >= same
    assert not first < same
    assert not first > same
    assert S1 > Q2
    assert S1 >= Q1
    with pytest.raises(TypeError):
        _ = Q1 < "2021Q2"  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = Q1 >= 2021  # type: ignore[operator]


def test_equality_and_hash() -> None:
    assert Period.parse("2021S1") == Period.from_text("6 tháng đầu năm 2021")
    assert hash(Period.parse("2021S1")) == hash(S1)
    assert len(set(ALL_2021) | {Period.parse(p.id) for p in ALL_2021}) == 7
    assert {S1: "x"}[Period.half(2021, 1)] == "x"
    text: object = "2021S1"
    assert text != S1
    assert Period.quarter(2022, 1) != Q1


def test_immutable() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        S1.year = 2022  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        S1.window.start = date(2021, 1, 1)  # type: ignore[misc]
    with pytest.raises((AttributeError, TypeError)):
        S1.extra = 1  # type: ignore[attr-defined]


def test_pickle_and_copy() -> None:
    for p in ALL_2021:
        assert pickle.loads(pickle.dumps(p)) == p
        assert copy.deepcopy(p) == p


# -- properties ------------------------------------------------------------------------------


@given(periods())
def test_parse_and_label_round_trip(period: Period) -> None:
    assert Period.parse(period.id) == period
    assert Period.parse(period.id.lower()) == period
    assert Period.from_text(period.id) == period
    assert Period.from_text(period.label()) == period
    assert Period.from_text(period.label().upper()) == period
    assert Period.from_text(unicodedata.normalize("NFD", period.label())) == period


@given(st.integers(1990, 2100))
def test_quarters_tile_the_year(year: int) -> None:
    quarters = [Period.quarter(year, n).window for n in (1, 2, 3, 4)]
    whole = Period.annual(year).window
    assert quarters[0].start == whole.start
    assert quarters[-1].end == whole.end
    for earlier, later in itertools.pairwise(quarters):
        assert later.start == earlier.end + timedelta(days=1)
    assert sum(w.days for w in quarters) == whole.days
    halves = [Period.half(year, n).window for n in (1, 2)]
    assert halves[0].start == whole.start
    assert halves[1].start == halves[0].end + timedelta(days=1)
    assert halves[1].end == whole.end


@given(periods(), periods())
def test_order_is_consistent(a: Period, b: Period) -> None:
    assert (a < b) + (a == b) + (a > b) == 1
    assert (a <= b) == (a < b or a == b)
    if a.contains(b):
        assert a.overlaps(b)
        assert b <= a


@given(periods(), st.dates(date(1989, 12, 15), date(2100, 12, 14)))
def test_window_membership_matches_bounds(period: Period, day: date) -> None:
    window = period.window
    assert (day in window) == (window.start <= day <= window.end)
    assert period.deadline.month == window.end.month
