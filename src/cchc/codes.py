"""Coded answers: the legends printed in the unit column.

A coded row answers with a small integer whose meaning the form prints as a
legend, one ``label = code`` per line::

    Trực tuyến = 0
    Phát phiếu = 1
    Kết hợp = 2

Legends keep their printed order (5.3.1 lists ``Đã thực hiện = 1`` before
``Chưa thực hiện = 0``).

>>> from cchc.codes import CodeList
>>> yes_no = CodeList.parse("Không = 0\\nCó = 1")
>>> 1 in yes_no, 2 in yes_no
(True, False)
>>> yes_no.label(1)
'Có'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import attrs

from cchc._text import clean
from cchc.errors import CodeListError

__all__ = ["Code", "CodeList"]

_LINE = re.compile(r"^(?P<label>.*?\S)\s*=\s*(?P<code>[+-]?\d+)$")


@attrs.frozen
class Code:
    """One answer of a legend: its integer code and its label."""

    value: int
    label: str

    def __str__(self) -> str:
        return f"{self.label} = {self.value}"


def _tuple_of_codes(codes: Iterable[Code]) -> tuple[Code, ...]:
    return tuple(codes)


@attrs.frozen
class CodeList:
    """The legend of a coded row: codes in printed order.

    Build one with :meth:`parse` from the printed legend, or from ``Code`` objects.
    """

    codes: tuple[Code, ...] = attrs.field(converter=_tuple_of_codes)

    def __attrs_post_init__(self) -> None:
        problems: list[str] = []
        if not self.codes:
            problems.append("a code list needs at least one code")
        values = [c.value for c in self.codes]
        labels = [c.label.casefold() for c in self.codes]
        problems.extend(
            f"code {v} appears more than once" for v in sorted(set(values)) if values.count(v) > 1
        )
        problems.extend(
            f"label {c.label!r} appears more than once"
            for c in self.codes
            if labels.count(c.label.casefold()) > 1
        )
        if problems:
            raise CodeListError("; ".join(dict.fromkeys(problems)))

    @classmethod
    def parse(cls, text: str) -> CodeList:
        """Parse a printed legend: one ``label = code`` per line (or ``;``-separated).

        Raises:
            CodeListError: a line is not ``label = integer``, or codes repeat.

        >>> CodeList.parse("Đã thực hiện = 1\\nChưa thực hiện = 0").values
        (1, 0)
        >>> CodeList.parse("Có\\nKhông")
        Traceback (most recent call last):
        ...
        cchc.errors.CodeListError: line 1 'Có' is not 'label = code';
        line 2 'Không' is not 'label = code'
        """
        lines = [line for line in re.split(r"[\n;]", clean(text)) if line.strip()]
        codes: list[Code] = []
        problems: list[str] = []
        for number, line in enumerate(lines, start=1):
            match = _LINE.match(line.strip())
            if match is None:
                problems.append(f"line {number} {line.strip()!r} is not 'label = code'")
                continue
            codes.append(Code(int(match["code"]), match["label"]))
        if problems:
            raise CodeListError("; ".join(problems))
        return cls(tuple(codes))

    @property
    def values(self) -> tuple[int, ...]:
        """The codes in printed order."""
        return tuple(c.value for c in self.codes)

    def label(self, value: int) -> str:
        """The label of code *value*.

        Raises:
            KeyError: the legend has no such code.
        """
        for code in self.codes:
            if code.value == value:
                return code.label
        msg = f"no code {value} in legend {self.legend()!r}"
        raise KeyError(msg)

    def legend(self) -> str:
        """The legend as the form prints it, one ``label = code`` per line."""
        return "\n".join(str(c) for c in self.codes)

    def __contains__(self, value: object) -> bool:
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and any(c.value == value for c in self.codes)
        )

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)
