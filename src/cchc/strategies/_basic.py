"""Values, entries, reporters and periods: the small parts of a report."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Final

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from cchc.model import Form, Indicator, ReporterKind
from cchc.periods import MAX_YEAR, MIN_YEAR, Period, PeriodKind
from cchc.reports import Reporter
from cchc.strategies._common import (
    DEFAULT_MAX_COUNT,
    DEFAULT_MAX_SCORE,
    STATUSES,
    check_int,
    check_strategy,
    draw_units,
    lazy,
    note_texts,
    resolve_form,
)
from cchc.strategies._plan import to_value
from cchc.values import Entry, Status, Value

FILING_KINDS: Final = (ReporterKind.DEPARTMENT, ReporterKind.DISTRICT, ReporterKind.CENTRAL)
"""The reporter kinds that file Phụ lục 2B to the province (communes report
through their district; the province aggregates)."""


_NAMES: Final[Mapping[ReporterKind, tuple[str, ...]]] = {
    ReporterKind.DEPARTMENT: (
        "Sở Nội vụ",
        "Sở Tư pháp",
        "Sở Xây dựng",
        "Sở Tài nguyên và Môi trường",
        "Sở Tài chính",
        "Sở Kế hoạch và Đầu tư",
        "Sở Y tế",
        "Sở Giáo dục và Đào tạo",
        "Sở Công Thương",
        "Sở Giao thông vận tải",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Khoa học và Công nghệ",
        "Sở Thông tin và Truyền thông",
        "Sở Ngoại vụ",
        "Thanh tra tỉnh",
        "Ban Dân tộc",
        "Văn phòng UBND tỉnh",
        "Ban Quản lý các khu công nghiệp",
    ),
    ReporterKind.DISTRICT: (
        "UBND huyện Bát Xát",
        "UBND huyện Mường Khương",
        "UBND huyện Si Ma Cai",
        "UBND huyện Bắc Hà",
        "UBND huyện Bảo Thắng",
        "UBND huyện Bảo Yên",
        "UBND huyện Văn Bàn",
        "UBND thị xã Sa Pa",
        "UBND thành phố Lào Cai",
        "UBND huyện Cẩm Xuyên",
        "UBND huyện Đức Thọ",
        "UBND huyện Hương Khê",
        "UBND thị xã Kỳ Anh",
        "UBND thành phố Hà Tĩnh",
    ),
    ReporterKind.COMMUNE: (
        "UBND xã Cốc San",
        "UBND xã Tả Phời",
        "UBND xã Bản Vược",
        "UBND phường Kim Tân",
        "UBND thị trấn Phố Lu",
    ),
    ReporterKind.CENTRAL: (
        "Cục Thuế tỉnh",
        "Kho bạc Nhà nước tỉnh",
        "Bảo hiểm xã hội tỉnh",
        "Cục Hải quan tỉnh",
        "Cục Thống kê tỉnh",
        "Công an tỉnh",
        "Cục Quản lý thị trường tỉnh",
    ),
    ReporterKind.PROVINCE: ("UBND tỉnh Lào Cai", "UBND tỉnh Hà Tĩnh", "UBND tỉnh Quảng Ninh"),
}


def values(
    indicator: Indicator | str,
    *,
    form: Form | str | None = None,
    max_count: int = DEFAULT_MAX_COUNT,
    max_score: int = DEFAULT_MAX_SCORE,
) -> st.SearchStrategy[Value]:
    """Values a row of the form accepts, of the row's Python type.

    Counts are ``int`` in ``0..max_count``; percentages ``Decimal`` in 0..100
    with at most two decimals; scores ``Decimal`` in ``0..max_score`` with at
    most two decimals; coded answers a code of the row's legend (``int``); text
    rows a short Vietnamese text.

    Args:
        indicator: an :class:`~cchc.Indicator`, or its code in *form*.
        form: the form a code is looked up in (default: the built-in Phụ lục 2B).
        max_count: the largest count drawn.
        max_score: the largest score drawn.

    Raises:
        InvalidArgument: (at draw time) an unknown code, a header row, a bad bound.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None)
    ... @given(values("3.3.3"))
    ... def test_percent(value):
    ...     assert 0 <= value <= 100 and value == round(value, 2)
    >>> test_percent()
    """

    def build() -> st.SearchStrategy[Value]:
        row = _resolve_indicator(indicator, form)
        if not row.takes_value:
            msg = f"{row.code} is a {row.kind.value} row: it holds no value"
            raise InvalidArgument(msg)
        cap = check_int("max_count", max_count, minimum=0)
        top = check_int("max_score", max_score, minimum=0)

        @st.composite
        def one(draw: st.DrawFn) -> Value:
            units = draw_units(draw, row, None, max_count=cap, max_score=top)
            return units if isinstance(units, str) else to_value(row, units)

        return one()

    return lazy(build)


def _resolve_indicator(indicator: Indicator | str, form: Form | str | None) -> Indicator:
    given: object = indicator  # callers without a type checker may pass anything
    if isinstance(given, Indicator):
        return given
    if not isinstance(given, str):
        msg = f"indicator must be a cchc.Indicator or a code, not {given!r}"
        raise InvalidArgument(msg)
    indicator = given
    resolved = resolve_form(form)
    row = resolved.get(indicator)
    if row is None:
        msg = f"no indicator {indicator!r} in form {resolved.id!r}"
        raise InvalidArgument(msg)
    return row


def entries(
    indicator: Indicator | str | None = None,
    *,
    form: Form | str | None = None,
    values: st.SearchStrategy[Value] | None = None,
    notes: st.SearchStrategy[str | None] | None = None,
    statuses: st.SearchStrategy[Status] | None = None,
) -> st.SearchStrategy[Entry]:
    """Entries of a row: a value (with perhaps a note), or a status saying why there is none.

    Args:
        indicator: the row (an :class:`~cchc.Indicator` or a code in *form*);
            ``None`` draws a value row of the form first.
        form: the form (default: the built-in Phụ lục 2B).
        values: the values to draw (default: :func:`values` of the row).
        notes: Ghi chú texts or ``None`` (default: none, or a :func:`note_texts`).
        statuses: statuses of entries without a value (default: not yet done,
            not yet due, not reported); ``st.nothing()`` draws values only.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None)
    ... @given(entries("1.5"))
    ... def test_code_or_status(entry):
    ...     assert entry.value in (0, 1) or (entry.value is None and entry.status is not None)
    >>> test_code_or_status()
    """
    note_strategy = notes if notes is not None else st.none() | note_texts()
    status_strategy = statuses if statuses is not None else st.sampled_from(STATUSES)

    def for_row(row: Indicator) -> st.SearchStrategy[Entry]:
        value_strategy = values if values is not None else _values_of(row)
        with_value = st.builds(Entry, value=value_strategy, note=note_strategy)
        without = st.builds(Entry, status=status_strategy, note=note_strategy)
        return with_value | without

    def build() -> st.SearchStrategy[Entry]:
        for name, strategy in (("values", values), ("notes", notes), ("statuses", statuses)):
            if strategy is not None:
                check_strategy(name, strategy)
        if indicator is None:
            rows = resolve_form(form).value_indicators
            return st.sampled_from(rows).flatmap(for_row)
        row = _resolve_indicator(indicator, form)
        if not row.takes_value:
            msg = f"{row.code} is a {row.kind.value} row: it holds no value"
            raise InvalidArgument(msg)
        return for_row(row)

    return lazy(build)


def _values_of(row: Indicator) -> st.SearchStrategy[Value]:
    return values(row)


def reporters(
    *,
    kinds: st.SearchStrategy[ReporterKind] | None = None,
    names: st.SearchStrategy[str] | None = None,
    ids: st.SearchStrategy[str | None] | None = None,
) -> st.SearchStrategy[Reporter]:
    """Reporting units with realistic Vietnamese names for their kind.

    Args:
        kinds: reporter kinds (default: every kind but communes, which do not
            file the form).
        names: names (default: real names of units of the drawn kind:
            ``"Sở Nội vụ"``, ``"UBND huyện Bắc Hà"``, ``"Cục Thuế tỉnh"`` …;
            the department names include Sở Xây dựng and Sở Tài nguyên và Môi
            trường, which report rows other departments do not).
        ids: reporter ids (default: none).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None)
    ... @given(reporters(kinds=st.just(ReporterKind.DISTRICT)))
    ... def test_district(reporter):
    ...     assert reporter.name.startswith("UBND")
    >>> test_district()
    """
    kind_strategy = kinds if kinds is not None else st.sampled_from(_FORM_KINDS)
    id_strategy = ids if ids is not None else st.none()

    @st.composite
    def one(draw: st.DrawFn) -> Reporter:
        kind: object = draw(kind_strategy)
        if not isinstance(kind, ReporterKind):
            msg = f"kinds drew {kind!r}, not a cchc.model.ReporterKind"
            raise InvalidArgument(msg)
        name = draw(names if names is not None else st.sampled_from(_NAMES[kind]))
        return Reporter(name, kind, id=draw(id_strategy))

    def build() -> st.SearchStrategy[Reporter]:
        for name, strategy in (("kinds", kinds), ("names", names), ("ids", ids)):
            if strategy is not None:
                check_strategy(name, strategy)
        return one()

    return lazy(build)


_FORM_KINDS: Final = (*FILING_KINDS, ReporterKind.PROVINCE)


def reporter_sets(
    *,
    reporters: st.SearchStrategy[Reporter] | None = None,
    min_size: int = 1,
    max_size: int = 6,
) -> st.SearchStrategy[tuple[Reporter, ...]]:
    """Sets of reporters with distinct keys, of mixed kinds, as a province aggregates them.

    Args:
        reporters: the reporters (default: :func:`reporters` of the kinds that
            file the form to the province: departments, districts, central agencies).
        min_size: the fewest reporters.
        max_size: the most reporters.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None)
    ... @given(reporter_sets(max_size=4))
    ... def test_distinct(units):
    ...     assert 1 <= len({u.key for u in units}) == len(units) <= 4
    >>> test_distinct()
    """
    source = reporters

    def build() -> st.SearchStrategy[tuple[Reporter, ...]]:
        low = check_int("min_size", min_size, minimum=0)
        high = check_int("max_size", max_size, minimum=low)
        if source is not None:
            check_strategy("reporters", source)
        units = source if source is not None else _filing_reporters()
        return st.lists(units, min_size=low, max_size=high, unique_by=lambda r: r.key).map(tuple)

    return lazy(build)


def _filing_reporters() -> st.SearchStrategy[Reporter]:
    return reporters(kinds=st.sampled_from(FILING_KINDS))


def periods(
    *,
    min_year: int = 2019,
    max_year: int = 2026,
    kinds: st.SearchStrategy[PeriodKind] | None = None,
    reportable: bool = False,
) -> st.SearchStrategy[Period]:
    """Reporting periods: quarters, half-years and years; months and date ranges on request.

    Args:
        min_year: the earliest year.
        max_year: the latest year.
        kinds: period kinds (default: year, half or quarter, the kinds of Phụ lục
            2B; shrinks to a year).  ``PeriodKind.MONTH`` and ``PeriodKind.RANGE``
            draw months and date ranges (a range ends in a year drawn and starts
            at most a year before).
        reportable: only periods with a report of their own under 581/BNV-CCHC
            (Q1, the first half-year, Q3 and the year).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None)
    ... @given(periods(reportable=True))
    ... def test_own_report(period):
    ...     assert period.has_own_report
    >>> test_own_report()
    """

    def build() -> st.SearchStrategy[Period]:
        low = check_int("min_year", min_year, minimum=MIN_YEAR)
        high = check_int("max_year", max_year, minimum=low)
        if high > MAX_YEAR:
            msg = f"max_year must be at most {MAX_YEAR}, not {high}"
            raise InvalidArgument(msg)
        if kinds is not None:
            check_strategy("kinds", kinds)
        kind_strategy = kinds if kinds is not None else st.sampled_from(_PERIOD_KINDS)

        @st.composite
        def one(draw: st.DrawFn) -> Period:
            year = draw(st.integers(low, high))
            kind: object = draw(kind_strategy)
            if kind is PeriodKind.YEAR:
                return Period.annual(year)
            if kind is PeriodKind.HALF:
                number = 1 if reportable else draw(st.integers(1, 2))
                return Period.half(year, number)
            if kind is PeriodKind.QUARTER:
                number = draw(st.sampled_from((1, 3)) if reportable else st.integers(1, 4))
                return Period.quarter(year, number)
            if kind is PeriodKind.MONTH:
                return Period.month(year, draw(st.integers(1, 12)))
            if kind is PeriodKind.RANGE:
                last = draw(st.dates(date(year, 1, 1), date(year, 12, 31)))
                first = draw(st.dates(date(max(year - 1, MIN_YEAR), 1, 1), last))
                return Period.range(first, last)
            msg = f"kinds drew {kind!r}, not a cchc.periods.PeriodKind"
            raise InvalidArgument(msg)

        return one()

    return lazy(build)


_PERIOD_KINDS: Final = (PeriodKind.YEAR, PeriodKind.HALF, PeriodKind.QUARTER)
