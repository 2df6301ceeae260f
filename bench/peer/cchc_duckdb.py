"""(h') cchc's batch engine: the 17 rules of cchc_forms/peer-17.toml compiled to SQL, on DuckDB.

For the peer benchmark (``../shared/peer-bench``): copy this file to its
``impls/`` folder beside ``duckdb_sql.py`` and add ``"cchc_duckdb"`` to ``IMPLS``.

Prepare: the form file and ``RuleSet.from_declarations(form, form.rules)`` (just
R01-R17), compiled for the province kind once (as cchc_prebuilt).  Load (untimed
in the check figure): the dicts of wide.jsonl (``parse_float=Decimal``) become one
cchc.Report each (as cchc_prebuilt), ``Batch.from_reports`` compiles the rules to
SQL and loads the Reports into DuckDB (the wide table, through a pyarrow table),
the lookup from (report position, check index) to rule id is made, and
``batch.failure_table()`` is called once to warm it: its first call prepares the
SQL on its cursor(s) and is slower, as prepare()/load() set up the other engines
outside the timed step.
Check (timed): ``batch.failure_table()`` (the prepared query run again over the
loaded table; a pyarrow Table of report, check_index), its two columns to Python
lists, mapped to (report_id, rule_id) pairs - as ``duckdb_sql`` times its
hand-written query over a table already loaded.  From 20,000 reports on, the
batch engine splits the checks among DuckDB's threads (``cchc.batch.PARALLEL_FROM``).
"""

from __future__ import annotations

import duckdb  # noqa: F401 - imported here so that import_s counts it (cchc.batch defers it)
import pyarrow  # noqa: F401 - the same

import cchc
from cchc.batch import Batch

from .cchc_common import PEER_FORM, build, load_values, warm

NAME = "cchc: 17 rules as form file, batch engine (SQL on DuckDB, data loaded)"
LIBS = ["cchc", "duckdb", "pyarrow"]
_FORM = _RULES = None


def prepare():
    global _FORM, _RULES  # noqa: PLW0603 - the harness calls prepare() then load()
    form = _FORM = cchc.load_form(PEER_FORM)
    _RULES = cchc.RuleSet.from_declarations(form, form.rules)
    warm(form, _RULES)
    return _RULES


def load(d: str):
    ids, reports = [], []
    for rid, values in load_values(d):
        ids.append(rid)
        reports.append(build(_FORM, rid, values))
    batch = Batch.from_reports(reports, rules=_RULES)
    if batch.fallback:
        # Such reports go to the per-report engine in Batch.check; none in this data.
        msg = f"{len(batch.fallback)} reports hold values SQL cannot hold exactly"
        raise ValueError(msg)
    # The rule id of each check index, per report position (reports share programs).
    by_program = {
        key: tuple(instance.check.rule for instance in program.instances)
        for key, program in batch.programs.items()
    }
    rules = [by_program[key] for key in batch.profiles]
    batch.failure_table()  # warm-up: prepares the SQL, untimed
    return ids, batch, rules


def check(ctx, data):
    ids, batch, rules = data
    table = batch.failure_table()
    return [
        (ids[row], rules[row][index])
        for row, index in zip(
            table.column("report").to_pylist(), table.column("check_index").to_pylist(), strict=True
        )
    ]
