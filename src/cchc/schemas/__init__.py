"""JSON Schema documents for the files cchc reads and writes.

One schema per format, each a JSON Schema (draft 2020-12) document shipped with
the package:

* ``report`` — ``cchc.report/1``, the JSON interchange format of a report;
* ``form`` — ``cchc.form/1``, a form file (TOML; editors that read JSON Schema
  offer completion and checks while you edit one);
* ``units`` — ``cchc.units/1``, the register of units that must report;
* ``round`` — ``cchc.round/1``, a reporting round (``cchc round --format json``).

A schema checks the shape of a document; cchc's readers check the rest (a
value's type against its indicator, parents, expressions) and say where.

>>> from cchc.schemas import SCHEMA_NAMES, schema
>>> SCHEMA_NAMES
('report', 'form', 'units', 'round')
>>> schema("report")["title"], schema("cchc.form/1")["title"]
('cchc.report/1', 'cchc.form/1')
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from cchc.errors import UsageError

__all__ = ["SCHEMA_NAMES", "schema", "schema_text"]

SCHEMA_NAMES = ("report", "form", "units", "round")
"""The names of the schemas, as ``cchc schema NAME`` takes them."""


def _name(name: str) -> str:
    short = name.strip().lower().removeprefix("cchc.").removesuffix("/1")
    if short not in SCHEMA_NAMES:
        known = ", ".join(SCHEMA_NAMES)
        raise UsageError(f"unknown schema {name!r} (one of {known})")
    return short


def schema_text(name: str) -> str:
    """The schema *name* (``report`` or ``cchc.report/1``) as the JSON text shipped.

    Raises:
        UsageError: no schema has that name.
    """
    short = _name(name)
    return resources.files(__package__).joinpath(f"{short}-1.json").read_text(encoding="utf-8")


def schema(name: str) -> dict[str, Any]:
    """The schema *name* (``report`` or ``cchc.report/1``) as a parsed JSON object.

    Raises:
        UsageError: no schema has that name.

    >>> schema("nope")
    Traceback (most recent call last):
    ...
    cchc.errors.UsageError: unknown schema 'nope' (one of report, form, units, round)
    """
    data: dict[str, Any] = json.loads(schema_text(name))
    return data
