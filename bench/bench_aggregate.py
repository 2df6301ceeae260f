"""Benchmark: aggregate 1,000, 5,000 and 10,000 reports into one province report.

Run from the repository root:

    .venv/bin/python bench/bench_aggregate.py [--sizes 1000 5000 10000] [--repeat 3]

The reports are the seed (the built-in example report) with its values varied:
every count, percentage, score and coded answer is redrawn from a seeded random
generator, and the reporters alternate between departments and districts, so
that applicability matters as it does in a real province.  Building the reports
is not timed; each size is aggregated ``--repeat`` times and the best wall-clock
and CPU times are reported (CPU time is steadier on a shared machine), then once
more under tracemalloc for the peak memory of aggregating.

Target (issue 5): under 2 s for 10,000 reports.
"""

from __future__ import annotations

import argparse
import gc
import random
import time
import tracemalloc
from decimal import Decimal

import cchc


def make_reports(count: int, *, seed: int = 2021) -> list[cchc.Report]:
    """*count* variations of the seed report, by reporters of alternating kinds."""
    rng = random.Random(seed)
    base = cchc.example_report()
    form = base.form
    reports = []
    for index in range(count):
        entries: dict[str, cchc.Entry] = {}
        for code, entry in base.entries.items():
            indicator = form[code]
            value = entry.value
            if indicator.kind.is_header or value is None:
                entries[code] = entry
            elif indicator.codes is not None:
                entries[code] = cchc.Entry(value=rng.choice(indicator.codes.values))
            elif isinstance(value, int):
                entries[code] = cchc.Entry(value=rng.randint(0, 2 * value + 5))
            elif isinstance(value, Decimal):
                entries[code] = cchc.Entry(value=Decimal(rng.randint(0, 10_000)) / 100)
            else:
                entries[code] = entry
        kind = "department" if index % 2 else "district"
        reporter = cchc.Reporter(f"Đơn vị {index:05d}", kind=kind, id=f"u{index:05d}")
        reports.append(base.evolve(reporter=reporter, entries=entries, diagnostics=()))
    return reports


def time_once(reports: list[cchc.Report], **options: object) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one aggregation."""
    province = cchc.Reporter("Tỉnh X", kind="province")
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    cchc.aggregate(reports, reporter=province, **options)  # type: ignore[arg-type]
    return time.perf_counter() - wall, time.process_time() - cpu


def peak_memory(reports: list[cchc.Report], **options: object) -> int:
    province = cchc.Reporter("Tỉnh X", kind="province")
    gc.collect()
    tracemalloc.start()
    try:
        cchc.aggregate(reports, reporter=province, **options)  # type: ignore[arg-type]
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    variants: dict[str, dict[str, object]] = {
        "default": {},
        "weighted-mean": {"rate_method": "weighted-mean:7.2.5.1"},
    }
    everyone = make_reports(max(args.sizes))
    print(
        f"{'reports':>8} {'entries':>8} {'variant':>14} {'wall s':>7} {'cpu s':>7} "
        f"{'µs/report':>10} {'peak MiB':>9}"
    )
    for size in args.sizes:
        reports = everyone[:size]
        entries = sum(len(r.entries) for r in reports)
        for name, options in variants.items():
            timings = [time_once(reports, **options) for _ in range(args.repeat)]
            wall = min(t[0] for t in timings)
            cpu = min(t[1] for t in timings)
            peak = peak_memory(reports, **options)
            print(
                f"{size:>8} {entries:>8} {name:>14} {wall:>7.3f} {cpu:>7.3f} "
                f"{cpu / size * 1e6:>10.1f} {peak / 2**20:>9.1f}"
            )


if __name__ == "__main__":
    main()
