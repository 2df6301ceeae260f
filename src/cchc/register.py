"""The register of units: who must report in a province (contract §6).

A Sở Nội vụ keeps a list of the units that send the CCHC report (*danh sách đơn
vị báo cáo*): departments, district and commune people's committees, central
agencies in the province.  Units merge, split and disappear (2025 above all), so
each carries the dates between which it exists.  The register is a TOML file
(or a CSV file with the columns ``id,name,kind,parent,valid_from,valid_until``):

>>> import cchc
>>> from cchc.register import Register
>>> register = Register.loads('''
... schema = "cchc.units/1"
... province = "Tỉnh Nghệ An"
...
... [[unit]]
... id = "snv"
... name = "Sở Nội vụ"
... kind = "department"
...
... [[unit]]
... id = "h-nam-dan"
... name = "UBND huyện Nam Đàn"
... kind = "district"
... valid_until = "2025-06-30"
... ''')
>>> [unit.id for unit in register.expected("2021S1")]
['snv', 'h-nam-dan']
>>> [unit.id for unit in register.expected("2025S2")]
['snv']
>>> register.match(cchc.Reporter("  sở nội vụ ", kind="department")).id
'snv'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from cchc._text import match_key
from cchc.errors import Problem, ReadError
from cchc.model import ReporterKind
from cchc.periods import Period
from cchc.reports import Reporter

__all__ = ["SCHEMA", "Register", "ReportingUnit", "load_register", "name_key", "period_end"]

SCHEMA = "cchc.units/1"
"""The ``schema`` value of a register file."""

_COLUMNS = ("id", "name", "kind", "parent", "valid_from", "valid_until")


def name_key(name: str) -> str:
    """The key under which two spellings of a unit's name match.

    Case, Unicode normalisation form and spacing do not matter; diacritics do.

    >>> name_key("  SỞ NỘI VỤ ") == name_key("Sở Nội vụ")
    True
    >>> name_key("Sở Nội vụ") == name_key("So Noi vu")
    False
    """
    return match_key(name)


def period_end(period: Period) -> date:
    """The last day of *period* (30/6/2021 for 2021S1).

    >>> period_end(Period.parse("2021Q1"))
    datetime.date(2021, 3, 31)
    """
    end = getattr(period, "end", None)
    if isinstance(end, date):
        return end
    last = period.window.end
    following = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _to_kind(value: ReporterKind | str) -> ReporterKind:
    return value if isinstance(value, ReporterKind) else ReporterKind(value)


def _to_period(value: Period | str) -> Period:
    return value if isinstance(value, Period) else Period.parse(value)


@attrs.frozen
class ReportingUnit:
    """One unit that must report (*đơn vị báo cáo*).

    Attributes:
        id: a stable identifier (``"snv"``).
        name: the unit's name (``"Sở Nội vụ"``).
        kind: its reporter kind (``department``, ``district``, ``commune``, ``central``).
        parent: the id of the unit it reports through, if any.
        valid_from: the first day the unit exists, if it began within the register's span.
        valid_until: the last day the unit exists, if it has ended.

    >>> unit = ReportingUnit("snv", "Sở Nội vụ", "department")
    >>> unit.reporter
    Reporter(name='Sở Nội vụ', kind=<ReporterKind.DEPARTMENT: 'department'>, id='snv', parent=None)
    """

    id: str
    name: str
    kind: ReporterKind = attrs.field(converter=_to_kind)
    parent: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None

    def expected_in(self, period: Period | str) -> bool:
        """Whether the unit must report for *period*: the period's end lies in its validity."""
        end = period_end(_to_period(period))
        if self.valid_from is not None and end < self.valid_from:
            return False
        return self.valid_until is None or end <= self.valid_until

    @property
    def reporter(self) -> Reporter:
        """The unit as a :class:`~cchc.reports.Reporter`."""
        return Reporter(self.name, kind=self.kind, id=self.id, parent=self.parent)


def _units_tuple(units: Iterable[ReportingUnit]) -> tuple[ReportingUnit, ...]:
    return tuple(units)


@attrs.frozen
class Register:
    """The units of a province that must report, with their validity (contract §6).

    Attributes:
        units: every unit, in the register's order.
        province: the province's name (``"Tỉnh Nghệ An"``), if the register gives it.
    """

    units: tuple[ReportingUnit, ...] = attrs.field(converter=_units_tuple)
    province: str | None = None
    _by_id: Mapping[str, ReportingUnit] = attrs.field(init=False, eq=False, repr=False)
    _by_name: Mapping[str, tuple[ReportingUnit, ...]] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, ReportingUnit] = {}
        by_name: dict[str, list[ReportingUnit]] = {}
        for unit in self.units:
            if unit.id in by_id:
                msg = f"two units have the id {unit.id!r}"
                raise ReadError([Problem(msg, location=f"unit {unit.id}")])
            by_id[unit.id] = unit
            by_name.setdefault(name_key(unit.name), []).append(unit)
        # Plain dicts, private to the register: a mapping proxy would not pickle.
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_by_name", {k: tuple(v) for k, v in by_name.items()})

    def __iter__(self) -> Iterator[ReportingUnit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def __getitem__(self, unit_id: str) -> ReportingUnit:
        return self._by_id[unit_id]

    def expected(self, period: Period | str) -> tuple[ReportingUnit, ...]:
        """The units that must report for *period* (those existing at its end)."""
        chosen = _to_period(period)
        return tuple(unit for unit in self.units if unit.expected_in(chosen))

    def match(self, reporter: Reporter, period: Period | str | None = None) -> ReportingUnit | None:
        """The unit *reporter* is: by its id, else by its name (see :func:`name_key`).

        With *period*, a name shared by a unit that ended and one that began
        matches the one in force at the period's end.
        """
        if reporter.id is not None and reporter.id in self._by_id:
            return self._by_id[reporter.id]
        candidates = self._by_name.get(name_key(reporter.name), ())
        if period is not None and len(candidates) > 1:
            current = [unit for unit in candidates if unit.expected_in(period)]
            candidates = tuple(current) or candidates
        return candidates[0] if candidates else None

    @classmethod
    def loads(cls, text: str, *, source: str = "<register>") -> Register:
        """Read a register from TOML text (``schema = "cchc.units/1"``, ``[[unit]]`` tables).

        Raises:
            ReadError: invalid TOML, an unknown key, a missing id, name or kind, an
                unknown kind, a malformed date, or two units with one id.
        """
        import tomllib  # noqa: PLC0415 - only registers need a TOML parser

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ReadError.one(f"not valid TOML: {exc}", source=source) from None
        problems: list[Problem] = []
        schema = data.pop("schema", SCHEMA)
        if schema != SCHEMA:
            problems.append(Problem(f"schema must be {SCHEMA!r}, not {schema!r}", source, "schema"))
        province = data.pop("province", None)
        if province is not None and not isinstance(province, str):
            problems.append(Problem("province must be text", source, "province"))
            province = None
        rows = data.pop("unit", [])
        for key in data:
            problems.append(Problem(f"unknown key {key!r}", source, key))
        if not isinstance(rows, list):
            problems.append(Problem("unit must be an array of tables ([[unit]])", source, "unit"))
            rows = []
        units = _units(
            ((f"unit[{n}]", row) for n, row in enumerate(rows, start=1)), source, problems
        )
        return cls._make(units, province, problems, source)

    @classmethod
    def loads_csv(
        cls, text: str, *, source: str = "<register>", province: str | None = None
    ) -> Register:
        """Read a register from CSV text (columns as in :meth:`loads`, one unit a line).

        The columns are ``id,name,kind,parent,valid_from,valid_until``;
        only ``id``, ``name`` and ``kind`` are required; empty cells are absent values.
        """
        import csv  # noqa: PLC0415 - only CSV registers need it
        import io  # noqa: PLC0415

        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        fields = [f.strip() for f in reader.fieldnames or ()]
        problems: list[Problem] = []
        unknown = [f for f in fields if f not in _COLUMNS]
        if unknown:
            problems.append(Problem(f"unknown columns {unknown} (known: {list(_COLUMNS)})", source))
        rows = (
            (
                f"line {reader.line_num}",
                {(k or "").strip(): v.strip() for k, v in row.items() if v and v.strip()},
            )
            for row in reader
        )
        units = _units(rows, source, problems)
        return cls._make(units, province, problems, source)

    @classmethod
    def _make(
        cls,
        units: list[ReportingUnit],
        province: str | None,
        problems: list[Problem],
        source: str,
    ) -> Register:
        seen: set[str] = set()
        for unit in units:
            if unit.id in seen:
                problems.append(Problem(f"two units have the id {unit.id!r}", source, unit.id))
            seen.add(unit.id)
        if problems:
            raise ReadError(problems, source=source)
        return cls(units, province=province)


def _date(value: Any, where: str, key: str, source: str, problems: list[Problem]) -> date | None:
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.append(
        Problem(f"{key} must be an ISO date (2025-06-30), not {value!r}", source, where)
    )
    return None


def _units(
    rows: Iterable[tuple[str, Any]], source: str, problems: list[Problem]
) -> list[ReportingUnit]:
    units: list[ReportingUnit] = []
    kinds = ", ".join(k.value for k in ReporterKind)
    for where, row in rows:
        if not isinstance(row, dict):
            problems.append(Problem("a unit must be a table", source, where))
            continue
        extra = [k for k in row if k not in _COLUMNS]
        if extra:
            problems.append(Problem(f"unknown keys {extra}", source, where))
        values: dict[str, str] = {}
        for key in ("id", "name", "kind", "parent"):
            value = row.get(key)
            if value is None:
                continue
            if not isinstance(value, str) or not value.strip():
                problems.append(Problem(f"{key} must be non-empty text", source, where))
                continue
            values[key] = value.strip()
        missing = [key for key in ("id", "name", "kind") if key not in values]
        if missing:
            problems.append(Problem(f"missing {', '.join(missing)}", source, where))
            continue
        try:
            kind = ReporterKind(values["kind"])
        except ValueError:
            problems.append(
                Problem(f"unknown kind {values['kind']!r} (one of {kinds})", source, where)
            )
            continue
        start = _date(row.get("valid_from"), where, "valid_from", source, problems)
        end = _date(row.get("valid_until"), where, "valid_until", source, problems)
        if start is not None and end is not None and end < start:
            problems.append(Problem("valid_until is before valid_from", source, where))
        units.append(
            ReportingUnit(
                values["id"],
                values["name"],
                kind,
                parent=values.get("parent"),
                valid_from=start,
                valid_until=end,
            )
        )
    return units


def load_register(path: str | os.PathLike[str]) -> Register:
    """Read the register in file *path*: TOML (``.toml``) or CSV (``.csv``).

    Raises:
        ReadError: the file's content is not a valid register (see :meth:`Register.loads`).
        OSError: the file cannot be read.
    """
    file = Path(path)
    text = file.read_text(encoding="utf-8-sig")
    if file.suffix.lower() == ".csv":
        return Register.loads_csv(text, source=str(path))
    return Register.loads(text, source=str(path))
