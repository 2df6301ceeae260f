"""Reports valid by construction, and sets of them for aggregation."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Mapping
from typing import Final

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from cchc.errors import CchcError
from cchc.model import Form, ReporterKind, form_cache
from cchc.periods import Period
from cchc.reports import Report, Reporter
from cchc.rules import check
from cchc.strategies._basic import periods, reporter_sets, reporters
from cchc.strategies._common import (
    BOOLEANS,
    DEFAULT_MAX_COUNT,
    DEFAULT_MAX_SCORE,
    STATUSES,
    check_int,
    check_strategy,
    draw_step,
    lazy,
    note_texts,
    resolve_form,
)
from cchc.strategies._plan import Plan, build_plan, to_value
from cchc.values import Entry, Status, Value


def reports(
    *,
    form: Form | str | None = None,
    reporters: st.SearchStrategy[Reporter] | None = None,
    periods: st.SearchStrategy[Period] | None = None,
    complete: bool = False,
    notes: st.SearchStrategy[str] | None = None,
    statuses: st.SearchStrategy[Status] | None = None,
    max_notes: int = 3,
    max_statuses: int = 2,
    options: Mapping[str, str] | None = None,
    max_count: int = DEFAULT_MAX_COUNT,
    max_score: int = DEFAULT_MAX_SCORE,
) -> st.SearchStrategy[Report]:
    """Reports that pass every error-severity rule of :func:`cchc.check`.

    Parts are drawn before their totals and totals computed (3.1.3 = 3.1.3.a +
    3.1.3.b + 3.1.3.c over the levels that apply), subsets drawn below their
    supersets (1.1.2 ≤ 1.1.1), entered rates computed from their ratio, and rows
    linked by an error rule are filled or left blank together.  Rows that do not
    apply to the drawn reporter stay blank.  All of it is derived from the form's
    rules, for any form; an error rule the plan cannot construct is named in an
    :class:`UnconstructedRuleWarning` when the strategy is first drawn from.

    Args:
        form: the form (default: the built-in Phụ lục 2B of 2021), a form id, or
            any :class:`cchc.Form`.
        reporters: who reports (default: :func:`reporters`).
        periods: the period (default: :func:`periods` in which the form version is in force).
        complete: fill every value row that applies to the reporter; otherwise
            each group of linked rows is filled or left blank, shrinking towards
            blank.
        notes: Ghi chú texts put on a few rows (default: :func:`note_texts`).
        statuses: statuses put on a few blank rows (default: not yet done, not
            yet due, not reported).
        max_notes: the most rows with a note; ``0`` for none.
        max_statuses: the most blank rows with a status; ``0`` for none.
        options: the policy options given to :func:`cchc.check`
            (``{"autonomy": "cumulative"}``): the report is drawn valid under them.
        max_count: the largest freely drawn count (totals may exceed it).
        max_score: the largest score drawn.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None)
    ... @given(reports(reporters=reporters(kinds=st.just(ReporterKind.DEPARTMENT))))
    ... def test_no_district_rows(report):
    ...     assert "3.1.3.b" not in report and report.value("3.4.2") is None
    >>> test_no_district_rows()
    """
    reporter_strategy, period_strategy = reporters, periods

    def build() -> st.SearchStrategy[Report]:
        plan = plan_for(form, options)
        cap = check_int("max_count", max_count, minimum=0)
        top = check_int("max_score", max_score, minimum=0)
        most_notes = check_int("max_notes", max_notes, minimum=0)
        most_statuses = check_int("max_statuses", max_statuses, minimum=0)
        flag: object = complete
        if not isinstance(flag, bool):
            msg = f"complete must be True or False, not {flag!r}"
            raise InvalidArgument(msg)
        for name, strategy in (
            ("reporters", reporter_strategy),
            ("periods", period_strategy),
            ("notes", notes),
            ("statuses", statuses),
        ):
            if strategy is not None:
                check_strategy(name, strategy)
        who = reporter_strategy if reporter_strategy is not None else _default_reporters(plan.form)
        when = period_strategy if period_strategy is not None else _default_periods(plan.form)
        note_strategy = notes if notes is not None else note_texts()
        status_strategy = statuses if statuses is not None else st.sampled_from(STATUSES)

        @st.composite
        def one(draw: st.DrawFn) -> Report:
            return draw_report(
                draw,
                plan,
                draw(who),
                draw(when),
                complete=complete,
                notes=note_strategy,
                statuses=status_strategy,
                max_notes=most_notes,
                max_statuses=most_statuses,
                max_count=cap,
                max_score=top,
            )

        return one()

    return lazy(build)


_DRAWN_KINDS: Final = (
    ReporterKind.DEPARTMENT,
    ReporterKind.DISTRICT,
    ReporterKind.COMMUNE,
    ReporterKind.CENTRAL,
    ReporterKind.PROVINCE,
)


def form_kinds(form: Form) -> tuple[ReporterKind, ...]:
    """The reporter kinds drawn for *form* by default: those its version has (no F11).

    Communes only when the form names them among its reporters and no district
    is there to file for them (the forms of 2025 on), as before.
    """
    kinds = [k for k in _DRAWN_KINDS if k in form.reporter_kinds]
    if ReporterKind.DISTRICT in kinds and ReporterKind.COMMUNE in kinds:
        kinds.remove(ReporterKind.COMMUNE)
    return tuple(kinds)


def _reporters_of(kinds: tuple[ReporterKind, ...]) -> st.SearchStrategy[Reporter]:
    return reporters(kinds=st.sampled_from(kinds))


def _default_reporters(form: Form) -> st.SearchStrategy[Reporter]:
    kinds = form_kinds(form)
    if set(kinds) == {ReporterKind.DEPARTMENT, ReporterKind.DISTRICT, ReporterKind.CENTRAL,
                      ReporterKind.PROVINCE}:  # fmt: skip
        return reporters()  # the default order of reporters(), as before
    return _reporters_of(kinds)


def _default_periods(form: Form) -> st.SearchStrategy[Period]:
    # Periods in which the form version is in force, so that a drawn report is on
    # the right version (no F12) unless the caller asks for other periods.
    low, high = 2019, 2026
    if form.valid_from is not None:
        low = max(low, form.valid_from.year)
    if form.valid_until is not None:
        high = min(high, form.valid_until.year)
    return periods(min_year=min(low, high), max_year=high).filter(form.in_force)


def plan_for(
    form: Form | str | None, options: Mapping[str, str] | None, *, warn: bool = True
) -> Plan:
    """The (cached) plan of *form* under *options*; with *warn*, rules it cannot
    construct are named in an :class:`UnconstructedRuleWarning`."""
    plan = _plan_for(form, options)
    if warn and plan.unconstructed:
        gaps = "; ".join(f"{rule}: {why}" for rule, why in plan.unconstructed)
        msg = (
            f"reports of form {plan.form.id!r} are not valid by construction for "
            f"{len(plan.unconstructed)} error-severity rule(s), which drawn reports may "
            f"fail: {gaps}"
        )
        warnings.warn(msg, UnconstructedRuleWarning, stacklevel=3)
    return plan


def _plan_for(form: Form | str | None, options: Mapping[str, str] | None) -> Plan:
    resolved = resolve_form(form)
    given: object = options
    if given is not None and not isinstance(given, Mapping):
        msg = f"options must be a mapping of option names to values, not {given!r}"
        raise InvalidArgument(msg)
    readings = tuple(sorted((options or {}).items()))
    # The form owns its plans (one per reading of its options): a form drawn by
    # forms() takes its plans with it when it goes.
    cache = form_cache(resolved)
    key = ("strategies.plan", readings)
    cached: Plan | None = cache.get(key)
    if cached is not None:
        return cached
    if options:
        _check_options(resolved, options)
    try:
        plan = build_plan(resolved, dict(readings))
    except ValueError as err:
        raise InvalidArgument(str(err)) from err
    cache[key] = plan
    return plan


class UnconstructedRuleWarning(UserWarning):
    """A form has error-severity rules that :func:`reports` cannot make hold by construction.

    Given once per strategy, when it is first drawn from (strategies are built
    then, so that argument errors surface in the test); the message names each
    rule and why.  :func:`unconstructed_rules`
    lists them without drawing.
    """


def unconstructed_rules(
    *, form: Form | str | None = None, options: Mapping[str, str] | None = None
) -> tuple[tuple[str, str], ...]:
    """The error-severity rules of *form* that drawn reports are not built to pass.

    Each is ``(rule id, why)``.  Empty for the built-in Phụ lục 2B and for any
    form whose rules are sums, bounds, breakdowns, entered rates of a ratio of
    rows and "zero when" conditions.

    Args:
        form: the form (default: the built-in Phụ lục 2B), or a form id.
        options: the policy options of :func:`cchc.check`.

    Raises:
        InvalidArgument: a *form* that is not a form, or unknown options.

    >>> unconstructed_rules()
    ()
    """
    return plan_for(form, options, warn=False).unconstructed


def _check_options(form: Form, options: Mapping[str, str]) -> None:
    """Let :func:`cchc.check` judge the options, on an empty report of *form*."""
    empty = Report(form=form, reporter=Reporter("-", ReporterKind.PROVINCE), period="2021")
    try:
        check(empty, options=options)
    except CchcError as err:
        msg = f"options={dict(options)!r}: {err}"
        raise InvalidArgument(msg) from err


def draw_report(
    draw: st.DrawFn,
    plan: Plan,
    reporter: Reporter,
    period: Period,
    *,
    complete: bool = False,
    require: frozenset[str] = frozenset(),
    notes: st.SearchStrategy[str] | None = None,
    statuses: st.SearchStrategy[Status] | None = None,
    max_notes: int = 0,
    max_statuses: int = 0,
    max_count: int = DEFAULT_MAX_COUNT,
    max_score: int = DEFAULT_MAX_SCORE,
) -> Report:
    """Draw a valid report of *reporter* for *period*; the groups of *require* are filled."""
    filled = _draw_filled(
        draw,
        plan,
        reporter,
        complete=complete,
        require=require,
        max_count=max_count,
        max_score=max_score,
    )
    drawn = _decorate(
        draw,
        plan=plan,
        reporter=reporter,
        filled=filled,
        notes=notes if max_notes else None,
        statuses=statuses if max_statuses else None,
        max_notes=max_notes,
        max_statuses=max_statuses,
    )
    return Report(form=plan.form, reporter=reporter, period=period, entries=drawn)


def _draw_filled(
    draw: st.DrawFn,
    plan: Plan,
    reporter: Reporter,
    *,
    complete: bool,
    require: frozenset[str],
    max_count: int,
    max_score: int,
) -> dict[str, Value]:
    """The filled rows of a report: code → typed value, drawn group by group."""
    applicable = plan.applicable(reporter.kind, reporter.name)
    form = plan.form
    units: dict[str, int | str] = {}
    for component in plan.components:
        rows = [c for c in component if c in applicable]
        if not rows:
            continue
        # One boolean per group of linked rows: shrinking turns whole groups off.
        if not (complete or require.intersection(rows) or draw(BOOLEANS)):
            continue
        for code in rows:
            units[code] = draw_step(
                draw, plan.steps[code], form[code], units, max_count=max_count, max_score=max_score
            )
    return {
        code: (u if isinstance(u, str) else to_value(form[code], u)) for code, u in units.items()
    }


@functools.lru_cache(maxsize=64)
def _sampled(codes: tuple[str, ...]) -> st.SearchStrategy[str]:
    # Built once per reporter profile, not once per report.
    return st.sampled_from(codes)


def _decorate(
    draw: st.DrawFn,
    *,
    plan: Plan,
    reporter: Reporter,
    filled: Mapping[str, Value],
    notes: st.SearchStrategy[str] | None,
    statuses: st.SearchStrategy[Status] | None,
    max_notes: int,
    max_statuses: int,
) -> dict[str, Entry]:
    """Entries for the filled rows, with a few notes, and statuses on a few blank rows."""
    applicable = plan.applicable_in_order(reporter.kind, reporter.name)
    noted: dict[str, str] = {}
    status_of: dict[str, Status] = {}
    if applicable and notes is not None:
        keys = _sampled(applicable)
        noted = draw(st.dictionaries(keys, notes, max_size=max_notes))
    if applicable and statuses is not None:
        # Statuses drawn for filled rows are dropped: a value needs no reason.
        keys = _sampled(applicable)
        status_of = draw(st.dictionaries(keys, statuses, max_size=max_statuses))
    result: dict[str, Entry] = {}
    for code in applicable:
        value, note = filled.get(code), noted.get(code)
        status = status_of.get(code) if value is None else None
        if value is not None or status is not None or note is not None:
            result[code] = Entry(value=value, status=status, note=note)
    return result


def report_sets(
    *,
    form: Form | str | None = None,
    reporters: st.SearchStrategy[tuple[Reporter, ...]] | None = None,
    periods: st.SearchStrategy[Period] | None = None,
    complete: bool = False,
    options: Mapping[str, str] | None = None,
    min_size: int = 1,
    max_size: int = 5,
) -> st.SearchStrategy[tuple[Report, ...]]:
    """Reports of one form and one period by distinct reporters: input for :func:`cchc.aggregate`.

    Args:
        form: the form (default: the built-in Phụ lục 2B of 2021).
        reporters: sets of reporters (default: :func:`reporter_sets` with
            *min_size* and *max_size*).
        periods: the one period all reports share (default: :func:`periods` in
            which the form version is in force).
        complete: as in :func:`reports`.
        options: as in :func:`reports`.
        min_size: the fewest reports, when *reporters* is not given.
        max_size: the most reports, when *reporters* is not given.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, database=None)
    ... @given(report_sets(max_size=3))
    ... def test_one_period(batch):
    ...     assert len({r.period for r in batch}) == 1
    >>> test_one_period()
    """
    unit_sets, period_strategy = reporters, periods

    def build() -> st.SearchStrategy[tuple[Report, ...]]:
        plan = plan_for(form, options)
        filing = tuple(k for k in form_kinds(plan.form) if k is not ReporterKind.PROVINCE)
        units = (
            unit_sets
            if unit_sets is not None
            else reporter_sets(
                reporters=_reporters_of(filing) if filing else None,
                min_size=min_size,
                max_size=max_size,
            )
        )
        check_strategy("reporters", units)
        when = period_strategy if period_strategy is not None else _default_periods(plan.form)
        check_strategy("periods", when)
        flag: object = complete
        if not isinstance(flag, bool):
            msg = f"complete must be True or False, not {flag!r}"
            raise InvalidArgument(msg)
        notes, statuses = note_texts(), st.sampled_from(STATUSES)

        @st.composite
        def batch(draw: st.DrawFn) -> tuple[Report, ...]:
            period = draw(when)
            return tuple(
                draw_report(
                    draw,
                    plan,
                    unit,
                    period,
                    complete=complete,
                    notes=notes,
                    statuses=statuses,
                    max_notes=3,
                    max_statuses=2,
                )
                for unit in draw(units)
            )

        return batch()

    return lazy(build)
