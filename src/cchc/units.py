"""Units of measure of CCHC forms.

A unit says what kind of number a row holds and how to read and add it up:

* **counts** (*Nhiệm vụ, Văn bản, Người, Thủ tục, …*): whole numbers ≥ 0;
* **percent**: a share on the 0–100 scale;
* **score**: points from an external scoring scheme (``Điểm = Tỷ lệ * Điểm tối đa``);
* **text**: free text.

Coded answers (*Không = 0 / Có = 1*) are not a unit: see :mod:`cchc.codes`.

The same unit is printed under several names (``Thủ tục`` and ``TTHC``,
``Cơ quan, đơn vị`` and ``Đơn vị``); :func:`find_unit` sees through them.

>>> from cchc.units import find_unit
>>> find_unit("TTHC").id
'thu-tuc'
>>> find_unit("Cơ quan, đơn vị") is find_unit("đơn vị")
True
>>> find_unit("%").kind
<UnitKind.PERCENT: 'percent'>
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from cchc._text import match_key

__all__ = ["BUILTIN_UNITS", "Unit", "UnitKind", "find_unit", "unit_index"]


class UnitKind(enum.Enum):
    """What kind of quantity a unit measures."""

    COUNT = "count"
    """A whole number of things, never negative."""
    PERCENT = "percent"
    """A share on the 0–100 scale, held as a :class:`~decimal.Decimal`."""
    SCORE = "score"
    """Points awarded by an external scoring scheme, held as a Decimal."""
    TEXT = "text"
    """Free text."""


@attrs.frozen
class Unit:
    """A unit of measure.

    Attributes:
        id: stable identifier (``"thu-tuc"``).
        label: the Vietnamese name as forms print it (``"Thủ tục"``).
        kind: what the unit measures.
        synonyms: other printed names of the same unit (``("TTHC",)``).
        label_en: the English name.
    """

    id: str
    label: str
    kind: UnitKind
    synonyms: tuple[str, ...] = ()
    label_en: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every printed name of the unit, the label first."""
        return (self.label, *self.synonyms)

    @property
    def is_count(self) -> bool:
        """Whether values in this unit are whole counts."""
        return self.kind is UnitKind.COUNT


def _count(uid: str, label: str, label_en: str, *synonyms: str) -> Unit:
    return Unit(uid, label, UnitKind.COUNT, synonyms, label_en)


BUILTIN_UNITS: tuple[Unit, ...] = (
    _count("nhiem-vu", "Nhiệm vụ", "tasks"),
    _count("van-ban", "Văn bản", "documents", "VB"),
    _count("nguoi", "Người", "persons"),
    _count("thu-tuc", "Thủ tục", "procedures", "TTHC", "Thủ tục hành chính"),
    _count("co-quan-don-vi", "Cơ quan, đơn vị", "agencies and units", "Đơn vị", "Cơ quan"),
    _count("van-de", "Vấn đề", "issues"),
    _count("ho-so", "Hồ sơ", "dossiers"),
    _count("quy-trinh", "Quy trình", "internal processes"),
    _count("lan", "Lần", "times"),
    _count("chi-tieu", "Chỉ tiêu", "targets"),
    _count("cap-file", "Cặp file", "file folders"),
    _count("quyet-dinh", "Quyết định", "decisions"),
    _count("so-luong", "Số lượng", "number", "Phiếu"),
    Unit("percent", "%", UnitKind.PERCENT, ("Tỷ lệ", "Tỷ lệ %", "Phần trăm"), "%"),
    Unit("diem", "Điểm", UnitKind.SCORE, (), "points"),
    Unit("text", "Chữ", UnitKind.TEXT, ("Văn bản chữ",), "text"),
)
"""The units of the Phụ lục 2B form; a form file may declare more."""


def unit_index(units: Iterable[Unit]) -> Mapping[str, Unit]:
    """Map every id and printed name (by :func:`cchc._text.match_key`) to its unit.

    Raises:
        ValueError: two units claim the same id or name.
    """
    index: dict[str, Unit] = {}
    for unit in units:
        for key in {unit.id, *(match_key(name) for name in unit.names)}:
            other = index.get(key)
            if other is not None and other != unit:
                msg = f"unit name {key!r} is claimed by both {other.id!r} and {unit.id!r}"
                raise ValueError(msg)
            index[key] = unit
    return MappingProxyType(index)


_BUILTIN_INDEX = unit_index(BUILTIN_UNITS)


def find_unit(name: str, index: Mapping[str, Unit] = _BUILTIN_INDEX) -> Unit:
    """Return the unit printed as *name* (an id, label or synonym).

    Raises:
        KeyError: no unit has that name.

    >>> find_unit("Người").label_en
    'persons'
    >>> find_unit("Cái")
    Traceback (most recent call last):
    ...
    KeyError: "unknown unit 'Cái'"
    """
    unit = index.get(name) or index.get(match_key(name))
    if unit is None:
        msg = f"unknown unit {name!r}"
        raise KeyError(msg)
    return unit
