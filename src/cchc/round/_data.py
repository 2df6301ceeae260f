"""The round as the ``cchc.round/1`` JSON document (contract §8)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from cchc.findings import Finding
from cchc.register import ReportingUnit

if TYPE_CHECKING:
    from cchc.round._build import Round

__all__ = ["SCHEMA", "finding_data", "round_data"]

SCHEMA = "cchc.round/1"
"""The ``schema`` of a round document."""


def _unit(unit: ReportingUnit) -> dict[str, str]:
    return {"id": unit.id, "name": unit.name, "kind": unit.kind.value}


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:f}"
    return value


def finding_data(finding: Finding) -> dict[str, Any]:
    """A finding as ``cchc check --format json`` writes it (its main members)."""
    data: dict[str, Any] = {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "outcome": finding.outcome.value,
        "indicators": list(finding.indicators),
        "message": finding.message,
    }
    if finding.message_en:
        data["message_en"] = finding.message_en
    return data


def round_data(round_: Round) -> dict[str, Any]:
    """The ``cchc.round/1`` document of *round_*."""
    from cchc.io.json import to_dict  # noqa: PLC0415

    units: dict[str, Any] = {
        "expected": len(round_.expected),
        "received": len(round_.received),
        "missing": [_unit(unit) for unit in round_.missing],
        "unknown": [{"file": a.file, "name": a.name} for a in round_.unknown],
        "duplicates": [
            {**_unit(unit), "file": item.file, "kept": kept.file}
            for unit, item in round_.duplicates
            for kept in [dict(round_.received)[unit]]
        ],
        "late": [
            {
                "id": late.unit.id,
                "name": late.unit.name,
                "file": late.file,
                "submitted": late.submitted.isoformat(),
                "deadline": late.deadline.isoformat(),
            }
            for late in round_.late
        ],
        "set_aside": [
            {"file": a.file, "name": a.name, "reason": a.reason, "detail": a.detail}
            for a, _ in round_.set_aside
            if a.reason != "unknown"
        ],
        "unreadable": [{"file": u.file, "message": u.message} for u in round_.unreadable],
    }
    reports = [
        {
            "file": item.file,
            "unit": unit.id,
            "name": unit.name,
            "kind": unit.kind.value,
            **({"submitted": item.report.submitted.isoformat()} if item.report.submitted else {}),
            "summary": dict(item.summary),
            "failed": list(item.failed),
            "findings": [finding_data(f) for f in item.findings],
            "ratios": {rid: _plain(value) for rid, value in item.ratios},
        }
        for unit, item in round_.received
    ]
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "form": round_.form.id,
        "period": round_.period.id,
        "deadline": round_.deadline.isoformat(),
        "units": units,
        "reports": reports,
        "excluded": [
            {
                "unit": e.unit.id,
                "name": e.unit.name,
                "code": e.code,
                "rule": e.rule,
                "value": _plain(e.value),
            }
            for e in round_.excluded
        ],
        "rankings": {
            ratio_id: [{"unit": unit.id, "value": _plain(value)} for unit, value in rows]
            for ratio_id, rows in round_.rankings().items()
        },
        "aggregate": to_dict(round_.aggregate),
        "aggregate_findings": [finding_data(f) for f in round_.aggregate_findings],
    }
    if round_.comparison is not None:
        data["comparison"] = {
            "units": list(round_.compared_units),
            **round_.comparison.as_data(),
        }
    return data
