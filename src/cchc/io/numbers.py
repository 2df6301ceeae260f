"""Read one value cell as Vietnamese tables write it.

Vietnamese official writing groups thousands with a dot and marks decimals with a
comma (``6.460``, ``96,55``); Word tables often drop the grouping (``6460``), pad
small counts to two digits (``02``) and sometimes type the percent sign into a
``%`` row (``100% ``).  Some cells hold a word instead of a number: *Chưa kiểm
tra*, *Chưa đến hạn*, *Không áp dụng*, ``x``, ``-``.

:func:`parse_number` reads such a cell exactly (no ``float``, no locale) and
returns a :class:`ParsedCell`: the typed value *or* the status the word stands
for, the raw cell when it differs from the normalised writing, and the issues a
careful reader notes (``read.leading-zero``, ``read.ambiguous-number``, …).  It
never guesses: an English-style ``12.5`` is neither 125 nor 12.5, it is an
ambiguous number, kept as written and reported.

>>> from cchc.io.numbers import parse_number
>>> from cchc.units import UnitKind
>>> parse_number("02", unit_kind=UnitKind.COUNT).value
2
>>> parse_number("6.460", unit_kind=UnitKind.COUNT).value
6460
>>> parse_number("96,55", unit_kind=UnitKind.PERCENT).value
Decimal('96.55')
>>> cell = parse_number("12.5", unit_kind=UnitKind.PERCENT)
>>> cell.value, cell.raw, [i.rule for i in cell.issues]
(None, '12.5', ['read.ambiguous-number'])
>>> parse_number("Chưa kiểm tra").status
<Status.NOT_YET_DONE: 'not-yet-done'>
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

import attrs

from cchc._text import match_key
from cchc.codes import CodeList
from cchc.findings import Severity
from cchc.limits import quoted
from cchc.units import UnitKind
from cchc.values import Status, Value

__all__ = [
    "STATUS_WORDS",
    "CellIssue",
    "ParsedCell",
    "cell_text",
    "parse_number",
    "parse_status",
    "status_text",
]

STATUS_WORDS: Final[dict[str, Status]] = {
    "chưa kiểm tra": Status.NOT_YET_DONE,
    "chưa thực hiện": Status.NOT_YET_DONE,
    "chưa triển khai": Status.NOT_YET_DONE,
    "chưa tổ chức": Status.NOT_YET_DONE,
    "chưa tiến hành": Status.NOT_YET_DONE,
    "chưa đánh giá": Status.NOT_YET_DONE,
    "chưa đến hạn": Status.NOT_YET_DUE,
    "chưa đến kỳ": Status.NOT_YET_DUE,
    "chưa đến kỳ báo cáo": Status.NOT_YET_DUE,
    "không áp dụng": Status.NOT_APPLICABLE,
    "không có": Status.NOT_APPLICABLE,
    "không phát sinh": Status.NOT_APPLICABLE,
    "n/a": Status.NOT_APPLICABLE,
    "x": Status.NOT_APPLICABLE,
    "-": Status.NOT_APPLICABLE,
    "không báo cáo": Status.NOT_REPORTED,
    "…": Status.NOT_REPORTED,
    "...": Status.NOT_REPORTED,
}
"""Words that stand for a status instead of a value, keyed by
:func:`cchc._text.match_key` (case, spacing and trailing dots do not matter).
``x`` and ``-`` follow Vietnamese statistical tables (*không có hiện tượng phát
sinh*); ``…`` means the figure was not given."""

# How a status is written in a value cell, its label first; a coded row whose
# legend uses a word (5.3.1: "Chưa thực hiện = 0") gets the next one.
_STATUS_WRITINGS: Final[dict[Status, tuple[str, ...]]] = {
    Status.NOT_YET_DONE: ("Chưa thực hiện", "Chưa triển khai", "Chưa tiến hành"),
    Status.NOT_YET_DUE: ("Chưa đến hạn", "Chưa đến kỳ báo cáo"),
    Status.NOT_APPLICABLE: ("Không áp dụng", "x"),
    Status.NOT_REPORTED: ("Không báo cáo", "…"),
}

_MAX_DIGITS: Final = 30  # more digits than any CCHC figure; keeps int() far from its limits
_SPACE: Final = " \t\n\r\f\v\u00a0\u2007\u202f"
_SIGN: Final = re.compile(r"^[-+\u2212]")
_PLAIN: Final = re.compile(r"^[0-9]+$")
_GROUPED: Final = re.compile(r"^[1-9][0-9]{0,2}(?:\.[0-9]{3})+$")
_VI_DECIMAL: Final = re.compile(r"^(?:[0-9]+|[1-9][0-9]{0,2}(?:\.[0-9]{3})+),[0-9]+$")
_EN_DECIMAL: Final = re.compile(r"^[0-9]+\.[0-9]+$")
_EN_GROUPED: Final = re.compile(r"^[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
_COMMA_THOUSAND: Final = re.compile(r"^[1-9][0-9]{0,2},[0-9]{3}$")
# "12 500": a space (or a no-break or thin space) between thousands, as exports write.
_SPACE_GROUPED: Final = re.compile(
    r"^[1-9][0-9]{0,2}(?:[ \u00a0\u2007\u202f][0-9]{3})+(?:,[0-9]+)?$"
)


@attrs.frozen
class CellIssue:
    """Something a careful reader notes about one cell.

    Attributes:
        rule: the diagnostic id (``"read.leading-zero"``).
        severity: how much it matters.
        message: the note in Vietnamese.
        message_en: the same in English.
    """

    rule: str
    severity: Severity
    message: str
    message_en: str


@attrs.frozen(kw_only=True)
class ParsedCell:
    """The result of reading one value cell.

    At most one of ``value`` and ``status`` is set; both are ``None`` for a blank
    cell and for a cell that could not be read, whose text is then kept in ``raw``.

    Attributes:
        value: the typed value: ``int`` for counts and codes, ``Decimal`` for
            percentages, scores and other decimals, ``str`` for text rows.
        status: the status a word stands for (*Chưa kiểm tra* → not yet done).
        raw: the cell exactly as written, when it differs from
            :func:`cell_text` of the value (``"02"``, ``"100% "``); ``None`` when
            the normalised writing says the same.
        issues: what a careful reader notes, most serious first.
    """

    value: Value | None = None
    status: Status | None = None
    raw: str | None = None
    issues: tuple[CellIssue, ...] = ()

    @property
    def is_blank(self) -> bool:
        """Whether the cell held nothing at all (spaces only count as nothing)."""
        return self.value is None and self.status is None and self.raw is None


def cell_text(value: Value | Status | None) -> str:
    """Write a value the way :func:`parse_number` reads it back unchanged.

    Whole numbers without grouping, decimals with a comma, a status by its
    Vietnamese label, ``None`` as an empty cell.

    >>> from decimal import Decimal
    >>> cell_text(6460), cell_text(Decimal("96.55")), cell_text(Decimal(100)), cell_text(None)
    ('6460', '96,55', '100', '')
    >>> from cchc.values import Status
    >>> cell_text(Status.NOT_YET_DUE)
    'Chưa đến hạn'
    """
    if value is None:
        return ""
    if isinstance(value, Status):
        return value.label
    if isinstance(value, bool):  # pragma: no cover - Entry rejects bools
        msg = f"not a value: {value!r}"
        raise TypeError(msg)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    return value


def status_text(status: Status, codes: CodeList | None = None) -> str:
    """Write *status* in a value cell so that :func:`parse_number` reads it back.

    That is the status's label, unless the row's legend uses the same words
    for a code (5.3.1 answers ``Chưa thực hiện = 0``); then another writing.

    >>> from cchc.codes import CodeList
    >>> status_text(Status.NOT_YET_DONE)
    'Chưa thực hiện'
    >>> status_text(Status.NOT_YET_DONE, CodeList.parse("Đã thực hiện = 1\\nChưa thực hiện = 0"))
    'Chưa triển khai'
    """
    taken = {match_key(c.label) for c in codes.codes} if codes is not None else set()
    for text in _STATUS_WRITINGS[status]:
        if match_key(text) not in taken:
            return text
    return status.label  # pragma: no cover - no legend takes every writing


def parse_status(text: str) -> Status | None:
    """The status a word in a value cell stands for, or ``None``.

    >>> parse_status(" Chưa đến hạn "), parse_status("x"), parse_status("12")
    (<Status.NOT_YET_DUE: 'not-yet-due'>, <Status.NOT_APPLICABLE: 'not-applicable'>, None)
    """
    key = text.strip(_SPACE).casefold()
    if key in STATUS_WORDS:
        return STATUS_WORDS[key]
    return STATUS_WORDS.get(match_key(text))


def _issue(rule: str, severity: Severity, vi: str, en: str) -> CellIssue:
    return CellIssue(rule, severity, vi, en)


_INFO, _WARNING = Severity.INFO, Severity.WARNING


DASHES: Final = frozenset({"-", "\u2013", "\u2014", "\u2212"})
"""A cell holding only one of these is a *dash*: "none" in many tables, "not
applicable" in others; ``dash=`` of :func:`cchc.read` chooses."""

DASH_READINGS: Final = ("not-applicable", "zero")
"""The readings of a lone dash: ``"not-applicable"`` (the default) or ``"zero"``."""


def parse_number(
    text: str,
    *,
    unit_kind: UnitKind | None = None,
    codes: CodeList | None = None,
    dash: str = "not-applicable",
) -> ParsedCell:
    """Read the value cell *text* of a row whose unit is of *unit_kind*.

    Args:
        text: the cell as written in the source.
        unit_kind: ``COUNT`` (whole numbers), ``PERCENT`` or ``SCORE`` (decimals,
            held as ``Decimal``), ``TEXT`` (the text itself) or ``None`` for a row
            without a unit, such as a header (a whole number is an ``int``, other
            numbers a ``Decimal``).
        codes: the legend of a coded row; its values are whole numbers and a
            cell may also name a code by its label (``Có`` → 1).
        dash: what a lone ``-`` means: ``"not-applicable"`` (a status, the
            default) or ``"zero"``; either way a ``read.dash`` diagnostic says so.

    Returns:
        A :class:`ParsedCell`.  Reading never fails: what cannot be read is kept
        in ``raw`` with an issue saying why.

    Accepted numbers: ``49``, ``02`` (leading zeros, noted), ``6.460`` and
    ``1.234.567`` (dot groups of exactly three digits), ``96,55`` and
    ``1.234,5`` (comma decimals), a sign (``-3``), and for percentage rows a
    percent sign (``100%``, noted).  Ambiguous writings (``12.5``, ``0.5``,
    ``1,234.5``, and ``1,234`` in a count row) are not read.

    >>> from cchc.units import UnitKind
    >>> parse_number("100% ", unit_kind=UnitKind.PERCENT)
    ParsedCell(value=Decimal('100'), status=None, raw='100% ', issues=(...))
    >>> [i.rule for i in parse_number("100% ", unit_kind=UnitKind.PERCENT).issues]
    ['read.percent-sign', 'read.whitespace']
    >>> cell = parse_number("2,5", unit_kind=UnitKind.COUNT)
    >>> cell.value, cell.raw, cell.issues[0].rule
    (None, '2,5', 'read.not-whole-number')
    >>> parse_number("", unit_kind=UnitKind.COUNT).is_blank
    True
    """
    body = text.strip(_SPACE)
    if not body:
        return ParsedCell()
    issues: list[CellIssue] = []
    if body != text:
        issues.append(
            _issue(
                "read.whitespace",
                _INFO,
                f"ô số liệu {quoted(text)} có khoảng trắng thừa",
                f"the value cell {quoted(text)} has stray spaces",
            )
        )
    if unit_kind is UnitKind.TEXT:
        return _done(body, text, issues)
    if body in DASHES:
        return _dash(text, body, unit_kind, dash, issues)
    if codes is not None:
        for code in codes.codes:
            if match_key(code.label) == match_key(body):
                issues.insert(
                    0,
                    _issue(
                        "read.code-label",
                        _INFO,
                        f"{quoted(body)} được đọc là mã {code.value} theo chú giải",
                        f"{quoted(body)} read as code {code.value} by the legend",
                    ),
                )
                return _done(code.value, text, issues)
    status = parse_status(body)
    if status is not None:
        issues.insert(
            0,
            _issue(
                "read.status-text",
                _INFO,
                f"{quoted(body)} được đọc là trạng thái: {status.label.lower()}",
                f"{quoted(body)} read as the status {status.value!r}",
            ),
        )
        raw = None if text == status_text(status, codes) else text
        return ParsedCell(status=status, raw=raw, issues=tuple(issues))
    return _parse_numeric(text, body, unit_kind, codes is not None, issues)


def _dash(
    text: str, body: str, unit_kind: UnitKind | None, dash: str, issues: list[CellIssue]
) -> ParsedCell:
    if dash == "zero":
        zero: Value = 0 if unit_kind in (UnitKind.COUNT, None) else Decimal(0)
        issue = _issue(
            "read.dash",
            _INFO,
            f"ô chỉ ghi {body!r}, đọc là 0 (theo lựa chọn dấu gạch là số 0)",
            f"the cell holds only {body!r}, read as 0 (a dash read as zero, as chosen)",
        )
        return ParsedCell(value=zero, raw=text, issues=(issue, *issues))
    issue = _issue(
        "read.dash",
        _INFO,
        f"ô chỉ ghi {body!r}, đọc là 'không áp dụng'; nếu bảng dùng dấu gạch cho số 0, "
        "đọc lại với tùy chọn --dash zero",
        f"the cell holds only {body!r}, read as 'not applicable'; if the table uses a dash "
        "for zero, read it again with --dash zero (dash='zero')",
    )
    return ParsedCell(status=Status.NOT_APPLICABLE, raw=text, issues=(issue, *issues))


def _done(value: Value, text: str, issues: list[CellIssue]) -> ParsedCell:
    raw = None if cell_text(value) == text else text
    ordered = sorted(issues, key=lambda i: i.severity.rank)
    return ParsedCell(value=value, raw=raw, issues=tuple(ordered))


def _kept(text: str, issue: CellIssue, issues: list[CellIssue]) -> ParsedCell:
    ordered = sorted([issue, *issues], key=lambda i: i.severity.rank)
    return ParsedCell(raw=text, issues=tuple(ordered))


def _text_issue(body: str, why_vi: str = "", why_en: str = "") -> CellIssue:
    return _issue(
        "read.text-in-number",
        _WARNING,
        f"ô số liệu chứa {quoted(body)}, không phải một số{why_vi}; giữ nguyên văn",
        f"the value cell holds {quoted(body)}, which is not a number{why_en}; kept as written",
    )


def _parse_numeric(
    text: str, body: str, unit_kind: UnitKind | None, coded: bool, issues: list[CellIssue]
) -> ParsedCell:
    number = body
    percent = False
    if number.endswith("%"):
        percent = True
        number = number[:-1].rstrip(_SPACE)
    sign = ""
    if _SIGN.match(number):
        sign = "-" if number[0] in "-\u2212" else ""
        number = number[1:].lstrip(_SPACE) if len(number) > 1 else ""
    # map() counts in C: a cell of megabytes is counted in milliseconds.
    if not number or sum(map(str.isdigit, number)) > _MAX_DIGITS:
        why_vi = " (quá dài)" if number else ""
        why_en = " (too long)" if number else ""
        return _kept(text, _text_issue(body, why_vi, why_en), issues)

    whole = coded or unit_kind is UnitKind.COUNT
    value: int | Decimal
    if _PLAIN.match(number):
        value = int(number)
        if len(number) > 1 and number.startswith("0"):
            issues.append(
                _issue(
                    "read.leading-zero",
                    _INFO,
                    f"số liệu {quoted(body)} có số 0 ở đầu; đọc là {int(number)}",
                    f"the value {quoted(body)} has a leading zero; read as {int(number)}",
                )
            )
    elif _GROUPED.match(number):
        value = int(number.replace(".", ""))
    elif _VI_DECIMAL.match(number) and not (whole and _COMMA_THOUSAND.match(number)):
        value = Decimal(number.replace(".", "").replace(",", "."))
    elif _EN_DECIMAL.match(number) or _EN_GROUPED.match(number):
        return _kept(text, _ambiguous(body, number), issues)
    elif _SPACE_GROUPED.match(number):
        digits = re.sub(r"[ \u00a0\u2007\u202f]", "", number)
        value = int(digits) if "," not in digits else Decimal(digits.replace(",", "."))
        issues.append(
            _issue(
                "read.space-thousands",
                _INFO,
                f"số liệu {body!r} dùng dấu cách phân tách hàng nghìn; đọc là {digits}",
                f"the value {body!r} separates thousands with a space; read as {digits}",
            )
        )
    else:
        return _kept(text, _text_issue(body), issues)

    if sign:
        value = -value
    if percent:
        if whole or unit_kind is UnitKind.SCORE:
            what_vi = "chỉ tiêu đếm số lượng" if not coded else "chỉ tiêu trả lời bằng mã"
            what_en = "a count row" if not coded else "a coded row"
            if unit_kind is UnitKind.SCORE:
                what_vi, what_en = "chỉ tiêu tính điểm", "a score row"
            issue = _issue(
                "read.percent-sign",
                _WARNING,
                f"số liệu {quoted(body)} là tỷ lệ phần trăm, nhưng đây là {what_vi}; "
                "giữ nguyên văn",
                f"the value {quoted(body)} is a percentage, but this is {what_en}; kept as written",
            )
            return _kept(text, issue, issues)
        issues.insert(
            0,
            _issue(
                "read.percent-sign",
                _INFO,
                f"số liệu {quoted(body)} có ký hiệu %; cột Số liệu ghi số không kèm %",
                f"the value {quoted(body)} carries a percent sign; "
                "the value column takes a bare number",
            ),
        )
        value = Decimal(value)
    if whole:
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)  # "2,0" is two, written oddly; raw keeps the writing
        if isinstance(value, Decimal):
            unit_vi = "mã" if coded else "số nguyên"
            issue = _issue(
                "read.not-whole-number",
                _WARNING,
                f"số liệu {quoted(body)} không phải {unit_vi}; giữ nguyên văn",
                f"the value {quoted(body)} is not a whole number; kept as written",
            )
            return _kept(text, issue, issues)
        return _done(value, text, issues)
    if unit_kind in (UnitKind.PERCENT, UnitKind.SCORE):
        return _done(Decimal(value), text, issues)
    return _done(value, text, issues)


def _ambiguous(body: str, number: str) -> CellIssue:
    if "," in number:
        en_reading = number.replace(",", "")
        return _issue(
            "read.ambiguous-number",
            _WARNING,
            f"số {quoted(body)} có vẻ viết theo kiểu tiếng Anh (dấu phẩy phân nhóm nghìn, tức "
            f"{en_reading.replace('.', ',')}), nhưng theo cách viết Việt Nam dấu phẩy là dấu "
            "thập phân; chưa đọc số liệu, giữ nguyên văn",
            f"the number {quoted(body)} looks English-style ({en_reading}), "
            "but in Vietnamese writing "
            "a comma marks decimals; not read, kept as written",
        )
    decimal = number.replace(".", ",")
    if re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+", number):
        grouped = str(int(number.replace(".", "")))
        return _issue(
            "read.ambiguous-number",
            _WARNING,
            f"số {quoted(body)} không rõ cách viết: kiểu Việt Nam là {grouped} (dấu chấm phân nhóm "
            f"nghìn), kiểu tiếng Anh là {decimal}; chưa đọc số liệu, giữ nguyên văn",
            f"the number {quoted(body)} is ambiguous: {grouped} with a Vietnamese thousands dot, "
            f"{number} as an English decimal; not read, kept as written",
        )
    return _issue(
        "read.ambiguous-number",
        _WARNING,
        f"số {quoted(body)} dùng dấu chấm thập phân kiểu tiếng Anh (viết đúng là {decimal}); trong "
        "cách viết Việt Nam dấu chấm phân nhóm nghìn, nên chưa đọc số liệu, giữ nguyên văn",
        f"the number {quoted(body)} uses an English decimal point (Vietnamese writing: {decimal}); "
        "a dot groups thousands in Vietnamese, so it is not read, kept as written",
    )
