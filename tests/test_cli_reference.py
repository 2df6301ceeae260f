"""The command-line reference page is generated from the parser and committed up to date."""

from __future__ import annotations

import importlib.util
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_cli_reference_page_matches_the_parser() -> None:
    spec = importlib.util.spec_from_file_location(
        "cli_reference", DOCS / "_tools" / "cli_reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert committed == module.render(), "run: python docs/_tools/cli_reference.py"
    for command in ("check", "convert", "schema", "ratios"):
        assert f"## `cchc {command}`" in committed
    assert "--summary" in committed and "--excel" in committed
