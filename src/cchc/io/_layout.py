"""Layout shared by the office writers: wrapped-line estimates, sheet names, aggregate notes.

Office files are printed by programs that do not measure text for us: openpyxl
cannot, and LibreOffice does not grow a row whose height is stored.  So the
writers estimate how many lines a cell's text wraps to from the column width and
the text length, with the average advance of a Times New Roman character
approximated as a fraction of Excel's width unit (the advance of ``0`` in the
default font).  Overestimating by a little leaves white space; underestimating
hides text, so the estimate errs upward.
"""

from __future__ import annotations

import math
import re

from cchc.model import Indicator
from cchc.values import Entry

__all__ = ["aggregate_note", "sheet_name", "wrapped_lines"]

# Average advance of a Vietnamese Times New Roman 12 pt character in Excel width
# units (the ``0`` of Calibri 11): about 0.72 plain in LibreOffice on the seed's notes
# (43 characters in a 31-unit line); rounded up so that a wrapped line is never hidden.
_PLAIN_ADVANCE = 0.8
_BOLD_ADVANCE = 0.88
_SHEET_NAME_LIMIT = 31
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def wrapped_lines(text: str, width: float, *, bold: bool = False, indent: int = 0) -> int:
    """How many lines *text* takes in a column *width* characters wide.

    Each line of *text* wraps at word boundaries; a word longer than the column
    is broken.  *indent* is the cell's indent level (three characters each, as
    Excel draws it).

    >>> wrapped_lines("", 10), wrapped_lines("abc", 10), wrapped_lines("abc def ghi", 8)
    (1, 1, 2)
    >>> wrapped_lines("a\\nb\\nc", 10), wrapped_lines("x" * 25, 10)
    (3, 3)
    """
    advance = _BOLD_ADVANCE if bold else _PLAIN_ADVANCE
    # Cell padding takes about one character; an indent level about three.
    room = max(width - 1 - 3 * indent, 1) / advance
    total = 0
    for line in text.split("\n"):
        used = 0.0
        lines = 1
        for word in line.split():
            size = len(word)
            if used and used + 1 + size > room:
                lines += 1
                used = 0.0
            if size > room:  # a long word is broken across lines
                extra = math.ceil(size / room) - 1
                lines += extra
                size -= int(extra * room)
            used += (1 if used else 0) + size
        total += lines
    return max(total, 1)


def sheet_name(text: str, *, fallback: str) -> str:
    """A worksheet name from *text*: at most 31 characters, cut between words.

    >>> sheet_name("Tình hình tiếp nhận và giải quyết hồ sơ TTHC", fallback="x")
    'Tình hình tiếp nhận và giải'
    >>> sheet_name("Phụ lục 2B", fallback="x"), sheet_name("[]", fallback="Báo cáo")
    ('Phụ lục 2B', 'Báo cáo')
    """
    name = _SHEET_NAME_FORBIDDEN.sub("", " ".join(text.split())).strip(" '")
    if len(name) > _SHEET_NAME_LIMIT:
        cut = name[: _SHEET_NAME_LIMIT + 1]
        # Cut at the last space inside the limit; one long word is cut where it must be.
        name = cut.rsplit(" ", 1)[0] if " " in cut else name[:_SHEET_NAME_LIMIT]
        name = name.strip(" '")[:_SHEET_NAME_LIMIT]
    return name or fallback


def aggregate_note(indicator: Indicator, entry: Entry, note: str, *, locale: str = "vi") -> str:
    """*note* with an aggregate's coverage and the distribution of coded answers appended.

    A report that is not an aggregate has no coverage: its note is returned as is.

    >>> import cchc
    >>> from cchc.values import Coverage, Entry, FrozenMap
    >>> form = cchc.load_form()
    >>> entry = Entry(value=1, coverage=Coverage(3, 4), distribution=FrozenMap({0: 1, 1: 2}))
    >>> print(aggregate_note(form["1.4.2"], entry, "Ghi chú"))
    Ghi chú
    3/4 đơn vị báo cáo; Trực tuyến = 0: 1, Phát phiếu = 1: 2
    >>> aggregate_note(form["1.1.1"], Entry(value=5), "x")
    'x'
    """
    if entry.coverage is None:
        return note
    english = locale.startswith("en")
    c = entry.coverage
    parts = [
        f"{c.reported} of {c.expected} reporters"
        if english
        else f"{c.reported}/{c.expected} đơn vị báo cáo"
    ]
    if entry.distribution:
        codes = indicator.codes
        answers = []
        for code, count in entry.distribution.items():
            label = str(code)
            if codes is not None and code in codes:
                label = f"{codes.label(code)} = {code}"
            answers.append(f"{label}: {count}")
        parts.append(", ".join(answers))
    extra = "; ".join(parts)
    return f"{note}\n{extra}" if note.strip() else extra
