"""Rendering for people: the official table, findings and ratios.

Two targets share one row model (:func:`table_rows`):

* plain text for a terminal (:func:`report_text`, :func:`findings_text`,
  :func:`ratios_text`), fitted to a width by wrapping names and notes;
* HTML for notebooks (:func:`report_html`, :func:`form_html`,
  :func:`findings_html`, :func:`ratios_html`, :func:`comparison_html`): one
  well-formed ``<div>`` with a small scoped style, a semantic ``<table>`` and
  ``data-code`` attributes.

The official table has five columns, *STT | Chỉ tiêu | Đơn vị tính | Số liệu |
Ghi chú*.  Its STT column shows each row's stable code (``1.2.1``, ``3.1.3.a``),
not the misprinted one, so that every row can be told apart.  Blank, zero and
not applicable stay distinct: a blank cell is empty, zero is ``0``, a row that
does not apply to the reporter shows ``—``, and a status is written out
(*Chưa đến hạn*).

>>> import cchc
>>> from cchc import render
>>> report = cchc.Report(
...     form=cchc.load_form(),
...     reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
...     period="2021S1",
...     entries={"1.1.1": 49, "1.1.2": 41},
... )
>>> text = render.report_text(report, width=72)
>>> print("\\n".join(text.splitlines()[4:12]))
STT        Chỉ tiêu                Đơn vị tính      Số liệu  Ghi chú
────────────────────────────────────────────────────────────────────────
1          Công tác chỉ đạo điều
           hành CCHC
1.1         Kế hoạch CCHC
1.1.1        Số nhiệm vụ đề ra     Nhiệm vụ              49
             trong kế hoạch
1.1.2        Số nhiệm vụ đã hoàn   Nhiệm vụ              41
"""

from __future__ import annotations

from cchc.render._rows import (
    NOT_APPLICABLE_MARK,
    RatioLike,
    RowState,
    TableRow,
    findings_summary,
    marker,
    numbered_findings,
    table_rows,
)
from cchc.render.html import (
    comparison_html,
    findings_html,
    form_html,
    ratios_html,
    report_html,
)
from cchc.render.text import MIN_WIDTH, display_width, findings_text, ratios_text, report_text

__all__ = [
    "MIN_WIDTH",
    "NOT_APPLICABLE_MARK",
    "RatioLike",
    "RowState",
    "TableRow",
    "comparison_html",
    "display_width",
    "findings_html",
    "findings_summary",
    "findings_text",
    "form_html",
    "marker",
    "numbered_findings",
    "ratios_html",
    "ratios_text",
    "report_html",
    "report_text",
    "table_rows",
]
