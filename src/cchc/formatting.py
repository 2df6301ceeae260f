"""Formatting for people: numbers, percentages, dates, periods, entries and findings.

Everything here takes an explicit locale, ``"vi"`` (the default) or ``"en"``, and
never looks at the process locale.  Vietnamese is written as official documents
write it: a dot groups thousands and a comma marks decimals, the percent sign
follows the number without a space, and dates are spelled out as Nghị định
30/2020/NĐ-CP wants them.

>>> from datetime import date
>>> from decimal import Decimal
>>> from cchc.formatting import format_date, format_number, format_percent
>>> format_number(6460), format_number(6460, locale="en")
('6.460', '6,460')
>>> format_percent(Decimal("83.67")), format_percent(Decimal("2.345"))
('83,67%', '2,35%')
>>> format_date(date(2021, 6, 30)), format_date(date(2023, 2, 5))
('ngày 30 tháng 6 năm 2021', 'ngày 05 tháng 02 năm 2023')

Rounding happens here, at presentation only, and it is half-up (``2.345`` →
``2,35``), as people round by hand; babel on its own rounds half to even.
Percentages are on the 0–100 scale, as the form holds them: ``83.67`` means
83,67%.  Never pass them to babel's ``format_percent``, which multiplies by 100
and rounds to a whole number.

A :class:`Formatter` binds one locale, for code that formats many things:

>>> from cchc.formatting import Formatter
>>> en = Formatter("en")
>>> en.format_percent(Decimal("83.67")), en.format_period("2021S1")
('83.67%', 'First half of 2021')
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Final, Literal

import attrs
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal as _babel_decimal

from cchc._exact import round_half_up
from cchc.errors import UsageError
from cchc.findings import Finding, Outcome, Severity
from cchc.model import Indicator, ReporterKind
from cchc.periods import Period
from cchc.units import UnitKind
from cchc.values import Entry, Status, Value

__all__ = [
    "Coded",
    "DateStyle",
    "Formatter",
    "Language",
    "Number",
    "column_headers",
    "count_by_severity",
    "format_date",
    "format_finding",
    "format_name",
    "format_number",
    "format_percent",
    "format_period",
    "format_reporter_kind",
    "format_unit",
    "format_value",
    "normalize_locale",
    "outcome_label",
    "severity_label",
    "status_label",
]

Language = Literal["vi", "en"]
"""The languages cchc formats for."""

Number = int | Decimal | Fraction
"""What the number formatters accept.  Never ``float``: it cannot hold 0,1 exactly."""

Coded = Literal["both", "label", "code"]
"""How a coded answer is shown: ``"1 (Có)"``, ``"Có"`` or ``"1"``."""

DateStyle = Literal["long", "short"]
"""``long``: *ngày 30 tháng 6 năm 2021*; ``short``: *30/6/2021*."""

DEFAULT_DECIMALS: Final = 2
"""Decimal places kept, at most, unless a call says otherwise."""


def normalize_locale(locale: str) -> Language:
    """The language of *locale*: ``"vi"`` or ``"en"``.

    A region or encoding is ignored (``"vi_VN"``, ``"en-GB"``, ``"en_US.UTF-8"``).

    Raises:
        UsageError: any other language.

    >>> normalize_locale("vi_VN"), normalize_locale("EN-gb")
    ('vi', 'en')
    >>> normalize_locale("fr")
    Traceback (most recent call last):
    ...
    cchc.errors.UsageError: unsupported locale 'fr' (expected 'vi' or 'en')
    """
    language = re.split(r"[_\-@.]", str(locale), maxsplit=1)[0].lower()
    if language == "vi":
        return "vi"
    if language == "en":
        return "en"
    raise UsageError(f"unsupported locale {locale!r} (expected 'vi' or 'en')")


# -- numbers ------------------------------------------------------------------------


def _exact(value: object) -> Fraction:
    """*value* as an exact fraction; floats and bools are refused."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        what = type(value).__name__
        hint = " (pass a Decimal)" if what == "float" else ""
        raise UsageError(f"cannot format {what} {value!r} as a number{hint}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise UsageError(f"cannot format {value} as a number")
    return Fraction(value)


def _check_decimals(decimals: int, min_decimals: int) -> None:
    if type(decimals) is not int or decimals < 0:
        raise UsageError(f"decimals must be a whole number >= 0, not {decimals!r}")
    if type(min_decimals) is not int:
        raise UsageError(f"min_decimals must be a whole number, not {min_decimals!r}")
    if not 0 <= min_decimals <= decimals:
        raise UsageError(
            f"min_decimals must be between 0 and decimals ({decimals}), not {min_decimals}"
        )


def format_number(
    value: Number,
    *,
    locale: str = "vi",
    decimals: int = DEFAULT_DECIMALS,
    min_decimals: int = 0,
    grouping: bool = True,
) -> str:
    """*value* written for people in *locale*.

    Args:
        value: an ``int``, ``Decimal`` or ``Fraction`` (never a ``float``).
        locale: ``"vi"`` (``6.460``, ``0,5``) or ``"en"`` (``6,460``, ``0.5``).
        decimals: the most decimal places shown; the value is rounded half-up to
            them (``2.345`` → ``2,35``).
        min_decimals: the fewest decimal places shown (trailing zeros kept up to
            here); by default trailing zeros are dropped.
        grouping: group thousands (``6.460``); ``False`` writes ``6460``.

    Raises:
        UsageError: a float, a bool, an infinite value, or bad *decimals*.

    >>> from decimal import Decimal
    >>> format_number(6460), format_number(1234567), format_number(-1234)
    ('6.460', '1.234.567', '-1.234')
    >>> format_number(Decimal("1234.5")), format_number(Decimal("1234.5"), locale="en")
    ('1.234,5', '1,234.5')
    >>> format_number(Decimal("2.345")), format_number(Decimal("2.5"), decimals=0)
    ('2,35', '3')
    >>> format_number(Decimal("96.5"), min_decimals=2), format_number(6460, grouping=False)
    ('96,50', '6460')
    >>> format_number(0.1)
    Traceback (most recent call last):
    ...
    cchc.errors.UsageError: cannot format float 0.1 as a number (pass a Decimal)
    """
    exact = _exact(value)
    _check_decimals(decimals, min_decimals)
    language = normalize_locale(locale)
    rounded = round_half_up(exact, decimals)
    integer = "#,##0" if grouping else "0"
    fraction = "0" * min_decimals + "#" * (decimals - min_decimals)
    pattern = f"{integer}.{fraction}" if fraction else integer
    # babel quantises in the *ambient* decimal context: give it a known one, wide
    # enough for any value, so a caller's context (or a 29-digit count) cannot
    # change or break the output.  The value is already rounded, so babel's own
    # half-even rounding never applies.
    digits = len(rounded.as_tuple().digits) + decimals + 8
    with decimal.localcontext(decimal.Context(prec=max(digits, 28))):
        return _babel_decimal(rounded, format=pattern, locale=language)


def format_percent(
    value: Number,
    *,
    locale: str = "vi",
    decimals: int = DEFAULT_DECIMALS,
    min_decimals: int = 0,
) -> str:
    """A percentage on the 0–100 scale, with ``%`` and no space: ``83,67%``.

    The number is rounded half-up to *decimals* places (at most 2 by default).

    >>> from decimal import Decimal
    >>> format_percent(Decimal("83.67")), format_percent(Decimal("83.67"), locale="en")
    ('83,67%', '83.67%')
    >>> format_percent(Decimal("2.345")), format_percent(100), format_percent(Decimal("0.005"))
    ('2,35%', '100%', '0,01%')
    >>> (
    ...     format_percent(Decimal("96.5538"), decimals=1),
    ...     format_percent(Decimal("96.5"), min_decimals=2),
    ... )
    ('96,6%', '96,50%')
    """
    number = format_number(value, locale=locale, decimals=decimals, min_decimals=min_decimals)
    return f"{number}%"


# -- dates and periods --------------------------------------------------------------


def format_date(day: date, *, locale: str = "vi", style: DateStyle = "long") -> str:
    """A date as official documents write it.

    In Vietnamese the long style follows Nghị định 30/2020/NĐ-CP: a day below 10
    and the months 1 and 2 get a leading zero, other months do not.  The short
    style is the ``d/m/yyyy`` of tables.

    >>> from datetime import date
    >>> format_date(date(2021, 6, 30)), format_date(date(2023, 2, 5)), format_date(date(2023, 7, 5))
    ('ngày 30 tháng 6 năm 2021', 'ngày 05 tháng 02 năm 2023', 'ngày 05 tháng 7 năm 2023')
    >>> format_date(date(2021, 6, 30), locale="en"), format_date(date(2021, 6, 5), style="short")
    ('30 June 2021', '5/6/2021')
    """
    if not isinstance(day, date):
        raise UsageError(f"format_date needs a date, not {type(day).__name__} {day!r}")
    if style not in ("long", "short"):
        raise UsageError(f"unknown date style {style!r} (expected 'long' or 'short')")
    language = normalize_locale(locale)
    if language == "vi":
        if style == "short":
            pattern = "d/M/y"
        else:
            # No CLDR pattern pads the month only for January and February.
            month = "MM" if day.month <= 2 else "M"
            pattern = f"'ngày' dd 'tháng' {month} 'năm' y"
    else:
        pattern = "d MMMM y" if style == "long" else "d MMM y"
    return _babel_date(day, format=pattern, locale=language)


def format_period(period: Period | str, *, locale: str = "vi") -> str:
    """A period as report titles print it (a :class:`~cchc.periods.Period` or its id).

    >>> format_period("2021S1"), format_period("2022Q1"), format_period("2021S1", locale="en")
    ('6 tháng đầu năm 2021', 'Quý I năm 2022', 'First half of 2021')
    """
    if not isinstance(period, Period):
        period = Period.parse(period)
    return period.label(normalize_locale(locale))


# -- labels -------------------------------------------------------------------------

_SEVERITY: Final = {
    "vi": {Severity.ERROR: "Lỗi", Severity.WARNING: "Cảnh báo", Severity.INFO: "Thông tin"},
    "en": {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Info"},
}

_STATUS_EN: Final = {
    Status.NOT_APPLICABLE: "Not applicable",
    Status.NOT_YET_DUE: "Not yet due",
    Status.NOT_YET_DONE: "Not yet done",
    Status.NOT_REPORTED: "Not reported",
}

_OUTCOME: Final = {
    "vi": {
        Outcome.PASS: "đạt",
        Outcome.FAIL: "không đạt",
        Outcome.SKIPPED: "bỏ qua",
        Outcome.NOT_APPLICABLE: "không áp dụng",
        Outcome.ERROR: "không đánh giá được",
    },
    "en": {
        Outcome.PASS: "passed",
        Outcome.FAIL: "failed",
        Outcome.SKIPPED: "skipped",
        Outcome.NOT_APPLICABLE: "not applicable",
        Outcome.ERROR: "could not be evaluated",
    },
}

_REPORTER_KIND_EN: Final = {
    ReporterKind.DEPARTMENT: "provincial department",
    ReporterKind.DISTRICT: "district people's committee",
    ReporterKind.COMMUNE: "commune people's committee",
    ReporterKind.CENTRAL: "central agency",
    ReporterKind.PROVINCE: "province",
}

_HEADERS: Final = {
    "vi": ("STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"),
    "en": ("No.", "Indicator", "Unit", "Value", "Note"),
}


def severity_label(severity: Severity, *, locale: str = "vi") -> str:
    """*Lỗi / Cảnh báo / Thông tin* (``en``: *Error / Warning / Info*).

    >>> from cchc.findings import Severity
    >>> severity_label(Severity.WARNING), severity_label(Severity.WARNING, locale="en")
    ('Cảnh báo', 'Warning')
    """
    return _SEVERITY[normalize_locale(locale)][severity]


def status_label(status: Status, *, locale: str = "vi") -> str:
    """Why an entry has no value, in words: *Chưa đến hạn*, *Không áp dụng*, …

    >>> from cchc.values import Status
    >>> status_label(Status.NOT_YET_DUE), status_label(Status.NOT_APPLICABLE, locale="en")
    ('Chưa đến hạn', 'Not applicable')
    """
    if normalize_locale(locale) == "en":
        return _STATUS_EN[status]
    return status.label


def outcome_label(outcome: Outcome, *, locale: str = "vi") -> str:
    """What happened when a rule met a report, in words.

    >>> from cchc.findings import Outcome
    >>> outcome_label(Outcome.SKIPPED), outcome_label(Outcome.SKIPPED, locale="en")
    ('bỏ qua', 'skipped')
    """
    return _OUTCOME[normalize_locale(locale)][outcome]


def format_reporter_kind(kind: ReporterKind, *, locale: str = "vi") -> str:
    """A reporter kind in words.

    >>> from cchc.model import ReporterKind
    >>> (
    ...     format_reporter_kind(ReporterKind.DISTRICT),
    ...     format_reporter_kind(ReporterKind.DISTRICT, locale="en"),
    ... )
    ('UBND cấp huyện', "district people's committee")
    """
    if normalize_locale(locale) == "en":
        return _REPORTER_KIND_EN[kind]
    return kind.label


def column_headers(*, locale: str = "vi") -> tuple[str, str, str, str, str]:
    """The five column headers of the official table.

    >>> column_headers()
    ('STT', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu', 'Ghi chú')
    >>> column_headers(locale="en")
    ('No.', 'Indicator', 'Unit', 'Value', 'Note')
    """
    return _HEADERS[normalize_locale(locale)]


def format_name(indicator: Indicator, *, locale: str = "vi") -> str:
    """The *Chỉ tiêu* cell of a row: the indicator's name.

    In Vietnamese this is the name corrected for display; in English it is the
    form's English name (``name_en``), or the Vietnamese one if the form has none.

    >>> import cchc
    >>> form = cchc.load_form()
    >>> format_name(form["1.1.1"]), format_name(form["1.1.1"], locale="en")
    ('Số nhiệm vụ đề ra trong kế hoạch', 'Tasks set in the plan')
    """
    if normalize_locale(locale) == "en" and indicator.name_en:
        return indicator.name_en
    return indicator.display_name


def format_unit(indicator: Indicator, *, locale: str = "vi") -> str:
    """The *Đơn vị tính* cell of a row.

    In Vietnamese this is the cell as the form prints it: the unit, the legend of
    a coded row (one ``label = code`` per line) or the scoring rule of a score row.
    In English a unit is named in English; legends stay as printed.

    >>> import cchc
    >>> form = cchc.load_form()
    >>> format_unit(form["1.1.2"]), format_unit(form["1.1.2"], locale="en")
    ('Nhiệm vụ', 'tasks')
    >>> format_unit(form["1.5"])
    'Không = 0\\nCó = 1'
    """
    language = normalize_locale(locale)
    if language == "en" and indicator.unit is not None and indicator.codes is None:
        return indicator.unit.label_en or indicator.unit.label
    if indicator.unit_text:
        return indicator.unit_text
    if indicator.codes is not None:
        return indicator.codes.legend()
    return indicator.unit.label if indicator.unit is not None else ""


# -- values -------------------------------------------------------------------------


def _format_bare(
    value: Value, indicator: Indicator | None, language: Language, decimals: int, coded: Coded
) -> str:
    if isinstance(value, str):
        return value
    if indicator is not None and indicator.codes is not None and isinstance(value, int):
        if coded == "code" or value not in indicator.codes:
            return str(value)
        label = indicator.codes.label(value)
        return label if coded == "label" else f"{value} ({label})"
    if (
        indicator is not None
        and indicator.unit is not None
        and indicator.unit.kind is UnitKind.PERCENT
        and not indicator.kind.is_header
    ):
        return format_percent(value, locale=language, decimals=decimals)
    return format_number(value, locale=language, decimals=decimals)


def format_value(
    value: Entry | Value | None,
    indicator: Indicator | None = None,
    *,
    locale: str = "vi",
    decimals: int = DEFAULT_DECIMALS,
    coded: Coded = "both",
) -> str:
    """The *Số liệu* cell: an entry (or a bare value) as its row's unit wants it.

    Blank is ``""``, zero is ``"0"``, and an entry without a value but with a
    status shows the status in words.  With the row's *indicator*, counts are
    grouped (``6.460``), percentages carry ``%`` (``83,67%``), coded answers show
    the code and its label (``1 (Có)``; *coded* = ``"label"`` or ``"code"`` for
    one of them), scores are numbers and text is kept as written.

    >>> from decimal import Decimal
    >>> import cchc
    >>> from cchc.values import Entry, Status
    >>> form = cchc.load_form()
    >>> format_value(6460, form["7.2.5.1"]), format_value(Decimal("83.67"), form["3.4.1"])
    ('6.460', '83,67%')
    >>> format_value(1, form["1.5"]), format_value(1, form["1.5"], coded="label")
    ('1 (Có)', 'Có')
    >>> (
    ...     format_value(Entry()),
    ...     format_value(Entry(value=0)),
    ...     format_value(Entry(status=Status.NOT_YET_DUE)),
    ... )
    ('', '0', 'Chưa đến hạn')
    >>> format_value(Entry(status=Status.NOT_APPLICABLE), locale="en")
    'Not applicable'
    """
    language = normalize_locale(locale)
    if coded not in ("both", "label", "code"):
        raise UsageError(f"coded must be 'both', 'label' or 'code', not {coded!r}")
    if isinstance(value, Entry):
        if value.value is None:
            return "" if value.status is None else status_label(value.status, locale=language)
        value = value.value
    if value is None:
        return ""
    return _format_bare(value, indicator, language, decimals, coded)


# -- findings -----------------------------------------------------------------------


def format_finding(finding: Finding, *, locale: str = "vi", severity: bool = True) -> str:
    """One finding on one line: severity, rule id, indicators, location and message.

    The message is the finding's own, in *locale* (Vietnamese when it has no
    English text).  A rule that could not be evaluated says so.

    >>> from cchc.findings import Finding, Outcome, Severity
    >>> f = Finding(
    ...     rule="R1",
    ...     outcome=Outcome.FAIL,
    ...     severity=Severity.ERROR,
    ...     indicators=("1.1.1", "1.1.2"),
    ...     message="Số nhiệm vụ đã hoàn thành (50) vượt số đề ra (49)",
    ...     message_en="Tasks completed (50) exceed tasks planned (49)",
    ... )
    >>> format_finding(f)
    'Lỗi R1 (1.1.1, 1.1.2): Số nhiệm vụ đã hoàn thành (50) vượt số đề ra (49)'
    >>> format_finding(f, locale="en", severity=False)
    'R1 (1.1.1, 1.1.2): Tasks completed (50) exceed tasks planned (49)'
    """
    language = normalize_locale(locale)
    parts = [severity_label(finding.severity, locale=language)] if severity else []
    parts.append(finding.rule)
    if finding.indicators:
        parts.append(f"({', '.join(finding.indicators)})")
    if finding.location:
        parts.append(f"[{finding.location}]")
    message = finding.text(language)
    if finding.outcome is Outcome.ERROR:
        outcome = outcome_label(finding.outcome, locale=language)
        message = f"{outcome}: {message}" if message else outcome
    head = " ".join(parts)
    return f"{head}: {message}" if message else head


def count_by_severity(findings: Iterable[Finding]) -> dict[Severity, int]:
    """How many findings of each severity, most serious first (zeros included).

    >>> from cchc.findings import Finding, Outcome, Severity
    >>> f = Finding(rule="F4", outcome=Outcome.FAIL, severity=Severity.WARNING)
    >>> {s.value: n for s, n in count_by_severity([f, f]).items()}
    {'error': 0, 'warning': 2, 'info': 0}
    """
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


# -- the bound formatter ------------------------------------------------------------


@attrs.frozen
class Formatter:
    """The formatting functions bound to one locale.

    Attributes:
        locale: ``"vi"`` or ``"en"`` (a region such as ``"vi_VN"`` is read by its
            language).
        decimals: the most decimal places of numbers and percentages.

    >>> from decimal import Decimal
    >>> vi = Formatter()
    >>> vi.format_number(6460), vi.format_percent(Decimal("83.67"))
    ('6.460', '83,67%')
    >>> Formatter("en_US").locale
    'en'
    """

    locale: Language = attrs.field(default="vi", converter=normalize_locale)
    decimals: int = attrs.field(default=DEFAULT_DECIMALS, kw_only=True)

    @decimals.validator
    def _check(self, _attribute: attrs.Attribute[int], value: int) -> None:
        _check_decimals(value, 0)

    def format_number(self, value: Number, *, min_decimals: int = 0, grouping: bool = True) -> str:
        """See :func:`format_number`."""
        return format_number(
            value,
            locale=self.locale,
            decimals=self.decimals,
            min_decimals=min_decimals,
            grouping=grouping,
        )

    def format_percent(self, value: Number, *, min_decimals: int = 0) -> str:
        """See :func:`format_percent`."""
        return format_percent(
            value, locale=self.locale, decimals=self.decimals, min_decimals=min_decimals
        )

    def format_date(self, day: date, *, style: DateStyle = "long") -> str:
        """See :func:`format_date`."""
        return format_date(day, locale=self.locale, style=style)

    def format_period(self, period: Period | str) -> str:
        """See :func:`format_period`."""
        return format_period(period, locale=self.locale)

    def format_value(
        self,
        value: Entry | Value | None,
        indicator: Indicator | None = None,
        *,
        coded: Coded = "both",
    ) -> str:
        """See :func:`format_value`."""
        return format_value(
            value, indicator, locale=self.locale, decimals=self.decimals, coded=coded
        )

    def format_name(self, indicator: Indicator) -> str:
        """See :func:`format_name`."""
        return format_name(indicator, locale=self.locale)

    def format_unit(self, indicator: Indicator) -> str:
        """See :func:`format_unit`."""
        return format_unit(indicator, locale=self.locale)

    def format_finding(self, finding: Finding, *, severity: bool = True) -> str:
        """See :func:`format_finding`."""
        return format_finding(finding, locale=self.locale, severity=severity)

    def severity_label(self, severity: Severity) -> str:
        """See :func:`severity_label`."""
        return severity_label(severity, locale=self.locale)

    def status_label(self, status: Status) -> str:
        """See :func:`status_label`."""
        return status_label(status, locale=self.locale)

    def column_headers(self) -> tuple[str, str, str, str, str]:
        """See :func:`column_headers`."""
        return column_headers(locale=self.locale)
