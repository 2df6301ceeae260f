"""The expression language: parsing, types, errors that point into the text, exact semantics."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc
import cchc.rules._interpret as ev
from cchc._exact import round_half_up
from cchc.errors import ExpressionError, FormError
from cchc.expressions import (
    FUNCTIONS,
    Arith,
    Call,
    Compare,
    InList,
    Kind,
    Literal,
    Logic,
    Neg,
    Node,
    Not,
    Ref,
    parse,
    unparse,
)
from cchc.model import MissingPolicy
from cchc.rules._compile import Step, compile_steps
from cchc.values import Entry, Status

# -- parsing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "codes", "operands"),
    [
        ("{1.3.2} + {1.3.3} <= {1.3.1}", Kind.BOOLEAN, ("1.3.2", "1.3.3", "1.3.1"), None),
        ("{3.2.2} <= {3.2.1} <= {3.1.3}", Kind.BOOLEAN, ("3.2.2", "3.2.1", "3.1.3"), None),
        ("sum({6.1}, {6.2}) == {4.1.2}", Kind.BOOLEAN, ("6.1", "6.2", "4.1.2"), ("4.1.2",)),
        ('status({1.2}) == "not-yet-done"', Kind.BOOLEAN, ("1.2",), ()),
        ("{1.5} in [0, 1]", Kind.BOOLEAN, ("1.5",), None),
        ("{1.5} not in [0, 1]", Kind.BOOLEAN, ("1.5",), None),
        ("{7.2.3.2} / {3.1.3} * 100", Kind.NUMBER, ("7.2.3.2", "3.1.3"), None),
        ("-{1} + 2.5", Kind.NUMBER, ("1",), None),
        ("period_kind()", Kind.TEXT, (), ()),
        ("not blank({1}) and true or false", Kind.BOOLEAN, ("1",), ()),
        ("{3.1.3.a} ≤ {3.1.3} ≠ 0", Kind.BOOLEAN, ("3.1.3.a", "3.1.3"), None),
    ],
)
def test_parse_kinds_codes_and_operands(
    text: str, kind: Kind, codes: tuple[str, ...], operands: tuple[str, ...] | None
) -> None:
    expression = parse(text)
    assert expression.kind is kind
    assert expression.codes == codes
    assert expression.operands == (codes if operands is None else operands)
    assert str(expression) == text


@pytest.mark.parametrize(
    ("text", "col", "words"),
    [
        ("{1.1.2} <= ", 12, "the text ends"),
        ("{1.1.} + 1", 1, "malformed code"),
        ("{1.1.2 + 1", 1, "not closed"),
        ("{1} = 2", 5, "use '=='"),
        ("summ({1})", 1, "unknown function 'summ'"),
        ("sum()", 1, "at least 1 argument"),
        ("abs({1}, {2})", 1, "takes 1 argument"),
        ("({1} + 2", 9, "expected ')'"),
        ('{1} + "a"', 7, "'+' needs a number, not text"),
        ("status(1)", 8, "takes a {code}"),
        ("{1} >= 0 >", 11, "the text ends"),
        ("{1} in []", 9, "expected a number in the list"),
        ("agrees(1, 2)", 8, "entered rate first"),
        ('"x" < 2', 1, "orders numbers"),
        ('"x" == 2', 8, "compares text with a number"),
        ("{1} and {2} > 1", 1, "'and' needs true/false"),
        ("not 3", 5, "'not' needs true/false"),
        ("{1} $ 2", 5, "unexpected character '$'"),
        ("{1} {2}", 5, "after a complete expression"),
        ('"open', 1, "not closed"),
        ("", 1, "empty"),
        ("and", 1, "keyword 'and'"),
        ("sum", 4, "expected '(' after 'sum'"),
        ("sum({1} {2})", 9, "')' to close the call"),
        ("1 in [1 2]", 9, "',' or ']'"),
        ("(" * 70 + "1" + ")" * 70, 62, "nests deeper"),
    ],
)
def test_errors_point_into_the_text(text: str, col: int, words: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    error = caught.value
    assert error.location == f"col {col}"
    assert words in error.message
    assert repr(text) in error.message  # the text is quoted so the column can be found


def test_expected_kind_and_unknown_codes() -> None:
    with pytest.raises(ExpressionError, match="must be true/false, not a number"):
        parse("{1} + 1", expect=Kind.BOOLEAN)
    kinds = {"1.1.1": Kind.NUMBER}.get
    with pytest.raises(ExpressionError, match=r"unknown indicator code \{9.9\}") as caught:
        parse("{1.1.1} <= {9.9}", ref_kind=kinds)
    assert caught.value.location == "col 12"
    with pytest.raises(ExpressionError, match="not a total with breakdown rows"):
        parse("breakdown({1.1.1})", totals=lambda code: False)


def test_too_long_an_expression_is_refused() -> None:
    with pytest.raises(ExpressionError, match="longer than"):
        parse(" + ".join(["{1}"] * 2000))


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').system('true')",
        "{1}.__class__",
        "eval('1')",
        "lambda: 1",
        "[x for x in ()]",
        "{1}; {2}",
    ],
)
def test_code_in_an_expression_is_never_run(text: str) -> None:
    with pytest.raises(ExpressionError):
        parse(text)


def test_display_is_for_people() -> None:
    assert parse("{1.3.2} + {1.3.3} <= {1.3.1}").display() == "1.3.2 + 1.3.3 ≤ 1.3.1"
    assert parse("sum({4.1.2.a}) == 1").display() == "4.1.2.a = 1"
    assert parse("not ({1} > 2 or {2} < 1)").display("en") == "not (1 > 2 or 2 < 1)"
    assert parse("{1} in [0, 1]").display() == "1 ∈ {0, 1}"
    assert parse("{1} != 2 * ({2} - 1)").display() == "1 ≠ 2 × (2 - 1)"


def test_every_function_is_documented() -> None:
    assert all(f.doc for f in FUNCTIONS.values())
    assert {"sum", "present", "blank", "status", "coalesce", "agrees"} <= set(FUNCTIONS)


# -- a form file with a bad expression ---------------------------------------------------------


def _form_text(test: str, numerator: str = "{1}") -> str:
    return f"""
schema = "cchc.form/1"
id = "mini"
title = "Mini"

[[indicator]]
code = "1"
name = "Một"
kind = "value"
unit = "Nhiệm vụ"

[[rule]]
id = "X1"
test = "{test}"

[[ratio]]
id = "r"
name = "Tỷ lệ"
numerator = "{numerator}"
denominator = "{{1}}"
"""


def test_a_bad_rule_in_a_form_file_is_a_form_error_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "mini.toml"
    path.write_text(_form_text("{1} <= {2}"), encoding="utf-8")
    with pytest.raises(FormError) as caught:
        cchc.load_form(path)
    (problem,) = caught.value.problems
    assert problem.location == "line 12, rule 1 (X1), test, col 8"
    assert "unknown indicator code {2}" in problem.message


def test_a_bad_ratio_in_a_form_file_is_a_form_error(tmp_path: Path) -> None:
    path = tmp_path / "mini.toml"
    path.write_text(_form_text("{1} >= 0", numerator="{1} <"), encoding="utf-8")
    with pytest.raises(FormError) as caught:
        cchc.load_form(path)
    (problem,) = caught.value.problems
    assert problem.location is not None
    assert problem.location.startswith("line 16, ratio 1 (r), numerator, col ")
    assert "the text ends" in problem.message


def test_a_good_form_file_loads_its_rules(tmp_path: Path) -> None:
    path = tmp_path / "mini.toml"
    path.write_text(_form_text("{1} >= 0"), encoding="utf-8")
    form = cchc.load_form(path)
    assert [r.id for r in form.rules] == ["X1"]
    report = cchc.Report(
        form=form, reporter=cchc.Reporter("A", "department"), period="2021S1", entries={"1": -1}
    )
    assert [f.rule for f in cchc.check(report) if f.is_problem] == ["X1", "F2"]


# -- semantics ------------------------------------------------------------------------------


def _value(text: str, entries: dict[str, object] | None = None) -> object:
    env = ev.Env(entries={k: Entry(value=v) for k, v in (entries or {}).items()})  # type: ignore[arg-type]
    return ev.Evaluator(env)(parse(text).root)


@pytest.mark.parametrize(
    ("text", "entries", "expected"),
    [
        ("{1} + {2}", {"1": 6, "2": 0}, 6),
        ("{1} + {2}", {"1": 6}, None),  # no value spreads
        ("sum({1}, {2}, {3})", {"1": 1, "3": 0}, 1),  # sum adds what is there
        ("sum({1}, {2})", {}, None),
        ("{1} / {2}", {"1": 1, "2": 3}, Fraction(1, 3)),
        ("{1} / {2}", {"1": 1, "2": 0}, None),  # a zero denominator: no value
        ("{1} + {2}", {"1": Decimal("0.1"), "2": Decimal("0.2")}, Decimal("0.3")),
        ("{1} * 3", {"1": Decimal("33.33")}, Decimal("99.99")),
        ("{1} / 3 * 3 == 1", {"1": 1}, True),  # exact, never a float
        ("{1} > 0 and {2} > 0", {"1": 0}, False),  # false and ? is false
        ("{1} > 0 or {2} > 0", {"1": 1}, True),  # true or ? is true
        ("{1} > 0 or {2} > 0", {"1": 0}, None),
        ("not ({1} > 0)", {}, None),
        ("coalesce({1}, {2}, 7)", {"2": 3}, 3),
        ("min({1}, {2})", {"1": 4, "2": 2}, 2),
        ("max({1}, {2})", {"1": 4}, 4),
        ("abs({1})", {"1": -4}, 4),
        ("present({1}) and blank({2})", {"1": 0}, True),
        ("{1} in [0, 1, 2]", {"1": 2}, True),
        ("{1} not in [0, 1, 2]", {"1": 2}, False),
        ("whole({1})", {"1": Decimal("2.0")}, True),
        ("whole({1} / 2)", {"1": 3}, False),
        ("agrees({1}, 6 / 7 * 100)", {"1": Decimal("85.7")}, True),
        ("agrees({1}, 6 / 7 * 100)", {"1": Decimal("85.8")}, False),
        ("agrees({1}, 6 / 7 * 100)", {"1": 86}, True),
        ("{1} <= {2} <= {3}", {"1": 31, "2": 93, "3": 93}, True),
        ("{1} <= {2} <= {3}", {"1": 31, "2": 94, "3": 93}, False),
        ("{1} <= {2} <= {3}", {"1": 95, "2": 94}, False),
    ],
)
def test_semantics(text: str, entries: dict[str, object], expected: object) -> None:
    result = _value(text, entries)
    assert result == expected
    assert type(result) is type(expected)


def test_status_filled_and_max_points() -> None:
    env = ev.Env(
        entries={
            "1.2": Entry(status=Status.NOT_YET_DONE, raw="Chưa kiểm tra"),
            "4.3": Entry(value=0),
            "7.2.7": Entry(note="Chưa đến hạn"),
        },
        max_points={"7.1.5": Decimal(10)},
    )
    evaluate = ev.Evaluator(env)
    assert evaluate(parse('status({1.2}) == "not-yet-done"').root) is True
    assert evaluate(parse("filled({1.2}) and filled({4.3})").root) is True
    assert evaluate(parse("filled({7.2.7})").root) is False  # a note is not a value
    assert evaluate(parse("max_points({7.1.5}) * 2").root) == 20
    assert evaluate(parse("max_points({7.1.1})").root) is None


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction(4100, 49), 2, "83.67"),
        (Fraction(2345, 1000), 2, "2.35"),  # half-up, not half-even
        (Fraction(2355, 1000), 2, "2.36"),
        (Fraction(-1, 8), 2, "-0.13"),
        (Fraction(100), 2, "100.00"),
        (Decimal("0.125"), 2, "0.13"),
        (Fraction(1, 3), 0, "0"),
    ],
)
def test_round_half_up(value: Fraction | Decimal, places: int, expected: str) -> None:
    assert f"{round_half_up(value, places):f}" == expected


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=0, max_value=4),
)
def test_a_rate_rounded_to_its_decimals_agrees_with_its_counts(
    numerator: int, denominator: int, places: int
) -> None:
    exact = Fraction(numerator, denominator) * 100
    entered = round_half_up(exact, places)
    assert ev.agrees(entered, exact) is True
    off = entered + Decimal(1).scaleb(-places)
    assert ev.agrees(off, exact) is False


# -- the printed tree reads back as the same tree -----------------------------------------------

codes = st.sampled_from(["1", "1.1", "3.1.3.a", "7.1.6.2.b", "10.2"])
numbers = st.one_of(
    st.integers(min_value=0, max_value=10**9),
    st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
)
numeric: st.SearchStrategy[Node] = st.recursive(
    st.one_of(st.builds(Literal, numbers), st.builds(Ref, codes)),
    lambda inner: st.one_of(
        st.builds(Arith, st.sampled_from("+-*/"), inner, inner),
        st.builds(Neg, inner),
        st.builds(
            Call, st.sampled_from(["sum", "min", "max", "coalesce"]), st.tuples(inner, inner)
        ),
    ),
    max_leaves=6,
)
comparisons = st.builds(
    Compare,
    st.tuples(numeric, numeric),
    st.tuples(st.sampled_from(["<", "<=", "==", "!=", ">=", ">"])),
)
boolean: st.SearchStrategy[Node] = st.recursive(
    st.one_of(
        comparisons,
        st.builds(InList, numeric, st.tuples(st.integers(0, 5), st.integers(0, 5)), st.booleans()),
        st.builds(Call, st.sampled_from(["present", "blank"]), st.tuples(st.builds(Ref, codes))),
    ),
    lambda inner: st.one_of(
        st.builds(Logic, st.sampled_from(["and", "or"]), st.tuples(inner, inner)),
        st.builds(Not, inner),
    ),
    max_leaves=5,
)


def _shape(node: Node) -> object:
    """A node without columns, and without the parser's flattening of a - -b."""
    return unparse(node)


@given(boolean)
def test_unparse_then_parse_gives_the_same_tree(tree: Node) -> None:
    text = unparse(tree)
    again = parse(text).root
    assert unparse(again) == text
    assert parse(unparse(again)).root == again


# -- the generated code means what the interpreter means -----------------------------------------

values = st.one_of(
    st.none(),
    st.integers(min_value=-3, max_value=5),
    st.decimals(min_value=-3, max_value=5, places=1, allow_nan=False, allow_infinity=False),
)


@given(boolean, st.dictionaries(codes, values), st.sampled_from(list(MissingPolicy)))
def test_compiled_and_interpreted_outcomes_agree(
    tree: Node, raw: dict[str, int | Decimal | None], policy: MissingPolicy
) -> None:
    entries = {code: Entry(value=v) for code, v in raw.items() if v is not None}
    run, _ = compile_steps([Step(0, tree, None, policy)], lambda code: "num")
    fails: list[int] = []
    errors: list[int] = []
    counted = run(entries.get, Entry(), fails.append, errors.append, None, {})
    assert counted is not None
    skipped, _ = counted
    fast = "error" if errors else "fail" if fails else "skipped" if skipped else "pass"

    from cchc.expressions import Expression
    from cchc.rules._checks import Check, _Instance
    from cchc.rules._explain import evaluate_instance

    check = Check(
        rule="X",
        severity=cchc.Severity.ERROR,
        test=Expression("", tree, Kind.BOOLEAN),
        missing=policy,
    )
    finding = evaluate_instance(
        _Instance(check=check, test=tree, when=None), ev.Env(entries=entries)
    )
    assert finding.outcome.value == fast, (unparse(tree), raw, policy, finding.message_en)


def test_a_long_flat_chain_is_an_expression_error_not_a_recursion_error() -> None:
    """Each operator of `a + b + c …` nests the tree one level: bounded like brackets."""
    with pytest.raises(ExpressionError, match=r"write a long sum as sum\(\.\.\.\)"):
        cchc.rules.rule("X1", "+".join(["{1}"] * 950) + " > 0")
    long_sum = "sum(" + ", ".join(["{1.1.1}"] * 300) + ") >= 0"
    assert cchc.rules.rule("X2", long_sum).test == long_sum


def test_sum_of_an_operation_keeps_its_brackets_when_shown() -> None:
    from cchc.expressions import parse

    assert parse("2 * sum({1.1.1} + {1.1.2}) > 0").display() == "2 × sum(1.1.1 + 1.1.2) > 0"
    assert parse("sum({4.1.2.a}) == 1").display() == "4.1.2.a = 1"
    report = cchc.Report(
        form=cchc.load_form("phu-luc-2b@2021"),
        reporter=cchc.Reporter("Sở A", kind="department"),
        period="2021S1",
        entries={"1.1.1": 1, "1.1.2": 2},
    )
    rules = cchc.RuleSet.from_declarations(
        report.form, [cchc.rules.rule("X", "2 * sum({1.1.1} + {1.1.2}) > 10")]
    )
    (failure,) = rules.check(report).failures
    assert isinstance(failure, cchc.rules.RuleFinding)
    assert failure.working == "2 × (1 + 2) = 6 ≤ 10"
    assert failure.message.endswith("2 × (1.1.1 + 1.1.2) là 6 (2 × 3), không lớn hơn 10")
