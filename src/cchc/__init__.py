"""cchc: Vietnamese administrative-reform (CCHC) statistics.

Forms as immutable data, reports read from the real tables, exact ratios, rule
checks that explain themselves, aggregation across reporters and comparison
across periods.

This module is the front door: what a notebook user types. Everything else is
public in its topic module (:mod:`cchc.model`, :mod:`cchc.rules`,
:mod:`cchc.aggregation`, :mod:`cchc.comparison`, :mod:`cchc.ratio`, :mod:`cchc.io`,
:mod:`cchc.render`, …), each with its own ``__all__``.

>>> import cchc
>>> form = cchc.load_form()
>>> form["1.1.2"].name
'Số nhiệm vụ đã hoàn thành'
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Any

from cchc._version import __version__

if TYPE_CHECKING:
    from cchc.aggregation import aggregate
    from cchc.batch import check_many
    from cchc.comparison import Comparison, compare
    from cchc.findings import Finding, Outcome, Severity
    from cchc.formatting import Formatter
    from cchc.forms import load_form
    from cchc.io import example_report, read, write
    from cchc.io.json import dumps, loads
    from cchc.model import Form, Indicator
    from cchc.periods import Period
    from cchc.ratio import Ratios, ratios
    from cchc.reports import Report, Reporter
    from cchc.round import Round
    from cchc.rules import CheckResult, RuleSet, check
    from cchc.tables import findings_records, records
    from cchc.values import Entry, Status

__all__ = [
    "CheckResult",
    "Comparison",
    "Entry",
    "Finding",
    "Form",
    "Formatter",
    "Indicator",
    "Outcome",
    "Period",
    "Ratios",
    "Report",
    "Reporter",
    "Round",
    "RuleSet",
    "Severity",
    "Status",
    "__version__",
    "aggregate",
    "check",
    "check_many",
    "compare",
    "dumps",
    "example_report",
    "findings_records",
    "load_form",
    "loads",
    "ratios",
    "read",
    "records",
    "write",
]

# Names the first release exported from the front door, and their topic module now.
# They still resolve, with a DeprecationWarning that names the new import.
_MOVED = {
    name: module
    for module, names in {
        "cchc.aggregation": "AggregateRatio Maximum Mean Median Minimum RateMethod"
        " WeightedMean aggregate_ratio rate_method",
        "cchc.codes": "Code CodeList",
        "cchc.comparison": "Change Direction flow_between",
        "cchc.forms": "builtin_forms",
        "cchc.io": "write_file",
        "cchc.model": "Applicability BreakdownKind IndicatorKind MissingPolicy"
        " RatioDeclaration ReporterKind RuleDeclaration Temporal",
        "cchc.periods": "PeriodKind ReportingWindow",
        "cchc.ratio": "Ratio RatioReason",
        "cchc.rules": "Policy RuleFinding RuleSummary rule",
        "cchc.units": "Unit UnitKind",
        "cchc.values": "Coverage",
    }.items()
    for name in names.split()
}


# The front door binds late (PEP 562): each name is imported from its topic module on
# first use, so that `import cchc` costs next to nothing and a script pays only for
# what it touches. `from cchc import check` and `cchc.check` work as usual.
_HOMES = {
    name: module
    for module, names in {
        "cchc.aggregation": "aggregate",
        "cchc.batch": "check_many",
        "cchc.comparison": "Comparison compare",
        "cchc.findings": "Finding Outcome Severity",
        "cchc.formatting": "Formatter",
        "cchc.forms": "load_form",
        "cchc.io": "example_report read write",
        "cchc.io.json": "dumps loads",
        "cchc.model": "Form Indicator",
        "cchc.periods": "Period",
        "cchc.ratio": "Ratios ratios",
        "cchc.reports": "Report Reporter",
        "cchc.round": "Round",
        "cchc.rules": "CheckResult RuleSet check",
        "cchc.tables": "findings_records records",
        "cchc.values": "Entry Status",
    }.items()
    for name in names.split()
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is not None:
        value = getattr(importlib.import_module(home), name)
        globals()[name] = value  # bound once: later look-ups do not come here
        return value
    module = _MOVED.get(name)
    if module is None:
        if not name.startswith("_"):
            try:  # a topic module: `import cchc; cchc.model.ReporterKind`
                return importlib.import_module(f"cchc.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"cchc.{name}":
                    raise
        raise AttributeError(f"module 'cchc' has no attribute {name!r}")
    warnings.warn(
        f"cchc.{name} moved to {module}.{name}: import it from there"
        " (the front door keeps the names a notebook user types)",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    # Notebook tab completion shows the public API only.
    return list(__all__)
