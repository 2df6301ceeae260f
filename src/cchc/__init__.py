"""cchc: Vietnamese administrative-reform (CCHC) statistics.

Forms as immutable data, reports read from the real tables, exact ratios, rule
checks that explain themselves, aggregation across reporters and comparison
across periods.

>>> import cchc
>>> form = cchc.load_form()
>>> form["1.1.2"].name
'Số nhiệm vụ đã hoàn thành'
"""

from cchc._version import __version__
from cchc.codes import Code, CodeList
from cchc.findings import Finding, Outcome, Severity
from cchc.forms import builtin_forms, load_form
from cchc.model import (
    Applicability,
    BreakdownKind,
    Form,
    Indicator,
    IndicatorKind,
    MissingPolicy,
    RatioDeclaration,
    ReporterKind,
    RuleDeclaration,
    Temporal,
)
from cchc.periods import Period, PeriodKind, ReportingWindow
from cchc.reports import Report, Reporter
from cchc.units import Unit, UnitKind
from cchc.values import Coverage, Entry, Status

__all__ = [
    "Applicability",
    "BreakdownKind",
    "Code",
    "CodeList",
    "Coverage",
    "Entry",
    "Finding",
    "Form",
    "Indicator",
    "IndicatorKind",
    "MissingPolicy",
    "Outcome",
    "Period",
    "PeriodKind",
    "RatioDeclaration",
    "Report",
    "Reporter",
    "ReporterKind",
    "ReportingWindow",
    "RuleDeclaration",
    "Severity",
    "Status",
    "Temporal",
    "Unit",
    "UnitKind",
    "__version__",
    "builtin_forms",
    "load_form",
]


def __dir__() -> list[str]:
    # Notebook tab completion shows the public API only.
    return list(__all__)
