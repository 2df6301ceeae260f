"""(h') cchc's batch engine: the 17 rules of cchc_forms/peer-17.toml compiled to SQL, on DuckDB.

For the peer benchmark (``../shared/peer-bench``): copy this file to its
``impls/`` folder beside ``duckdb_sql.py``.  The load step builds the Reports
and loads them into DuckDB (``cchc.batch.Batch``: the wide table ``w``); the
timed check step runs the generated SQL only, as ``duckdb_sql`` times its
hand-written query over a table already loaded.
"""

from __future__ import annotations

import cchc
from cchc.batch import Batch

from .cchc_common import PEER_FORM, build, load_values

NAME = "cchc: 17 rules as form file, batch engine (SQL on DuckDB, data loaded)"
LIBS = ["cchc", "duckdb", "pyarrow"]
_FORM = None


def prepare():
    global _FORM  # noqa: PLW0603 - the harness calls prepare() then load()
    _FORM = cchc.load_form(PEER_FORM)
    return _FORM


def load(d: str):
    ids, reports = [], []
    for rid, values in load_values(d):
        ids.append(rid)
        reports.append(build(_FORM, rid, values))
    batch = Batch.from_reports(reports, rules=cchc.RuleSet.from_declarations(_FORM, _FORM.rules))
    rules = {n: batch.programs[p].instances for n, p in enumerate(batch.profiles)}
    return ids, batch, batch.query(), rules


def check(ctx, data):
    ids, batch, query, rules = data
    return [
        (ids[row], rules[row][index].check.rule)
        for row, index in batch.connection.execute(query).fetchall()
    ]
