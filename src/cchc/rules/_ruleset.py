"""Rule sets and the engine's entry points: :func:`check`, :func:`rule`, :class:`RuleSet`.

What rules are and where they come from is told once, in :mod:`cchc.rules`.

Rules are compiled once per rule set and applicability profile into one Python
function (see :mod:`cchc.rules._program`); only failures become findings, and
only when asked for.  The rule sets of a form live in the form's own cache.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from cchc.errors import UsageError
from cchc.expressions import Kind
from cchc.expressions import parse as parse_expression
from cchc.findings import Outcome, Severity
from cchc.model import Form, MissingPolicy, ReporterKind, RuleDeclaration, form_cache
from cchc.reports import Report, Reporter
from cchc.rules._checks import Check, Policy, RuleFinding, _declared, _derive, _ref_kinds, _totals
from cchc.rules._program import (
    NO_POINTS,
    Profile,
    Profiles,
    Program,
    checked_points,
    compile_program,
)
from cchc.rules.result import CheckResult, Tally, explained
from cchc.values import BLANK

__all__ = ["RuleSet", "check", "evaluate", "rule", "rule_ids"]


def rule(
    id: str,
    test: str,
    *,
    severity: Severity | str = Severity.ERROR,
    when: str | None = None,
    title: str = "",
    title_en: str = "",
    missing: MissingPolicy | str = MissingPolicy.SKIP_IF_ANY,
    reporters: Iterable[ReporterKind | str] | None = None,
    option: tuple[str, str] | None = None,
    form: Form | None = None,
    message: str = "",
    message_en: str = "",
) -> RuleDeclaration:
    """Declare a rule from Python, as a ``[[rule]]`` table of a form file does.

    The expressions are checked at once (against *form*'s codes when given).
    *message* and *message_en* are the failure message with named placeholders
    (``{left}``, ``{right}``, ``{relation}``, ``{difference}``, ``{row}``,
    ``{value}``, or a code such as ``{7.2.5.1}``); without them the message is
    built from the test.

    Raises:
        ExpressionError: a bad test or condition; ``location`` is ``"col N"``.

    >>> import cchc
    >>> mine = rule("my-1", "{7.2.5.1} >= 1000", severity="warning", title_en="Many dossiers")
    >>> result = cchc.check(cchc.example_report(), rules=[mine])
    >>> [f.message_en for f in result.all if f.rule == "my-1"]
    ['Many dossiers: passed (7.2.5.1 is 6,460, at least 1,000)']
    >>> rule("my-2", "{1.1.2} <= ")
    Traceback (most recent call last):
    ...
    cchc.errors.ExpressionError: col 12: expected a number, a {code}, a function or '('
    but the text ends, in '{1.1.2} <= '
    """
    kinds = _ref_kinds(form) if form else None
    totals = _totals(form) if form else None
    parse_expression(test, ref_kind=kinds, totals=totals, expect=Kind.BOOLEAN)
    if when is not None:
        parse_expression(when, ref_kind=kinds, totals=totals, expect=Kind.BOOLEAN)
    try:
        return RuleDeclaration(
            id=id,
            test=test,
            severity=Severity(severity),
            when=when,
            title=title,
            title_en=title_en,
            missing=MissingPolicy(missing),
            reporters=frozenset(ReporterKind(k) for k in reporters) if reporters else None,
            option=option,
            message=message,
            message_en=message_en,
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None


# -- rule sets ------------------------------------------------------------------------------


_APPLICABILITY = frozenset({"F6", "F7"})


class RuleSet:
    """The checks of a form under a policy, compiled per kind of reporter.

    Get the rule set of a form with :meth:`for_form` (cached), or build one from
    your own declarations with :meth:`from_declarations`.

    >>> import cchc
    >>> rules = RuleSet.for_form(cchc.load_form())
    >>> rules.ids[:6]
    ('R1', 'R3', 'R4', 'R5', 'R5.annual', 'R6')
    >>> [f.outcome.value for f in rules.evaluate("R5", cchc.example_report())]
    ['pass']
    """

    def __init__(
        self,
        form: Form,
        checks: Sequence[Check],
        policy: Policy | None = None,
        *,
        applicability: Iterable[str] = (),
    ) -> None:
        self.form = form
        self.checks = tuple(checks)
        # F6/F7 are made per kind of reporter, so they are switched on by name.
        self.applicability = frozenset(applicability) & _APPLICABILITY
        self.options = _declared_options(c.option for c in self.checks)
        # A policy names the form's options, whichever rules this set selected.
        known = _declared_options(
            [*(c.option for c in self.checks), *(d.option for d in form.rules)]
        )
        self.policy = _validated(policy or Policy(), known)
        self.defaults = {name: values[0] for name, values in self.options.items()}
        self._profiles = Profiles.of(form)
        self._programs: dict[Profile, Program] = {}
        self._policies: dict[Policy, RuleSet] = {}

    @classmethod
    def for_form(cls, form: Form, policy: Policy | Mapping[str, str] | None = None) -> RuleSet:
        """Every declared and derived rule of *form* under *policy* (cached by the form)."""
        if not isinstance(policy, Policy):
            policy = Policy(policy or {})
        cache = form_cache(form)
        key = ("rules", policy)
        ruleset: RuleSet | None = cache.get(key)
        if ruleset is None:
            declared = [_declared(form, d) for d in form.rules]
            ruleset = cls(
                form, [*declared, *_derive(form, declared)], policy, applicability=_APPLICABILITY
            )
            cache[key] = ruleset
        return ruleset

    @classmethod
    def from_declarations(
        cls,
        form: Form,
        declarations: Iterable[RuleDeclaration],
        *,
        derived: bool = False,
        policy: Policy | Mapping[str, str] | None = None,
    ) -> RuleSet:
        """A rule set of your own declarations (see :func:`rule`).

        With *derived*, the rules derived from the form's metadata are added.
        """
        declared = [_declared(form, d) for d in declarations]
        extra = _derive(form, declared) if derived else []
        return cls(
            form,
            [*declared, *extra],
            policy if isinstance(policy, Policy) else Policy(policy or {}),
            applicability=_APPLICABILITY if derived else (),
        )

    @property
    def ids(self) -> tuple[str, ...]:
        """The rule ids, in declaration order (derived rules last), once each."""
        ids = dict.fromkeys(c.rule for c in self.checks)
        ids.update(dict.fromkeys(sorted(self.applicability)))
        return tuple(ids)

    def select(self, *ids: str) -> RuleSet:
        """A rule set of only the rules *ids*.

        Raises:
            UsageError: an id the rule set does not have.
        """
        known = self.ids
        unknown = [i for i in ids if i not in known]
        if unknown:
            msg = f"unknown rule {', '.join(map(repr, unknown))} (known: {', '.join(known)})"
            raise UsageError(msg)
        wanted = set(ids)
        return RuleSet(
            self.form,
            [c for c in self.checks if c.rule in wanted],
            self.policy,
            applicability=self.applicability & wanted,
        )

    def with_policy(self, policy: Policy | Mapping[str, str]) -> RuleSet:
        """The same checks under another policy (made once per policy, then reused:
        ``check(report, rules=a_set, options=…)`` on many reports compiles once)."""
        wanted = policy if isinstance(policy, Policy) else Policy(policy)
        found = self._policies.get(wanted)
        if found is None:
            found = RuleSet(self.form, self.checks, wanted, applicability=self.applicability)
            self._policies[wanted] = found
        return found

    # -- per-reporter programs

    def _program(self, reporter: Reporter) -> Program:
        key = self._profiles(reporter)
        program = self._programs.get(key)
        if program is None:
            program = self._programs[key] = compile_program(
                self.checks,
                self.form,
                reporter,
                policy=self.policy,
                defaults=self.defaults,
                applicability=self.applicability,
            )
        return program

    def source(self, reporter: Reporter | None = None) -> str:
        """The Python source generated for *reporter* (default: a department), for inspection."""
        return self._program(reporter or Reporter("?", ReporterKind.DEPARTMENT)).source

    def sql(
        self,
        reporter: Reporter | None = None,
        *,
        max_points: Mapping[str, Decimal | int | str] | None = None,
    ) -> str:
        """The SQL of the batch engine for *reporter*'s kind (default: a department).

        It reads the wide table ``w`` of :class:`cchc.batch.Batch` and gives
        ``(report, check_index)`` for every failed check; see :mod:`cchc.batch`.
        """
        from cchc.batch import sql  # noqa: PLC0415 - the batch engine sits above rules

        return sql(self, reporter, max_points=max_points)

    # -- running

    def check(
        self,
        report: Report,
        *,
        max_points: Mapping[str, Decimal | int | str] | None = None,
        all_results: bool = False,
    ) -> CheckResult:
        """Run every check on *report*; see :func:`check`."""
        # This is the hot path of checking many reports: kept short on purpose.
        if report.form is not self.form and report.form != self.form:
            msg = f"the report is on form {report.form.id!r}, the rules on {self.form.id!r}"
            raise UsageError(msg)
        reporter = report.reporter
        program = self._programs.get(self._profiles(reporter)) or self._program(reporter)
        points = checked_points(self.form, max_points) if max_points else NO_POINTS
        lookup = report.entries.lookup
        fails: list[int] = []
        errors: list[int] = []
        counts = program.run(lookup, BLANK, fails.append, errors.append, report.period, points)
        if counts is None:
            return _interpreted(report, program, points)
        static_errors = program.static_errors
        tally = Tally(
            tuple(fails),
            (*errors, *static_errors) if static_errors else tuple(errors),
            counts[0],
            counts[1] + program.static_na,
            points,
            program.shape,
        )
        result = CheckResult(report, tally, program)
        if all_results:
            result.all  # noqa: B018 - computed now, as asked
        return result

    def evaluate(
        self,
        rule_id: str,
        report: Report,
        *,
        max_points: Mapping[str, Decimal | int | str] | None = None,
    ) -> tuple[RuleFinding, ...]:
        """Every finding (pass, fail, skipped, …) of rule *rule_id* on *report*.

        Raises:
            UsageError: the rule set has no rule *rule_id*.
        """
        program = self._program(report.reporter)
        found = [n for n, i in enumerate(program.instances) if i.check.rule == rule_id]
        if not found and rule_id not in self.ids:
            msg = f"unknown rule {rule_id!r} (known: {', '.join(self.ids)})"
            raise UsageError(msg)
        points = checked_points(report.form, max_points) if max_points else NO_POINTS
        return program.explain(report, points, found)


def _interpreted(report: Report, program: Program, points: Mapping[str, Decimal]) -> CheckResult:
    """Every check explained by interpretation: the fallback when compiled code raised."""
    findings = program.explain(report, points)
    active = set(program.active)
    by = {o: [n for n, f in enumerate(findings) if f.outcome is o] for o in Outcome}
    evaluated_na = sum(1 for n in by[Outcome.NOT_APPLICABLE] if n in active)
    tally = Tally(
        tuple(by[Outcome.FAIL]),
        tuple(by[Outcome.ERROR]),
        len(by[Outcome.SKIPPED]),
        evaluated_na + program.static_na,
        points,
        program.shape,
    )
    return explained(report, tally, findings, program)


def _declared_options(
    declared: Iterable[tuple[str, str] | None],
) -> dict[str, tuple[str, ...]]:
    options: dict[str, list[str]] = {}
    for option in declared:
        if option is not None:
            values = options.setdefault(option[0], [])
            if option[1] not in values:
                values.append(option[1])
    return {name: tuple(values) for name, values in options.items()}


def _validated(policy: Policy, options: Mapping[str, tuple[str, ...]]) -> Policy:
    for name, value in policy.options.items():
        if name not in options:
            known = ", ".join(options) or "none"
            msg = f"unknown option {name!r} (this form's options: {known})"
            raise UsageError(msg)
        if value not in options[name]:
            msg = f"option {name!r} takes {', '.join(map(repr, options[name]))}, not {value!r}"
            raise UsageError(msg)
    return policy


# -- the front door ----------------------------------------------------------------------


def check(
    report: Report,
    *,
    options: Mapping[str, str] | Policy | None = None,
    max_points: Mapping[str, Decimal | int | str] | None = None,
    rules: RuleSet | Iterable[str | RuleDeclaration] | None = None,
    all_results: bool = False,
) -> CheckResult:
    """Check a report: its reading diagnostics and every rule of its form.

    Args:
        report: the report.
        options: the policy for rules with two readings, e.g.
            ``{"autonomy": "cumulative"}`` (see :class:`Policy`).
        max_points: the maximum points of score rows, from the scoring scheme of
            the year, e.g. ``{"7.1.5": Decimal(10)}``; without it F10's upper bound
            and the score ratios have no value.
        rules: the rules to run: a :class:`RuleSet`, rule ids of the form
            (``["R1", "F1"]``) or your own declarations (see :func:`rule`);
            default every declared and derived rule of the form.
        all_results: evaluate the full explanation of every check at once
            (passes and skips too); otherwise only failures become findings, and
            :attr:`CheckResult.all` is computed when first asked for.

    Returns:
        A :class:`~cchc.rules.CheckResult`: iterate it for the findings
        (reading diagnostics and rule failures).

    Raises:
        UsageError: an unknown option, rule id or ``max_points`` entry.

    >>> import cchc
    >>> from decimal import Decimal
    >>> result = cchc.check(cchc.example_report(), options={"autonomy": "cumulative"})
    >>> result.get("R24")
    ()
    >>> cchc.check(cchc.example_report(), options={"autonomy": "both"})
    Traceback (most recent call last):
    ...
    cchc.errors.UsageError: option 'autonomy' takes 'exclusive', 'cumulative', not 'both'
    """
    if options is None and rules is None:
        # The common call: the form's own rules under the default policy.
        cache = form_cache(report.form)
        ruleset = cache.get(_DEFAULT)
        if ruleset is None:
            ruleset = cache[_DEFAULT] = RuleSet.for_form(report.form)
    else:
        ruleset = _resolve(report.form, options, rules)
    return ruleset.check(report, max_points=max_points, all_results=all_results)


_DEFAULT = ("rules", None)


def _resolve(
    form: Form,
    options: Mapping[str, str] | Policy | None,
    rules: RuleSet | Iterable[str | RuleDeclaration] | None,
) -> RuleSet:
    if isinstance(rules, RuleSet):
        return rules.with_policy(options) if options else rules
    base = RuleSet.for_form(form, options)
    if rules is None:
        return base
    items = tuple(rules)
    ids = [r for r in items if isinstance(r, str)]
    declarations = [r for r in items if isinstance(r, RuleDeclaration)]
    if len(ids) + len(declarations) != len(items):
        msg = "rules= takes a RuleSet, rule ids or RuleDeclarations"
        raise UsageError(msg)
    # A selection is compiled once per form and policy, then reused.
    cache = form_cache(form)
    key = ("selection", base.policy, items)
    ruleset: RuleSet | None = cache.get(key)
    if ruleset is None:
        selected = base.select(*ids) if ids else RuleSet(form, (), base.policy)
        own = [_declared(form, d) for d in declarations]
        ruleset = RuleSet(
            form, [*selected.checks, *own], base.policy, applicability=selected.applicability
        )
        cache[key] = ruleset
    return ruleset


@functools.cache
def _builtin_ids() -> tuple[str, ...]:
    from cchc.forms import load_form  # noqa: PLC0415 - forms sits above rules

    return RuleSet.for_form(load_form()).ids


def rule_ids(form: Form | None = None) -> tuple[str, ...]:
    """The ids of every rule of *form* (default: the built-in Phụ lục 2B).

    >>> ids = rule_ids()
    >>> ids[0], "F1" in ids, "R24" in ids
    ('R1', True, True)
    """
    if form is None:
        return _builtin_ids()
    return RuleSet.for_form(form).ids


def evaluate(
    rule_id: str,
    report: Report,
    *,
    options: Mapping[str, str] | Policy | None = None,
    max_points: Mapping[str, Decimal | int | str] | None = None,
) -> tuple[RuleFinding, ...]:
    """Every finding of one rule on *report*, whatever the outcome.

    >>> import cchc
    >>> [
    ...     (f.outcome.value, f.left, f.operator, f.right)
    ...     for f in evaluate("R1", cchc.example_report())
    ... ]
    [('pass', 41, '<=', 49)]
    """
    return RuleSet.for_form(report.form, options).evaluate(rule_id, report, max_points=max_points)
