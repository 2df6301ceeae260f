"""The Word table exported as text (``.txt``), as the seed is.

The layout, read and written here:

* the **title block**: the lines before the first line that starts with a TAB;
* the **table**: every cell starts with a TAB at the start of a line; a line
  without a leading TAB continues the cell before it (multi-line names and
  legends).  Further TABs on a cell's first line start further cells, so a row
  written on one line (``⇥1.1.1.⇥Số nhiệm vụ…⇥Nhiệm vụ⇥49⇥``) reads the same;
* rows are separated by an empty line, but an empty line may also stand inside
  a cell (the seed's 3.4.5), so rows are found by **counting cells**: the merged
  header has 4 cells then 5, every body row 5.

Input may be UTF-8 (with or without a BOM) or UTF-16 with a BOM, with CRLF line
ends, non-breaking spaces and decomposed (NFD) Vietnamese: all are normalised
(NFC, plain spaces, LF).  Trailing spaces of a cell's first line are kept
(``"100% "`` is read as written); blank lines at the end of a cell are not part of it.

>>> import cchc
>>> from cchc.io.text import read_text, write_text
>>> text = write_text(cchc.example_report())
>>> for line in text.splitlines()[2:8]:
...     print(line.expandtabs(4))
TẠI SỞ NỘI VỤ 6 THÁNG ĐẦU NĂM 2021
(Kèm theo báo cáo 6 tháng đầu năm 2021 của Sở Nội vụ)
    STT
    Chỉ tiêu thống kê
(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)
    Kết quả thống kê
>>> again = read_text(text, form=cchc.load_form(period="2021S1"))
>>> again.entries == cchc.example_report().entries
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Final

from cchc._text import match_key
from cchc.errors import ReadError
from cchc.io.table import COLUMNS, HEADER_ROWS, SourceRow, official_rows, official_title
from cchc.io.table import report_from_table as _report_from_table
from cchc.limits import quoted
from cchc.model import Form
from cchc.periods import Period
from cchc.reports import Report, Reporter

__all__ = ["decode_text", "read_text", "split_table", "write_text"]

_STT_KEYS: Final = frozenset({"stt", "tt", "số tt", "số thứ tự"})
# Non-breaking spaces become plain ones (a regex: str.translate is slow on big text).
_SPACES: Final = re.compile("[\u00a0\u2007\u202f]")
_TRAILING_BLANK_LINES: Final = re.compile(r"(?:\n[ \t]*)+\Z")
_STT_LIKE: Final = re.compile(
    r"^(?:[0-9]+(?:\.[0-9]+)*\.?|[IVXLivxl]+\.?|[A-Za-zđĐ][.)]?|[-+–]|trong đó)$"
)


def decode_text(data: str | bytes, *, source: str = "<text>") -> str:
    """Decode and normalise a text export: NFC, LF line ends, plain spaces.

    Bytes are read as UTF-8 (a BOM is dropped) or, with a UTF-16 BOM, as
    UTF-16.  Other encodings are refused rather than guessed: Windows-1258 would
    decode almost any bytes into wrong letters.

    Raises:
        ReadError: empty input, binary data (NUL bytes, a zip archive) or bytes
            that are not UTF-8.

    >>> decode_text("\\ufeffSo\\u0302\\u0301 lie\\u0323\\u0302u\\r\\n").encode("unicode_escape")
    b'S\\\\u1ed1 li\\\\u1ec7u\\\\n'
    >>> decode_text(b"PK\\x03\\x04...", source="a.txt")
    Traceback (most recent call last):
    ...
    cchc.errors.ReadError: a.txt: 1 problem:
      a zip archive (a .docx or .xlsx file?), not a text export: read it with format=...
    """
    if isinstance(data, bytes):
        if data.startswith(b"PK\x03\x04"):
            msg = (
                "a zip archive (a .docx or .xlsx file?), not a text export: "
                "read it with format='docx' or 'xlsx'"
            )
            raise ReadError.one(msg, source=source)
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                text = data.decode("utf-16")
            except UnicodeDecodeError as exc:
                msg = f"not UTF-16 text although it starts with a UTF-16 mark: {exc.reason}"
                raise ReadError.one(msg, source=source) from None
        elif b"\x00" in data:
            offset = data.index(b"\x00")
            msg = f"binary data, not a text export (a NUL byte at offset {offset})"
            raise ReadError.one(msg, source=source)
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                msg = (
                    f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                    "save the export again as UTF-8 (Word: Plain Text, encoding Unicode UTF-8)"
                )
                raise ReadError.one(msg, source=source) from None
    else:
        text = data
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        msg = f"binary data, not a text export (a NUL character at offset {text.index(chr(0))})"
        raise ReadError.one(msg, source=source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text))


def _cell(lines: Sequence[str]) -> str:
    return _TRAILING_BLANK_LINES.sub("", "\n".join(lines))


def _looks_like_stt(text: str) -> bool:
    return bool(_STT_LIKE.match(match_key(text) if text.strip() else "-"))


def split_table(text: str, *, source: str = "<text>") -> tuple[list[str], list[SourceRow]]:
    """Split a decoded text export into its title lines and its body rows.

    Returns:
        The non-empty title lines (trailing spaces removed) and the body rows,
        each with its location ``"row N (line L)"``; rows are numbered as in
        the Word table, the header rows included.

    Raises:
        ReadError: empty input, no table, a header other than the official one,
            or a number of body cells that is not a multiple of five.

    >>> title, rows = split_table(
    ...     "Tiêu đề\\n\\tSTT\\n\\tChỉ tiêu\\n\\tĐơn vị tính\\n\\tSố liệu\\n\\tGhi chú\\n"
    ...     "\\n\\t1.1.1.\\n\\tSố nhiệm vụ\\nđề ra\\n\\tNhiệm vụ\\n\\t49\\n\\t\\n"
    ... )
    >>> title, rows[0].cells, rows[0].location
    (['Tiêu đề'], ('1.1.1.', 'Số nhiệm vụ\\nđề ra', 'Nhiệm vụ', '49', ''), 'row 2 (line 8)')
    """
    if not text.strip():
        raise ReadError.one("the input is empty", source=source)
    title: list[str] = []
    cells: list[tuple[list[str], int]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("\t"):
            cells.extend(([part], number) for part in line[1:].split("\t"))
        elif cells:
            cells[-1][0].append(line)
        else:
            title.append(line)
    if not cells:
        msg = (
            "no table: no line starts with a TAB, as the cells of a Word table exported as text do"
        )
        raise ReadError.one(msg, source=source)
    texts = [_cell(lines) for lines, _ in cells]
    starts = [number for _, number in cells]
    header_rows, body = _header(texts, starts, source)
    body_texts, body_starts = texts[body:], starts[body:]
    width = len(COLUMNS)
    if len(body_texts) % width:
        raise _misaligned(body_texts, body_starts, header_rows, source)
    rows = [
        SourceRow(
            tuple(body_texts[i : i + width]),
            f"row {header_rows + i // width + 1} (line {body_starts[i]})",
        )
        for i in range(0, len(body_texts), width)
    ]
    return [line.rstrip() for line in title if line.strip()], rows


def _header(texts: Sequence[str], starts: Sequence[int], source: str) -> tuple[int, int]:
    """The number of header rows and the index of the first body cell."""
    keys = [match_key(t) for t in texts[:9]]
    keys += [""] * (9 - len(keys))
    two_rows = (
        keys[1].startswith("chỉ tiêu")
        and keys[2].startswith("kết quả")
        and keys[3].startswith("ghi chú")
        and not keys[4]
        and not keys[5]
        and keys[6].startswith("đơn vị")
        and keys[7].startswith("số liệu")
        and not keys[8]
        and len(texts) >= 9
    )
    if keys[0] in _STT_KEYS and two_rows:
        return 2, 9
    one_row = (
        keys[1].startswith("chỉ tiêu")
        and keys[2].startswith("đơn vị")
        and keys[3].startswith("số liệu")
        and keys[4].startswith("ghi chú")
    )
    if keys[0] in _STT_KEYS and one_row:
        return 1, 5
    expected = " | ".join(" ".join(c.split()) or "(trống)" for c in HEADER_ROWS[0])
    expected2 = " | ".join(c or "(trống)" for c in HEADER_ROWS[1])
    found = " | ".join(" ".join(t.split()) or "(trống)" for t in texts[:5])
    msg = (
        f"the table does not start with the official header ({expected}, then {expected2}; "
        f"or {' | '.join(COLUMNS)}): found {found}"
    )
    raise ReadError.one(msg, source=source, location=f"row 1 (line {starts[0]})")


def _misaligned(
    texts: Sequence[str], starts: Sequence[int], header_rows: int, source: str
) -> ReadError:
    width = len(COLUMNS)
    count = len(texts)
    for i in range(0, count - count % width, width):
        if not _looks_like_stt(texts[i]):
            row = header_rows + i // width + 1
            msg = (
                f"the table body has {count} cells, not a multiple of {width} "
                f"({' | '.join(COLUMNS)}); this row's first cell "
                f"{quoted(' '.join(texts[i].split()))} "
                "is not an STT, so a cell is missing or extra before it"
            )
            return ReadError.one(msg, source=source, location=f"row {row} (line {starts[i]})")
    last = count - count % width
    row = header_rows + last // width + 1
    msg = (
        f"the last row has {count % width} of its {width} cells "
        f"({' | '.join(COLUMNS)}): the table is truncated"
    )
    return ReadError.one(msg, source=source, location=f"row {row} (line {starts[last]})")


def read_text(
    data: str | bytes,
    *,
    form: Form | str,
    reporter: Reporter | None = None,
    period: Period | str | None = None,
    source: str = "<text>",
    dash: str = "not-applicable",
) -> Report:
    """Read a report from the text export of its Word table.

    Args:
        data: the export, as text or bytes.
        form: the form the table fills in, or a built-in form's id (its version
            in force for the period is taken).
        reporter: who reports, if the title block does not say or says otherwise.
        period: the period likewise.
        source: the name of the input, for messages.
        dash: what a lone ``-`` cell means: ``"not-applicable"`` or ``"zero"``.

    Raises:
        ReadError: the input cannot be read as a table (see :func:`decode_text`,
            :func:`split_table` and :func:`~cchc.io.table.report_from_table`).

    >>> import cchc
    >>> from cchc.examples import example_bytes
    >>> report = read_text(example_bytes(), form=cchc.load_form(period="2021S1"))
    >>> report["1.1.1"].value, report["1.2"].status, report["7.2.5.1"].value
    (49, <Status.NOT_YET_DONE: 'not-yet-done'>, 6460)
    >>> read_text(
    ...     "\\tSTT\\n\\tChỉ tiêu\\n\\tĐơn vị tính\\n\\tSố liệu\\n",
    ...     form=cchc.load_form(period="2021S1"),
    ... )
    Traceback (most recent call last):
    ...
    cchc.errors.ReadError: <text>: 1 problem:
      row 1 (line 1): the table does not start with the official header (STT | ...): found ...
    """
    text = decode_text(data, source=source)
    title, rows = split_table(text, source=source)
    return _report_from_table(
        title, rows, form=form, reporter=reporter, period=period, source=source, dash=dash
    )


def _cell_lines(text: str) -> list[str]:
    # A TAB inside a cell would start a new cell when read back: write a space.
    lines = text.replace("\t", " ").split("\n")
    return ["\t" + lines[0], *lines[1:]]


def write_text(report: Report) -> str:
    """Write *report* as the text export :func:`read_text` reads.

    The title block of :func:`~cchc.io.table.official_title`, the two header
    rows, then one row per indicator of the form
    (:func:`~cchc.io.table.official_rows`): each cell on a line starting with a
    TAB, rows separated by an empty line.  Values keep their raw cell where the
    report has one (``02``, ``"100% "``); otherwise whole numbers are written
    without grouping and decimals with a comma (``96,55``).

    Reading the text back gives the same entries, reporter and period, as long
    as the reporter's kind can be told from its name (``Sở …``, ``UBND huyện
    …``) and no note holds a TAB or ends in blank lines.
    """
    lines = [line.lstrip("\t") for line in official_title(report)]
    for row in (*HEADER_ROWS, *official_rows(report)):
        for cell in row:
            lines.extend(_cell_lines(cell))
        lines.append("")
    return "\n".join(lines) + "\n"
