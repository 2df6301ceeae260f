"""A register as officers save it: Excel CSVs, stray bytes, empty files (review 1, H2/H3)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from cchc.cli import main
from cchc.errors import ReadError
from cchc.examples import round_folder
from cchc.register import load_register

FOLDER = round_folder()
HEADER = "id,name,kind"


def _cp1258(text: str) -> bytes:
    """*text* as Excel saves it in Windows-1258: a tone is a mark after its letter."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, tone = (
                unicodedata.normalize("NFD", char)[:-1],
                unicodedata.normalize("NFD", char)[-1],
            )
            out += unicodedata.normalize("NFC", base).encode("cp1258") + tone.encode("cp1258")
    return out


def _round(units: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["round", str(FOLDER / "reports"), "--units", str(units), "--period", "2021S1"])
    return code, capsys.readouterr().err


def test_an_excel_csv_with_bom_and_semicolons_reads(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes("\ufeffid;name;kind\r\nsnv;Sở Nội vụ;department\r\n".encode())
    (unit,) = load_register(path).units
    assert (unit.id, unit.name, unit.kind.value) == ("snv", "Sở Nội vụ", "department")


def test_a_windows_1258_csv_reads(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes(_cp1258(f"{HEADER}\nstp,Sở Tư pháp,department\n"))
    (unit,) = load_register(path).units
    assert unit.name == "Sở Tư pháp"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("units.csv", b"id,name,kind\nsnv,S\xf6\xdf,department\n", "not UTF-8"),
        ("units.toml", b'[[unit]]\nid = "a"\nname = "\xff"\nkind = "department"\n', "UTF-8"),
        (
            "units.csv",
            "id,name,kind\nsnv,Sở Nội vụ,department,extra\n".encode(),
            "line 2: more fields than columns",
        ),
    ],
)
def test_a_bad_register_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError, match=message):
        load_register(path)
    code, err = _round(path, capsys)
    assert code == 2
    assert message in err
    assert str(path) in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("units.csv", "id,name,kind\n"),
        ("units.csv", ""),
        ("units.toml", 'schema = "cchc.units/1"\nprovince = "Tỉnh X"\n'),
    ],
)
def test_an_empty_register_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReadError, match="the register lists no unit"):
        load_register(path)
    code, err = _round(path, capsys)
    assert code == 2
    assert "the register lists no unit" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("argv", "cause"),
    [
        (["--period", "2025S1"], "they are for 2021S1; check --period"),
        (["--period", "2021S1", "--units", "OTHER"], "check --units"),
    ],
)
def test_a_round_where_no_report_matches_names_the_likely_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], cause: str
) -> None:
    other = tmp_path / "other.toml"
    other.write_text('[[unit]]\nid = "x"\nname = "Sở X"\nkind = "department"\n', "utf-8")
    options = ["--units", str(FOLDER / "units.toml"), *argv]
    options = [str(other) if o == "OTHER" else o for o in options]
    # the later --units wins, as argparse does
    code = main(["round", str(FOLDER / "reports"), "--no-progress", *options])
    err = capsys.readouterr().err
    assert code == 2
    assert "none of the 11 reports read counts in the round" in err
    assert cause in err
    assert len(err.strip().splitlines()) == 1
