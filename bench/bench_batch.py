"""Benchmark the batch engine (rules as SQL on DuckDB), report building and tables out.

Run from the repository root (needs ``cchc[duckdb]``)::

    .venv/bin/python bench/bench_batch.py              # 10,000 and 100,000 reports
    .venv/bin/python bench/bench_batch.py --quick      # 2,000 and 10,000
    .venv/bin/python bench/bench_batch.py --write-json DIR 2000   # files for the CLI

Reports are the seed's values varied at random (as ``bench_check.py``: counts
scaled, percentages and codes drawn anew, some rows blank) for reporters of every
filing kind, each with its own name (as in a round).  It prints:

* building: ``Report`` objects from value dicts and from JSON text (``loads``),
  reports/s and bytes held per report (:mod:`tracemalloc`);
* the batch engine on the full rule set: loading into DuckDB (``Batch``) and the
  query alone over the loaded table (data already in DuckDB), reports/s, and the
  DuckDB memory per report;
* the batch engine on the 17 simple rules of ``bench_check.py`` beside the same
  rules hand-written in DuckDB SQL over the same table (the floor for SQL);
* the realistic reports as a long table already in DuckDB: ``Batch.from_table``
  (DuckDB pivots it into the wide table) and the query;
* ``import cchc`` time (in a fresh interpreter).

Targets (issue 15): batch full rule set ≥ 1,000,000 reports/s at 100,000 reports,
within 2× of hand-written SQL; ≤ 3 KB per report in the batch path; building
≥ 50,000 reports/s and ≤ 5 KB per report; ``import cchc`` < 150 ms.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

# The same reports and rules as bench_check.py (a sibling script: bench/ is on the path).
from bench_check import CODED, FORM, PERCENT, SEED, varied
from bench_check import SIMPLE_DECLARATIONS as SIMPLE

import cchc
from cchc.batch import Batch
from cchc.batch._sql import column
from cchc.io.json import dumps, loads

KINDS = ("department", "district", "central", "province")


CLEAN = SEED.with_value("4.1.2", 1).with_value("6.2", 0).with_value("7.1.6.2.b", Decimal(0))
COUNTS = [c for c, e in CLEAN.entries.items() if type(e.value) is int and FORM[c].is_count]


def realistic(rng: random.Random, n: int) -> dict[str, Any]:
    """The seed (its error rules repaired) with every count times 1, 2 or 3, the rows
    that do not apply to reporter *n* and the header rows left blank; one in twenty
    reports gets one count raised at random (most then break a rule)."""
    k = rng.randint(1, 3)
    kind = reporter(n).kind
    values = {
        c: e.value * k if c in COUNTS else e.value  # type: ignore[operator]
        for c, e in CLEAN.entries.items()
        if e.value is not None and FORM[c].takes_value and FORM[c].applies_to(kind)
    }
    if rng.random() < 0.05:
        code = rng.choice([c for c in COUNTS if c in values])
        values[code] += rng.randint(1, 100)
    return values


def reporter(n: int) -> cchc.Reporter:
    kind = KINDS[n % len(KINDS)]
    return cchc.Reporter(f"Đơn vị {n}", kind=kind, id=f"u{n}")


def build(dicts: Sequence[dict[str, Any]]) -> list[cchc.Report]:
    """Reports from value dicts, each with its own reporter."""
    return [
        cchc.Report(form=FORM, reporter=reporter(n), period="2021S1", entries=d)
        for n, d in enumerate(dicts)
    ]


def _cpu(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.process_time()
    fn()
    return time.process_time() - start


def _wall(fn: Callable[[], object]) -> float:
    # DuckDB runs on both cores: wall time is the honest measure of a query.
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _best(fn: Callable[[], object], repeats: int = 3, timer: Callable[..., float] = _wall) -> float:
    return min(timer(fn) for _ in range(repeats))


def held_bytes(make: Callable[[], list[Any]]) -> float:
    """Bytes per item held by the list *make* returns."""
    gc.collect()
    tracemalloc.start()
    items = make()
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return current / max(len(items), 1)


def hand_sql(table: str) -> str:
    """The 17 simple rules hand-written in DuckDB SQL over the batch engine's wide *table*."""

    def v(code: str) -> str:
        return column("v", code)

    rules = [
        ("R1", f"{v('1.1.2')} > {v('1.1.1')}"),
        ("R5", f"{v('1.3.2')} + {v('1.3.3')} > {v('1.3.1')}"),
        (
            "R10",
            f"{v('3.2.2')} IS NOT NULL AND {v('3.2.1')} IS NOT NULL AND {v('3.1.3')} IS NOT NULL"
            f" AND NOT ({v('3.2.2')} <= {v('3.2.1')} AND {v('3.2.1')} <= {v('3.1.3')})",
        ),
        (
            "R8",
            f"{v('3.1.3')} <> COALESCE({v('3.1.3.a')}, 0) + COALESCE({v('3.1.3.b')}, 0)"
            f" + COALESCE({v('3.1.3.c')}, 0) AND COALESCE({v('3.1.3.a')}, {v('3.1.3.b')},"
            f" {v('3.1.3.c')}) IS NOT NULL",
        ),
        ("R16", f"{v('4.2.2')} > {v('4.2.1')}"),
        ("R18", f"{v('4.3.2')} > {v('4.3.1')}"),
        ("R29", f"{v('7.1.8.2')} > {v('7.1.8.1')}"),
        *(("F2", f"{v(c)} < 0") for c in ("5.1.1", "7.2.5.1", "7.2.5.2")),
        *(("F1", f"NOT ({v(c)} BETWEEN 0 AND 100)") for c in PERCENT),
        *(("F3", f"{v(c)} NOT IN ({', '.join(map(str, vs))})") for c, vs in CODED.items()),
    ]
    # Fixed text and the form's codes only.
    return "\nUNION ALL ".join(f"SELECT report, '{r}' FROM {table} WHERE {p}" for r, p in rules)  # noqa: S608


def import_time() -> float:
    code = "import time; t = time.perf_counter(); import cchc; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,  # noqa: S603
                             check=True).stdout)
        for _ in range(5)
    ]  # fmt: skip
    return min(runs)


def measure(total: int) -> dict[str, float]:
    rng = random.Random(2021)
    dicts = [varied(rng) for _ in range(total)]
    out: dict[str, float] = {}
    sample = dicts[: min(total, 10_000)]
    out["build/s"] = len(sample) / _best(lambda: build(sample), 1, _cpu)
    out["build bytes"] = held_bytes(lambda: build(sample))
    reports = build(dicts)
    texts = [dumps(r, indent=None) for r in reports[: len(sample)]]
    out["loads/s"] = len(texts) / _best(lambda: [loads(t, form=FORM) for t in texts], 1, _cpu)

    batch: Batch | None = None

    def load() -> None:
        nonlocal batch
        batch = Batch.from_reports(reports)

    out["load/s"] = total / _wall(load)
    if batch is None:
        raise SystemExit("loading failed")
    con = batch.connection
    [(mem,)] = con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchall()
    out["duckdb bytes"] = (mem or 0) / total
    query = batch.query()
    counted = f"SELECT count(*) FROM ({query})"  # noqa: S608 - the engine's own SQL
    out["full query, first/s"] = total / _wall(batch.failure_table)
    out["full query/s"] = total / _best(batch.failure_table)
    out["full query, 1 part/s"] = total / _best(lambda: batch.failure_table(parts=1))
    out["full query, no fetch/s"] = total / _best(lambda: con.execute(counted).fetchall())
    out["full failures/report"] = len(con.execute(query).fetchall()) / total
    out["full check_many/s"] = total / _wall(lambda: batch.check(explain=False))

    # Realistic data: most reports pass the error rules (a few failures each, the
    # seed's warnings); the same table shape.
    rng2 = random.Random(7)
    clean = Batch.from_reports(build([realistic(rng2, n) for n in range(total)]), connection=con)
    query2 = clean.query()
    out["realistic query, first/s"] = total / _wall(clean.failure_table)
    out["realistic query/s"] = total / _best(clean.failure_table)
    out["realistic query, 1 part/s"] = total / _best(lambda: clean.failure_table(parts=1))
    out["realistic check_many/s"] = total / _wall(lambda: clean.check(explain=False))
    out["realistic failures/report"] = len(con.execute(query2).fetchall()) / total

    # The same realistic reports as a long table already in DuckDB: pivot and query.
    from cchc import tables  # noqa: PLC0415

    long = tables.to_arrow(cchc.records(clean.reports))
    con.register("long_input", long)
    con.execute("CREATE OR REPLACE TABLE entries AS SELECT * FROM long_input")
    con.unregister("long_input")
    del long
    table_batch: Batch | None = None

    def from_table() -> None:
        nonlocal table_batch
        table_batch = Batch.from_table("entries", connection=con)

    out["table pivot/s"] = total / _wall(from_table)
    if table_batch is not None:
        out["table query/s"] = total / _best(table_batch.failure_table)
    con.execute("DROP TABLE entries")

    simple = Batch.from_reports(reports, rules=SIMPLE, connection=con)
    sq = simple.query()
    out["simple query, first/s"] = total / _wall(simple.failure_table)
    out["simple query/s"] = total / _best(simple.failure_table)
    out["simple query, 1 part/s"] = total / _best(lambda: simple.failure_table(parts=1))
    hand = hand_sql(simple.table)
    out["hand SQL/s"] = total / _best(lambda: con.sql(hand).to_arrow_table())
    con.execute(f"PREPARE hand AS {hand}")
    out["hand SQL, prepared/s"] = total / _best(lambda: con.sql("EXECUTE hand").to_arrow_table())
    # The same failures, whatever wrote the SQL.
    ours = {(r, simple.programs[simple.profiles[r]].instances[i].check.rule)
            for r, i in con.execute(sq).fetchall()}  # fmt: skip
    theirs = set(con.execute(hand).fetchall())
    out["simple agrees with hand SQL"] = float(ours == theirs)
    con.close()
    return out


def write_json(directory: Path, count: int) -> None:
    """Write *count* JSON reports (varied seed values, every filing kind) into *directory*."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(15)
    for n, report in enumerate(build([varied(rng) for _ in range(count)])):
        (directory / f"r{n:05d}.json").write_text(dumps(report), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 and 10,000 reports")
    parser.add_argument("--write-json", nargs=2, metavar=("DIR", "N"), help="write N JSON files")
    args = parser.parse_args(argv)
    if args.write_json:
        write_json(Path(args.write_json[0]), int(args.write_json[1]))
        return 0
    sizes = (2_000, 10_000) if args.quick else (10_000, 100_000)
    print(f"cchc {cchc.__version__} batch benchmark; import cchc: {import_time() * 1000:.0f} ms")
    rows = {n: measure(n) for n in sizes}
    keys = list(rows[sizes[0]])
    print(f"{'measure':<28}" + "".join(f"{n:>14,}" for n in sizes))
    for key in keys:
        print(f"{key:<28}" + "".join(f"{rows[n][key]:>14,.1f}" for n in sizes))
    print(json.dumps({str(n): r for n, r in rows.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
