"""Reports that break one named rule: test that your checks catch what they should."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from decimal import Decimal
from typing import Final

import attrs
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from cchc.model import Form, IndicatorKind, ReporterKind
from cchc.periods import Period, PeriodKind
from cchc.reports import Report, Reporter
from cchc.rules import RuleSet, rule_ids
from cchc.strategies._basic import periods, reporters
from cchc.strategies._breaking import Change, GenericRule, break_rule, failing, with_changes
from cchc.strategies._common import check_strategy, integers, lazy, resolve_form
from cchc.strategies._plan import DEFAULT_READINGS, HUNDRED_PERCENT
from cchc.strategies._reports import draw_report, plan_for
from cchc.values import Entry, FrozenMap, Status

__all__ = ["Violation", "violable_rules", "violating"]

"""A new entry, a new value, or ``None`` for a blank row."""

_D, _H, _C, _P = (
    ReporterKind.DEPARTMENT,
    ReporterKind.DISTRICT,
    ReporterKind.CENTRAL,
    ReporterKind.PROVINCE,
)
_ALL: Final = (_D, _H, _C, _P)
_NOT_CENTRAL: Final = (_D, _H, _P)  # central agencies skip sections 4 and 5

# The TTHC chain 3.1.3 ⊇ 3.2.1 ⊇ 3.2.2 = 7.1.8.1 ⊇ 7.1.8.2, filled together.
_CHAIN: Final = ("3.1.3",)


@attrs.frozen(kw_only=True)
class Violation:
    """A report that breaks one rule, and how it was made from a valid one.

    Attributes:
        rule: the rule id broken (``"R1"``).
        report: the report that breaks it.
        original: the valid report it was made from (no error-severity finding).
        changed: the codes whose entries were changed, in the form's order;
            ``"period"`` when the period was (F9, R5.annual).
        also: rules that break with it.  For the built-in form, those that
            necessarily do, because they restate part of it (R23 "counts ≥ 0" is
            F2 on 5.4.x; a header value is F4 as well as R19); for a form of one's
            own, those that broke with it in this draw, when no change of the
            rule's rows could break it alone.  Every other rule that fails on
            *report* failed on *original*.
        options: the policy options of :func:`cchc.check` it breaks the rule under.
    """

    rule: str
    report: Report
    original: Report
    changed: tuple[str, ...]
    also: tuple[str, ...] = ()
    options: FrozenMap[str, str] = attrs.field(factory=lambda: FrozenMap({}))


_Maker = Callable[[st.DrawFn, Report, Mapping[str, str]], Mapping[str, Change]]


@attrs.frozen(kw_only=True)
class _Spec:
    make: _Maker
    kinds: tuple[ReporterKind, ...] = _ALL
    needs: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    option: tuple[str, str] | None = None
    period: Callable[[st.DrawFn, Period], Period] | None = None


def _n(report: Report, code: str) -> int:
    value = report.value(code)
    return value if isinstance(value, int) else 0


def _more(draw: st.DrawFn) -> int:
    return draw(integers(1, 50))


def _percent(draw: st.DrawFn, low: int, high: int) -> Decimal:
    """A percentage between *low* and *high* hundredths, never in (0, 1] (P1's slip)."""
    if low <= 100 < high:
        low = 101
    units = draw(integers(low, high))
    return Decimal(units // 100) if units % 100 == 0 else Decimal(units) / 100


def _part(report: Report, total: str) -> str:
    """The first breakdown row of *total*, in its unit, that applies to the reporter."""
    form = report.form
    return next(
        row.code
        for row in form.children(total)
        if row.kind is IndicatorKind.BREAKDOWN
        and row.unit == form[total].unit
        and report.applies(row.code)
    )


def _above(code: str, *base: str) -> _Maker:
    """``code`` set above the sum of ``base``: breaks ``code <= base``."""

    def make(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
        return {code: sum(_n(r, b) for b in base) + _more(draw)}

    return make


def _set(changes: Mapping[str, Change]) -> _Maker:
    """Fixed changes: the smallest, most readable counter-examples."""

    def make(_draw: st.DrawFn, _r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
        return changes

    return make


def _first_change(*alternatives: Mapping[str, Change]) -> _Maker:
    """Fixed changes, the first of *alternatives* that changes the report: a warning may
    already fail on a valid report with the first one's values, and a violation changes
    something."""

    def make(_draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
        for changes in alternatives:
            if any(r.value(code) != value for code, value in changes.items()):
                return changes
        return alternatives[-1]

    return make


def _lift_tthc(
    r: Report, by: int, *, online: bool, options: Mapping[str, str]
) -> dict[str, Change]:
    """Raise the TTHC chain by *by*, keeping R8, R9, R10, R29 and R30 as they were."""
    part = _part(r, "3.1.3")
    lifted = [part, "3.1.3", "3.2.1"]
    if online:
        lifted.append("3.2.2")
        if _chosen(options, "online-levels") == "inside":
            lifted.append("7.1.8.1")
        lifted.append("7.1.8.2")
    changes: dict[str, Change] = {code: _n(r, code) + by for code in lifted}
    # R14 compares 3.3.3 with 7.2.3.2 / 3.1.3: leave it nothing to compare.
    changes["3.3.3"] = None
    return changes


def _r8(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    part = _part(r, "3.1.3")
    return {part: _n(r, part) + _more(draw)}


def _r15(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    part = _part(r, "4.1.2")
    return {part: _n(r, part) + _more(draw)}


def _r9(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    # R30 restates 3.2.1 ≤ 3.1.3 but skips when 7.1.8.1 is blank.
    return {"3.2.1": _n(r, "3.1.3") + _more(draw), "7.1.8.1": None, "7.1.8.2": None}


def _r10(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    return {"3.2.2": _n(r, "3.2.1") + _more(draw), "7.1.8.1": None, "7.1.8.2": None}


def _r26(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    b = r.value("7.1.6.2.b")
    if not isinstance(b, Decimal) or b <= 0:
        b = _percent(draw, 1, HUNDRED_PERCENT)
    return {"7.1.6.2.a": Decimal(100), "7.1.6.2.b": b}


def _r29(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    return {"7.1.8.2": _n(r, "7.1.8.1") + _more(draw), "3.2.3": None}


def _r29_total(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    return {"7.1.8.1": _n(r, "7.1.8.1") + _more(draw), "3.2.1": None}


def _r30(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    return {"7.1.8.1": _n(r, "3.2.1") + _more(draw), "3.2.2": None}


def _r33(draw: st.DrawFn, _r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    return {"7.1.9.1": Decimal(0), "7.1.9.2": _percent(draw, 1, HUNDRED_PERCENT)}


def _r36(draw: st.DrawFn, _r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    return {"7.2.7.1": _percent(draw, 0, HUNDRED_PERCENT - 1), "7.2.7.2": Decimal(100)}


def _p1(draw: st.DrawFn, _r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    # 3.3.4 typed as a fraction beside its sibling rate 3.3.3 = 100.
    return {"3.3.3": Decimal(100), "3.3.4": Decimal(draw(integers(51, 100))) / 100}


def _p2(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    # 7.2.3.2 typed as the rate 3.3.3; with 3.1.3 = 100 the two are the same number.
    from hypothesis import assume  # noqa: PLC0415 - only this plan needs it

    assume(r.value("3.1.3") != 100)
    v = draw(integers(2, 100))
    return {"7.2.3.2": v, "3.3.3": Decimal(v)}


def _header(draw: st.DrawFn, r: Report, *, off_by: int, code: str = "1.1") -> Mapping[str, Change]:
    # R19 wants a header value to equal the sum of the counts below it, on a header
    # whose rows add up (5.4, `sums = true` in the form).
    below = sum(_n(r, c) for c in r.form[code].children)
    return {code: below + off_by}


def _f4(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    return _header(draw, r, off_by=0)


def _r19(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    return _header(draw, r, off_by=_more(draw), code="5.4")


_NOT_APPLYING: Final = {_D: "1.2.2", _H: "4.1.1", _C: "1.2.2"}


def _f6(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    return {_NOT_APPLYING[r.reporter.kind]: _more(draw)}


def _r5_annual(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    return {"1.3.1": _n(r, "1.3.2") + _n(r, "1.3.3") + _more(draw)}


def _r6(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    legend = r.form["1.4.2"].codes
    codes = legend.values if legend is not None else (0,)
    return {"1.4.1": 0, "1.4.2": draw(st.sampled_from(codes))}


def _r9_publicity(draw: st.DrawFn, r: Report, o: Mapping[str, str]) -> Mapping[str, Change]:
    by = _more(draw)
    part = _part(r, "3.1.3")
    return {part: _n(r, part) + by, "3.1.3": _n(r, "3.1.3") + by, "3.3.3": None}


def _r13(draw: st.DrawFn, _r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    low = _percent(draw, 0, HUNDRED_PERCENT - 1)
    return {"3.3.3": low, "3.3.4": Decimal(100), "7.2.3.2": None}


def _r14(draw: st.DrawFn, r: Report, o: Mapping[str, str]) -> Mapping[str, Change]:
    changes = _lift_tthc(r, _more(draw), online=False, options=o)
    changes.update({"7.2.3.2": 0, "3.3.3": Decimal(100), "3.3.4": None})
    return changes


def _r22(_draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    changes: dict[str, Change] = {"5.3.1": 1}
    changes.update({c: 0 for c in ("5.3.2", "5.3.3", "5.3.4") if r.applies(c)})
    return changes


def _r25(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    return {"4.1.2.c": Decimal(0), "6.5": _n(r, "4.1.2") + _more(draw)}


def _r31(draw: st.DrawFn, r: Report, o: Mapping[str, str]) -> Mapping[str, Change]:
    changes = _lift_tthc(r, _more(draw), online=True, options=o)
    changes["3.2.3"] = 0
    return changes


def _r32(draw: st.DrawFn, _r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    return {
        "3.2.2": 0,
        "7.1.8.1": 0,
        "7.1.8.2": 0,
        "3.2.3": None,
        "7.1.8.3": _percent(draw, 1, HUNDRED_PERCENT),
        "7.1.8.4": None,
    }


def _r32_level4(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    return {
        "7.1.8.1": _n(r, "3.2.2"),
        "7.1.8.2": 0,
        "7.1.8.3": None,
        "7.1.8.4": _percent(draw, 1, HUNDRED_PERCENT),
    }


def _r32_share(draw: st.DrawFn, _r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    return {
        "7.1.8.2": None,
        "7.1.8.3": Decimal(0),
        "7.1.8.4": _percent(draw, 1, HUNDRED_PERCENT),
    }


def _r40(draw: st.DrawFn, r: Report, _o: Mapping[str, str]) -> Mapping[str, Change]:
    same = max(_n(r, "7.2.3.4"), 1)
    return {
        "7.2.3.2": same,
        "7.2.3.4": same,
        "7.2.3.5": min(_n(r, "7.2.3.5"), same),
        "3.3.3": None,
    }


def _unreported(draw: st.DrawFn, period: Period) -> Period:
    """A period of the same year without a report of its own (Q2, Q4, S2)."""
    kind, number = draw(
        st.sampled_from(((PeriodKind.QUARTER, 2), (PeriodKind.QUARTER, 4), (PeriodKind.HALF, 2)))
    )
    return Period(period.year, kind, number)


def _annual(_draw: st.DrawFn, period: Period) -> Period:
    return Period.annual(period.year)


_SPECS: Final[Mapping[str, _Spec]] = {
    "F1": _Spec(make=_set({"7.1.4": Decimal(150)}), needs=("7.1.4",)),
    "F1.reduction": _Spec(make=_set({"4.2.5": Decimal(-5)}), kinds=_NOT_CENTRAL),
    "F2": _Spec(make=_set({"1.1.3": -1})),
    "F3": _Spec(make=_set({"1.5": 7})),
    "F4": _Spec(make=_f4, needs=("1.1.1", "1.1.3")),
    "F6": _Spec(make=_f6, kinds=(_D, _H, _C)),
    "F7": _Spec(make=_set({"4.2.1": 12}), kinds=(_C,)),
    "F9": _Spec(make=_set({}), period=_unreported),
    "F10": _Spec(make=_set({"7.1.5": Decimal(-1)})),
    "R1": _Spec(make=_above("1.1.2", "1.1.1"), needs=("1.1.1",)),
    "R3": _Spec(make=_set({"1.2": Entry(status=Status.NOT_YET_DONE), "1.2.1": 3}), also=("F4",)),
    "R4": _Spec(make=_above("1.2.4", "1.2.3"), needs=("1.2.3",)),
    "R5": _Spec(make=_above("1.3.3", "1.3.1"), needs=("1.3.1",), also=("R5.annual",)),
    "R5.annual": _Spec(make=_r5_annual, needs=("1.3.1",), period=_annual),
    "R6": _Spec(make=_r6),
    "R7": _Spec(make=_above("2.5", "2.4"), needs=("2.4",)),
    "R7.source": _Spec(make=_above("2.4", "2.2", "2.3"), needs=("2.2", "2.3", "2.4")),
    "R8": _Spec(make=_r8, needs=_CHAIN),
    "R9": _Spec(make=_r9, needs=_CHAIN),
    "R9.publicity": _Spec(make=_r9_publicity, needs=_CHAIN),
    "R10": _Spec(make=_r10, needs=_CHAIN),
    "R11": _Spec(make=_above("3.2.3", "3.2.2"), needs=(*_CHAIN, "3.2.3")),
    "R12": _Spec(make=_above("3.3.1", "3.1.3"), needs=(*_CHAIN, "3.3.1", "3.3.2")),
    "R13": _Spec(make=_r13),
    "R14": _Spec(make=_r14, needs=_CHAIN),
    "R15": _Spec(make=_r15, needs=("4.1.2",), kinds=_NOT_CENTRAL),
    "R16": _Spec(make=_above("4.2.2", "4.2.1"), needs=("4.2.1",), kinds=_NOT_CENTRAL),
    "R17": _Spec(make=_above("4.2.4", "4.2.2"), needs=("4.2.1",), kinds=_NOT_CENTRAL),
    "R18": _Spec(make=_above("4.3.2", "4.3.1"), needs=("4.3.1",), kinds=_NOT_CENTRAL),
    "R18.cut": _Spec(make=_above("4.3.3", "4.3.2"), needs=("4.3.1",), kinds=_NOT_CENTRAL),
    "R19": _Spec(make=_r19, needs=("5.4.1",), kinds=_NOT_CENTRAL, also=("F4",)),
    "R20": _Spec(make=_above("5.1.2", "4.1.2"), needs=("4.1.2",), kinds=_NOT_CENTRAL),
    "R21": _Spec(
        make=_above("5.1.3", "5.1.1", "5.1.2"), needs=("5.1.1", "5.1.2"), kinds=_NOT_CENTRAL
    ),
    "R22": _Spec(make=_r22, kinds=_NOT_CENTRAL),
    "R23": _Spec(make=_set({"5.4.1": -1}), kinds=_NOT_CENTRAL, also=("F2",)),
    "R24": _Spec(make=_above("6.4", "6.4"), needs=("4.1.2",), kinds=_NOT_CENTRAL),
    "R25": _Spec(make=_r25, needs=("4.1.2",), kinds=_NOT_CENTRAL),
    "R26": _Spec(make=_r26, needs=("7.1.6.2", "7.1.6.2.a")),
    "R27": _Spec(make=_set({"7.1.6.2": None}), needs=("7.1.6.2", "7.1.6.2.a")),
    "R28": _Spec(make=_set({"7.1.7.1": Decimal(120)}), also=("F1",)),
    "R29": _Spec(make=_r29, needs=_CHAIN, option=("online-levels", "inside")),
    "R29.total": _Spec(make=_r29_total, needs=_CHAIN),
    "R30": _Spec(make=_r30, needs=_CHAIN),
    "R31": _Spec(make=_r31, needs=_CHAIN),
    "R32": _Spec(make=_r32, needs=_CHAIN),
    "R32.level4": _Spec(make=_r32_level4, needs=_CHAIN),
    "R32.share": _Spec(make=_r32_share, needs=_CHAIN, option=("online-levels", "inside")),
    "R33": _Spec(make=_r33, needs=("7.1.9.1",)),
    "R34": _Spec(make=_above("7.2.2.2", "7.2.2.1"), needs=("7.2.2.1",)),
    "R34.units": _Spec(
        make=_above("7.2.2.1", "4.1.2.a"), needs=("4.1.2", "7.2.2.1", "7.2.2.2"), kinds=(_D,)
    ),
    "R35": _Spec(make=_above("7.2.3.5", "7.2.3.4"), needs=("7.2.3.4",)),
    "R36": _Spec(make=_r36),
    "R37": _Spec(
        make=_set({"7.2.7": Entry(status=Status.NOT_YET_DUE)}),
        needs=("7.2.7.1",),
        also=("F4",),
    ),
    "R38": _Spec(make=_set({"7.2.4.1": 0, "7.2.4.2": Decimal(40)})),
    "R39": _Spec(
        make=_first_change(
            {"3.4.1": Decimal(0), "7.2.5.3": Decimal(80)},
            {"3.4.1": Decimal(80), "7.2.5.3": Decimal(0)},
        ),
        kinds=(_D, _C, _P),
    ),
    "R40": _Spec(make=_r40, needs=("7.2.3.4", "7.2.3.2")),
    "P1": _Spec(make=_p1, also=("R14", "P2")),
    "P2": _Spec(make=_p2, needs=("3.1.3",), also=("R13", "R14", "R40")),
}


def _chosen(options: Mapping[str, str] | None, name: str) -> str:
    given = {k.replace("_", "-"): v for k, v in (options or {}).items()}
    return given.get(name, DEFAULT_READINGS.get(name, ""))


def violable_rules(
    *, form: Form | str | None = None, options: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """The rule ids :func:`violating` can break under *options*, in the rule engine's order.

    For the built-in Phụ lục 2B: every rule, derived and declared (F6 and F7
    included), except those that do not apply under *options* (``R29`` and
    ``R32.share`` need ``online-levels`` to be ``"inside"``).  For any other
    form: every rule of the form that some kind of reporter can break (a rule
    whose rows no reporter fills is left out).

    Args:
        form: the form (default: the built-in Phụ lục 2B), or a form id.
        options: the policy options of :func:`cchc.check`.

    Raises:
        InvalidArgument: a *form* that is not a form.

    >>> ids = violable_rules()
    >>> "R1" in ids and "F6" in ids and "R32.share" in ids
    True
    >>> "R32.share" in violable_rules(options={"online-levels": "separate"})
    False
    """
    if form is not None:
        resolved = resolve_form(form)
        if not _is_builtin(resolved):
            chosen = dict(options or {})
            ids = RuleSet.for_form(resolved, chosen).ids
            return tuple(r for r in ids if GenericRule(resolved, r, chosen).kinds)
    known = dict.fromkeys((*rule_ids(resolve_form(None)), "F6", "F7"))
    return tuple(rule for rule in known if rule in _SPECS and _applies(_SPECS[rule], options))


def _is_builtin(form: Form) -> bool:
    """Whether *form* is the built-in Phụ lục 2B of 2021, whose violations are written
    by hand (any other form, the 2025 version included, is broken the generic way)."""
    default = resolve_form(None)
    return form is default or (form.id == default.id and form == default)


def _applies(spec: _Spec, options: Mapping[str, str] | None) -> bool:
    """Whether the rule of *spec* is evaluated under *options*."""
    return spec.option is None or _chosen(options, spec.option[0]) == spec.option[1]


def violating(
    rule: str,
    *,
    form: Form | str | None = None,
    reporters: st.SearchStrategy[Reporter] | None = None,
    periods: st.SearchStrategy[Period] | None = None,
    options: Mapping[str, str] | None = None,
) -> st.SearchStrategy[Violation]:
    """Reports that break exactly the rule *rule*, of the built-in form or any other.

    A valid report is drawn (see :func:`reports`), then a few entries changed so
    that *rule* fails.  For the built-in Phụ lục 2B the changes are chosen per
    rule: 1.1.2 set above 1.1.1 for R1, a part of 3.1.3 raised for R8; where
    another rule states the same relation, one of its other operands is blanked
    so that it is skipped (R9 blanks 7.1.8.1, which R30 also needs); where that
    cannot be, the rule is named in :attr:`Violation.also`.

    For any other *form* the changes are found from the rule itself: the rows it
    names (and a total's breakdown rows) are raised or lowered past the other
    side, zeroed, blanked or pushed out of their unit's range, one row and then
    two at a time, and the report judged by :func:`cchc.check` after each; the
    first change that breaks the rule and nothing else is kept, else the one
    that breaks fewest other rules, which are named in :attr:`Violation.also`.

    Args:
        rule: a rule id of :func:`violable_rules`.
        form: the form (default: the built-in Phụ lục 2B), or a form id.
        reporters: who reports (default: reporters of the kinds the rule can be
            broken for; F7 needs a central agency, F6 a reporter some row does
            not apply to).
        periods: the period (default: :func:`periods`; periods with a report of
            their own for F9).
        options: the policy options of :func:`cchc.check` to break the rule under.

    Raises:
        InvalidArgument: (at draw time) a rule that cannot be broken under
            *options*, or a drawn reporter of a kind the rule cannot be broken for.

    >>> import cchc
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, database=None)
    ... @given(violating("R1"))
    ... def test_r1_is_caught(violation):
    ...     assert "R1" in {f.rule for f in cchc.check(violation.report)}
    >>> test_r1_is_caught()
    """
    unit_strategy, period_strategy = reporters, periods

    def build() -> st.SearchStrategy[Violation]:
        resolved = resolve_form(form)
        if not _is_builtin(resolved):
            return _generic(rule, resolved, unit_strategy, period_strategy, options)
        given: object = rule
        spec = _SPECS.get(given) if isinstance(given, str) else None
        if spec is None:
            msg = f"no way to violate rule {rule!r}; violable rules: {', '.join(violable_rules())}"
            raise InvalidArgument(msg)
        if spec.option is not None and not _applies(spec, options):
            name, value = spec.option
            msg = f"{rule} applies only when option {name!r} is {value!r}"
            raise InvalidArgument(msg)
        plan = plan_for(None, options)
        for name, strategy in (("reporters", unit_strategy), ("periods", period_strategy)):
            if strategy is not None:
                check_strategy(name, strategy)
        who = unit_strategy if unit_strategy is not None else _reporters_of(spec.kinds)
        when = (
            period_strategy
            if period_strategy is not None
            else _periods(reportable=spec.period is not None)
        )
        chosen = FrozenMap(dict(options or {}))

        @st.composite
        def one(draw: st.DrawFn) -> Violation:
            reporter = draw(who)
            _refuse_kind(rule, reporter, spec.kinds)
            original = draw_report(
                draw,
                plan,
                reporter,
                draw(when),
                require=frozenset(spec.needs),
            )
            changes = spec.make(draw, original, chosen)
            report = with_changes(original, changes)
            changed = [c for c in original.form.codes if original[c] != report[c]]
            if spec.period is not None:
                report = report.evolve(period=spec.period(draw, original.period))
                changed.append("period")
            return Violation(
                rule=rule,
                report=report,
                original=original,
                changed=tuple(changed),
                also=spec.also,
                options=chosen,
            )

        return one()

    return lazy(build)


def _generic(
    rule: str,
    form: Form,
    who: st.SearchStrategy[Reporter] | None,
    when: st.SearchStrategy[Period] | None,
    options: Mapping[str, str] | None,
) -> st.SearchStrategy[Violation]:
    """:func:`violating` for a form of one's own: changes found from the rule itself."""
    chosen = FrozenMap(dict(options or {}))
    plan = plan_for(form, options)
    known = violable_rules(form=form, options=options)
    given: object = rule
    if not isinstance(given, str) or given not in known:
        msg = f"no way to violate rule {rule!r} of {form.id}; violable rules: {', '.join(known)}"
        raise InvalidArgument(msg)
    target = GenericRule(form, rule, chosen)
    for name, strategy in (("reporters", who), ("periods", when)):
        if strategy is not None:
            check_strategy(name, strategy)
    units = who if who is not None else _reporters_of(target.kinds)
    dates = when if when is not None else _periods(reportable=rule == "F9")
    needs = frozenset(code for c in target.checks for code in target.operands(c))

    @st.composite
    def one(draw: st.DrawFn) -> Violation:
        reporter = draw(units)
        _refuse_kind(rule, reporter, target.kinds)
        original = draw_report(draw, plan, reporter, draw(dates), require=needs)
        if rule == "F9":
            report = original.evolve(period=_unreported(draw, original.period))
            extra = failing(report, chosen) - failing(original, chosen) - {rule}
            found: tuple[Report, tuple[str, ...]] | None = (report, tuple(sorted(extra)))
        else:
            found = break_rule(draw, target, original, chosen)
        # Only when no change of the rule's rows can break it on this report
        # (its condition cannot hold there): rare, and said so by the law tests.
        assume(found is not None)
        assert found is not None  # noqa: S101 - for the type checker
        report, broken_too = found
        changed = [c for c in form.codes if original[c] != report[c]]
        if report.period != original.period:
            changed.append("period")
        return Violation(
            rule=rule,
            report=report,
            original=original,
            changed=tuple(changed),
            also=broken_too,
            options=chosen,
        )

    return one()


def _reporters_of(kinds: tuple[ReporterKind, ...]) -> st.SearchStrategy[Reporter]:
    return reporters(kinds=st.sampled_from(kinds))


def _refuse_kind(rule: str, reporter: Reporter, kinds: Collection[ReporterKind]) -> None:
    """Refuse a *reporter* (drawn from the caller's strategy) whose kind cannot break *rule*."""
    if reporter.kind not in kinds:
        listed = ", ".join(k.value for k in kinds)
        msg = f"{rule} cannot be broken by a {reporter.kind.value} (only by: {listed})"
        raise InvalidArgument(msg)


def _periods(*, reportable: bool) -> st.SearchStrategy[Period]:
    # The violations are of Phụ lục 2B of 2021: years in which it is in force, so that
    # a violation that moves the period within its year (R5.annual, F9) stays in force.
    return periods(reportable=reportable, max_year=2024)
