"""The day a report was signed, read from its title block ("ngày 18 tháng 6 năm 2021").

>>> title_date(["(Kèm theo Báo cáo số 12/BC-SNV ngày 18 tháng 6 năm 2021 của Sở Nội vụ)"])
datetime.date(2021, 6, 18)
>>> title_date(["Nghệ An, ngày 05/02/2023"])
datetime.date(2023, 2, 5)
>>> title_date(["(Kèm theo Báo cáo số   /BC-SNV ngày      /6/2021 của Sở Nội vụ)"]) is None
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Final

__all__ = ["title_date"]

_SIGNED: Final = re.compile(
    r"ngày\s*(?P<day>[0-9]{1,2})\s*(?:tháng\s*|/\s*)(?P<month>[0-9]{1,2})"
    r"\s*(?:năm\s*|/\s*)(?P<year>[0-9]{4})",
    re.IGNORECASE,
)


def title_date(lines: Sequence[str]) -> date | None:
    """The first complete date written after "ngày" in *lines*, or ``None``.

    A date left for the signature ("ngày   /6/2021") is no date: the day is unknown.
    """
    for line in lines:
        text = unicodedata.normalize("NFC", line).replace("ð", "đ")
        for match in _SIGNED.finditer(text):
            try:
                return date(int(match["year"]), int(match["month"]), int(match["day"]))
            except ValueError:
                continue
    return None
