"""The JSON interchange format ``cchc.report/1``: exact round trips, strict reading."""

from __future__ import annotations

import contextlib
import copy
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc
from cchc.errors import CchcError, ReadError
from cchc.io.json import SCHEMA, dumps, from_dict, loads, make_converter, to_dict
from cchc.values import FrozenMap

FORM = cchc.load_form("phu-luc-2b@2021")
SNV = cchc.Reporter("Sở Nội vụ", kind="department")


def _doc(**entries: Any) -> dict[str, Any]:
    return {
        "schema": "cchc.report/1",
        "form": "phu-luc-2b",
        "reporter": {"name": "Sở Nội vụ", "kind": "department"},
        "period": "2021S1",
        "entries": entries or {"1.1.1": {"value": 49}},
    }


def _problems(data: str | bytes | dict[str, Any], **options: Any) -> list[tuple[str, str]]:
    """The (location, message) of every problem reading *data* raises."""
    text = json.dumps(data, ensure_ascii=False) if isinstance(data, dict) else data
    with pytest.raises(ReadError) as info:
        loads(text, source="so-noi-vu.json", **options)
    assert info.value.source == "so-noi-vu.json"
    assert str(info.value).startswith("so-noi-vu.json: ")
    for problem in info.value.problems:
        assert problem.source == "so-noi-vu.json"
        assert f"  {problem.location}: {problem.message}" in str(info.value)
    return [(p.location or "", p.message) for p in info.value.problems]


def _one(data: str | bytes | dict[str, Any], **options: Any) -> tuple[str, str]:
    problems = _problems(data, **options)
    assert len(problems) == 1, problems
    return problems[0]


WHOLE = "expected a whole number (a JSON integer)"
STATUSES = "one of not-applicable, not-yet-due, not-yet-done, not-reported"
KINDS = "one of department, district, commune, central, province"

SEEDLIKE = cchc.Report(
    form=FORM,
    reporter=SNV,
    period="2021S1",
    entries={
        "1.1.1": 49,
        "1.1.2": cchc.Entry(value=41, note="6 nhiệm vụ đã hoàn thành, 35 đang thực hiện"),
        "1.2": cchc.Entry(
            status=cchc.Status.NOT_YET_DONE,
            note="Chưa kiểm tra. Theo KH cuối tháng 6",
            raw="Chưa kiểm tra",
        ),
        "1.4.2": 0,
        "3.3.3": cchc.Entry(value=Decimal("100"), raw="100% "),
        "3.1.3.a": cchc.Entry(value=2, raw="02"),
        "7.1.2": 1,
        "5": 3,  # a value typed into a section heading (rule F4 flags it)
    },
)


# --------------------------------------------------------------------------
# Writing


def test_dumps_writes_the_contract_document() -> None:
    doc = json.loads(dumps(SEEDLIKE))
    assert list(doc) == ["schema", "form", "reporter", "period", "entries"]
    assert doc["schema"] == SCHEMA == "cchc.report/1"
    assert doc["form"] == "phu-luc-2b"
    assert doc["reporter"] == {"name": "Sở Nội vụ", "kind": "department"}
    assert doc["period"] == "2021S1"
    assert doc["entries"]["1.1.1"] == {"value": 49}
    assert doc["entries"]["3.3.3"] == {"value": "100", "raw": "100% "}
    assert doc["entries"]["1.2"] == {
        "status": "not-yet-done",
        "note": "Chưa kiểm tra. Theo KH cuối tháng 6",
        "raw": "Chưa kiểm tra",
    }
    assert doc["entries"]["1.4.2"] == {"value": 0}  # zero is a value, never dropped
    assert doc["entries"]["5"] == {"value": 3}


def test_entries_follow_the_form_order() -> None:
    doc = json.loads(dumps(SEEDLIKE))
    assert list(doc["entries"]) == [c for c in FORM.codes if c in SEEDLIKE.entries]
    assert list(doc["entries"])[:3] == ["1.1.1", "1.1.2", "1.2"]


def test_dumps_is_deterministic_utf8_text_ending_with_a_newline() -> None:
    text = dumps(SEEDLIKE)
    assert text == dumps(SEEDLIKE)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "Sở Nội vụ" in text and "\\u" not in text
    assert dumps(SEEDLIKE, indent=None).count("\n") == 1


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Decimal("83.67"), "83.67"),
        (Decimal("83.670"), "83.670"),
        (Decimal("1E+2"), "100"),
        (Decimal("1.5E-7"), "0.00000015"),
        (Decimal(100), "100"),
        (Decimal("0"), "0"),
        (Decimal("-2.5"), "-2.5"),
    ],
)
def test_decimals_are_plain_strings_never_exponents_nor_floats(
    value: Decimal, written: str
) -> None:
    report = cchc.Report(form=FORM, reporter=SNV, period="2021S1", entries={"3.3.3": value})
    assert to_dict(report)["entries"]["3.3.3"] == {"value": written}
    back = loads(dumps(report))
    assert back["3.3.3"].value == value and isinstance(back["3.3.3"].value, Decimal)


def test_a_header_row_keeps_an_int_or_a_decimal() -> None:
    report = cchc.Report(
        form=FORM, reporter=SNV, period="2021S1", entries={"1": 3, "2": Decimal("2.5")}
    )
    assert to_dict(report)["entries"] == {"1": {"value": 3}, "2": {"value": "2.5"}}
    back = loads(dumps(report))
    assert back == report
    assert type(back.value("1")) is int and type(back.value("2")) is Decimal


def test_reporter_id_and_parent_are_written_when_present() -> None:
    reporter = cchc.Reporter("UBND xã B", kind="commune", id="x-b", parent="h-a")
    report = cchc.Report(form=FORM, reporter=reporter, period="2021Q1")
    assert to_dict(report)["reporter"] == {
        "name": "UBND xã B",
        "kind": "commune",
        "id": "x-b",
        "parent": "h-a",
    }
    assert to_dict(report)["entries"] == {}
    assert loads(dumps(report)) == report


def test_aggregate_fields_round_trip() -> None:
    entry = cchc.Entry(
        value=1,
        coverage=cchc.values.Coverage(7, 9),
        distribution=FrozenMap({0: 3, 1: 4}),
        contributors=("UBND huyện A", "UBND huyện B"),
    )
    report = cchc.Report(
        form=FORM,
        reporter=cchc.Reporter("Tỉnh X", kind="province"),
        period="2021",
        entries={"1.5": entry, "1.1.1": cchc.Entry(coverage=cchc.values.Coverage(0, 9))},
    )
    doc = to_dict(report)
    assert doc["entries"]["1.5"] == {
        "value": 1,
        "coverage": {"reported": 7, "expected": 9},
        "distribution": {"0": 3, "1": 4},
        "contributors": ["UBND huyện A", "UBND huyện B"],
    }
    assert doc["entries"]["1.1.1"] == {"coverage": {"reported": 0, "expected": 9}}
    assert loads(dumps(report)) == report


def test_empty_entries_and_diagnostics_are_not_written() -> None:
    tuples: dict[str, Any] = {"indicators": ("1.1.1",)}  # Any: see test_aggregate_fields…
    finding = cchc.Finding(
        rule="read.test",
        outcome=cchc.Outcome.FAIL,
        severity=cchc.Severity.WARNING,
        message="thử",
        **tuples,
    )
    report = cchc.Report(
        form=FORM, reporter=SNV, period="2021S1", entries={"1.1.1": 49, "1.1.2": cchc.Entry()}
    ).evolve(diagnostics=(finding,))
    doc = to_dict(report)
    assert doc["entries"] == {"1.1.1": {"value": 49}}
    assert "diagnostics" not in doc
    assert loads(dumps(report)) == report.evolve(entries={"1.1.1": 49}, diagnostics=())


def test_to_dict_holds_only_json_types() -> None:
    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                assert type(key) is str
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        else:
            assert type(value) in (str, int), value

    walk(to_dict(SEEDLIKE))


# --------------------------------------------------------------------------
# Round trips


def test_seedlike_report_round_trips_exactly() -> None:
    text = dumps(SEEDLIKE)
    assert loads(text) == SEEDLIKE
    assert dumps(loads(text)) == text
    assert dumps(loads(text.encode())) == text
    compact = dumps(SEEDLIKE, indent=None)
    assert dumps(loads(compact), indent=None) == compact


def test_the_seed_round_trips_exactly() -> None:
    seed = cchc.example_report()
    assert seed.diagnostics  # the seed's defects, which format v1 does not carry
    text = dumps(seed)
    assert loads(text) == seed.evolve(diagnostics=())
    assert dumps(loads(text)) == text
    doc = json.loads(text)
    assert doc["entries"]["1.1.1"] == {"value": 49}
    assert doc["entries"]["3.3.3"]["value"] == "100"
    assert doc["entries"]["1.2"]["status"] == "not-yet-done"
    assert doc["entries"]["2.1"]["raw"] == "02"


def test_the_public_names_are_the_same_functions() -> None:
    assert cchc.dumps is dumps and cchc.loads is loads
    assert "dumps" in cchc.__all__ and "loads" in cchc.__all__


def test_make_converter_is_a_factory() -> None:
    first, second = make_converter(), make_converter()
    assert first is not second
    doc = first.unstructure(SEEDLIKE)
    assert doc == to_dict(SEEDLIKE) == second.unstructure(SEEDLIKE)
    assert second.structure(doc, cchc.Report) == SEEDLIKE


def test_from_dict_reads_python_data() -> None:
    doc = _doc(**{"3.3.3": {"value": Decimal("83.67")}, "1.1.1": {"value": 49}})
    report = from_dict(doc)
    assert report.value("3.3.3") == Decimal("83.67") and report.value("1.1.1") == 49
    assert list(report.entries) == ["1.1.1", "3.3.3"]  # the form's order, not the document's
    assert from_dict(copy.deepcopy(to_dict(SEEDLIKE))) == SEEDLIKE


def test_a_json_number_is_accepted_for_a_decimal_exactly() -> None:
    text = json.dumps(_doc(**{"3.3.3": {"value": 1}})).replace("1}", "83.67}")
    assert '"value": 83.67' in text
    report = loads(text)
    assert report.value("3.3.3") == Decimal("83.67")  # exact: never through a float
    assert loads(json.dumps(_doc(**{"3.3.3": {"value": 100}})))["3.3.3"].value == Decimal(100)
    assert loads(text.replace("83.67", "1e2")).value("3.3.3") == 100
    assert loads(text.replace("83.67", "0.1")).value("3.3.3") == Decimal("0.1")


def test_an_empty_entry_object_is_read_as_blank() -> None:
    report = loads(json.dumps(_doc(**{"1.1.1": {}, "1.1.2": {"value": 4}})))
    assert "1.1.1" not in report.entries and report["1.1.1"].is_blank


def test_a_byte_order_mark_is_accepted() -> None:
    text = dumps(SEEDLIKE)
    assert loads(("\ufeff" + text).encode()) == SEEDLIKE
    assert loads("\ufeff" + text) == SEEDLIKE


def test_the_form_argument() -> None:
    text = dumps(SEEDLIKE)
    assert loads(text, form=FORM) == SEEDLIKE
    assert loads(text, form="phu-luc-2b") == SEEDLIKE
    other = FORM.__class__(id="bieu-khac", title="Biểu khác", indicators=FORM.indicators)
    location, message = _one(text, form=other)
    assert location == "$.form"
    assert message == "the report is for form 'phu-luc-2b', not 'bieu-khac'"
    report = cchc.Report(form=other, reporter=SNV, period="2021S1", entries={"1.1.1": 49})
    assert loads(dumps(report), form=other) == report
    location, message = _one(dumps(report))
    assert location == "$.form" and "unknown form 'bieu-khac'" in message
    assert "pass another form as form=" in message


# --------------------------------------------------------------------------
# Strict reading: every problem names its JSON path


def test_invalid_json_names_line_and_column() -> None:
    assert _one('{\n  "schema": "cchc.report/1",\n  "form" "phu-luc-2b"\n}') == (
        "line 3, column 10",
        "invalid JSON: Expecting ':' delimiter",
    )
    assert _one("") == ("line 1, column 1", "invalid JSON: Expecting value")
    location, message = _one('{"schema": "cchc.report/1"} trailing')
    assert location == "line 1, column 29" and "Extra data" in message


@pytest.mark.parametrize(
    ("text", "described"),
    [("[]", "an array"), ('"report"', 'the string "report"'), ("3", "the integer 3")],
)
def test_a_document_must_be_an_object(text: str, described: str) -> None:
    assert _one(text) == ("$", f"a report must be a JSON object, not {described}")


def test_bytes_that_are_not_utf8() -> None:
    location, message = _one(dumps(SEEDLIKE).encode("utf-16"))
    assert location == "byte 0" and "not UTF-8" in message
    utf8 = dumps(SEEDLIKE).encode()
    legacy = utf8.replace("Sở".encode(), b"S\xf5")  # "ở" as a legacy 8-bit code page writes it
    location, message = _one(legacy)
    assert location == f"byte {utf8.index('Sở'.encode()) + 1}"
    assert message == "not UTF-8 text (bytes f5 20 4e e1 …): save the file as UTF-8"


def test_missing_keys() -> None:
    doc = _doc()
    del doc["period"], doc["entries"]
    assert _problems(doc) == [
        ("$.period", "missing: a report needs 'period'"),
        ("$.entries", "missing: a report needs 'entries'"),
    ]
    doc = _doc()
    del doc["reporter"]["kind"]
    assert _one(doc) == ("$.reporter.kind", "missing: a reporter needs 'kind'")


def test_unknown_top_level_keys() -> None:
    doc = _doc()
    doc["diagnostics"] = []
    doc["tên"] = "x"
    assert _problems(doc) == [
        (
            "$.diagnostics",
            "unknown key 'diagnostics' in a report "
            "(allowed: schema, form, reporter, period, entries, form_version, submitted)",
        ),
        (
            '$["tên"]',
            "unknown key 'tên' in a report "
            "(allowed: schema, form, reporter, period, entries, form_version, submitted)",
        ),
    ]


def test_unknown_reporter_and_entry_keys() -> None:
    doc = _doc(**{"1.1.2": {"value": 41, "ghi_chu": "x"}})
    doc["reporter"]["level"] = 1
    assert _problems(doc) == [
        ("$.reporter.level", "unknown key 'level' in a reporter (allowed: name, kind, id, parent)"),
        (
            '$.entries["1.1.2"].ghi_chu',
            "unknown key 'ghi_chu' in an entry "
            "(allowed: value, status, note, raw, coverage, distribution, contributors)",
        ),
    ]


def test_unknown_indicator_code() -> None:
    assert _one(_doc(**{"9.9.9": {"value": 1}})) == (
        '$.entries["9.9.9"]',
        "unknown indicator code '9.9.9': form 'phu-luc-2b' has no such row",
    )


def test_an_entry_must_be_an_object() -> None:
    location, message = _one(_doc(**{"1.1.1": 49}))
    assert location == '$.entries["1.1.1"]'
    assert message == 'an entry must be a JSON object, not the integer 49 (write {"value": 49})'
    assert _one(_doc(**{"1.1.1": [49]})) == (
        '$.entries["1.1.1"]',
        "an entry must be a JSON object, not an array",
    )


EXPECTED = {
    "1.1.2": "counts Nhiệm vụ: expected a whole number (a JSON integer)",
    "1.4.2": "is answered with a code (0, 1, 2): expected a whole number (a JSON integer)",
    "3.3.3": 'is a percent: expected a decimal string such as "83.67"',
    "1": "is a heading that holds no text: expected a number",
}


@pytest.mark.parametrize(
    ("code", "value", "described"),
    [
        ("1.1.2", "41", 'the string "41"'),
        ("1.1.2", "41.0", 'the string "41.0"'),
        ("1.1.2", 41.5, "the number 41.5"),
        ("1.1.2", True, "true"),
        ("1.1.2", None, "null"),
        ("1.4.2", "1", 'the string "1"'),
        ("1.4.2", False, "false"),
        ("1.4.2", 1.0, "the number 1.0"),
        ("3.3.3", "83,67", 'the string "83,67"'),
        ("3.3.3", "100%", 'the string "100%"'),
        ("3.3.3", "Chưa kiểm tra", 'the string "Chưa kiểm tra"'),
        ("3.3.3", "1e2", 'the string "1e2"'),
        ("3.3.3", " 1", 'the string " 1"'),
        ("3.3.3", "٣", 'the string "٣"'),  # not an ASCII digit
        ("3.3.3", True, "true"),
        ("3.3.3", {"v": 1}, "an object"),
        ("1", "ba", 'the string "ba"'),
        ("1", True, "true"),
    ],
)
def test_a_value_of_the_wrong_type_for_its_row(code: str, value: object, described: str) -> None:
    location, message = _one(_doc(**{code: {"value": value}}))
    assert location == f'$.entries["{code}"].value'
    assert message == f"{code} ({FORM[code].display_name}) {EXPECTED[code]}, not {described}"


@pytest.mark.parametrize(
    ("literal", "described"),
    [
        ("NaN", "the number NaN, not a finite number"),
        ("-Infinity", "the number -Infinity, not a finite number"),
        ("1e999999999", "the number 1e999999999, out of range"),
        ("1" * 5000, "too long (5000 digits)"),
    ],
)
def test_numbers_cchc_will_not_hold(literal: str, described: str) -> None:
    text = json.dumps(_doc(**{"3.3.3": {"value": 0}})).replace('"value": 0', f'"value": {literal}')
    location, message = _one(text)
    assert location == '$.entries["3.3.3"].value' and message.endswith(described)


def test_a_float_from_python_is_refused() -> None:
    with pytest.raises(ReadError, match="floats are inexact") as info:
        from_dict(_doc(**{"3.3.3": {"value": 83.67}}))
    assert info.value.problems[0].location == '$.entries["3.3.3"].value'


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("Chưa kiểm tra", f"unknown status 'Chưa kiểm tra' ({STATUSES})"),
        ("NOT_YET_DUE", f"unknown status 'NOT_YET_DUE' ({STATUSES})"),
        (1, "expected a string, not the integer 1"),
    ],
)  # fmt: skip
def test_bad_status(status: object, message: str) -> None:
    assert _one(_doc(**{"1.2": {"status": status}})) == ('$.entries["1.2"].status', message)


def test_every_status_reads() -> None:
    for status in cchc.Status:
        report = loads(json.dumps(_doc(**{"1.2": {"status": status.value}})))
        assert report["1.2"].status is status


def test_a_value_and_a_status_together() -> None:
    assert _one(_doc(**{"1.1.1": {"value": 1, "status": "not-yet-due"}})) == (
        '$.entries["1.1.1"]',
        "an entry has a value or a status (why there is no value), not both",
    )


@pytest.mark.parametrize(
    ("period", "message"),
    [
        (
            "2021H1",
            "not a period id: '2021H1' "
            "(expected e.g. 2021Q1, 2021S1, 2021, 2021M09, 2021-07-21..2021-08-20)",
        ),
        ("2021Q5", "not a period id: '2021Q5'"),
        ("6 tháng đầu năm 2021", "not a period id: '6 tháng đầu năm 2021'"),
        ("2021s1", "write the period as its id '2021S1', not '2021s1'"),
        (" 2021S1", "write the period as its id '2021S1', not ' 2021S1'"),
        (2021, "expected a string, not the integer 2021"),
    ],
)
def test_malformed_period(period: object, message: str) -> None:
    doc = _doc()
    doc["period"] = period
    location, got = _one(doc)
    assert location == "$.period" and got.startswith(message)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("sở", f"unknown reporter kind 'sở' ({KINDS})"),
        ("DEPARTMENT", f"unknown reporter kind 'DEPARTMENT' ({KINDS})"),
        (None, "expected a string, not null"),
    ],
)  # fmt: skip
def test_bad_reporter_kind(kind: object, message: str) -> None:
    doc = _doc()
    doc["reporter"]["kind"] = kind
    assert _one(doc) == ("$.reporter.kind", message)


def test_bad_reporter_fields() -> None:
    doc = _doc()
    doc["reporter"] = {"name": 7, "kind": "district", "id": None, "parent": ["h"]}
    assert _problems(doc) == [
        ("$.reporter.name", "expected a string, not the integer 7"),
        ("$.reporter.id", "expected a string, not null"),
        ("$.reporter.parent", "expected a string, not an array"),
    ]
    doc["reporter"] = "Sở Nội vụ"
    assert _one(doc) == (
        "$.reporter",
        'a reporter must be a JSON object, not the string "Sở Nội vụ"',
    )


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ("cchc.report/2", "unsupported schema version 'cchc.report/2': this cchc reads 'cchc.report/1'"),  # noqa: E501
        ("cchc.form/1", "not a cchc report: schema is 'cchc.form/1', expected 'cchc.report/1'"),
        (1, "expected the string 'cchc.report/1', not the integer 1"),
    ],
)  # fmt: skip
def test_wrong_schema(schema: object, message: str) -> None:
    doc = _doc()
    doc["schema"] = schema
    assert _one(doc) == ("$.schema", message)


def test_form_that_is_not_a_string_or_not_built_in() -> None:
    doc = _doc()
    doc["form"] = "/etc/passwd"  # never read as a path: only built-in ids, or form=
    location, message = _one(doc)
    assert location == "$.form" and message.startswith("unknown form '/etc/passwd'")
    doc["form"] = ["phu-luc-2b"]
    assert _one(doc) == ("$.form", "expected a string, not an array")


def test_entries_must_be_an_object() -> None:
    doc = _doc()
    doc["entries"] = [{"code": "1.1.1", "value": 49}]
    assert _one(doc) == ("$.entries", "entries must be a JSON object, not an array")


def test_repeated_keys_are_an_error_not_last_one_wins() -> None:
    text = json.dumps(_doc()).replace(
        '"entries": {', '"entries": {"1.1.1": {"value": 48}, "1.1.2": {"value": 1, "value": 2}, '
    )
    assert _problems(text) == [
        ('$.entries["1.1.1"]', "appears more than once (JSON would keep only the last)"),
        ('$.entries["1.1.2"].value', "appears more than once (JSON would keep only the last)"),
    ]


def test_bad_aggregate_fields() -> None:
    entry = {
        "coverage": {"reported": "7", "of": 9},
        "distribution": {"01": 3, "1": 4.5},
        "contributors": ["UBND huyện A", None],
    }
    at = '$.entries["1.5"]'
    assert _problems(_doc(**{"1.5": entry})) == [
        (f"{at}.coverage.of", "unknown key 'of' in a coverage (allowed: reported, expected)"),
        (f"{at}.coverage.expected", "missing: a coverage needs 'expected'"),
        (f"{at}.coverage.reported", f'{WHOLE}, not the string "7"'),
        (f'{at}.distribution["01"]', "a distribution key is a code such as \"1\", not '01'"),
        (f'{at}.distribution["1"]', f"{WHOLE}, not the number 4.5"),
        (f"{at}.contributors[1]", "expected a string, not null"),
    ]
    assert _one(_doc(**{"1.5": {"contributors": "UBND huyện A"}})) == (
        '$.entries["1.5"].contributors',
        'expected an array of reporter names, not the string "UBND huyện A"',
    )


def test_every_problem_of_a_document_is_reported_at_once() -> None:
    doc = {
        "schema": "cchc.report/1",
        "form": "phu-luc-2b",
        "reporter": {"name": "Sở Nội vụ", "kind": "sở"},
        "period": "6 tháng đầu năm 2021",
        "entries": {
            "1.1.1": {"value": "49"},
            "1.1.2": {"value": 41, "note": 6},
            "9.9": {"value": 1},
            "3.3.3": {"value": "83,67", "status": "chưa"},
        },
        "extra": True,
    }
    problems = _problems(doc)
    assert [location for location, _ in problems] == [
        "$.extra",
        "$.reporter.kind",
        "$.period",
        '$.entries["1.1.1"].value',
        '$.entries["1.1.2"].note',
        '$.entries["9.9"]',
        '$.entries["3.3.3"].value',
        '$.entries["3.3.3"].status',
        '$.entries["3.3.3"]',
    ]
    with pytest.raises(ReadError) as info:
        loads(json.dumps(doc), source="so-noi-vu.json")
    assert str(info.value).splitlines()[0] == "so-noi-vu.json: 9 problems:"


# --------------------------------------------------------------------------
# Properties


# What a report can hold: no control character, no lone surrogate (docs/limits.md).
TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff"))


def _decimals() -> st.SearchStrategy[Decimal]:
    return st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9)


def _value(indicator: cchc.Indicator) -> st.SearchStrategy[Any]:
    if indicator.kind.is_header:
        return st.integers() | _decimals()
    if indicator.codes is not None:
        return st.sampled_from(indicator.codes.values) | st.integers(-5, 5)
    if indicator.is_count:
        return st.integers(0, 10_000) | st.integers()
    return _decimals()


@st.composite
def entries(draw: st.DrawFn, indicator: cchc.Indicator, text: st.SearchStrategy[str]) -> cchc.Entry:
    state = draw(st.sampled_from(["value", "status", "blank"]))
    small = st.integers(0, 50)
    tuples: dict[str, Any] = {"contributors": draw(st.lists(text, max_size=3))}
    return cchc.Entry(
        value=draw(_value(indicator)) if state == "value" else None,
        status=draw(st.sampled_from(cchc.Status)) if state == "status" else None,
        note=draw(st.none() | text),
        raw=draw(st.none() | text),
        coverage=draw(st.none() | st.builds(cchc.values.Coverage, small, small)),
        distribution=draw(
            st.none() | st.dictionaries(st.integers(-3, 5), small, max_size=3).map(FrozenMap)
        ),
        **tuples,
    )


@st.composite
def reports(draw: st.DrawFn, text: st.SearchStrategy[str] = TEXT) -> cchc.Report:
    """Reports of the built-in form, with any values, statuses, notes and aggregate fields.

    Valid for the model, not for the rules: the format must carry any report.
    """
    codes = draw(st.lists(st.sampled_from(FORM.codes), unique=True, max_size=12))
    drawn = {code: draw(entries(FORM[code], text)) for code in codes}
    reporter = cchc.Reporter(
        draw(text),
        draw(st.sampled_from(cchc.model.ReporterKind)),
        id=draw(st.none() | text),
        parent=draw(st.none() | text),
    )
    period = draw(st.sampled_from(["2021Q1", "2021S1", "2021Q3", "2021", "2022S2", "2019Q4"]))
    return cchc.Report(
        form=FORM,
        reporter=reporter,
        period=period,
        entries={code: entry for code, entry in drawn.items() if not entry.is_empty},
    )


@given(reports())
def test_report_to_json_to_report_is_the_same_report(report: cchc.Report) -> None:
    assert loads(dumps(report)) == report
    assert loads(dumps(report, indent=None).encode()) == report
    assert from_dict(json.loads(json.dumps(to_dict(report)))) == report


@given(reports())
def test_json_written_by_dumps_reads_back_to_the_same_bytes(report: cchc.Report) -> None:
    text = dumps(report)
    assert dumps(loads(text)) == text
    assert "E" not in "".join(
        entry.get("value", "")
        for entry in json.loads(text)["entries"].values()
        if isinstance(entry.get("value"), str)
    )


@given(st.text() | st.binary())
def test_arbitrary_input_raises_only_cchc_errors(data: str | bytes) -> None:
    with contextlib.suppress(CchcError):
        loads(data)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.floats(allow_nan=False),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(st.data())
def test_any_json_in_any_place_raises_only_read_errors(data: st.DataObject) -> None:
    doc: Any = copy.deepcopy(_doc(**{"1.1.2": {"value": 41, "note": "x"}, "3.3.3": {"value": "1"}}))
    # Walk down a random path of the valid document and put arbitrary JSON there.
    holder, key = doc, data.draw(st.sampled_from(sorted(doc)))
    while isinstance(holder[key], dict) and holder[key] and data.draw(st.booleans()):
        holder, key = holder[key], data.draw(st.sampled_from(sorted(holder[key])))
    holder[key] = data.draw(_JSON)
    try:
        report = loads(json.dumps(doc))
    except ReadError as error:
        problems = error.problems
    else:
        assert loads(dumps(report)) == report
        return
    assert problems and all(p.location for p in problems)
