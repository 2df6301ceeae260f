"""``cchc check`` and ``cchc ratios``: output formats and exit codes (contract §4)."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import cchc
from cchc.cli import main
from cchc.examples import example_bytes


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "so-noi-vu.txt"
    path.write_bytes(example_bytes())
    return path


@pytest.fixture
def clean_file(tmp_path: Path) -> Path:
    """A JSON report that breaks no error rule: the seed with R15, R24 and R26 repaired."""
    report = cchc.example_report()
    report = report.with_value("4.1.2", 1).with_value("6.2", 0)
    report = report.with_value("7.1.6.2.b", Decimal(0)).evolve(diagnostics=())
    path = tmp_path / "clean.json"
    path.write_text(cchc.dumps(report), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_example_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--example")
    assert code == 1
    assert err == ""
    flat = " ".join(out.split())  # the text output wraps to the terminal's width
    assert "R26" in flat and "cộng lại là 110%, vượt 100%" in flat
    assert "Lỗi (3)" in flat
    assert "read.misnumbered" not in flat and "read.duplicate-code" not in flat


def test_check_example_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--example", "--format", "json")
    assert code == 1
    (result,) = json.loads(out)["results"]
    assert result["form"] == "phu-luc-2b"
    assert result["reporter"] == {"name": "Sở Nội vụ", "kind": "department"}
    assert result["period"] == "2021S1"
    assert result["summary"] == {"error": 3, "warning": 10, "info": 16}
    rules = {f["rule"] for f in result["findings"]}
    assert {"R6", "R15", "R24", "R26", "R27", "R31", "R40"} <= rules
    assert "R19" not in rules
    assert any(r.startswith("read.") for r in rules)
    r26 = next(f for f in result["findings"] if f["rule"] == "R26")
    assert r26["severity"] == "error" and r26["outcome"] == "fail"
    assert r26["indicators"] == ["7.1.6.2.a", "7.1.6.2.b"]
    assert r26["left"] == "110" and r26["right"] == 100 and r26["imbalance"] == "10"
    assert r26["missing_policy"] == "skip-if-any"
    assert r26["message"] and r26["message_en"]


def test_check_all_lists_every_outcome(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--example", "--format", "json", "--all")
    assert code == 1
    (result,) = json.loads(out)["results"]
    outcomes = {f["outcome"] for f in result["findings"]}
    assert {"pass", "fail", "skipped", "not-applicable"} <= outcomes
    assert sum(result["counts"].values()) == len(
        [f for f in result["findings"] if not f["rule"].startswith("read.")]
    )


def test_check_clean_file_exits_0(capsys: pytest.CaptureFixture[str], clean_file: Path) -> None:
    code, out, _ = run(capsys, "check", str(clean_file))
    assert code == 0
    assert "Lỗi" not in out


def test_check_several_files(
    capsys: pytest.CaptureFixture[str], seed_file: Path, clean_file: Path
) -> None:
    code, out, _ = run(capsys, "check", str(seed_file), str(clean_file), "--format", "json")
    assert code == 1
    files = [r["file"] for r in json.loads(out)["results"]]
    assert files == [str(seed_file), str(clean_file)]


def test_check_unusable_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, clean_file: Path
) -> None:
    missing = tmp_path / "nothing.txt"
    code, out, err = run(capsys, "check", str(missing), str(clean_file))
    assert code == 2
    assert err.count("\n") == 1 and str(missing) in err
    assert str(clean_file) in out  # the readable file is still checked
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "check", str(garbage))
    assert code == 2 and str(garbage) in err and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", "--example", "x.txt"],
        ["check", "--example", "--option", "autonomy"],
        ["check", "--example", "--option", "speed=fast"],
        ["check", "--example", "--max-points", "7.1.5=-3"],
        ["check", "--example", "--form", "phu-luc-9z"],
        ["ratios"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err.strip() and "Traceback" not in err


def test_check_options_and_locale(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "check", "--example", "--option", "autonomy=cumulative", "--locale", "en"
    )
    assert code == 1
    assert "R24" not in out
    assert "Errors (2)" in out


def test_check_with_a_form_file(
    capsys: pytest.CaptureFixture[str], seed_file: Path, tmp_path: Path
) -> None:
    form_file = tmp_path / "bien-the.toml"
    form_file.write_bytes((Path(cchc.forms.__file__).parent / "phu-luc-2b.toml").read_bytes())
    code, out, _ = run(
        capsys, "check", str(seed_file), "--form", str(form_file), "--format", "json"
    )
    assert code == 1
    assert json.loads(out)["results"][0]["form"] == "phu-luc-2b"


def test_ratios_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ratios", "--example", "--format", "json")
    assert code == 0
    (result,) = json.loads(out)["results"]
    first = result["ratios"][0]
    assert first == {
        **first,
        "id": "plan-tasks-done",
        "numerator": ["1.1.2"],
        "denominator": ["1.1.1"],
        "value": "83.67",
        "reason": None,
    }
    legal = next(r for r in result["ratios"] if r["id"] == "legal-recommendations-handled")
    assert legal["value"] is None and legal["reason"] == "zero denominator"


def test_ratios_text_and_max_points(capsys: pytest.CaptureFixture[str], seed_file: Path) -> None:
    code, out, _ = run(capsys, "ratios", str(seed_file), "--locale", "en")
    assert code == 0
    assert "83.67%" in out and "zero" in out
    code, out, _ = run(
        capsys, "ratios", "--example", "--format", "json", "--max-points", "7.1.5=10"
    )
    score = next(
        r for r in json.loads(out)["results"][0]["ratios"] if r["id"] == "approved-systems-score"
    )
    assert score["reason"] == "missing input: 7.1.5 blank"


def test_ratios_unusable_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "ratios", str(tmp_path / "none.xlsx"))
    assert code == 2 and "none.xlsx" in err


def test_python_m_cchc_check_example() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cchc", "check", "--example", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["results"][0]["summary"]["error"] == 3


def test_cli_errors_speak_the_locale_and_name_flags(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert "cần FILE... hoặc --example" in capsys.readouterr().err
    assert main(["check", "--locale", "en"]) == 2
    assert "give FILE... or --example" in capsys.readouterr().err
    assert main(["check", "--example", "--bogus"]) == 2
    assert "không nhận ra tham số: --bogus" in capsys.readouterr().err
    assert main(["check", "--example", "--max-points", "7.1.5=abc"]) == 2
    err = capsys.readouterr().err
    assert "--max-points 7.1.5" in err and "max_points[" not in err


def test_check_verbose_shows_the_expression_and_its_arithmetic(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "check", "--example", "--verbose")
    assert code == 1
    assert "R26 (7.1.6.2.a, 7.1.6.2.b): sum(7.1.6.2.a, 7.1.6.2.b) ≤ 100" in out
    assert "→ 100 + 10 = 110 > 100" in out


def test_check_dash_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cchc.examples import example_bytes

    text = example_bytes().decode("utf-8").replace("\t0\n\t\n\n\t2.3", "\t-\n\t\n\n\t2.3", 1)
    path = tmp_path / "dash.txt"
    path.write_text(text, encoding="utf-8")
    for dash, words in (("not-applicable", "--dash zero"), ("zero", "đọc là 0")):
        _, out, _ = run(capsys, "check", str(path), "--all", "--dash", dash, "--format", "json")
        (result,) = json.loads(out)["results"]
        (found,) = [f for f in result["findings"] if f["rule"] == "read.dash"]
        assert words in found["message"]
