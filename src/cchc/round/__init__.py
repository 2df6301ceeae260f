"""The reporting round (*kỳ báo cáo*) of a province (contract §8).

Every unit of the province sends its table for one period; the Sở Nội vụ must
know who has not reported or reported late, which unit fails which rule, roll
the rest up into the province's table, compare it with the last period like for
like, and send the result as Excel, Word or a web page.  :class:`Round` does all
of that from a register of units (:mod:`cchc.register`) and the files received:

>>> import cchc
>>> from cchc.examples import round_folder
>>> from cchc.register import load_register
>>> from cchc.round import Round
>>> folder = round_folder()
>>> register = load_register(folder / "units.toml")
>>> round_ = Round.build(register, "2021S1", files=[folder / "reports"], workers=1)
>>> len(round_.expected), len(round_.received), [unit.name for unit in round_.missing]
(10, 9, ['UBND huyện Kỳ Sơn'])
"""

from __future__ import annotations

from cchc.round._build import CELL_RULES, ExcludedValue, Late, Round, SetAside
from cchc.round._load import Loaded, Unreadable

__all__ = [
    "CELL_RULES",
    "ExcludedValue",
    "Late",
    "Loaded",
    "Round",
    "SetAside",
    "Unreadable",
]
