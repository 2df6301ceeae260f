"""(a'') The hand-written loop of py_loop.py over the same built cchc Reports as cchc_prebuilt.

The floor the per-report engine is measured against in issue 15: "a hand-written
loop over the same built reports".  Load (untimed in the check figure): the same
``cchc.Report`` objects as cchc_prebuilt (values as ``int`` and ``Decimal``,
never float).  Check (timed): for each report, its values read into a dict
(``{code: entry.value}``, one pass over the entries), then py_loop.py's 17
comparisons, unchanged, on that dict.  Against py_loop.py (dicts of floats from
json.loads) it pays for reading the Report and for exact ``Decimal``
comparisons, which cchc pays too; it still assumes, as py_loop.py does, that no
value is missing (the data has none), where cchc checks each for a blank.

For the peer benchmark (``../shared/peer-bench``): copy this file to ``impls/``
and add ``"py_loop_reports"`` to ``IMPLS``.
"""

from __future__ import annotations

import cchc

from .cchc_common import PEER_FORM, build, load_values
from .py_loop import check as loop_check
from .py_loop import prepare as loop_prepare

NAME = "pure Python loop (hand-written) over the built cchc Reports"
LIBS = ["cchc"]


def prepare():
    return cchc.load_form(PEER_FORM), loop_prepare()


def load(d: str):
    form = cchc.load_form(PEER_FORM)
    return [(rid, build(form, rid, values)) for rid, values in load_values(d)]


def check(ctx, data):
    _form, pct_values = ctx
    records = []
    for rid, report in data:
        values = {code: entry.value for code, entry in report.entries.items()}
        values["report_id"] = rid
        records.append(values)
    return loop_check(pct_values, records)
