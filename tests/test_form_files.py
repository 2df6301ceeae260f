"""Loading forms from files: a province's variant, and every kind of bad file."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import cchc
from cchc.errors import FormError, UnknownFormError

GOOD = """
schema = "cchc.form/1"
id = "bien-the"
title = "Biến thể của tỉnh"
reporters = ["department", "district"]

[[unit]]
id = "cuoc-hop"
label = "Cuộc họp"
synonyms = ["Buổi họp"]

[[indicator]]
code = "1"
name = "Công tác chỉ đạo"
kind = "section"

[[indicator]]
code = "1.1"
name = "Số cuộc họp"
kind = "value"
unit = "Buổi họp"
temporal = "flow"
reporters = ["district"]

[[indicator]]
code = "1.2"
name = "Có tổ chức đối thoại"
kind = "coded"
codes = "Không = 0\\nCó = 1"
"""


def _write(tmp_path: Path, text: str, name: str = "form.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_province_variant_loads_through_the_same_loader(tmp_path: Path) -> None:
    form = cchc.load_form(_write(tmp_path, GOOD))
    assert form.id == "bien-the" and len(form) == 3
    assert form["1.1"].unit is not None and form["1.1"].unit.label == "Cuộc họp"
    assert form["1.1"].reporters.kinds == {cchc.model.ReporterKind.DISTRICT}
    assert form["1.2"].reporters.kinds == {
        cchc.model.ReporterKind.DEPARTMENT,
        cchc.model.ReporterKind.DISTRICT,
    }
    assert form["1.2"].codes is not None and 1 in form["1.2"].codes
    assert form.source is not None and form.source.endswith("form.toml")
    # A report on the variant validates against its units.
    report = cchc.Report(
        form=form,
        reporter=cchc.Reporter("UBND huyện A", kind="district"),
        period="2022Q1",
        entries={"1.1": 3, "1.2": 1},
    )
    assert report["1.1"].value == 3


def test_json_form_files_load_too(tmp_path: Path) -> None:
    data = {
        "id": "json-form",
        "title": "JSON",
        "indicator": [
            {"code": "1", "name": "Mục", "kind": "section"},
            {"code": "1.1", "name": "Tỷ lệ", "kind": "value", "unit": "%"},
        ],
    }
    form = cchc.load_form(_write(tmp_path, json.dumps(data), "form.json"))
    assert form["1.1"].is_percent


BAD = """
schema = "cchc.form/1"
id = "hong"
title = "Hỏng"
colour = "blue"

[[indicator]]
code = "1"
name = "Mục"
kind = "section"

[[indicator]]
code = "1.1"
name = "Số cái"
kind = "value"
unit = "Cái"

[[indicator]]
code = "1.1"
name = "Trùng"
kind = "value"
unit = "Người"

[[indicator]]
code = "2.1"
name = "Mồ côi"
kind = "value"
unit = "Người"

[[indicator]]
code = "1.2"
name = "Mã hỏng"
kind = "coded"
codes = "Có\\nKhông"

[[indicator]]
code = "1.3"
name = "Khoá lạ"
kind = "value"
unit = "Người"
colour = "red"
temporal = "sometimes"
"""


def test_a_bad_form_file_lists_every_problem_with_its_location(tmp_path: Path) -> None:
    path = _write(tmp_path, BAD)
    with pytest.raises(FormError) as caught:
        cchc.load_form(path)
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, cchc.errors.CchcError)
    messages = [(p.location, p.message) for p in error.problems]
    assert ("top level", "unknown key 'colour'") in messages
    by_message = {message: location for location, message in messages}
    assert by_message["unknown unit 'Cái'"] == "line 12, indicator 2 (1.1)"
    duplicate = next(m for m in by_message if m.startswith("duplicate code '1.1'"))
    assert by_message[duplicate] == "line 18, indicator 3 (1.1)"
    assert by_message["parent '2' is not in the form"] == "line 24, indicator 4 (2.1)"
    assert any(m.startswith("bad code list: line 1 'Có'") for m in by_message)
    assert by_message["unknown key 'colour'"] in {"top level", "line 36, indicator 6 (1.3)"}
    assert any(m.startswith("unknown temporal nature 'sometimes'") for m in by_message)
    assert all(p.source == str(path) for p in error.problems)
    assert str(path) in str(error) and "problems:" in str(error)
    assert len(error.problems) == 7
    again = pickle.loads(pickle.dumps(error))
    assert again.problems == error.problems and str(again) == str(error)


HEAD = "id = 'x'\ntitle = 'x'\n"
ROW = "[[indicator]]\ncode='1'\nname='a'\nkind='value'\nunit='Người'\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id = 'x'\ntitle = 'x'\n", "a form needs a non-empty list of [[indicator]] tables"),
        (
            "id = 'x'\ntitle = 'x'\n[[indicator]]\ncode='1'\nname='a'\nkind='group'\n",
            "a group row needs rows below it",
        ),
        (
            "title = 'x'\n[[indicator]]\ncode='1'\nname='a'\nkind='value'\nunit='Người'\n",
            "missing key 'id'",
        ),
        (
            "id = 'x'\ntitle = 'x'\n[[indicator]]\ncode='1'\nname='a'\nkind='value'\n",
            "a value row needs a 'unit' or 'codes'",
        ),
        (
            HEAD + ROW.replace("code='1'", "code='1.x.2'"),
            "malformed code",
        ),
        (
            HEAD + ROW + "reporters=['ministry']\n",
            "unknown reporter kind 'ministry'",
        ),
        (
            HEAD + "schema = 'cchc.form/9'\n" + ROW,
            "unsupported schema",
        ),
        (
            HEAD + ROW + "[[rule]]\nid='R1'\n",
            "missing key 'test'",
        ),
        ("id = 'x'\ntitle = = 'x'\n", "not valid TOML"),
    ],
)
def test_each_kind_of_bad_form_file(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(FormError) as caught:
        cchc.load_form(_write(tmp_path, text))
    assert any(message in p.message for p in caught.value.problems), caught.value


def test_unknown_form_ids_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(UnknownFormError):
        cchc.load_form("phu-luc-2c")
    with pytest.raises(UnknownFormError):
        cchc.load_form(tmp_path / "missing.toml")
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(FormError, match="cannot read the file"):
        cchc.load_form(binary)
    not_a_table = _write(tmp_path, "[1, 2]", "list.json")
    with pytest.raises(FormError, match="must hold a table"):
        cchc.load_form(not_a_table)


def test_the_builtin_form_is_loaded_once() -> None:
    assert cchc.load_form() is cchc.load_form("phu-luc-2b")
    assert cchc.forms.builtin_forms() == ("phu-luc-2b",)
