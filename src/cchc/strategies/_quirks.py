"""Real-world quirks of the Word text export, applied on purpose (pure: no hypothesis).

:func:`cchc.strategies.text_tables` draws *which* rows and cells a quirk touches;
the functions here apply the quirks.  Quirks that change a cell (a leading zero,
a percent sign, a value typed into a header row) change the *report* the text
is written from, through the entry's raw cell, so the report stays what reading
the text must give back.  Quirks of the file as a whole (line ends, BOM,
Unicode form, misprinted STT) change only the text.

>>> apply_file_quirks("a\\nb\\n", frozenset({Quirk.CRLF, Quirk.BOM}))
'\\ufeffa\\r\\nb\\r\\n'
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Collection, Mapping
from decimal import Decimal

from cchc.model import Form

__all__ = ["FILE_QUIRKS", "Quirk", "apply_file_quirks", "grouped", "misnumber", "percent_text"]


class Quirk(enum.Enum):
    """A real-world quirk of text tables (form-2b.md lists those of the seed)."""

    MISNUMBERED = "misnumbered"
    """A row's STT repeats the row above (a copy-paste slip, as under the seed's 1.2)."""
    LEADING_ZEROS = "leading-zeros"
    """Small counts written with a leading zero (the seed's ``02``, ``01``)."""
    CRLF = "crlf"
    """Windows line ends."""
    HEADER_VALUES = "header-values"
    """Values typed into heading rows (the seed's 4.3, 5.4, 7.1.6)."""
    BOM = "bom"
    """A UTF-8 byte order mark at the start."""
    NFD = "nfd"
    """Decomposed Unicode (combining accents), as some Mac and Word exports write."""
    PERCENT_SIGNS = "percent-signs"
    """Percentages written with a ``%`` sign, perhaps then a space (as the seed's ``100%``)."""
    THOUSANDS_DOTS = "thousands-dots"
    """Large counts written with Vietnamese thousands dots (``6.460``)."""


FILE_QUIRKS: frozenset[Quirk] = frozenset({Quirk.NFD, Quirk.CRLF, Quirk.BOM})
"""The quirks of the file as a whole, applied after the table is written."""


def apply_file_quirks(text: str, quirks: Collection[Quirk]) -> str:
    """Apply the whole-file quirks (NFD, CRLF, BOM) to *text*, in that order."""
    if Quirk.NFD in quirks:
        text = unicodedata.normalize("NFD", text)
    if Quirk.CRLF in quirks:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    if Quirk.BOM in quirks:
        text = "\ufeff" + text
    return text


def percent_text(value: Decimal, *, space: bool) -> str:
    """A percentage as people type it: ``96,55%``, or ``100%`` and a space.

    >>> percent_text(Decimal("96.55"), space=False), percent_text(Decimal(100), space=True)
    ('96,55%', '100% ')
    """
    text = format(value, "f").replace(".", ",")
    return text + ("% " if space else "%")


def grouped(value: int) -> str:
    """A count with Vietnamese thousands dots.

    >>> grouped(6460), grouped(1234567)
    ('6.460', '1.234.567')
    """
    return f"{value:,}".replace(",", ".")


def misnumber(text: str, form: Form, repeats: Mapping[str, str]) -> str:
    """Print the STT of each row in *repeats* (code → the STT to print instead).

    *text* is the output of :func:`cchc.io.text.write_text`: the title and the
    first header row, then the second header row, then one block per
    indicator of *form*, blocks separated by an empty line.

    Raises:
        ValueError: *text* is not laid out that way.
    """
    blocks = text.split("\n\n")
    if len(blocks) != len(form) + 3 or blocks[-1] != "":
        msg = f"expected {len(form) + 2} rows separated by empty lines, found {len(blocks) - 1}"
        raise ValueError(msg)
    for position, indicator in enumerate(form.indicators, start=2):
        stt = repeats.get(indicator.code)
        if stt is None:
            continue
        first, _, rest = blocks[position].partition("\n")
        expected = "\t" + indicator.printed_code
        if first != expected:
            msg = f"row {indicator.code} starts {first!r}, not {expected!r}"
            raise ValueError(msg)
        blocks[position] = f"\t{stt}\n{rest}"
    return "\n\n".join(blocks)
