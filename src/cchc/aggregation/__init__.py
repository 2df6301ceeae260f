"""Aggregation across reporters (rules.md A1, A2, A5).

:func:`aggregate` rolls the reports of one form and one period up into one
report, as a Sở Nội vụ compiles its departments and districts:

* counts are summed over the reporters that gave them; blank is not zero, and
  each entry says who reported it (``coverage``: *n of the expected reporters
  for whom the row applies*; ``contributors``: their keys);
* a row that does not apply to a reporter (by its kind, or marked
  *not applicable* in its report) leaves numerator, denominator and coverage alike;
* coded answers become a distribution (how many said 0, 1, 2), never a sum;
* rates and scores the form collects without their counts cannot be aggregated
  exactly: they are left without a value and a note says so, unless the caller
  names a :class:`RateMethod` (:func:`WeightedMean`, :func:`Minimum`, :func:`Maximum`,
  :func:`Median`, or the plain :func:`Mean` by its name only);
* province-wide rows (A5) are never summed: they are taken from the one report
  of kind ``province`` among the inputs, or left blank with a note.

The aggregate is itself a :class:`~cchc.reports.Report`, so it checks, renders
and converts like any other.  Ratios of counts are recomputed from the summed
counts (:func:`aggregate_ratio`), never averaged.  The worked example of the
design notes: A did 9 of 10 tasks, B 1 of 4, C is exempt, D has not reported:

>>> import cchc
>>> form = cchc.load_form()
>>> na = cchc.Entry(status=cchc.Status.NOT_APPLICABLE)
>>> def unit(name, done, planned):
...     reporter = cchc.Reporter(name, kind="department")
...     entries = {"1.1.2": done, "1.1.1": planned}
...     return cchc.Report(form=form, reporter=reporter, period="2021S1", entries=entries)
>>> reports = [unit("Sở A", 9, 10), unit("Sở B", 1, 4), unit("Sở C", na, na)]
>>> everyone = ["Sở A", "Sở B", "Sở C", "Sở D"]
>>> province = cchc.Reporter("Tỉnh X", kind="province")
>>> total = cchc.aggregate(reports, reporter=province, expected=everyone)
>>> total["1.1.2"].value, total["1.1.1"].value, str(total["1.1.1"].coverage)
(10, 14, '2/3')
>>> total["1.1.1"].contributors
('Sở A', 'Sở B')
>>> cchc.aggregation.aggregate_ratio(reports, "1.1.2", "1.1.1", expected=everyone).value
Decimal('71.43')
>>> cchc.aggregation.aggregate_ratio(
...     reports, "1.1.2", "1.1.1", expected=everyone, method=cchc.aggregation.Mean()
... ).value
Decimal('57.5')
"""

from __future__ import annotations

import decimal
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import attrs

from cchc._exact import round_half_up
from cchc.aggregation._cells import Excluded, note_excluded
from cchc.aggregation._inputs import (
    Duplicates,
    Layout,
    is_aggregate,
    is_province_own,
    prepare,
)
from cchc.errors import UsageError
from cchc.model import Form, ReporterKind
from cchc.reports import Report, Reporter
from cchc.values import Coverage, Entry, FrozenMap, Status

__all__ = [
    "PLACES",
    "AggregateRatio",
    "Maximum",
    "Mean",
    "Median",
    "Minimum",
    "RateMethod",
    "WeightedMean",
    "aggregate",
    "aggregate_ratio",
    "rate_method",
]

PLACES = 2
"""Decimal places of a computed rate (a mean, a weighted mean, a ratio), rounded half up."""

# -- rate methods ------------------------------------------------------------------------


_DESCRIPTIONS = {
    "weighted-mean": "bình quân gia quyền theo chỉ tiêu {by}",
    "mean": "bình quân cộng (không gia quyền)",
    "min": "giá trị nhỏ nhất",
    "max": "giá trị lớn nhất",
    "median": "trung vị",
}
# The spelling a caller writes, for the repr: ``Maximum()``, ``WeightedMean(by='7.2.5.1')``.
_CONSTRUCTORS = {
    "weighted-mean": "WeightedMean",
    "mean": "Mean",
    "min": "Minimum",
    "max": "Maximum",
    "median": "Median",
}


@attrs.frozen(repr=False)
class RateMethod:
    """How to combine rates or scores that the form collects without their counts.

    One of five methods, made by its named constructor (or read by
    :func:`rate_method` from its name):

    * :func:`WeightedMean` (``weighted-mean:CODE``): the mean of the reporters'
      rates weighted by a count row of the same report.  A reporter that gave
      the rate but not the weight is left out (the entry's note says how many).
      The weight should be the volume the rate is a share of, or a proxy for it
      (rules.md A2 suggests 7.2.5.1, dossiers handled);
    * :func:`Mean` (``mean``): the plain (unweighted) mean, only when asked for
      by name: it gives a unit that handled 3 dossiers the weight of one that
      handled 3,000, so prefer the weighted mean;
    * :func:`Minimum` (``min``) and :func:`Maximum` (``max``): the smallest and
      the largest rate;
    * :func:`Median` (``median``): the middle rate (the mean of the middle two
      for an even count).

    >>> WeightedMean("7.2.5.1")
    WeightedMean(by='7.2.5.1')
    >>> WeightedMean("7.2.5.1").id, Median().id
    ('weighted-mean:7.2.5.1', 'median')
    >>> RateMethod("max") == Maximum()
    True
    """

    name: Literal["weighted-mean", "mean", "min", "max", "median"]
    """The kind of method: ``weighted-mean``, ``mean``, ``min``, ``max`` or ``median``."""
    by: str | None = None
    """The code of the weight row, for a weighted mean only."""

    def __attrs_post_init__(self) -> None:
        if self.name not in _DESCRIPTIONS:
            msg = f"unknown rate method {self.name!r} (one of {', '.join(_DESCRIPTIONS)})"
            raise UsageError(msg)
        if (self.name == "weighted-mean") != (self.by is not None):
            msg = "a weighted mean, and only a weighted mean, names the code of its weight row"
            raise UsageError(msg)

    @classmethod
    def weighted_mean(cls, by: str) -> RateMethod:
        """The mean of the reporters' rates weighted by the count row *by*."""
        return cls("weighted-mean", by)

    @classmethod
    def mean(cls) -> RateMethod:
        """The plain (unweighted) mean of the reporters' rates: only when asked for by name."""
        return cls("mean")

    @classmethod
    def minimum(cls) -> RateMethod:
        """The smallest of the reporters' rates."""
        return cls("min")

    @classmethod
    def maximum(cls) -> RateMethod:
        """The largest of the reporters' rates."""
        return cls("max")

    @classmethod
    def median(cls) -> RateMethod:
        """The median of the reporters' rates (the mean of the middle two for an even count)."""
        return cls("median")

    @property
    def id(self) -> str:
        """The method's name, as :func:`rate_method` reads it."""
        return f"weighted-mean:{self.by}" if self.by is not None else self.name

    def describe(self) -> str:
        """The method in Vietnamese, for the aggregate entry's note."""
        return _DESCRIPTIONS[self.name].format(by=self.by)

    def __repr__(self) -> str:
        given = f"by={self.by!r}" if self.by is not None else ""
        return f"{_CONSTRUCTORS[self.name]}({given})"


# The named constructors of the first release, which were classes of their own.
WeightedMean = RateMethod.weighted_mean
Mean = RateMethod.mean
Minimum = RateMethod.minimum
Maximum = RateMethod.maximum
Median = RateMethod.median


def rate_method(text: str | RateMethod) -> RateMethod:
    """Read a rate method by name: ``min``, ``max``, ``median``, ``mean``, ``weighted-mean:CODE``.

    A method object is returned as it is.

    >>> rate_method("weighted-mean:7.2.5.1")
    WeightedMean(by='7.2.5.1')
    >>> rate_method("MAX")
    Maximum()
    >>> rate_method("average")
    Traceback (most recent call last):
    ...
    cchc.errors.UsageError: unknown rate method 'average' (one of min, max, median, mean, ...)
    """
    given: object = text
    if isinstance(given, RateMethod):
        return given
    if not isinstance(given, str):
        msg = f"a rate method must be a name or a method object, not {given!r}"
        raise UsageError(msg)
    name = given.strip()
    head, sep, code = name.partition(":")
    if head.lower() in ("weighted-mean", "weighted") and sep and code.strip():
        return RateMethod.weighted_mean(code.strip())
    simple = name.lower()
    if simple not in _DESCRIPTIONS or simple == "weighted-mean":
        msg = f"unknown rate method {text!r} (one of min, max, median, mean, weighted-mean:CODE)"
        raise UsageError(msg)
    return RateMethod(simple)  # type: ignore[arg-type]  # checked above


# -- exact arithmetic ----------------------------------------------------------------------


def _to_decimal(value: Fraction, places: int) -> Decimal:
    """*value* rounded half up (away from zero) to *places*, without trailing zeros."""
    return round_half_up(value, places, trim=True)


def _fraction(value: int | Decimal) -> Fraction:
    return Fraction(value)


def _exact_sum(values: Iterable[Decimal]) -> Fraction:
    """The exact sum of *values*.

    Decimal addition and multiplication are exact given enough digits, and far
    faster than Fraction arithmetic, which reduces by a gcd at every step.
    """
    with decimal.localcontext() as context:
        context.prec = decimal.MAX_PREC
        context.traps[decimal.Inexact] = True
        return Fraction(sum(values, Decimal(0)))


# -- aggregate -----------------------------------------------------------------------------

_NOTE_RATE = (
    "Không tổng hợp chính xác được: biểu mẫu chỉ thu tỷ lệ/điểm, không thu tử số và mẫu số "
    "(chọn phương pháp: bình quân gia quyền, nhỏ nhất, lớn nhất, trung vị hoặc bình quân cộng)."
)
_NOTE_TEXT = "Chỉ tiêu dạng văn bản: không tổng hợp."
_NOTE_PROVINCE_WIDE = (
    "Chỉ tiêu toàn tỉnh: không cộng từ các đơn vị; lấy từ báo cáo của tỉnh (chưa có)."
)
_NOTE_NOBODY = "Không đơn vị nào thuộc diện báo cáo chỉ tiêu này."


class _Bucket:
    """The entries of one row to combine, and the keys of the reporters who gave them."""

    __slots__ = ("entries", "keys")

    def __init__(self, keys: list[str], entries: list[Entry]) -> None:
        self.keys = keys
        self.entries = entries

    def __iter__(self) -> Iterator[tuple[str, Entry]]:
        return zip(self.keys, self.entries, strict=True)

    def __len__(self) -> int:
        return len(self.keys)


def aggregate(
    reports: Iterable[Report],
    *,
    reporter: Reporter,
    expected: Iterable[Reporter | str] | None = None,
    duplicates: Duplicates = "error",
    rates: Mapping[str, RateMethod | str] | None = None,
    rate_method: RateMethod | str | None = None,
    places: int = PLACES,
    sources: Sequence[str] | None = None,
) -> Report:
    """Roll the reports of one form and period up into one report (rules.md A1, A2, A5).

    Args:
        reports: the reports to combine; one form, one period.
        reporter: who the aggregate is from (usually of kind ``province`` or ``district``).
        expected: who should have reported: :class:`~cchc.reports.Reporter` objects,
            ids or names.  Without it, the reporters given are the expected ones.
            An expected reporter known only by a string and without a report is
            taken to be of the kind its name says (``"UBND huyện B"``: a district),
            and to report every row when its name says none.
        duplicates: ``"error"`` (default) when two reports share a reporter key, or
            ``"keep-last"`` to keep the later one in the order given.
        rates: a method per rate or score row (``{"3.4.1": WeightedMean("7.2.5.1")}``);
            a method may be given by name (``"median"``, see :func:`rate_method`).
        rate_method: the method for every other rate and score row.  Without one,
            such rows are left without a value and a note says why.
        places: decimal places of a computed rate (rounded half up).
        sources: where each report came from (file names), to name the odd one
            out in an error; by default reports are named by their position.

    Returns:
        a report of *reporter* whose entries carry ``coverage`` and
        ``contributors`` (and ``distribution`` for coded answers).

    Raises:
        AggregationError: no reports, reports of different forms or periods, a
            duplicate reporter, or a reporter that is not expected.
        UsageError: a method for a row that is not a rate, or a weight that is not a count.
        UnknownIndicatorError: a method for a code the form does not have.

    >>> import cchc
    >>> form = cchc.load_form(period="2021S1")
    >>> def district(name, code):
    ...     reporter = cchc.Reporter(name, kind="district")
    ...     return cchc.Report(
    ...         form=form, reporter=reporter, period="2021S1", entries={"1.4.2": code}
    ...     )
    >>> total = cchc.aggregate(
    ...     [district("Huyện A", 0), district("Huyện B", 2), district("Huyện C", 2)],
    ...     reporter=cchc.Reporter("Tỉnh X", kind="province"),
    ... )
    >>> total["1.4.2"].value, dict(total["1.4.2"].distribution)
    (None, {0: 1, 2: 2})
    """
    if not isinstance(reporter, Reporter):
        msg = f"reporter must be a Reporter, not {reporter!r}"  # type: ignore[unreachable]
        raise UsageError(msg)
    inputs = prepare(reports, expected, duplicates, sources)
    form = inputs.form
    # Every input a province: rolling provinces up into the country, each one a unit.
    national = all(r.reporter.kind is ReporterKind.PROVINCE for r in inputs.reports)
    layout = Layout.of(form, national=national)
    methods = _methods(form, layout, rates, rate_method)
    cells = layout.cells
    excluded: list[Excluded] = []

    # Two parallel lists per row rather than a list of pairs: over 10,000 reports
    # the pairs would be most of the allocations.
    keys_of: dict[str, list[str]] = {code: [] for code in layout.everything}
    entries_of: dict[str, list[Entry]] = {code: [] for code in layout.everything}
    not_applicable: Counter[str] = Counter()
    groups: Counter[frozenset[str]] = Counter()
    cache: dict[str, frozenset[str]] = {}
    provinces: list[Report] = []
    nested = False
    na = Status.NOT_APPLICABLE
    for report in inputs.reports:
        key = report.reporter.key
        is_nested = is_aggregate(report)
        if report.reporter.kind is ReporterKind.PROVINCE and not national:
            provinces.append(report)
            if not is_nested:
                continue  # the province's own report: its totals would count twice
        # An aggregate already applied its reporters' applicability, and its
        # entries' coverage says for whom: its own kind must not filter it again.
        applicable = (
            layout.everything
            if is_nested or national
            else layout.applicable(report.reporter, cache)
        )
        groups[applicable] += 1
        for code, entry in report.entries.items():
            if code not in applicable:
                continue
            rule = cells.get(code)
            if rule is not None and entry.coverage is None and rule.fails(entry.value):
                # A value that breaks its row's cell rule is no figure to add up.
                excluded.append((code, report.reporter.name, rule.rule, entry.value))
                continue
            if entry.value is not None or entry.coverage is not None:
                keys_of[code].append(key)
                entries_of[code].append(entry)
                if entry.coverage is not None:
                    nested = True
            elif entry.status is na:
                not_applicable[code] += 1
    for item in inputs.missing:
        if isinstance(item, Reporter):
            if national:
                groups[layout.everything] += 1
            elif item.kind is not ReporterKind.PROVINCE:
                groups[layout.applicable(item, cache)] += 1
        else:
            # A name that says its kind ("UBND huyện B") counts only where rows apply to it.
            kind = _kind_of_name(item)
            if kind is None or national:
                groups[layout.everything] += 1
            elif kind is not ReporterKind.PROVINCE:
                groups[layout.applicable(Reporter(item, kind), cache)] += 1

    buckets = {code: _Bucket(keys_of[code], entries_of[code]) for code in layout.everything}
    expected_counts: Counter[str] = Counter()
    for group, count in groups.items():
        for code in group:
            expected_counts[code] += count
    expected_counts.subtract(not_applicable)

    entries: dict[str, Entry] = {}
    for indicator in layout.counts:
        entries[indicator.code] = _sum_counts(
            buckets[indicator.code], expected_counts[indicator.code], nested=nested
        )
    for indicator in layout.coded:
        entries[indicator.code] = _distribution(
            buckets[indicator.code], expected_counts[indicator.code], nested=nested
        )
    for indicator in layout.rates:
        code = indicator.code
        entries[code] = _combine_rates(
            buckets[code],
            expected_counts[code],
            methods.get(code),
            buckets,
            places,
            nested=nested,
        )
    for indicator in layout.texts:
        entry = _tally(buckets[indicator.code], expected_counts[indicator.code], nested=nested)
        entries[indicator.code] = attrs.evolve(entry, note=_NOTE_TEXT)
    for indicator in layout.province_wide:
        entries[indicator.code] = _province_wide(indicator.code, provinces)
    diagnostics = note_excluded(form, entries, excluded)
    return Report(
        form=form,
        reporter=reporter,
        period=inputs.period,
        entries=entries,
        diagnostics=diagnostics,
    )


def _kind_of_name(name: str) -> ReporterKind | None:
    from cchc.io._title import reporter_kind  # noqa: PLC0415 - the title parser is a peer

    return reporter_kind(name)


def _methods(
    form: Form,
    layout: Layout,
    rates: Mapping[str, RateMethod | str] | None,
    default: RateMethod | str | None,
) -> dict[str, RateMethod]:
    rate_codes = {i.code for i in layout.rates}
    chosen: dict[str, RateMethod] = {}
    if default is not None:
        method = rate_method(default)
        chosen = dict.fromkeys(rate_codes, method)
    for code, given in (rates or {}).items():
        indicator = form[code]
        if code not in rate_codes:
            why = "a province-wide row" if indicator.province_wide else "not a rate or score row"
            msg = f"{code} ({indicator.name}) is {why}: a rate method does not apply to it"
            raise UsageError(msg)
        chosen[code] = rate_method(given)
    for method in set(chosen.values()):
        if method.by is not None:
            weight = form[method.by]
            if not weight.is_count or weight.province_wide:
                msg = (
                    f"the weight of a weighted mean must be a count row, "
                    f"not {weight.code} ({weight.name})"
                )
                raise UsageError(msg)
    return chosen


def _tally(bucket: _Bucket, expected: int, *, nested: bool) -> Entry:
    """Coverage and contributors of a row, without a value."""
    reported = 0
    contributors: list[str] = []
    for key, entry in bucket:
        coverage = entry.coverage
        if coverage is None:
            reported += 1
            contributors.append(key)
        else:
            expected += coverage.expected - 1
            reported += coverage.reported
            contributors.extend(entry.contributors)
    return _finish(None, reported, expected, contributors, nested=nested)


def _finish(
    value: int | Decimal | None,
    reported: int,
    expected: int,
    contributors: list[str],
    *,
    nested: bool,
    distribution: FrozenMap[int, int] | None = None,
    note: str | None = None,
) -> Entry:
    if nested:
        contributors.sort()
    if expected <= 0 and not reported:
        return Entry(
            status=Status.NOT_APPLICABLE,
            note=_NOTE_NOBODY,
            coverage=Coverage(0, 0),
        )
    return Entry(
        value=value,
        note=note,
        coverage=Coverage(reported, expected),
        distribution=distribution,
        contributors=tuple(contributors),
    )


def _sum_counts(bucket: _Bucket, expected: int, *, nested: bool) -> Entry:
    total = 0
    seen = False
    if not nested:
        for entry in bucket.entries:
            if isinstance(entry.value, int):  # always: count rows hold ints
                total += entry.value
        return _finish(
            total if bucket.keys else None,
            len(bucket),
            expected,
            bucket.keys,
            nested=False,
        )
    reported = 0
    contributors: list[str] = []
    for key, entry in bucket:
        coverage = entry.coverage
        value = entry.value
        if isinstance(value, int):
            total += value
            seen = True
        if coverage is None:
            reported += 1
            contributors.append(key)
        else:
            expected += coverage.expected - 1
            reported += coverage.reported
            contributors.extend(entry.contributors or ((key,) if value is not None else ()))
    return _finish(total if seen else None, reported, expected, contributors, nested=True)


def _distribution(bucket: _Bucket, expected: int, *, nested: bool) -> Entry:
    counts: Counter[int] = Counter()
    for _, entry in bucket:
        if entry.distribution is not None:
            counts.update(entry.distribution)
        elif isinstance(entry.value, int):
            counts[entry.value] += 1
    base = _tally(bucket, expected, nested=nested)
    if base.status is not None:
        return base
    distribution = FrozenMap(dict(sorted(counts.items()))) if counts else None
    return attrs.evolve(base, distribution=distribution)


def _combine_rates(
    bucket: _Bucket,
    expected: int,
    method: RateMethod | None,
    buckets: Mapping[str, _Bucket],
    places: int,
    *,
    nested: bool,
) -> Entry:
    base = _tally(bucket, expected, nested=nested)
    if base.status is not None:
        return base
    observed = [(key, entry.value) for key, entry in bucket if isinstance(entry.value, Decimal)]
    if method is None:
        return attrs.evolve(base, note=_NOTE_RATE if observed else None)
    if not observed:
        return base
    if method.by is not None:
        weights = {
            key: entry.value for key, entry in buckets[method.by] if isinstance(entry.value, int)
        }
        used = [(key, value, weights[key]) for key, value in observed if key in weights]
        total_weight = sum(weight for _, _, weight in used)
        left_out = len(observed) - len(used)
        note = f"{method.describe().capitalize()} của {len(used)} đơn vị"
        if left_out:
            note += f"; {left_out} đơn vị không có {method.by} nên không tính"
        if total_weight == 0:
            return attrs.evolve(base, note=f"{note}; tổng trọng số bằng 0, không tính được.")
        with decimal.localcontext() as context:
            context.prec = decimal.MAX_PREC
            exact = _exact_sum([value * weight for _, value, weight in used])
        exact /= total_weight
        return attrs.evolve(
            base,
            value=_to_decimal(exact, places),
            note=note + ".",
            contributors=tuple(sorted(key for key, _, _ in used)),
        )
    values = sorted(value for _, value in observed)
    result: Decimal
    if method.name == "min":
        result = values[0]
    elif method.name == "max":
        result = values[-1]
    elif method.name == "median":
        middle = len(values) // 2
        if len(values) % 2:
            result = values[middle]
        else:
            pair = (_fraction(values[middle - 1]) + _fraction(values[middle])) / 2
            result = _to_decimal(pair, places)
    else:
        result = _to_decimal(_exact_sum(values) / len(values), places)
    note = (
        f"{method.describe().capitalize()} của {len(values)} đơn vị (không phải số liệu chính xác)."
    )
    return attrs.evolve(base, value=result, note=note)


def _province_wide(code: str, provinces: Sequence[Report]) -> Entry:
    given = [r for r in provinces if not r[code].is_blank]
    if len(given) == 1:
        report = given[0]
        entry = report[code]
        if entry.coverage is not None:
            return entry
        expected = 0 if entry.status is Status.NOT_APPLICABLE else 1
        return attrs.evolve(
            entry,
            coverage=Coverage(1 if entry.has_value else 0, expected),
            contributors=(report.reporter.key,) if entry.has_value else (),
        )
    if len(given) > 1:
        names = ", ".join(r.reporter.key for r in given)
        return Entry(
            note=f"Chỉ tiêu toàn tỉnh: có {len(given)} báo cáo cấp tỉnh ({names}), không chọn được."
        )
    return Entry(note=_NOTE_PROVINCE_WIDE)


# -- ratios --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class AggregateRatio:
    """A ratio of counts recomputed over many reporters (rules.md A2).

    Attributes:
        numerator: the sum of the numerators of the contributing reporters.
        denominator: the sum of their denominators.
        exact: the ratio × factor as an exact fraction (``None`` when there is none).
        value: ``exact`` rounded half up to the requested places.
        coverage: how many reporters for whom every row of the ratio applies gave
            all of them.
        contributors: their keys.
        method: ``"pooled"`` (Σ numerators / Σ denominators) or ``"mean"`` (the
            plain mean of each reporter's ratio, only when asked for by name).
        reason: why there is no value, or ``None``.
    """

    numerator: int | None
    denominator: int | None
    exact: Fraction | None
    value: Decimal | None
    coverage: Coverage
    contributors: tuple[str, ...]
    method: str = "pooled"
    reason: str | None = None


def aggregate_ratio(
    reports: Iterable[Report],
    numerator: str | Sequence[str],
    denominator: str | Sequence[str],
    *,
    factor: int = 100,
    expected: Iterable[Reporter | str] | None = None,
    duplicates: Duplicates = "error",
    method: RateMethod | None = None,
    places: int = PLACES,
) -> AggregateRatio:
    """Recompute numerator / denominator × factor over many reporters, exactly.

    Numerator and denominator are a count row's code or several codes (summed).
    Only reporters that gave every one of those rows count, so that like is
    compared with like; a reporter for whom a row does not apply (by its kind, or
    marked not applicable) leaves numerator, denominator and coverage alike.

    The default is the pooled ratio Σ numerators / Σ denominators.  The plain mean
    of the reporters' own ratios is given only when asked for with ``method=Mean()``;
    reporters with a zero denominator are left out of it.

    >>> import cchc
    >>> form = cchc.load_form()
    >>> def unit(name, done, planned):
    ...     reporter = cchc.Reporter(name, kind="department")
    ...     entries = {"1.1.2": done, "1.1.1": planned}
    ...     return cchc.Report(form=form, reporter=reporter, period="2021S1", entries=entries)
    >>> ratio = aggregate_ratio([unit("A", 9, 10), unit("B", 1, 4)], "1.1.2", "1.1.1")
    >>> ratio.numerator, ratio.denominator, ratio.exact, ratio.value
    (10, 14, Fraction(500, 7), Decimal('71.43'))
    """
    inputs = prepare(reports, expected, duplicates)
    form = inputs.form
    top = tuple([numerator] if isinstance(numerator, str) else numerator)
    bottom = tuple([denominator] if isinstance(denominator, str) else denominator)
    if not top or not bottom:
        msg = "a ratio needs at least one numerator and one denominator code"
        raise UsageError(msg)
    for code in (*top, *bottom):
        if not form[code].is_count:
            msg = f"{code} ({form[code].name}) is not a count row: a ratio is of counts"
            raise UsageError(msg)
    if method is not None and method != RateMethod.mean():
        msg = f"a ratio of counts is pooled, or the plain mean (Mean()), not {method!r}"
        raise UsageError(msg)
    nested = [r.reporter.key for r in inputs.reports if is_aggregate(r)]
    if nested:
        # An aggregate's summed counts mix reporters that gave only one side: pairing
        # them would not be like with like. Pool the original reports instead.
        msg = (
            f"aggregate_ratio pairs each reporter's own counts; {', '.join(nested)} "
            "is an aggregate: pass the reports it was made from"
        )
        raise UsageError(msg)
    codes = (*top, *bottom)
    expected_count = 0
    pairs: list[tuple[str, int, int]] = []
    for report in inputs.reports:
        if is_province_own(report) or not all(report.applies(code) for code in codes):
            continue
        entries = [report[code] for code in codes]
        if any(e.status is Status.NOT_APPLICABLE for e in entries):
            continue
        expected_count += 1
        if all(isinstance(e.value, int) for e in entries):
            values = [e.value for e in entries]
            pairs.append(
                (
                    report.reporter.key,
                    sum(values[: len(top)]),  # type: ignore[arg-type]  # ints, checked above
                    sum(values[len(top) :]),  # type: ignore[arg-type]
                )
            )
    for item in inputs.missing:
        if isinstance(item, str) and (kind := _kind_of_name(item)) is not None:
            item = Reporter(item, kind)  # noqa: PLW2901 - a name that says its kind
        if not isinstance(item, Reporter) or (
            item.kind is not ReporterKind.PROVINCE
            and all(form[c].applies_to(item.kind, item.name) for c in codes)
        ):
            expected_count += 1
    coverage = Coverage(len(pairs), expected_count)
    contributors = tuple(key for key, _, _ in pairs)
    num = sum(n for _, n, _ in pairs) if pairs else None
    den = sum(d for _, _, d in pairs) if pairs else None
    name = "mean" if method is not None else "pooled"
    exact: Fraction | None = None
    reason: str | None = None
    if not pairs:
        reason = "no reporter gave every row of the ratio"
    elif method is not None:
        rates = [Fraction(n * factor, d) for _, n, d in pairs if d]
        if rates:
            exact = sum(rates, Fraction(0)) / len(rates)
        else:
            reason = "every denominator is zero"
    elif den:
        exact = Fraction(num * factor, den)  # type: ignore[operator]  # num is an int here
    else:
        reason = "the denominator is zero"
    return AggregateRatio(
        numerator=num,
        denominator=den,
        exact=exact,
        value=None if exact is None else _to_decimal(exact, places),
        coverage=coverage,
        contributors=contributors,
        method=name,
        reason=reason,
    )
