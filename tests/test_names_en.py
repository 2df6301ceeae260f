"""English names of the built-in form's rows (``Indicator.name_en``) and their use."""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET

import pytest

import cchc
from cchc import render
from cchc.formatting import Formatter, format_name
from cchc.forms import form_from_data

FORM = cchc.load_form("phu-luc-2b@2021")
SNV = cchc.Reporter("Sở Nội vụ", kind="department")
# Punctuation an English name may use beyond ASCII; never a Vietnamese letter.
ALLOWED = frozenset("–’")


def parse(html: str) -> ET.Element:
    return ET.fromstring(html)  # noqa: S314 - our own output, under test


def report() -> cchc.Report:
    return cchc.Report(form=FORM, reporter=SNV, period="2021S1", entries={"1.1.1": 49})


@pytest.mark.parametrize("indicator", list(FORM), ids=lambda i: i.code)
def test_every_row_has_an_english_name(indicator: cchc.Indicator) -> None:
    name = indicator.name_en
    assert name.strip() == name != ""
    assert name not in (indicator.name, indicator.display_name)
    assert "\n" not in name  # multi-line names (7.1.2) are one English line
    outside = {ch for ch in name if not ch.isascii() and ch not in ALLOWED}
    assert not outside, f"{indicator.code}: {sorted(outside)}"
    assert not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", name))


def test_english_names_are_distinct() -> None:
    names = [i.name_en for i in FORM]
    assert len(set(names)) == len(names) == 143


def test_format_name_picks_the_language() -> None:
    row = FORM["1.1.1"]
    assert format_name(row) == "Số nhiệm vụ đề ra trong kế hoạch"
    assert format_name(row, locale="en_GB") == row.name_en == "Tasks set in the plan"
    assert Formatter("en").format_name(row) == row.name_en
    # Vietnamese shows the corrected name, not the printed typo (2.2: "thẩm quyển").
    assert format_name(FORM["2.2"]) == FORM["2.2"].display_name != FORM["2.2"].name


def test_report_text_shows_the_name_of_its_locale() -> None:
    english = render.report_text(report(), locale="en", width=120)
    vietnamese = render.report_text(report(), locale="vi", width=120)
    assert "Tasks set in the plan" in english
    assert "Số nhiệm vụ đề ra trong kế hoạch" not in english
    assert "Số nhiệm vụ đề ra trong kế hoạch" in vietnamese
    assert "Tasks set in the plan" not in vietnamese


def test_table_rows_and_html_use_english_names() -> None:
    rows = {r.code: r for r in render.table_rows(report(), locale="en")}
    assert all(rows[i.code].name == i.name_en for i in FORM)
    rows_vi = {r.code: r for r in render.table_rows(report())}
    assert all(rows_vi[i.code].name == i.display_name for i in FORM)

    root = parse(render.report_html(report(), locale="en"))
    cells = root.findall(".//tr[@data-code='1.1.1']/td")
    assert cells[1].text == "Tasks set in the plan"

    for locale, expected in (("en", "name_en"), ("vi", "display_name")):
        root = parse(render.form_html(FORM, locale=locale))
        for tr in root.iterfind(".//tbody/tr"):
            indicator = FORM[tr.get("data-code", "")]
            name = "".join(tr.findall("td")[1].itertext())
            assert name == getattr(indicator, expected).replace("\n", "")


def test_a_form_without_english_names_keeps_the_vietnamese_ones() -> None:
    form = form_from_data(
        {
            "id": "vi-du",
            "title": "Biểu mẫu ví dụ",
            "indicator": [
                {"code": "1", "name": "Kế hoạch CCHC", "kind": "section"},
                {"code": "1.1", "name": "Số nhiệm vụ", "kind": "value", "unit": "Nhiệm vụ"},
            ],
        }
    )
    assert form["1.1"].name_en == ""
    assert format_name(form["1.1"], locale="en") == "Số nhiệm vụ"
    rows = render.table_rows(cchc.Report(form=form, reporter=SNV, period="2021S1"), locale="en")
    assert [r.name for r in rows] == ["Kế hoạch CCHC", "Số nhiệm vụ"]
