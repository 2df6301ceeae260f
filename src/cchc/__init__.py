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
from cchc.aggregation import (
    AggregateRatio,
    Maximum,
    Mean,
    Median,
    Minimum,
    RateMethod,
    WeightedMean,
    aggregate,
    aggregate_ratio,
    rate_method,
)
from cchc.batch import check_many
from cchc.codes import Code, CodeList
from cchc.comparison import Change, Comparison, Direction, compare, flow_between
from cchc.findings import Finding, Outcome, Severity
from cchc.formatting import Formatter
from cchc.forms import builtin_forms, load_form
from cchc.io import example_report, read, write, write_file
from cchc.io.json import dumps, loads
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
from cchc.ratio import Ratio, RatioReason, Ratios, ratios
from cchc.reports import Report, Reporter
from cchc.rules import CheckResult, Policy, RuleFinding, RuleSet, RuleSummary, check, rule
from cchc.tables import findings_records, records
from cchc.units import Unit, UnitKind
from cchc.values import Coverage, Entry, Status

__all__ = [
    "AggregateRatio",
    "Applicability",
    "BreakdownKind",
    "Change",
    "CheckResult",
    "Code",
    "CodeList",
    "Comparison",
    "Coverage",
    "Direction",
    "Entry",
    "Finding",
    "Form",
    "Formatter",
    "Indicator",
    "IndicatorKind",
    "Maximum",
    "Mean",
    "Median",
    "Minimum",
    "MissingPolicy",
    "Outcome",
    "Period",
    "PeriodKind",
    "Policy",
    "RateMethod",
    "Ratio",
    "RatioDeclaration",
    "RatioReason",
    "Ratios",
    "Report",
    "Reporter",
    "ReporterKind",
    "ReportingWindow",
    "RuleDeclaration",
    "RuleFinding",
    "RuleSet",
    "RuleSummary",
    "Severity",
    "Status",
    "Temporal",
    "Unit",
    "UnitKind",
    "WeightedMean",
    "__version__",
    "aggregate",
    "aggregate_ratio",
    "builtin_forms",
    "check",
    "check_many",
    "compare",
    "dumps",
    "example_report",
    "findings_records",
    "flow_between",
    "load_form",
    "loads",
    "rate_method",
    "ratios",
    "read",
    "records",
    "rule",
    "write",
    "write_file",
]


def __dir__() -> list[str]:
    # Notebook tab completion shows the public API only.
    return list(__all__)
