"""Laws of aggregation across reporters (rules.md A1, A2), checked on drawn reports.

* The order of the reports does not matter.
* Aggregating in two steps (groups first, then the groups) equals aggregating at
  once, for counts, coded answers, coverage, contributors and ratios of counts.
* The sum of a count is the sum over the reporters that reported it and for whom
  the row applies; coverage counts them and contributors name them.

The strategies here are small and local on purpose: they draw only what the laws
need (a few count and coded rows, blanks, zeros and *not applicable* cells).
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import cchc

FORM = cchc.load_form("phu-luc-2b@2021")
PERIOD = cchc.Period.parse("2021S1")
PROVINCE = cchc.Reporter("Tỉnh X", kind="province")

# Rows for every kind, district-only (1.2.2, 3.1.3.b), department-only (4.1.1) and a
# row central agencies skip (4.2.1); a ratio's rows (1.1.2 / 1.1.1); two coded rows.
COUNTS = ("1.1.1", "1.1.2", "1.2.2", "2.1", "3.1.3.b", "4.1.1", "4.2.1")
CODED = ("1.4.2", "5.3.1")
KINDS = ("department", "district", "central")


def cells(code: str) -> st.SearchStrategy[cchc.Entry | None]:
    legend = FORM[code].codes
    values = st.sampled_from(legend.values) if legend is not None else st.integers(0, 10_000)
    return st.one_of(
        st.none(),
        values.map(lambda v: cchc.Entry(value=v)),
        st.just(cchc.Entry(status=cchc.Status.NOT_APPLICABLE)),
        st.just(cchc.Entry(status=cchc.Status.NOT_YET_DONE)),
    )


@st.composite
def unit_reports(draw: st.DrawFn, index: int) -> cchc.Report:
    kind = draw(st.sampled_from(KINDS))
    reporter = cchc.Reporter(f"Đơn vị {index:02d}", kind=kind)
    entries: dict[str, cchc.Entry] = {}
    for code in (*COUNTS, *CODED):
        entry = draw(cells(code))
        if entry is not None:
            entries[code] = entry
    return cchc.Report(form=FORM, reporter=reporter, period=PERIOD, entries=entries)


@st.composite
def report_lists(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 7) -> list[cchc.Report]:
    size = draw(st.integers(min_size, max_size))
    return [draw(unit_reports(index)) for index in range(size)]


@st.composite
def partitions(draw: st.DrawFn) -> tuple[list[cchc.Report], list[list[cchc.Report]]]:
    reports = draw(report_lists(min_size=2))
    count = draw(st.integers(1, len(reports)))
    # the first `count` reports open the groups so that none is empty
    labels = list(range(count)) + [
        draw(st.integers(0, count - 1)) for _ in range(len(reports) - count)
    ]
    groups: list[list[cchc.Report]] = [[] for _ in range(count)]
    for report, label in zip(reports, draw(st.permutations(labels)), strict=True):
        groups[label].append(report)
    return reports, groups


def ratio_values(report: cchc.Report) -> list[tuple[str, Fraction | None]]:
    """Every declared ratio of a report, exactly (1.1.2 / 1.1.1 among them)."""
    return [(r.id, r.exact) for r in cchc.ratios(report)]


def exact_ratio(reports: list[cchc.Report]) -> Fraction | None:
    """1.1.2 / 1.1.1 × 100 from the units' own counts, by hand (both rows apply to all)."""
    done = [v for r in reports if isinstance(v := r.value("1.1.2"), int)]
    planned = [v for r in reports if isinstance(v := r.value("1.1.1"), int)]
    if not done or not planned or sum(planned) == 0:
        return None
    return Fraction(100 * sum(done), sum(planned))


@given(st.data())
def test_order_of_reports_does_not_matter(data: st.DataObject) -> None:
    reports = data.draw(report_lists())
    shuffled = data.draw(st.permutations(reports))
    assert cchc.aggregate(shuffled, reporter=PROVINCE) == cchc.aggregate(reports, reporter=PROVINCE)


@given(partitions())
def test_two_steps_equal_one(split: tuple[list[cchc.Report], list[list[cchc.Report]]]) -> None:
    reports, groups = split
    at_once = cchc.aggregate(reports, reporter=PROVINCE)
    steps = [
        cchc.aggregate(group, reporter=cchc.Reporter(f"Nhóm {n}", kind="province"))
        for n, group in enumerate(groups)
    ]
    in_two = cchc.aggregate(steps, reporter=PROVINCE)
    for code in (*COUNTS, *CODED):
        assert in_two[code] == at_once[code], code
    assert ratio_values(in_two) == ratio_values(at_once)
    assert cchc.ratios(at_once)["plan-tasks-done"].exact == exact_ratio(reports)


@given(report_lists())
def test_sum_is_over_the_reporters_that_reported(reports: list[cchc.Report]) -> None:
    total = cchc.aggregate(reports, reporter=PROVINCE)
    for code in COUNTS:
        applicable = [
            r
            for r in reports
            if r.applies(code) and r[code].status is not cchc.Status.NOT_APPLICABLE
        ]
        reported = [r for r in applicable if r[code].has_value]
        entry = total[code]
        values = [r.value(code) for r in reported]
        assert entry.value == (sum(v for v in values if isinstance(v, int)) if reported else None)
        assert entry.contributors == tuple(sorted(r.reporter.key for r in reported))
        if applicable:
            assert entry.coverage == cchc.values.Coverage(len(reported), len(applicable))
        else:
            assert entry.status is cchc.Status.NOT_APPLICABLE
            assert entry.coverage == cchc.values.Coverage(0, 0)


@given(report_lists())
def test_distribution_counts_each_answer(reports: list[cchc.Report]) -> None:
    total = cchc.aggregate(reports, reporter=PROVINCE)
    for code in CODED:
        answers = [r.value(code) for r in reports if r.applies(code) and r[code].has_value]
        distribution = total[code].distribution
        assert total[code].value is None
        assert sum((distribution or {}).values()) == len(answers)
        for answer, count in (distribution or {}).items():
            assert answers.count(answer) == count


@given(st.data())
def test_missing_reporters_lower_coverage_not_the_value(data: st.DataObject) -> None:
    reports = data.draw(report_lists())
    absent = data.draw(st.lists(st.sampled_from(KINDS), max_size=3))
    expected: list[cchc.Reporter | str] = [r.reporter for r in reports]
    expected += [cchc.Reporter(f"Vắng {n}", kind=kind) for n, kind in enumerate(absent)]
    everyone = cchc.aggregate(reports, reporter=PROVINCE, expected=expected)
    present = cchc.aggregate(reports, reporter=PROVINCE)
    for code in COUNTS:
        assert everyone[code].value == present[code].value
        more = sum(FORM[code].applies_to(cchc.model.ReporterKind(kind)) for kind in absent)
        before, after = present[code].coverage, everyone[code].coverage
        assert before is not None
        assert after is not None
        assert after == cchc.values.Coverage(before.reported, before.expected + more)
