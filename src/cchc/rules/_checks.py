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
        "Mục không áp dụng cho loại đơn vị báo cáo này phải để trống",
        "A section that does not apply to this kind of reporter is blank",
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
        "Số liệu ghi trên dòng tiêu đề phải bằng tổng các dòng con (mẫu ghi rõ các dòng con "
        "cộng lại)",
        "A value typed on a header row equals the sum of its rows (where the form says they "
        "add up)",
    ),
    "breakdown": (
        "Tổng số và các dòng 'Trong đó' khớp nhau",
        "A total and its 'Trong đó' rows agree",
    ),
    "P1": (
        "Tỷ lệ phần trăm không bị ghi dạng số thập phân (0,9862 thay cho 98,62)",
        "A percentage is not typed as a fraction (0.9862 for 98.62)",
    ),
    "P2": (
        "Số đếm không bị ghi bằng tỷ lệ phần trăm",
        "A count is not typed as the percentage",
    ),
}
"""The rules cchc derives from a form's metadata: id → (Vietnamese, English) title.

``F1.reduction`` is the warning half of F1 on "so với năm 2015" rates; ``breakdown``
covers any total with breakdown rows that no declared rule names."""

_DERIVED_MESSAGES: Mapping[str, tuple[str, str]] = {
    "F1": (
        "Tỷ lệ ở dòng {row} là {value}%, nằm ngoài khoảng 0–100%",
        "The percentage in row {row} is {value}%, outside 0–100%",
    ),
    "F1.reduction": (
        "Tỷ lệ cắt giảm so với năm 2015 ở dòng {row} là {value}%, tức là tăng so với năm 2015",
        "The reduction rate against 2015 in row {row} is {value}%: the number grew since 2015",
    ),
    "F2": (
        "Số liệu ở dòng {row} là {value}, số đếm không được âm",
        "The count in row {row} is {value}; a count is never negative",
    ),
    "P1": (
        "Tỷ lệ ở dòng {row} là {value}%, trong khi các tỷ lệ cùng mục hoặc các số đếm của "
        "chính chỉ tiêu này lớn hơn khoảng 100 lần; có thể đã ghi dạng số thập phân "
        "thay cho phần trăm (0,9862 thay cho 98,62)",
        "The percentage in row {row} is {value}%, while the rates of its section or its own "
        "counts are about 100 times more; perhaps a fraction was typed for a percentage "
        "(0.9862 for 98.62)",
    ),
}
"""Failure messages of derived rules whose test the generic sentence says badly."""

_KIND_EN: Mapping[ReporterKind, str] = {
    ReporterKind.DEPARTMENT: "a department",
    ReporterKind.DISTRICT: "a district People's Committee",
    ReporterKind.COMMUNE: "a commune People's Committee",
    ReporterKind.CENTRAL: "a central agency",
    ReporterKind.PROVINCE: "the province",
}

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
            ``breakdown()`` expanded (``khi 7.1.8.2 > 0 thì 3.2.3 > 0``).  The
            message says the same in plain words.
        missing_policy: the missing-value policy the rule ran under.
        working: the test with its values written in (``100 + 10 = 110 > 100``),
            for ``cchc check --verbose``; empty when the test was not evaluated.
    """

    title: str = ""
    expression: str = ""
    missing_policy: MissingPolicy | None = None
    working: str = ""


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
        message: the (Vietnamese, English) template of its failure message, with
            named placeholders (see :mod:`cchc.rules._sentence`); ``None``: the
            message is built from the test.
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
    message: tuple[str, str] | None = None

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
        message=(declaration.message, declaration.message_en)
        if declaration.message and declaration.message_en
        else None,
    )


def _derived_check(
    rule_id: str, test: str, severity: Severity, *, when: str | None = None
) -> Check:
    rule = rule_id.split(":", maxsplit=1)[0]
    title, title_en = DERIVED_RULES[rule]
    return Check(
        rule=rule,
        severity=severity,
        test=parse_expression(test),
        when=parse_expression(when) if when else None,
        title=title,
        title_en=title_en,
        derived=True,
        message=_DERIVED_MESSAGES.get(rule),
    )


def _addends(node: Node) -> frozenset[str] | None:
    """The codes a side adds up (``{a} + {b}``, ``sum({a}, {b})``), ``None`` if not a sum."""
    match node:
        case Ref(code=code):
            return frozenset({code})
        case Arith(op="+", left=left, right=right):
            a, b = _addends(left), _addends(right)
            return None if a is None or b is None else a | b
        case Call(name="sum" | "coalesce", args=args):
            found = [_addends(a) for a in args]
            if any(f is None for f in found):
                return None
            return frozenset().union(*(f for f in found if f is not None))
    return None


def _stated(declared: Sequence[Check]) -> set[tuple[str, frozenset[str]]]:
    """The (total, parts) relations the declared rules state, whatever function they use."""
    stated: set[tuple[str, frozenset[str]]] = set()
    for c in declared:
        if c.test is None:
            continue
        for node in walk(c.test.root):
            if not isinstance(node, Compare):
                continue
            for a, b in zip(node.operands, node.operands[1:], strict=False):
                for one, other in ((a, b), (b, a)):
                    if isinstance(one, Ref) and (parts := _addends(other)) is not None:
                        stated.add((one.code, parts))
    return stated


def _derive(form: Form, declared: Sequence[Check]) -> list[Check]:
    """The rules that follow from the form's metadata (the per-reporter F6/F7 aside)."""
    named = {
        n.args[0].code
        for c in declared
        if c.test is not None
        for n in walk(c.test.root)
        if isinstance(n, Call) and n.name == "breakdown" and isinstance(n.args[0], Ref)
    }
    stated = _stated(declared)
    checks: list[Check] = []
    error, warning = Severity.ERROR, Severity.WARNING
    for indicator in form:
        ref = f"{{{indicator.code}}}"
        if indicator.kind.is_header:
            checks.append(_derived_check("F4", f"not filled({ref})", warning))
            parts = [c for c in form.children(indicator.code) if c.is_count]
            # Only where the form says the rows below add up: 4.3 lists staff assigned,
            # present and cut, whose sum means nothing.
            if parts and indicator.sums:
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
        if (
            indicator.breakdown is not None
            and indicator.code not in named
            and not _same_relation(form, indicator, stated)
        ):
            check_ = _derived_check("breakdown", f"breakdown({ref})", error)
            checks.append(attrs.evolve(check_, missing=MissingPolicy.FAIL))
    checks.extend(_plausibility(form))
    checks.append(_derived_check("F9", "own_report()", warning))
    return checks


# A rate counts as "about 100 times" another when it lies within these factors of it.
_HUNDREDFOLD = (50, 200)


def _plausibility(form: Form) -> list[Check]:
    """P1 and P2: typing slips that pass every range check (rules.md, issue 12).

    P1: a percentage in (0, 1] where the greatest of its sibling rates (else the
    rates of its section) and the rate its own counts give is about 100 times
    more (``3.4.2 = 0,9862`` next to 97 and 99).  P2: a count equal to the rate
    entered for it, where the rate and its denominator say another count (7.2.3.2
    typed as 100 with 3.3.3 = 100 and 3.1.3 = 93).
    """
    warning = Severity.WARNING
    low, high = _HUNDREDFOLD
    own: dict[str, str] = {}
    for ratio in form.ratios:
        if ratio.entered is not None:
            own[ratio.entered] = f"({ratio.numerator}) / ({ratio.denominator}) * {ratio.factor}"
    checks: list[Check] = []
    percent = [i for i in form if i.is_percent]
    for indicator in percent:
        ref = f"{{{indicator.code}}}"
        if _is_share(form, indicator) and indicator.code not in own:
            # Shares of one total complement each other: 0,5% beside 99,5% is no slip.
            continue
        # Its sibling rates; without any, the rates of its section.
        near = [o for o in percent if o is not indicator and o.parent == indicator.parent]
        if not near:
            section = _section(form, indicator)
            near = [o for o in percent if o is not indicator and _section(form, o) == section]
        others = [f"{{{o.code}}}" for o in near]
        if indicator.code in own:
            others.append(own[indicator.code])
        if not others:
            continue
        top = f"max({', '.join(others)})"
        test = f"not ({top} > 1 and {top} >= {ref} * {low} and {top} <= {ref} * {high})"
        checks.append(_derived_check("P1", test, warning, when=f"0 < {ref} <= 1"))
    for ratio in form.ratios:
        numerator = _single_ref(ratio.numerator)
        if ratio.entered is None or numerator is None or not form[numerator].is_count:
            continue
        n, r = f"{{{numerator}}}", f"{{{ratio.entered}}}"
        test = f"{n} != {r} or {n} * {ratio.factor} == {r} * ({ratio.denominator})"
        check_ = _derived_check("P2", test, warning, when=f"{n} > 0")
        rate = ratio.entered
        message = (
            f"Số đếm ở dòng {numerator} là {{{numerator}}}, đúng bằng tỷ lệ ghi ở {rate} "
            f"({{{rate}}}%), trong khi tỷ lệ đó ứng với một số đếm khác; có thể đã ghi tỷ lệ "
            "vào dòng số lượng",
            f"The count in row {numerator} is {{{numerator}}}, the very rate entered in {rate} "
            f"({{{rate}}}%), which stands for another count; perhaps the rate was typed in "
            "the count row",
        )
        checks.append(attrs.evolve(check_, message=message))
    return checks


def _is_share(form: Form, indicator: Indicator) -> bool:
    """Whether *indicator* is a percent breakdown row of a count total (7.1.6.2.a)."""
    if indicator.kind is not IndicatorKind.BREAKDOWN or indicator.parent is None:
        return False
    return form[indicator.parent].is_count


def _section(form: Form, indicator: Indicator) -> str:
    top = indicator
    for ancestor in form.ancestors(indicator.code):
        top = ancestor
    return top.code


def _single_ref(text: str) -> str | None:
    node = parse_expression(text).root
    return node.code if isinstance(node, Ref) else None


def _same_relation(form: Form, total: Indicator, stated: set[tuple[str, frozenset[str]]]) -> bool:
    """Whether a declared rule already relates *total* to its breakdown rows."""
    unit_kind = total.unit.kind if total.unit else None
    parts = frozenset(
        c.code
        for c in form.children(total.code)
        if c.kind is IndicatorKind.BREAKDOWN and c.unit is not None and c.unit.kind is unit_kind
    )
    return bool(parts) and (total.code, parts) in stated


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
                where = (f"Mục {top.code}", f"Section {top.code}")
                if rule_id == "F6":
                    where = (f"Dòng {indicator.code}", f"Row {indicator.code}")
                c = attrs.evolve(
                    c,
                    title=f"{where[0]} không áp dụng cho {label}, phải để trống",
                    title_en=f"{where[1]} does not apply to {_KIND_EN[kind]}, and is left blank",
                )
                assert c.test is not None  # noqa: S101 - built just above
                instances.append(_Instance(check=c, test=c.test.root, when=None))
    return tuple(instances)
