"""The limits reading stays within: input size, decompression, table size, text.

Files arrive by e-mail from dozens of units; a broken or hostile one must end in
a clear :class:`~cchc.errors.LimitError`, quickly and in bounded memory, never
in a ``MemoryError`` or an hour of work.  :class:`Limits` declares every bound;
:data:`DEFAULT_LIMITS` is generous (a real report is under 1 MB and has a
couple of hundred rows).  A limit is changed by passing another ``Limits`` to
:func:`cchc.read`:

>>> import cchc
>>> from cchc.limits import DEFAULT_LIMITS, Limits
>>> DEFAULT_LIMITS.max_input_bytes
52428800
>>> cchc.read("x" * 100, format="txt", limits=Limits(max_input_bytes=10))
Traceback (most recent call last):
...
cchc.errors.LimitError: <text>: the input is 100 bytes, more than the limit of 10 bytes \
(max_input_bytes; raise it with cchc.read(..., limits=Limits(max_input_bytes=...)))

The texts of a report must also be writable in every format, so reading refuses a
lone surrogate (``"\\ud800"``) or a control character other than tab and line
breaks: :func:`unwritable` says which character and where.

Expression length and nesting are bounded by the parser itself
(:data:`cchc.expressions.MAX_LENGTH`, :data:`cchc.expressions.MAX_DEPTH`).
"""

from __future__ import annotations

import re
from typing import Final

import attrs

__all__ = ["DEFAULT_LIMITS", "Limits", "quoted", "unwritable"]

_MB: Final = 1024 * 1024


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or value < 1:
        msg = f"Limits.{attribute.name} must be a positive whole number, not {value!r}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Limits:
    """The bounds reading stays within.  Every field has a generous default.

    Attributes:
        max_input_bytes: the largest input (file or content) read, in bytes
            (default 50 MB).
        max_member_bytes: the largest decompressed size of one member of an
            Office (.docx, .xlsx) zip archive (default 25 MB; a real report's
            largest member is under 1 MB, and python-docx holds a parsed member
            in about 15 times its size).
        max_decompressed_bytes: the largest decompressed size of all the members
            of one archive together (default 100 MB).
        max_ratio: the largest compression ratio (decompressed / compressed size)
            of a member bigger than 1 MB (default 200; real Office XML is 5–50).
        max_members: the most members an archive may have (default 10,000).
        max_rows: the most rows a table may have, counting only rows the file
            really holds (default 100,000).
        max_columns: the widest a table row may be, in grid columns, whatever a
            sheet's dimension or a cell's ``gridSpan`` claims (default 1,000).
        max_cells: the most non-empty cells a sheet or table may hold
            (default 2,000,000).
    """

    max_input_bytes: int = attrs.field(default=50 * _MB, validator=_positive)
    max_member_bytes: int = attrs.field(default=25 * _MB, validator=_positive)
    max_decompressed_bytes: int = attrs.field(default=100 * _MB, validator=_positive)
    max_ratio: int = attrs.field(default=200, validator=_positive)
    max_members: int = attrs.field(default=10_000, validator=_positive)
    max_rows: int = attrs.field(default=100_000, validator=_positive)
    max_columns: int = attrs.field(default=1_000, validator=_positive)
    max_cells: int = attrs.field(default=2_000_000, validator=_positive)


DEFAULT_LIMITS: Final = Limits()
"""The limits :func:`cchc.read` applies when given none."""

# C0 controls XML 1.0 cannot hold (tab, line feed and carriage return it can),
# DEL-free; lone surrogates cannot be encoded in UTF-8; U+FFFE and U+FFFF are not
# XML characters either.
_UNWRITABLE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def unwritable(text: str) -> str | None:
    """Why *text* cannot be written in every format, or ``None`` if it can.

    >>> unwritable("Sở Nội vụ\\tHà Nội\\n") is None
    True
    >>> unwritable("a\\x01b")
    'the control character U+0001 at position 2'
    >>> unwritable("\\ud800")
    'the lone surrogate U+D800 at position 1'
    """
    found = _UNWRITABLE.search(text)
    if found is None:
        return None
    char = found.group()
    what = "lone surrogate" if "\ud800" <= char <= "\udfff" else "control character"
    if char in "\ufffe\uffff":
        what = "non-character"
    return f"the {what} U+{ord(char):04X} at position {found.start() + 1}"


QUOTE_LIMIT: Final = 200
"""How many characters of a cell a message quotes at most."""


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """*text* quoted for a message: ``repr`` of at most *limit* characters, plus the length.

    A message must stay readable whatever the cell holds (a 10 MB cell would
    otherwise be echoed whole).

    >>> quoted("6460")
    "'6460'"
    >>> quoted("x" * 1000, limit=5)
    "'xxxxx…' (1000 characters)"
    """
    if len(text) <= limit:
        return repr(text)
    shown = repr(text[:limit])
    return f"{shown[:-1]}…{shown[-1]} ({len(text)} characters)"
