"""The JSON the ``cchc`` command prints: findings, reporters, the problems of a file.

Kept apart from :mod:`cchc.cli` so that the command's module stays about arguments.
"""

from __future__ import annotations

from decimal import Decimal

import cchc
import cchc.model
import cchc.rules
from cchc.errors import CchcError

__all__ = ["finding_json", "problems_json", "reporter_json"]


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, cchc.Severity | cchc.Outcome | cchc.model.MissingPolicy):
        return value.value
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    return value


def finding_json(finding: cchc.Finding) -> dict[str, object]:
    """A finding as ``cchc check --format json`` prints it."""
    data: dict[str, object] = {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "outcome": finding.outcome.value,
        "indicators": list(finding.indicators),
        "message": finding.message,
        "message_en": finding.message_en,
    }
    for key in ("left", "operator", "right", "imbalance", "location"):
        value = getattr(finding, key)
        if value is not None:
            data[key] = _json_value(value)
    if finding.missing:
        data["missing"] = list(finding.missing)
    if isinstance(finding, cchc.rules.RuleFinding):
        data["title"] = finding.title
        data["expression"] = finding.expression
        if finding.working:
            data["working"] = finding.working
        if finding.missing_policy is not None:
            data["missing_policy"] = finding.missing_policy.value
    return data


def reporter_json(reporter: cchc.Reporter) -> dict[str, str]:
    """A reporter as ``cchc check --format json`` prints it."""
    data = {"name": reporter.name, "kind": reporter.kind.value}
    if reporter.id is not None:
        data["id"] = reporter.id
    if reporter.parent is not None:
        data["parent"] = reporter.parent
    return data


def problems_json(error: CchcError) -> list[dict[str, str | None]]:
    """Every problem of an unreadable file, for ``"unreadable"`` in ``--format json``."""
    problems = getattr(error, "problems", None)
    if problems is None:
        return [{"location": error.location, "message": error.message}]
    return [{"location": p.location, "message": p.message} for p in problems]
