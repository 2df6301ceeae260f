"""Entries: what a report holds for one indicator.

An entry is a value, or the reason there is none, plus the Ghi chú note and the
raw cell it was read from.  Blank, not applicable and a reason for a missing
value are distinct states, and zero is a reported value:

>>> from cchc.values import Entry, Status
>>> Entry(value=0).is_blank, Entry().is_blank
(False, True)
>>> Entry(status=Status.NOT_YET_DONE, raw="Chưa kiểm tra").has_value
False
"""

from __future__ import annotations

import enum
from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from cchc.errors import ReportError
from cchc.limits import quoted, unwritable

__all__ = ["BLANK", "Coverage", "Entry", "FrozenMap", "Status", "Value"]

Value = int | Decimal | str
"""A typed value: ``int`` for counts and codes, ``Decimal`` for percentages and
scores (percentages on the 0–100 scale), ``str`` for text."""


class Status(enum.Enum):
    """Why an entry has no value (SDMX ``OBS_STATUS`` in spirit)."""

    NOT_APPLICABLE = "not-applicable"
    """The row does not apply to this reporter."""
    NOT_YET_DUE = "not-yet-due"
    """*Chưa đến hạn*: the figure is not due in this period."""
    NOT_YET_DONE = "not-yet-done"
    """*Chưa thực hiện / Chưa kiểm tra*: the activity has not taken place yet."""
    NOT_REPORTED = "not-reported"
    """The reporter did not give the figure."""

    @property
    def label(self) -> str:
        """The Vietnamese label of the status."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.NOT_APPLICABLE: "Không áp dụng",
    Status.NOT_YET_DUE: "Chưa đến hạn",
    Status.NOT_YET_DONE: "Chưa thực hiện",
    Status.NOT_REPORTED: "Không báo cáo",
}

K = TypeVar("K")
V = TypeVar("V")


def _dict_of(mapping: Mapping[K, V]) -> dict[K, V]:
    # A copy: a FrozenMap never shares the dict it reads from.
    return dict(mapping)


@attrs.frozen(eq=False)
class FrozenMap(Mapping[K, V]):
    """An immutable, hashable mapping that keeps insertion order.

    It compares equal to any mapping with the same items, as a ``dict`` does.

    >>> m = FrozenMap({"a": 1})
    >>> m["a"], m == {"a": 1}, hash(m) == hash(FrozenMap({"a": 1}))
    (1, True, True)
    """

    # One dict and nothing else: a report holds a hundred entries, and a second
    # copy as a tuple of pairs doubled what it cost to keep.
    _dict: dict[K, V] = attrs.field(converter=_dict_of, repr=False, hash=False)

    @classmethod
    def _owning(cls, items: dict[K, V]) -> FrozenMap[K, V]:
        """A FrozenMap over *items* without copying it: for a dict nobody else holds."""
        made = object.__new__(cls)
        object.__setattr__(made, "_dict", items)
        return made

    def __getitem__(self, key: K) -> V:
        return self._dict[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._dict)

    def __len__(self) -> int:
        return len(self._dict)

    def __repr__(self) -> str:
        return f"FrozenMap({self._dict!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._dict == other._dict
        if isinstance(other, Mapping):
            return self._dict == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        # Order-free, like equality: equal mappings must hash alike.
        return hash(frozenset(self._dict.items()))

    @property
    def lookup(self) -> Callable[[K], V | None]:
        """The fastest ``get`` for hot loops: the underlying dict's own, which reads only."""
        return self._dict.get

    # The views of the underlying dict: Mapping's generic ones look every key up again.
    def items(self) -> ItemsView[K, V]:
        return self._dict.items()

    def keys(self) -> KeysView[K]:
        return self._dict.keys()

    def values(self) -> ValuesView[V]:
        return self._dict.values()


@attrs.frozen
class Coverage:
    """How many of the expected reporters gave a value (aggregates only)."""

    reported: int
    expected: int

    def __str__(self) -> str:
        return f"{self.reported}/{self.expected}"


def _check_value(instance: Entry, attribute: attrs.Attribute[Value | None], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        msg = f"a value must be int, Decimal or str, not {type(value).__name__}"
        raise ReportError(msg)
    if isinstance(value, Decimal) and not value.is_finite():
        msg = f"a value must be a finite number, not {value}"
        raise ReportError(msg)
    if isinstance(value, str):
        _check_text(instance, attribute, value)


def _check_text(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """Refuse a text that some writer could not write (a lone surrogate, a control character)."""
    if not isinstance(value, str):
        return
    problem = unwritable(value)
    if problem is not None:
        msg = f"the {attribute.name} {quoted(value, 40)} holds {problem}, which no format can write"
        raise ReportError(msg)


def _names(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(names)


def _check_names(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for name in value:
        _check_text(instance, attribute, name)


@attrs.frozen(kw_only=True, repr=False)
class Entry:
    """What a report holds for one indicator.

    Attributes:
        value: the typed value, or ``None``.
        status: why there is no value; ``None`` when there is one (or the cell is
            simply blank).
        note: the Ghi chú text, verbatim.
        raw: the source cell, where it differed from the normalised value
            (``"02"``, ``"100% "``, ``"Chưa kiểm tra"``).
        coverage: for aggregates, how many expected reporters gave a value.
        distribution: for aggregated coded answers, how many reporters gave each code.
        contributors: for aggregates, the reporters whose values were combined.
    """

    value: Value | None = attrs.field(default=None, validator=_check_value)
    status: Status | None = None
    note: str | None = attrs.field(default=None, validator=_check_text)
    raw: str | None = attrs.field(default=None, validator=_check_text)
    coverage: Coverage | None = None
    distribution: FrozenMap[int, int] | None = None
    contributors: tuple[str, ...] = attrs.field(
        default=(), converter=_names, validator=_check_names
    )

    def __attrs_post_init__(self) -> None:
        if self.value is not None and self.status is not None:
            status = self.status.value
            msg = f"an entry with a value ({self.value}) cannot also have status {status!r}"
            raise ReportError(msg)

    def __repr__(self) -> str:
        # Only the fields that are set: a report holds a hundred entries.
        fields = attrs.fields(Entry)
        shown = (
            f"{field.name}={getattr(self, field.name)!r}"
            for field in fields
            if getattr(self, field.name) != field.default
        )
        return f"Entry({', '.join(shown)})"

    @property
    def has_value(self) -> bool:
        """Whether the entry holds a value (zero included)."""
        return self.value is not None

    @property
    def is_blank(self) -> bool:
        """Whether the entry holds neither a value nor a status (a note may be present)."""
        return self.value is None and self.status is None

    @property
    def is_empty(self) -> bool:
        """Whether the entry holds nothing at all: no value, status, note or raw cell."""
        return self == BLANK


# Entries holding only a value are immutable and common: one object per value is
# shared by every report (a Decimal is keyed by its text, so 1.0 and 1.00 differ).
_SHARED_ENTRIES: dict[object, Entry] = {}
_SHARED_LIMIT = 1 << 16


def _shared(value: Value) -> Entry:
    """The entry holding only *value*, shared (internal: the fast paths of building)."""
    key: object = value if type(value) is int else (type(value), str(value))
    entry = _SHARED_ENTRIES.get(key)
    if entry is None:
        entry = Entry(value=value)
        if len(_SHARED_ENTRIES) >= _SHARED_LIMIT:
            _SHARED_ENTRIES.clear()
        _SHARED_ENTRIES[key] = entry
    return entry


BLANK = Entry()
"""The entry of a row that holds nothing: what ``report[code]`` gives for a blank row."""
