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

from cchc.errors import CchcError
from cchc.model import Form, IndicatorKind, ReporterKind
from cchc.reports import Report
from cchc.rules import Check, RuleSet, check
from cchc.strategies._common import STATUSES, integers
from cchc.strategies._plan import Domain, domain_of
from cchc.strategies._reports import form_kinds
from cchc.values import Entry, Value

__all__ = ["Change", "GenericRule", "break_rule", "breakable_kinds", "failing", "with_changes"]

Change = Entry | Value | None

_APPLICABILITY: Final = frozenset({"F6", "F7"})
_MAX_TRIES: Final = 400
_MORE_TRIES: Final = 150


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
        # Rows that share a rule: moving one with an operand may keep that rule whole.
        related: dict[str, set[str]] = {}
        for other in ruleset.checks:
            if other.rule != rule and not other.derived:
                for code in other.codes:
                    related.setdefault(code, set()).update(other.codes)
        self.related = {code: tuple(sorted(codes)) for code, codes in related.items()}

    def neighbours(self, operands: Sequence[str]) -> tuple[str, ...]:
        """The rows other rules tie to *operands*, operands aside."""
        found = dict.fromkeys(n for code in operands for n in self.related.get(code, ()))
        return tuple(code for code in found if code not in operands)

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
    """The reporter kinds of *form*'s version a report of which can break *rule*."""
    known = form_kinds(form)
    if rule == "F9":
        return known
    if rule in _APPLICABILITY:
        return tuple(k for k in known if _misplaced(form, k, rule))
    kinds = []
    for kind in known:
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


def _candidates(
    form: Form, report: Report, code: str, by: int, others: Sequence[str] = ()
) -> Iterator[Change]:
    """New entries for *code* to try, from the least surprising; *others* are the
    rule's other rows, whose sum and largest value *code* is also pushed past."""
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
    if domain is Domain.HUNDREDTHS and number >= 1:
        # The typing slip P1 looks for: the rate written as a fraction (0,86 for 85,5).
        yield (Decimal(number) / 100).quantize(Decimal("0.01"))
    # Past the other side of a comparison: their sum, or the largest of them.
    alike = [
        v
        for c in others
        if c != code
        and c in form
        and domain_of(form[c]) is domain
        and isinstance(v := report.value(c), int | Decimal)
        and not isinstance(v, bool)
    ]
    if alike:
        yield sum(alike) + step
        if len(alike) > 1:
            yield max(alike) + step
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


def _number(value: object) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def with_changes(report: Report, changes: Mapping[str, Change]) -> Report:
    """*report* with *changes* made: a value or entry per code, ``None`` to blank it."""
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
        rotated = (*applicable[start:], *applicable[:start])
        # Every check's single changes first (F2 has one check per count row), then pairs.
        tries = itertools.chain.from_iterable(
            _changes(form, original, (target.operands(c), target.neighbours(c.codes)), by, phase)
            for phase in range(3)
            for c in rotated
        )
    best: tuple[Report, frozenset[str]] | None = None
    left = _MAX_TRIES
    for changes in tries:
        left -= 1
        if left < 0:
            break
        try:
            report = with_changes(original, changes)
        except CchcError:
            continue  # a value the row cannot hold: not a report at all
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
            # Something breaks it: look a little further for a change that breaks it alone.
            left = min(left, _MORE_TRIES)
    if best is None:
        return None
    return best[0], tuple(sorted(best[1]))


def _changes(
    form: Form,
    report: Report,
    rows_and_neighbours: tuple[Sequence[str], Sequence[str]],
    by: int,
    phase: int,
) -> Iterator[dict[str, Change]]:
    """Single changes of the rule's rows (phase 0), a row moved with one another rule
    ties to it (1: 1.6 raised with its part 1.7), pairs of the rule's rows (2: a
    condition's row with a test's)."""
    operands, neighbours = rows_and_neighbours
    kind = report.reporter.kind
    rows = [c for c in operands if c in form and _applies(form, c, kind)]
    near = [c for c in neighbours if c in form and _applies(form, c, kind)] if phase == 1 else []
    options = {
        code: list(_candidates(form, report, code, by, rows if code in rows else ()))
        for code in (*rows, *near)
    }
    if phase == 0:
        for code in rows:
            for change in options[code]:
                yield {code: change}
    elif phase == 1:
        # Move a tied row by as much as the rule's row moved, up or down: a sum
        # another rule states (1.6 == 1.7 + 1.8) then still adds up.
        for first, second in itertools.product(rows, near):
            if domain_of(form[first]) is not domain_of(form[second]):
                continue
            old, tied = report.value(first), report.value(second)
            for a in options[first][:4]:
                if not (_number(a) and _number(old) and _number(tied)):
                    continue
                delta = a - old  # type: ignore[operator]
                for b in (tied + delta, tied - delta):  # type: ignore[operator]
                    if b >= 0:
                        yield {first: a, second: b}
    else:
        for first, second in itertools.combinations(rows, 2):
            for a, b in itertools.product(options[first], options[second]):
                yield {first: a, second: b}
