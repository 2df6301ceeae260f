"""Breaking one rule of any form by changing its operands.

A valid report is drawn with the rule's rows filled, then a few changes are
tried on the rows the rule names (a value raised or lowered past the other
side, zeroed, blanked, pushed out of its unit's range; for a rule with a
condition, the condition's rows too) and the report judged by
:func:`cchc.check` after each.  The first change that makes the rule fail and
nothing else that did not already fail is kept; when every change that breaks
the rule breaks another with it, the one that breaks fewest is kept and those
rules are named in :attr:`Violation.also`.  Nothing is filtered: the changes
are tried in a fixed order from one drawn amount.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Final

from hypothesis import strategies as st

from cchc.model import Form, IndicatorKind, ReporterKind
from cchc.reports import Report
from cchc.rules import Check, RuleSet, check
from cchc.strategies._common import STATUSES, integers
from cchc.strategies._plan import Domain, domain_of
from cchc.values import Entry, Value

__all__ = ["GenericRule", "break_rule", "breakable_kinds", "failing"]

Change = Entry | Value | None

_KINDS: Final = (
    ReporterKind.DEPARTMENT,
    ReporterKind.DISTRICT,
    ReporterKind.CENTRAL,
    ReporterKind.PROVINCE,
)
_APPLICABILITY: Final = frozenset({"F6", "F7"})
_MAX_TRIES: Final = 400


def failing(report: Report, options: Mapping[str, str]) -> frozenset[str]:
    """The rules that fail on *report* (reading diagnostics aside)."""
    return frozenset(
        f.rule for f in check(report, options=options) if f.is_problem and not f.is_reading
    )


class GenericRule:
    """What breaking one rule of a form needs: its checks and who can break it."""

    def __init__(self, form: Form, rule: str, options: Mapping[str, str]) -> None:
        self.form = form
        self.rule = rule
        ruleset = RuleSet.for_form(form, dict(options))
        chosen = {**ruleset.defaults, **ruleset.policy.options}
        self.checks: tuple[Check, ...] = tuple(
            c
            for c in ruleset.checks
            if c.rule == rule
            and (c.option is None or chosen.get(c.option[0]) == c.option[1])
            and c.test is not None
        )
        self.kinds = breakable_kinds(form, rule, self.checks)

    def operands(self, checked: Check) -> tuple[str, ...]:
        """The rows one check names, a total's breakdown rows with it."""
        codes = list(checked.codes)
        for code in checked.codes:
            codes.extend(
                c.code
                for c in self.form.children(code)
                if c.kind is IndicatorKind.BREAKDOWN or checked.rule == "R19"
            )
        return tuple(dict.fromkeys(codes))


def breakable_kinds(form: Form, rule: str, checks: Sequence[Check]) -> tuple[ReporterKind, ...]:
    """The reporter kinds a report of which can break *rule* of *form*."""
    if rule == "F9":
        return _KINDS
    if rule in _APPLICABILITY:
        return tuple(k for k in _KINDS if _misplaced(form, k, rule))
    kinds = []
    for kind in _KINDS:
        for checked in checks:
            if checked.reporters is not None and kind not in checked.reporters:
                continue
            if any(_applies(form, code, kind) for code in checked.codes):
                kinds.append(kind)
                break
    return tuple(kinds)


def _applies(form: Form, code: str, kind: ReporterKind) -> bool:
    indicator = form.get(code)
    if indicator is None:
        return False
    if indicator.takes_value:
        return indicator.applies_to(kind)
    # A header: it can be given a value by whoever reports a row below it.
    return any(c.applies_to(kind) for c in form.children(code))


def _misplaced(form: Form, kind: ReporterKind, rule: str) -> tuple[str, ...]:
    """Value rows a *kind* does not report, whose section it does (F6) or does not (F7)."""
    found = []
    for indicator in form.value_indicators:
        if indicator.applies_to(kind):
            continue
        root = indicator
        while root.parent is not None:
            root = form[root.parent]
        section_applies = root is indicator or root.applies_to(kind)
        if (rule == "F6") == section_applies:
            found.append(indicator.code)
    return tuple(found)


def _candidates(form: Form, report: Report, code: str, by: int) -> Iterator[Change]:
    """New entries for *code* to try, from the least surprising."""
    indicator = form[code]
    value = report.value(code)
    if not indicator.takes_value:
        below = sum(
            v
            for c in form.children(code)
            if isinstance(v := report.value(c.code), int) and not isinstance(v, bool)
        )
        yield below + by
        yield below
        yield by
        # A heading's status (R3: "not yet done" on 1.2) is a condition of some rules.
        yield from (Entry(status=status) for status in STATUSES)
        return
    domain = domain_of(indicator)
    if domain is Domain.CODE:
        legend = indicator.codes.values if indicator.codes is not None else (0,)
        yield from (c for c in legend if c != value)
        yield max(legend) + 1
        yield None
        return
    if domain not in (Domain.COUNT, Domain.HUNDREDTHS, Domain.SCORE):
        return
    number = value if isinstance(value, int | Decimal) and not isinstance(value, bool) else 0
    step: int | Decimal = by if domain is Domain.COUNT else Decimal(by)
    yield number + step
    if number >= step:
        yield number - step
    if number != 0:
        yield 0 if domain is Domain.COUNT else Decimal(0)
    yield step
    yield None
    if domain is Domain.HUNDREDTHS:
        yield Decimal(100) + step
    yield -step
    yield from (Entry(status=status) for status in STATUSES)


def _with(report: Report, changes: Mapping[str, Change]) -> Report:
    entries = dict(report.entries)
    for code, change in changes.items():
        if change is None:
            entries.pop(code, None)
        else:
            entries[code] = change if isinstance(change, Entry) else Entry(value=change)
    return report.evolve(entries=entries)


@functools.lru_cache(maxsize=64)
def _amounts() -> st.SearchStrategy[int]:
    return integers(1, 50)


def break_rule(
    draw: st.DrawFn,
    target: GenericRule,
    original: Report,
    options: Mapping[str, str],
) -> tuple[Report, tuple[str, ...]] | None:
    """*original* changed so that the rule fails: the report and what else broke.

    ``None`` when no change of the rule's rows breaks it on this report.
    """
    form, rule = target.form, target.rule
    before = failing(original, options)
    by = draw(_amounts())
    if rule in _APPLICABILITY:
        rows = _misplaced(form, original.reporter.kind, rule)
        index = draw(integers(0, len(rows) - 1)) if rows else 0
        tries: Iterator[dict[str, Change]] = ({code: by} for code in (*rows[index:], *rows[:index]))
    else:
        applicable = [
            c
            for c in target.checks
            if (c.reporters is None or original.reporter.kind in c.reporters)
            and any(_applies(form, code, original.reporter.kind) for code in c.codes)
        ]
        if not applicable:
            return None
        start = draw(integers(0, len(applicable) - 1))
        tries = itertools.chain.from_iterable(
            _changes(form, original, target.operands(c), by)
            for c in (*applicable[start:], *applicable[:start])
        )
    best: tuple[Report, frozenset[str]] | None = None
    for changes in itertools.islice(tries, _MAX_TRIES):
        report = _with(original, changes)
        if report == original:
            continue
        broken = failing(report, options)
        if rule not in broken:
            continue
        extra = broken - before - {rule}
        if not extra:
            return report, ()
        if best is None or len(extra) < len(best[1]):
            best = (report, extra)
    if best is None:
        return None
    return best[0], tuple(sorted(best[1]))


def _changes(
    form: Form, report: Report, operands: Sequence[str], by: int
) -> Iterator[dict[str, Change]]:
    """Single changes of the rule's rows, then pairs (a condition's row with a test's)."""
    kind = report.reporter.kind
    rows = [c for c in operands if c in form and _applies(form, c, kind)]
    options = {code: list(_candidates(form, report, code, by)) for code in rows}
    for code in rows:
        for change in options[code]:
            yield {code: change}
    for first, second in itertools.combinations(rows, 2):
        for a, b in itertools.product(options[first], options[second]):
            yield {first: a, second: b}
