"""The arithmetic plan behind :mod:`cchc.strategies` (pure: no hypothesis here).

A valid report is drawn *by construction*, never by filtering: every value row
gets a :class:`Step` saying how its value follows from rows drawn before it
("at most 1.1.1", "the sum of 3.1.3.a–c", "zero when 7.1.9.1 is zero"), derived
from the form's rules by :mod:`cchc.strategies._derive`.  The
plan orders the steps so that the rows a step refers to come first, and groups
rows linked by error-severity rules into *components* that are filled or left
blank together, so that no rule ever compares a value with a blank, whatever
its missing-value policy.

Values are planned in whole *units*: a count is itself, a percentage or a score
is counted in hundredths (``Decimal("12.34")`` is 1234), a coded answer is its
code.  :func:`to_value` turns units back into the typed value of a row.

>>> import cchc
>>> plan = build_plan(cchc.load_form())
>>> step = plan.steps["1.1.2"]
>>> step.how, step.plus, step.strict
('at_most', ('1.1.1',), True)
>>> plan.unconstructed
()
>>> plan.component_of["1.1.1"] == plan.component_of["1.1.2"]
True
>>> to_value(cchc.load_form()["3.3.3"], 1234)
Decimal('12.34')
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Final, Literal

import attrs

from cchc.model import Form, Indicator, ReporterKind
from cchc.units import UnitKind
from cchc.values import Value

__all__ = [
    "Domain",
    "Plan",
    "Step",
    "build_plan",
    "domain_of",
    "to_value",
]

HUNDRED_PERCENT: Final = 10_000
"""100 % in hundredths."""


class Domain(enum.Enum):
    """The kind of whole units a row's value is planned in."""

    COUNT = "count"
    HUNDREDTHS = "hundredths"
    SCORE = "score"
    CODE = "code"
    TEXT = "text"


def domain_of(indicator: Indicator) -> Domain | None:
    """The planning domain of a value row, ``None`` for a header."""
    if not indicator.takes_value:
        return None
    if indicator.codes is not None:
        return Domain.CODE
    unit = indicator.unit
    if unit is None or unit.kind is UnitKind.TEXT:
        return Domain.TEXT
    if unit.kind is UnitKind.COUNT:
        return Domain.COUNT
    if unit.kind is UnitKind.PERCENT:
        return Domain.HUNDREDTHS
    return Domain.SCORE


def to_value(indicator: Indicator, units: int) -> Value:
    """The typed value of *units* in *indicator*'s row (hundredths become a Decimal)."""
    domain = domain_of(indicator)
    if domain in (Domain.HUNDREDTHS, Domain.SCORE):
        if units % 100 == 0:
            return Decimal(units // 100)
        return Decimal(units) / 100
    return units


@attrs.frozen(kw_only=True)
class Step:
    """How one row's value follows from rows drawn before it.

    Attributes:
        code: the row.
        how: ``"free"`` (any value of its domain), ``"at_most"`` (``0 ≤ v ≤
            const + Σplus − Σminus``), ``"exactly"`` (``v = const + Σplus −
            Σminus``), ``"sum"`` (``v = Σplus``), ``"sum_plus"`` (``v = Σplus +
            a free extra``), ``"rate"`` (``v = Σplus / Σover × const``, an
            entered rate rounded to hundredths).
        plus, minus: the rows added and subtracted.
        const: a constant term in the row's units (the factor of a rate).
        zero_if: a row whose zero makes this one zero (R33: no BCCI
            transactions, no BCCI dossiers).
        strict: whether the rows referred to must be filled together with this
            one (an error-severity link), or are used only when present (a
            warning-severity link).
        over: the denominator rows of a rate.
    """

    code: str
    how: Literal["free", "at_most", "exactly", "sum", "sum_plus", "rate"] = "free"
    plus: tuple[str, ...] = ()
    minus: tuple[str, ...] = ()
    const: int | None = None
    zero_if: str | None = None
    strict: bool = True
    over: tuple[str, ...] = ()

    @property
    def refs(self) -> tuple[str, ...]:
        """Every row this step refers to."""
        zero = () if self.zero_if is None else (self.zero_if,)
        return (*self.plus, *self.minus, *self.over, *zero)


DEFAULT_READINGS: Final[Mapping[str, str]] = {"autonomy": "exclusive", "online-levels": "inside"}
"""The reading of each policy option of :func:`cchc.check` that plans of the built-in
form follow by default (the first value the form declares for each option)."""


@attrs.frozen
class Plan:
    """The drawing plan of one form under one set of rule readings.

    Attributes:
        form: the form.
        steps: code → step, for every value row.
        components: groups of rows filled or left blank together, each in
            drawing order, the groups themselves in drawing order.
        component_of: code → index into ``components``.
        unconstructed: ``(rule id, reason)`` for each error-severity rule the
            plan cannot make hold by construction.
    """

    form: Form
    steps: Mapping[str, Step]
    components: tuple[tuple[str, ...], ...]
    component_of: Mapping[str, int]
    unconstructed: tuple[tuple[str, str], ...] = ()
    _applicable: dict[tuple[ReporterKind, str], tuple[tuple[str, ...], frozenset[str]]] = (
        attrs.field(factory=dict, eq=False, repr=False)
    )

    def _rows(self, kind: ReporterKind, name: str) -> tuple[tuple[str, ...], frozenset[str]]:
        key = (kind, name)
        found = self._applicable.get(key)
        if found is None:
            rows = tuple(i.code for i in self.form.value_indicators if i.applies_to(kind, name))
            found = (rows, frozenset(rows))
            self._applicable[key] = found
        return found

    def applicable(self, kind: ReporterKind, name: str) -> frozenset[str]:
        """The value rows that apply to a reporter of *kind* named *name*."""
        return self._rows(kind, name)[1]

    def applicable_in_order(self, kind: ReporterKind, name: str) -> tuple[str, ...]:
        """The same rows, in printed order."""
        return self._rows(kind, name)[0]


def build_plan(form: Form, readings: Mapping[str, str] | None = None) -> Plan:
    """The drawing plan of *form* under the policy options *readings*.

    The steps are derived from the form's rules (see
    :func:`cchc.strategies._derive.derive_steps`), for any form.

    Raises:
        UsageError: an unknown option or reading (from :func:`cchc.check`).
        ValueError: steps that refer to each other in a circle.
    """
    from cchc.strategies._derive import derive_steps  # noqa: PLC0415 - it builds on Step

    derived = derive_steps(form, readings)
    order = _order(form, derived.steps)
    components = _components(order, derived.steps)
    component_of = {code: n for n, comp in enumerate(components) for code in comp}
    return Plan(form, derived.steps, components, component_of, derived.unconstructed)


def _order(form: Form, steps: Mapping[str, Step]) -> tuple[str, ...]:
    """Codes in printed order, each after the rows its step refers to."""
    done: dict[str, None] = {}
    visiting: set[str] = set()

    def visit(code: str) -> None:
        if code in done or code not in steps:
            return
        if code in visiting:
            msg = f"the drawing steps of {code} refer back to it"
            raise ValueError(msg)
        visiting.add(code)
        for ref in steps[code].refs:
            visit(ref)
        visiting.discard(code)
        done[code] = None

    for indicator in form.value_indicators:
        visit(indicator.code)
    return tuple(done)


def _components(order: Iterable[str], steps: Mapping[str, Step]) -> tuple[tuple[str, ...], ...]:
    """Rows joined by strict links, each group in drawing order, groups by first row."""
    codes = list(order)
    parent = {c: c for c in codes}

    def find(c: str) -> str:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for code in codes:
        step = steps[code]
        if step.strict:
            for ref in step.refs:
                if ref in parent:
                    parent[find(ref)] = find(code)
    groups: dict[str, list[str]] = {}
    for code in codes:
        groups.setdefault(find(code), []).append(code)
    return tuple(tuple(g) for g in sorted(groups.values(), key=lambda g: codes.index(g[0])))
