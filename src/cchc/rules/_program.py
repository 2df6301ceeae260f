"""A program: a rule set's checks compiled for one applicability profile.

Internal to :mod:`cchc.rules`.  What a check means for a report depends on the
form, the policy, the rules chosen and which rows apply to the reporter.  The
rows that apply are decided by the reporter's kind and, for a few rows, by
whether the reporter is one of the departments the form names (3.4.4 is for *Sở
Tài nguyên và Môi trường*): :func:`profile` reduces a reporter to exactly that,
never to its name, so every department the form does not name shares one
program.  A :class:`Program` owns the compiled fast path and explains any of its
checks on request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

import cchc.rules._interpret as ev
from cchc.errors import UsageError
from cchc.model import Form, ReporterKind, form_cache
from cchc.reports import Report, Reporter
from cchc.rules._checks import Check, Policy, RuleFinding, _Instance, _instantiate
from cchc.rules._compile import Runner, Step, compile_steps
from cchc.rules._explain import evaluate_instance
from cchc.rules.result import Shape
from cchc.units import UnitKind
from cchc.values import FrozenMap

__all__ = [
    "NO_POINTS",
    "Profile",
    "Profiles",
    "Program",
    "checked_points",
    "compile_program",
    "environment",
    "profile",
]

Profile = tuple[ReporterKind, tuple[bool, ...]]
"""What decides which rows apply: the reporter kind, and for each department-specific
applicability of the form whether the reporter is one of its departments."""

NO_POINTS: Mapping[str, Decimal] = FrozenMap({})


@attrs.frozen(kw_only=True, eq=False)
class Program:
    """The checks of a rule set made concrete for one profile, and compiled.

    Attributes:
        instances: every check, concrete for the profile (index = position).
        active: the indices of the checks the compiled code evaluates.
        run: the compiled code (see :func:`cchc.rules._compile.compile_steps`).
        source: its Python source, for inspection.
        static_na: how many checks were decided not applicable when compiling.
        static_errors: the indices of the checks that cannot be evaluated at all.
        shape: how many checks of each kind, what a result's counts need.
    """

    instances: tuple[_Instance, ...]
    active: tuple[int, ...]
    run: Runner
    source: str
    static_na: int
    static_errors: tuple[int, ...]
    shape: Shape = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        shape = Shape(len(self.active), self.static_na, len(self.static_errors))
        object.__setattr__(self, "shape", shape)

    def explain(
        self,
        report: Report,
        points: Mapping[str, Decimal],
        indices: Iterable[int] | None = None,
    ) -> tuple[RuleFinding, ...]:
        """The findings of the checks *indices* (default: all) on *report*, explained."""
        if indices is not None and not (indices := tuple(indices)):
            return ()  # a clean report: no environment to set up
        env = attrs.evolve(environment(report), max_points=points)
        if indices is None:
            return tuple(evaluate_instance(i, env) for i in self.instances)
        return tuple(evaluate_instance(self.instances[i], env) for i in indices)


class Profiles:
    """Reduces a reporter to its :data:`Profile`; one per form (see :meth:`of`).

    Only a department's name can matter, and only on a form that names departments:
    the answer for a name is worked out once (matching names is slow next to a check).
    """

    def __init__(self, form: Form) -> None:
        self.named = tuple(dict.fromkeys(i.reporters for i in form if i.reporters.departments))
        self.plain: dict[ReporterKind, Profile] = {k: (k, ()) for k in ReporterKind}
        self.departments: dict[str, Profile] = {}

    @classmethod
    def of(cls, form: Form) -> Profiles:
        """The profiles of *form* (kept in the form's cache)."""
        cache = form_cache(form)
        profiles: Profiles | None = cache.get("profiles")
        if profiles is None:
            profiles = cache["profiles"] = cls(form)
        return profiles

    def __call__(self, reporter: Reporter) -> Profile:
        kind = reporter.kind
        if kind is not ReporterKind.DEPARTMENT or not self.named:
            return self.plain[kind]
        found = self.departments.get(reporter.name)
        if found is None:
            found = (kind, tuple(a.applies(kind, reporter.name) for a in self.named))
            self.departments[reporter.name] = found
        return found


def profile(form: Form, reporter: Reporter) -> Profile:
    """What decides which rows of *form* apply to *reporter* (never its name alone)."""
    return Profiles.of(form)(reporter)


def _static_types(form: Form) -> Callable[[str], str]:
    header = frozenset(i.code for i in form if i.kind.is_header)
    decimal = frozenset(
        i.code
        for i in form
        if i.unit is not None and i.unit.kind in (UnitKind.PERCENT, UnitKind.SCORE)
    )
    text = frozenset(i.code for i in form if i.unit is not None and i.unit.kind is UnitKind.TEXT)

    def type_of(code: str) -> str:
        if code in header:
            return "num"
        if code in decimal:
            return "dec"
        return "str" if code in text else "int"

    return type_of


def compile_program(
    checks: Sequence[Check],
    form: Form,
    reporter: Reporter,
    *,
    policy: Policy,
    defaults: Mapping[str, str],
    applicability: frozenset[str],
) -> Program:
    """Make *checks* concrete for *reporter*'s profile and compile them."""
    kind = reporter.kind
    na = frozenset(i.code for i in form if not i.applies_to(kind, reporter.name))
    instances = _instantiate(
        checks,
        form,
        policy=policy,
        defaults=defaults,
        kind=kind,
        na=na,
        applicability=applicability,
    )
    steps, active, static_na, static_errors = [], [], 0, []
    for index, instance in enumerate(instances):
        if instance.check.problem is not None or (instance.test is None and instance.na is None):
            static_errors.append(index)
        elif instance.na is not None:
            static_na += 1
        else:
            assert instance.test is not None  # noqa: S101 - the branch above
            steps.append(Step(index, instance.test, instance.when, instance.check.missing))
            active.append(index)
    position = {code: n for n, code in enumerate(form.codes)}
    run, source = compile_steps(
        steps,
        _static_types(form),
        name=f"{form.id}/{kind.value}",
        order=lambda code: position.get(code, 0),
    )
    return Program(
        instances=instances,
        active=tuple(active),
        run=run,
        source=source,
        static_na=static_na,
        static_errors=tuple(static_errors),
    )


def environment(
    report: Report, max_points: Mapping[str, Decimal | int | str] | None = None
) -> ev.Env:
    """The evaluation environment of *report*."""
    points = checked_points(report.form, max_points) if max_points else NO_POINTS
    return ev.Env(entries=report.entries, period=report.period, max_points=points)


def checked_points(form: Form, given: Mapping[str, Any]) -> Mapping[str, Decimal]:
    """*given* checked against *form*: positive numbers on known rows.

    Raises:
        UsageError: an unknown row, or a value that is not a positive number.
    """
    points: dict[str, Decimal] = {}
    for code, value in given.items():
        indicator = form.get(code)
        if indicator is None:
            msg = f"max_points names unknown indicator {code!r}"
            raise UsageError(msg)
        if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
            kind = type(value).__name__
            msg = f"max_points[{code!r}] must be a whole number or a Decimal, not {kind}"
            raise UsageError(msg)
        try:
            number = Decimal(value)
        except ArithmeticError:
            msg = f"max_points[{code!r}] is not a number: {value!r}"
            raise UsageError(msg) from None
        if not Decimal(number).is_finite() or number <= 0:
            msg = f"max_points[{code!r}] must be a positive number, not {value!r}"
            raise UsageError(msg)
        points[code] = Decimal(number)
    return FrozenMap(points)
