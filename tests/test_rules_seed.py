"""The seed report against the Seed column of the rule catalogue (rules.md §1–2)."""

from __future__ import annotations

import pytest

import cchc
from cchc import Outcome, Severity
from cchc.rules import evaluate

E, W = Severity.ERROR, Severity.WARNING


@pytest.fixture(scope="module")
def result() -> cchc.CheckResult:
    return cchc.check(cchc.example_report(), all_results=True)


def _rule_failures(result: cchc.CheckResult) -> dict[str, set[Severity]]:
    found: dict[str, set[Severity]] = {}
    for finding in result.all:
        if not finding.is_reading and finding.outcome is Outcome.FAIL:
            found.setdefault(finding.rule, set()).add(finding.severity)
    return found


# rules.md, column Seed: every ✗ and the severity the catalogue gives it.
EXPECTED_RULE_FAILURES = {
    "F4": {W},  # 1.2, 4.3, 5.4, 7.1.6 carry values (also read.value-on-header)
    "R6": {W},  # 1.4.1 = 0 but 1.4.2 = 0 ("Trực tuyến")
    "R15": {E},  # 4.1.2 blank while 4.1.2.a = 1
    "R24": {E},  # partition reading: 1 + 1 + – + 0 = 2 ≠ 1
    "R26": {E},  # 100 + 10 = 110 > 100
    "R27": {W},  # shares without their total
    "R31": {W},  # level-4 services, no online payment
    "R40": {W},  # 7.2.3.4 = 7.2.3.2 = 93
}


def test_the_seed_fails_exactly_the_rules_the_catalogue_predicts(result: cchc.CheckResult) -> None:
    assert _rule_failures(result) == EXPECTED_RULE_FAILURES


def test_no_error_the_catalogue_does_not_predict(result: cchc.CheckResult) -> None:
    errors = {f.rule for f in result.failures if f.severity is E}
    assert errors == {"R15", "R24", "R26"}
    assert all(f.outcome is Outcome.FAIL for f in result.failures if f.severity is E)
    assert result.counts[Outcome.ERROR] == 0


def test_f4_headers_with_values(result: cchc.CheckResult) -> None:
    headers = [f.indicators for f in result.all if f.rule == "F4" and f.outcome is Outcome.FAIL]
    assert headers == [("1.2",), ("4.3",), ("5.4",), ("7.1.6",)]
    # The reader reported them already, so the failures view lists them once.
    read = {f.indicators for f in result.findings if f.rule == "read.value-on-header"}
    assert read == set(headers)
    assert not [f for f in result.findings if f.rule == "F4"]


def test_the_templates_own_numbering_is_one_info_line_not_warnings(
    result: cchc.CheckResult,
) -> None:
    numbering = {"read.misnumbered", "read.duplicate-code"}
    assert not [f for f in result.all if f.rule in numbering]
    (info,) = [f for f in result.all if f.rule == "read.template-numbering"]
    assert info.severity is Severity.INFO
    assert info.indicators == ("1.2.1", "1.2.2", "1.2.3", "1.2.4")
    assert "1.1.1 → 1.2.1" in info.message


def test_r19_does_not_add_up_staff_assigned_present_and_cut(result: cchc.CheckResult) -> None:
    assert not [f for f in result.all if f.rule == "R19" and f.indicators[0] == "4.3"]


@pytest.mark.parametrize(
    ("rule", "message", "message_en"),
    [
        (
            "R6",
            "Số phiếu khảo sát (1.4.1) là 0 nhưng vẫn ghi hình thức khảo sát (1.4.2 = 0)",
            "No survey forms (1.4.1 is 0), yet a survey method is given (1.4.2 = 0)",
        ),
        (
            "R15",
            "4.1.2 để trống, nhưng là số liệu bắt buộc khi đã ghi 4.1.2.a (1)",
            "4.1.2 is blank, but it is required once 4.1.2.a (1) is filled in",
        ),
        (
            "R24",
            "Tổng các nhóm tự chủ (6.1–6.4) là 2, lớn hơn số ĐVSNCL (1).",
            "The autonomy groups (6.1–6.4) add up to 2, more than the number of public "
            "service units (1).",
        ),
        ("R24", "Nghị định 60/2021/NĐ-CP", "Decree 60/2021/NĐ-CP"),
        ("R26", "cộng lại là 110%, vượt 100%", "add up to 110%, more than 100%"),
        ("R27", "tổng số văn bản đi (7.1.6.2), mẫu số", "the total of outgoing documents"),
        ("R31", "Có 31 TTHC cung cấp trực tuyến mức độ 4", "31 TTHC are offered online"),
        ("R40", "(7.2.3.2): 93; có thể đã chép nhầm", "(7.2.3.2) exactly: 93; possibly copied"),
    ],
)
def test_each_seed_failure_says_what_is_wrong_in_plain_words(
    result: cchc.CheckResult, rule: str, message: str, message_en: str
) -> None:
    (finding,) = [f for f in result.findings if f.rule == rule]
    assert message in finding.message
    assert message_en in finding.message_en
    assert isinstance(finding, cchc.rules.RuleFinding)
    assert finding.expression  # the expression stays in the record


# The catalogue's ✓ rules with the arithmetic it shows: each passes, with that arithmetic.
PASSING = [
    ("R1", 41, "<=", 49),
    ("R5", 6, "<=", 10),
    ("R8", 93, "==", 93),
    ("R9", 93, "<=", 93),
    ("R10", 31, "<=", 93),
    ("R11", 0, "<=", 31),
    ("R13", 100, "<=", 100),
    ("R16", 37, "<=", 39),
    ("R18", 14, "<=", 15),
    ("R20", 1, "<=", 1),
    ("R21", 0, "<=", 4),
    ("R29", 31, "<=", 31),
    ("R29.total", 31, "==", 31),
    ("R30", 31, "<=", 93),
    ("R34", 0, "<=", 1),
    ("R34.units", 1, "<=", 1),
]


@pytest.mark.parametrize(("rule", "left", "operator", "right"), PASSING)
def test_the_rules_the_catalogue_marks_as_passing(
    rule: str, left: int, operator: str, right: int
) -> None:
    findings = [
        f for f in evaluate(rule, cchc.example_report()) if f.outcome is not Outcome.NOT_APPLICABLE
    ]
    (finding,) = findings
    assert finding.outcome is Outcome.PASS
    assert (finding.left, finding.operator, finding.right) == (left, operator, right)


@pytest.mark.parametrize(
    "rule", ["R3", "R7", "R12", "R14", "R17", "R23", "R28", "R33", "R35", "R39", "F9"]
)
def test_other_catalogue_passes(rule: str) -> None:
    outcomes = {f.outcome for f in evaluate(rule, cchc.example_report())}
    assert outcomes == {Outcome.PASS}


@pytest.mark.parametrize("rule", ["R4", "R22", "R25", "R36", "R32.share"])
def test_blank_rules_are_skipped_never_passed(rule: str) -> None:
    (finding,) = evaluate(rule, cchc.example_report())
    assert finding.outcome is Outcome.SKIPPED
    assert finding.missing


@pytest.mark.parametrize("rule", ["R32", "R32.level4", "R37", "R38", "R5.annual"])
def test_conditions_that_do_not_hold_on_the_seed(rule: str) -> None:
    (finding,) = evaluate(rule, cchc.example_report())
    assert finding.outcome is Outcome.NOT_APPLICABLE


def test_f6_a_department_leaves_district_rows_blank(result: cchc.CheckResult) -> None:
    f6 = [f for f in result.all if f.rule == "F6"]
    assert {f.indicators[0] for f in f6} >= {"1.2.2", "3.4.2", "3.1.3.b", "4.1.2.b", "5.3.4"}
    assert {f.outcome for f in f6} == {Outcome.PASS}
    assert not [f for f in result.all if f.rule == "F7"]  # the reporter is a sở


def test_the_alternative_readings_on_the_seed() -> None:
    cumulative = cchc.check(cchc.example_report(), options={"autonomy": "cumulative"})
    assert not cumulative.get("R24")
    separate = cchc.check(cchc.example_report(), options={"online-levels": "separate"})
    (r29,) = separate.get("R29.total")
    assert (r29.left, r29.right) == (31, 62)


def test_the_seed_exits_with_errors(result: cchc.CheckResult) -> None:
    assert result.has_errors
    assert dict(result.summary())["error"] == 3
