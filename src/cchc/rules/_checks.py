"""The checks of a form: declared rules parsed, derived rules made, both made concrete.

Internal to :mod:`cchc.rules`, which re-exports the public names.  A *check* is
one rule applied to specific rows (F1 over 28 rows is 28 checks); an *instance* is
a check made concrete for one kind of reporter and one policy: ``applies()`` and
``breakdown()`` expanded, options and reporter kinds decided.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from cchc.errors import ExpressionError
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
    unparse,
    walk,
)
from cchc.expressions import parse as parse_expression
from cchc.findings import Finding, Severity
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
from cchc.units import UnitKind
from cchc.values import FrozenMap

__all__ = ["DERIVED_RULES", "Check", "Policy", "RuleFinding"]

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


@attrs.frozen(kw_only=True, repr=False)  # Finding's short repr
class RuleFinding(Finding):
    """A :class:`~cchc.Finding` of a rule, with what produced it.

    Attributes:
        title: the rule's title in Vietnamese.
        expression: the rule as evaluated, for people: its condition and test,
            ``breakdown()`` expanded (``khi 7.1.8.2 > 0 thì 3.2.3 > 0``).
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
