"""Results are plain data: they pickle (a process pool can return them) and compare equal."""

from __future__ import annotations

import pickle
from decimal import Decimal

import cchc
from cchc.rules import CheckResult, RuleFinding, RuleSummary


def _round_trip(value: object) -> object:
    return pickle.loads(pickle.dumps(value))


def test_pickle_check_result() -> None:
    result = cchc.check(cchc.example_report())
    restored = _round_trip(result)
    assert isinstance(restored, CheckResult)
    assert restored == result
    assert restored.findings == result.findings
    assert restored.all == result.all
    assert restored.counts == result.counts
    assert restored.summary() == result.summary()
    assert repr(restored) == repr(result)


def test_pickle_check_result_before_any_finding_is_asked_for() -> None:
    # The program that explains findings is not pickled: the findings travel instead.
    restored = _round_trip(cchc.check(cchc.example_report(), max_points={"7.1.5": 10}))
    fresh = cchc.check(cchc.example_report(), max_points={"7.1.5": Decimal(10)})
    assert restored == fresh
    assert restored.findings == fresh.findings
    assert restored.by_rule() == fresh.by_rule()
    assert restored.has_errors is fresh.has_errors


def test_pickle_check_result_of_a_rule_selection() -> None:
    mine = cchc.rules.rule("my-1", "{7.2.5.1} >= 1000", severity="warning")
    result = cchc.check(cchc.example_report(), rules=["R1", "F1", mine], all_results=True)
    restored = _round_trip(result)
    assert restored == result
    assert restored.all == result.all


def test_pickle_rule_finding_and_rule_summary() -> None:
    result = cchc.check(cchc.example_report())
    findings = [f for f in result.all if isinstance(f, RuleFinding)]
    assert findings
    assert _round_trip(findings) == findings
    summaries = dict(result.by_rule())
    assert all(isinstance(s, RuleSummary) for s in summaries.values())
    assert _round_trip(summaries) == summaries


def test_results_of_different_reports_differ() -> None:
    report = cchc.example_report()
    other = report.evolve(entries={**report.entries, "1.1.2": 1_000})
    assert cchc.check(report) != cchc.check(other)
