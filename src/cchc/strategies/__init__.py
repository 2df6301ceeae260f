"""Hypothesis strategies for CCHC reports: test your own code against valid data.

Everything here draws data that is *valid by construction*: a report drawn by
:func:`reports` passes every error-severity rule of :func:`cchc.check`, because
its totals are computed from their parts and its subsets drawn below their
supersets, never filtered.  The plan is derived from the form's declared rules,
so this holds for a form of one's own as for the built-in Phụ lục 2B (a rule
the plan cannot construct is named by :func:`unconstructed_rules` and an
:class:`UnconstructedRuleWarning`).  Rows that do not apply to the drawn reporter stay
blank.  Examples shrink towards small reports: few filled rows, small numbers,
the first reporter and period of each list.

This module needs `hypothesis <https://hypothesis.readthedocs.io>`_ (``pip
install cchc[strategies]``); ``import cchc`` does not import it.  Installing cchc
also registers these strategies with hypothesis, so ``st.from_type(cchc.Report)``
draws reports.

>>> import cchc
>>> from hypothesis import given, settings
>>> from cchc import strategies as cst
>>> @settings(max_examples=20, database=None)
... @given(cst.reports(complete=True))
... def test_plan_and_done(report):
...     done, planned = report.value("1.1.2"), report.value("1.1.1")
...     assert done is not None and planned is not None and done <= planned
>>> test_plan_and_done()

What there is:

* :func:`reports` and :func:`report_sets`: valid reports, alone or as a
  province's set for :func:`cchc.aggregate`;
* :func:`values`, :func:`entries`, :func:`reporters`, :func:`reporter_sets`,
  :func:`periods`, :func:`note_texts`: the parts of a report;
* :func:`violating`: a :class:`Violation`, a report that breaks one named rule
  of any form (:func:`violable_rules` lists them);
* :func:`forms`: forms of one's own, with the rules provinces declare;
* :func:`text_tables`: a :class:`TextTable`, a report written as the Word text
  export with real-world :class:`Quirk` s.

Strategies take keyword-only options, and strategies wherever a value varies
(``reporters=``, ``periods=``).  Bad arguments raise
:class:`hypothesis.errors.InvalidArgument` when the strategy is first drawn
from, not when it is built.  The guide is ``docs/testing-with-strategies.md``.

.. versionadded:: 0.1
"""

from __future__ import annotations

from cchc.strategies._basic import (
    FILING_KINDS,
    entries,
    periods,
    reporter_sets,
    reporters,
    values,
)
from cchc.strategies._common import note_texts
from cchc.strategies._forms import forms
from cchc.strategies._quirks import Quirk
from cchc.strategies._reports import (
    UnconstructedRuleWarning,
    report_sets,
    reports,
    unconstructed_rules,
)
from cchc.strategies._tables import TextTable, text_tables
from cchc.strategies._violations import Violation, violable_rules, violating

__all__ = [
    "FILING_KINDS",
    "Quirk",
    "TextTable",
    "UnconstructedRuleWarning",
    "Violation",
    "entries",
    "forms",
    "note_texts",
    "periods",
    "report_sets",
    "reporter_sets",
    "reporters",
    "reports",
    "text_tables",
    "unconstructed_rules",
    "values",
    "violable_rules",
    "violating",
]


def __dir__() -> list[str]:
    return list(__all__)
