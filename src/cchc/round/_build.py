"""The round: who reported, who did not, who failed what, and the province's report."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from cchc.errors import UsageError
from cchc.findings import Finding, Severity
from cchc.model import Form, ReporterKind
from cchc.periods import Period
from cchc.register import Register, ReportingUnit
from cchc.reports import Report, Reporter
from cchc.round._load import Loaded, Unreadable, expand, load
from cchc.values import Value

if TYPE_CHECKING:
    from cchc.comparison import Comparison

__all__ = ["CELL_RULES", "ExcludedValue", "Late", "Round", "SetAside"]

CELL_RULES = frozenset({"F1", "F2", "F3", "F10"})
"""Cell rules (range, sign, code list, score): a value failing one (error) is not summed."""


@attrs.frozen
class SetAside:
    """A report read but not counted in the round.

    Attributes:
        file: where it came from.
        name: the reporter's name as the file gives it.
        reason: ``"unknown"`` (no unit of the register), ``"not-expected"`` (the
            unit does not exist at the period's end), ``"period"`` (another
            period) or ``"form"`` (another form).
        detail: the period or form it is for, or the unit it matched.
    """

    file: str
    name: str
    reason: str
    detail: str = ""

    @property
    def label(self) -> str:
        """The reason in Vietnamese, with its detail."""
        text = _REASONS.get(self.reason, self.reason)
        return f"{text} ({self.detail})" if self.detail else text


_REASONS = {
    "unknown": "không có trong danh sách đơn vị",
    "not-expected": "đơn vị không thuộc diện báo cáo kỳ này",
    "period": "báo cáo kỳ khác",
    "form": "biểu mẫu khác",
}


@attrs.frozen
class Late:
    """A unit that sent its report after the deadline."""

    unit: ReportingUnit
    file: str
    submitted: date
    deadline: date

    @property
    def days(self) -> int:
        """How many days late."""
        return (self.submitted - self.deadline).days


@attrs.frozen
class ExcludedValue:
    """A value left out of the province's sums because it fails an error-severity cell rule."""

    unit: ReportingUnit
    file: str
    code: str
    rule: str
    value: Value | None
    message: str


@attrs.frozen(kw_only=True)
class Round:
    """One reporting round (*kỳ báo cáo*) of a province: build it with :meth:`build`.

    Attributes:
        register: the units that must report.
        period: the period reported on.
        form: the form of the round.
        deadline: the day by which units must report.
        received: each expected unit's report (one per unit), in the register's order,
            with the unit it matched.
        duplicates: reports of a unit that sent more than one, other than the one kept
            (the latest submitted, else the last file).
        set_aside: reports read but not counted (unknown sender, another period…).
        unreadable: files that could not be read.
        aggregate: the province's report, rolled up from the received reports.
        aggregate_findings: what ``cchc check`` finds in the aggregate.
        previous: the previous round's aggregate, when given.
        comparison: the like-for-like comparison with the previous round.
        compared_units: the ids of the units present in both rounds.
    """

    register: Register
    period: Period
    form: Form = attrs.field(repr=lambda form: f"<Form {form.id}>")
    deadline: date
    received: tuple[tuple[ReportingUnit, Loaded], ...]
    duplicates: tuple[tuple[ReportingUnit, Loaded], ...] = ()
    set_aside: tuple[tuple[SetAside, Loaded], ...] = ()
    unreadable: tuple[Unreadable, ...] = ()
    aggregate: Report = attrs.field(repr=False)
    aggregate_findings: tuple[Finding, ...] = ()
    previous: Report | None = attrs.field(default=None, repr=False)
    comparison: Comparison | None = attrs.field(default=None, repr=False)
    compared_units: tuple[str, ...] = ()

    # -- building --------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        register: Register,
        period: Period | str | None = None,
        *,
        files: Iterable[str | os.PathLike[str]] = (),
        reports: Iterable[Report] = (),
        form: Form | str | None = None,
        deadline: date | None = None,
        previous: Round | Report | None = None,
        name: str | None = None,
        workers: int | None = None,
        show_progress: bool = False,
    ) -> Round:
        """Read, match, check and roll up the reports of one period.

        Args:
            register: the units that must report.
            period: the period of the round; ``None`` takes the most common period
                of the reports.
            files: report files and folders (every report file under a folder).
            reports: reports already read.
            form: the form (``None``: the reports', else Phụ lục 2B).
            deadline: the day by which units report (default: the period's deadline).
            previous: the previous round (or its aggregate) to compare with.
            name: the aggregate's reporter name (default: the register's province).
            workers: processes that read files (``None``: every core for many office
                files, else one).
            show_progress: draw a progress bar on standard error (on a terminal).

        Raises:
            UsageError: no report at all, or a period that cannot be told.
        """
        from cchc.forms import load_form  # noqa: PLC0415

        the_form = form if isinstance(form, Form) else (load_form(form) if form else None)
        items: list[Loaded | Unreadable] = load(
            expand(files), form=the_form, workers=workers, show_progress=show_progress
        )
        from cchc.round._load import _examine  # noqa: PLC0415

        items.extend(_examine(f"<report {n}>", r) for n, r in enumerate(reports, start=1))
        loaded = [item for item in items if isinstance(item, Loaded)]
        unreadable = tuple(item for item in items if isinstance(item, Unreadable))
        if not loaded:
            msg = "no report could be read: nothing to make a round of"
            raise UsageError(msg)
        if period is None:
            chosen = Counter(item.report.period for item in loaded).most_common(1)[0][0]
        else:
            chosen = period if isinstance(period, Period) else Period.parse(period)
        if the_form is None:
            the_form = Counter(item.report.form for item in loaded).most_common(1)[0][0]
        return cls._assemble(
            register,
            chosen,
            the_form,
            loaded,
            unreadable,
            deadline=deadline or chosen.deadline,
            previous=previous,
            name=name,
        )

    @classmethod
    def _assemble(
        cls,
        register: Register,
        period: Period,
        form: Form,
        loaded: Sequence[Loaded],
        unreadable: tuple[Unreadable, ...],
        *,
        deadline: date,
        previous: Round | Report | None,
        name: str | None,
    ) -> Round:
        expected = {unit.id: unit for unit in register.expected(period)}
        set_aside: list[tuple[SetAside, Loaded]] = []
        per_unit: dict[str, list[Loaded]] = {}
        for item in loaded:
            report = item.report
            unit = register.match(report.reporter, period)
            if report.form.id != form.id:
                aside = SetAside(item.file, report.reporter.name, "form", report.form.id)
            elif report.period != period:
                aside = SetAside(item.file, report.reporter.name, "period", report.period.id)
            elif unit is None:
                aside = SetAside(item.file, report.reporter.name, "unknown")
            elif unit.id not in expected:
                aside = SetAside(item.file, report.reporter.name, "not-expected", unit.id)
            else:
                per_unit.setdefault(unit.id, []).append(item)
                continue
            set_aside.append((aside, item))
        received: list[tuple[ReportingUnit, Loaded]] = []
        duplicates: list[tuple[ReportingUnit, Loaded]] = []
        for unit in expected.values():
            sent = per_unit.get(unit.id)
            if not sent:
                continue
            # The latest signed, else the last file: a unit's correction replaces its report.
            order = sorted(
                range(len(sent)), key=lambda n: (sent[n].report.submitted or date.min, n)
            )
            received.append((unit, sent[order[-1]]))
            duplicates.extend((unit, sent[n]) for n in order[:-1])
        aggregate = _roll_up(
            form,
            period,
            [(unit, item.report) for unit, item in received],
            list(expected.values()),
            name or register.province or "Tổng hợp",
        )
        from cchc.rules import check  # noqa: PLC0415

        aggregate_findings = tuple(check(aggregate).findings)
        comparison: Comparison | None = None
        compared: tuple[str, ...] = ()
        previous_report: Report | None = None
        if isinstance(previous, Round):
            comparison, compared, previous_report = _like_for_like(previous, received, form, period)
        elif isinstance(previous, Report):
            from cchc.comparison import compare  # noqa: PLC0415

            previous_report = previous
            if previous.period <= period:
                comparison = compare(previous, aggregate, allow_different_reporters=True)
        return cls(
            register=register,
            period=period,
            form=form,
            deadline=deadline,
            received=tuple(received),
            duplicates=tuple(duplicates),
            set_aside=tuple(set_aside),
            unreadable=unreadable,
            aggregate=aggregate,
            aggregate_findings=aggregate_findings,
            previous=previous_report,
            comparison=comparison,
            compared_units=compared,
        )

    # -- completeness ------------------------------------------------------------------------

    @property
    def expected(self) -> tuple[ReportingUnit, ...]:
        """The units that must report for the period."""
        return self.register.expected(self.period)

    @property
    def missing(self) -> tuple[ReportingUnit, ...]:
        """The expected units without a report, in the register's order."""
        got = {unit.id for unit, _ in self.received}
        return tuple(unit for unit in self.expected if unit.id not in got)

    @property
    def unknown(self) -> tuple[SetAside, ...]:
        """Reports from senders that match no unit of the register."""
        return tuple(aside for aside, _ in self.set_aside if aside.reason == "unknown")

    @property
    def late(self) -> tuple[Late, ...]:
        """Received reports signed after the deadline (where the report gives its date)."""
        return tuple(
            Late(unit, item.file, item.report.submitted, self.deadline)
            for unit, item in self.received
            if item.report.submitted is not None and item.report.submitted > self.deadline
        )

    @property
    def excluded(self) -> tuple[ExcludedValue, ...]:
        """Values failing an error-severity cell rule: listed, and left out of the sums."""
        found: list[ExcludedValue] = []
        for unit, item in self.received:
            for finding in item.findings:
                if (
                    finding.rule in CELL_RULES
                    and finding.severity is Severity.ERROR
                    and finding.is_problem
                ):
                    code = finding.indicators[0]
                    value = item.report[code].value
                    found.append(
                        ExcludedValue(unit, item.file, code, finding.rule, value, finding.message)
                    )
        return tuple(found)

    @property
    def has_errors(self) -> bool:
        """Whether a received report or the aggregate has an error-severity finding."""
        return any(item.has_errors for _, item in self.received) or any(
            f.severity is Severity.ERROR and f.is_problem for f in self.aggregate_findings
        )

    # -- tables ------------------------------------------------------------------------------

    @property
    def rules(self) -> tuple[str, ...]:
        """Every rule some received report fails, in rule order (R2 before R10)."""
        seen = {rule for _, item in self.received for rule in item.failed}
        return tuple(sorted(seen, key=_rule_order))

    def matrix(self) -> tuple[tuple[ReportingUnit, Mapping[str, int]], ...]:
        """The reporter × rule table: per unit, how many checks of each rule failed.

        Only error- and warning-severity failures count, as in ``failed``.
        """
        rows = []
        for unit, item in self.received:
            counts: Counter[str] = Counter(
                f.rule
                for f in item.findings
                if f.is_problem and f.severity in (Severity.ERROR, Severity.WARNING)
            )
            rows.append((unit, dict(counts)))
        return tuple(rows)

    def rankings(self) -> dict[str, tuple[tuple[ReportingUnit, Decimal | None], ...]]:
        """Per ratio the form declares, the units from the highest value to the lowest.

        Units without a value for the ratio come last, in the register's order.
        """
        table: dict[str, list[tuple[ReportingUnit, Decimal | None]]] = {
            declaration.id: [] for declaration in self.form.ratios
        }
        for unit, item in self.received:
            for ratio_id, value in item.ratios:
                table.setdefault(ratio_id, []).append((unit, value))
        return {
            ratio_id: tuple(sorted(rows, key=lambda row: (row[1] is None, -(row[1] or Decimal(0)))))
            for ratio_id, rows in table.items()
        }

    # -- output ------------------------------------------------------------------------------

    def as_data(self) -> dict[str, Any]:
        """The round as the ``cchc.round/1`` JSON document (contract §8)."""
        from cchc.round._data import round_data  # noqa: PLC0415

        return round_data(self)

    def text(self, *, locale: str = "vi") -> str:
        """A summary for the terminal: counts, missing, late, set aside, failures."""
        from cchc.round._text import round_text  # noqa: PLC0415

        return round_text(self, locale=locale)

    def html(self) -> str:
        """A self-contained HTML page: summary, charts of each ratio by unit, tables."""
        from cchc.round._html import round_html  # noqa: PLC0415

        return round_html(self)

    def _repr_html_(self) -> str:
        from cchc.round._html import round_fragment  # noqa: PLC0415

        return round_fragment(self)

    def write(self, path: str | os.PathLike[str]) -> None:
        """Write the round to *path*: ``.xlsx`` workbook, ``.docx`` annex, ``.html`` or ``.json``.

        Raises:
            UsageError: another extension.
        """
        from cchc.round._outputs import write_round  # noqa: PLC0415

        write_round(self, path)


def _rule_order(rule: str) -> tuple[int, str, int, str]:
    head = rule.rstrip("0123456789.")
    tail = rule[len(head) :]
    number = int(tail.split(".")[0]) if tail.split(".")[0].isdigit() else 0
    group = 0 if rule.startswith("read.") else 1
    return (group, head, number, rule)


def _roll_up(
    form: Form,
    period: Period,
    received: Sequence[tuple[ReportingUnit, Report]],
    expected: Sequence[ReportingUnit],
    name: str,
) -> Report:
    from cchc.aggregation import aggregate  # noqa: PLC0415

    # The register's name, id and kind win over what each file says, so that the
    # sums and their coverage follow the register.
    # (Rebuilding a report checks every entry again: only when the reporter differs.)
    reports = [
        report if report.reporter == unit.reporter else report.evolve(reporter=unit.reporter)
        for unit, report in received
    ]
    reporter = Reporter(name, kind=ReporterKind.PROVINCE)
    if not reports:
        return Report(form=form, reporter=reporter, period=period)
    return aggregate(
        reports,
        reporter=reporter,
        expected=[unit.reporter for unit in expected],
        sources=[f"{unit.name}" for unit, _ in received],
    )


def _like_for_like(
    previous: Round,
    received: Sequence[tuple[ReportingUnit, Loaded]],
    form: Form,
    period: Period,
) -> tuple[Comparison | None, tuple[str, ...], Report]:
    """Both rounds rolled up over the units present in both, and compared."""
    from cchc.comparison import compare  # noqa: PLC0415

    before = {unit.id: (unit, item.report) for unit, item in previous.received}
    now = {unit.id: (unit, item.report) for unit, item in received}
    both = tuple(uid for uid in now if uid in before)
    if not both or previous.period > period:
        return None, both, previous.aggregate
    name = previous.aggregate.reporter.name
    units = [now[uid][0] for uid in both]
    earlier = _roll_up(form, previous.period, [before[uid] for uid in both], units, name)
    later = _roll_up(form, period, [now[uid] for uid in both], units, name)
    return compare(earlier, later, allow_different_reporters=True), both, previous.aggregate
