"""What ships: the licence in the repository and in the wheel and sdist metadata."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_licence_file_is_mit_and_packaged() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "cchc developers" in text
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    assert project["project"]["license-files"] == ["LICENSE"]  # the wheel's dist-info
    assert "LICENSE" in project["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]


def test_the_readme_names_the_office_extra() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "cchc[office]" in readme and "cchc[progress]" in readme
