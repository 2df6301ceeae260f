"""How the plan reads a form's rules: which shapes it constructs, and what it says
about the rest.

Each case is a small form with a few count rows, one percentage and one coded
row, and the rules given; the law: every error rule the plan reports as
constructed passes on every drawn report, and the rules it does not construct
are named with a reason.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc
from cchc import strategies as cst
from cchc.findings import Severity
from cchc.forms.loader import form_from_data


def small_form(*rules: dict[str, Any]) -> cchc.Form:
    """Rows 1.1–1.4 (counts), 1.5 (a percentage), 1.6 (coded), and *rules*."""
    rows: list[dict[str, Any]] = [{"code": "1", "name": "Mục", "kind": "section"}]
    rows += [
        {"code": f"1.{n}", "name": f"Chỉ tiêu {n}", "kind": "value", "unit": "Hồ sơ"}
        for n in range(1, 5)
    ]
    rows.append({"code": "1.5", "name": "Tỷ lệ", "kind": "value", "unit": "%"})
    rows.append({"code": "1.6", "name": "Có", "kind": "coded", "codes": "Không = 0; Có = 1"})
    numbered = [{"id": f"X{n}", **r} for n, r in enumerate(rules, start=1)]
    return form_from_data(
        {"id": "nho", "title": "Nhỏ", "indicator": rows, "rule": numbered}, source="<test>"
    )


CONSTRUCTED = {
    "flipped bound": [{"test": "{1.2} >= {1.1}"}],
    "two bounds on one row": [{"test": "{1.1} <= {1.2}"}, {"test": "{1.1} <= {1.3}"}],
    "a chain": [{"test": "{1.1} <= {1.2} <= {1.3}"}],
    "a bound with a constant": [{"test": "{1.1} <= 10"}, {"test": "{1.5} <= 50"}],
    "a difference": [{"test": "{1.1} <= {1.2} - {1.3}"}],
    "a total with a constant": [{"test": "{1.1} == {1.2} + 3"}],
    "the first branch that can be built": [{"test": "blank({1.1}) or {1.1} <= {1.2}"}],
    "codes in the legend": [{"test": "{1.6} in [0, 1]"}],
    "a condition made always true": [{"when": "{1.6} == 1", "test": "{1.2} <= {1.1}"}],
    "a zero when": [{"when": "{1.1} == 0", "test": "{1.2} == 0 and coalesce({1.3}, 0) == 0"}],
    "extremes": [{"test": "min({1.1}, {1.2}) >= 0 and max({1.3}, {1.4}) <= 7"}],
    "a rate over a sum": [
        {"test": "{1.1} <= {1.2}"},
        {"test": "agrees({1.5}, {1.1} * 100 / ({1.2} + {1.3}))"},
    ],
    "a warning left to chance": [{"test": "{1.1} != {1.2}", "severity": "warning"}],
}

UNCONSTRUCTED = {
    "a product": ({"test": "{1.1} * {1.2} <= 5"}, "not a sum of rows"),
    "strictly less": ({"test": "{1.1} < {1.2}"}, "'<' is not constructed"),
    "mixed units": ({"test": "{1.1} <= {1.5}"}, "different units"),
    "a row above a constant": ({"test": "{1.1} >= 5"}, "above a positive constant"),
    "a circle": ({"test": "{1.1} == {1.2} + {1.1}"}, "already drawn"),
    "a rate of a count": ({"test": "agrees({1.1}, {1.2} / {1.3} * 100)"}, "not a percentage"),
    "no branch": ({"test": "{1.1} < 1 or {1.2} * 2 <= 3"}, "; "),
}


def error_failures(report: cchc.Report) -> list[str]:
    return [
        f.rule
        for f in cchc.check(report)
        if f.is_problem and f.severity is Severity.ERROR and not f.rule.startswith("F")
    ]


@pytest.mark.parametrize("case", CONSTRUCTED)
def test_shapes_the_plan_constructs(case: str) -> None:
    """Every error rule of these shapes is constructed, and drawn reports pass it."""
    form = small_form(*CONSTRUCTED[case])
    assert cst.unconstructed_rules(form=form) == ()

    @settings(max_examples=40, database=None)
    @given(cst.reports(form=form))
    def law(report: cchc.Report) -> None:
        assert error_failures(report) == []

    law()


@pytest.mark.parametrize("case", UNCONSTRUCTED)
def test_shapes_the_plan_names_with_a_reason(case: str) -> None:
    """A rule outside the plan is named once, with why."""
    rule, reason = UNCONSTRUCTED[case]
    gaps = cst.unconstructed_rules(form=small_form(rule))
    assert [rule_id for rule_id, _ in gaps] == ["X1"]
    assert reason in gaps[0][1]


def test_a_drawn_form_round_trips_its_rules_through_violating() -> None:
    """For a drawn form, every violable rule can be asked for (argument checks pass)."""

    @settings(max_examples=10, database=None)
    @given(cst.forms(max_sections=2), st.data())
    def law(form: cchc.Form, data: st.DataObject) -> None:
        ids = cst.violable_rules(form=form)
        assert {r.id for r in form.rules} <= set(ids)
        violation = data.draw(cst.violating(data.draw(st.sampled_from(ids)), form=form))
        assert violation.changed

    law()
