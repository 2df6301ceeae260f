"""Rule checks: the declared and derived rules of a form, run over reports.

:func:`check` runs every rule of a report's form and returns a
:class:`~cchc.results.CheckResult` holding the reading diagnostics and the rule
findings together:

>>> import cchc
>>> result = cchc.check(cchc.example_report())
>>> sorted({f.rule for f in result if not f.is_reading})
['R15', 'R19', 'R24', 'R26', 'R27', 'R31', 'R40', 'R6']
>>> print(result.get("R31")[0].message_en)
Level-4 services but no TTHC with online payment (if 7.1.8.2 > 0 then 3.2.3 > 0):
31 > 0 but 0 ≤ 0

Where do rules come from?

* **Declared** rules are ``[[rule]]`` tables of the form file, written in the
  expression language of :mod:`cchc.expressions` (``{1.1.2} <= {1.1.1}``).
* **Derived** rules follow from the form's metadata and are never written one by
  one: F1 (a % row lies in 0..100), F2 (a count is ≥ 0), F3 (a coded answer is in
  its legend), F4 (a header row holds no value), F6/F7 (a row that does not apply
  to the reporter is blank), F9 (the period has a report of its own), F10 (a score
  lies between 0 and its maximum points) and R19 (a value on a header equals the
  sum of its rows); ``breakdown({total})`` in a declared rule derives the
  relation between a total and its *Trong đó* rows.

Rules are compiled once per form, policy and kind of reporter into one Python
function (see :mod:`cchc._codegen`); only failures become findings, and only
when asked for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from cchc import _evaluate as ev
from cchc._codegen import Runner, Step, compile_steps
from cchc.errors import CchcError, ExpressionError, UsageError
from cchc.expressions import (
    Arith,
    Call,
    Compare,
    Expression,
    InList,
    Kind,
    Literal,
    Logic,
    Neg,
    Node,
    Not,
    Ref,
    strict_refs,
    unparse,
    walk,
)
from cchc.expressions import parse as parse_expression
from cchc.findings import Finding, Outcome, Severity
from cchc.model import (
    BreakdownKind,
    Form,
    Indicator,
    IndicatorKind,
    MissingPolicy,
    ReporterKind,
    RuleDeclaration,
    Temporal,
)
from cchc.reports import Report, Reporter
from cchc.results import CheckResult
from cchc.units import UnitKind
from cchc.values import Entry, FrozenMap

__all__ = [
    "DERIVED_RULES",
    "Check",
    "Policy",
    "RuleFinding",
    "RuleSet",
    "check",
    "evaluate",
    "rule",
    "rule_ids",
]

DERIVED_RULES: Mapping[str, tuple[str, str]] = {
    "F1": ("Tỷ lệ % nằm trong khoảng 0–100", "A percentage lies in 0..100"),
    "F1.reduction": (
        "Tỷ lệ cắt giảm so với năm 2015 không âm (âm khi biên chế tăng)",
        "A reduction rate against 2015 is not negative (it is when staff grew)",
    ),
    "F2": ("Số đếm là số nguyên không âm", "A count is a whole number, not negative"),
    "F3": ("Câu trả lời mã hóa thuộc danh mục mã", "A coded answer is in its legend"),
    "F4": ("Dòng tiêu đề không có số liệu", "A header row carries no value"),
    "F6": (
        "Dòng không áp dụng cho loại đơn vị báo cáo này phải để trống",
        "A row that does not apply to this kind of reporter is blank",
    ),
    "F7": (
        "Mục không áp dụng cho loại đơn vị báo cáo này (cơ quan Trung ương: mục 4, 5) "
        "phải để trống",
        "A section that does not apply to this kind of reporter (central agencies: 4, 5) is blank",
    ),
    "F9": (
        "Kỳ báo cáo có báo cáo riêng (không có báo cáo quý II, quý IV, 6 tháng cuối năm)",
        "The period has a report of its own (there is none for Q2, Q4 or the second half)",
    ),
    "F10": (
        "Điểm nằm trong khoảng 0 đến điểm tối đa",
        "A score lies between 0 and its maximum points",
    ),
    "R19": (
        "Số liệu ghi trên dòng tiêu đề phải bằng tổng các dòng con",
        "A value typed on a header row equals the sum of its rows",
    ),
    "breakdown": (
        "Tổng số và các dòng 'Trong đó' khớp nhau",
        "A total and its 'Trong đó' rows agree",
    ),
}
"""The rules cchc derives from a form's metadata: id → (Vietnamese, English) title.

``F1.reduction`` is the warning half of F1 on "so với năm 2015" rates; ``breakdown``
covers any total with breakdown rows that no declared rule names."""

_STATIC_NA = {
    "reporter": ("không áp dụng cho {kind}", "does not apply to a {kind_en}"),
    "option": (
        "không áp dụng theo lựa chọn {name} = {value}",
        "not applied under the option {name} = {value}",
    ),
    "parts": (
        "không có dòng chi tiết nào áp dụng cho {kind}",
        "no breakdown row applies to a {kind_en}",
    ),
}


# -- policy ------------------------------------------------------------------------------


def _options(value: Mapping[str, str] | None) -> FrozenMap[str, str]:
    if value is None:
        return FrozenMap({})
    return FrozenMap({str(k).replace("_", "-"): str(v) for k, v in value.items()})


@attrs.frozen
class Policy:
    """Named readings for rules that rules.md allows two ways.

    The form declares the options with its rules; the first value declared for an
    option is its default.  The built-in Phụ lục 2B has two:

    * ``autonomy`` (R24): ``"exclusive"`` (default; the groups 6.1–6.4 partition
      the public service units, as Nghị định 60/2021 puts each unit in exactly one
      group) or ``"cumulative"`` (6.2 also counts the units of 6.1);
    * ``online-levels`` (R29, R32): ``"inside"`` (default; a level-4 service is
      also a level-3 service, Nghị định 43/2011) or ``"separate"``.

    >>> Policy({"autonomy": "cumulative"}).get("autonomy")
    'cumulative'
    """

    options: FrozenMap[str, str] = attrs.field(factory=dict, converter=_options)

    def get(self, name: str) -> str | None:
        """The chosen value of option *name*, or ``None`` for its default."""
        return self.options.get(name)


# -- findings ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RuleFinding(Finding):
    """A :class:`~cchc.Finding` of a rule, with what produced it.

    Attributes:
        title: the rule's title in Vietnamese.
        expression: the test as evaluated (``breakdown()`` expanded), for people.
        missing_policy: the missing-value policy the rule ran under.
    """

    title: str = ""
    expression: str = ""
    missing_policy: MissingPolicy | None = None


# -- checks ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Check:
    """One rule as it is evaluated: a test, an optional condition, a policy.

    A declared rule is one check; a derived rule is one check per row it covers
    (F1 over 28 rows is 28 checks with rule id ``F1``).

    Attributes:
        rule: the rule id its findings carry.
        severity: error, warning or info.
        test: the true/false expression that must hold.
        when: the condition under which the test applies (``when … then …``).
        missing: what a blank operand means.
        title: what the rule says, in Vietnamese; ``title_en`` in English.
        reporters: the reporter kinds it applies to (``None``: all).
        option: the ``(option, value)`` under which it applies.
        derived: whether it comes from the form's metadata.
        problem: why the declaration cannot be evaluated (an error finding).
    """

    rule: str
    severity: Severity
    test: Expression | None
    when: Expression | None = None
    missing: MissingPolicy = MissingPolicy.SKIP_IF_ANY
    title: str = ""
    title_en: str = ""
    reporters: frozenset[ReporterKind] | None = None
    option: tuple[str, str] | None = None
    derived: bool = False
    problem: str | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes the check names, condition first."""
        found = (self.when.codes if self.when else ()) + (self.test.codes if self.test else ())
        return tuple(dict.fromkeys(found))


def rule(
    id: str,
    test: str,
    *,
    severity: Severity | str = Severity.ERROR,
    when: str | None = None,
    title: str = "",
    title_en: str = "",
    missing: MissingPolicy | str = MissingPolicy.SKIP_IF_ANY,
    reporters: Iterable[ReporterKind | str] | None = None,
    option: tuple[str, str] | None = None,
    form: Form | None = None,
) -> RuleDeclaration:
    """Declare a rule from Python, as a ``[[rule]]`` table of a form file does.

    The expressions are checked at once (against *form*'s codes when given).

    Raises:
        ExpressionError: a bad test or condition; ``location`` is ``"col N"``.

    >>> import cchc
    >>> mine = rule("my-1", "{7.2.5.1} >= 1000", severity="warning", title_en="Many dossiers")
    >>> result = cchc.check(cchc.example_report(), rules=[mine])
    >>> [f.message_en for f in result.all if f.rule == "my-1"]
    ['Many dossiers (7.2.5.1 ≥ 1000): 6,460 ≥ 1,000']
    >>> rule("my-2", "{1.1.2} <= ")
    Traceback (most recent call last):
    ...
    cchc.errors.ExpressionError: col 12: expected a number, a {code}, a function or '('
    but the text ends, in '{1.1.2} <= '
    """
    kinds = _ref_kinds(form) if form else None
    totals = _totals(form) if form else None
    parse_expression(test, ref_kind=kinds, totals=totals, expect=Kind.BOOLEAN)
    if when is not None:
        parse_expression(when, ref_kind=kinds, totals=totals, expect=Kind.BOOLEAN)
    try:
        return RuleDeclaration(
            id=id,
            test=test,
            severity=Severity(severity),
            when=when,
            title=title,
            title_en=title_en,
            missing=MissingPolicy(missing),
            reporters=frozenset(ReporterKind(k) for k in reporters) if reporters else None,
            option=option,
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _ref_kinds(form: Form) -> Any:
    kinds = {
        i.code: Kind.TEXT if i.unit is not None and i.unit.kind is UnitKind.TEXT else Kind.NUMBER
        for i in form
    }
    return kinds.get


def _totals(form: Form) -> Any:
    return {i.code for i in form if i.breakdown is not None}.__contains__


def _declared(form: Form, declaration: RuleDeclaration) -> Check:
    kinds, totals = _ref_kinds(form), _totals(form)
    problem = None
    test = when = None
    try:
        test = parse_expression(
            declaration.test, ref_kind=kinds, totals=totals, expect=Kind.BOOLEAN
        )
        if declaration.when is not None:
            when = parse_expression(
                declaration.when, ref_kind=kinds, totals=totals, expect=Kind.BOOLEAN
            )
    except ExpressionError as exc:
        problem = str(exc)
    return Check(
        rule=declaration.id,
        severity=declaration.severity,
        test=test,
        when=when,
        missing=declaration.missing,
        title=declaration.title,
        title_en=declaration.title_en,
        reporters=declaration.reporters,
        option=declaration.option,
        problem=problem,
    )


def _derived_check(
    rule_id: str, test: str, severity: Severity, *, when: str | None = None
) -> Check:
    title, title_en = DERIVED_RULES[rule_id.split(":", maxsplit=1)[0]]
    return Check(
        rule=rule_id.split(":", maxsplit=1)[0],
        severity=severity,
        test=parse_expression(test),
        when=parse_expression(when) if when else None,
        title=title,
        title_en=title_en,
        derived=True,
    )


def _derive(form: Form, declared: Sequence[Check]) -> list[Check]:
    """The rules that follow from the form's metadata (the per-reporter F6/F7 aside)."""
    named = {
        n.args[0].code
        for c in declared
        if c.test is not None
        for n in walk(c.test.root)
        if isinstance(n, Call) and n.name == "breakdown" and isinstance(n.args[0], Ref)
    }
    checks: list[Check] = []
    error, warning = Severity.ERROR, Severity.WARNING
    for indicator in form:
        ref = f"{{{indicator.code}}}"
        if indicator.kind.is_header:
            checks.append(_derived_check("F4", f"not filled({ref})", warning))
            parts = [c for c in form.children(indicator.code) if c.is_count]
            if parts:
                total = ", ".join(f"{{{p.code}}}" for p in parts)
                checks.append(
                    _derived_check("R19", f"{ref} == sum({total})", warning, when=f"present({ref})")
                )
            continue
        if indicator.is_percent:
            if indicator.temporal is Temporal.CUMULATIVE:
                checks.append(_derived_check("F1", f"{ref} <= 100", error))
                checks.append(_derived_check("F1.reduction", f"{ref} >= 0", warning))
            else:
                checks.append(_derived_check("F1", f"0 <= {ref} <= 100", error))
        elif indicator.is_count:
            checks.append(_derived_check("F2", f"{ref} >= 0", error))
        elif indicator.codes is not None:
            values = ", ".join(str(v) for v in indicator.codes.values)
            checks.append(_derived_check("F3", f"{ref} in [{values}]", error))
        elif indicator.kind is IndicatorKind.SCORE:
            checks.append(_derived_check("F10", f"{ref} >= 0", error))
            checks.append(_derived_check("F10", f"{ref} <= max_points({ref})", error))
        if indicator.breakdown is not None and indicator.code not in named:
            check_ = _derived_check("breakdown", f"breakdown({ref})", error)
            checks.append(attrs.evolve(check_, missing=MissingPolicy.FAIL))
    checks.append(_derived_check("F9", "own_report()", warning))
    return checks


# -- instantiation for one kind of reporter ------------------------------------------------


@attrs.frozen(kw_only=True)
class _Instance:
    """A check made concrete for one reporter profile and policy."""

    check: Check
    test: Node | None
    when: Node | None
    na: tuple[str, str] | None = None  # why it does not apply (vi, en), decided statically
    # Worked out once, for the explanations: the codes, and the expression for people.
    indicators: tuple[str, ...] = attrs.field(init=False)
    display: tuple[str, str] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        nodes = [n for n in (self.when, self.test) if n is not None]
        found = [n.code for node in nodes for n in walk(node) if isinstance(n, Ref)]
        object.__setattr__(self, "indicators", tuple(dict.fromkeys(found)) or self.check.codes)
        display = ("", "")
        if self.test is not None:
            test_vi = unparse(self.test, pretty=True)
            test_en = unparse(self.test, pretty=True, locale="en")
            display = (test_vi, test_en)
            if self.when is not None:
                when_vi = unparse(self.when, pretty=True)
                when_en = unparse(self.when, pretty=True, locale="en")
                display = (f"khi {when_vi} thì {test_vi}", f"if {when_en} then {test_en}")
        object.__setattr__(self, "display", display)


def _transform(node: Node, fn: Any) -> Node:
    """Rebuild *node* bottom-up, letting *fn* replace any node (``None``: keep it)."""
    match node:
        case Neg(operand=o):
            node = attrs.evolve(node, operand=_transform(o, fn))
        case Not(operand=o):
            node = attrs.evolve(node, operand=_transform(o, fn))
        case InList(operand=o):
            node = attrs.evolve(node, operand=_transform(o, fn))
        case Arith(left=left, right=right):
            node = attrs.evolve(node, left=_transform(left, fn), right=_transform(right, fn))
        case Compare(operands=items):
            node = attrs.evolve(node, operands=tuple(_transform(i, fn) for i in items))
        case Logic(operands=items):
            node = attrs.evolve(node, operands=tuple(_transform(i, fn) for i in items))
        case Call(args=items):
            if node.name not in ("applies", "breakdown"):
                node = attrs.evolve(node, args=tuple(_transform(i, fn) for i in items))
        case _:
            pass
    replaced: Node | None = fn(node)
    return node if replaced is None else replaced


class _NoPartsError(Exception):
    pass


def _breakdown(form: Form, total: Indicator, na: frozenset[str]) -> Node:
    """The relation between *total* and its breakdown rows that apply to the reporter."""
    parts = [
        c
        for c in form.children(total.code)
        if c.kind is IndicatorKind.BREAKDOWN and c.code not in na
    ]
    unit_kind = total.unit.kind if total.unit else None
    same = [p for p in parts if p.unit is not None and p.unit.kind is unit_kind]
    shares = [p for p in parts if p.is_percent]
    t = Ref(total.code)
    if not same and shares and unit_kind is UnitKind.COUNT:
        # Percent rows under a count total are shares of it: together at most 100.
        return Compare((Call("sum", tuple(Ref(p.code) for p in shares)), Literal(100)), ("<=",))
    if not same:
        raise _NoPartsError
    kind = total.breakdown or BreakdownKind.INCLUDES
    refs = tuple(Ref(p.code) for p in same)
    if kind is BreakdownKind.EXHAUSTIVE:
        return Compare((t, Call("sum", refs)), ("==",))
    if kind is BreakdownKind.INCLUDES:
        return Compare((Call("sum", refs), t), ("<=",))
    return Compare((Call("max", refs), t), ("<=",))


def _instantiate(
    checks: Sequence[Check],
    form: Form,
    *,
    policy: Policy,
    defaults: Mapping[str, str],
    kind: ReporterKind,
    na: frozenset[str],
    applicability: frozenset[str] = frozenset(),
) -> tuple[_Instance, ...]:
    label = kind.label
    words = {"kind": label, "kind_en": kind.value}
    instances: list[_Instance] = []

    def expand(node: Node) -> Node | None:
        if isinstance(node, Call) and node.name in ("applies", "breakdown"):
            ref = node.args[0]
            assert isinstance(ref, Ref)  # noqa: S101 - the parser allows codes only
            if node.name == "applies":
                return Literal(ref.code not in na, node.col)
            return _breakdown(form, form[ref.code], na)
        return None

    for c in checks:
        na_reason: tuple[str, str] | None = None
        if c.reporters is not None and kind not in c.reporters:
            vi, en = _STATIC_NA["reporter"]
            na_reason = (vi.format(**words), en.format(**words))
        elif c.option is not None:
            name, value = c.option
            chosen = policy.get(name) or defaults.get(name)
            if chosen != value:
                vi, en = _STATIC_NA["option"]
                na_reason = (vi.format(name=name, value=chosen), en.format(name=name, value=chosen))
        test = when = None
        if c.test is not None and c.problem is None:
            try:
                test = _transform(c.test.root, expand)
                when = _transform(c.when.root, expand) if c.when else None
            except _NoPartsError:
                vi, en = _STATIC_NA["parts"]
                na_reason = na_reason or (vi.format(**words), en.format(**words))
        instances.append(_Instance(check=c, test=test, when=when, na=na_reason))
    # F6/F7: rows that do not apply to this reporter must be blank.
    if applicability:
        for indicator in form:
            if indicator.code in na and indicator.takes_value:
                top = indicator
                for ancestor in form.ancestors(indicator.code):
                    if ancestor.code in na:
                        top = ancestor
                rule_id = "F7" if top.depth == 1 and top is not indicator else "F6"
                if rule_id not in applicability:
                    continue
                c = _derived_check(rule_id, f"blank({{{indicator.code}}})", Severity.WARNING)
                title, title_en = DERIVED_RULES[rule_id]
                c = attrs.evolve(
                    c,
                    title=f"{title} ({label})",
                    title_en=f"{title_en} ({kind.value})",
                )
                assert c.test is not None  # noqa: S101 - built just above
                instances.append(_Instance(check=c, test=c.test.root, when=None))
    return tuple(instances)


# -- evaluation by interpretation (explanations) --------------------------------------------


def _number(value: ev.Val) -> int | Decimal | None:
    if isinstance(value, bool | str) or value is None:
        return None
    return ev.to_decimal(value)


def _comparison(node: Node, values: Mapping[int, ev.Val]) -> tuple[Node, str, Node] | None:
    """The comparison to report as left/operator/right: the first that fails, else the first."""
    candidates: list[tuple[Node, str, Node]] = []

    def collect(n: Node) -> None:
        if isinstance(n, Compare):
            candidates.extend(
                (a, op, b) for op, a, b in zip(n.ops, n.operands, n.operands[1:], strict=False)
            )
        elif isinstance(n, Logic) and n.op == "and":
            for item in n.operands:
                collect(item)

    collect(node)
    for a, op, b in candidates:
        va, vb = values.get(id(a)), values.get(id(b))
        if va is not None and vb is not None and ev.COMPARE[op](va, vb) is False:
            return a, op, b
    return candidates[0] if candidates else None


def _message(instance: _Instance, head: tuple[str, str], body: tuple[str, str]) -> tuple[str, str]:
    check = instance.check
    expr = instance.display
    title_vi = check.title or check.rule
    title_en = check.title_en or check.title or check.rule
    vi = f"{title_vi} ({expr[0]})" if expr[0] else title_vi
    en = f"{title_en} ({expr[1]})" if expr[1] else title_en
    lead_vi = f"{head[0]}: " if head[0] else ""
    lead_en = f"{head[1]}: " if head[1] else ""
    return f"{vi}: {lead_vi}{body[0]}", f"{en}: {lead_en}{body[1]}"


_Factory = Callable[..., RuleFinding]


def evaluate_instance(
    instance: _Instance, env: ev.Env, kind: ReporterKind | None = None
) -> RuleFinding:
    """Evaluate one check by interpretation, explaining the outcome."""
    check = instance.check
    base: dict[str, Any] = {
        "rule": check.rule,
        "severity": check.severity,
        "indicators": instance.indicators,
        "title": check.title,
        "expression": instance.display[0],
        "missing_policy": check.missing,
    }

    def finding(
        outcome: Outcome, head: tuple[str, str], body: tuple[str, str], **more: Any
    ) -> RuleFinding:
        message, message_en = _message(instance, head, body)
        return RuleFinding(outcome=outcome, message=message, message_en=message_en, **base, **more)

    if check.problem is not None or (instance.test is None and instance.na is None):
        problem = check.problem or "no test"
        return finding(
            Outcome.ERROR, ("không đánh giá được", "cannot be evaluated"), (problem, problem)
        )
    if instance.na is not None:
        return finding(Outcome.NOT_APPLICABLE, ("", ""), instance.na)
    assert instance.test is not None  # noqa: S101 - handled above
    try:
        return _evaluate(instance, env, finding)
    except (ArithmeticError, TypeError, ValueError, CchcError) as exc:
        text = f"{type(exc).__name__}: {exc}"
        return finding(Outcome.ERROR, ("không đánh giá được", "cannot be evaluated"), (text, text))


def _with_condition(finding: _Factory, shown: tuple[str, str]) -> _Factory:
    """Prefix the rendered condition to the body of every finding made with *finding*."""

    def with_condition(
        outcome: Outcome, head: tuple[str, str], body: tuple[str, str], **more: Any
    ) -> RuleFinding:
        joiner = ("; ", "; ") if outcome is not Outcome.FAIL else (" nhưng ", " but ")
        return finding(
            outcome,
            head,
            (shown[0] + joiner[0] + body[0], shown[1] + joiner[1] + body[1]),
            **more,
        )

    return with_condition


def _evaluate(instance: _Instance, env: ev.Env, finding: _Factory) -> RuleFinding:
    check = instance.check
    test = instance.test
    assert test is not None  # noqa: S101 - the caller checked
    if instance.when is not None:
        strict = list(dict.fromkeys(r.code for r in strict_refs(instance.when)))
        missing = ev.blank_codes(strict, env)
        if missing:
            listed = ", ".join(missing)
            return finding(
                Outcome.SKIPPED,
                ("bỏ qua", "skipped"),
                (f"điều kiện thiếu số liệu {listed}", f"the condition's {listed} blank"),
                missing=missing,
            )
        when_eval = ev.Evaluator(env)
        holds = when_eval(instance.when)
        shown = (
            ev.Renderer(when_eval.values, env, "vi").render(instance.when),
            ev.Renderer(when_eval.values, env, "en").render(instance.when),
        )
        if holds is None:
            return finding(
                Outcome.SKIPPED,
                ("bỏ qua", "skipped"),
                (
                    f"điều kiện không tính được ({shown[0]})",
                    f"the condition has no value ({shown[1]})",
                ),
            )
        if not holds:
            return finding(
                Outcome.NOT_APPLICABLE,
                ("không áp dụng", "not applicable"),
                (f"điều kiện không thỏa ({shown[0]})", f"the condition does not hold ({shown[1]})"),
            )
        finding = _with_condition(finding, shown)
    strict = list(dict.fromkeys(r.code for r in strict_refs(test)))
    missing = ev.blank_codes(strict, env)
    policy = check.missing
    zeros: frozenset[str] = frozenset()
    listed = ", ".join(missing)
    if missing and policy is MissingPolicy.SKIP_IF_ANY:
        return finding(
            Outcome.SKIPPED,
            ("bỏ qua", "skipped"),
            (f"thiếu số liệu {listed}", f"{listed} blank"),
            missing=missing,
        )
    if policy is MissingPolicy.FAIL and missing:
        all_refs = [n.code for n in walk(test) if isinstance(n, Ref)]
        if len(ev.blank_codes(all_refs, env)) == len(all_refs):
            return finding(
                Outcome.SKIPPED,
                ("bỏ qua", "skipped"),
                (f"không có số liệu nào ({listed})", f"nothing reported ({listed})"),
                missing=missing,
            )
        evaluator = ev.Evaluator(env)
        evaluator(test)
        return finding(
            Outcome.FAIL,
            (f"thiếu số liệu bắt buộc {listed}", f"required {listed} blank"),
            (
                ev.Renderer(evaluator.values, env, "vi").render(test),
                ev.Renderer(evaluator.values, env, "en").render(test),
            ),
            missing=missing,
        )
    if policy is MissingPolicy.SKIP_IF_ALL and strict:
        if len(missing) == len(strict):
            return finding(
                Outcome.SKIPPED,
                ("bỏ qua", "skipped"),
                (f"thiếu mọi số liệu {listed}", f"all of {listed} blank"),
                missing=missing,
            )
        zeros = frozenset(strict)
    elif policy is MissingPolicy.ZERO:
        zeros = frozenset(strict)
    zenv = attrs.evolve(env, zeros=zeros) if zeros else env
    evaluator = ev.Evaluator(zenv)
    result = evaluator(test)
    rendered = (
        ev.Renderer(evaluator.values, zenv, "vi").render(test),
        ev.Renderer(evaluator.values, zenv, "en").render(test),
    )
    more: dict[str, Any] = {"missing": missing}
    pair = _comparison(test, evaluator.values)
    if pair is not None:
        left, right = evaluator.values.get(id(pair[0])), evaluator.values.get(id(pair[2]))
        more.update(left=_number(left), operator=pair[1], right=_number(right))
        if _number(left) is not None and _number(right) is not None:
            more["imbalance"] = _number(ev.sub(left, right))
    if result is None:
        blank = ev.blank_codes([n.code for n in walk(test) if isinstance(n, Ref)], env)
        more["missing"] = tuple(dict.fromkeys((*missing, *blank)))
        return finding(
            Outcome.SKIPPED,
            ("bỏ qua, không tính được", "skipped, no value"),
            rendered,
            **more,
        )
    if result:
        return finding(Outcome.PASS, ("", ""), rendered, **more)
    return finding(Outcome.FAIL, ("", ""), rendered, **more)


# -- rule sets ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Program:
    instances: tuple[_Instance, ...]
    active: tuple[int, ...]
    run: Runner
    source: str
    static_na: int
    static_errors: tuple[int, ...]
    kind: ReporterKind


def _static_types(form: Form) -> Any:
    header = frozenset(i.code for i in form if i.kind.is_header)
    decimal = frozenset(
        i.code
        for i in form
        if i.unit is not None and i.unit.kind in (UnitKind.PERCENT, UnitKind.SCORE)
    )
    text = frozenset(i.code for i in form if i.unit is not None and i.unit.kind is UnitKind.TEXT)

    def type_of(code: str) -> str:
        if code in header:
            return "num"
        if code in decimal:
            return "dec"
        return "str" if code in text else "int"

    return type_of


_APPLICABILITY = frozenset({"F6", "F7"})
_BLANK = Entry()
_NO_POINTS: Mapping[str, Decimal] = FrozenMap({})
_PROFILE_LIMIT = 4096


class RuleSet:
    """The checks of a form under a policy, compiled per kind of reporter.

    Get the rule set of a form with :meth:`for_form` (cached), or build one from
    your own declarations with :meth:`from_declarations`.

    >>> import cchc
    >>> rules = RuleSet.for_form(cchc.load_form())
    >>> rules.ids[:6]
    ('R1', 'R3', 'R4', 'R5', 'R5.annual', 'R6')
    >>> [f.outcome.value for f in rules.evaluate("R5", cchc.example_report())]
    ['pass']
    """

    def __init__(
        self,
        form: Form,
        checks: Sequence[Check],
        policy: Policy | None = None,
        *,
        applicability: Iterable[str] = (),
    ) -> None:
        self.form = form
        self.checks = tuple(checks)
        # F6/F7 are made per kind of reporter, so they are switched on by name.
        self.applicability = frozenset(applicability) & _APPLICABILITY
        self.options = _declared_options(self.checks)
        self.policy = _validated(policy or Policy(), self.options)
        self.defaults = {name: values[0] for name, values in self.options.items()}
        self._types = _static_types(form)
        self._by_reporter: dict[tuple[ReporterKind, str], _Program] = {}
        self._by_profile: dict[tuple[ReporterKind, frozenset[str]], _Program] = {}

    @classmethod
    def for_form(cls, form: Form, policy: Policy | Mapping[str, str] | None = None) -> RuleSet:
        """Every declared and derived rule of *form* under *policy* (cached)."""
        if not isinstance(policy, Policy):
            policy = Policy(policy or {})
        key = (id(form), policy)
        cached = _RULESETS.get(key)
        if cached is not None and cached.form is form:
            return cached
        declared = [_declared(form, d) for d in form.rules]
        ruleset = cls(
            form, [*declared, *_derive(form, declared)], policy, applicability=_APPLICABILITY
        )
        if len(_RULESETS) > 64:
            _RULESETS.clear()
        _RULESETS[key] = ruleset
        return ruleset

    @classmethod
    def from_declarations(
        cls,
        form: Form,
        declarations: Iterable[RuleDeclaration],
        *,
        derived: bool = False,
        policy: Policy | Mapping[str, str] | None = None,
    ) -> RuleSet:
        """A rule set of your own declarations (see :func:`rule`).

        With *derived*, the rules derived from the form's metadata are added.
        """
        declared = [_declared(form, d) for d in declarations]
        extra = _derive(form, declared) if derived else []
        return cls(
            form,
            [*declared, *extra],
            policy if isinstance(policy, Policy) else Policy(policy or {}),
            applicability=_APPLICABILITY if derived else (),
        )

    @property
    def ids(self) -> tuple[str, ...]:
        """The rule ids, in declaration order (derived rules last), once each."""
        ids = dict.fromkeys(c.rule for c in self.checks)
        ids.update(dict.fromkeys(sorted(self.applicability)))
        return tuple(ids)

    def select(self, *ids: str) -> RuleSet:
        """A rule set of only the rules *ids*.

        Raises:
            UsageError: an id the rule set does not have.
        """
        known = self.ids
        unknown = [i for i in ids if i not in known]
        if unknown:
            msg = f"unknown rule {', '.join(map(repr, unknown))} (known: {', '.join(known)})"
            raise UsageError(msg)
        wanted = set(ids)
        return RuleSet(
            self.form,
            [c for c in self.checks if c.rule in wanted],
            self.policy,
            applicability=self.applicability & wanted,
        )

    def with_policy(self, policy: Policy | Mapping[str, str]) -> RuleSet:
        """The same checks under another policy."""
        return RuleSet(
            self.form,
            self.checks,
            policy if isinstance(policy, Policy) else Policy(policy),
            applicability=self.applicability,
        )

    # -- per-reporter programs

    def _program(self, reporter: Reporter) -> _Program:
        key = (reporter.kind, reporter.name)
        program = self._by_reporter.get(key)
        if program is None:
            program = self._compile_for(reporter)
            if len(self._by_reporter) >= _PROFILE_LIMIT:
                self._by_reporter.clear()
            self._by_reporter[key] = program
        return program

    def _compile_for(self, reporter: Reporter) -> _Program:
        kind = reporter.kind
        na = frozenset(i.code for i in self.form if not i.applies_to(kind, reporter.name))
        profile = (kind, na)
        program = self._by_profile.get(profile)
        if program is not None:
            return program
        instances = _instantiate(
            self.checks,
            self.form,
            policy=self.policy,
            defaults=self.defaults,
            kind=kind,
            na=na,
            applicability=self.applicability,
        )
        steps, active, static_na, static_errors = [], [], 0, []
        for index, instance in enumerate(instances):
            if instance.check.problem is not None or (
                instance.test is None and instance.na is None
            ):
                static_errors.append(index)
            elif instance.na is not None:
                static_na += 1
            else:
                assert instance.test is not None  # noqa: S101 - the branch above
                steps.append(Step(index, instance.test, instance.when, instance.check.missing))
                active.append(index)
        position = {code: n for n, code in enumerate(self.form.codes)}
        run, source = compile_steps(
            steps,
            self._types,
            name=f"{self.form.id}/{kind.value}",
            order=lambda code: position.get(code, 0),
        )
        program = _Program(
            instances=instances,
            active=tuple(active),
            run=run,
            source=source,
            static_na=static_na,
            static_errors=tuple(static_errors),
            kind=kind,
        )
        self._by_profile[profile] = program
        return program

    def source(self, reporter: Reporter | None = None) -> str:
        """The Python source generated for *reporter* (default: a department), for inspection."""
        return self._program(reporter or Reporter("?", ReporterKind.DEPARTMENT)).source

    # -- running

    def check(
        self,
        report: Report,
        *,
        max_points: Mapping[str, Decimal | int | str] | None = None,
        all_results: bool = False,
    ) -> CheckResult:
        """Run every check on *report*; see :func:`check`."""
        # This is the hot path of checking many reports: kept short on purpose.
        if report.form is not self.form and report.form != self.form:
            msg = f"the report is on form {report.form.id!r}, the rules on {self.form.id!r}"
            raise UsageError(msg)
        reporter = report.reporter
        program = self._by_reporter.get((reporter.kind, reporter.name)) or self._program(reporter)
        points = _max_points(self.form, max_points) if max_points else _NO_POINTS
        values = report.entries._dict  # the FrozenMap's own dict: no copy
        fails: list[int] = []
        errors: list[int] = []
        counts = program.run(values.get, _BLANK, fails.append, errors.append, report.period, points)
        if counts is None:
            return _interpreted(report, program, points)
        result = CheckResult(
            report,
            (
                program,
                tuple(fails),
                (*errors, *program.static_errors) if program.static_errors else tuple(errors),
                counts[0],
                counts[1] + program.static_na,
                points,
            ),
        )
        if all_results:
            result.all  # noqa: B018 - computed now, as asked
        return result

    def evaluate(
        self,
        rule_id: str,
        report: Report,
        *,
        max_points: Mapping[str, Decimal | int | str] | None = None,
    ) -> tuple[RuleFinding, ...]:
        """Every finding (pass, fail, skipped, …) of rule *rule_id* on *report*.

        Raises:
            UsageError: the rule set has no rule *rule_id*.
        """
        program = self._program(report.reporter)
        found = [i for i in program.instances if i.check.rule == rule_id]
        if not found and rule_id not in self.ids:
            msg = f"unknown rule {rule_id!r} (known: {', '.join(self.ids)})"
            raise UsageError(msg)
        env = environment(report, max_points)
        return tuple(evaluate_instance(i, env, program.kind) for i in found)


_RULESETS: dict[tuple[int, Policy], RuleSet] = {}


def _interpreted(report: Report, program: _Program, points: Mapping[str, Decimal]) -> CheckResult:
    """Every check explained by interpretation: the fallback when compiled code raised."""
    env = attrs.evolve(environment(report), max_points=points)
    findings = tuple(evaluate_instance(i, env, program.kind) for i in program.instances)
    active = set(program.active)
    by = {o: [n for n, f in enumerate(findings) if f.outcome is o] for o in Outcome}
    evaluated_na = sum(1 for n in by[Outcome.NOT_APPLICABLE] if n in active)
    run = (
        program,
        tuple(by[Outcome.FAIL]),
        tuple(by[Outcome.ERROR]),
        len(by[Outcome.SKIPPED]),
        evaluated_na + program.static_na,
        points,
    )
    result = CheckResult(report, run)
    result._cache["all"] = findings
    return result


def environment(
    report: Report, max_points: Mapping[str, Decimal | int | str] | None = None
) -> ev.Env:
    """The evaluation environment of *report*."""
    points = _max_points(report.form, max_points) if max_points else _NO_POINTS
    return ev.Env(entries=report.entries, period=report.period, max_points=points)


def _max_points(form: Form, given: Mapping[str, Decimal | int | str]) -> Mapping[str, Decimal]:
    points: dict[str, Decimal] = {}
    for code, value in given.items():
        indicator = form.get(code)
        if indicator is None:
            msg = f"max_points names unknown indicator {code!r}"
            raise UsageError(msg)
        if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
            kind = type(value).__name__
            msg = f"max_points[{code!r}] must be a whole number or a Decimal, not {kind}"
            raise UsageError(msg)
        try:
            number = Decimal(value)
        except ArithmeticError:
            msg = f"max_points[{code!r}] is not a number: {value!r}"
            raise UsageError(msg) from None
        if not Decimal(number).is_finite() or number <= 0:
            msg = f"max_points[{code!r}] must be a positive number, not {value!r}"
            raise UsageError(msg)
        points[code] = Decimal(number)
    return FrozenMap(points)


def _declared_options(checks: Sequence[Check]) -> dict[str, tuple[str, ...]]:
    options: dict[str, list[str]] = {}
    for c in checks:
        if c.option is not None:
            values = options.setdefault(c.option[0], [])
            if c.option[1] not in values:
                values.append(c.option[1])
    return {name: tuple(values) for name, values in options.items()}


def _validated(policy: Policy, options: Mapping[str, tuple[str, ...]]) -> Policy:
    for name, value in policy.options.items():
        if name not in options:
            known = ", ".join(options) or "none"
            msg = f"unknown option {name!r} (this form's options: {known})"
            raise UsageError(msg)
        if value not in options[name]:
            msg = f"option {name!r} takes {', '.join(map(repr, options[name]))}, not {value!r}"
            raise UsageError(msg)
    return policy


# -- the front door ----------------------------------------------------------------------


def check(
    report: Report,
    *,
    options: Mapping[str, str] | Policy | None = None,
    max_points: Mapping[str, Decimal | int | str] | None = None,
    rules: RuleSet | Iterable[str | RuleDeclaration] | None = None,
    all_results: bool = False,
) -> CheckResult:
    """Check a report: its reading diagnostics and every rule of its form.

    Args:
        report: the report.
        options: the policy for rules with two readings, e.g.
            ``{"autonomy": "cumulative"}`` (see :class:`Policy`).
        max_points: the maximum points of score rows, from the scoring scheme of
            the year, e.g. ``{"7.1.5": Decimal(10)}``; without it F10's upper bound
            and the score ratios have no value.
        rules: the rules to run: a :class:`RuleSet`, rule ids of the form
            (``["R1", "F1"]``) or your own declarations (see :func:`rule`);
            default every declared and derived rule of the form.
        all_results: evaluate the full explanation of every check at once
            (passes and skips too); otherwise only failures become findings, and
            :attr:`CheckResult.all` is computed when first asked for.

    Returns:
        A :class:`~cchc.results.CheckResult`: iterate it for the findings
        (reading diagnostics and rule failures).

    Raises:
        UsageError: an unknown option, rule id or ``max_points`` entry.

    >>> import cchc
    >>> from decimal import Decimal
    >>> result = cchc.check(cchc.example_report(), options={"autonomy": "cumulative"})
    >>> result.get("R24")
    ()
    >>> cchc.check(cchc.example_report(), options={"autonomy": "both"})
    Traceback (most recent call last):
    ...
    cchc.errors.UsageError: option 'autonomy' takes 'exclusive', 'cumulative', not 'both'
    """
    if options is None and rules is None:
        # The common call: the form's own rules under the default policy.
        form = report.form
        ruleset = _DEFAULTS.get(id(form))
        if ruleset is None or ruleset.form is not form:
            if len(_DEFAULTS) > 64:
                _DEFAULTS.clear()
            ruleset = _DEFAULTS[id(form)] = RuleSet.for_form(form)
    else:
        ruleset = _ruleset(report.form, options, rules)
    return ruleset.check(report, max_points=max_points, all_results=all_results)


_DEFAULTS: dict[int, RuleSet] = {}


def _ruleset(
    form: Form,
    options: Mapping[str, str] | Policy | None,
    rules: RuleSet | Iterable[str | RuleDeclaration] | None,
) -> RuleSet:
    if isinstance(rules, RuleSet):
        return rules.with_policy(options) if options else rules
    base = RuleSet.for_form(form, options)
    if rules is None:
        return base
    items = list(rules)
    ids = [r for r in items if isinstance(r, str)]
    declarations = [r for r in items if isinstance(r, RuleDeclaration)]
    if len(ids) + len(declarations) != len(items):
        msg = "rules= takes a RuleSet, rule ids or RuleDeclarations"
        raise UsageError(msg)
    selected = base.select(*ids) if ids else RuleSet(form, (), base.policy)
    own = [_declared(form, d) for d in declarations]
    return RuleSet(
        form, [*selected.checks, *own], base.policy, applicability=selected.applicability
    )


@functools.cache
def _builtin_ids() -> tuple[str, ...]:
    from cchc.forms import load_form  # noqa: PLC0415 - forms sits above rules

    return RuleSet.for_form(load_form()).ids


def rule_ids(form: Form | None = None) -> tuple[str, ...]:
    """The ids of every rule of *form* (default: the built-in Phụ lục 2B).

    >>> ids = rule_ids()
    >>> ids[0], "F1" in ids, "R24" in ids
    ('R1', True, True)
    """
    if form is None:
        return _builtin_ids()
    return RuleSet.for_form(form).ids


def evaluate(
    rule_id: str,
    report: Report,
    *,
    options: Mapping[str, str] | Policy | None = None,
    max_points: Mapping[str, Decimal | int | str] | None = None,
) -> tuple[RuleFinding, ...]:
    """Every finding of one rule on *report*, whatever the outcome.

    >>> import cchc
    >>> [
    ...     (f.outcome.value, f.left, f.operator, f.right)
    ...     for f in evaluate("R1", cchc.example_report())
    ... ]
    [('pass', 41, '<=', 49)]
    """
    return RuleSet.for_form(report.form, options).evaluate(rule_id, report, max_points=max_points)
