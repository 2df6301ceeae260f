"""Benchmark: a national round of 4,000 reports (a commune-level round since 2025).

Run from the repository root:

    .venv/bin/python bench/bench_round.py [--count 4000] [--docx 400] [--jobs N]

Writes a register of ``--count`` units and one JSON report file per unit but the
last (the seed's values multiplied by a whole factor per unit, districts and
departments alternating) into a temporary folder, then times ``Round.build`` over
the folder: reading, checking, matching, aggregating.  Wall-clock time depends on
what else the machine runs; CPU time (this process and its workers) does not, so
both are printed.  A progress bar is drawn
when standard error is a terminal.  Then the same for ``--docx`` .docx files (the
slowest format to read, about 50 ms a file), read on one process and on every
core, and the per-file cost is extrapolated to ``--count`` files.

Target (issue 14): the JSON round of 4,000 reports in under 30 s on this machine.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import cchc
from cchc.io import write_file
from cchc.register import Register, ReportingUnit
from cchc.round import Round


def make_round(folder: Path, count: int, suffix: str) -> Register:
    """A register of *count* units and a report file from each but the last, in *folder*."""
    seed = cchc.example_report()
    units = []
    for index in range(count):
        kind = "district" if index % 2 else "department"
        name = f"UBND huyện Số {index:05d}" if index % 2 else f"Sở Số {index:05d}"
        units.append(ReportingUnit(f"u{index:05d}", name, kind))
    for index, unit in enumerate(units[:-1]):
        factor = 1 + index % 3
        entries = {}
        for code, entry in seed.entries.items():
            indicator = seed.form[code]
            if indicator.kind.is_header or not indicator.applies_to(unit.kind, unit.name):
                continue
            value = entry.value
            if isinstance(value, int) and indicator.codes is None:
                value *= factor
            entries[code] = cchc.Entry(value=value, status=entry.status, note=entry.note)
        report = cchc.Report(
            form=seed.form, reporter=unit.reporter, period=seed.period, entries=entries
        )
        write_file(report, folder / f"{unit.id}.{suffix}")
    return Register(units, province="Cả nước")


def timed(register: Register, folder: Path, workers: int) -> tuple[float, float, Round]:
    """Wall-clock seconds and CPU seconds (this process and its workers) of the round."""
    before, wall = os.times(), time.perf_counter()
    built = Round.build(register, "2021S1", files=[folder], workers=workers, show_progress=True)
    wall = time.perf_counter() - wall
    after = os.times()
    cpu = sum(after[:4]) - sum(before[:4])  # user, system, children's user and system
    return wall, cpu, built


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=4000, help="units in the register")
    parser.add_argument("--docx", type=int, default=400, help=".docx files to time (0: none)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes")
    parser.add_argument("--skip-json", action="store_true", help="time the .docx round only")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; reading with {args.jobs} process(es)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "json"
        folder.mkdir()
        register = make_round(folder, args.count, "json")
        for workers in [] if args.skip_json else sorted({1, args.jobs}):
            wall, cpu, built = timed(register, folder, workers)
            print(
                f"JSON round, {args.count - 1} files, {workers} process(es): wall {wall:.1f} s, "
                f"CPU {cpu:.1f} s ({1000 * cpu / (args.count - 1):.2f} ms a file); "
                f"missing {[u.id for u in built.missing]}, "
                f"1.1.1 = {built.aggregate['1.1.1'].value}"
            )
        if args.docx:
            folder = Path(tmp) / "docx"
            folder.mkdir()
            register = make_round(folder, args.docx + 1, "docx")
            for workers in sorted({1, args.jobs}):
                wall, cpu, built = timed(register, folder, workers)
                per_file = cpu / args.docx
                print(
                    f".docx round, {args.docx} files, {workers} process(es): wall {wall:.1f} s, "
                    f"CPU {cpu:.1f} s ({1000 * per_file:.1f} ms a file); {args.count} files "
                    f"on {workers} idle core(s) ≈ {per_file * args.count / workers:.0f} s"
                )


if __name__ == "__main__":
    main()
