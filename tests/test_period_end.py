"""One "period's end" for the register and the form versions (review 1, H5)."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

import cchc
from cchc.periods import Period
from cchc.register import ReportingUnit

RANGE = Period.parse("2021-07-21..2021-08-20")
FORM = cchc.load_form("phu-luc-2b@2021")

periods = st.one_of(
    st.builds(Period.quarter, st.integers(2019, 2027), st.integers(1, 4)),
    st.builds(Period.half, st.integers(2019, 2027), st.integers(1, 2)),
    st.builds(Period.month, st.integers(2019, 2027), st.integers(1, 12)),
    st.builds(
        lambda start, days: Period.parse(f"{start}..{start + timedelta(days=days)}"),
        st.dates(date(2019, 1, 1), date(2027, 12, 1)),
        st.integers(0, 200),
    ),
)


def test_a_date_range_ends_on_its_last_day() -> None:
    assert RANGE.end == date(2021, 8, 20)
    later = ReportingUnit("x", "UBND xã X", "commune", valid_from=date(2021, 8, 25))
    assert not later.expected_in(RANGE)
    assert later.expected_in("2021M08")  # the month of August ends on 31/8


@given(periods, st.dates(date(2019, 1, 1), date(2028, 1, 1)))
def test_the_register_and_the_form_versions_agree_on_the_end(period: Period, day: date) -> None:
    unit = ReportingUnit("x", "Sở X", "department", valid_until=day)
    version = attrs.evolve(FORM, valid_from=None, valid_until=day)
    assert unit.expected_in(period) == version.in_force(period) == (period.end <= day)
    assert period.window.start <= period.end
