"""Drawing steps derived from a form's declared and derived rules (pure: no hypothesis).

Each rule is read as arithmetic over rows and turned into :class:`Step` s that
make it hold by construction:

* ``{a} <= {b} + {c}`` draws *a* at most *b + c* (several rows on the left are
  drawn one after another below what is left);
* ``{t} == {a} + {b}`` computes *t* from its parts, or, when *t* is already
  drawn, draws the parts below it and computes the last one;
* ``breakdown({t})`` is read as the relation the form declares for *t*;
* ``agrees({r}, {n} / {d} * 100)`` computes the entered rate *r* from its
  operands, rounded to hundredths (within the tolerance ``agrees`` allows);
* ``when {a} == 0`` with a test that some rows are zero makes those rows zero
  when *a* is; any other condition is honoured by making the test hold always;
* bounds a row's unit already gives (``{x} >= 0``, a percentage ``<= 100``, a
  code in its legend) need no step.

Error-severity rules are read first, inequalities before equalities (a total
bounded from above is then split among its parts); warning-severity rules
afterwards, and only where they do not disturb what the error rules need.  An
error rule that cannot be read so is reported in :attr:`Derivation.unconstructed`
with the reason, never silently left to chance.

>>> import cchc
>>> derived = derive_steps(cchc.load_form())
>>> derived.steps["1.1.2"].how, derived.steps["1.1.2"].plus
('at_most', ('1.1.1',))
>>> derived.unconstructed
()
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from cchc.expressions import (
    Arith,
    Call,
    Compare,
    InList,
    Literal,
    Logic,
    Neg,
    Node,
    Ref,
    walk,
)
from cchc.findings import Severity
from cchc.model import Applicability, BreakdownKind, Form, IndicatorKind, ReporterKind
from cchc.strategies._plan import HUNDRED_PERCENT, Domain, Step, domain_of
from cchc.units import UnitKind

if TYPE_CHECKING:
    from cchc.rules import Check

__all__ = ["Derivation", "derive_steps"]

_NUMERIC: Final = frozenset({Domain.COUNT, Domain.HUNDREDTHS, Domain.SCORE})
_SCALE: Final = {Domain.COUNT: 1, Domain.HUNDREDTHS: 100, Domain.SCORE: 100}


class _UnsupportedError(Exception):
    """A rule, or part of one, that the derivation cannot construct (the message says why)."""


@attrs.frozen
class Derivation:
    """The steps derived from a form's rules.

    Attributes:
        steps: code → step, for every value row.
        unconstructed: ``(rule id, reason)`` for each error-severity rule the
            steps do not make hold, in the rule engine's order.
    """

    steps: Mapping[str, Step]
    unconstructed: tuple[tuple[str, str], ...]


@attrs.frozen
class _Lin:
    """A sum of rows and a constant: ``const + Σ plus − Σ minus`` (const unscaled)."""

    plus: tuple[str, ...] = ()
    minus: tuple[str, ...] = ()
    const: Decimal = Decimal(0)

    def __add__(self, other: _Lin) -> _Lin:
        return _Lin(self.plus + other.plus, self.minus + other.minus, self.const + other.const)

    def __neg__(self) -> _Lin:
        return _Lin(self.minus, self.plus, -self.const)


def _lin(node: Node) -> _Lin:
    """*node* as a sum of rows, or :class:`_UnsupportedError`."""
    match node:
        case Ref(code=code):
            return _Lin(plus=(code,))
        case Literal(value=value) if isinstance(value, int | Decimal) and not isinstance(
            value, bool
        ):
            return _Lin(const=Decimal(value))
        case Neg(operand=operand):
            return -_lin(operand)
        case Arith(op="+", left=left, right=right):
            return _lin(left) + _lin(right)
        case Arith(op="-", left=left, right=right):
            return _lin(left) + -_lin(right)
        case Call(name="sum", args=args):
            total = _Lin()
            for arg in args:
                total = total + _lin(arg)
            return total
        case Call(name="coalesce", args=(Ref() as first, *_)):
            # Rows linked by an error rule are filled together: the first is there.
            return _lin(first)
    msg = f"'{_text(node)}' is not a sum of rows"
    raise _UnsupportedError(msg)


def _text(node: Node) -> str:
    from cchc.expressions import unparse  # noqa: PLC0415 - only for messages

    return unparse(node)


class _Deriver:
    """Accumulates steps rule by rule; ``strict`` says whether the rule is an error."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.steps: dict[str, Step] = {i.code: Step(code=i.code) for i in form.value_indicators}
        self.strict = True

    # -- what is known about a row ---------------------------------------------------

    def domain(self, codes: Iterable[str]) -> Domain:
        domains: set[Domain | None] = set()
        for code in codes:
            indicator = self.form.get(code)
            if indicator is None or code not in self.steps:
                msg = f"{code} is not a value row"
                raise _UnsupportedError(msg)
            domains.add(domain_of(indicator))
        if not domains <= _NUMERIC:
            msg = "it compares rows that do not hold numbers"
            raise _UnsupportedError(msg)
        if len(domains) > 1:
            msg = "it compares rows of different units"
            raise _UnsupportedError(msg)
        found = domains.pop() if domains else Domain.COUNT
        return found if found is not None else Domain.COUNT

    def free(self, code: str, *, zero_ok: bool = False) -> bool:
        step = self.steps[code]
        return step.how == "free" and (zero_ok or step.zero_if is None)

    def depends(self, code: str, on: str) -> bool:
        """Whether drawing *code* needs *on* drawn first."""
        seen: set[str] = set()
        stack = [code]
        while stack:
            current = stack.pop()
            if current == on:
                return True
            if current in seen or current not in self.steps:
                continue
            seen.add(current)
            stack.extend(self.steps[current].refs)
        return False

    def bounded(self, code: str, by: str) -> bool:
        """Whether the steps already make ``code <= by``."""
        seen: set[str] = set()
        while code not in seen:
            if code == by:
                return True
            seen.add(code)
            step = self.steps.get(code)
            if step is None or step.const is not None or len(step.plus) != 1:
                return False
            if step.how not in ("at_most", "exactly", "sum") or not step.strict:
                return False
            code = step.plus[0]
        return False

    def within(self, code: str, limit: Decimal) -> bool:
        """Whether the steps keep *code* at most *limit* (in the row's unit)."""
        indicator = self.form[code]
        domain = domain_of(indicator)
        step = self.steps[code]
        if domain is Domain.HUNDREDTHS and limit >= 100 and step.how in ("free", "at_most"):
            return True
        if step.how == "at_most" and step.const is not None and not step.plus:
            return step.const <= limit * _SCALE.get(domain or Domain.COUNT, 1)
        if step.how in ("at_most", "exactly") and len(step.plus) == 1 and step.const is None:
            return self.within(step.plus[0], limit)
        if step.how == "rate" and len(step.plus) == 1:
            # n ≤ one of the rows it is divided by: the rate is at most its factor.
            under = any(self.bounded(step.plus[0], d) for d in step.over)
            return under and limit >= (step.const or 0)
        return False

    # -- committing steps --------------------------------------------------------------

    def assign(self, step: Step) -> None:
        for ref in step.refs:
            if self.depends(ref, step.code):
                msg = f"{step.code} would be drawn from rows drawn from it ({ref})"
                raise _UnsupportedError(msg)
        old = self.steps[step.code]
        if old.zero_if is not None and step.zero_if is None:
            step = attrs.evolve(step, zero_if=old.zero_if)
        if self.strict or old.how == "free":
            self.steps[step.code] = attrs.evolve(step, strict=self.strict)
        elif attrs.evolve(old, zero_if=step.zero_if) == step:
            # A warning may add "zero with …" to an error's bound: zero is below any bound.
            self.steps[step.code] = step
        else:
            msg = f"{step.code} is already drawn for an error-severity rule"
            raise _UnsupportedError(msg)

    # -- reading rules -----------------------------------------------------------------

    def rule(self, test: Node, when: Node | None) -> None:
        if when is not None and self.zero_when(test, when):
            return
        if when is not None and not self.strict:
            msg = "a condition of a warning is not constructed"
            raise _UnsupportedError(msg)
        # Any other condition: make the test hold whether or not it applies.
        self.boolean(test)

    def zero_when(self, test: Node, when: Node) -> bool:
        """``when {a} == 0`` and a test that rows are zero: those rows are zero with *a*."""
        if not (
            isinstance(when, Compare)
            and when.ops == ("==",)
            and isinstance(when.operands[0], Ref)
            and isinstance(when.operands[1], Literal)
            and when.operands[1].value == 0
        ):
            return False
        base = when.operands[0].code
        zeros = [_zero_row(node) for node in _conjuncts(test)]
        if any(z is None for z in zeros):
            return False
        for code in zeros:
            assert code is not None  # noqa: S101 - checked just above
            step = self.steps.get(code)
            if step is None or step.zero_if is not None or step.how not in ("free", "at_most"):
                msg = f"{code} is already drawn another way"
                raise _UnsupportedError(msg)
            self.assign(attrs.evolve(step, zero_if=base))
        return True

    def boolean(self, node: Node) -> None:
        match node:
            case Logic(op="and", operands=operands):
                for operand in operands:
                    self.boolean(operand)
            case Logic(op="or", operands=operands):
                self.either(operands)
            case Compare(operands=operands, ops=ops):
                for left, op, right in zip(operands, ops, operands[1:], strict=False):
                    self.compare(left, op, right)
            case Call(name="breakdown", args=(Ref(code=code),)):
                self.breakdown(code)
            case Call(name="agrees", args=(Ref(code=code), computed)):
                self.rate(code, computed)
            case InList(operand=Ref(code=code), values=values, negated=False):
                legend = self.form[code].codes
                if legend is None or not set(legend.values) <= set(values):
                    msg = f"{code} may hold a code outside {list(values)}"
                    raise _UnsupportedError(msg)
            case _:
                msg = f"'{_text(node)}' is not a comparison of sums of rows"
                raise _UnsupportedError(msg)

    def either(self, operands: Sequence[Node]) -> None:
        reasons = []
        for operand in operands:
            saved = dict(self.steps)
            try:
                self.boolean(operand)
            except _UnsupportedError as exc:
                self.steps = saved
                reasons.append(str(exc))
            else:
                return
        raise _UnsupportedError("; ".join(reasons))

    def compare(self, left: Node, op: str, right: Node) -> None:
        if op in (">=", ">"):
            left, right, op = right, left, "<=" if op == ">=" else "<"
        if op == "<=" and self.extreme(left, right):
            return
        if op not in ("<=", "=="):
            msg = f"'{op}' is not constructed (only ≤, ≥ and ==)"
            raise _UnsupportedError(msg)
        lin_left, lin_right = _lin(left), _lin(right)
        # Σ lhs ⋚ Σ rhs + c, every term with a plus sign.
        lhs = lin_left.plus + lin_right.minus
        rhs = lin_right.plus + lin_left.minus
        const = lin_right.const - lin_left.const
        domain = self.domain((*lhs, *rhs))
        scaled = const * _SCALE[domain]
        if scaled != int(scaled):
            msg = "its constant is finer than the rows' unit"
            raise _UnsupportedError(msg)
        if op == "<=":
            self.at_most(lhs, rhs, int(scaled), domain)
        else:
            self.equal(lhs, rhs, int(scaled))

    def extreme(self, left: Node, right: Node) -> bool:
        """``min(…) >= c`` with c ≤ 0, or ``max(…) <= c``: each row on its own."""
        if isinstance(right, Call) and right.name == "min" and _lin(left).plus == ():
            if _lin(left).minus or _lin(left).const > 0:
                return False
            self.domain(_refs(right.args))
            return True
        if isinstance(left, Call) and left.name == "max" and _lin(right).plus == ():
            limit = _lin(right).const
            for code in _refs(left.args):
                self.compare(Ref(code), "<=", Literal(limit))
            return True
        # A score's maximum is given to check() or not at all: scores are drawn
        # up to the strategy's max_score, which a caller keeps within it.
        return isinstance(right, Call) and right.name == "max_points"

    def at_most(self, lhs: Sequence[str], rhs: Sequence[str], const: int, domain: Domain) -> None:
        if not lhs:
            if const >= 0:
                return  # rows are never negative
            msg = "it needs rows above a positive constant"
            raise _UnsupportedError(msg)
        if len(lhs) == 1 and not rhs and self.within(lhs[0], Decimal(const) / _SCALE[domain]):
            return
        if len(lhs) == 1 and len(rhs) == 1 and const >= 0 and self.bounded(lhs[0], rhs[0]):
            return
        if all(self.free(c, zero_ok=True) for c in lhs):
            for n, code in enumerate(lhs):
                self.assign(
                    Step(
                        code=code,
                        how="at_most",
                        plus=tuple(rhs),
                        minus=tuple(lhs[:n]),
                        const=const or None,
                        zero_if=self.steps[code].zero_if,
                    )
                )
            return
        if len(rhs) == 1 and self.free(rhs[0]) and const <= 0:
            # The bound is drawn after what it bounds: at least their sum.
            self.assign(Step(code=rhs[0], how="sum_plus", plus=tuple(lhs)))
            if const < 0:
                msg = "it needs a margin the plan does not draw"
                raise _UnsupportedError(msg)
            return
        msg = f"{', '.join(lhs)} already drawn another way"
        raise _UnsupportedError(msg)

    def equal(self, lhs: Sequence[str], rhs: Sequence[str], const: int) -> None:
        for total, parts, extra in ((lhs, rhs, const), (rhs, lhs, -const)):
            if len(total) != 1:
                continue
            (code,) = total
            if code in parts:
                continue
            if self.free(code) and extra >= 0 and parts:
                self.assign(
                    Step(code=code, how="exactly" if extra else "sum", plus=tuple(parts),
                         const=extra or None)
                )  # fmt: skip
                return
            if extra == 0 and parts and all(self.splittable(p, code) for p in parts):
                # The last part takes what is left: it must be there whenever the total is.
                *first, last = parts
                for n, part in enumerate(first):
                    self.assign(
                        Step(code=part, how="at_most", plus=(code,), minus=tuple(first[:n]),
                             zero_if=self.steps[part].zero_if)
                    )  # fmt: skip
                self.assign(Step(code=last, how="exactly", plus=(code,), minus=tuple(first)))
                return
        if len(lhs) == 1 and len(rhs) == 1 and const == 0:
            a, b = lhs[0], rhs[0]
            if self.same(a, b):
                return
        msg = "both sides are already drawn another way"
        raise _UnsupportedError(msg)

    def same(self, a: str, b: str) -> bool:
        step_a, step_b = self.steps[a], self.steps[b]
        return (step_a.how in ("exactly", "sum") and step_a.plus == (b,) and not step_a.minus) or (
            step_b.how in ("exactly", "sum") and step_b.plus == (a,) and not step_b.minus
        )

    def splittable(self, part: str, total: str) -> bool:
        """Whether *part* may be drawn below *total* (free, or bounded by what bounds it).

        Parts must be reported by whoever reports the total: a part left blank
        would not take its share.
        """
        if not _covers(self.form[part].reporters, self.form[total].reporters):
            return False
        step = self.steps[part]
        if step.how == "free":
            return not self.depends(total, part)
        if step.how != "at_most" or step.minus or step.const is not None or len(step.plus) != 1:
            return False
        return self.bounded(total, step.plus[0]) and not self.depends(total, part)

    def breakdown(self, code: str) -> None:
        total = self.form[code]
        parts = [c for c in self.form.children(code) if c.kind is IndicatorKind.BREAKDOWN]
        unit_kind = total.unit.kind if total.unit else None
        same = [p.code for p in parts if p.unit is not None and p.unit.kind is unit_kind]
        shares = [p.code for p in parts if p.is_percent]
        if not same and shares and unit_kind is UnitKind.COUNT:
            self.at_most(shares, (), HUNDRED_PERCENT, Domain.HUNDREDTHS)
            return
        if not same:
            return
        domain = self.domain((code, *same))
        kind = total.breakdown or BreakdownKind.INCLUDES
        if kind is BreakdownKind.EXHAUSTIVE:
            self.equal((code,), same, 0)
        elif kind is BreakdownKind.INCLUDES:
            if self.free(code):
                self.assign(Step(code=code, how="sum_plus", plus=tuple(same)))
            else:
                self.at_most(same, (code,), 0, domain)
        else:
            for part in same:
                self.at_most((part,), (code,), 0, domain)

    def rate(self, code: str, computed: Node) -> None:
        """An entered rate computed from ``numerator / denominator * factor``."""
        numerator, denominator, factor = _ratio(computed)
        if domain_of(self.form[code]) not in (Domain.HUNDREDTHS, Domain.SCORE):
            msg = f"the entered rate {code} is not a percentage or a score"
            raise _UnsupportedError(msg)
        self.domain((*numerator.plus, *numerator.minus, *denominator.plus, *denominator.minus))
        if numerator.minus or denominator.minus or numerator.const or denominator.const:
            msg = "its ratio is not a sum of rows over a sum of rows"
            raise _UnsupportedError(msg)
        if not self.free(code):
            msg = f"the entered rate {code} is already drawn another way"
            raise _UnsupportedError(msg)
        self.assign(
            Step(code=code, how="rate", plus=numerator.plus, over=denominator.plus, const=factor)
        )


def _covers(part: Applicability, total: Applicability) -> bool:
    """Whether a row reported as *part* is there wherever one reported as *total* is."""
    if not total.kinds <= part.kinds:
        return False
    named = set(total.departments) - set(part.departments)
    return not named or ReporterKind.DEPARTMENT in part.kinds


def _ratio(node: Node) -> tuple[_Lin, _Lin, int]:
    """``n / d * f``, ``n * f / d`` or ``n / d`` as (n, d, f)."""
    match node:
        case Arith(op="*", left=Arith(op="/", left=n, right=d), right=Literal(value=f)):
            pass
        case Arith(op="/", left=Arith(op="*", left=n, right=Literal(value=f)), right=d):
            pass
        case Arith(op="/", left=n, right=d):
            f = 1
        case _:
            msg = f"'{_text(node)}' is not a ratio of rows"
            raise _UnsupportedError(msg)
    if not isinstance(f, int) or isinstance(f, bool) or f <= 0:
        msg = "its factor is not a positive whole number"
        raise _UnsupportedError(msg)
    return _lin(n), _lin(d), f


def _refs(nodes: Iterable[Node]) -> list[str]:
    codes = []
    for node in nodes:
        if not isinstance(node, Ref):
            msg = f"'{_text(node)}' is not a row"
            raise _UnsupportedError(msg)
        codes.append(node.code)
    return codes


def _conjuncts(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Logic) and node.op == "and":
        return tuple(n for operand in node.operands for n in _conjuncts(operand))
    return (node,)


def _zero_row(node: Node) -> str | None:
    """The row a test says is zero (``{b} == 0``, ``coalesce({b}, 0) == 0``), if it says so."""
    if not (isinstance(node, Compare) and node.ops == ("==",)):
        return None
    left, right = node.operands
    if isinstance(left, Literal):
        left, right = right, left
    if not (isinstance(right, Literal) and right.value == 0 and not isinstance(right.value, bool)):
        return None
    if isinstance(left, Call) and left.name == "coalesce" and len(left.args) == 2:
        fallback = left.args[1]
        if isinstance(fallback, Literal) and fallback.value == 0:
            left = left.args[0]
    return left.code if isinstance(left, Ref) else None


def derive_steps(form: Form, readings: Mapping[str, str] | None = None) -> Derivation:
    """The drawing steps that make *form*'s rules hold under the policy *readings*.

    Args:
        form: the form.
        readings: the policy options of :func:`cchc.check` (``{"autonomy":
            "cumulative"}``); an option not given takes its default, the first
            value the form declares for it.

    Returns:
        The steps, and the error-severity rules they leave unconstructed.
    """
    from cchc.rules import RuleSet  # noqa: PLC0415 - rules sit above the plan's users

    ruleset = RuleSet.for_form(form, dict(readings or {}))
    chosen = {**ruleset.defaults, **ruleset.policy.options}
    deriver = _Deriver(form)
    errors = [c for c in ruleset.checks if c.severity is Severity.ERROR]
    warnings = [c for c in ruleset.checks if c.severity is not Severity.ERROR]

    def inequality_first(check: Check) -> int:
        if check.test is None:
            return 0
        for node in walk(check.test.root):
            if isinstance(node, Compare) and "==" in node.ops:
                return 1
            if isinstance(node, Call) and node.name == "breakdown":
                return 1
        return 0

    unconstructed: dict[str, str] = {}
    for strict, checks in ((True, sorted(errors, key=inequality_first)), (False, warnings)):
        deriver.strict = strict
        for check in checks:
            if check.option is not None and chosen.get(check.option[0]) != check.option[1]:
                continue
            if check.test is None:
                if strict:
                    unconstructed.setdefault(check.rule, check.problem or "it has no test")
                continue
            saved = dict(deriver.steps)
            try:
                deriver.rule(check.test.root, check.when.root if check.when else None)
            except _UnsupportedError as exc:
                deriver.steps = saved
                if strict:
                    unconstructed.setdefault(check.rule, str(exc))
    for entered, computed in _ratios_entered(form):
        saved = dict(deriver.steps)
        deriver.strict = False
        try:
            deriver.rate(entered, computed)
        except _UnsupportedError:
            deriver.steps = saved
    order = {rule: n for n, rule in enumerate(ruleset.ids)}
    gaps = tuple(sorted(unconstructed.items(), key=lambda item: order.get(item[0], 0)))
    return Derivation(steps=deriver.steps, unconstructed=gaps)


def _ratios_entered(form: Form) -> list[tuple[str, Node]]:
    """``(entered row, n / d * factor)`` for each declared ratio with an entered rate."""
    from cchc.expressions import parse  # noqa: PLC0415

    found: list[tuple[str, Node]] = []
    for ratio in form.ratios:
        if ratio.entered is None:
            continue
        node = Arith(
            "*",
            Arith("/", parse(ratio.numerator).root, parse(ratio.denominator).root),
            Literal(ratio.factor),
        )
        found.append((ratio.entered, node))
    return found
