"""What :func:`cchc.aggregate` and :func:`~cchc.aggregation.aggregate_ratio` combine, checked.

The reports given are checked to be of one form and one period and deduplicated
by reporter; the expected reporters are matched to them; and the rows of a form
are sorted by how they combine and for whom they apply.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, TypeAlias, TypeVar

import attrs

from cchc.aggregation._cells import CellRule, cell_rule
from cchc.errors import AggregationError, UsageError
from cchc.model import Form, Indicator, ReporterKind, form_cache
from cchc.periods import Period
from cchc.reports import Report, Reporter
from cchc.units import UnitKind

__all__ = [
    "Duplicates",
    "Inputs",
    "Layout",
    "is_aggregate",
    "is_province_own",
    "prepare",
]

Duplicates: TypeAlias = Literal["error", "keep-last"]
T = TypeVar("T")

# -- preparing the inputs --------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Inputs:
    form: Form
    period: Period
    reports: tuple[Report, ...]
    """Deduplicated, sorted by reporter key."""
    missing: tuple[Reporter | str, ...]
    """Expected reporters without a report."""


def _describe(position: int, report: Report, sources: Sequence[str] | None) -> str:
    where = sources[position] if sources else f"report {position + 1}"
    return f"{where} ({report.reporter.name})"


def _majority(values: Sequence[T]) -> T:
    """The most common value; the earliest among equals, so the odd one out is named."""
    return Counter(values).most_common(1)[0][0]


def prepare(
    reports: Iterable[Report],
    expected: Iterable[Reporter | str] | None,
    duplicates: Duplicates,
    sources: Sequence[str] | None = None,
) -> Inputs:
    if duplicates not in ("error", "keep-last"):
        msg = f"duplicates must be 'error' or 'keep-last', not {duplicates!r}"
        raise UsageError(msg)
    given: list[Report] = []
    for position, candidate in enumerate(reports):
        if not isinstance(candidate, Report):  # a typo'd call deserves a clear message
            msg = f"item {position + 1} is not a Report but {type(candidate).__name__}"  # type: ignore[unreachable]
            raise UsageError(msg)
        given.append(candidate)
    if not given:
        msg = "no reports to aggregate"
        raise AggregationError(msg)
    if sources is not None and len(sources) != len(given):
        msg = f"{len(sources)} sources for {len(given)} reports"
        raise UsageError(msg)
    form_ids = [r.form.id for r in given]
    form_id = _majority(form_ids)
    form = next(r.form for r in given if r.form.id == form_id)
    period = _majority([r.period for r in given])
    for position, report in enumerate(given):
        if report.form.id != form_id or not (report.form is form or report.form == form):
            msg = (
                f"{_describe(position, report, sources)} is on form {report.form.id!r} "
                f"(version {report.form.version}); the others are on {form.id!r} "
                f"(version {form.version}): reports of different forms cannot be aggregated"
            )
            raise AggregationError(msg)
        if report.period != period:
            msg = (
                f"{_describe(position, report, sources)} is for period {report.period.id}; "
                f"the others are for {period}: reports of different periods cannot be aggregated"
            )
            raise AggregationError(msg)
    by_key: dict[str, tuple[int, Report]] = {}
    for position, report in enumerate(given):
        key = report.reporter.key
        if key in by_key and duplicates == "error":
            first = by_key[key][0]
            msg = (
                f"{_describe(position, report, sources)} and "
                f"{_describe(first, by_key[key][1], sources)} are both from reporter {key!r} "
                "(keep the later one with duplicates='keep-last', or --keep-last)"
            )
            raise AggregationError(msg)
        by_key[key] = (position, report)
    kept = sorted(by_key.items())
    missing: list[Reporter | str] = []
    if expected is not None:
        matched: set[str] = set()
        by_name: dict[str, str] = {}
        for key, (_, report) in kept:
            by_name.setdefault(report.reporter.name, key)
        for item in _unique(expected):
            if isinstance(item, Reporter):
                key = item.key if item.key in by_key else ""
            else:
                key = item if item in by_key else by_name.get(item, "")
            if key:
                matched.add(key)
            else:
                missing.append(item)
        for key, (position, report) in kept:
            if key not in matched and not is_province_own(report):
                msg = (
                    f"{_describe(position, report, sources)}: reporter {key!r} is not among the "
                    "expected reporters"
                )
                raise AggregationError(msg)
    return Inputs(
        form=form,
        period=period,
        reports=tuple(report for _, (_, report) in kept),
        missing=tuple(missing),
    )


def _unique(items: Iterable[Reporter | str]) -> list[Reporter | str]:
    seen: set[str] = set()
    unique: list[Reporter | str] = []
    for item in items:
        if not isinstance(item, Reporter | str):
            msg = f"an expected reporter must be a Reporter, an id or a name, not {item!r}"  # type: ignore[unreachable]
            raise UsageError(msg)
        key = item.key if isinstance(item, Reporter) else item
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


# -- which rows apply to whom ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Layout:
    """The form's value rows sorted by how they aggregate, and who reports them."""

    counts: tuple[Indicator, ...]
    coded: tuple[Indicator, ...]
    rates: tuple[Indicator, ...]
    """Percentages and scores."""
    texts: tuple[Indicator, ...]
    province_wide: tuple[Indicator, ...]
    by_kind: Mapping[ReporterKind, frozenset[str]]
    """Per reporter kind, the non-province-wide value rows that apply."""
    named: tuple[Indicator, ...]
    """Rows that also apply to named departments (3.4.4, 3.4.5)."""
    everything: frozenset[str]
    """Every non-province-wide value row: what an unknown reporter is taken to report."""
    cells: Mapping[str, CellRule]
    """Each row's error-severity cell rule (F1, F2, F3, F10): failing values are not summed."""

    @classmethod
    def of(cls, form: Form, *, national: bool = False) -> Layout:
        # The form owns its layout: it is immutable, so the layout never goes stale.
        cache = form_cache(form)
        key = _LAYOUT_KEY + (".national" if national else "")
        layout: Layout | None = cache.get(key)
        if layout is None:
            layout = cache[key] = cls._build(form, national=national)
        return layout

    @classmethod
    def _build(cls, form: Form, *, national: bool = False) -> Layout:
        counts, coded, rates, texts, province_wide = [], [], [], [], []
        for indicator in form.value_indicators:
            # Rolling provinces up into the country, a province-wide row is a row like any other.
            if indicator.province_wide and not national:
                province_wide.append(indicator)
            elif indicator.is_coded:
                coded.append(indicator)
            elif indicator.is_count:
                counts.append(indicator)
            elif indicator.unit is not None and indicator.unit.kind is UnitKind.TEXT:
                texts.append(indicator)
            else:
                rates.append(indicator)
        summed = [*counts, *coded, *rates, *texts]
        by_kind = {
            kind: frozenset(i.code for i in summed if i.reporters.applies(kind))
            for kind in ReporterKind
        }
        return cls(
            counts=tuple(counts),
            coded=tuple(coded),
            rates=tuple(rates),
            texts=tuple(texts),
            province_wide=tuple(province_wide),
            by_kind=by_kind,
            named=tuple(i for i in summed if i.reporters.departments),
            everything=frozenset(i.code for i in summed),
            cells={i.code: rule for i in summed if (rule := cell_rule(i)) is not None},
        )

    def applicable(self, reporter: Reporter, cache: dict[str, frozenset[str]]) -> frozenset[str]:
        base = self.by_kind[reporter.kind]
        if reporter.kind is not ReporterKind.DEPARTMENT or not self.named:
            return base
        found = cache.get(reporter.name)
        if found is None:
            extra = {i.code for i in self.named if i.applies_to(reporter.kind, reporter.name)}
            found = base | extra if extra - base else base
            cache[reporter.name] = found
        return found


_LAYOUT_KEY = "aggregation.layout"


def is_aggregate(report: Report) -> bool:
    """Whether *report* was made by :func:`aggregate` (its entries carry coverage)."""
    return any(entry.coverage is not None for entry in report.entries.values())


def is_province_own(report: Report) -> bool:
    """Whether *report* is the province's own report, not an aggregate."""
    return report.reporter.kind is ReporterKind.PROVINCE and not is_aggregate(report)
