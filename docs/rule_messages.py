"""The table of one real message per rule in docs/rules.md, made from the code.

``python docs/rule_messages.py`` rewrites the table between the markers
``<!-- rule-messages:start -->`` and ``<!-- rule-messages:end -->``;
``tests/test_docs_rule_messages.py`` fails when the page and the code disagree,
so the table cannot drift.  Each rule is broken on the seed report by the small
change listed in :data:`CASES` (the seed already breaks R15, R24, R26 …).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import cchc
from cchc.model import ReporterKind
from cchc.reports import Reporter
from cchc.rules import rule_ids
from cchc.values import Entry, Status

START, END = "<!-- rule-messages:start -->", "<!-- rule-messages:end -->"
PAGE = Path(__file__).with_name("rules.md")
D = Decimal

# rule → (changes to the seed's entries, keywords of cchc.check, report overrides)
CASES: Mapping[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = {
    "F1": ({"7.2.6.2": D("101.4")}, {}, {}),
    "F1.reduction": ({"4.2.5": D(-5)}, {}, {}),
    "F2": ({"2.1": -1}, {}, {}),
    "F3": ({"1.5": 3}, {}, {}),
    "F4": ({}, {}, {}),
    "F6": ({"3.4.2": D(90)}, {}, {}),
    "F7": ({"4.2.1": 12}, {}, {"reporter": Reporter("Cục Thuế", kind=ReporterKind.CENTRAL)}),
    "F9": ({}, {}, {"period": "2021Q2"}),
    "F10": ({"7.1.5": D(12)}, {"max_points": {"7.1.5": 10}}, {}),
    "R19": ({"5.4": 1}, {}, {}),
    "P1": ({"3.3.4": D("0.9862")}, {}, {}),
    "P2": ({"7.2.3.2": 100}, {}, {}),
    "R1": ({"1.1.2": 50}, {}, {}),
    "R3": ({"1.2.1": 2}, {}, {}),
    "R4": ({"1.2.3": 2, "1.2.4": 3}, {}, {}),
    "R5": ({"1.3.2": 9, "1.3.3": 2}, {}, {}),
    "R5.annual": ({}, {}, {"period": "2021"}),
    "R6": ({}, {}, {}),
    "R7": ({"2.5": 1}, {}, {}),
    "R7.source": ({"2.4": 1}, {}, {}),
    "R8": ({"3.1.3.a": 90}, {}, {}),
    "R9": ({"3.2.1": 94}, {}, {}),
    "R9.publicity": ({"3.2.1": 92}, {}, {}),
    "R10": ({"3.2.2": 94}, {}, {}),
    "R11": ({"3.2.3": 32}, {}, {}),
    "R12": ({"3.3.1": 50, "3.3.2": 50}, {}, {}),
    "R13": ({"3.3.3": D(90)}, {}, {}),
    "R14": ({"7.2.3.2": 80}, {}, {}),
    "R15": ({}, {}, {}),
    "R16": ({"4.2.2": 40}, {}, {}),
    "R17": ({"4.2.4": 38}, {}, {}),
    "R18": ({"4.3.2": 16}, {}, {}),
    "R18.cut": ({"4.3.3": 15}, {}, {}),
    "R20": ({"5.1.2": 2}, {}, {}),
    "R21": ({"5.1.3": 5}, {}, {}),
    "R22": ({"5.3.1": 1, "5.3.2": 0, "5.3.3": 0}, {}, {}),
    "R23": ({"5.4.2": -1}, {}, {}),
    "R24": ({}, {}, {}),
    "R25": ({"4.1.2.c": D(50), "6.5": 3}, {}, {}),
    "R26": ({}, {}, {}),
    "R27": ({}, {}, {}),
    "R28": ({"7.1.7.1": D(120)}, {}, {}),
    "R29": ({"7.1.8.2": 32}, {}, {}),
    "R29.total": ({"3.2.2": 30}, {}, {}),
    "R30": ({"7.1.8.1": 94, "7.1.8.2": 0}, {}, {}),
    "R31": ({}, {}, {}),
    "R32": ({"7.1.8.1": 0, "7.1.8.2": 0, "7.1.8.3": D(10)}, {}, {}),
    "R32.level4": ({"7.1.8.2": 0, "7.1.8.4": D(5)}, {}, {}),
    "R32.share": ({"7.1.8.3": D(10), "7.1.8.4": D(20)}, {}, {}),
    "R33": ({"7.1.9.2": D(5)}, {}, {}),
    "R34": ({"7.2.2.2": 2}, {}, {}),
    "R34.units": ({"7.2.2.1": 3}, {}, {}),
    "R35": ({"7.2.3.5": 100}, {}, {}),
    "R36": ({"7.2.7.1": D(50), "7.2.7.2": D(60)}, {}, {}),
    "R37": ({"7.2.7": Entry(status=Status.NOT_YET_DUE), "7.2.7.1": D(50)}, {}, {}),
    "R38": ({"7.2.4.1": 0}, {}, {}),
    "R39": ({"3.4.1": D(0)}, {}, {}),
    "R40": ({}, {}, {}),
}


def _finding(rule: str) -> cchc.Finding:
    changes, keywords, overrides = CASES[rule]
    seed = cchc.example_report()
    changed = {k: v if isinstance(v, Entry) else Entry(value=v) for k, v in changes.items()}
    entries = {**seed.entries, **changed}
    report = cchc.Report(
        form=seed.form,
        reporter=overrides.get("reporter", seed.reporter),
        period=overrides.get("period", seed.period),
        entries=entries,
    )
    failed = [f for f in cchc.check(report, **keywords).all if f.rule == rule and f.is_problem]
    if not failed:
        msg = f"the case of {rule} does not break it"
        raise AssertionError(msg)
    return failed[0]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table() -> str:
    """The Markdown table: rule, severity, one message in Vietnamese and in English."""
    lines = [
        "| rule | severity | message (vi) | message (en) |",
        "| --- | --- | --- | --- |",
    ]
    for rule in rule_ids():
        finding = _finding(rule)
        lines.append(
            f"| {rule} | {finding.severity.value} | {_cell(finding.message)} "
            f"| {_cell(finding.message_en)} |"
        )
    return "\n".join(lines)


def page(text: str) -> str:
    """*text* of docs/rules.md with the table between the markers made anew."""
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{table()}\n{END}{tail}"


if __name__ == "__main__":
    current = PAGE.read_text(encoding="utf-8")
    fresh = page(current)
    if fresh != current:
        PAGE.write_text(fresh, encoding="utf-8")
        sys.stdout.write("docs/rules.md: the table of rule messages is rewritten\n")
