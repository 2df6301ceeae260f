"""How fast cchc.strategies draws: examples per second for each public strategy.

Run: ``.venv/bin/python bench/bench_strategies.py [--examples N]``.  Each line
times a hypothesis test that only draws (generation, not shrinking), under the
``ci``-like settings the property suite uses (no deadline, no database), timed
in CPU seconds of this process.  The
target is "hundreds of examples per test": a few hundred reports per second.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cchc
from cchc import strategies as cst

# The custom dossier form the strategy laws run on.
HO_SO = cchc.load_form(Path(__file__).parent.parent / "tests" / "forms" / "ho-so.toml")


def rate(strategy: st.SearchStrategy[object], examples: int) -> float:
    """Examples drawn per second by a test that does nothing else."""
    count = 0

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def draw(_value: object) -> None:
        nonlocal count
        count += 1

    # CPU time of this process: other jobs on a shared machine do not skew it.
    start = time.process_time()
    draw()
    return count / (time.process_time() - start)


def cases() -> dict[str, Callable[[], st.SearchStrategy[object]]]:
    cases: dict[str, Callable[[], st.SearchStrategy[object]]] = {
        "values(3.3.3)": lambda: cst.values("3.3.3"),
        "entries()": cst.entries,
        "reporters()": cst.reporters,
        "periods()": cst.periods,
        "reports()": cst.reports,
        "reports(complete=True)": lambda: cst.reports(complete=True),
        "report_sets(max_size=5)": lambda: cst.report_sets(max_size=5),
        "text_tables()": cst.text_tables,
        "text_tables(quirks=all)": lambda: cst.text_tables(quirks=list(cst.Quirk)),
        "violating('R8')": lambda: cst.violating("R8"),
        "violating('F6')": lambda: cst.violating("F6"),
        "reports() + cchc.check": lambda: cst.reports().map(cchc.check),
        "reports(form=ho-so)": lambda: cst.reports(form=HO_SO),
        "violating('H4', form=ho-so)": lambda: cst.violating("H4", form=HO_SO),
        "forms()": cst.forms,
        "forms() -> reports()": lambda: cst.forms().flatmap(lambda f: cst.reports(form=f)),
    }
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=300, help="examples per strategy")
    args = parser.parse_args()
    for name, build in cases().items():
        print(f"{name:32} {rate(build(), args.examples):8.0f} examples/s")


if __name__ == "__main__":
    main()
