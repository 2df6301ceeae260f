"""docs/rules.md shows one real message per rule, written by docs/rule_messages.py."""

from __future__ import annotations

import runpy
from pathlib import Path

from cchc.rules import rule_ids

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_table_of_rule_messages_is_up_to_date() -> None:
    script = runpy.run_path(str(DOCS / "rule_messages.py"))
    page = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert script["page"](page) == page, "run: python docs/rule_messages.py"


def test_the_table_has_a_row_per_rule_in_both_languages() -> None:
    page = (DOCS / "rules.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| ") and " | " in line]
    found = {}
    for line in rows:
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        if len(cells) == 4 and cells[1] in ("error", "warning", "info"):
            found[cells[0]] = cells
    assert set(found) == set(rule_ids())
    assert all(vi and en and vi != en for _, _, vi, en in found.values())
