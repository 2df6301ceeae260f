"""What a notebook shows: short reprs, and HTML views with findings, links and captions."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import cchc


def parse(html: str) -> ET.Element:
    return ET.fromstring(html)  # noqa: S314 - our own output, under test


def test_reprs_are_one_short_line() -> None:
    report = cchc.example_report()
    later = report.with_value("1.1.1", 50).evolve(period="2021")
    shown = [
        repr(report),
        repr(cchc.check(report)),
        repr(cchc.ratios(report)),
        repr(cchc.compare(report, later)),
    ]
    for text in shown:
        assert len(text) < 300 and "\n" not in text, text
    assert shown[0] == "<Report 'Sở Nội vụ' 2021S1 phu-luc-2b: 80 entries, 22 reading diagnostics>"
    long = report.evolve(reporter=cchc.Reporter("Ủy ban nhân dân " * 30, kind="district"))
    assert len(repr(long)) < 300


def test_the_pieces_have_short_reprs_too() -> None:
    report = cchc.example_report()
    pieces = [
        *report.form,
        *cchc.ratios(report),
        *cchc.check(report).all,
        *cchc.compare(report, report.evolve(period="2021")).changes,
    ]
    too_long = [text for text in map(repr, pieces) if len(text) >= 300 or "\n" in text]
    assert too_long == []
    assert repr(cchc.ratios(report)[0]) == "<Ratio plan-tasks-done = 83.67: 1.1.2 / 1.1.1>"
    assert repr(report.form["1.4.2"]) == "<Indicator 1.4.2 'Hình thức khảo sát' coded>"


def test_a_report_shows_its_rule_findings_with_linked_footnotes() -> None:
    html = cchc.example_report()._repr_html_()
    root = parse(html)
    rules = {li.get("data-rule") for li in root.iter("li")}
    assert {"R26", "R15"} <= rules
    assert any(rule and rule.startswith("read.") for rule in rules)  # reading problems too
    ids = {li.get("id") for li in root.iter("li")}
    links = [a.get("href") for a in root.iter("a")]
    assert links and all(link and link.startswith("#") and link[1:] in ids for link in links)
    # The rows R26 names are marked and footnoted.
    marked = root.findall(".//tr[@data-findings]")
    assert any("R26" in (tr.get("data-findings") or "").split() for tr in marked)


def test_check_and_ratio_tables_say_whose_they_are() -> None:
    report = cchc.example_report()
    for html in (cchc.check(report)._repr_html_(), cchc.ratios(report)._repr_html_()):
        caption = parse(html).find(".//caption")
        assert caption is not None
        assert "".join(caption.itertext()) == "Sở Nội vụ, 6 tháng đầu năm 2021"


def test_a_comparison_has_an_html_view() -> None:
    report = cchc.example_report()
    later = report.with_value("1.1.1", 98).evolve(period="2021S2")
    root = parse(cchc.compare(report, later)._repr_html_())
    row = root.find(".//tr[@data-code='1.1.1']")
    assert row is not None and row.get("data-direction") == "up"
    cells = [td.text for td in row]
    assert cells[2:] == ["49", "98", "↑", "+49", "100%"]
    assert re.search(r"\d+ dòng không đổi", "".join(root.itertext()))
