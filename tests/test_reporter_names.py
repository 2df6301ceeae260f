"""Reporting units' names and kinds, and ``--reporter/--kind/--period`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cchc
from cchc.cli import main
from cchc.io.table import parse_title
from cchc.io.text import write_text
from cchc.model import ReporterKind
from cchc.reporter_names import reporter_kind, tidy_unit_name
from cchc.values import Coverage

K = ReporterKind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("UBND xã Nam Đàn", K.COMMUNE),
        ("UBND phường Ba Đình", K.COMMUNE),
        ("UBND đặc khu Phú Quốc", K.COMMUNE),
        ("Ủy ban nhân dân đặc khu Côn Đảo", K.COMMUNE),
        ("Đặc khu Phú Quốc", K.COMMUNE),
        ("Trung tâm Phục vụ hành chính công tỉnh Nghệ An", K.DEPARTMENT),
        ("Đài Phát thanh và Truyền hình tỉnh", K.DEPARTMENT),
        ("Thanh tra tỉnh", K.DEPARTMENT),
        ("Sở Nông nghiệp và Môi trường", K.DEPARTMENT),
        ("UBND thành phố Hà Nội", K.PROVINCE),
        ("UBND TP Hồ Chí Minh", K.PROVINCE),
        ("UBND thành phố Vinh", K.DISTRICT),
        ("UBND huyện Nam Đàn", K.DISTRICT),
        ("Bảo hiểm xã hội tỉnh", K.CENTRAL),
    ],
)
def test_reporter_kinds_of_the_two_level_government(name: str, kind: ReporterKind) -> None:
    assert reporter_kind(name) is kind
    assert reporter_kind(name.upper()) is kind


def test_names_that_tell_no_kind() -> None:
    assert reporter_kind("Trung tâm Y tế huyện X") is None
    assert reporter_kind("Công ty ABC") is None


@pytest.mark.parametrize(
    ("caps", "prose"),
    [
        ("SỞ NỘI VỤ", "Sở Nội vụ"),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
        ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch"),
        ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
        ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Sở Nông nghiệp và Môi trường"),
        ("SỞ CÔNG THƯƠNG", "Sở Công Thương"),
        ("SỞ Y TẾ", "Sở Y tế"),
        ("VĂN PHÒNG UBND TỈNH", "Văn phòng UBND tỉnh"),
        ("THANH TRA TỈNH", "Thanh tra tỉnh"),
        ("CỤC THUẾ TỈNH NGHỆ AN", "Cục Thuế tỉnh Nghệ An"),
        ("KHO BẠC NHÀ NƯỚC TỈNH", "Kho bạc Nhà nước tỉnh"),
        ("BẢO HIỂM XÃ HỘI TỈNH", "Bảo hiểm xã hội tỉnh"),
        (
            "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH NGHỆ AN",
            "Trung tâm Phục vụ hành chính công tỉnh Nghệ An",
        ),
        ("UBND ĐẶC KHU PHÚ QUỐC", "UBND đặc khu Phú Quốc"),
        ("UBND XÃ NAM ĐÀN", "UBND xã Nam Đàn"),
        ("ỦY BAN NHÂN DÂN PHƯỜNG VINH PHÚ", "Ủy ban nhân dân phường Vinh Phú"),
        ("UBND TỈNH NGHỆ AN", "UBND tỉnh Nghệ An"),
        ("  SỞ   NỘI VỤ. ", "Sở Nội vụ"),
        ("Sở Nội Vụ", "Sở Nội Vụ"),  # mixed case is kept as written
    ],
)
def test_all_caps_names_are_spelled_as_in_prose(caps: str, prose: str) -> None:
    assert tidy_unit_name(caps) == prose


def test_titles_name_the_new_units() -> None:
    for line, name, kind in [
        ("TẠI SỞ NỘI VỤ QUÝ I NĂM 2026", "Sở Nội vụ", K.DEPARTMENT),
        ("TẠI UBND ĐẶC KHU PHÚ QUỐC 6 THÁNG ĐẦU NĂM 2026", "UBND đặc khu Phú Quốc", K.COMMUNE),
        (
            "TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH NGHỆ AN NĂM 2026",
            "Trung tâm Phục vụ hành chính công tỉnh Nghệ An",
            K.DEPARTMENT,
        ),
    ]:
        block = parse_title([line])
        assert block.reporter == cchc.Reporter(name, kind=kind), line


# -- the command line --------------------------------------------------------------------------


@pytest.fixture
def untitled(tmp_path: Path) -> Path:
    """A table cchc wrote itself for a unit whose name tells no kind."""
    form = cchc.load_form(period="2026S1")
    report = cchc.Report(
        form=form,
        reporter=cchc.Reporter("Trung tâm Y tế huyện X", kind="department"),
        period="2026S1",
        entries={"1.1.1": 10, "1.1.2": 4},
    )
    path = tmp_path / "trung-tam.txt"
    path.write_text(write_text(report), encoding="utf-8")
    return path


@pytest.fixture
def headless(tmp_path: Path) -> Path:
    """A table without a title block: no reporter, no period."""
    text = write_text(cchc.example_report()).split("\n", 4)[4]
    path = tmp_path / "bang.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_without_the_flags_such_files_exit_2(
    untitled: Path, headless: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["check", str(untitled)], ["show", str(headless)], ["ratios", str(headless)]):
        assert main(argv) == 2, argv
    err = capsys.readouterr().err
    assert "--reporter NAME --kind KIND" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["ratios"],
        ["show", "--color", "never"],
        ["convert", "--to", "json"],
    ],
)
def test_every_reading_command_takes_reporter_kind_and_period(
    argv: list[str], headless: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ["--reporter", "Sở Nội vụ", "--period", "2021S1"]
    code = main([argv[0], str(headless), *argv[1:], *flags])
    out = capsys.readouterr().out
    assert code in (0, 1)  # check exits 1: the seed breaks error rules
    assert "Sở Nội vụ" in out


def test_kind_is_given_when_the_name_does_not_tell_it(
    untitled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["convert", str(untitled), "--to", "json", "--reporter", "Trung tâm Y tế huyện X"]
    assert main(argv) == 2
    assert "thêm --kind" in capsys.readouterr().err
    assert main([*argv, "--kind", "department"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reporter"] == {"name": "Trung tâm Y tế huyện X", "kind": "department"}
    assert data["period"] == "2026S1"


def test_kind_alone_changes_the_kind_of_the_titled_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "so.json"
    path.write_text(cchc.dumps(cchc.example_report()), encoding="utf-8")
    assert main(["check", str(path), "--kind", "central", "--format", "json"]) == 1
    (result,) = json.loads(capsys.readouterr().out)["results"]
    assert result["reporter"] == {"name": "Sở Nội vụ", "kind": "central"}
    assert "read.reporter-differs" in {f["rule"] for f in result["findings"]}


def test_aggregate_takes_a_reporter_per_file_and_the_period(
    headless: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = tmp_path / "bang-2.txt"
    second.write_text(headless.read_text(encoding="utf-8"), encoding="utf-8")
    files = [str(headless), str(second)]
    assert main(["aggregate", *files, "--period", "2021S1"]) == 2
    capsys.readouterr()
    assert main(["aggregate", *files, "--reporter", "Sở A", "--period", "2021S1"]) == 2
    assert "cần --reporter cho mỗi FILE" in capsys.readouterr().err
    argv = ["aggregate", *files, "--reporter", "Sở A", "--reporter", "Sở B", "--period", "2021S1"]
    assert main(argv) == 0
    total = cchc.loads(capsys.readouterr().out)
    assert total.period.id == "2021S1" and total["1.1.1"].value == 98
    assert total["1.1.1"].coverage == Coverage(reported=2, expected=2)
