"""Rendering for a terminal: the official table, findings and ratios as plain text.

Every line fits the given width: names, units and notes wrap by display width
(a wide character counts two columns), and the columns share the room, each
growing from a minimum toward a comfortable width.  ``color=True`` adds ANSI
dimming and colours; widths are computed on the plain text, so colouring never
changes the layout.

>>> import cchc
>>> from cchc.render.text import report_text
>>> report = cchc.Report(
...     form=cchc.load_form(),
...     reporter=cchc.Reporter("UBND huyện A", kind="district"),
...     period="2022Q1",
...     entries={"1.1.1": 12, "1.1.2": 0},
... )
>>> lines = report_text(report, width=60).splitlines()
>>> lines[2], max(len(line) for line in lines) <= 60
('Kỳ báo cáo: Quý I năm 2022', True)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Final, Literal

import attrs

from cchc.errors import UsageError
from cchc.findings import Finding, Severity
from cchc.formatting import (
    column_headers,
    format_finding,
    normalize_locale,
    outcome_label,
)
from cchc.model import IndicatorKind
from cchc.render._rows import (
    MARKERS,
    NOT_APPLICABLE_MARK,
    RATIO_HEADERS,
    RatioLike,
    RowState,
    TableRow,
    findings_summary,
    marker,
    numbered_findings,
    ratio_name,
    ratio_operands,
    ratio_value,
    reason_text,
    selected,
    table_rows,
    title_lines,
)
from cchc.reports import Report

__all__ = ["MIN_WIDTH", "display_width", "findings_text", "ratios_text", "report_text"]


MIN_WIDTH: Final = 50
"""The narrowest text width the renderers fit into."""


# -- text: widths and wrapping ------------------------------------------------------


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """The number of terminal columns *text* takes (wide characters count 2).

    >>> display_width("Số liệu"), display_width("e\\u0301")
    (7, 1)
    """
    return sum(_char_width(c) for c in text)


def _split_word(word: str, width: int) -> list[str]:
    """*word* cut into pieces of at most *width* columns, after a hyphen where one fits.

    >>> _split_word("plan-tasks-done", 11), _split_word("abcdef", 4)
    (['plan-tasks-', 'done'], ['abcd', 'ef'])
    """
    if "-" in word.strip("-"):
        # An id (plan-tasks-done) breaks between its parts, never inside one that fits.
        parts = [part for part in re.split(r"(?<=-)", word) if part]
        pieces = [""]
        for part in parts:
            if display_width(pieces[-1] + part) <= width:
                pieces[-1] += part
            elif display_width(part) <= width:
                pieces.append(part)
            else:
                pieces.extend(_split_word(part.replace("-", "\u2011"), width))
        return [piece.replace("\u2011", "-") for piece in pieces if piece]
    pieces = []
    current, used = "", 0
    for char in word:
        w = _char_width(char)
        if used + w > width and current:
            pieces.append(current)
            current, used = "", 0
        current += char
        used += w
    pieces.append(current)
    return pieces


_SPACES: Final = re.compile(r"[ \t\r\f\v]+")


def _wrap(text: str, width: int, first: int | None = None) -> list[str]:
    """Greedy word wrap by display width; paragraphs (``\\n``) stay apart.

    ``textwrap`` counts code points, which is right for NFC Vietnamese but not
    for a wide or combining character; this counts columns.  A no-break space
    holds words together (``Có = 1``) and is written as a space.  The first line
    may have its own width *first*.
    """
    width = max(width, 1)
    lines: list[str] = []

    def limit() -> int:
        return max(first, 1) if first is not None and not lines else width

    for paragraph in unicodedata.normalize("NFC", text).split("\n"):
        line, used = "", 0
        for word in _SPACES.split(paragraph.strip()):
            if not word:
                continue
            pieces = _split_word(word, limit()) if display_width(word) > limit() else [word]
            for piece in pieces:
                w = display_width(piece)
                if line and used + 1 + w <= limit():
                    line, used = f"{line} {piece}", used + 1 + w
                    continue
                if line:
                    lines.append(line)
                line, used = piece, w
        if line:
            lines.append(line)
    return [line.replace("\xa0", " ") for line in lines] or [""]


Align = Literal["left", "right"]

_ANSI: Final = re.compile(r"\x1b\[[0-9;]*m")
_DIM: Final = "2"
_BOLD: Final = "1"
_SEVERITY_STYLE: Final = {Severity.ERROR: "1;31", Severity.WARNING: "33", Severity.INFO: "36"}


@attrs.frozen(kw_only=True)
class _Column:
    header: str
    minimum: int
    """Never narrower than this (unless no cell needs it)."""
    target: int | None = None
    """A comfortable width, reached before weights share out the rest."""
    weight: int = 0
    """Share of the room left once targets are met; 0 never grows past the target."""
    align: Align = "left"
    indent_step: int = 0
    """Columns per level of a cell's ``level``; halved when the column is narrow."""


@attrs.frozen
class _Cell:
    text: str = ""
    level: int = 0
    style: str | None = None


def _natural(column: _Column, cells: Sequence[_Cell]) -> int:
    widths = [display_width(line) for line in column.header.split("\n")]
    for cell in cells:
        indent = cell.level * column.indent_step
        widths.extend(indent + display_width(p.strip()) for p in cell.text.split("\n"))
    return max(widths, default=1)


def _grow(widths: list[int], goals: Sequence[int], weights: Sequence[int], spare: int) -> int:
    """Widen columns toward *goals*, sharing *spare* by *weights*; return what is left."""
    while spare > 0:
        hungry = [i for i, w in enumerate(widths) if w < goals[i] and weights[i] > 0]
        if not hungry:
            break
        total = sum(weights[i] for i in hungry)
        given = 0
        for i in hungry:
            share = max(1, spare * weights[i] // total)
            share = min(share, goals[i] - widths[i], spare - given)
            widths[i] += share
            given += share
        if given == 0:
            break
        spare -= given
    return spare


def _allocate(columns: Sequence[_Column], body: Sequence[Sequence[_Cell]], room: int) -> list[int]:
    """Column widths that fit *room*.

    Every column gets its minimum; then the columns grow toward their targets in
    proportion to what they lack; then the weighted columns share what is left,
    up to their natural width.
    """
    natural = [_natural(col, [row[i] for row in body]) for i, col in enumerate(columns)]
    widths = [min(n, col.minimum) for n, col in zip(natural, columns, strict=True)]
    spare = room - sum(widths)
    if spare < 0:
        raise UsageError(f"a width of {room} columns is too narrow for this table")
    targets = [
        min(n, max(col.target or col.minimum, col.minimum))
        for n, col in zip(natural, columns, strict=True)
    ]
    lacking = [t - w for t, w in zip(targets, widths, strict=True)]
    spare = _grow(widths, targets, lacking, spare)
    _grow(widths, natural, [col.weight for col in columns], spare)
    return widths


def _paint(text: str, style: str | None, color: bool) -> str:
    if not color or not style or not text:
        return text
    return f"\x1b[{style}m{text}\x1b[0m"


def _render_table(
    columns: Sequence[_Column],
    body: Sequence[Sequence[_Cell]],
    width: int,
    *,
    color: bool,
    gap: str = "  ",
) -> list[str]:
    room = width - display_width(gap) * (len(columns) - 1)
    widths = _allocate(columns, body, room)
    header = [_Cell(col.header, style=_BOLD) for col in columns]
    rule = "─" * (sum(widths) + display_width(gap) * (len(columns) - 1))
    lines = _render_row(columns, header, widths, gap, color)
    lines.append(rule)
    for row in body:
        lines.extend(_render_row(columns, row, widths, gap, color))
    lines.append(rule)
    return lines


def _render_row(
    columns: Sequence[_Column], row: Sequence[_Cell], widths: Sequence[int], gap: str, color: bool
) -> list[str]:
    blocks: list[list[str]] = []
    for column, cell, w in zip(columns, row, widths, strict=True):
        step = column.indent_step if w >= 40 else (column.indent_step + 1) // 2
        indent = min(cell.level * step, max(0, w - 8))  # a deep row keeps room for its text
        blocks.append([" " * indent + line for line in _wrap(cell.text, w - indent)])
    height = max(len(b) for b in blocks)
    lines: list[str] = []
    for n in range(height):
        parts: list[str] = []
        for column, cell, block, w in zip(columns, row, blocks, widths, strict=True):
            text = block[n] if n < len(block) else ""
            pad = " " * (w - display_width(text))
            body = text.lstrip(" ")
            lead = text[: len(text) - len(body)]
            painted = lead + _paint(body, cell.style, color)
            parts.append(pad + painted if column.align == "right" else painted + pad)
        lines.append(gap.join(parts).rstrip(" "))
    return lines


def _check_width(width: int) -> None:
    if type(width) is not int or width < MIN_WIDTH:
        raise UsageError(f"the width must be a whole number of at least {MIN_WIDTH}, not {width!r}")


def _paragraph(text: str, width: int, *, hang: int = 0, first: str = "") -> list[str]:
    """*first* then *text* wrapped to *width*, continuation lines indented by *hang*."""
    head = display_width(_ANSI.sub("", first))
    lines = _wrap(text, width - hang, first=width - head)
    return [first + lines[0], *(" " * hang + line for line in lines[1:])]


# -- text: the report ---------------------------------------------------------------


def _value_style(row: TableRow) -> str | None:
    if row.state in (RowState.NOT_APPLICABLE, RowState.STATUS):
        return _DIM
    return None


def report_text(
    report: Report,
    *,
    locale: str = "vi",
    width: int = 80,
    findings: Iterable[Finding] = (),
    color: bool = False,
) -> str:
    """*report* as the official five-column table, fitted to *width* columns.

    A title block names the form, the reporter and the period.  Sections are
    indented by depth; names, units and notes wrap.  A blank value is empty,
    zero is ``0``, a row that does not apply to the reporter shows ``—`` and a
    status is written out.  Problems among *findings* (e.g. ``cchc.check(report)``)
    mark their rows (``✗`` error, ``!`` warning, ``i`` info) and are listed as
    numbered footnotes under the table, the numbers shown in *Ghi chú*.

    Args:
        report: the report to show.
        locale: ``"vi"`` or ``"en"`` (headers, labels, numbers and, where the
            form has them, indicator names).
        width: the most columns a line may take, at least :data:`MIN_WIDTH`.
        findings: findings to mark on the rows.
        color: dim and colour with ANSI escapes (for a terminal).

    Raises:
        UsageError: a width below :data:`MIN_WIDTH` or an unknown locale.

    >>> import cchc
    >>> from cchc.findings import Finding, Outcome, Severity
    >>> report = cchc.Report(
    ...     form=cchc.load_form(),
    ...     reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
    ...     period="2021S1",
    ...     entries={"1.1.1": 49, "1.1.2": 50},
    ... )
    >>> bad = Finding(
    ...     rule="R1",
    ...     outcome=Outcome.FAIL,
    ...     severity=Severity.ERROR,
    ...     indicators=("1.1.1", "1.1.2"),
    ...     message_en="Tasks completed (50) exceed tasks planned (49)",
    ... )
    >>> lines = report_text(report, locale="en", width=70, findings=[bad]).splitlines()
    >>> print("\\n".join(lines[:3]))
    Phụ lục 2B — Thống kê kết quả thực hiện cải cách hành chính
    Reporter: Sở Nội vụ (provincial department)
    Period: First half of 2021
    >>> print("\\n".join(line for line in lines if line.startswith(("✗", "   1.1."))))
    ✗  1.1.1        Tasks set in the      tasks           49  [1]
    ✗  1.1.2        Tasks completed       tasks           50  [1]
       1.1.3        Directive documents   documents
    >>> print("\\n".join(lines[-3:]))
    Findings:
    [1] ✗ Error R1 (1.1.1, 1.1.2): Tasks completed (50) exceed tasks
        planned (49)
    """
    language = normalize_locale(locale)
    _check_width(width)
    findings = tuple(findings)  # read twice below; a generator would be empty the second time
    rows = table_rows(report, locale=language, findings=findings)
    numbered = numbered_findings(findings)
    stt, name, unit, value, note = column_headers(locale=language)
    columns = [
        _Column(header=stt, minimum=12),
        _Column(header=name, minimum=9, target=30, weight=4, indent_step=2),
        _Column(header=unit, minimum=6, target=15, weight=1),
        _Column(header=value, minimum=8, target=14, weight=1, align="right"),
        _Column(header=note, minimum=6, target=16, weight=2),
    ]
    body: list[list[_Cell]] = []
    for row in rows:
        header_style = _BOLD if row.kind is IndicatorKind.SECTION else None
        refs = f"[{','.join(map(str, row.footnotes))}]" if row.footnotes else ""
        body.append(
            [
                _Cell(row.code),
                _Cell(row.name, level=row.depth - 1, style=header_style),
                _Cell(row.unit.replace(" = ", "\xa0=\xa0")),  # keep "Có = 1" on one line
                _Cell(row.value, style=_value_style(row)),
                _Cell(f"{row.note} {refs}".strip()),
            ]
        )
    if numbered:
        columns.insert(0, _Column(header="", minimum=1))
        for row, cells in zip(rows, body, strict=True):
            severity = row.severity
            mark = MARKERS[severity] if severity is not None else ""
            style = _SEVERITY_STYLE[severity] if severity is not None else None
            cells.insert(0, _Cell(mark, style=style))
    lines = [line for title in title_lines(report, language) for line in _wrap(title, width)]
    lines.append("")
    lines.extend(_render_table(columns, body, width, color=color))
    if any(row.state is RowState.NOT_APPLICABLE for row in rows):
        legend = (
            "không áp dụng cho đơn vị báo cáo"
            if language == "vi"
            else "does not apply to this reporter"
        )
        mark = _paint(NOT_APPLICABLE_MARK, _DIM, color)
        lines.extend(_paragraph(legend, width, hang=2, first=f"{mark} "))
    if numbered:
        lines.append("")
        lines.append("Phát hiện:" if language == "vi" else "Findings:")
        for number, finding in numbered:
            mark = _paint(marker(finding), _SEVERITY_STYLE[finding.severity], color)
            first = f"[{number}] {mark} "
            hang = len(f"[{number}] ")
            text = format_finding(finding, locale=language)
            lines.extend(_paragraph(text, width, hang=hang, first=first))
    return "\n".join(lines) + "\n"


# -- text: findings -----------------------------------------------------------------

_GROUP_TITLES: Final = {
    "vi": {Severity.ERROR: "Lỗi", Severity.WARNING: "Cảnh báo", Severity.INFO: "Thông tin"},
    "en": {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Info"},
}


def findings_text(
    findings: Iterable[Finding],
    *,
    locale: str = "vi",
    width: int = 80,
    problems_only: bool = True,
    color: bool = False,
) -> str:
    """Findings for a terminal: grouped by severity, errors first, then a summary line.

    Each finding shows its mark, rule id, indicators and message, wrapped to
    *width*.  By default only problems (failures, and rules that could not be
    evaluated) are listed; ``problems_only=False`` lists passes and skips too.
    Any iterable of :class:`~cchc.findings.Finding` will do, e.g.
    ``cchc.check(report)`` or ``report.diagnostics``.

    >>> from cchc.findings import Finding, Outcome, Severity
    >>> fs = [
    ...     Finding(
    ...         rule="R6",
    ...         outcome=Outcome.FAIL,
    ...         severity=Severity.WARNING,
    ...         indicators=("1.4.1", "1.4.2"),
    ...         message="Không có phiếu khảo sát (1.4.1 = 0) nhưng có hình thức (1.4.2 = 0)",
    ...     ),
    ...     Finding(rule="R1", outcome=Outcome.PASS, severity=Severity.ERROR),
    ... ]
    >>> print(findings_text(fs, width=60), end="")
    Cảnh báo (1)
      ! R6 (1.4.1, 1.4.2): Không có phiếu khảo sát (1.4.1 = 0)
          nhưng có hình thức (1.4.2 = 0)
    Tổng cộng: 0 lỗi, 1 cảnh báo, 0 thông tin (1 đạt).
    """
    language = normalize_locale(locale)
    _check_width(width)
    every = list(findings)
    chosen = selected(every, problems_only)
    lines: list[str] = []
    if not chosen:
        lines.append("Không có phát hiện nào." if language == "vi" else "No findings.")
    for severity in Severity:
        group = [f for f in chosen if f.severity is severity]
        if not group:
            continue
        title = f"{_GROUP_TITLES[language][severity]} ({len(group)})"
        lines.append(_paint(title, _SEVERITY_STYLE[severity], color))
        for finding in group:
            mark = marker(finding)
            style = _SEVERITY_STYLE[severity] if finding.is_problem else _DIM
            text = format_finding(finding, locale=language, severity=False)
            if not finding.is_problem:
                text = f"[{outcome_label(finding.outcome, locale=language)}] {text}"
            lines.extend(_paragraph(text, width, hang=6, first=f"  {_paint(mark, style, color)} "))
    lines.extend(_wrap(findings_summary(every, locale=language), width))
    return "\n".join(lines) + "\n"


def ratios_text(
    ratios: Iterable[RatioLike], *, locale: str = "vi", width: int = 80, color: bool = False
) -> str:
    """Ratio results as a text table: id, name, operands, value, reason.

    >>> from decimal import Decimal
    >>> import attrs
    >>> @attrs.frozen
    ... class R:
    ...     id: str
    ...     name: str
    ...     numerator: tuple[str, ...]
    ...     denominator: tuple[str, ...]
    ...     value: Decimal | None
    ...     reason: str | None = None
    >>> rs = [
    ...     R("tasks-done", "Tỷ lệ nhiệm vụ hoàn thành", ("1.1.2",), ("1.1.1",), Decimal("83.6735"))
    ... ]
    >>> print(ratios_text(rs, width=60), end="")
    Mã          Tỷ lệ              Tử số  Mẫu số  Giá trị  Lý do
    ────────────────────────────────────────────────────────────
    tasks-done  Tỷ lệ nhiệm vụ     1.1.2  1.1.1    83,67%
                hoàn thành
    ────────────────────────────────────────────────────────────
    """
    language = normalize_locale(locale)
    _check_width(width)
    h = RATIO_HEADERS[language]
    ratios = list(ratios)
    # The id column is never narrower than the longest part of an id, so that an id
    # breaks only at its hyphens.
    longest = max((len(p) + 1 for r in ratios for p in r.id.split("-")), default=8)
    columns = [
        _Column(header=h[0], minimum=min(max(8, longest), 16), target=16, weight=1),
        _Column(header=h[1], minimum=9, target=30, weight=4),
        _Column(header=h[2], minimum=6, target=12, weight=1),
        _Column(header=h[3], minimum=6, target=12, weight=1),
        _Column(header=h[4], minimum=7, align="right"),
        _Column(header=h[5], minimum=6, target=16, weight=2),
    ]
    body = [
        [
            _Cell(r.id),
            _Cell(ratio_name(r, language)),
            *(_Cell(side) for side in ratio_operands(r, language)),
            _Cell(ratio_value(r, language)),
            _Cell(reason_text(r, language), style=_DIM),
        ]
        for r in ratios
    ]
    return "\n".join(_render_table(columns, body, width, color=color)) + "\n"
