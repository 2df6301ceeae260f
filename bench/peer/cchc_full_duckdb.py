"""(g'') cchc's full built-in rule set of Phụ lục 2B on the batch engine (SQL on DuckDB).

For the peer benchmark (``../shared/peer-bench``): copy this file to its
``impls/`` folder beside ``cchc_full_prebuilt.py`` and add ``"cchc_full_duckdb"``
to ``IMPLS``.

NOT the 17 rules: as cchc_full_prebuilt, every declared and derived rule of the
built-in form, in the version in force for the data's period 2021S1
(``cchc.load_form(period=...)``: the 2021 Phụ lục 2B), made concrete for a
reporter of kind "province" (222 active checks when this was written; 221 in
the turn-2 runs).  So the output is not compared with expected.csv
(SAME_RULES = False; "n/a" in the tables).  Output pairs, as cchc_full_prebuilt:
(report_id, number of failed checks) for reports with any, and
(report_id, "ReportError") for the reports that cannot become a Report (gen.py's
x.5 in a count row).  The number is the report's rows in ``failure_table()``,
the batch counterpart of ``cchc.check(report).counts[Outcome.FAIL]``; on N=1,000
the pairs were the same as cchc_full_prebuilt's.

Prepare: that form and its rule set (``RuleSet.for_form``, what ``cchc.check``
uses without ``rules=``), compiled for the province kind once.  Load (untimed in
the check figure): the dicts of wide.jsonl (``parse_float=Decimal``) become one
cchc.Report each (as cchc_full_prebuilt; ReportError caught and kept),
``Batch.from_reports`` compiles the rules to SQL and loads the Reports into DuckDB
(the wide table, through a pyarrow table), and ``batch.failure_table()`` is called
once to warm it: its first call prepares the SQL on its cursor(s) and is slower,
as prepare()/load() set up the other engines outside the timed step.
Check (timed): ``batch.failure_table()`` (the prepared query run again over the
loaded table; a pyarrow Table of report, check_index), failures counted per
report with ``pyarrow.compute.value_counts``, then the pairs above.  From 20,000
reports on, the batch engine splits the checks among DuckDB's threads
(``cchc.batch.PARALLEL_FROM``).
"""

from __future__ import annotations

import duckdb  # noqa: F401 - imported here so that import_s counts it (cchc.batch defers it)
import pyarrow as pa
import pyarrow.compute as pc

import cchc
from cchc.batch import Batch
from cchc.errors import ReportError

from .cchc_common import PERIOD, build, load_values, warm

NAME = "cchc: full built-in rule set, batch engine (SQL on DuckDB, data loaded)"
LIBS = ["cchc", "duckdb", "pyarrow"]
SAME_RULES = False
_FORM = _RULES = None


def prepare():
    global _FORM, _RULES  # noqa: PLW0603 - the harness calls prepare() then load()
    # The version in force for the data's period 2021S1 (Phụ lục 2B of 2021, the seed's);
    # cchc.load_form() alone gives the latest (2025) version, which has no row 3.1.3.b.
    _FORM = cchc.load_form(period=PERIOD)
    _RULES = cchc.RuleSet.for_form(_FORM)
    warm(_FORM, _RULES)
    return _RULES


def load(d: str):
    ids, reports, unbuilt = [], [], []
    for rid, values in load_values(d):
        try:
            report = build(_FORM, rid, values)
        except ReportError:
            unbuilt.append((rid, "ReportError"))
            continue
        ids.append(rid)
        reports.append(report)
    batch = Batch.from_reports(reports, rules=_RULES)
    if batch.fallback:
        # Such reports go to the per-report engine in Batch.check; none in this data.
        msg = f"{len(batch.fallback)} reports hold values SQL cannot hold exactly"
        raise ValueError(msg)
    batch.failure_table()  # warm-up: prepares the SQL, untimed
    return pa.array(ids, pa.string()), batch, unbuilt


def check(ctx, data):
    ids, batch, unbuilt = data
    counts = pc.value_counts(batch.failure_table().column("report"))
    # The report ids picked in Arrow, the pairs zipped in C: no Python step per report.
    named = ids.take(counts.field("values")).to_pylist()
    out = list(unbuilt)
    out.extend(zip(named, counts.field("counts").to_pylist(), strict=True))
    return out
