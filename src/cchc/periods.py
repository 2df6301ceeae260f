"""Reporting periods of the CCHC regime: ids, labels, windows and deadlines.

A :class:`Period` is a month, a quarter, a half-year, a year or a range of
dates.  Its id is the short, stable form used in files and on the command line
(``2021M09``, ``2021Q1`` … ``2021Q4``, ``2021S1``, ``2021S2``, ``2021``,
``2021-07-21..2021-08-20``); its label is the Vietnamese phrase printed in report
titles ("6 tháng đầu năm 2021", "Tháng 9 năm 2021").

>>> from cchc.periods import Period
>>> p = Period.from_text("6 THÁNG ĐẦU NĂM 2021")
>>> p
Period.parse('2021S1')
>>> p.id, p.label(), p.label("en")
('2021S1', '6 tháng đầu năm 2021', 'First half of 2021')

Under Công văn 581/BNV-CCHC the figures of a report are counted over a *reporting
window* that starts on 15/12 of the year before, and the province reports to the
ministry by the 20th of the window's last month:

>>> p.window
ReportingWindow(start=datetime.date(2020, 12, 15), end=datetime.date(2021, 6, 14))
>>> p.deadline
datetime.date(2021, 6, 20)

There is no separate report for Q2, Q4 or the second half-year: the 6-month and
annual reports take their place.

>>> Period.parse("2021Q2").has_own_report, Period.parse("2021Q2").reported_as
(False, Period.parse('2021S1'))
"""

from __future__ import annotations

import enum
import re
import unicodedata
from datetime import date, datetime
from typing import Final

import attrs

from cchc.errors import PeriodError

__all__ = ["Period", "PeriodKind", "ReportingWindow"]

MIN_YEAR: Final = 1990
MAX_YEAR: Final = 2100

_ROMAN: Final = {1: "I", 2: "II", 3: "III", 4: "IV"}
_FROM_ROMAN: Final = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


class PeriodKind(enum.Enum):
    """The length of a period: a month, a quarter, a half-year, a year or a date range.

    >>> from cchc.periods import PeriodKind
    >>> PeriodKind("half")
    <PeriodKind.HALF: 'half'>
    >>> PeriodKind.QUARTER.value
    'quarter'
    """

    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    MONTH = "month"
    RANGE = "range"


_MAX_NUMBER: Final = {
    PeriodKind.QUARTER: 4,
    PeriodKind.HALF: 2,
    PeriodKind.YEAR: 1,
    PeriodKind.MONTH: 12,
    PeriodKind.RANGE: 1,
}
_ID_LETTER: Final = {PeriodKind.QUARTER: "Q", PeriodKind.HALF: "S"}
_MONTH_EN: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@attrs.frozen
class ReportingWindow:
    """The days whose events a report counts, both ends included.

    Attributes:
        start: the first day of the window.
        end: the last day of the window (on or after ``start``).

    >>> from datetime import date
    >>> from cchc.periods import ReportingWindow
    >>> w = ReportingWindow(date(2020, 12, 15), date(2021, 3, 14))
    >>> date(2021, 3, 14) in w, date(2021, 3, 15) in w
    (True, False)
    >>> w.days
    90
    >>> str(w)
    '15/12/2020–14/3/2021'
    """

    start: date = attrs.field()
    end: date = attrs.field()

    @start.validator
    def _check_start(self, _attribute: attrs.Attribute[date], value: object) -> None:
        _check_plain_date(value, "start")

    @end.validator
    def _check_end(self, _attribute: attrs.Attribute[date], value: date) -> None:
        _check_plain_date(value, "end")
        if value < self.start:
            raise PeriodError(
                f"reporting window ends ({value.isoformat()}) "
                f"before it starts ({self.start.isoformat()})"
            )

    @property
    def days(self) -> int:
        """The number of days in the window, both ends counted.

        >>> from cchc.periods import Period
        >>> Period.annual(2021).window.days
        365
        """
        return (self.end - self.start).days + 1

    def __contains__(self, item: object) -> bool:
        """Whether a date (or the day of a datetime) lies in the window."""
        if isinstance(item, datetime):
            item = item.date()
        if not isinstance(item, date):
            return False
        return self.start <= item <= self.end

    def __str__(self) -> str:
        return f"{_dmy(self.start)}–{_dmy(self.end)}"


def _check_plain_date(value: object, name: str) -> None:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise PeriodError(f"reporting window {name} must be a date, not {value!r}")


def _dmy(d: date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


def _to_kind(value: PeriodKind | str) -> PeriodKind:
    if isinstance(value, PeriodKind):
        return value
    try:
        return PeriodKind(value)
    except ValueError:
        expected = ", ".join(repr(k.value) for k in PeriodKind)
        raise PeriodError(f"unknown period kind {value!r} (expected {expected})") from None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_year(_instance: object, _attribute: attrs.Attribute[int], value: int) -> None:
    if not _is_int(value):
        raise PeriodError(f"period year must be an integer, not {value!r}")
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise PeriodError(f"period year {value} is outside {MIN_YEAR}..{MAX_YEAR}")


def _check_number(instance: Period, _attribute: attrs.Attribute[int], value: int) -> None:
    if not _is_int(value):
        raise PeriodError(f"period number must be an integer, not {value!r}")
    highest = _MAX_NUMBER[instance.kind]
    if not 1 <= value <= highest:
        if highest == 1:
            raise PeriodError(f"a {instance.kind.value} period has number 1, not {value}")
        raise PeriodError(f"{instance.kind.value} number {value} is outside 1..{highest}")


def _check_bound(instance: Period, attribute: attrs.Attribute[date | None], value: object) -> None:
    is_range = instance.kind is PeriodKind.RANGE
    if value is None:
        if is_range:
            raise PeriodError(f"a date range needs its {attribute.name} date")
        return
    if not is_range:
        raise PeriodError(f"only a date range has a {attribute.name} date")
    _check_plain_date(value, attribute.name)
    assert isinstance(value, date)  # noqa: S101 - checked just above
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise PeriodError(f"date {value.isoformat()} is outside the years {MIN_YEAR}..{MAX_YEAR}")
    if attribute.name == "last":
        first = instance.first
        if first is not None and value < first:
            raise PeriodError(
                f"a date range ends ({value.isoformat()}) before it starts ({first.isoformat()})"
            )
        if first is not None and value.year != instance.year:
            raise PeriodError(f"a date range's year is the year of its last day, {value.year}")


@attrs.frozen(order=False, repr=False)
class Period:
    """A reporting period: a month, a quarter, a half-year (6 tháng), a year or a date range.

    Periods are immutable and hashable, and sort by the end of their reporting
    window, then by length, so a year's periods sort as
    Q1 < Q2 < S1 < Q3 < Q4 < S2 < year (a month sorts before the quarter it ends).

    Attributes:
        year: the calendar year, 1990..2100 (a date range: the year of its last day).
        kind: month, quarter, half, year or range (a :class:`PeriodKind` or its
            string value).
        number: the month (1–12), quarter (1–4) or half (1–2); 1 for a year or a range.
        first: the first day of a date range (``None`` for the other kinds).
        last: the last day of a date range (``None`` for the other kinds).

    Raises:
        PeriodError: for a year out of range or a number that does not fit the kind.

    >>> from cchc.periods import Period, PeriodKind
    >>> Period(2021, PeriodKind.HALF, 1)
    Period.parse('2021S1')
    >>> sorted([Period.annual(2021), Period.quarter(2021, 3), Period.half(2021, 1)])
    [Period.parse('2021S1'), Period.parse('2021Q3'), Period.parse('2021')]
    >>> Period(2021, "quarter", 5)
    Traceback (most recent call last):
    ...
    cchc.errors.PeriodError: quarter number 5 is outside 1..4
    """

    year: int = attrs.field(validator=_check_year)
    kind: PeriodKind = attrs.field(converter=_to_kind)
    number: int = attrs.field(validator=_check_number)
    first: date | None = attrs.field(default=None, kw_only=True, validator=_check_bound)
    last: date | None = attrs.field(default=None, kw_only=True, validator=_check_bound)

    # -- constructors -------------------------------------------------------------

    @classmethod
    def quarter(cls, year: int, number: int) -> Period:
        """The quarter ``number`` (1–4) of ``year``.

        >>> Period.quarter(2021, 4).id
        '2021Q4'
        """
        return cls(year, PeriodKind.QUARTER, number)

    @classmethod
    def half(cls, year: int, number: int) -> Period:
        """The first (``number=1``) or second (``number=2``) half of ``year``.

        >>> Period.half(2021, 1).label()
        '6 tháng đầu năm 2021'
        """
        return cls(year, PeriodKind.HALF, number)

    @classmethod
    def annual(cls, year: int) -> Period:
        """The whole ``year``.

        >>> Period.annual(2021).id
        '2021'
        """
        return cls(year, PeriodKind.YEAR, 1)

    @classmethod
    def month(cls, year: int, number: int) -> Period:
        """The month ``number`` (1–12) of ``year``.

        >>> Period.month(2021, 9).id, Period.month(2021, 9).label()
        ('2021M09', 'Tháng 9 năm 2021')
        """
        return cls(year, PeriodKind.MONTH, number)

    @classmethod
    def range(cls, first: date, last: date) -> Period:
        """The days from ``first`` to ``last``, both included.

        >>> from datetime import date
        >>> p = Period.range(date(2021, 7, 21), date(2021, 8, 20))
        >>> p.id, p.label()
        ('2021-07-21..2021-08-20', 'Từ ngày 21/7/2021 đến ngày 20/8/2021')
        """
        given: object = last  # checked at run time: callers may pass anything
        year = last.year if isinstance(given, date) else 0
        return cls(year, PeriodKind.RANGE, 1, first=first, last=last)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period id: ``2021M09``, ``2021Q1`` … ``2021Q4``, ``2021S1``, ``2021S2``,
        ``2021`` or a date range ``2021-07-21..2021-08-20``.

        Letters may be lower case; surrounding spaces are ignored.

        >>> Period.parse("2021s2"), Period.parse("2021m9")
        (Period.parse('2021S2'), Period.parse('2021M09'))
        >>> Period.parse("2021H1")
        Traceback (most recent call last):
        ...
        cchc.errors.PeriodError: not a period id: '2021H1' (expected e.g. 2021Q1, 2021S1, 2021, ...)
        """
        if not isinstance(text, str):
            raise PeriodError(f"a period id must be a string, not {text!r}")
        try:
            period = cls._from_id(text.strip())
        except PeriodError as err:
            raise PeriodError(f"not a period id: {text!r}: {err.message}") from None
        if period is None:
            raise PeriodError(f"not a period id: {text!r} (expected e.g. {_ID_EXAMPLES})")
        return period

    @classmethod
    def _from_id(cls, text: str) -> Period | None:
        if match := _RANGE_ID_RE.fullmatch(text):
            try:
                first, last = date.fromisoformat(match["first"]), date.fromisoformat(match["last"])
            except ValueError as err:
                raise PeriodError(str(err)) from None
            return cls.range(first, last)
        match = _ID_RE.fullmatch(text)
        if match is None:
            return None
        year = int(match["year"])
        letter = (match["letter"] or match["m"] or "").upper()
        if not letter:
            return cls.annual(year)
        number = int(match["number"] or match["mn"])
        if letter == "M":
            return cls.month(year, number)
        if letter == "Q":
            return cls.quarter(year, number)
        return cls.half(year, number)

    @classmethod
    def from_text(cls, text: str) -> Period:
        """Read a period as written in Vietnamese report titles and tables.

        Accepts "6 tháng đầu năm 2021" (also "sáu tháng …", "06 tháng …"),
        "6 tháng cuối năm 2021", "Quý I năm 2022", "quý 1 năm 2022",
        "Quý IV/2021", "năm 2021", "cả năm 2021", "Tháng 9 năm 2021", "tháng
        09/2021", "Từ ngày 21/7/2021 đến ngày 20/8/2021" (also "từ 21/07/2021 đến
        20/08/2021") and the ids themselves.  Case, Unicode normalisation (NFC or
        NFD), old-style tone placement ("qúy") and extra spaces do not matter.

        >>> Period.from_text("Quý  IV/2021")
        Period.parse('2021Q4')
        >>> Period.from_text("sáu tháng cuối năm 2021")
        Period.parse('2021S2')
        >>> Period.from_text("cả năm 2021")
        Period.parse('2021')
        >>> Period.from_text("THÁNG 9 NĂM 2021")
        Period.parse('2021M09')
        >>> Period.from_text("Từ ngày 21/7/2021 đến ngày 20/8/2021")
        Period.parse('2021-07-21..2021-08-20')
        >>> Period.from_text("9 tháng năm 2021")
        Traceback (most recent call last):
        ...
        cchc.errors.PeriodError: not a period: '9 tháng năm 2021' ...
        """
        if not isinstance(text, str):
            raise PeriodError(f"a period text must be a string, not {text!r}")
        try:
            period = cls._from_words(_normalise(text))
        except PeriodError as err:
            raise PeriodError(f"not a period: {text!r}: {err.message}") from None
        if period is not None:
            return period
        raise PeriodError(
            f"not a period: {text!r} (expected e.g. '6 tháng đầu năm 2021', "
            f"'Quý I năm 2021', 'Năm 2021', 'Tháng 9 năm 2021', "
            f"'Từ ngày 21/7/2021 đến ngày 20/8/2021' or an id such as 2021S1)"
        )

    @classmethod
    def _from_words(cls, key: str) -> Period | None:
        period = cls._from_id(key)
        if period is not None:
            return period
        if match := _HALF_RE.fullmatch(key):
            return cls.half(int(match["year"]), 1 if match["which"] == "đầu" else 2)
        if match := _QUARTER_RE.fullmatch(key):
            raw = match["number"]
            number = _FROM_ROMAN[raw] if raw in _FROM_ROMAN else int(raw)
            return cls.quarter(int(match["year"]), number)
        if match := _YEAR_RE.fullmatch(key):
            return cls.annual(int(match["year"]))
        if match := _MONTH_RE.fullmatch(key):
            return cls.month(int(match["year"]), int(match["month"]))
        if match := _RANGE_RE.fullmatch(_LONG_DATE_RE.sub(r"\g<d>/\g<m>/\g<y>", key)):
            return cls.range(_dmy_date(match, "1"), _dmy_date(match, "2"))
        return None

    @classmethod
    def for_report_date(cls, day: date) -> Period:
        """The period whose report is dated in the month of ``day``.

        Reports are dated in the last month of their window: March → Q1,
        June → 6 months (S1), September → Q3, December → the year.  The title
        block of a real table reads "ngày …/6/2021", so its period is 2021S1.

        >>> from datetime import date
        >>> Period.for_report_date(date(2021, 6, 18))
        Period.parse('2021S1')
        >>> Period.for_report_date(date(2021, 7, 1))
        Traceback (most recent call last):
        ...
        cchc.errors.PeriodError: no CCHC report is due in month 7/2021 ...
        """
        if not isinstance(day, date):
            raise PeriodError(f"a report date must be a date, not {day!r}")
        return cls.for_report_month(day.year, day.month)

    @classmethod
    def for_report_month(cls, year: int, month: int) -> Period:
        """The period whose report is dated in ``month`` of ``year``.

        The same as :meth:`for_report_date` for a date whose day is left blank.

        >>> Period.for_report_month(2021, 12)
        Period.parse('2021')
        """
        if not _is_int(month) or not 1 <= month <= 12:
            raise PeriodError(f"not a month: {month!r}")
        if month == 3:
            return cls.quarter(year, 1)
        if month == 6:
            return cls.half(year, 1)
        if month == 9:
            return cls.quarter(year, 3)
        if month == 12:
            return cls.annual(year)
        raise PeriodError(
            f"no CCHC report is due in month {month}/{year} "
            "(reports are dated in March, June, September or December)"
        )

    # -- names ----------------------------------------------------------------------

    @property
    def id(self) -> str:
        """The period id: ``2021Q1`` … ``2021Q4``, ``2021S1``, ``2021S2`` or ``2021``.

        >>> Period.half(2021, 2).id, Period.month(2021, 3).id
        ('2021S2', '2021M03')
        """
        if self.kind is PeriodKind.YEAR:
            return str(self.year)
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}M{self.number:02d}"
        if self.first is not None and self.last is not None:
            return f"{self.first.isoformat()}..{self.last.isoformat()}"
        return f"{self.year}{_ID_LETTER[self.kind]}{self.number}"

    def label(self, locale: str = "vi") -> str:
        """The period as printed for people, in ``"vi"`` (default) or ``"en"``.

        A locale with a region (``"vi_VN"``, ``"en-US"``) is read by its language.

        >>> p = Period.quarter(2021, 1)
        >>> p.label(), p.label("en")
        ('Quý I năm 2021', 'Q1 2021')
        >>> Period.annual(2021).label("vi_VN")
        'Năm 2021'
        >>> p.label("fr")
        Traceback (most recent call last):
        ...
        cchc.errors.PeriodError: unsupported locale 'fr' for period labels (expected 'vi' or 'en')
        """
        language = re.split(r"[_\-@.]", str(locale), maxsplit=1)[0].lower()
        if language in ("vi", "en") and self.kind in (PeriodKind.MONTH, PeriodKind.RANGE):
            return self._short_label(language)
        if language == "vi":
            if self.kind is PeriodKind.QUARTER:
                return f"Quý {_ROMAN[self.number]} năm {self.year}"
            if self.kind is PeriodKind.HALF:
                which = "đầu" if self.number == 1 else "cuối"
                return f"6 tháng {which} năm {self.year}"
            return f"Năm {self.year}"
        if language == "en":
            if self.kind is PeriodKind.QUARTER:
                return f"Q{self.number} {self.year}"
            if self.kind is PeriodKind.HALF:
                which = "First" if self.number == 1 else "Second"
                return f"{which} half of {self.year}"
            return f"Year {self.year}"
        raise PeriodError(
            f"unsupported locale {locale!r} for period labels (expected 'vi' or 'en')"
        )

    def _short_label(self, language: str) -> str:
        if self.kind is PeriodKind.MONTH:
            if language == "vi":
                return f"Tháng {self.number} năm {self.year}"
            return f"{_MONTH_EN[self.number - 1]} {self.year}"
        first, last = self.window.start, self.window.end
        if language == "vi":
            return f"Từ ngày {_dmy(first)} đến ngày {_dmy(last)}"
        return (
            f"From {first.day} {_MONTH_EN[first.month - 1]} {first.year} "
            f"to {last.day} {_MONTH_EN[last.month - 1]} {last.year}"
        )

    def __str__(self) -> str:
        return self.id

    def __repr__(self) -> str:
        return f"Period.parse({self.id!r})"

    # -- the reporting regime ---------------------------------------------------------

    @property
    def window(self) -> ReportingWindow:
        """The reporting window (581/BNV-CCHC), both ends included.

        Windows start on the 15th and end on the 14th: Q1 15/12 (year before) –
        14/3, S1 15/12 – 14/6, Q3 15/6 – 14/9, the year 15/12 – 14/12.  Periods
        without a report of their own get the matching windows: Q2 15/3 – 14/6,
        Q4 15/9 – 14/12, S2 15/6 – 14/12.

        A month counts from the 15th of the month before to the 14th
        (Nghị định 09/2019/NĐ-CP, Điều 12); a date range is its own window.

        >>> str(Period.quarter(2021, 3).window)
        '15/6/2021–14/9/2021'
        >>> str(Period.month(2021, 1).window)
        '15/12/2020–14/1/2021'
        """
        if self.first is not None and self.last is not None:
            return ReportingWindow(self.first, self.last)
        if self.kind is PeriodKind.MONTH:
            start = (
                date(self.year, self.number - 1, 15)
                if self.number > 1
                else date(self.year - 1, 12, 15)
            )
            return ReportingWindow(start, date(self.year, self.number, 14))
        first, last = _MONTHS[self.kind, self.number]
        start = date(self.year, first, 15) if first else date(self.year - 1, 12, 15)
        return ReportingWindow(start, date(self.year, last, 14))

    @property
    def deadline(self) -> date:
        """The day by which the province reports this period to the ministry.

        The 20th of the window's last month (20/3, 20/6, 20/9, 20/12).  Q2 and S2 /
        Q4 have no report of their own; theirs is the deadline of the report that
        covers them (20/6, 20/12).

        A month's report is due on the 20th of the month too.  A date range
        follows no regime: its deadline is its last day.

        >>> Period.quarter(2021, 1).deadline
        datetime.date(2021, 3, 20)
        """
        if self.last is not None:
            return self.last
        if self.kind is PeriodKind.MONTH:
            return date(self.year, self.number, 20)
        return date(self.year, _MONTHS[self.kind, self.number][1], 20)

    @property
    def has_own_report(self) -> bool:
        """Whether the regime has a separate report for this period.

        Q2, Q4 and the second half-year have none: the 6-month and annual reports
        take their place.

        >>> [p.has_own_report for p in map(Period.parse, ["2021Q1", "2021Q2", "2021S2"])]
        [True, False, False]
        """
        return self.reported_as == self

    @property
    def reported_as(self) -> Period:
        """The period whose report covers this one (Q2 → S1; Q4, S2 → the year).

        Months and date ranges are reports of their own.

        >>> Period.parse("2021Q4").reported_as
        Period.parse('2021')
        >>> Period.parse("2021Q3").reported_as
        Period.parse('2021Q3')
        """
        if self.kind is PeriodKind.QUARTER and self.number == 2:
            return Period.half(self.year, 1)
        if (self.kind is PeriodKind.QUARTER and self.number == 4) or (
            self.kind is PeriodKind.HALF and self.number == 2
        ):
            return Period.annual(self.year)
        return self

    def contains(self, other: Period) -> bool:
        """Whether ``other``'s window lies inside this period's window.

        >>> s1 = Period.half(2021, 1)
        >>> s1.contains(Period.quarter(2021, 2)), s1.contains(Period.quarter(2021, 3))
        (True, False)
        """
        mine, theirs = self.window, _as_period(other).window
        return mine.start <= theirs.start and theirs.end <= mine.end

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods' windows share at least one day.

        >>> Period.half(2021, 1).overlaps(Period.quarter(2021, 1))
        True
        >>> Period.quarter(2021, 1).overlaps(Period.quarter(2021, 2))
        False
        """
        mine, theirs = self.window, _as_period(other).window
        return mine.start <= theirs.end and theirs.start <= mine.end

    # -- ordering -------------------------------------------------------------------------

    def _sort_key(self) -> tuple[date, int]:
        window = self.window
        return (window.end, window.days)

    def __lt__(self, other: Period) -> bool:
        key = _sort_key_of(other)
        return NotImplemented if key is None else self._sort_key() < key

    def __le__(self, other: Period) -> bool:
        key = _sort_key_of(other)
        return NotImplemented if key is None else self._sort_key() <= key

    def __gt__(self, other: Period) -> bool:
        key = _sort_key_of(other)
        return NotImplemented if key is None else self._sort_key() > key

    def __ge__(self, other: Period) -> bool:
        key = _sort_key_of(other)
        return NotImplemented if key is None else self._sort_key() >= key


def _sort_key_of(value: object) -> tuple[date, int] | None:
    return value._sort_key() if isinstance(value, Period) else None  # noqa: SLF001 - Period's own helper


# (kind, number) -> (month the window starts on the 15th, 0 = December of the year
# before; month it ends on the 14th, which is also the month of the deadline).
_MONTHS: Final = {
    (PeriodKind.QUARTER, 1): (0, 3),
    (PeriodKind.QUARTER, 2): (3, 6),
    (PeriodKind.QUARTER, 3): (6, 9),
    (PeriodKind.QUARTER, 4): (9, 12),
    (PeriodKind.HALF, 1): (0, 6),
    (PeriodKind.HALF, 2): (6, 12),
    (PeriodKind.YEAR, 1): (0, 12),
}

_ID_RE: Final = re.compile(
    r"(?P<year>\d{4})(?:(?P<letter>[QqSs])(?P<number>\d)|(?P<m>[Mm])(?P<mn>\d{1,2}))?", re.ASCII
)
_RANGE_ID_RE: Final = re.compile(
    r"(?P<first>\d{4}-\d{2}-\d{2}) ?\.\. ?(?P<last>\d{4}-\d{2}-\d{2})", re.ASCII
)
_ID_EXAMPLES: Final = "2021Q1, 2021S1, 2021, 2021M09, 2021-07-21..2021-08-20"

# Matched against _normalise(text): NFC, lower case, single spaces, none around "/".
_YEAR_PART: Final = r"(?: năm |/| - | )(?P<year>[0-9]{4})"
_HALF_RE: Final = re.compile(r"(?:0?6|sáu) tháng (?P<which>đầu|cuối) năm ?/? ?(?P<year>[0-9]{4})")
_QUARTER_RE: Final = re.compile(r"(?:quý|qúy) ?(?P<number>iv|iii|ii|i|0?[1-4])" + _YEAR_PART)
_YEAR_RE: Final = re.compile(r"(?:cả )?năm ?/? ?(?P<year>[0-9]{4})")
_MONTH_RE: Final = re.compile(r"tháng (?P<month>0?[1-9]|1[0-2])(?: năm |/| - | )(?P<year>[0-9]{4})")
_DMY: Final = r"(?:ngày )?(?P<d{n}>[0-9]{{1,2}})/(?P<m{n}>[0-9]{{1,2}})/(?P<y{n}>[0-9]{{4}})"
_LONG_DATE_RE: Final = re.compile(r"(?P<d>[0-9]{1,2}) tháng (?P<m>[0-9]{1,2}) năm (?P<y>[0-9]{4})")
_RANGE_RE: Final = re.compile(
    r"(?:từ )?" + _DMY.format(n=1) + r" ?(?:đến|tới|-|–|\.\.) ?" + _DMY.format(n=2)
)


def _dmy_date(match: re.Match[str], n: str) -> date:
    try:
        return date(int(match["y" + n]), int(match["m" + n]), int(match["d" + n]))
    except ValueError as err:
        day, month, year = match["d" + n], match["m" + n], match["y" + n]
        raise PeriodError(f"not a date: {day}/{month}/{year}: {err}") from None


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    # "Ð" (U+00D0, eth) is a common stand-in for "Đ" in badly encoded text.
    text = text.replace("ð", "đ")
    text = " ".join(text.split())
    return re.sub(r" ?/ ?", "/", text)


def _as_period(value: object) -> Period:
    if not isinstance(value, Period):
        raise PeriodError(f"expected a Period, not {value!r}")
    return value
