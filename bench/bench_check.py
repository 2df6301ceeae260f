"""Benchmark ``cchc.check`` against a hand-written loop (the floor).

Run with one command from the repository root::

    .venv/bin/python bench/bench_check.py            # 10,000 and 100,000 reports
    .venv/bin/python bench/bench_check.py --quick    # 2,000 and 10,000

Reports are the seed's values varied at random (counts scaled, percentages and
codes drawn anew, some rows left blank), built as entry dicts and then as
:class:`cchc.Report`; reports are made in chunks of 10,000 so that memory stays
flat.  For each size it times:

* ``cchc.check()`` with the form's full rule set (declared and derived rules);
* ``cchc.check()`` with the 17 simple rules of the issue, next to a plain loop
  that evaluates the same comparisons on dicts of code → value (the floor);
* the same, also building the failure findings with their messages;

and prints reports per second of CPU time (``time.process_time``: on a shared
machine wall time would also count the other processes), the ratio to the floor,
and the peak memory (:mod:`tracemalloc`) of checking 10,000 reports and keeping
the results.
Targets: full rule set ≥ 30,000 reports/s; simple rules at least half as fast as the
hand-written rules over the same built reports (issue 15).
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import cchc
from cchc.rules import RuleSet

CHUNK = 10_000
SEED = cchc.example_report()
FORM = SEED.form
REPORTER = cchc.Reporter("Sở Nội vụ", kind="department")

PERCENT = [i.code for i in FORM if i.is_percent]
CODED = {i.code: i.codes.values for i in FORM if i.codes is not None}
SIMPLE_DECLARATIONS = [
    cchc.rules.rule("R1", "{1.1.2} <= {1.1.1}"),
    cchc.rules.rule("R5", "{1.3.2} + {1.3.3} <= {1.3.1}"),
    cchc.rules.rule("R10", "{3.2.2} <= {3.2.1} <= {3.1.3}"),
    cchc.rules.rule("R8", "{3.1.3} == sum({3.1.3.a}, {3.1.3.b}, {3.1.3.c})"),
    cchc.rules.rule("R16", "{4.2.2} <= {4.2.1}"),
    cchc.rules.rule("R18", "{4.3.2} <= {4.3.1}"),
    cchc.rules.rule("R29", "{7.1.8.2} <= {7.1.8.1}"),
    *(
        cchc.rules.rule("F2", f"whole({{{c}}}) and {{{c}}} >= 0")
        for c in ("5.1.1", "7.2.5.1", "7.2.5.2")
    ),
    *(cchc.rules.rule("F1", f"0 <= {{{c}}} <= 100") for c in PERCENT),
    *(cchc.rules.rule("F3", f"{{{c}}} in [{', '.join(map(str, v))}]") for c, v in CODED.items()),
]


def floor(values: dict[str, Any]) -> list[str]:
    """The 17 simple rules written by hand on a dict of code → value."""
    fails = []
    get = values.get
    a, b = get("1.1.2"), get("1.1.1")
    if a is not None and b is not None and not a <= b:
        fails.append("R1")
    a, b, c = get("1.3.2"), get("1.3.3"), get("1.3.1")
    if a is not None and b is not None and c is not None and not a + b <= c:
        fails.append("R5")
    a, b, c = get("3.2.2"), get("3.2.1"), get("3.1.3")
    if a is not None and b is not None and c is not None and not a <= b <= c:
        fails.append("R10")
    total = get("3.1.3")
    parts = [p for p in (get("3.1.3.a"), get("3.1.3.b"), get("3.1.3.c")) if p is not None]
    if total is not None and parts and total != sum(parts):
        fails.append("R8")
    a, b = get("4.2.2"), get("4.2.1")
    if a is not None and b is not None and not a <= b:
        fails.append("R16")
    a, b = get("4.3.2"), get("4.3.1")
    if a is not None and b is not None and not a <= b:
        fails.append("R18")
    a, b = get("7.1.8.2"), get("7.1.8.1")
    if a is not None and b is not None and not a <= b:
        fails.append("R29")
    for code in ("5.1.1", "7.2.5.1", "7.2.5.2"):
        v = get(code)
        if v is not None and not (isinstance(v, int) and v >= 0):
            fails.append("F2")
    for code in PERCENT:
        v = get(code)
        if v is not None and not 0 <= v <= 100:
            fails.append("F1")
    for code, legend in CODED.items():
        v = get(code)
        if v is not None and v not in legend:
            fails.append("F3")
    return fails


def floor_on(report: cchc.Report) -> list[str]:
    """The same hand-written rules over a built report: its values read into a dict first."""
    return floor({code: entry.value for code, entry in report.entries.items()})


# -- data ------------------------------------------------------------------------------------


def varied(rng: random.Random) -> dict[str, Any]:
    """The seed's values varied at random (some rows left blank): a dict of code → value."""
    values: dict[str, Any] = {}
    for code, entry in SEED.entries.items():
        value = entry.value
        if value is None or rng.random() < 0.05:  # some rows left blank
            continue
        indicator = FORM[code]
        if indicator.codes is not None:
            values[code] = rng.choice(indicator.codes.values)
        elif isinstance(value, Decimal):
            values[code] = Decimal(rng.randint(0, 10_000)).scaleb(-2)
        elif isinstance(value, int):
            values[code] = rng.randint(0, 2 * value + 2)
    return values


def chunks(
    total: int, seed: int = 2021
) -> Iterator[tuple[list[dict[str, Any]], list[cchc.Report]]]:
    """Yield (value dicts, reports) in chunks of at most CHUNK."""
    rng = random.Random(seed)
    made = 0
    while made < total:
        size = min(CHUNK, total - made)
        dicts = [varied(rng) for _ in range(size)]
        reports = [
            cchc.Report(form=FORM, reporter=REPORTER, period="2021S1", entries=d) for d in dicts
        ]
        made += size
        yield dicts, reports


# -- timing ------------------------------------------------------------------------------------


def _timed(fn: Callable[[], object]) -> float:
    """CPU seconds of *fn* (the machine may be shared: wall time would count the others)."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        fn()
        return time.process_time() - start
    finally:
        gc.enable()


def measure(total: int, full: RuleSet, simple: RuleSet) -> dict[str, float]:
    seconds = dict.fromkeys(
        ("full", "simple", "floor", "floor on reports", "full+findings", "simple+findings"), 0.0
    )
    failures = sampled = 0
    check = cchc.check
    for dicts, reports in chunks(total):
        seconds["full"] += _timed(lambda: [check(r) for r in reports])  # noqa: B023
        seconds["simple"] += _timed(lambda: [check(r, rules=simple) for r in reports])  # noqa: B023
        seconds["floor"] += _timed(lambda: [floor(d) for d in dicts])  # noqa: B023
        seconds["floor on reports"] += _timed(lambda: [floor_on(r) for r in reports])  # noqa: B023
        seconds["full+findings"] += _timed(
            lambda: [check(r).failures for r in reports]  # noqa: B023
        )
        seconds["simple+findings"] += _timed(
            lambda: [check(r, rules=simple).failures for r in reports]  # noqa: B023
        )
        failures += sum(len(full.check(r).failed) for r in reports[:1000])
        sampled += min(len(reports), 1000)
    seconds["failures per report"] = failures / sampled
    return seconds


def peak_memory(full: RuleSet, total: int = CHUNK) -> float:
    dicts, reports = next(chunks(total, seed=7))
    del dicts
    gc.collect()
    tracemalloc.start()
    results = [full.check(r) for r in reports]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del results
    return peak / 2**20


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 and 10,000 reports")
    args = parser.parse_args(argv)
    sizes = (2_000, 10_000) if args.quick else (10_000, 100_000)
    full = RuleSet.for_form(FORM)
    simple = cchc.rules._ruleset._resolve(FORM, None, SIMPLE_DECLARATIONS)
    warm = SEED.evolve(reporter=REPORTER)
    full.check(warm), simple.check(warm)  # compile once, outside the timings
    n_full = len(full._program(REPORTER).instances)
    n_simple = len(simple._program(REPORTER).instances)
    print(f"cchc {cchc.__version__} check benchmark: Python {platform.python_version()}, "
          f"{platform.machine()}; form {FORM.id}, reporter kind department")  # fmt: skip
    print(f"full rule set: {n_full} checks; simple rules: {n_simple} checks (17 rules)")
    print()
    head = f"{'reports':>9}  {'rule set':<8} {'check()/s':>11} {'floor/s':>11} {'ratio':>6}"
    print(f"{head} {'floor on reports/s':>19} {'ratio':>6} {'+findings/s':>12}")
    print(
        "(reports per CPU second; ratio: the floor's time over check()'s, 1.00 = as fast as\n"
        " the floor; floor: the rules by hand on dicts of values; floor on reports: the same\n"
        " over the built reports; +findings: check() and the failures' findings, messages\n"
        " written in Vietnamese and English)"
    )
    for total in sizes:
        s = measure(total, full, simple)
        for name in ("full", "simple"):
            rate = total / s[name]
            findings_rate = total / s[f"{name}+findings"]
            if name == "simple":
                ratio = f"{s['floor'] / s[name]:.2f}"
                floor_text = f"{total / s['floor']:11,.0f}"
                on_reports = f"{total / s['floor on reports']:19,.0f}"
                ratio_reports = f"{s['floor on reports'] / s[name]:6.2f}"
            else:
                ratio, floor_text, on_reports, ratio_reports = "", "", "", ""
            row = f"{total:9,}  {name:<8} {rate:11,.0f} {floor_text:>11} {ratio:>6}"
            print(f"{row} {on_reports:>19} {ratio_reports:>6} {findings_rate:12,.0f}")
        print(
            f"{'':9}  (random reports fail {s['failures per report']:.1f} checks each on average)"
        )
    print()
    print(f"peak memory, checking {CHUNK:,} reports and keeping the results: "
          f"{peak_memory(full):.1f} MiB (tracemalloc)")  # fmt: skip
    print(
        "targets: full rule set ≥ 30,000 reports/s; simple rules ≥ 0.5 of the floor on "
        "the same built reports"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
