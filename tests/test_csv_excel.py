"""CSV as Excel saves it (semicolons, a byte-order mark, Windows-1258) and for Excel."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

import cchc
from cchc.cli import main
from cchc.errors import ReadError
from cchc.io.csv import read_csv, write_csv

TONES = "\u0300\u0301\u0303\u0309\u0323"
HEADER = "form;reporter;kind;period;code;value;note\r\n"
ROW = "phu-luc-2b;Sở Nội vụ;department;2021S1;1.1.1;49;Chưa kiểm tra\r\n"


def windows_1258(text: str) -> bytes:
    """*text* as Windows-1258 saves it: a tone is a combining mark after its letter."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tone = next(c for c in parts if c in TONES)
            base = unicodedata.normalize("NFC", parts.replace(tone, ""))
            out += (base + tone).encode("cp1258")
    return bytes(out)


def rules(report: cchc.Report) -> list[str]:
    return [d.rule for d in report.diagnostics]


def test_semicolons_with_a_byte_order_mark_read_with_a_diagnostic() -> None:
    report = read_csv(("\ufeff" + HEADER + ROW).encode("utf-8"), source="x.csv")
    assert report["1.1.1"] == cchc.Entry(value=49, note="Chưa kiểm tra")
    assert report.reporter.name == "Sở Nội vụ"
    assert rules(report) == ["read.csv-semicolon"]


def test_windows_1258_reads_as_vietnamese_with_a_diagnostic() -> None:
    data = windows_1258(HEADER + ROW)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    report = read_csv(data, source="x.csv")
    assert report.reporter.name == "Sở Nội vụ"
    assert report["1.1.1"].note == "Chưa kiểm tra"
    assert rules(report) == ["read.csv-semicolon", "read.csv-encoding"]


def test_other_code_pages_are_refused_with_a_clear_message() -> None:
    data = "code,value,note\r\n1.1.1,49,Größe\r\n".encode("cp1252")
    with pytest.raises(ReadError, match=r"not UTF-8 text, nor Vietnamese Windows-1258.*CSV UTF-8"):
        read_csv(data, source="x.csv")


def test_a_comma_file_has_no_dialect_diagnostic() -> None:
    report = cchc.example_report().evolve(diagnostics=())
    again = read_csv(write_csv(report, bom=True).encode("utf-8"))
    assert again == report


def test_semicolon_content_is_recognised_without_an_extension() -> None:
    report = cchc.read((HEADER + ROW).encode("utf-8"))
    assert report["1.1.1"].value == 49


def test_convert_excel_writes_a_byte_order_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "r.json"
    source.write_text(cchc.dumps(cchc.example_report()), encoding="utf-8")
    out = tmp_path / "r.csv"
    assert main(["convert", str(source), "--to", "csv", "--excel", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfform,")
    assert main(["convert", str(source), "--to", "json", "--excel"]) == 2
    assert "--excel chỉ dùng khi xuất CSV" in capsys.readouterr().err


def test_decimal_commas_read_in_a_semicolon_file() -> None:
    head = "form;reporter;kind;period;code;value\r\n"
    rows = (
        "phu-luc-2b;Sở Nội vụ;department;2021S1;3.3.3;83,67\r\n"
        "phu-luc-2b;Sở Nội vụ;department;2021S1;1.1.1;49\r\n"
    )
    report = read_csv((head + rows).encode("utf-8-sig"), source="x.csv")
    assert report["3.3.3"].value == Decimal("83.67")
    with pytest.raises(ReadError, match="not '83,67'"):
        read_csv((head + rows).replace(";", ",").replace("83,67", '"83,67"'), source="x.csv")
