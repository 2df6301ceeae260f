"""Fuzzing every reader and the form loader: only ``cchc.errors`` exceptions come out.

Each input is a valid file with random edits (bytes or text inserted, deleted or
replaced), so most examples get past the first checks and reach the parsers.
The examples are few and small in CI (see ``tests/conftest.py``).
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cchc
from cchc.errors import CchcError, FormError
from cchc.forms.loader import form_from_data

REPORT = cchc.example_report()
TEXTS = {fmt: str(cchc.write(REPORT, fmt)) for fmt in ("txt", "json", "csv")}
OFFICE = {fmt: cchc.write(REPORT, fmt) for fmt in ("docx", "xlsx")}
MEMBERS = {"docx": "word/document.xml", "xlsx": "xl/worksheets/sheet1.xml"}
FORM_TOML = """id = "x"
title = "Mẫu thử"
[[unit]]
id = "u"
label = "Cái"
[[indicator]]
code = "1"
name = "Nhóm"
kind = "section"
[[indicator]]
code = "1.1"
name = "Số việc"
kind = "value"
unit = "Cái"
[[rule]]
id = "R1"
test = "{1.1} >= 0"
"""

# Pieces a hostile or careless file is made of, besides arbitrary characters.
_PIECES = [
    "\x00", "\ud800", "\u0001", "\t", "\n", "\r\n", "\ufeff", "9" * 5000, "1e999999999",
    "[" * 50, "{", "}", '"', "<", ">", "&", "&#0;", "<!ENTITY a 'b'>", "1.234.567", "-0",
    "2021S1", "1.1.1", "Không", "%", ",", ".", "nan", "Infinity",
]  # fmt: skip
_BYTE_PIECES = [p.encode("utf-8", "surrogatepass") for p in _PIECES]


@st.composite
def _edited(draw: st.DrawFn, base: str) -> str:
    text = base
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        piece = draw(st.sampled_from(_PIECES) | st.text(max_size=10))
        text = text[:start] + piece + text[end:]
    return text


@st.composite
def _edited_bytes(draw: st.DrawFn, base: bytes) -> bytes:
    data = base
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(data)))
        end = draw(st.integers(start, min(len(data), start + 40)))
        piece = draw(st.sampled_from(_BYTE_PIECES) | st.binary(max_size=10))
        data = data[:start] + piece + data[end:]
    return data


def _rezip(data: bytes, member: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = content if info.filename == member else source.read(info)
            target.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _read_or_refuse(data: str | bytes, fmt: str) -> None:
    try:
        report = cchc.read(data, format=fmt)
    except CchcError:
        return
    assert isinstance(report, cchc.Report)
    # What was read can be written again in every format.
    for target in ("json", "txt", "csv", "docx", "xlsx"):
        cchc.write(report, target)


_SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@pytest.mark.parametrize("fmt", sorted(TEXTS))
@_SLOW
@given(data=st.data())
def test_an_edited_text_file_reads_or_is_refused(fmt: str, data: st.DataObject) -> None:
    _read_or_refuse(data.draw(_edited(TEXTS[fmt])), fmt)


@pytest.mark.parametrize("fmt", sorted(TEXTS))
@_SLOW
@given(data=st.data())
def test_edited_text_bytes_read_or_are_refused(fmt: str, data: st.DataObject) -> None:
    _read_or_refuse(data.draw(_edited_bytes(TEXTS[fmt].encode("utf-8"))), fmt)


@pytest.mark.parametrize("fmt", sorted(OFFICE))
@_SLOW
@given(data=st.data())
def test_an_edited_office_member_reads_or_is_refused(fmt: str, data: st.DataObject) -> None:
    member = MEMBERS[fmt]
    office = OFFICE[fmt]
    assert isinstance(office, bytes)
    xml = zipfile.ZipFile(io.BytesIO(office)).read(member)
    _read_or_refuse(_rezip(office, member, data.draw(_edited_bytes(xml))), fmt)


@pytest.mark.parametrize("fmt", sorted(OFFICE))
@_SLOW
@given(data=st.data())
def test_an_edited_office_zip_reads_or_is_refused(fmt: str, data: st.DataObject) -> None:
    office = OFFICE[fmt]
    assert isinstance(office, bytes)
    _read_or_refuse(data.draw(_edited_bytes(office)), fmt)


@_SLOW
@given(data=st.data())
def test_an_edited_form_file_loads_or_is_a_form_error(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    text = data.draw(_edited(FORM_TOML))
    path = tmp_path_factory.mktemp("form") / "form.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        form = cchc.load_form(path)
    except FormError:
        return
    assert isinstance(form, cchc.Form)


_JSONISH: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=8)
    | st.sampled_from(["1", "1.1", "value", "section", "Cái", "{1.1} > 0", "count"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
_KEYS = ["id", "title", "unit", "indicator", "rule", "ratio", "reporters", "version", "schema"]
_ROW_KEYS = ["code", "name", "kind", "unit", "parent", "codes", "scoring", "reporters", "breakdown"]


@st.composite
def _form_data(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps({"id": "x", "title": "t"}))
    for key in draw(st.lists(st.sampled_from(_KEYS), max_size=5)):
        data[key] = draw(_JSONISH)
    rows = draw(
        st.lists(
            st.dictionaries(st.sampled_from(_ROW_KEYS), _JSONISH, max_size=6),
            max_size=4,
        )
    )
    if rows:
        data["indicator"] = rows
    return data


@_SLOW
@given(_form_data())
def test_form_data_of_any_shape_is_a_form_or_a_form_error(data: dict[str, Any]) -> None:
    try:
        form = form_from_data(data)
    except FormError:
        return
    assert isinstance(form, cchc.Form)
