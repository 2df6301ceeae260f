"""Tests of cchc.io.numbers: reading one value cell the way Vietnamese tables write it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.codes import CodeList
from cchc.findings import Severity
from cchc.io.numbers import (
    STATUS_WORDS,
    ParsedCell,
    cell_text,
    parse_number,
    parse_status,
    status_text,
)
from cchc.units import UnitKind
from cchc.values import Status

COUNT, PERCENT, SCORE, TEXT = UnitKind.COUNT, UnitKind.PERCENT, UnitKind.SCORE, UnitKind.TEXT


def rules(cell: ParsedCell) -> list[str]:
    return [issue.rule for issue in cell.issues]


# (cell, unit kind, value, raw, diagnostic rules)
READ = [
    ("49", COUNT, 49, None, []),
    ("0", COUNT, 0, None, []),
    ("02", COUNT, 2, "02", ["read.leading-zero"]),
    ("01", COUNT, 1, "01", ["read.leading-zero"]),
    ("00", COUNT, 0, "00", ["read.leading-zero"]),
    ("6460", COUNT, 6460, None, []),
    ("6.460", COUNT, 6460, "6.460", []),
    ("1.234.567", COUNT, 1234567, "1.234.567", []),
    ("-3", COUNT, -3, None, []),
    ("+5", COUNT, 5, "+5", []),
    ("\u22123", COUNT, -3, "\u22123", []),
    ("2,0", COUNT, 2, "2,0", []),
    (" 49 ", COUNT, 49, " 49 ", ["read.whitespace"]),
    ("96,55", PERCENT, Decimal("96.55"), None, []),
    ("100", PERCENT, Decimal(100), None, []),
    ("0,5", PERCENT, Decimal("0.5"), None, []),
    ("1.234,5", PERCENT, Decimal("1234.5"), "1.234,5", []),
    ("1,234", PERCENT, Decimal("1.234"), None, []),
    ("100%", PERCENT, Decimal(100), "100%", ["read.percent-sign"]),
    ("100% ", PERCENT, Decimal(100), "100% ", ["read.percent-sign", "read.whitespace"]),
    ("3,45 %", PERCENT, Decimal("3.45"), "3,45 %", ["read.percent-sign"]),
    ("-2,5", PERCENT, Decimal("-2.5"), None, []),
    ("7,25", SCORE, Decimal("7.25"), None, []),
    ("12", SCORE, Decimal(12), None, []),
    ("0", None, 0, None, []),
    ("100% ", None, Decimal(100), "100% ", ["read.percent-sign", "read.whitespace"]),
    ("2,5", None, Decimal("2.5"), None, []),
    ("Tốt", TEXT, "Tốt", None, []),
]


@pytest.mark.parametrize(("text", "kind", "value", "raw", "found"), READ)
def test_reads(
    text: str, kind: UnitKind | None, value: int | Decimal | str, raw: str | None, found: list[str]
) -> None:
    cell = parse_number(text, unit_kind=kind)
    assert cell.value == value
    assert type(cell.value) is type(value)
    assert cell.status is None
    assert cell.raw == raw
    assert rules(cell) == found


# (cell, unit kind, rule): cells kept verbatim, with no value, and the reason
KEPT = [
    ("12.5", PERCENT, "read.ambiguous-number"),
    ("12.5", COUNT, "read.ambiguous-number"),
    ("0.5", PERCENT, "read.ambiguous-number"),
    ("0.500", PERCENT, "read.ambiguous-number"),
    ("1,234.5", PERCENT, "read.ambiguous-number"),
    ("1,234.5", COUNT, "read.ambiguous-number"),
    ("1,234,567", COUNT, "read.ambiguous-number"),
    ("1,234", COUNT, "read.ambiguous-number"),
    ("2,5", COUNT, "read.not-whole-number"),
    ("50%", COUNT, "read.percent-sign"),
    ("80%", SCORE, "read.percent-sign"),
    ("abc", COUNT, "read.text-in-number"),
    ("Đang thực hiện", PERCENT, "read.text-in-number"),
    ("1 2345", COUNT, "read.text-in-number"),
    ("%", PERCENT, "read.text-in-number"),
    ("-", PERCENT, "read.dash"),
    ("12,", COUNT, "read.text-in-number"),
    (",5", PERCENT, "read.text-in-number"),
    ("1.2.3", COUNT, "read.text-in-number"),
    ("\u0663", COUNT, "read.text-in-number"),  # an Arabic-Indic digit is not a Vietnamese figure
    ("9" * 31, COUNT, "read.text-in-number"),
]


@pytest.mark.parametrize(("text", "kind", "rule"), KEPT)
def test_kept_verbatim(text: str, kind: UnitKind, rule: str) -> None:
    cell = parse_number(text, unit_kind=kind)
    assert cell.value is None
    if rule in ("read.status-text", "read.dash"):
        assert cell.status is Status.NOT_APPLICABLE
    else:
        assert cell.status is None
        assert cell.raw == text
        assert cell.issues[0].severity is Severity.WARNING
    assert rules(cell)[0] == rule
    assert all(issue.message and issue.message_en for issue in cell.issues)


def test_english_decimal_is_never_read_as_grouping() -> None:
    # babel's non-strict parse_decimal reads "12.5" as 125 (formatting.md).
    for kind in (COUNT, PERCENT, SCORE, None):
        cell = parse_number("12.5", unit_kind=kind)
        assert cell.value is None
        assert "12,5" in cell.issues[0].message


STATUSES = [
    ("Chưa kiểm tra", Status.NOT_YET_DONE),
    ("Chưa thực hiện", Status.NOT_YET_DONE),
    ("chưa thực hiện.", Status.NOT_YET_DONE),
    ("Chưa đến hạn", Status.NOT_YET_DUE),
    ("Không có", Status.NOT_APPLICABLE),
    ("Không áp dụng", Status.NOT_APPLICABLE),
    ("x", Status.NOT_APPLICABLE),
    ("X", Status.NOT_APPLICABLE),
    ("-", Status.NOT_APPLICABLE),
    ("…", Status.NOT_REPORTED),
]


@pytest.mark.parametrize(("text", "status"), STATUSES)
@pytest.mark.parametrize("kind", [COUNT, PERCENT, None])
def test_status_words(text: str, status: Status, kind: UnitKind | None) -> None:
    cell = parse_number(text, unit_kind=kind)
    assert cell.value is None
    assert cell.status is status
    # A lone dash has its own diagnostic: many tables use it for "none" (dash="zero").
    assert rules(cell) == ["read.dash" if text == "-" else "read.status-text"]
    assert cell.issues[0].severity is Severity.INFO
    # The raw cell is kept unless it is exactly the status's own label.
    assert cell.raw == (None if text == status.label else text)


def test_status_word_table_keys_are_match_keys() -> None:
    assert all(parse_status(word) is status for word, status in STATUS_WORDS.items())
    assert parse_status("12") is None


def test_coded_rows() -> None:
    legend = CodeList.parse("Đã thực hiện = 1\nChưa thực hiện = 0")
    assert parse_number("1", codes=legend).value == 1
    by_label = parse_number("Chưa thực hiện", codes=legend)
    assert (by_label.value, by_label.status, by_label.raw) == (0, None, "Chưa thực hiện")
    assert rules(by_label) == ["read.code-label"]
    assert rules(parse_number("1,5", codes=legend)) == ["read.not-whole-number"]
    assert rules(parse_number("100%", codes=legend)) == ["read.percent-sign"]
    # A code outside the legend is still read: rule F3 judges it.
    assert parse_number("7", codes=legend).value == 7


def test_status_text_avoids_the_legend() -> None:
    legend = CodeList.parse("Đã thực hiện = 1\nChưa thực hiện = 0")
    for status in Status:
        written = status_text(status, legend)
        cell = parse_number(written, codes=legend)
        assert (cell.value, cell.status, cell.raw) == (None, status, None)
        assert status_text(status) == status.label
    assert status_text(Status.NOT_YET_DONE, legend) == "Chưa triển khai"


def test_blank_cells() -> None:
    for text in ("", "   ", "\u00a0", "\n"):
        cell = parse_number(text, unit_kind=COUNT)
        assert cell.is_blank
        assert cell == ParsedCell()


def test_cell_text() -> None:
    assert cell_text(6460) == "6460"
    assert cell_text(-3) == "-3"
    assert cell_text(Decimal("96.55")) == "96,55"
    assert cell_text(Decimal("100.00")) == "100,00"
    assert cell_text(Decimal("1E+3")) == "1000"
    assert cell_text(Status.NOT_YET_DONE) == "Chưa thực hiện"
    assert cell_text("Tốt") == "Tốt"
    assert cell_text(None) == ""


@given(st.integers(-(10**15), 10**15))
def test_whole_numbers_round_trip(value: int) -> None:
    for kind in (COUNT, None):
        cell = parse_number(cell_text(value), unit_kind=kind)
        assert (cell.value, cell.raw, cell.issues) == (value, None, ())


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9
    )
)
def test_decimals_round_trip(value: Decimal) -> None:
    for kind in (PERCENT, SCORE):
        cell = parse_number(cell_text(value), unit_kind=kind)
        assert cell.value == value
        assert cell.raw is None
        assert cell.issues == ()


@given(st.integers(1, 10**12))
def test_vietnamese_grouping_reads_the_same_number(value: int) -> None:
    grouped = f"{value:,}".replace(",", ".")
    cell = parse_number(grouped, unit_kind=COUNT)
    assert cell.value == value


@given(st.text(max_size=40), st.sampled_from([COUNT, PERCENT, SCORE, TEXT, None]))
def test_any_text_reads_to_a_value_a_status_or_a_kept_cell(
    text: str, kind: UnitKind | None
) -> None:
    cell = parse_number(text, unit_kind=kind)
    assert cell.value is None or cell.status is None
    if cell.value is None and cell.status is None and not cell.is_blank:
        assert cell.raw == text
        assert any(issue.severity is Severity.WARNING for issue in cell.issues)
    if kind is COUNT and cell.value is not None:
        assert type(cell.value) is int
    if kind in (PERCENT, SCORE) and cell.value is not None:
        assert type(cell.value) is Decimal


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("12 500", COUNT, 12500),
        ("1\u00a0234\u00a0567", COUNT, 1234567),
        ("12 500,5", PERCENT, Decimal("12500.5")),
    ],
)
def test_thousands_separated_by_spaces_are_read_and_said(
    text: str, kind: UnitKind, value: int | Decimal
) -> None:
    cell = parse_number(text, unit_kind=kind)
    assert cell.value == value
    assert rules(cell) == ["read.space-thousands"]
    assert cell.issues[0].severity is Severity.INFO


@pytest.mark.parametrize("dash", ["-", "\u2013", "\u2014"])
def test_a_lone_dash_is_not_applicable_or_zero_as_the_caller_chooses(dash: str) -> None:
    default = parse_number(dash, unit_kind=COUNT)
    assert default.status is Status.NOT_APPLICABLE and default.value is None
    assert rules(default) == ["read.dash"]
    assert "--dash zero" in default.issues[0].message
    zero = parse_number(dash, unit_kind=COUNT, dash="zero")
    assert zero.value == 0 and type(zero.value) is int and zero.status is None
    assert rules(zero) == ["read.dash"]
    assert parse_number(dash, unit_kind=PERCENT, dash="zero").value == Decimal(0)
