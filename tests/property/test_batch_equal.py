"""The batch engine (rules compiled to SQL, run on DuckDB) finds what cchc.check finds.

Reports are drawn valid and breaking each rule in turn, under both readings of
every option and with and without maximum points; the findings of
``check_many(engine="duckdb")`` must equal those of the per-report engine,
messages included (they are written by the same explainer, for the failures).
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc
from cchc import strategies as cst
from cchc import tables
from cchc.batch import ReportFinding, check_many

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

OPTIONS = [{}, {"autonomy": "cumulative", "online-levels": "separate"}]
POINTS = {"7.1.5": 10}


def _same(reports: list[cchc.Report], **kwargs: object) -> None:
    batch = check_many(reports, engine="duckdb", **kwargs)  # type: ignore[arg-type]
    single = check_many(reports, engine="python", **kwargs)  # type: ignore[arg-type]
    assert batch == single
    # The same reports as one long table in DuckDB (no Report objects built) give the
    # same rule findings; a table keeps no reading diagnostics, and a report without
    # entries has no row in it.
    keyed = [
        r.evolve(reporter=attrs.evolve(r.reporter, id=f"r{n}"), diagnostics=())
        for n, r in enumerate(reports)
        if r.entries
    ]
    if not keyed:
        return
    table = tables.to_arrow(cchc.records(keyed))

    def key(found: tuple[ReportFinding, ...]) -> list[tuple[object, ...]]:
        return sorted(
            (f.reporter.key, f.period.id, f.finding.rule, f.finding.indicators,
             f.finding.outcome.value, f.finding.message)
            for f in found
        )  # fmt: skip

    expected = check_many(keyed, engine="python", **kwargs)  # type: ignore[arg-type]
    assert key(check_many(table, **kwargs)) == key(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize("rule", cst.violable_rules())
@settings(max_examples=2)
@given(data=st.data())
def test_violations_found_alike(rule: str, data: st.DataObject) -> None:
    readings = [o for o in OPTIONS if rule in cst.violable_rules(options=o)]
    options = data.draw(st.sampled_from(readings))
    broken = data.draw(st.lists(cst.violating(rule, options=options), min_size=1, max_size=3))
    valid = data.draw(st.lists(cst.reports(), max_size=2))
    reports = [v.report for v in broken] + valid
    points = data.draw(st.sampled_from([None, POINTS]))
    _same(reports, options=options or None, max_points=points)
    # The broken rule is found by the batch engine too.
    found = {(f.report, f.finding.rule) for f in check_many(reports, options=options or None)}
    assert all((n, rule) in found for n in range(len(broken)))


@settings(max_examples=25)
@given(st.lists(cst.reports(), min_size=1, max_size=6), st.sampled_from(OPTIONS))
def test_valid_reports_alike(reports: list[cchc.Report], options: dict[str, str]) -> None:
    _same(reports, options=options or None)


@settings(max_examples=25)
@given(st.lists(st.from_type(cchc.Report), min_size=1, max_size=4))
def test_any_reports_alike(reports: list[cchc.Report]) -> None:
    _same(reports)
