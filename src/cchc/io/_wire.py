"""Value rules the JSON and CSV formats share (private to :mod:`cchc.io`).

How a row's value is typed in the machine formats (:class:`Slot`), how
numbers are written and parsed exactly (no float ever holds a figure), how a
problem message names a value and a JSON path, and :class:`ValueReader`, the
strict walker of JSON values that both readers use (CSV cells hold JSON for a
distribution or a list of contributors).
"""

from __future__ import annotations

import enum
import json
import re
import sys
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final, TypeGuard

import attrs

from cchc.errors import ProblemCollector, ReadError
from cchc.limits import unwritable
from cchc.model import Indicator
from cchc.units import UnitKind
from cchc.values import FrozenMap, Value

__all__ = [
    "BadNumber",
    "JsonObject",
    "Slot",
    "ValueReader",
    "decimal_text",
    "decode",
    "describe",
    "expectation",
    "is_int",
    "json_value",
    "member",
    "object_pairs",
    "parse_constant",
    "parse_decimal_text",
    "parse_float",
    "parse_int",
    "short",
    "slot_of",
    "value_text",
]

# Plain decimal notation only: what dumps writes, and nothing a reader could
# misread (no exponent, no thousands separator, no comma, ASCII digits).
_DECIMAL_TEXT: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)
_CANONICAL_INT: Final = re.compile(r"-?(?:0|[1-9][0-9]*)", re.ASCII)
_IDENTIFIER: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
# A JSON number such as 1e999999999 would expand to a billion digits when
# written back in plain notation; no figure of a CCHC report comes near this.
_MAX_EXPONENT: Final = 1000


class Slot(enum.Enum):
    """What kind of value a row takes, as far as the file formats are concerned."""

    HEADER = "header"  # int or Decimal (a value typed into a heading; rule F4 flags it)
    CODE = "code"
    COUNT = "count"
    DECIMAL = "decimal"
    TEXT = "text"
    ANY = "any"


def slot_of(indicator: Indicator) -> Slot:
    """The :class:`Slot` of row *indicator*."""
    if indicator.kind.is_header:
        return Slot.HEADER
    if indicator.codes is not None:
        return Slot.CODE
    unit = indicator.unit
    if unit is None:  # pragma: no cover - the loader gives every value row a unit or codes
        return Slot.ANY
    return {
        UnitKind.COUNT: Slot.COUNT,
        UnitKind.PERCENT: Slot.DECIMAL,
        UnitKind.SCORE: Slot.DECIMAL,
        UnitKind.TEXT: Slot.TEXT,
    }[unit.kind]


def decimal_text(value: Decimal) -> str:
    """A Decimal in plain notation, exactly: ``Decimal("1E+2")`` → ``"100"``.

    >>> decimal_text(Decimal("83.670")), decimal_text(Decimal("1E+2"))
    ('83.670', '100')
    """
    return format(value, "f")


def value_text(value: Value) -> str:
    """A value as the machine formats write it (no separators, a dot for decimals)."""
    if isinstance(value, Decimal):
        return decimal_text(value)
    return str(value)


def parse_decimal_text(text: str) -> Decimal | None:
    """The Decimal that plain decimal notation *text* spells, or ``None``."""
    if _DECIMAL_TEXT.fullmatch(text) is None:
        return None
    return Decimal(text)


def _indicator_label(indicator: Indicator) -> str:
    return f"{indicator.code} ({indicator.display_name or indicator.name})"


def expectation(indicator: Indicator, slot: Slot, whole: str, decimal: str) -> str:
    """What row *indicator* expects, for a problem message."""
    label = _indicator_label(indicator)
    if slot is Slot.COUNT:
        unit = indicator.unit.label if indicator.unit else "a count"
        return f"{label} counts {unit}: expected a whole number ({whole})"
    if slot is Slot.CODE:
        codes = ", ".join(str(v) for v in indicator.codes.values) if indicator.codes else ""
        return f"{label} is answered with a code ({codes}): expected a whole number ({whole})"
    if slot is Slot.DECIMAL:
        kind = indicator.unit.kind.value if indicator.unit else "decimal"
        return f"{label} is a {kind}: expected {decimal}"
    if slot is Slot.HEADER:
        return f"{label} is a heading that holds no text: expected a number"
    return f"{label} takes text: expected a string"


def short(text: str, limit: int = 40) -> str:
    """*text* cut to *limit* characters with an ellipsis, for a problem message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class JsonObject(dict[str, Any]):
    """A JSON object that remembers the keys it held more than once."""

    duplicates: tuple[str, ...] = ()


def object_pairs(pairs: list[tuple[str, Any]]) -> JsonObject:
    """The ``object_pairs_hook`` of :func:`json_value`: a :class:`JsonObject`."""
    obj = JsonObject(pairs)
    if len(obj) != len(pairs):
        keys = [key for key, _ in pairs]
        obj.duplicates = tuple(key for key in obj if keys.count(key) > 1)
    return obj


@attrs.frozen
class BadNumber:
    """A JSON number cchc will not hold: NaN, an infinity, an absurd size."""

    text: str
    reason: str


def parse_int(text: str) -> int | BadNumber:
    """The ``parse_int`` hook of :func:`json_value`: refuses more digits than Python reads."""
    limit = sys.get_int_max_str_digits()
    if limit and len(text.lstrip("-")) > limit:
        return BadNumber(short(text, 20), f"too long ({len(text)} digits)")
    return int(text)


def parse_float(text: str) -> Decimal | BadNumber:
    """The ``parse_float`` hook of :func:`json_value`: an exact Decimal of sane size."""
    try:
        value = Decimal(text)
    except ArithmeticError:  # an exponent beyond what Decimal holds: 1e9999999999999999999
        return BadNumber(short(text, 20), "out of range")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and abs(exponent) > _MAX_EXPONENT:
        return BadNumber(short(text, 20), "out of range")
    return value


def parse_constant(text: str) -> BadNumber:
    """The ``parse_constant`` hook of :func:`json_value`: NaN and infinities are refused."""
    return BadNumber(text, "not a finite number")


def describe(value: object) -> str:
    """*value* as a problem message names it: ``the string "41"``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"the integer {short(str(value), 20)}"
    if isinstance(value, Decimal):
        return f"the number {short(str(value), 20)}"
    if isinstance(value, float):
        return f"the float {value!r} (floats are inexact: give the decimal as a string)"
    if isinstance(value, BadNumber):
        return f"the number {value.text}, {value.reason}"
    if isinstance(value, str):
        return "the string " + json.dumps(short(value), ensure_ascii=unwritable(value) is not None)
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "an array"
    return f"a {type(value).__name__}"


def member(path: str, key: str) -> str:
    """The JSON path of member *key* of the object at *path*."""
    if _IDENTIFIER.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def is_int(value: object) -> TypeGuard[int]:
    """Whether *value* is an ``int`` and not a ``bool``."""
    return isinstance(value, int) and not isinstance(value, bool)


@attrs.define
class ValueReader(ProblemCollector):
    """Walks JSON values, collecting every problem with its JSON path."""

    def mapping(
        self,
        path: str,
        value: object,
        *,
        allowed: tuple[str, ...] | None,
        required: tuple[str, ...] = (),
        what: str,
    ) -> Mapping[Any, Any] | None:
        """*value* if it is an object; reports duplicate, unknown and missing keys."""
        if not isinstance(value, Mapping):
            self.add(path, f"{what} must be a JSON object, not {describe(value)}")
            return None
        for key in getattr(value, "duplicates", ()):
            self.add(member(path, key), "appears more than once (JSON would keep only the last)")
        for key in value:
            if not isinstance(key, str):
                self.add(path, f"keys must be strings, not {describe(key)}")
            elif allowed is not None and key not in allowed:
                self.add(
                    member(path, key),
                    f"unknown key {key!r} in {what} (allowed: {', '.join(allowed)})",
                )
        for key in required:
            if key not in value:
                self.add(member(path, key), f"missing: {what} needs {key!r}")
        return value

    def string(self, path: str, value: object) -> str | None:
        """*value* if it is a string that every format can write."""
        if isinstance(value, str):
            return self.writable(path, value)
        self.add(path, f"expected a string, not {describe(value)}")
        return None

    def writable(self, path: str, value: str) -> str | None:
        """*value* if every format can write it; a lone surrogate or a control character is not."""
        problem = unwritable(value)
        if problem is None:
            return value
        self.add(path, f"the string holds {problem}, which no format can write")
        return None

    def integer(self, path: str, value: object) -> int | None:
        """*value* if it is a whole number (an ``int``, not a ``bool``)."""
        if is_int(value):
            return value
        self.add(path, f"expected a whole number (a JSON integer), not {describe(value)}")
        return None

    def distribution(self, path: str, value: object) -> FrozenMap[int, int] | None:
        """A distribution object: codes such as ``"1"`` mapped to counts."""
        data = self.mapping(path, value, allowed=None, what="a distribution")
        if data is None:
            return None
        count = len(self.problems)
        counts: dict[int, int] = {}
        for key, number in data.items():
            if not isinstance(key, str):
                continue  # already reported by mapping()
            if _CANONICAL_INT.fullmatch(key) is None:
                self.add(
                    member(path, key), f'a distribution key is a code such as "1", not {key!r}'
                )
            if (checked := self.integer(member(path, key), number)) is not None:
                counts[int(key) if _CANONICAL_INT.fullmatch(key) else 0] = checked
        return FrozenMap(counts) if len(self.problems) == count else None

    def contributors(self, path: str, value: object) -> tuple[str, ...] | None:
        """An array of reporter names."""
        if not isinstance(value, list | tuple):
            self.add(path, f"expected an array of reporter names, not {describe(value)}")
            return None
        names = [self.string(f"{path}[{i}]", name) for i, name in enumerate(value)]
        if any(name is None for name in names):
            return None
        return tuple(name for name in names if name is not None)


def decode(data: str | bytes, source: str) -> str:
    """*data* as text: bytes must be UTF-8 (a byte-order mark is dropped)."""
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            bad = raw[error.start : error.start + 4].hex(" ")
            raise ReadError.one(
                f"not UTF-8 text (bytes {bad} …): save the file as UTF-8",
                source=source,
                location=f"byte {error.start}",
            ) from None
    elif isinstance(data, str):
        text = data
    else:
        raise ReadError.one(f"expected text or bytes, not {type(data).__name__}", source=source)
    return text.removeprefix("\ufeff")


def json_value(text: str) -> object:
    """*text* parsed as JSON the strict way: numbers exact, objects remembering duplicates.

    Integers stay ``int``, other numbers become ``Decimal``; a NaN, an infinity
    or an absurdly large number becomes a :class:`BadNumber` that readers refuse
    by name.  Raises what :func:`json.loads` raises.

    >>> json_value('{"a": 1.50, "a": 2}')
    {'a': 2}
    >>> json_value('{"a": 1.50, "a": 2}').duplicates
    ('a',)
    >>> json_value("[1.50, NaN]")
    [Decimal('1.50'), BadNumber(text='NaN', reason='not a finite number')]
    """
    return json.loads(
        text,
        object_pairs_hook=object_pairs,
        parse_float=parse_float,
        parse_int=parse_int,
        parse_constant=parse_constant,
    )
