"""Computed ratios: numerator ÷ denominator × factor, exactly.

A form declares its ratios (``[[ratio]]`` tables) with expressions of the rule
language for the numerator and the denominator.  :func:`ratios` evaluates them
on a report in exact arithmetic (fractions, never floats):

>>> import cchc
>>> table = cchc.ratios(cchc.example_report())
>>> done = table["plan-tasks-done"]
>>> done.exact, done.value
(Fraction(4100, 49), Decimal('83.67'))
>>> table["inspection-issues-resolved"].reason
'missing input: 1.2.4, 1.2.3 blank'

``value`` is the percentage rounded half-up to two places, as ``cchc ratios``
prints it; ``exact`` is the exact number; :meth:`Ratio.rounded` rounds to other
precisions.  Rounding happens only there, at presentation.  A zero denominator, a
blank input or a row that does not apply to the reporter gives no value and a
``reason``, never an exception.

A ratio may name the row where the reporter enters the same rate (``entered``);
``agrees`` then says whether the entered rate is the computed one rounded to the
decimals it was written with (``85.7`` agrees with 6/7 = 85.714…%).

Scores (7.1.1, 7.1.5) are points out of a maximum set by an outside scoring
scheme; give the maximum with ``max_points``:

>>> from decimal import Decimal
>>> report = cchc.example_report().with_value("7.1.5", Decimal("7.5"))
>>> cchc.ratios(report, max_points={"7.1.5": 10})["approved-systems-score"].value
Decimal('75.00')
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

import cchc.rules._interpret as ev
from cchc import _display
from cchc._exact import round_half_up
from cchc._text import short_name
from cchc.errors import CchcError, ExpressionError, UsageError
from cchc.expressions import Call, Expression, Kind, Ref, parse, strict_refs, walk
from cchc.model import Form, RatioDeclaration, form_cache
from cchc.periods import Period
from cchc.reports import Report, Reporter
from cchc.rules._program import environment

__all__ = ["Ratio", "RatioReason", "Ratios", "ratios"]


class RatioReason(enum.Enum):
    """Why a ratio has no value."""

    ZERO_DENOMINATOR = "zero-denominator"
    MISSING = "missing"
    NOT_APPLICABLE = "not-applicable"
    NO_MAX_POINTS = "no-max-points"
    ERROR = "error"


@attrs.frozen(kw_only=True)
class Ratio:
    """One computed ratio of one report.

    Attributes:
        id: the declaration's id.
        name: its Vietnamese name; ``name_en`` the English one.
        numerator: the codes of the numerator; ``denominator`` likewise.
        numerator_expression: the numerator for people (``1.3.2 + 1.3.3``);
            ``denominator_expression`` likewise.
        factor: what the quotient is multiplied by (100: a percentage).
        exact: numerator ÷ denominator × factor, exactly; ``None`` with a reason.
        numerator_value: the numerator's exact value; ``denominator_value`` likewise.
        reason: why there is no value, in English (``"zero denominator"``,
            ``"missing input: 1.2.3 blank"``, ``"not applicable: …"``);
            ``reason_vi`` in Vietnamese; ``reason_kind`` as a :class:`RatioReason`.
        entered: the row where the reporter enters the same rate, if any.
        entered_value: the rate entered there.
        agrees: whether the entered rate agrees with the computed one to within
            half a unit of its last decimal; ``None`` if either is missing.
        decimals: the decimals :attr:`value` is rounded to: the declaration's
            ``decimals`` (published rates have 0, 1 or 2), else 2, unless
            :func:`ratios` was given others.
    """

    id: str
    name: str
    name_en: str = ""
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    numerator_expression: str = ""
    denominator_expression: str = ""
    factor: int = 100
    exact: Fraction | None = None
    numerator_value: int | Decimal | Fraction | None = None
    denominator_value: int | Decimal | Fraction | None = None
    reason: str | None = None
    reason_vi: str | None = None
    reason_kind: RatioReason | None = None
    entered: str | None = None
    entered_value: Decimal | int | None = None
    agrees: bool | None = None
    decimals: int = 2

    def __repr__(self) -> str:
        """One short line: the id, the value or why there is none, the operands."""
        shown = f"{self.value}" if self.value is not None else f"no value ({self.reason})"
        operands = f"{self.numerator_expression} / {self.denominator_expression}"
        return f"<Ratio {self.id} = {shown}: {operands}>"

    @property
    def value(self) -> Decimal | None:
        """The ratio rounded half-up to :attr:`decimals` (``Decimal('83.67')``), or ``None``."""
        return self.rounded(self.decimals)

    def rounded(self, places: int = 2) -> Decimal | None:
        """The ratio rounded half-up to *places* decimals, or ``None``."""
        return None if self.exact is None else round_half_up(self.exact, places)

    def as_dict(self) -> dict[str, Any]:
        """The ratio as ``cchc ratios --format json`` writes it (contract §4)."""
        value = self.value
        return {
            "id": self.id,
            "name": self.name,
            "name_en": self.name_en,
            "numerator": list(self.numerator),
            "denominator": list(self.denominator),
            "numerator_expression": self.numerator_expression,
            "denominator_expression": self.denominator_expression,
            "factor": self.factor,
            "value": f"{value:f}" if value is not None else None,
            "decimals": self.decimals,
            "reason": self.reason,
            "reason_kind": self.reason_kind.value if self.reason_kind else None,
            "entered": self.entered,
            "entered_value": _json_number(self.entered_value),
            "agrees": self.agrees,
        }


def _json_number(value: Decimal | int | None) -> str | int | None:
    if value is None or isinstance(value, int):
        return value
    return f"{value:f}"


@attrs.frozen
class Ratios:
    """The ratios of one report, in declaration order; look one up by id.

    >>> import cchc
    >>> table = cchc.ratios(cchc.example_report())
    >>> len(table) > 15, table[0].id
    (True, 'plan-tasks-done')
    """

    items: tuple[Ratio, ...]
    reporter: Reporter | None = None
    """Whose ratios they are (set by :func:`ratios`), for captions and reprs."""
    period: Period | None = None
    """The report's period (set by :func:`ratios`)."""

    def __getitem__(self, key: int | str) -> Ratio:
        if isinstance(key, int):
            return self.items[key]
        for item in self.items:
            if item.id == key:
                return item
        known = ", ".join(i.id for i in self.items)
        msg = f"no ratio {key!r} (known: {known})"
        raise KeyError(msg)

    def __iter__(self) -> Iterator[Ratio]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def as_dicts(self) -> list[dict[str, Any]]:
        """Every ratio as :meth:`Ratio.as_dict` writes it."""
        return [r.as_dict() for r in self.items]

    def __repr__(self) -> str:
        """One short line: whose ratios, how many, how many have a value."""
        whose = "" if self.reporter is None else f" {short_name(self.reporter.name)!r}"
        when = "" if self.period is None else f" {self.period.id}"
        valued = sum(1 for r in self.items if r.value is not None)
        return f"<Ratios{whose}{when}: {len(self.items)} ratios, {valued} with a value>"

    def _repr_html_(self) -> str:
        return _display.html(self)


@attrs.frozen
class _Parsed:
    declaration: RatioDeclaration
    numerator: Expression
    denominator: Expression
    problem: str | None = None


_NOTHING = parse("0")


_PARSED_KEY = "ratio.parsed"


def _parsed(form: Form) -> tuple[_Parsed, ...]:
    cache = form_cache(form)
    cached: tuple[_Parsed, ...] | None = cache.get(_PARSED_KEY)
    if cached is not None:
        return cached
    kinds = {i.code: Kind.NUMBER for i in form}.get
    items: list[_Parsed] = []
    for d in form.ratios:
        try:
            items.append(
                _Parsed(
                    d,
                    parse(d.numerator, ref_kind=kinds, expect=Kind.NUMBER),
                    parse(d.denominator, ref_kind=kinds, expect=Kind.NUMBER),
                )
            )
        except ExpressionError as exc:  # a hand-built form: the ratio says so
            items.append(_Parsed(d, _NOTHING, _NOTHING, problem=str(exc)))
    cache[_PARSED_KEY] = parsed = tuple(items)
    return parsed


def ratios(
    report: Report,
    *,
    max_points: Mapping[str, Decimal | int | str] | None = None,
    decimals: int | None = None,
) -> Ratios:
    """Compute every ratio its form declares on *report*.

    Args:
        report: the report.
        max_points: the maximum points of score rows (``{"7.1.5": Decimal(10)}``),
            the denominators of the score ratios.
        decimals: round every value to this many decimals (0–6), whatever the
            declarations say (``cchc ratios --decimals N``).

    A ratio whose declaration cannot be evaluated (a bad expression in a
    hand-built form) has no value and the reason ``error``.

    Raises:
        UsageError: a ``max_points`` entry names an unknown row or is not positive,
            or *decimals* is not a whole number from 0 to 6.
    """
    given: object = decimals
    if given is not None and (
        not isinstance(given, int) or isinstance(given, bool) or not 0 <= given <= 6
    ):
        msg = f"decimals must be a whole number from 0 to 6, not {given!r}"
        raise UsageError(msg)
    env = environment(report, max_points)
    na = frozenset(i.code for i in report.form if not report.applies(i.code))
    kind = report.reporter.kind
    items: list[Ratio] = []
    for parsed in _parsed(report.form):
        item = _compute(parsed, env, na, kind.label, kind.value)
        places = decimals if decimals is not None else parsed.declaration.decimals
        items.append(item if places is None else attrs.evolve(item, decimals=places))
    return Ratios(tuple(items), reporter=report.reporter, period=report.period)


def _compute(parsed: _Parsed, env: ev.Env, na: frozenset[str], kind: str, kind_en: str) -> Ratio:
    declaration = parsed.declaration
    entered_value = None
    if declaration.entered is not None:
        raw = env.raw(declaration.entered)
        entered_value = raw if isinstance(raw, int | Decimal) else None
    base = Ratio(
        id=declaration.id,
        name=declaration.name,
        name_en=declaration.name_en,
        numerator=parsed.numerator.codes,
        denominator=parsed.denominator.codes,
        numerator_expression=parsed.numerator.display(),
        denominator_expression=parsed.denominator.display(),
        factor=declaration.factor,
        entered=declaration.entered,
        entered_value=entered_value,
    )

    def fail(kind_: RatioReason, vi: str, en: str, **more: Any) -> Ratio:
        return attrs.evolve(base, reason=en, reason_vi=vi, reason_kind=kind_, **more)

    if parsed.problem is not None:
        return fail(RatioReason.ERROR, f"lỗi: {parsed.problem}", f"error: {parsed.problem}")

    strict = [
        r.code for expr in (parsed.numerator, parsed.denominator) for r in strict_refs(expr.root)
    ]
    strict = list(dict.fromkeys(strict))
    excluded = [c for c in strict if c in na]
    if excluded:
        listed = ", ".join(excluded)
        return fail(
            RatioReason.NOT_APPLICABLE,
            f"không áp dụng: {listed} không áp dụng cho {kind}",
            f"not applicable: {listed} not reported by a {kind_en}",
        )
    try:
        evaluator = ev.Evaluator(env)
        top = evaluator(parsed.numerator.root)
        bottom = evaluator(parsed.denominator.root)
    except (ArithmeticError, TypeError, ValueError, CchcError) as exc:
        text = f"{type(exc).__name__}: {exc}"
        return fail(RatioReason.ERROR, f"lỗi: {text}", f"error: {text}")
    more: dict[str, Any] = {
        "numerator_value": _number(top),
        "denominator_value": _number(bottom),
    }
    if bottom is None:
        points = [
            n.args[0].code
            for n in walk(parsed.denominator.root)
            if isinstance(n, Call) and n.name == "max_points" and isinstance(n.args[0], Ref)
        ]
        unset = [c for c in points if c not in env.max_points]
        if unset:
            listed = ", ".join(unset)
            return fail(
                RatioReason.NO_MAX_POINTS,
                f"chưa có điểm tối đa của {listed} (max_points)",
                f"no maximum points for {listed} (pass max_points)",
                **more,
            )
    if top is None or bottom is None:
        codes = dict.fromkeys((*parsed.numerator.codes, *parsed.denominator.codes))
        blank = ev.blank_codes(codes, env)
        listed = ", ".join(blank)
        return fail(
            RatioReason.MISSING,
            f"thiếu số liệu: {listed} trống",
            f"missing input: {listed} blank",
            **more,
        )
    if bottom == 0:
        return fail(RatioReason.ZERO_DENOMINATOR, "mẫu số bằng 0", "zero denominator", **more)
    quotient = ev.div(top, bottom)
    if not isinstance(quotient, Fraction):  # pragma: no cover - numbers divide into fractions
        return fail(RatioReason.ERROR, "lỗi: không chia được", "error: cannot divide", **more)
    exact = quotient * declaration.factor
    agrees = ev.agrees(entered_value, exact)
    return attrs.evolve(
        base, exact=exact, agrees=agrees if isinstance(agrees, bool) else None, **more
    )


def _number(value: ev.Val) -> int | Decimal | Fraction | None:
    if isinstance(value, bool | str) or value is None:
        return None
    return value
