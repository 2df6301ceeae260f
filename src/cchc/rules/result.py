"""The result of checking a report: reading diagnostics and rule findings together.

>>> import cchc
>>> result = cchc.check(cchc.example_report())
>>> result.summary()["error"], result.has_errors
(3, True)
>>> [f.rule for f in result.failures if f.severity is cchc.Severity.ERROR]
['R15', 'R24', 'R26']
>>> counts = result.counts
>>> counts[cchc.Outcome.FAIL], counts[cchc.Outcome.PASS] > 100
(11, True)

Only failed checks become findings, when first asked for; :attr:`CheckResult.all`
explains every check (passes, skips, not-applicable) and is computed on request
or at once with ``check(report, all_results=True)``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from cchc import _display
from cchc._text import short_name
from cchc.findings import Finding, Outcome, Severity
from cchc.reports import Report
from cchc.values import FrozenMap

if TYPE_CHECKING:
    from cchc.rules._checks import RuleFinding
    from cchc.rules._program import Program

__all__ = ["CheckResult", "RuleSummary"]

# A rule whose finding the reader already reports for the same row is not repeated.
_READ_ALREADY = {"F4": frozenset({"read.value-on-header"})}


@attrs.frozen(kw_only=True)
class RuleSummary:
    """How the checks of one rule came out (R ``validate``: items, passes, fails, missing).

    Attributes:
        rule: the rule id.
        severity: the most serious severity of its checks.
        passed, failed, skipped, not_applicable, errors: how many checks had
            each outcome.
    """

    rule: str
    severity: Severity
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    not_applicable: int = 0
    errors: int = 0

    @property
    def checks(self) -> int:
        """How many checks the rule has for this report."""
        return self.passed + self.failed + self.skipped + self.not_applicable + self.errors


_OUTCOME_FIELD = {
    Outcome.PASS: "passed",
    Outcome.FAIL: "failed",
    Outcome.SKIPPED: "skipped",
    Outcome.NOT_APPLICABLE: "not_applicable",
    Outcome.ERROR: "errors",
}


@attrs.frozen
class Shape:
    """How many checks of each kind a compiled program has (what counting needs).

    Attributes:
        active: the checks the compiled code evaluates.
        static_na: the checks decided not applicable before running.
        static_errors: the checks that cannot be evaluated at all.
    """

    active: int
    static_na: int = 0
    static_errors: int = 0


@attrs.frozen
class Tally:
    """What the compiled checks of one report found: plain data, cheap to make.

    Attributes:
        failed: the indices of the checks that failed.
        errored: the indices of the checks that could not be evaluated.
        skipped: how many checks were skipped for blank operands.
        not_applicable: how many checks did not apply.
        max_points: the maximum points the checks ran with.
        shape: how many checks of each kind ran.
    """

    failed: tuple[int, ...]
    errored: tuple[int, ...]
    skipped: int
    not_applicable: int
    max_points: Mapping[str, Decimal]
    shape: Shape


def explained(
    report: Report,
    tally: Tally,
    everything: tuple[RuleFinding, ...],
    program: Program | None = None,
) -> CheckResult:
    """A result whose every check is already explained (*everything*, in check order)."""
    result = CheckResult(report, tally, program)
    result._cache["all"] = everything  # noqa: SLF001 - built here, filled here
    return result


@attrs.frozen(repr=False)
class CheckResult:
    """Findings of one report: reading diagnostics first, then rule findings.

    Iterating gives the findings that ask for attention (:attr:`findings`);
    :attr:`all` gives every check's outcome; :meth:`summary` counts problems by
    severity (the ``summary`` of ``cchc check --format json``) and
    :meth:`by_rule` counts outcomes per rule.

    Made by :func:`cchc.check`.  The result is immutable plain data: two results
    of the same report and outcomes are equal, and a result pickles (its
    findings are explained first).  Findings are built when first asked for.
    """

    report: Report
    _tally: Tally
    # The compiled checks that ran, to explain findings on request; never compared
    # or pickled (a pickled result carries its explained findings instead).
    _program: Program | None = attrs.field(default=None, eq=False)
    _cache: dict[str, Any] = attrs.field(init=False, factory=dict, eq=False)

    def __reduce__(self) -> tuple[Any, ...]:
        return (explained, (self.report, self._tally, self._explained()))

    @property
    def failed(self) -> tuple[int, ...]:
        """The indices of the checks that failed (internal)."""
        return self._tally.failed

    @property
    def errored(self) -> tuple[int, ...]:
        """The indices of the checks that could not be evaluated (internal)."""
        return self._tally.errored

    @property
    def skipped(self) -> int:
        """How many checks were skipped for blank operands."""
        return self._tally.skipped

    @property
    def not_applicable(self) -> int:
        """How many checks did not apply (reporter, option or condition)."""
        return self._tally.not_applicable

    @property
    def max_points(self) -> Mapping[str, Decimal]:
        """The maximum points the checks ran with."""
        return self._tally.max_points

    def _explained(self) -> tuple[RuleFinding, ...]:
        everything: tuple[RuleFinding, ...] | None = self._cache.get("all")
        if everything is None:
            assert self._program is not None  # noqa: S101 - only a restored result lacks it
            everything = self._program.explain(self.report, self.max_points)
            self._cache["all"] = everything
        return everything

    # -- views

    @property
    def diagnostics(self) -> tuple[Finding, ...]:
        """What reading the source table found (``read.…`` findings)."""
        return self.report.diagnostics

    @property
    def version_findings(self) -> tuple[Finding, ...]:
        """F11–F13: whether the report fits its form version (:mod:`cchc.versions`)."""
        cached = self._cache.get("versions")
        if cached is None:
            from cchc.versions import version_findings  # noqa: PLC0415

            cached = self._cache["versions"] = version_findings(self.report)
        return cached

    @property
    def rule_findings(self) -> tuple[RuleFinding, ...]:
        """The rule findings that failed or could not be evaluated, in rule order."""
        cached = self._cache.get("problems")
        if cached is None:
            wanted = sorted((*self.failed, *self.errored))
            if "all" in self._cache:
                everything = self._cache["all"]
                cached = tuple(everything[i] for i in wanted)
            else:
                assert self._program is not None  # noqa: S101 - only a restored result lacks it
                cached = self._program.explain(self.report, self.max_points, wanted)
            self._cache["problems"] = cached
        return cached

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The findings that ask for attention: every reading diagnostic, then the
        rule findings that failed or could not be evaluated.

        A rule failure that the reader already reported on the same row (F4 and
        ``read.value-on-header``) is listed once, as the reading diagnostic.
        """
        cached = self._cache.get("findings")
        if cached is None:
            read = {(d.rule, code) for d in self.diagnostics for code in d.indicators}
            kept = [
                f
                for f in self.rule_findings
                if not any(
                    (r, code) in read
                    for r in _READ_ALREADY.get(f.rule, ())
                    for code in f.indicators
                )
            ]
            if any(f.rule == "F11" for f in self.version_findings):
                # The reporter's kind is not in the form version: F11 says so once,
                # rather than F6/F7 on every filled row.
                kept = [f for f in kept if f.rule not in ("F6", "F7")]
            cached = (*self.diagnostics, *self.version_findings, *kept)
            self._cache["findings"] = cached
        return cached

    @property
    def failures(self) -> tuple[Finding, ...]:
        """Only the problems: failed or erroring findings, reading diagnostics included."""
        return tuple(f for f in self.findings if f.is_problem)

    @property
    def all(self) -> tuple[Finding, ...]:
        """Every reading diagnostic and every check's finding, whatever its outcome."""
        everything = self._explained()
        return (*self.diagnostics, *self.version_findings, *everything)

    def get(self, rule: str) -> tuple[Finding, ...]:
        """The findings of rule *rule* (failures and errors; see :attr:`findings`)."""
        return tuple(f for f in self.findings if f.rule == rule)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __getitem__(self, index: int) -> Finding:
        return self.findings[index]

    # -- counts

    @property
    def counts(self) -> Mapping[Outcome, int]:
        """How many rule checks had each outcome (passes are counted, not built)."""
        tally, shape = self._tally, self._tally.shape
        failed, errored = len(tally.failed), len(tally.errored)
        evaluated_na = tally.not_applicable - shape.static_na
        run_errors = errored - shape.static_errors
        passed = shape.active - failed - run_errors - tally.skipped - evaluated_na
        return FrozenMap(
            {
                Outcome.PASS: passed,
                Outcome.FAIL: failed,
                Outcome.SKIPPED: self.skipped,
                Outcome.NOT_APPLICABLE: self.not_applicable,
                Outcome.ERROR: errored,
            }
        )

    def summary(self) -> Mapping[str, int]:
        """The findings of :attr:`findings` counted by severity.

        This is the ``summary`` of ``cchc check --format json``:
        ``{"error": 3, "warning": 18, "info": 15}``.
        """
        counter = Counter(f.severity.value for f in self.findings)
        return FrozenMap({s.value: counter.get(s.value, 0) for s in Severity})

    def by_rule(self) -> Mapping[str, RuleSummary]:
        """Outcomes per rule, from :attr:`all` (computed on first use)."""
        rules: dict[str, dict[str, Any]] = {}
        for finding in self.all:
            if finding.is_reading:
                continue
            row = rules.setdefault(
                finding.rule, {"rule": finding.rule, "severity": finding.severity}
            )
            if finding.severity.rank < row["severity"].rank:
                row["severity"] = finding.severity
            field = _OUTCOME_FIELD[finding.outcome]
            row[field] = row.get(field, 0) + 1
        return FrozenMap({rule: RuleSummary(**row) for rule, row in rules.items()})

    @property
    def has_errors(self) -> bool:
        """Whether a finding of error severity failed (``cchc check`` then exits with 1)."""
        return any(
            f.severity is Severity.ERROR and f.outcome is Outcome.FAIL for f in self.findings
        )

    @property
    def ok(self) -> bool:
        """Whether no error-severity finding failed."""
        return not self.has_errors

    # -- display

    def __repr__(self) -> str:
        counts = self.summary()
        return (
            f"<CheckResult {short_name(self.report.reporter.name)!r} {self.report.period.id}: "
            f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
            f"{counts['info']} info>"
        )

    def _repr_html_(self) -> str:
        """The findings as an HTML table whose caption names the reporter and period."""
        return _display.html(self)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
