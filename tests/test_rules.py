"""Rule checks: every rule of the catalogue catches a report built to break it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc
from cchc import Outcome, Severity
from cchc.errors import ExpressionError, UsageError
from cchc.rules import RuleSet, evaluate, rule_ids
from cchc.values import Entry, Status

E, W = Severity.ERROR, Severity.WARNING


def _seed_entries() -> dict[str, cchc.Entry]:
    return dict(cchc.example_report().entries)


def valid_entries() -> dict[str, Any]:
    """The seed's values with its defects repaired: a department's report that breaks no rule."""
    entries: dict[str, Any] = _seed_entries()
    for header in ("1.2", "4.3", "5.4", "7.1.6", "7.2.7"):  # F4, R19
        entries.pop(header, None)
    entries.pop("1.4.2")  # R6: no survey, no survey method
    entries["4.1.2"] = 1  # R15: the total is given
    entries["6.2"] = 0  # R24: the groups partition the one unit
    entries["7.1.6.2"] = 500  # R27: the shares have their base
    entries["7.1.6.2.b"] = Decimal(0)  # R26
    entries["3.2.3"] = 5  # R31: level 4 with online payment
    entries["7.2.3.4"] = 40  # R40: not a copy of 7.2.3.2
    return entries


def report(
    changes: dict[str, Any] | None = None,
    *,
    drop: tuple[str, ...] = (),
    kind: str = "department",
    name: str = "Sở Nội vụ",
    period: str = "2021S1",
    entries: dict[str, Any] | None = None,
) -> cchc.Report:
    values = valid_entries() if entries is None else dict(entries)
    for code in drop:
        values.pop(code, None)
    values.update(changes or {})
    return cchc.Report(
        form=cchc.load_form("phu-luc-2b@2021"),
        reporter=cchc.Reporter(name, kind=kind),
        period=period,
        entries=values,
    )


def failing(result: cchc.CheckResult) -> dict[str, set[Severity]]:
    found: dict[str, set[Severity]] = {}
    for finding in result.failures:
        found.setdefault(finding.rule, set()).add(finding.severity)
    return found


def test_the_repaired_seed_breaks_no_rule() -> None:
    result = cchc.check(report())
    assert result.failures == ()
    assert result.counts[Outcome.FAIL] == 0
    assert result.counts[Outcome.ERROR] == 0
    assert result.counts[Outcome.PASS] > 100
    assert result.ok


# Each case: rule id, expected severity, the change that breaks it, and check() keywords.
D = Decimal
VIOLATIONS: list[tuple[str, Severity, dict[str, Any], dict[str, Any]]] = [
    ("F1", E, {"7.2.6.2": D(101)}, {}),
    ("F1", E, {"3.4.1": D(-1)}, {}),
    ("F1.reduction", W, {"4.2.5": D(-5)}, {}),
    ("F2", E, {"2.1": -1}, {}),
    ("F3", E, {"1.5": 3}, {}),
    ("F4", W, {"5.4": 0}, {}),
    ("F4", W, {"1.2": Entry(status=Status.NOT_YET_DONE, raw="Chưa kiểm tra")}, {}),
    ("F6", W, {"3.4.2": D(90)}, {}),
    ("F10", E, {"7.1.5": D(12)}, {"max_points": {"7.1.5": 10}}),
    ("F10", E, {"7.1.1": D(-1)}, {}),
    ("R19", W, {"5.4": 1}, {}),
    ("R1", E, {"1.1.2": 50}, {}),
    ("R3", W, {"1.2": Entry(status=Status.NOT_YET_DONE), "1.2.1": 2}, {}),
    ("R4", E, {"1.2.3": 2, "1.2.4": 3}, {}),
    ("R5", E, {"1.3.2": 9, "1.3.3": 2}, {}),
    ("R6", W, {"1.4.2": 0}, {}),
    ("R7", E, {"2.5": 1}, {}),
    ("R7.source", W, {"2.4": 1}, {}),
    ("R8", E, {"3.1.3.a": 90}, {}),
    ("R9", E, {"3.2.1": 94}, {}),
    ("R9.publicity", W, {"3.2.1": 92}, {}),
    ("R10", E, {"3.2.2": 94}, {}),
    ("R11", W, {"3.2.3": 32}, {}),
    ("R12", W, {"3.3.1": 50, "3.3.2": 50}, {}),
    ("R13", W, {"3.3.3": D(90)}, {}),
    ("R14", W, {"7.2.3.2": 80}, {}),
    ("R15", E, {"4.1.2": 2}, {}),
    ("R16", E, {"4.2.2": 40}, {}),
    ("R17", E, {"4.2.4": 38}, {}),
    ("R18", E, {"4.3.2": 16}, {}),
    ("R18.cut", E, {"4.3.3": 15}, {}),
    ("R20", W, {"5.1.2": 2}, {}),
    ("R21", W, {"5.1.3": 5}, {}),
    ("R22", W, {"5.3.1": 1, "5.3.2": 0, "5.3.3": 0}, {}),
    ("R23", E, {"5.4.2": -1}, {}),
    ("R24", E, {"6.2": 1}, {}),
    ("R24", E, {}, {"options": {"autonomy": "cumulative"}}),  # 6.1 = 1 > 6.2 = 0
    ("R25", W, {"4.1.2.c": D(50), "6.5": 3}, {}),
    ("R26", E, {"7.1.6.2.b": D(10)}, {}),
    ("R28", E, {"7.1.7.1": D(120)}, {}),
    ("R29", E, {"7.1.8.2": 32}, {}),
    ("R29.total", E, {"3.2.2": 30, "3.2.3": 0}, {}),
    ("R29.total", E, {}, {"options": {"online-levels": "separate"}}),  # 31 ≠ 31 + 31
    ("R30", E, {"7.1.8.1": 94, "7.1.8.2": 0}, {}),
    ("R31", W, {"3.2.3": 0}, {}),
    ("R32", W, {"7.1.8.1": 0, "7.1.8.2": 0, "7.1.8.3": D(10)}, {}),
    ("R32.level4", W, {"7.1.8.2": 0, "7.1.8.4": D(5)}, {}),
    ("R32.share", W, {"7.1.8.3": D(10), "7.1.8.4": D(20)}, {}),
    ("R33", E, {"7.1.9.2": D(5)}, {}),
    ("R34", W, {"7.2.2.2": 2}, {}),
    ("R34.units", W, {"7.2.2.1": 3}, {}),
    ("R35", E, {"7.2.3.5": 50}, {}),
    ("R36", E, {"7.2.7.1": D(50), "7.2.7.2": D(60)}, {}),
    ("R37", W, {"7.2.7": Entry(status=Status.NOT_YET_DUE), "7.2.7.1": D(50)}, {}),
    ("R38", W, {"7.2.4.1": 0}, {}),
    ("R39", W, {"3.4.1": D(0)}, {}),
    ("R40", W, {"7.2.3.4": 93}, {}),
]


@pytest.mark.parametrize(
    ("rule", "severity", "changes", "keywords"),
    VIOLATIONS,
    ids=[f"{v[0]}-{i}" for i, v in enumerate(VIOLATIONS)],
)
def test_a_report_built_to_break_a_rule_is_caught_by_it(
    rule: str, severity: Severity, changes: dict[str, Any], keywords: dict[str, Any]
) -> None:
    result = cchc.check(report(changes), **keywords)
    caught = failing(result)
    assert rule in caught, f"{rule} not caught; failures: {sorted(caught)}"
    assert caught[rule] == {severity}
    finding = next(f for f in result.failures if f.rule == rule)
    assert finding.outcome is Outcome.FAIL
    assert finding.message and finding.message_en
    assert set(finding.indicators) & (set(changes) or set(finding.indicators))
    # The untouched report passes the same rule under the default policy.
    if not keywords.get("options"):
        assert rule not in failing(cchc.check(report(), **keywords))


def test_r27_a_rate_needs_its_denominator() -> None:
    assert failing(cchc.check(report(drop=("7.1.6.2",))))["R27"] == {W}


def test_r5_annual_remainder_is_a_warning_only_in_the_annual_report() -> None:
    assert "R5.annual" not in failing(cchc.check(report()))
    assert failing(cchc.check(report(period="2021")))["R5.annual"] == {W}


def test_f9_a_period_without_a_report_of_its_own() -> None:
    assert failing(cchc.check(report(period="2021Q2")))["F9"] == {W}
    assert "F9" not in failing(cchc.check(report(period="2021Q3")))


def test_f7_central_agencies_leave_sections_4_and_5_blank() -> None:
    entries = {c: e for c, e in valid_entries().items() if c.split(".")[0] not in ("4", "5")}
    entries.pop("7.2.2.1")  # R34.units names 4.1.2.a; keep the central report valid
    entries.pop("7.1.6.1.a")  # department-only
    clean = report(entries=entries, kind="central", name="Cục Thuế tỉnh")
    assert failing(cchc.check(clean)) == {}
    result = cchc.check(clean.with_value("4.2.1", 39))
    assert failing(result) == {"F7": {W}}
    # A department-only row outside sections 4–5 is F6, not F7.
    assert failing(cchc.check(clean.with_value("7.1.6.1.a", D(100)))) == {"F6": {W}}


def test_f6_follows_named_departments() -> None:
    # 3.4.4 is for the Sở Tài nguyên và Môi trường (and districts), not other departments.
    assert failing(cchc.check(report({"3.4.4": D(95)})))["F6"] == {W}
    natural = report({"3.4.4": D(95)}, name="Sở Tài nguyên – Môi trường")
    assert "F6" not in failing(cchc.check(natural))


def test_a_district_reports_its_own_rows() -> None:
    entries = valid_entries()
    for code in ("3.4.1", "4.1.1", "4.1.2.a", "5.3.2", "5.3.3", "7.1.6.1.a", "3.1.3.a"):
        entries.pop(code)
    entries.update({"3.1.3.b": 60, "3.1.3.c": 33, "4.1.2.b": 1, "3.4.2": D(98)})
    entries.pop("7.2.2.1")
    district = report(entries=entries, kind="district", name="UBND huyện A")
    result = cchc.check(district, all_results=True)
    assert failing(result) == {}
    r8 = [f for f in result.all if f.rule == "R8"]
    assert [(f.outcome, f.left, f.right) for f in r8] == [(Outcome.PASS, 93, 93)]
    assert [f.outcome for f in result.all if f.rule == "R34.units"] == [Outcome.NOT_APPLICABLE]


def test_r8_counts_levels_that_do_not_apply_as_zero_and_requires_the_total() -> None:
    result = cchc.check(report(drop=("3.1.3",)), all_results=True)
    (r8,) = [f for f in result.all if f.rule == "R8"]
    assert r8.outcome is Outcome.FAIL
    assert r8.missing == ("3.1.3",)
    assert "3.1.3" in r8.message_en
    (r8_all_blank,) = evaluate("R8", report(drop=("3.1.3", "3.1.3.a")))
    assert r8_all_blank.outcome is Outcome.SKIPPED


def test_r24_under_both_readings() -> None:
    seedlike = report({"6.2": 1})  # 6.1 = 1, 6.2 = 1, 6.4 = 0, one unit
    assert failing(cchc.check(seedlike))["R24"] == {E}
    assert "R24" not in failing(cchc.check(seedlike, options={"autonomy": "cumulative"}))
    (exclusive, cumulative) = evaluate("R24", seedlike)
    assert exclusive.outcome is Outcome.FAIL
    assert cumulative.outcome is Outcome.NOT_APPLICABLE
    assert "autonomy = exclusive" in cumulative.message_en


def test_policy_object_and_unknown_options() -> None:
    policy = cchc.rules.Policy({"online_levels": "separate"})
    assert policy.get("online-levels") == "separate"
    assert "R29.total" in failing(cchc.check(report(), options=policy))
    with pytest.raises(UsageError, match="unknown option 'speed'"):
        cchc.check(report(), options={"speed": "fast"})
    with pytest.raises(UsageError, match="takes 'inside', 'separate', not 'both'"):
        cchc.check(report(), options={"online-levels": "both"})


# -- missing-value policies --------------------------------------------------------------------


def _one(test: str, missing: str, values: dict[str, Any], when: str | None = None) -> Any:
    declaration = cchc.rules.rule("X", test, missing=missing, when=when)
    result = cchc.check(report(values, entries={}), rules=[declaration], all_results=True)
    (finding,) = [f for f in result.all if f.rule == "X"]
    return finding


@pytest.mark.parametrize(
    ("missing", "values", "outcome"),
    [
        ("skip-if-any", {"1.3.1": 10}, Outcome.SKIPPED),
        ("skip-if-any", {"1.3.1": 10, "1.3.2": 6, "1.3.3": 0}, Outcome.PASS),
        ("skip-if-all", {}, Outcome.SKIPPED),
        ("skip-if-all", {"1.3.1": 10, "1.3.2": 6}, Outcome.PASS),  # 1.3.3 counts as 0
        ("skip-if-all", {"1.3.1": 5, "1.3.2": 6}, Outcome.FAIL),
        ("zero", {}, Outcome.PASS),  # 0 + 0 ≤ 0
        ("zero", {"1.3.2": 1}, Outcome.FAIL),
        ("fail", {"1.3.1": 10, "1.3.2": 6}, Outcome.FAIL),
        ("fail", {}, Outcome.SKIPPED),  # nothing reported at all
    ],
)
def test_missing_value_policies(missing: str, values: dict[str, Any], outcome: Outcome) -> None:
    finding = _one("{1.3.2} + {1.3.3} <= {1.3.1}", missing, values)
    assert finding.outcome is outcome
    assert finding.missing_policy is cchc.model.MissingPolicy(missing)
    blank = {"1.3.1", "1.3.2", "1.3.3"} - set(values)
    if outcome is Outcome.SKIPPED or missing in ("skip-if-all", "fail"):
        assert set(finding.missing) == blank


def test_when_false_is_not_applicable_and_when_blank_is_skipped() -> None:
    assert _one("{3.2.3} > 0", "skip-if-any", {"7.1.8.2": 0}, when="{7.1.8.2} > 0").outcome is (
        Outcome.NOT_APPLICABLE
    )
    skipped = _one("{3.2.3} > 0", "skip-if-any", {}, when="{7.1.8.2} > 0")
    assert skipped.outcome is Outcome.SKIPPED
    assert skipped.missing == ("7.1.8.2",)


def test_findings_show_the_arithmetic() -> None:
    (r5,) = evaluate("R5", report({"1.3.2": 7, "1.3.3": 5}))
    assert r5.outcome is Outcome.FAIL
    assert r5.message_en.endswith(": 1.3.2 + 1.3.3 is 12 (7 + 5), more than 1.3.1 (10)")
    assert r5.message.endswith(": 1.3.2 + 1.3.3 là 12 (7 + 5), lớn hơn 1.3.1 (10)")
    assert r5.expression == "1.3.2 + 1.3.3 ≤ 1.3.1"
    assert r5.working == "7 + 5 = 12 > 10"
    assert (r5.left, r5.operator, r5.right, r5.imbalance) == (12, "<=", 10, 2)
    (passing,) = evaluate("R5", report())
    assert passing.message_en.endswith("passed (1.3.2 + 1.3.3 is 6 (6 + 0), at most 1.3.1 (10))")
    assert passing.working == "6 + 0 = 6 ≤ 10"
    (r26,) = evaluate("R26", report({"7.1.6.2.b": D("10.5")}))
    assert "cộng lại là 110,5%, vượt 100%" in r26.message
    assert r26.working == "100 + 10,5 = 110,5 > 100"
    assert r26.imbalance == D("10.5")


def test_an_unevaluable_rule_is_an_error_finding_and_the_run_goes_on() -> None:
    form = cchc.load_form("phu-luc-2b@2021")
    broken = cchc.model.RuleDeclaration(id="B1", test="{1.1.2} <=")  # built by hand, never parsed
    dividing = cchc.rules.rule("B2", "{1.1.2} / ({1.1.1} - 49) > 0")  # zero denominator: no value
    ruleset = RuleSet.from_declarations(
        form, [broken, dividing, cchc.rules.rule("B3", "{1.1.1} > 0")]
    )
    result = ruleset.check(report(), all_results=True)
    outcomes = {f.rule: f.outcome for f in result.all if not f.is_reading}
    assert outcomes == {"B1": Outcome.ERROR, "B2": Outcome.SKIPPED, "B3": Outcome.PASS}
    assert [f.rule for f in result.failures] == ["B1"]
    assert result.counts[Outcome.ERROR] == 1


def test_an_exception_inside_a_rule_is_an_error_finding() -> None:
    form = cchc.load_form("phu-luc-2b@2021")
    huge = D("1e999999999999999999")  # squaring it overflows even unlimited precision
    overflow = RuleSet.from_declarations(form, [cchc.rules.rule("Y", "{3.3.3} * {3.3.3} > 0")])
    result = overflow.check(report({"3.3.3": huge}))
    assert [f.outcome for f in result.failures] == [Outcome.ERROR]
    assert "cannot be evaluated" in result.failures[0].message_en


# -- the Python API ----------------------------------------------------------------------------


def test_rule_ids_and_evaluate_one_rule() -> None:
    ids = rule_ids()
    assert ids[0] == "R1"
    assert {"F1", "F2", "F3", "F4", "F9", "F10", "R19", "R24", "R40"} <= set(ids)
    assert "R2" not in ids and "F8" not in ids  # not checks: see docs/rules.md
    findings = evaluate("F1", cchc.example_report())
    assert len(findings) == 29  # every % row, 7.1.4 included (its unit is missing in the seed)
    assert {f.outcome for f in findings} == {Outcome.PASS, Outcome.SKIPPED}
    assert "F6" in ids and "F7" in ids
    with pytest.raises(UsageError, match="unknown rule 'R99'"):
        evaluate("R99", cchc.example_report())


def test_rules_selects_and_adds() -> None:
    result = cchc.check(cchc.example_report(), rules=["R26", "F1"], all_results=True)
    assert {f.rule for f in result.all if not f.is_reading} == {"R26", "F1"}
    mine = cchc.rules.rule("mine", "{7.2.5.1} < 1000", severity="warning", title="Ít hồ sơ")
    result = cchc.check(cchc.example_report(), rules=[mine])
    assert [f.rule for f in result if not f.is_reading] == ["mine"]
    with pytest.raises(UsageError, match="unknown rule 'R0'"):
        cchc.check(cchc.example_report(), rules=["R0"])
    with pytest.raises(UsageError):
        cchc.check(cchc.example_report(), rules=[1])  # type: ignore[list-item]


def test_rule_declaration_errors() -> None:
    with pytest.raises(ExpressionError, match="unknown indicator code"):
        cchc.rules.rule("x", "{9.9.9} > 0", form=cchc.load_form("phu-luc-2b@2021"))
    with pytest.raises(UsageError):
        cchc.rules.rule("x", "{1} > 0", severity="fatal")


def test_max_points_must_be_positive_numbers_of_known_rows() -> None:
    with pytest.raises(UsageError, match="unknown indicator"):
        cchc.check(report(), max_points={"9.9": 10})
    with pytest.raises(UsageError, match="positive"):
        cchc.check(report(), max_points={"7.1.5": 0})
    with pytest.raises(UsageError, match="not a number"):
        cchc.check(report(), max_points={"7.1.5": "ten"})
    with pytest.raises(UsageError, match="whole number or a Decimal"):
        cchc.check(report(), max_points={"7.1.5": 1.5})  # type: ignore[dict-item]
    (upper,) = [f for f in evaluate("F10", report({"7.1.5": D(8)})) if f.operator == "<="]
    assert upper.outcome is Outcome.SKIPPED  # no maximum given


def test_derived_breakdown_for_a_total_no_rule_names() -> None:
    form = cchc.load_form("phu-luc-2b@2021")
    ruleset = RuleSet.from_declarations(form, [], derived=True)
    assert "breakdown" in ruleset.ids
    result = ruleset.check(report(drop=("4.1.2",)))
    assert [f.rule for f in result.failures] == ["breakdown"]


def test_result_views_and_summaries() -> None:
    result = cchc.check(report({"1.1.2": 50, "7.1.6.2.b": D(10)}))
    assert [f.rule for f in result] == ["R1", "R26"]
    assert len(result) == 2 and result[0].rule == "R1"
    assert dict(result.summary()) == {"error": 2, "warning": 0, "info": 0}
    assert result.has_errors and not result.ok
    summary = result.by_rule()
    assert summary["R1"].failed == 1 and summary["R1"].checks == 1
    assert summary["F1"].passed + summary["F1"].skipped + summary["F1"].not_applicable == 29
    assert summary["F1"].severity is E
    every = result.all
    assert len([f for f in every if not f.is_reading]) == sum(result.counts.values())
    assert "2 errors" in repr(result)
    html = result._repr_html_()
    assert "R26" in html and html.lstrip().startswith("<")


def test_f4_is_reported_once_when_the_reader_already_did() -> None:
    result = cchc.check(cchc.example_report())
    assert not any(f.rule == "F4" for f in result)
    assert [f.indicators for f in result.all if f.rule == "F4" and f.is_problem] == [
        ("1.2",),
        ("4.3",),
        ("5.4",),
        ("7.1.6",),
    ]


def test_the_report_must_be_on_the_rules_form(tmp_path: Path) -> None:
    ruleset = RuleSet.for_form(cchc.load_form("phu-luc-2b@2021"))
    path = tmp_path / "mini.toml"
    path.write_text(
        'schema = "cchc.form/1"\nid = "m"\ntitle = "M"\n[[indicator]]\ncode = "1"\nname = "A"\n'
        'kind = "value"\nunit = "Người"\n',
        encoding="utf-8",
    )
    other = cchc.Report(
        form=cchc.load_form(path), reporter=cchc.Reporter("A", "department"), period="2021S1"
    )
    with pytest.raises(UsageError, match="on form 'm'"):
        ruleset.check(other)


# -- the compiled fast path agrees with the explanations ------------------------------------------

FORM = cchc.load_form("phu-luc-2b@2021")
VALUE_ROWS = [i for i in FORM if i.takes_value]
HEADERS = [i.code for i in FORM if not i.takes_value]


def _value_of(indicator: cchc.Indicator) -> st.SearchStrategy[Any]:
    if indicator.codes is not None:
        return st.sampled_from([*indicator.codes.values, 9])
    if indicator.is_count:
        return st.integers(min_value=-1, max_value=40)
    return st.decimals(min_value=-1, max_value=120, places=1, allow_nan=False, allow_infinity=False)


reports = st.builds(
    lambda values, headers, kind, period: cchc.Report(
        form=FORM,
        reporter=cchc.Reporter("Sở Xây dựng", kind=kind),
        period=period,
        entries={**values, **headers},
    ),
    st.fixed_dictionaries({}, optional={i.code: _value_of(i) for i in VALUE_ROWS}),
    st.dictionaries(
        st.sampled_from(HEADERS),
        st.one_of(
            st.integers(0, 30),
            st.just(Entry(status=Status.NOT_YET_DONE)),
            st.just(Entry(status=Status.NOT_YET_DUE)),
        ),
        max_size=4,
    ),
    st.sampled_from(["department", "district", "central", "province"]),
    st.sampled_from(["2021Q1", "2021S1", "2021", "2021Q2"]),
)


@settings(max_examples=60, deadline=None)
@given(
    reports, st.sampled_from(["exclusive", "cumulative"]), st.sampled_from(["inside", "separate"])
)
def test_compiled_checks_and_explanations_agree(
    report_: cchc.Report, autonomy: str, levels: str
) -> None:
    options = {"autonomy": autonomy, "online-levels": levels}
    result = cchc.check(report_, options=options, max_points={"7.1.5": 10})
    # The compiled function ran (a fallback to interpretation fills the cache at once):
    # otherwise this test would compare the interpreter with itself.
    assert "all" not in result._cache  # noqa: SLF001 - the fast path is the point
    explained = [f for f in result.all if not f.is_reading]
    counts = {o: sum(1 for f in explained if f.outcome is o) for o in Outcome}
    assert counts == dict(result.counts)
    problems = tuple(f for f in explained if f.is_problem)
    assert problems == result.rule_findings


def test_options_name_the_forms_options_whichever_rules_are_selected() -> None:
    report = cchc.example_report()
    only_r1 = cchc.check(report, options={"autonomy": "cumulative"}, rules=["R1"])
    assert {f.rule for f in only_r1.all if not f.is_reading} == {"R1"}
    with pytest.raises(cchc.errors.UsageError, match="this form's options: autonomy"):
        cchc.check(report, options={"autonom": "cumulative"}, rules=["R1"])
