"""The form model: indicators, their tree, units, code lists and who reports them.

A :class:`Form` is immutable data: a tuple of :class:`Indicator` in printed
order, plus the rule and ratio declarations written in the form's data file.
Forms are loaded with :func:`cchc.load_form`; nothing here reads files.

Codes and the section tree are kept apart: an indicator's ``code`` is its stable
identifier (``"1.2.1"``), its ``printed_code`` is what the table printed
(``"1.1.1. "`` for the misnumbered children of 1.2), and its place in the tree is
its explicit ``parent``.

>>> import cchc
>>> form = cchc.load_form()
>>> form["1.1.2"].unit.label
'Nhiệm vụ'
>>> "3.1.3.a" in form, form["3.1.3.a"].parent
(True, '3.1.3')
>>> [i.code for i in form.roots][:3]
['1', '2', '3']
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Hashable, Iterator, Mapping
from datetime import date
from typing import Any

import attrs

from cchc import _display
from cchc._text import match_key
from cchc.codes import CodeList
from cchc.errors import UnknownIndicatorError
from cchc.findings import Severity
from cchc.periods import Period, PeriodKind
from cchc.units import Unit, UnitKind

__all__ = [
    "Applicability",
    "BreakdownKind",
    "Form",
    "Indicator",
    "IndicatorKind",
    "MissingPolicy",
    "RatioDeclaration",
    "ReporterKind",
    "RuleDeclaration",
    "Temporal",
]


class ReporterKind(enum.Enum):
    """Who fills a report (contract §2).

    Since 1 July 2025 local government has two levels: ``district`` exists only
    in form versions valid before that date; ``commune`` covers xã, phường and
    đặc khu.
    """

    DEPARTMENT = "department"
    """Sở, ban, ngành cấp tỉnh."""
    DISTRICT = "district"
    """UBND cấp huyện."""
    COMMUNE = "commune"
    """UBND cấp xã."""
    CENTRAL = "central"
    """Cơ quan Trung ương đóng trên địa bàn tỉnh."""
    PROVINCE = "province"
    """The province as a whole: UBND tỉnh, or an aggregate."""

    @property
    def label(self) -> str:
        """The Vietnamese name of the kind."""
        return _REPORTER_LABELS[self]


_REPORTER_LABELS = {
    ReporterKind.DEPARTMENT: "Sở, ban, ngành",
    ReporterKind.DISTRICT: "UBND cấp huyện",
    ReporterKind.COMMUNE: "UBND cấp xã",
    ReporterKind.CENTRAL: "Cơ quan Trung ương",
    ReporterKind.PROVINCE: "Tỉnh",
}


class IndicatorKind(enum.Enum):
    """The role of a row in the form."""

    SECTION = "section"
    """A top-level heading (1–7); holds no value."""
    GROUP = "group"
    """An intermediate heading; holds no value."""
    VALUE = "value"
    """A row holding a number in its unit."""
    CODED = "coded"
    """A row answering with a code from its legend."""
    SCORE = "score"
    """A row holding points from an external scoring scheme."""
    BREAKDOWN = "breakdown"
    """A *Trong đó* row under a total or a group (``3.1.3.a``)."""

    @property
    def is_header(self) -> bool:
        """Whether rows of this kind are headings without a value."""
        return self in (IndicatorKind.SECTION, IndicatorKind.GROUP)


class BreakdownKind(enum.Enum):
    """How the breakdown rows of a total relate to it."""

    EXHAUSTIVE = "exhaustive"
    """The parts partition the total: Σ parts = total."""
    INCLUDES = "includes"
    """*Trong đó*: the parts are disjoint subsets: Σ parts ≤ total."""
    OVERLAPPING = "overlapping"
    """The parts may overlap: each part ≤ total."""


class Temporal(enum.Enum):
    """How a figure behaves over time (rules.md A3–A4)."""

    STOCK = "stock"
    """A level at the cut-off date: sums across reporters, not across periods."""
    FLOW = "flow"
    """Counted within the period (*trong kỳ*): sums across disjoint periods."""
    CUMULATIVE = "cumulative"
    """Counted from a fixed start (*lũy kế*, *so với năm 2015*): never decreases."""
    PLAN = "plan"
    """Set once for the year: the same in every report of the year."""


class MissingPolicy(enum.Enum):
    """What a rule does when an operand is blank."""

    SKIP_IF_ANY = "skip-if-any"
    """Skip the rule when any operand is blank (the default)."""
    SKIP_IF_ALL = "skip-if-all"
    """Skip only when every operand is blank; otherwise blanks count as zero."""
    ZERO = "zero"
    """Blank operands count as zero."""
    FAIL = "fail"
    """A blank operand fails the rule."""


@functools.lru_cache(maxsize=4096)
def _department_key(name: str) -> str:
    # Asked for the same few department names over and over, for every reporter.
    key = match_key(name)
    for old, new in ((" và ", " - "), ("&", "-"), (" – ", " - ")):
        key = key.replace(old, new)
    return key.removeprefix("sở ").replace(" ", "")


@attrs.frozen
class Applicability:
    """Who must report a row.

    Attributes:
        kinds: reporter kinds that report the row.
        departments: named departments that report it although departments in
            general do not (3.4.4 is for *Sở Tài nguyên và Môi trường* and districts).

    >>> from cchc.model import Applicability, ReporterKind as K
    >>> a = Applicability(frozenset({K.DISTRICT}), ("Sở Xây dựng",))
    >>> (
    ...     a.applies(K.DISTRICT),
    ...     a.applies(K.DEPARTMENT, "Sở Nội vụ"),
    ...     a.applies(K.DEPARTMENT, "SỞ XÂY DỰNG"),
    ... )
    (True, False, True)
    """

    kinds: frozenset[ReporterKind]
    departments: tuple[str, ...] = ()

    def applies(self, kind: ReporterKind, name: str | None = None) -> bool:
        """Whether a reporter of *kind* (named *name*) must report the row."""
        if kind in self.kinds:
            return True
        if kind is ReporterKind.DEPARTMENT and name and self.departments:
            key = _department_key(name)
            return any(_department_key(d) == key for d in self.departments)
        return False


@attrs.frozen(kw_only=True)
class Indicator:
    """One row of a form.

    Attributes:
        code: the stable code (contract §1): ``"1.2.1"``, ``"3.1.3.a"``.
        printed_code: the STT as the form prints it (``"1.1.1. "``, ``"Trong đó"``).
        name: the name as printed, less Word artefacts and stray whitespace;
            real tables are matched against it.
        display_name: the corrected name for display (typos fixed).
        name_en: the name in English, for English renderings ("" if the form has none).
        kind: the role of the row.
        unit: the unit of measure; ``None`` for headers and coded rows.
        unit_text: the unit cell as the official layout prints it.
        codes: the legend of a coded row.
        scoring: for score rows, the scoring rule or scheme it refers to.
        parent: the code of the row above it in the tree, ``None`` for sections.
        children: the codes of the rows below it, in printed order.
        breakdown: for a total with breakdown rows, how they add up.
        temporal: stock, flow, cumulative or plan.
        reporters: who must report it.
        province_wide: a row filled once for the whole province, never summed
            from reporters (rules.md A5).
        sums: for a header, whether the rows below it add up (R19 compares a
            value typed on the header with their sum only then).
        note: the guidance note the form prints in Ghi chú.
        depth: 1 for sections, 2 below them, and so on.
    """

    code: str
    printed_code: str
    name: str
    display_name: str
    kind: IndicatorKind
    name_en: str = ""
    unit: Unit | None = None
    unit_text: str = ""
    codes: CodeList | None = None
    scoring: str | None = None
    parent: str | None = None
    children: tuple[str, ...] = ()
    breakdown: BreakdownKind | None = None
    temporal: Temporal | None = None
    reporters: Applicability = Applicability(frozenset(ReporterKind))
    province_wide: bool = False
    note: str = ""
    depth: int = 1
    sums: bool = False

    @property
    def takes_value(self) -> bool:
        """Whether the row holds a value (headers do not)."""
        return not self.kind.is_header

    @property
    def is_count(self) -> bool:
        """Whether the row holds a whole count."""
        return self.unit is not None and self.unit.kind is UnitKind.COUNT

    @property
    def is_percent(self) -> bool:
        """Whether the row holds a percentage on the 0–100 scale."""
        return self.unit is not None and self.unit.kind is UnitKind.PERCENT

    @property
    def is_coded(self) -> bool:
        """Whether the row answers with a code from a legend."""
        return self.codes is not None

    def __repr__(self) -> str:
        """One short line: code, name and kind (``<Indicator 1.1.1 'Số nhiệm vụ …' value>``)."""
        name = self.display_name if len(self.display_name) <= 60 else self.display_name[:59] + "…"
        unit = f", {self.unit.label}" if self.unit is not None else ""
        return f"<Indicator {self.code} {name!r} {self.kind.value}{unit}>"

    def applies_to(self, kind: ReporterKind, name: str | None = None) -> bool:
        """Whether a reporter of *kind* (named *name*) must report this row."""
        return self.reporters.applies(kind, name)


@attrs.frozen(kw_only=True)
class RuleDeclaration:
    """A rule as declared in a form file: an expression over indicator codes.

    The expression language is described in :mod:`cchc.expressions`.
    """

    id: str
    test: str
    severity: Severity = Severity.ERROR
    when: str | None = None
    title: str = ""
    title_en: str = ""
    missing: MissingPolicy = MissingPolicy.SKIP_IF_ANY
    reporters: frozenset[ReporterKind] | None = None
    option: tuple[str, str] | None = None
    """Evaluate only when the named policy option has this value, e.g. ``("R24", "exclusive")``."""
    message: str = ""
    """The failure message in Vietnamese, a template with named placeholders
    (``{left}``, ``{right}``, ``{relation}``, ``{difference}``, ``{row}``,
    ``{value}``, or an indicator code such as ``{1.4.1}``); empty: built from the test."""
    message_en: str = ""
    """The failure message in English, with the same placeholders."""


@attrs.frozen(kw_only=True)
class RatioDeclaration:
    """A ratio the form implies: numerator / denominator × factor."""

    id: str
    name: str
    numerator: str
    denominator: str
    factor: int = 100
    name_en: str = ""
    entered: str | None = None
    """The code of a row where the reporter enters the same rate, to check against."""
    decimals: int | None = None
    """The decimals the rate is published with (0, 1 or 2); ``None``: the default, 2."""


def _index_of(indicators: tuple[Indicator, ...]) -> dict[str, Indicator]:
    # A private plain dict: never handed out, so never mutated, and it pickles.
    return {i.code: i for i in indicators}


def _count(what: str) -> Callable[[tuple[object, ...]], str]:
    def describe(items: tuple[object, ...]) -> str:
        return f"<{len(items)} {what}>"

    return describe


class _Cache(dict[Hashable, Any]):
    """What a form's users work out from it once; a copy or pickle starts empty."""

    def __reduce__(self) -> tuple[type[_Cache], tuple[()]]:
        return (_Cache, ())


def form_cache(form: Form) -> dict[Hashable, Any]:
    """The cache *form* owns for what is worked out from it (compiled rules, …).

    A form is immutable, so what is derived from it lives as long as it does and
    needs no invalidation; the cache is never copied, compared or pickled.
    """
    return form._cache  # noqa: SLF001 - the one accessor of the form's own cache


@attrs.frozen(kw_only=True)
class Form:
    """A statistical form: its indicators in printed order, and its declarations.

    Look rows up with ``form[code]`` (an unknown code raises
    :class:`cchc.errors.UnknownIndicatorError`, a ``KeyError``), test with
    ``code in form``, iterate in printed order.
    """

    id: str
    title: str
    version: str = "1"
    valid_from: date | None = None
    """The first day this version is in force; ``None``: since ever."""
    valid_until: date | None = None
    """The last day this version is in force; ``None``: still in force."""
    reporter_kinds: frozenset[ReporterKind] = attrs.field(
        default=frozenset(ReporterKind), repr=False
    )
    """The kinds of reporter that exist in this version (the file's ``reporters``)."""
    period_kinds: frozenset[PeriodKind] = attrs.field(default=frozenset(PeriodKind), repr=False)
    """The kinds of period this form is reported for (the file's ``periods``)."""
    # A form's repr names it and counts its parts: the full rows would run to pages.
    indicators: tuple[Indicator, ...] = attrs.field(repr=_count("indicators"))
    units: tuple[Unit, ...] = attrs.field(default=(), repr=False)
    rules: tuple[RuleDeclaration, ...] = attrs.field(default=(), repr=_count("rules"))
    ratios: tuple[RatioDeclaration, ...] = attrs.field(default=(), repr=_count("ratios"))
    description: str = attrs.field(default="", repr=False)
    source: str | None = attrs.field(default=None, eq=False)
    _index: Mapping[str, Indicator] = attrs.field(
        init=False, eq=False, repr=False, hash=False, default=attrs.Factory(dict)
    )
    # What is worked out from the form once (compiled rule programs…): see form_cache().
    _cache: _Cache = attrs.field(init=False, eq=False, repr=False, hash=False, factory=_Cache)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", _index_of(self.indicators))

    def __getitem__(self, code: str) -> Indicator:
        try:
            return self._index[code]
        except KeyError:
            raise UnknownIndicatorError(code, source=self.id) from None

    def get(self, code: str) -> Indicator | None:
        """The indicator with *code*, or ``None``."""
        return self._index.get(code)

    def __contains__(self, code: object) -> bool:
        return code in self._index

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # IPython and hypothesis pretty-print attrs objects field by field, which
        # would list all 143 rows; show the short repr instead.
        printer.text(repr(self))

    def _repr_html_(self) -> str:
        """The rows as an HTML table, for notebooks (see :func:`cchc.render.form_html`)."""
        return _display.html(self)

    def in_force_on(self, day: date) -> bool:
        """Whether this version is in force on *day* (both validity ends included)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until

    def in_force(self, period: Period) -> bool:
        """Whether this version is in force for *period*: on its :attr:`~cchc.Period.end`.

        >>> import cchc
        >>> old = cchc.load_form("phu-luc-2b@2021")
        >>> old.in_force(cchc.Period.parse("2025S1")), old.in_force(cchc.Period.parse("2025Q3"))
        (True, False)
        """
        return self.in_force_on(period.end)

    def accepts(self, period: Period) -> bool:
        """Whether the form is reported for periods of *period*'s kind (month, quarter, …)."""
        return period.kind in self.period_kinds

    @property
    def validity(self) -> str:
        """The validity as ISO dates, ``"2025-07-01.."`` or ``"..2025-06-30"``; ``""`` if open.

        >>> import cchc
        >>> cchc.load_form("phu-luc-2b@2021").validity
        '..2025-06-30'
        """
        if self.valid_from is None and self.valid_until is None:
            return ""
        start = self.valid_from.isoformat() if self.valid_from else ""
        end = self.valid_until.isoformat() if self.valid_until else ""
        return f"{start}..{end}"

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code, in printed order."""
        return tuple(i.code for i in self.indicators)

    @property
    def roots(self) -> tuple[Indicator, ...]:
        """The top of the tree: the sections, in printed order."""
        return tuple(i for i in self.indicators if i.parent is None)

    def children(self, code: str) -> tuple[Indicator, ...]:
        """The rows directly below *code*, in printed order."""
        return tuple(self[c] for c in self[code].children)

    def descendants(self, code: str) -> Iterator[Indicator]:
        """Every row below *code*, depth first in printed order."""
        for child in self.children(code):
            yield child
            yield from self.descendants(child.code)

    def ancestors(self, code: str) -> Iterator[Indicator]:
        """The rows above *code*, nearest first."""
        parent = self[code].parent
        while parent is not None:
            indicator = self[parent]
            yield indicator
            parent = indicator.parent

    @property
    def value_indicators(self) -> tuple[Indicator, ...]:
        """The rows that hold values, in printed order."""
        return tuple(i for i in self.indicators if i.takes_value)
