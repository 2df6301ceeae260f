"""``cchc.check`` and ``cchc.ratios`` never raise, whatever a report holds.

A failing rule is a finding, never an exception (architecture, principle 4).  The
reports here are anything ``cchc.Report`` accepts: negative and huge counts, codes
outside their legend, percentages far outside 0..100 with many decimals, values on
header rows and on rows that do not apply to the reporter, statuses anywhere,
communes, periods without a report of their own.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

import cchc

FORM = cchc.load_form("phu-luc-2b@2021")
# What a report can hold: no control character, no lone surrogate (docs/limits.md).
WRITABLE = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff")
CODES = FORM.codes

numbers = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9),
)


def wild_value(code: str) -> st.SearchStrategy[int | Decimal]:
    row = FORM[code]
    if row.is_count or row.codes is not None:
        return st.integers(min_value=-(10**12), max_value=10**12)
    return numbers


@st.composite
def wild_entries(draw: st.DrawFn) -> tuple[str, cchc.Entry]:
    code = draw(st.sampled_from(CODES))
    status = draw(st.none() | st.sampled_from(cchc.Status))
    note = draw(st.none() | st.text(WRITABLE, max_size=20))
    if status is not None or draw(st.booleans()):
        return code, cchc.Entry(status=status, note=note)
    return code, cchc.Entry(value=draw(wild_value(code)), note=note)


@st.composite
def wild_reports(draw: st.DrawFn) -> cchc.Report:
    kind = draw(st.sampled_from(cchc.model.ReporterKind))
    name = draw(st.sampled_from(["Sở Xây dựng", "UBND huyện A", "Cục Thuế tỉnh", "X"]))
    year = draw(st.integers(min_value=1990, max_value=2100))
    period = draw(st.sampled_from(["Q1", "Q2", "Q3", "Q4", "S1", "S2", ""]))
    pairs = draw(st.lists(wild_entries(), max_size=40))
    return cchc.Report(
        form=FORM,
        reporter=cchc.Reporter(name, kind),
        period=f"{year}{period}",
        entries=dict(pairs),
    )


POLICIES = st.sampled_from([None, {"autonomy": "cumulative"}, {"online-levels": "separate"}])
POINTS: st.SearchStrategy[dict[str, int | Decimal] | None] = st.none() | st.just(
    {"7.1.1": 10, "7.1.5": Decimal("2.5")}
)


@given(wild_reports(), POLICIES, POINTS)
def test_check_never_raises(
    report: cchc.Report, options: dict[str, str] | None, points: dict[str, int | Decimal] | None
) -> None:
    """``check`` returns findings for any report, policy and maximum points."""
    result = cchc.check(report, options=options, max_points=points)
    for finding in result:
        assert finding.rule
        assert finding.message
    # The full explanation of every rule, passes and skips included, is computed too.
    assert len(cchc.check(report, options=options, all_results=True).all) >= len(list(result))


@given(wild_reports(), POINTS)
def test_ratios_never_raise(report: cchc.Report, points: dict[str, int | Decimal] | None) -> None:
    """``ratios`` gives a value or a reason for every ratio of any report."""
    for ratio in cchc.ratios(report, max_points=points):
        assert (ratio.exact is None) == (ratio.value is None)
        assert ratio.exact is not None or ratio.reason
