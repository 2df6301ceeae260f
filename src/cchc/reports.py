"""Reports: one reporter's filled form for one period.

>>> import cchc
>>> report = cchc.Report(
...     form=cchc.load_form(),
...     reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
...     period="2021S1",
...     entries={"1.1.1": 49, "1.1.2": cchc.Entry(value=41, note="6 + 35")},
... )
>>> report["1.1.1"].value, report["1.1.2"].note, report["1.1.3"].is_blank
(49, '6 + 35', True)
>>> report.with_value("1.1.3", 11)["1.1.3"].value
11
>>> report.with_value("1.1.3", "mười một")
Traceback (most recent call last):
...
cchc.errors.ReportError: 1.1.3: Số văn bản chỉ đạo CCHC đã ban hành counts Văn bản: the value
must be a whole number (int), not str 'mười một'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from cchc import _display
from cchc._text import short_name
from cchc.errors import ReportError, UnknownIndicatorError
from cchc.findings import Finding
from cchc.model import Form, Indicator, ReporterKind, form_cache
from cchc.periods import Period
from cchc.units import UnitKind
from cchc.values import _SHARED_ENTRIES, BLANK, Entry, FrozenMap, Value, _check_text
from cchc.values import _shared as _bare

__all__ = ["Report", "Reporter"]


def _to_kind(value: ReporterKind | str) -> ReporterKind:
    if isinstance(value, ReporterKind):
        return value
    try:
        return ReporterKind(value)
    except ValueError:
        choices = ", ".join(k.value for k in ReporterKind)
        msg = f"unknown reporter kind {value!r} (one of {choices})"
        raise ReportError(msg) from None


@attrs.frozen
class Reporter:
    """A reporting unit: a department, a district, a commune, a central agency or the province.

    Attributes:
        name: the unit's name as written (``"Sở Nội vụ"``).
        kind: its reporter kind (a :class:`~cchc.model.ReporterKind` or its value).
        id: a stable identifier, if the caller has one.
        parent: the id of the unit it reports through.

    >>> Reporter("UBND huyện A", kind="district").kind
    <ReporterKind.DISTRICT: 'district'>
    """

    name: str = attrs.field(validator=_check_text)
    kind: ReporterKind = attrs.field(converter=_to_kind)
    id: str | None = attrs.field(default=None, kw_only=True, validator=_check_text)
    parent: str | None = attrs.field(default=None, kw_only=True, validator=_check_text)

    @property
    def key(self) -> str:
        """The id if there is one, else the name: what tells two reporters apart."""
        return self.id if self.id is not None else self.name


_PERIODS: dict[str, Period] = {}


def _to_period(value: Period | str) -> Period:
    if isinstance(value, Period):
        return value
    # Periods are immutable and few: a round of reports names the same one thousands of times.
    period = _PERIODS.get(value) if type(value) is str else None
    if period is None:
        period = Period.parse(value)
        if len(_PERIODS) > 4096:
            _PERIODS.clear()
        _PERIODS[value] = period
    return period


def _findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(findings)


def _to_entry(value: Entry | Value) -> Entry:
    return value if isinstance(value, Entry) else Entry(value=value)


def _to_entries(value: Mapping[str, Entry | Value]) -> FrozenMap[str, Entry]:
    # Checked and normalised once, in Report.__attrs_post_init__, which replaces it.
    return value  # type: ignore[return-value]


# What the form guarantees, worked out once per form: code → (position in the form,
# the exact value types its row takes, whether an int widens to a Decimal, whether
# an int is a value of the row).
_Plan = dict[str, tuple[int, tuple[type, ...], bool, bool]]
_PLAN_KEY = "reports.plan"


def _plan(form: Form) -> _Plan:
    cache = form_cache(form)
    found: _Plan | None = cache.get(_PLAN_KEY)
    if found is not None:
        return found
    plan: _Plan = {}
    for position, indicator in enumerate(form):
        unit = indicator.unit.kind if indicator.unit is not None else None
        widen = unit in (UnitKind.PERCENT, UnitKind.SCORE)
        types: tuple[type, ...] = ()
        if indicator.kind.is_header:
            types = (int, Decimal)
        elif indicator.codes is not None or unit is UnitKind.COUNT:
            types = (int,)
        elif widen:
            types = (Decimal,)
        elif unit is UnitKind.TEXT:
            types = (str,)
        plan[indicator.code] = (position, types, widen, int in types)
    cache[_PLAN_KEY] = plan
    return plan


def _type_problem(indicator: Indicator, value: Value) -> str | None:
    """Why *value* cannot stand in *indicator*'s row, or ``None`` if it can."""
    described = f"{type(value).__name__} {value!r}"
    what = f"{indicator.name} counts {indicator.unit.label}" if indicator.unit else indicator.name
    if indicator.kind.is_header:
        if isinstance(value, str):
            return f"a header row holds no text value, not {described}"
        return None
    if indicator.codes is not None:
        if not isinstance(value, int):
            return f"{indicator.name} takes a code (int), not {described}"
        return None
    unit = indicator.unit
    if unit is None:  # pragma: no cover - the loader gives every value row a unit or codes
        return None
    if unit.kind is UnitKind.COUNT and not isinstance(value, int):
        return f"{what}: the value must be a whole number (int), not {described}"
    if unit.kind in (UnitKind.PERCENT, UnitKind.SCORE) and not isinstance(value, Decimal):
        return (
            f"{indicator.name} is a {unit.kind.value}: the value must be a Decimal, not {described}"
        )
    if unit.kind is UnitKind.TEXT and not isinstance(value, str):
        return f"{indicator.name} takes text, not {described}"
    return None


@attrs.frozen(kw_only=True)
class Report:
    """One reporter's values of a form for one period.

    ``report[code]`` gives the :class:`~cchc.values.Entry` of a row (a blank entry
    when the report has none); an unknown code raises
    :class:`~cchc.errors.UnknownIndicatorError`.  Reports are immutable: the
    ``with_…`` methods return a new report.

    Entries may be given as :class:`~cchc.values.Entry` objects or bare values;
    an ``int`` in a percentage or score row becomes a ``Decimal``.

    Attributes:
        form: the form reported on.
        reporter: who reports.
        period: the reporting period (a :class:`~cchc.periods.Period` or its id).
        entries: code → entry, in the form's order; rows without an entry are blank.
        diagnostics: what reading the source table found (``read.…`` findings).
        submitted: the day the unit signed or sent the report (the title's
            "ngày … tháng … năm …", or JSON ``submitted``), when known.

    Raises:
        UnknownIndicatorError: an entry's code is not in the form.
        ReportError: a value of the wrong type for its row.
    """

    form: Form = attrs.field(repr=lambda form: f"<Form {form.id}>")
    reporter: Reporter
    period: Period = attrs.field(converter=_to_period)
    entries: FrozenMap[str, Entry] = attrs.field(factory=dict, converter=_to_entries)
    diagnostics: tuple[Finding, ...] = attrs.field(default=(), converter=_findings)
    submitted: date | None = None

    def __attrs_post_init__(self) -> None:
        # The hot path of building many reports: what the form guarantees (the
        # value types of each row, its position) is worked out once per form.
        plan = _plan(self.form)
        problems: list[str] = []
        normalised: dict[str, Entry] = {}
        last, ordered = -1, True
        shared = _SHARED_ENTRIES.get
        given_entries: Mapping[str, Any] = self.entries  # not yet converted: see _to_entries
        for code, given in given_entries.items():
            spec = plan.get(code)
            if spec is None:
                raise UnknownIndicatorError(code, source=self.form.id)
            position, types, widen, takes_int = spec
            if takes_int and type(given) is int:
                # The commonest case, kept short: a count as a bare int.
                normalised[code] = shared(given) or _bare(given)
                if position < last:
                    ordered = False
                last = position
                continue
            entry: Entry | None = given if type(given) is Entry else None
            value = given.value if entry is not None else given
            if value is not None and type(value) not in types:
                if widen and type(value) is int:
                    value = Decimal(value)
                    entry = _bare(value) if entry is None else attrs.evolve(entry, value=value)
                else:
                    entry = entry or Entry(value=value)  # a value of no type at all raises here
                    if problem := _type_problem(self.form[code], value):
                        problems.append(f"{code}: {problem}")
            elif entry is None:
                if value is None or (type(value) is Decimal and not value.is_finite()):
                    entry = Entry(value=value)  # a blank entry, or raises: not a finite number
                else:
                    entry = _bare(value)
            normalised[code] = entry
            if position < last:
                ordered = False
            last = position
        if problems:
            raise ReportError("; ".join(problems))
        if not ordered:
            normalised = dict(sorted(normalised.items(), key=lambda item: plan[item[0]][0]))
        object.__setattr__(self, "entries", FrozenMap._owning(normalised))  # noqa: SLF001 - values owns FrozenMap

    def __getitem__(self, code: str) -> Entry:
        entry = self.entries.get(code)
        if entry is not None:
            return entry
        if code not in self.form:
            raise UnknownIndicatorError(code, source=self.form.id)
        return BLANK

    def __contains__(self, code: object) -> bool:
        return code in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def value(self, code: str) -> Value | None:
        """The value of row *code*, or ``None`` when it has none."""
        return self[code].value

    def with_entry(self, code: str, entry: Entry | Value) -> Report:
        """A copy with row *code* set to *entry* (an Entry or a bare value)."""
        return attrs.evolve(self, entries={**self.entries, code: _to_entry(entry)})

    def with_value(self, code: str, value: Value | None, *, note: str | None = None) -> Report:
        """A copy with the value (and optionally the note) of row *code* replaced.

        The row's status and raw cell are cleared; its note is kept unless *note*
        is given.
        """
        old = self[code]
        entry = Entry(value=value, note=old.note if note is None else note)
        return self.with_entry(code, entry)

    def without(self, *codes: str) -> Report:
        """A copy in which rows *codes* are blank."""
        for code in codes:
            self[code]  # raises for unknown codes
        return attrs.evolve(self, entries={c: e for c, e in self.entries.items() if c not in codes})

    def evolve(self, **changes: Any) -> Report:
        """A copy with fields replaced, as :func:`attrs.evolve` does."""
        return attrs.evolve(self, **changes)

    def applies(self, code: str) -> bool:
        """Whether row *code* applies to this report's reporter."""
        return self.form[code].applies_to(self.reporter.kind, self.reporter.name)

    def __repr__(self) -> str:
        """One short line; the table is what ``cchc show`` and notebooks display.

        >>> import cchc
        >>> cchc.example_report()
        <Report 'Sở Nội vụ' 2021S1 phu-luc-2b: 80 entries, 22 reading diagnostics>
        """
        return (
            f"<Report {short_name(self.reporter.name)!r} {self.period.id} {self.form.id}: "
            f"{len(self.entries)} entries, {len(self.diagnostics)} reading diagnostics>"
        )

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    def _repr_html_(self) -> str:
        """The official table as HTML for notebooks, every finding of the check marked.

        The check (:func:`cchc.check`) runs when the report is displayed, not
        before; its findings, reading diagnostics included, are footnoted in the
        rows they name and listed below the table (see
        :func:`cchc.render.report_html`).
        """
        return _display.html(self)
