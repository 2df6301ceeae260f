"""The title block above the official table: who reports, and for when.

Every table reader hands the lines above its table to :func:`parse_title`,
which finds the reporting unit (after *TẠI* or *của*, its kind told by
:func:`reporter_kind`, see :mod:`cchc.reporter_names`) and the period (a period
phrase with its year: a month, a quarter, a half-year, a year or a date range; or
the month of the report date).  Re-exported by :mod:`cchc.io.table`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Final

import attrs

from cchc._text import match_key
from cchc.errors import CchcError
from cchc.periods import Period
from cchc.reporter_names import REPORTER_START, reporter_kind, tidy_unit_name
from cchc.reports import Reporter

__all__ = ["TitleBlock", "parse_title", "reporter_kind"]


@attrs.frozen(kw_only=True)
class TitleBlock:
    """What the lines above a table say about who reports and for when.

    Attributes:
        reporter: the reporter named in the title, if one could be told.
        period: the period, if one could be told.
        notes: why a reporter or period could not be told, for error messages.
    """

    reporter: Reporter | None = None
    period: Period | None = None
    notes: tuple[str, ...] = ()


# -- the title block ------------------------------------------------------------------

_REPORTER_START: Final = REPORTER_START
_AT: Final = re.compile(r"\btại\s+(?P<name>" + _REPORTER_START + r"\b.*)$", re.IGNORECASE)
_OF: Final = re.compile(r"\bcủa\s+(?P<name>" + _REPORTER_START + r"\b.*)$", re.IGNORECASE)
_PERIOD_START: Final = re.compile(
    # A comma may stand before the period, but not only there: "Sở Văn hóa, Thể thao và Du lịch".
    r"(?:\s*,\s*|\s+)(?:(?:0?6|sáu|9|chín)\s+tháng|quý|qúy|năm\s+[0-9]{4}|cả\s+năm|năm\s*$"
    r"|ngày|[0-9]{4}|tháng\s+[0-9]|từ\s+(?:ngày\s+)?[0-9])",
    re.IGNORECASE,
)
_PERIOD_PHRASE: Final = re.compile(
    r"(?P<range>từ (?:ngày )?[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} (?:đến|tới) (?:ngày )?"
    r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})"
    r"|(?P<half>(?:0?6|sáu) tháng (?:đầu|cuối) năm)(?: ?/? ?(?P<hy>[0-9]{4}))?"
    # "6 tháng năm 2021" is how the first half-year's report is commonly named.
    r"|(?P<six>(?:0?6|sáu) tháng năm) ?(?P<sy>[0-9]{4})"
    r"|(?P<count>(?:[0-9]{1,2}|một|hai|ba|bốn|năm|bảy|tám|chín|mười|mười một) tháng"
    r"(?: đầu| cuối)? năm)(?: ?/? ?(?P<cy>[0-9]{4}))?"
    r"|(?P<quarter>(?:quý|qúy) (?:iv|iii|ii|i|0?[1-4]))(?:(?: năm ?| ?/ ?| - | )(?P<qy>[0-9]{4}))?"
    r"|(?P<month>tháng (?P<mn>[0-9]{1,2}))(?:(?: năm ?|/| - | )(?P<my>[0-9]{4}))?"
    r"|(?<!tháng )(?P<year>(?:cả )?năm) ?(?P<yy>[0-9]{4})",
)
# A date written out ("ngày 18 tháng 6 năm 2021", "Nghệ An, tháng 6 năm 2021"), unlike
# a month named as the period ("THÁNG 9 NĂM 2021").
_LONG_DATE: Final = re.compile(
    r"(?:ngày\s*(?P<day>[0-9]{0,2})\s*|(?P<comma>,)\s*)tháng\s*(?P<month>[0-9]{1,2})\s*năm\s*"
    r"(?P<year>[0-9]{4})"
)
_DATE: Final = re.compile(
    r"(?:^|[^0-9])(?:[0-9]{1,2})?\s*/\s*(?P<month>[0-9]{1,2})\s*/\s*(?P<year>[0-9]{4})"
)


def _name_candidates(lines: Sequence[str]) -> list[str]:
    found: list[str] = []
    for pattern in (_AT, _OF):
        for line in lines:
            text = " ".join(unicodedata.normalize("NFC", line).split())
            match = pattern.search(text)
            if match is None:
                continue
            name = match["name"]
            cut = _PERIOD_START.search(name)
            if cut is not None:
                name = name[: cut.start()]
            name = name.split(")")[0]
            if name.strip(" .,;:"):
                found.append(name)
    return found


def _title_reporter(lines: Sequence[str]) -> Reporter | None:
    candidates = _name_candidates(lines)
    for index, name in enumerate(candidates):
        kind = reporter_kind(name)
        if kind is None:
            continue
        # Prefer the spelling of a later, mixed-case mention of the same unit
        # ("TẠI SỞ NỘI VỤ" … "của Sở Nội vụ").
        spelled = next(
            (
                other
                for other in candidates[index + 1 :]
                if match_key(other) == match_key(name) and other != other.upper()
            ),
            name,
        )
        return Reporter(tidy_unit_name(spelled), kind=kind)
    return None


def _title_period(lines: Sequence[str]) -> tuple[Period | None, str | None]:
    text = " ".join(" ".join(unicodedata.normalize("NFC", line).lower().split()) for line in lines)
    text = text.replace("ð", "đ")
    # A date written out ("ngày 18 tháng 6 năm 2021") is a date, not the year 2021.
    text = _LONG_DATE.sub(r"\g<comma> \g<day>/\g<month>/\g<year>", text)
    text = re.sub(r" ?/ ?", "/", " ".join(text.split()))
    dated = _DATE.search(text)
    date_year = int(dated["year"]) if dated else None
    for match in _PERIOD_PHRASE.finditer(text):
        if match["count"]:
            return None, (
                f"the title names the period {match[0]!r}, which is not a month, quarter, "
                "half-year, year or date range"
            )
        year_text = match["hy"] or match["sy"] or match["qy"] or match["my"] or match["yy"]
        year = int(year_text) if year_text else date_year
        try:
            if match["range"]:
                return Period.from_text(match["range"]), None
            if year is None:
                continue
            if match["month"]:
                return Period.month(year, int(match["mn"])), None
            if match["six"]:
                return Period.half(year, 1), None
            phrase = match["half"] or match["quarter"] or match["year"]
            return Period.from_text(f"{phrase} {year}"), None
        except CchcError as err:
            return None, str(err)
    if dated is not None:
        try:
            return Period.for_report_month(int(dated["year"]), int(dated["month"])), None
        except CchcError as err:
            return None, str(err)
    return None, None


def parse_title(lines: Sequence[str]) -> TitleBlock:
    """Read the reporter and the period from the title block above a table.

    The reporter is the unit named after *TẠI* (``TẠI SỞ NỘI VỤ``) or *của*
    (``… của Sở Nội vụ)``), its kind told by :func:`reporter_kind`.  The period
    is a period phrase (``6 THÁNG ĐẦU NĂM``, ``Quý I năm 2021``) with its year,
    or else the year of the report date (``ngày /6/2021``); without a phrase, the
    month of the report date (:meth:`~cchc.Period.for_report_month`).

    >>> block = parse_title(
    ...     [
    ...         "TẠI SỞ NỘI VỤ 6 THÁNG ĐẦU NĂM",
    ...         "(Ban hành kèm theo Báo cáo số       /BC-SNV ngày      /6/2021 của Sở Nội vụ)",
    ...     ]
    ... )
    >>> block.reporter.name, block.reporter.kind.value, block.period.id
    ('Sở Nội vụ', 'department', '2021S1')
    >>> parse_title(["Báo cáo"]).reporter is None
    True
    """
    reporter = _title_reporter(lines)
    period, why = _title_period(lines)
    notes: list[str] = []
    if reporter is None:
        notes.append("the title block names no reporting unit (TẠI … / của …)")
    if period is None:
        notes.append(why or "the title block gives no period (6 tháng đầu năm …, Quý I …, /6/2021)")
    return TitleBlock(reporter=reporter, period=period, notes=tuple(notes))
