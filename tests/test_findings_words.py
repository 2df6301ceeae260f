"""Findings an officer trusts (issue 12): plain words, no template noise, typing slips caught."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cchc
from cchc.examples import example_bytes
from cchc.findings import Finding, Outcome, Severity
from cchc.model import ReporterKind
from cchc.reports import Reporter
from cchc.rules import RuleFinding, rule_ids
from cchc.strategies import violable_rules, violating

FORBIDDEN = re.compile(r"\b(coalesce|blank|present|filled|agrees|period_kind|breakdown)\(")
SEED_TEXT = example_bytes().decode("utf-8")


def _words_of(findings: tuple[Finding, ...] | list[Finding]) -> list[str]:
    return [text for f in findings for text in (f.message, f.message_en)]


def _leaks(findings: tuple[Finding, ...] | list[Finding]) -> list[str]:
    return [text for text in _words_of(findings) if FORBIDDEN.search(text)]


def test_no_expression_language_in_any_message_of_the_seed() -> None:
    result = cchc.check(cchc.example_report())
    assert _leaks(list(result.all)) == []
    # The expression stays in the record, for --verbose.
    r24 = result.get("R24")[0]
    assert isinstance(r24, RuleFinding)
    assert "coalesce(" in r24.expression
    assert r24.working


@pytest.mark.parametrize("rule", violable_rules())
def test_no_expression_language_in_the_messages_of_a_broken_rule(rule: str) -> None:
    @settings(
        max_examples=3,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(violating(rule))
    def check(violation: object) -> None:
        report = violation.report  # type: ignore[attr-defined]
        options = dict(violation.options)  # type: ignore[attr-defined]
        result = cchc.check(report, options=options)
        assert rule in {f.rule for f in result.failures}
        assert _leaks(list(result.all)) == []

    check()


def test_garbled_messages_of_the_catalogue_read_as_sentences() -> None:
    report = cchc.example_report()
    (r6,) = cchc.check(report).get("R6")
    assert "0 ≤ 0" not in r6.message and "hoặc" not in r6.message
    (f1,) = [
        f
        for f in cchc.check(report.with_value("7.2.6.2", Decimal("101.4"))).get("F1")
        if f.outcome is Outcome.FAIL
    ]
    assert f1.message == "Tỷ lệ ở dòng 7.2.6.2 là 101,4%, nằm ngoài khoảng 0–100%"
    assert f1.message_en == "The percentage in row 7.2.6.2 is 101.4%, outside 0–100%"
    department = report.with_value("3.4.2", Decimal(90))
    (f6,) = [f for f in cchc.check(department).failures if f.rule == "F6"]
    assert f6.message.startswith("Dòng 3.4.2 không áp dụng cho Sở, ban, ngành")
    assert "Trung ương" not in f6.message
    central = cchc.Report(
        form=report.form,
        reporter=Reporter("Cục Thuế", kind=ReporterKind.CENTRAL),
        period="2021S1",
        entries={"4.2.1": 12},
    )
    (f7,) = [f for f in cchc.check(central).failures if f.rule == "F7"]
    assert f7.message.startswith("Mục 4 không áp dụng cho Cơ quan Trung ương")


def test_the_annual_condition_reads_as_words() -> None:
    report = cchc.example_report()
    annual = cchc.Report(
        form=report.form,
        reporter=report.reporter,
        period="2021",
        entries={**report.entries, "1.3.1": 17, "1.3.2": 15, "1.3.3": 1},
    )
    (finding,) = [f for f in cchc.check(annual).get("R5.annual") if f.is_problem]
    assert "period_kind" not in finding.message
    assert "Báo cáo năm: đã hoàn thành 16 nhiệm vụ" in finding.message
    assert "còn 1 nhiệm vụ chưa hoàn thành" in finding.message


def test_r24_says_why_the_groups_are_counted_once() -> None:
    (r24,) = cchc.check(cchc.example_report()).get("R24")
    assert r24.severity is Severity.ERROR
    assert r24.message.startswith("Tổng các nhóm tự chủ (6.1–6.4) là 2, lớn hơn số ĐVSNCL (1).")
    assert "Nghị định 60/2021/NĐ-CP" in r24.message
    assert "exactly one of the four autonomy groups" in r24.message_en


def test_a_derived_total_check_is_dropped_when_a_declared_rule_states_it() -> None:
    form = cchc.example_report().form
    by_python = cchc.rules.rule("X1", "{4.1.2} == {4.1.2.a} + {4.1.2.b}", missing="zero")
    with_sum = cchc.rules.rule("X2", "sum({4.1.2.a}, {4.1.2.b}) == {4.1.2}")
    for declared in (by_python, with_sum):
        rules = cchc.RuleSet.from_declarations(form, [declared], derived=True)
        report = cchc.example_report().with_value("4.1.2", 3)
        failing = [f for f in rules.check(report).failures if not f.is_reading]
        assert declared.id in {f.rule for f in failing}
        assert not [f for f in failing if f.rule == "breakdown" and "4.1.2" in f.indicators]
    # Without the declared rule, the derived check is there.
    bare = cchc.RuleSet.from_declarations(form, [], derived=True)
    found = bare.check(cchc.example_report().with_value("4.1.2", 3)).failures
    assert [f for f in found if f.rule == "breakdown" and "4.1.2" in f.indicators]


def test_a_percentage_typed_as_a_fraction_is_a_warning_in_text() -> None:
    text = SEED_TEXT.replace("\t100\n\t\n\n\t3.3.4", "\t0,9862\n\t\n\n\t3.3.4", 1)
    assert text != SEED_TEXT
    report = cchc.read(text)
    assert report.value("3.3.3") == Decimal("0.9862")
    p1 = [f for f in cchc.check(report).failures if f.rule == "P1"]
    assert [(f.severity, f.indicators[0]) for f in p1] == [(Severity.WARNING, "3.3.3")]
    assert "0,9862%" in p1[0].message and "khoảng 100 lần" in p1[0].message


def test_a_real_small_percentage_alone_in_its_section_is_not_a_slip() -> None:
    report = cchc.example_report().with_value("4.2.5", Decimal("0.8"))
    assert not [f for f in cchc.check(report).failures if f.rule == "P1"]


def test_a_rate_typed_in_a_count_row_is_a_warning() -> None:
    report = cchc.example_report().with_value("7.2.3.2", 100)  # 3.3.3 = 100%, 3.1.3 = 93
    (p2,) = [f for f in cchc.check(report).failures if f.rule == "P2"]
    assert p2.severity is Severity.WARNING
    assert "7.2.3.2 là 100, đúng bằng tỷ lệ ghi ở 3.3.3 (100%)" in p2.message


def test_plausibility_rules_are_known_rules() -> None:
    assert {"P1", "P2"} <= set(rule_ids())


def test_a_percentage_typed_as_a_fraction_in_an_xlsx_general_cell(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    data = cchc.write(cchc.example_report(), "xlsx")
    assert isinstance(data, bytes)
    path = tmp_path / "so.xlsx"
    path.write_bytes(data)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for row in sheet.iter_rows():
        if row[0].value is not None and str(row[0].value).strip().rstrip(".") == "3.3.3":
            cells = [c for c in row if c.value is not None]
            value_cell = next(c for c in row if str(c.value).strip() in ("100", "100.0"))
            value_cell.value = 0.9862  # a General cell holding a number
            value_cell.number_format = "General"
            assert cells
            break
    else:  # pragma: no cover - the layout is fixed
        pytest.fail("no row 3.3.3")
    book.save(path)
    report = cchc.read(path)
    assert report.value("3.3.3") == Decimal("0.9862")
    assert "P1" in {f.rule for f in cchc.check(report).failures}


def test_thousands_with_spaces_and_dashes_through_read() -> None:
    text = SEED_TEXT.replace("\t6460\n", "\t6 460\n", 1)
    assert text != SEED_TEXT
    report = cchc.read(text)
    assert report.value("7.2.5.1") == 6460
    assert "read.space-thousands" in {f.rule for f in report.diagnostics}
    dashed = SEED_TEXT.replace("\t0\n\t\n\n\t2.3", "\t-\n\t\n\n\t2.3", 1)
    assert dashed != SEED_TEXT
    default = cchc.read(dashed)
    assert default["2.2"].status is cchc.values.Status.NOT_APPLICABLE
    assert "read.dash" in {f.rule for f in default.diagnostics}
    assert cchc.read(dashed, dash="zero").value("2.2") == 0
    with pytest.raises(cchc.errors.UsageError, match="dash"):
        cchc.read(dashed, dash="nothing")


@settings(max_examples=25, database=None, deadline=None)
@given(st.sampled_from(sorted({r for r in rule_ids() if not r.startswith(("F6", "F7"))})))
def test_every_rule_has_words_in_both_languages(rule: str) -> None:
    for finding in cchc.rules.evaluate(rule, cchc.example_report()):
        assert finding.message and finding.message_en
        assert not FORBIDDEN.search(finding.message + finding.message_en)


def _builtin_toml() -> str:
    from importlib.resources import files

    return files("cchc.forms").joinpath("phu-luc-2b.toml").read_text(encoding="utf-8")


def test_a_message_template_with_an_unknown_placeholder_is_a_form_error(tmp_path: Path) -> None:
    text = _builtin_toml().replace(
        'test = "{1.1.2} <= {1.1.1}"\n',
        'test = "{1.1.2} <= {1.1.1}"\nmessage.vi = "{nonsense}"\nmessage.en = "{left}"\n',
        1,
    )
    path = tmp_path / "form.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(cchc.errors.FormError, match=r"unknown placeholder \{nonsense\}"):
        cchc.load_form(path)


def test_a_message_template_of_a_form_file_is_used(tmp_path: Path) -> None:
    text = _builtin_toml().replace(
        'test = "{1.1.2} <= {1.1.1}"\n',
        'test = "{1.1.2} <= {1.1.1}"\n'
        'message.vi = "Hoàn thành {left} trên {right} nhiệm vụ ({1.1.1}), vượt {difference}"\n'
        'message.en = "{left} done of {right} planned, {difference} too many"\n',
        1,
    )
    path = tmp_path / "form.toml"
    path.write_text(text, encoding="utf-8")
    form = cchc.load_form(path)
    seed = cchc.example_report()
    report = cchc.Report(
        form=form,
        reporter=seed.reporter,
        period=seed.period,
        entries={**seed.entries, "1.1.2": cchc.Entry(value=52)},
    )
    (r1,) = [f for f in cchc.check(report).failures if f.rule == "R1"]
    assert r1.message == "Hoàn thành 52 trên 49 nhiệm vụ (49), vượt 3"
    assert r1.message_en == "52 done of 49 planned, 3 too many"


def test_sums_must_be_true_or_false(tmp_path: Path) -> None:
    text = _builtin_toml().replace("sums = true", 'sums = "yes"', 1)
    path = tmp_path / "form.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(cchc.errors.FormError, match="'sums' must be true or false"):
        cchc.load_form(path)
