"""Compiled rules are cached by the form, per applicability profile, never per reporter name.

These tests look at the cache itself, a private mechanism: that is the point of them.
"""

# ruff: noqa: SLF001

from __future__ import annotations

import pickle

import cchc
from cchc.reports import Reporter
from cchc.rules import RuleSet
from cchc.rules._ruleset import _resolve

DEPARTMENT = cchc.model.ReporterKind.DEPARTMENT


def test_departments_the_form_does_not_name_share_one_program() -> None:
    rules = RuleSet.for_form(cchc.load_form("phu-luc-2b@2021"))
    home = rules._program(Reporter("Sở Nội vụ", DEPARTMENT))
    justice = rules._program(Reporter("Sở Tư pháp", DEPARTMENT))
    environment = rules._program(Reporter("Sở Tài nguyên và Môi trường", DEPARTMENT))
    assert home is justice
    # 3.4.4 is for Sở Tài nguyên và Môi trường: its rows, hence its program, differ.
    assert environment is not home
    assert environment.source != home.source
    district = rules._program(Reporter("UBND huyện A", cchc.model.ReporterKind.DISTRICT))
    assert district is rules._program(Reporter("UBND huyện B", cchc.model.ReporterKind.DISTRICT))


def test_the_programs_follow_the_reporter_not_its_name() -> None:
    report = cchc.example_report()
    renamed = report.evolve(reporter=Reporter("Sở Tư pháp", DEPARTMENT))
    first, second = cchc.check(report), cchc.check(renamed)
    assert first.counts == second.counts
    assert [f.rule for f in first.findings] == [f.rule for f in second.findings]


def test_a_rule_selection_is_made_once_per_form_and_policy() -> None:
    form = cchc.load_form("phu-luc-2b@2021")
    mine = cchc.rules.rule("my-1", "{7.2.5.1} >= 1000")
    selected = _resolve(form, None, ["R1", "F1", mine])
    assert _resolve(form, None, ["R1", "F1", mine]) is selected
    assert _resolve(form, {"autonomy": "cumulative"}, ["R1", "F1", mine]) is not selected
    assert RuleSet.for_form(form) is RuleSet.for_form(form, {})


def test_a_rule_set_under_options_is_made_once_per_policy() -> None:
    report = cchc.example_report()
    mine = RuleSet.for_form(report.form).select("R1", "R24")
    options = {"autonomy": "cumulative"}
    assert _resolve(report.form, options, mine) is _resolve(report.form, dict(options), mine)
    assert mine.with_policy(options) is not mine
    first = cchc.check(report, rules=mine, options=options)
    program = mine.with_policy(options)._program(report.reporter)
    again = cchc.check(report, rules=mine, options=options)
    assert mine.with_policy(options)._program(report.reporter) is program
    assert first.counts == again.counts


def test_a_copy_of_a_form_starts_with_an_empty_cache() -> None:
    form = cchc.load_form("phu-luc-2b@2021")
    cchc.check(cchc.example_report())
    copy = pickle.loads(pickle.dumps(form))
    assert copy == form
    assert RuleSet.for_form(copy) is not RuleSet.for_form(form)
    report = cchc.example_report()
    moved = report.evolve(form=copy)
    assert cchc.check(moved).counts == cchc.check(report).counts
