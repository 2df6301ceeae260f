"""JSON Schema documents: valid schemas, and every document cchc writes validates."""

from __future__ import annotations

import datetime
import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator, FormatChecker

import cchc
from cchc import strategies as cst
from cchc.cli import main
from cchc.schemas import SCHEMA_NAMES, schema


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name), format_checker=FormatChecker())


def errors(name: str, document: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator(name).iter_errors(document)]


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_schema_is_a_valid_json_schema(name: str) -> None:
    Draft202012Validator.check_schema(schema(name))
    assert schema(name)["title"] == f"cchc.{name}/1"


def test_cchc_schema_report_prints_a_schema_the_seed_json_validates_against(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "report"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == schema("report")
    seed = json.loads(cchc.dumps(cchc.example_report()))
    assert errors("report", seed) == []


def _as_json(value: object) -> object:
    """A TOML document as a schema-aware TOML editor sees it: dates are ISO strings."""
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("name", ["phu-luc-2b.toml", "phu-luc-2b-2025.toml"])
def test_the_built_in_forms_validate_against_the_form_schema(name: str) -> None:
    text = resources.files("cchc.forms").joinpath(name).read_text(encoding="utf-8")
    assert errors("form", _as_json(tomllib.loads(text))) == []


def test_an_aggregate_with_coverage_and_distributions_validates() -> None:
    def unit(name: str, code: int) -> cchc.Report:
        return cchc.Report(
            form=cchc.load_form(period="2021S1"),
            reporter=cchc.Reporter(name, kind="district"),
            period="2021S1",
            entries={"1.1.1": 4, "1.4.1": 3, "1.4.2": code},
        )

    total = cchc.aggregate(
        [unit("A", 0), unit("B", 1), unit("C", 1)],
        reporter=cchc.Reporter("Tỉnh", kind="province"),
    )
    document = json.loads(cchc.dumps(total))
    assert document["entries"]["1.4.2"]["distribution"] == {"0": 1, "1": 2}
    assert errors("report", document) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=cst.reports())
def test_any_report_cchc_writes_validates(report: cchc.Report) -> None:
    assert errors("report", json.loads(cchc.dumps(report))) == []


def test_the_schema_rejects_what_the_reader_rejects() -> None:
    seed = json.loads(cchc.dumps(cchc.example_report()))
    seed["entries"]["1.1.1"]["ghi_chu"] = "x"
    seed["period"] = "2021H1"
    seed["entries"]["1.2"]["value"] = 1  # a value and a status
    found = errors("report", seed)
    assert len(found) == 3, found


def test_a_units_register_from_the_contract_validates() -> None:
    register = tomllib.loads(
        """
schema = "cchc.units/1"
province = "Tỉnh Nghệ An"

[[unit]]
id = "snv"
name = "Sở Nội vụ"
kind = "department"

[[unit]]
id = "h-nam-dan"
name = "UBND huyện Nam Đàn"
kind = "district"
valid_until = "2025-06-30"
"""
    )
    assert errors("units", register) == []
    register["unit"][0]["kind"] = "ministry"
    assert len(errors("units", register)) == 1


def test_a_round_document_from_the_contract_validates() -> None:
    document = {
        "schema": "cchc.round/1",
        "form": "phu-luc-2b",
        "period": "2021S1",
        "units": {
            "expected": 42,
            "received": 41,
            "missing": [{"id": "h-ky-son", "name": "UBND huyện Kỳ Sơn", "kind": "district"}],
            "unknown": [{"file": "x.txt", "name": "Sở Lạ"}],
            "duplicates": [],
            "late": [{"id": "snv", "submitted": "2021-06-20", "deadline": "2021-06-18"}],
        },
        "reports": [
            {
                "file": "so-noi-vu.txt",
                "unit": "snv",
                "name": "Sở Nội vụ",
                "kind": "department",
                "summary": {"error": 3, "warning": 5, "info": 0},
                "failed": ["R15", "R24", "R26"],
            }
        ],
        "excluded": [{"unit": "snv", "code": "4.3.2", "rule": "F2"}],
        "aggregate": json.loads(cchc.dumps(cchc.example_report())),
        "aggregate_findings": [],
    }
    assert errors("round", document) == []


def test_the_enumerations_of_the_schemas_are_those_of_the_library() -> None:
    from cchc.model import BreakdownKind, IndicatorKind, MissingPolicy, ReporterKind, Temporal
    from cchc.units import UnitKind

    def values(enum: Any) -> list[str]:
        return [member.value for member in enum]

    report, form = schema("report"), schema("form")
    assert report["$defs"]["reporterKind"]["enum"] == values(ReporterKind)
    assert report["$defs"]["entry"]["properties"]["status"]["enum"] == values(cchc.Status)
    indicator = form["$defs"]["indicator"]["properties"]
    assert indicator["kind"]["enum"] == values(IndicatorKind)
    assert indicator["breakdown"]["enum"] == values(BreakdownKind)
    assert indicator["temporal"]["enum"] == values(Temporal)
    rule = form["properties"]["rule"]["items"]["properties"]
    assert rule["severity"]["enum"] == values(cchc.Severity)
    assert rule["missing"]["enum"] == values(MissingPolicy)
    assert form["properties"]["unit"]["items"]["properties"]["kind"]["enum"] == values(UnitKind)
    for name in ("units", "round"):
        kinds = json.dumps(schema(name))
        assert all(f'"{kind}"' in kinds for kind in values(ReporterKind))
