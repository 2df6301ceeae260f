"""The arithmetic plan behind :mod:`cchc.strategies` (pure: no hypothesis here).

A valid report is drawn *by construction*, never by filtering: every value row
gets a :class:`Step` saying how its value follows from rows drawn before it
("at most 1.1.1", "the sum of 3.1.3.a–c", "zero when 7.1.9.1 is zero").  The
plan orders the steps so that the rows a step refers to come first, and groups
rows linked by error-severity rules into *components* that are filled or left
blank together, so that no rule ever compares a value with a blank, whatever
its missing-value policy.

Values are planned in whole *units*: a count is itself, a percentage or a score
is counted in hundredths (``Decimal("12.34")`` is 1234), a coded answer is its
code.  :func:`to_value` turns units back into the typed value of a row.

>>> import cchc
>>> plan = build_plan(cchc.load_form())
>>> plan.steps["1.1.2"]
Step(code='1.1.2', how='at_most', plus=('1.1.1',), minus=(), const=None, zero_if=None, strict=True)
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

from cchc.model import BreakdownKind, Form, Indicator, ReporterKind
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
            a free extra``).
        plus, minus: the rows added and subtracted.
        const: a constant term in the row's units.
        zero_if: a row whose zero makes this one zero (R33: no BCCI
            transactions, no BCCI dossiers).
        strict: whether the rows referred to must be filled together with this
            one (an error-severity link), or are used only when present (a
            warning-severity link).
    """

    code: str
    how: Literal["free", "at_most", "exactly", "sum", "sum_plus"] = "free"
    plus: tuple[str, ...] = ()
    minus: tuple[str, ...] = ()
    const: int | None = None
    zero_if: str | None = None
    strict: bool = True

    @property
    def refs(self) -> tuple[str, ...]:
        """Every row this step refers to."""
        zero = () if self.zero_if is None else (self.zero_if,)
        return (*self.plus, *self.minus, *zero)


def _le(code: str, *plus: str, minus: tuple[str, ...] = (), strict: bool = True) -> Step:
    return Step(code=code, how="at_most", plus=plus, minus=minus, strict=strict)


def _zero(code: str, base: str, *, strict: bool = True) -> Step:
    return Step(code=code, zero_if=base, strict=strict)


# The cross-row rules of Phụ lục 2B (rules.md), written as drawing steps.  Error
# rules are strict; warning rules that are cheap to honour are loose.
_BUILTIN_STEPS: Final[tuple[Step, ...]] = (
    _le("1.1.2", "1.1.1"),  # R1
    _le("1.2.4", "1.2.3"),  # R4
    _le("1.3.2", "1.3.1"),  # R5
    _le("1.3.3", "1.3.1", minus=("1.3.2",)),  # R5
    _le("2.4", "2.2", "2.3", strict=False),  # R7 (W)
    _le("2.5", "2.4"),  # R7
    _le("3.2.1", "3.1.3"),  # R9, R30
    _le("3.2.2", "3.2.1"),  # R10
    _le("3.2.3", "3.2.2", strict=False),  # R11 (W)
    _le("3.3.1", "3.1.3", strict=False),  # R12 (W)
    _le("3.3.2", "3.1.3", minus=("3.3.1",), strict=False),  # R12 (W)
    _le("3.3.4", "3.3.3", strict=False),  # R13 (W)
    _le("4.2.2", "4.2.1"),  # R16
    _le("4.2.4", "4.2.2"),  # R17
    _le("4.3.2", "4.3.1"),  # R18
    _le("4.3.3", "4.3.2"),  # R18
    _le("5.1.2", "4.1.2", strict=False),  # R20 (W)
    _le("5.1.3", "5.1.1", "5.1.2", strict=False),  # R21 (W)
    Step(code="7.1.6.2.b", how="at_most", const=HUNDRED_PERCENT, minus=("7.1.6.2.a",)),  # R26
    _zero("7.1.8.3", "7.1.8.1", strict=False),  # R32 (W)
    _zero("7.1.9.2", "7.1.9.1"),  # R33
    _zero("7.1.9.3", "7.1.9.1"),  # R33
    _le("7.2.2.1", "4.1.2.a", strict=False),  # R34 (W)
    _le("7.2.2.2", "7.2.2.1", strict=False),  # R34 (W)
    _le("7.2.3.5", "7.2.3.4"),  # R35
    _le("7.2.7.2", "7.2.7.1"),  # R36
)

# R24: the autonomy groups 6.1–6.4 against the public service units 4.1.2, under
# each reading of the policy option "autonomy" of cchc.check.
_AUTONOMY_STEPS: Final[Mapping[str, tuple[Step, ...]]] = {
    "exclusive": (
        _le("6.1", "4.1.2"),
        _le("6.2", "4.1.2", minus=("6.1",)),
        _le("6.3", "4.1.2", minus=("6.1", "6.2")),
        Step(code="6.4", how="exactly", plus=("4.1.2",), minus=("6.1", "6.2", "6.3")),
    ),
    "cumulative": (
        _le("6.2", "4.1.2"),
        _le("6.3", "4.1.2", minus=("6.2",)),
        Step(code="6.4", how="exactly", plus=("4.1.2",), minus=("6.2", "6.3")),
        _le("6.1", "6.2"),
    ),
}

# R29: online services of level 3 and 4 against 3.2.2 (and R32 on their dossiers),
# under each reading of the policy option "online-levels".
_ONLINE_STEPS: Final[Mapping[str, tuple[Step, ...]]] = {
    "inside": (
        Step(code="7.1.8.1", how="exactly", plus=("3.2.2",)),
        _le("7.1.8.2", "7.1.8.1"),
        Step(code="7.1.8.4", how="at_most", plus=("7.1.8.3",), zero_if="7.1.8.2", strict=False),
    ),
    "separate": (
        _le("7.1.8.1", "3.2.2"),
        Step(code="7.1.8.2", how="exactly", plus=("3.2.2",), minus=("7.1.8.1",)),
        _zero("7.1.8.4", "7.1.8.2", strict=False),
    ),
}

DEFAULT_READINGS: Final[Mapping[str, str]] = {"autonomy": "exclusive", "online-levels": "inside"}
"""The reading of each policy option of :func:`cchc.check` that plans follow by default
(the defaults of :class:`cchc.rules.Policy`)."""


@attrs.frozen
class Plan:
    """The drawing plan of one form under one set of rule readings.

    Attributes:
        form: the form.
        steps: code → step, for every value row.
        components: groups of rows filled or left blank together, each in
            drawing order, the groups themselves in drawing order.
        component_of: code → index into ``components``.
    """

    form: Form
    steps: Mapping[str, Step]
    components: tuple[tuple[str, ...], ...]
    component_of: Mapping[str, int]
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


_NUMERIC: Final = frozenset({Domain.COUNT, Domain.HUNDREDTHS, Domain.SCORE})


def _usable(form: Form, step: Step) -> bool:
    """Whether every row of *step* exists and takes a number, sums within one domain."""
    indicators = [form.get(c) for c in (step.code, *step.refs)]
    if any(i is None or domain_of(i) not in _NUMERIC for i in indicators):
        return False
    summed = [form.get(c) for c in (step.code, *step.plus, *step.minus)]
    domains = {domain_of(i) for i in summed if i is not None}
    return len(domains) == 1 and domains <= {Domain.COUNT, Domain.HUNDREDTHS}


def _breakdown_steps(form: Form) -> list[Step]:
    """Totals from their breakdown rows, for any form (parts in the total's unit only)."""
    steps: list[Step] = []
    for total in form.value_indicators:
        if total.breakdown is None:
            continue
        parts = tuple(
            c.code
            for c in form.children(total.code)
            if c.takes_value and domain_of(c) == domain_of(total)
        )
        if not parts or domain_of(total) not in (Domain.COUNT, Domain.HUNDREDTHS):
            continue
        if total.breakdown is BreakdownKind.EXHAUSTIVE:
            steps.append(Step(code=total.code, how="sum", plus=parts))
        elif total.breakdown is BreakdownKind.INCLUDES:
            steps.append(Step(code=total.code, how="sum_plus", plus=parts))
        else:
            steps.extend(_le(part, total.code) for part in parts)
    return steps


def build_plan(form: Form, readings: Mapping[str, str] | None = None) -> Plan:
    """The drawing plan of *form*; *readings* are policy options (see ``DEFAULT_READINGS``).

    Built-in steps whose rows are missing from *form*, or whose rows do not share
    a numeric unit, are left out: a form of one's own gets the breakdown sums its
    data declares and nothing it does not have.

    Raises:
        ValueError: an unknown reading.
    """
    chosen = {**DEFAULT_READINGS, **{k.replace("_", "-"): v for k, v in (readings or {}).items()}}
    steps: dict[str, Step] = {i.code: Step(code=i.code) for i in form.value_indicators}
    overlay: list[Step] = _breakdown_steps(form)
    overlay.extend(_BUILTIN_STEPS)
    for option, table in (("autonomy", _AUTONOMY_STEPS), ("online-levels", _ONLINE_STEPS)):
        reading = chosen[option]
        if reading not in table:
            known = ", ".join(sorted(table))
            msg = f"option {option!r} takes {known}, not {reading!r}"
            raise ValueError(msg)
        overlay.extend(table[reading])
    for step in overlay:
        if not _usable(form, step):
            continue
        old = steps[step.code]
        if old.how == "free" and old.zero_if is None:
            steps[step.code] = step
        elif old.how == "free" and step.zero_if is None:
            steps[step.code] = attrs.evolve(step, zero_if=old.zero_if)
        elif step.how == "free" and old.zero_if is None:
            steps[step.code] = attrs.evolve(old, zero_if=step.zero_if)
        else:
            msg = f"two drawing steps for {step.code}: {old} and {step}"
            raise ValueError(msg)
    order = _order(form, steps)
    components = _components(order, steps)
    component_of = {code: n for n, comp in enumerate(components) for code in comp}
    return Plan(form, steps, components, component_of)


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
