"""The JSON interchange format of reports, version 1 (``cchc.report/1``).

One report per document, UTF-8; the format is described in ``docs/json-format.md``
and in contract §3.  Reading is strict: every problem of a document is collected
and raised together as one :class:`~cchc.errors.ReadError`, each problem naming its
JSON path (``$.entries["1.1.2"].value``).

>>> import cchc
>>> report = cchc.Report(
...     form=cchc.load_form(period="2021S1"),
...     reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
...     period="2021S1",
...     entries={"1.1.1": 49, "3.3.3": cchc.Entry(value=Decimal("100"), raw="100% ")},
... )
>>> text = dumps(report, indent=None)
>>> text[:70]
'{"schema": "cchc.report/1", "form": "phu-luc-2b", "reporter": {"name":'
>>> print(text[text.index('"entries"') :], end="")
"entries": {"1.1.1": {"value": 49}, "3.3.3": {"value": "100", "raw": "100% "}}}
>>> loads(text) == report
True

Every problem of a document is reported at once, by its JSON path:

>>> bad = text.replace("2021S1", "2021H1").replace("department", "sở").replace("49", '"49"')
>>> loads(bad, source="so-noi-vu.json")
Traceback (most recent call last):
...
cchc.errors.ReadError: so-noi-vu.json: 3 problems:
  $.reporter.kind: unknown reporter kind 'sở' (one of department, district, ...)
  $.period: not a period id: '2021H1' (expected e.g. 2021Q1, 2021S1, 2021, ...)
  $.entries["1.1.1"].value: 1.1.1 (...) counts Nhiệm vụ: expected a whole number ... "49"
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Final

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from cchc.errors import CchcError, PeriodError, ReadError
from cchc.forms import builtin_forms, load_form
from cchc.io._wire import (
    JsonObject,
    Slot,
    ValueReader,
    decimal_text,
    decode,
    describe,
    expectation,
    is_int,
    json_value,
    member,
    parse_decimal_text,
    short,
    slot_of,
)
from cchc.model import Form, Indicator, ReporterKind, form_cache
from cchc.periods import Period
from cchc.reports import Report, Reporter
from cchc.values import Coverage, Entry, FrozenMap, Status, Value, _shared

__all__ = [
    "SCHEMA",
    "configure_converter",
    "dumps",
    "from_dict",
    "loads",
    "make_converter",
    "to_dict",
]

SCHEMA: Final = "cchc.report/1"
"""The schema id of format version 1, the ``"schema"`` member of every document."""

_TOP_KEYS: Final = ("schema", "form", "reporter", "period", "entries")
# Optional: "form_version" is written only for a report on a built-in form's version
# other than the one in force for its period, so that such a report reads back as it
# was; "submitted" when the report gives the day it was signed.
_OPTIONAL_TOP_KEYS: Final = ("form_version", "submitted")
_REPORTER_KEYS: Final = ("name", "kind", "id", "parent")
_ENTRY_KEYS: Final = ("value", "status", "note", "raw", "coverage", "distribution", "contributors")
_COVERAGE_KEYS: Final = ("reported", "expected")

_ABSENT = object()
_SLOTS_KEY = "io.json.slots"


def _slots(form: Form) -> dict[str, Slot]:
    """Every row's slot, worked out once per form (the form owns them)."""
    cache = form_cache(form)
    found: dict[str, Slot] | None = cache.get(_SLOTS_KEY)
    if found is None:
        found = cache[_SLOTS_KEY] = {i.code: slot_of(i) for i in form}
    return found


def _fast_value(slot: Slot, value: object) -> Value | None:
    """*value* if it is plainly right for *slot* (else ``None``: the strict path decides)."""
    kind = type(value)
    if kind is int:
        if slot in (Slot.COUNT, Slot.CODE, Slot.HEADER):
            return value  # type: ignore[return-value]
        return Decimal(value) if slot is Slot.DECIMAL else None  # type: ignore[arg-type]
    if kind is Decimal and slot in (Slot.DECIMAL, Slot.HEADER):
        return value if value.is_finite() else None  # type: ignore[attr-defined, return-value]
    if kind is str:
        if slot is Slot.TEXT:
            return value  # type: ignore[return-value]
        if slot in (Slot.DECIMAL, Slot.HEADER):
            return parse_decimal_text(value)  # type: ignore[arg-type]
    return None


# --------------------------------------------------------------------------
# Converter (unstructuring) and dumps


def _unstructure_distribution(value: FrozenMap[int, int] | None) -> dict[str, int] | None:
    # JSON object keys are strings: the codes 0, 1, 2 become "0", "1", "2".
    return None if value is None else {str(code): count for code, count in value.items()}


def _unstructure_contributors(value: tuple[str, ...]) -> list[str]:
    return list(value)


def configure_converter(converter: cattrs.Converter) -> None:
    """Teach *converter* the ``cchc.report/1`` encodings.

    Decimals unstructure to plain decimal strings, periods to their ids, reporter
    kinds and statuses to their values; a :class:`~cchc.reports.Report`
    unstructures to a whole document and structures from one, strictly (see
    :func:`from_dict`).
    """
    converter.register_unstructure_hook(Decimal, decimal_text)
    converter.register_unstructure_hook(Period, lambda period: period.id)
    converter.register_unstructure_hook(
        Reporter, make_dict_unstructure_fn(Reporter, converter, _cattrs_omit_if_default=True)
    )
    converter.register_unstructure_hook(Coverage, make_dict_unstructure_fn(Coverage, converter))
    converter.register_unstructure_hook(
        Entry,
        make_dict_unstructure_fn(
            Entry,
            converter,
            _cattrs_omit_if_default=True,
            distribution=override(unstruct_hook=_unstructure_distribution),
            contributors=override(unstruct_hook=_unstructure_contributors),
        ),
    )

    def unstructure_report(report: Report) -> dict[str, Any]:
        entries = {
            code: converter.unstructure(entry, Entry)
            for code, entry in report.entries.items()
            if not entry.is_empty
        }
        document: dict[str, Any] = {
            "schema": SCHEMA,
            "form": report.form.id,
            "reporter": converter.unstructure(report.reporter, Reporter),
            "period": report.period.id,
            **({"submitted": report.submitted.isoformat()} if report.submitted else {}),
            "entries": entries,
        }
        if _forced_version(report):
            document["form_version"] = report.form.version
        return document

    converter.register_unstructure_hook(Report, unstructure_report)
    converter.register_structure_hook(Report, lambda data, _type: from_dict(data))


def _forced_version(report: Report) -> bool:
    """Whether *report* is on a built-in form's version not in force for its period."""
    if report.form.id not in builtin_forms():
        return False
    try:
        fitting = load_form(report.form.id, period=report.period)
    except CchcError:
        return True
    return fitting is not report.form and fitting != report.form


def make_converter() -> cattrs.Converter:
    """A new converter between reports and ``cchc.report/1`` documents (dicts).

    >>> import cchc
    >>> converter = make_converter()
    >>> report = cchc.Report(
    ...     form=cchc.load_form(period="2021S1"),
    ...     reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
    ...     period="2021S1",
    ...     entries={"1.1.1": 49},
    ... )
    >>> doc = converter.unstructure(report)
    >>> doc["entries"], doc["period"]
    ({'1.1.1': {'value': 49}}, '2021S1')
    >>> converter.structure(doc, cchc.Report) == report
    True
    """
    converter = cattrs.Converter()
    configure_converter(converter)
    return converter


@functools.cache
def _converter() -> cattrs.Converter:
    # Built once by the factory for speed; make_converter() still gives fresh ones.
    return make_converter()


def to_dict(report: Report) -> dict[str, Any]:
    """The ``cchc.report/1`` document of *report*, as plain dicts, lists, str and int.

    Decimals become strings (``"83.67"``); entries follow the form's order; entries
    holding nothing at all are left out; ``report.diagnostics`` are not part of
    the format.

    >>> import cchc
    >>> report = cchc.Report(
    ...     form=cchc.load_form(period="2021S1"),
    ...     reporter=cchc.Reporter("UBND huyện A", kind="district", id="h-a"),
    ...     period="2021",
    ...     entries={"3.3.3": Decimal("83.67")},
    ... )
    >>> to_dict(report)["reporter"], to_dict(report)["entries"]
    ({'name': 'UBND huyện A', 'kind': 'district', 'id': 'h-a'}, {'3.3.3': {'value': '83.67'}})
    """
    result: dict[str, Any] = _converter().unstructure(report, Report)
    return result


def dumps(report: Report, *, indent: int | None = 2) -> str:
    """*report* as a ``cchc.report/1`` JSON document.

    The text is deterministic (entries in the form's order, keys in a fixed
    order), keeps Vietnamese letters as they are (not ``\\u`` escapes) and ends
    with a newline.  ``loads(dumps(report)) == report`` for every report without
    diagnostics, and ``dumps(loads(text)) == text`` for every *text* written by
    ``dumps`` with the same *indent*.

    Args:
        report: the report to write.
        indent: spaces per level; ``None`` writes the document on one line.

    >>> import cchc
    >>> report = cchc.Report(
    ...     form=cchc.load_form(period="2021S1"),
    ...     reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
    ...     period="2021S1",
    ...     entries={"1.2": cchc.Entry(status=cchc.Status.NOT_YET_DONE, note="Chưa kiểm tra")},
    ... )
    >>> print(dumps(report), end="")
    {
      "schema": "cchc.report/1",
      "form": "phu-luc-2b",
      "reporter": {
        "name": "Sở Nội vụ",
        "kind": "department"
      },
      "period": "2021S1",
      "entries": {
        "1.2": {
          "status": "not-yet-done",
          "note": "Chưa kiểm tra"
        }
      }
    }
    """
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent) + "\n"


# --------------------------------------------------------------------------
# Reading


@attrs.define
class _Reader(ValueReader):
    """Walks one document, collecting every problem with its JSON path."""

    def document(self, data: object, form: Form | str | None) -> Report | None:
        doc = self.mapping(
            "$",
            data,
            allowed=(*_TOP_KEYS, *_OPTIONAL_TOP_KEYS),
            required=_TOP_KEYS,
            what="a report",
        )
        if doc is None:
            return None
        if "schema" in doc:
            self.schema(doc["schema"])
        reporter = self.reporter(doc["reporter"]) if "reporter" in doc else None
        # The period picks the version of the form in force.
        period = self.period(doc["period"]) if "period" in doc else None
        version = (
            self.string("$.form_version", doc["form_version"]) if "form_version" in doc else None
        )
        the_form = self.form(doc["form"], form, period, version) if "form" in doc else None
        entries = self.entries(doc["entries"], the_form) if "entries" in doc else None
        submitted = self.submitted(doc["submitted"]) if "submitted" in doc else None
        if the_form is None or reporter is None or period is None or entries is None:
            return None
        if self.problems:
            return None
        return Report(
            form=the_form, reporter=reporter, period=period, entries=entries, submitted=submitted
        )

    def submitted(self, value: object) -> date | None:
        text = self.string("$.submitted", value)
        if text is None:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.add("$.submitted", f"expected an ISO date such as '2021-06-18', not {text!r}")
            return None

    def schema(self, value: object) -> None:
        if value == SCHEMA:
            return
        if isinstance(value, str) and value.startswith("cchc.report/"):
            message = f"unsupported schema version {value!r}: this cchc reads {SCHEMA!r}"
        elif isinstance(value, str):
            message = f"not a cchc report: schema is {value!r}, expected {SCHEMA!r}"
        else:
            message = f"expected the string {SCHEMA!r}, not {describe(value)}"
        self.add("$.schema", message)

    def form(
        self,
        value: object,
        given: Form | str | None,
        period: Period | None,
        version: str | None = None,
    ) -> Form | None:
        form_id = self.string("$.form", value)
        if form_id is None:
            return None
        if given is None:
            if form_id not in builtin_forms():
                self.add(
                    "$.form",
                    f"unknown form {form_id!r}: the built-in forms are "
                    f"{', '.join(builtin_forms())}; pass another form as form=",
                )
                return None
            if version is not None:
                try:
                    return load_form(f"{form_id}@{version}")
                except CchcError as error:
                    self.add("$.form_version", str(error))
                    return None
            # The version in force for the report's period (the latest without one).
            return load_form(form_id, period=period)
        the_form = given if isinstance(given, Form) else load_form(given, period=period)
        if the_form.id != form_id:
            self.add("$.form", f"the report is for form {form_id!r}, not {the_form.id!r}")
            return None
        return the_form

    def reporter(self, value: object) -> Reporter | None:
        data = self.mapping(
            "$.reporter",
            value,
            allowed=_REPORTER_KEYS,
            required=("name", "kind"),
            what="a reporter",
        )
        if data is None:
            return None
        count = len(self.problems)
        name = self.string("$.reporter.name", data["name"]) if "name" in data else None
        kind: ReporterKind | None = None
        if "kind" in data and (text := self.string("$.reporter.kind", data["kind"])) is not None:
            try:
                kind = ReporterKind(text)
            except ValueError:
                choices = ", ".join(k.value for k in ReporterKind)
                self.add("$.reporter.kind", f"unknown reporter kind {text!r} (one of {choices})")
        ids = {
            key: self.string(f"$.reporter.{key}", data[key]) if key in data else None
            for key in ("id", "parent")
        }
        if len(self.problems) > count or name is None or kind is None:
            return None
        return Reporter(name, kind, id=ids["id"], parent=ids["parent"])

    def period(self, value: object) -> Period | None:
        text = self.string("$.period", value)
        if text is None:
            return None
        try:
            period = Period.parse(text)
        except PeriodError as error:
            self.add("$.period", error.message)
            return None
        if period.id != text:
            self.add("$.period", f"write the period as its id {period.id!r}, not {text!r}")
            return None
        return period

    def entries(self, value: object, form: Form | None) -> dict[str, Entry] | None:
        data = self.mapping("$.entries", value, allowed=None, what="entries")
        if data is None:
            return None
        entries: dict[str, Entry] = {}
        slots = _slots(form) if form is not None else {}
        for code, raw in data.items():
            # The common entry, {"value": v} of the row's type, skips the path bookkeeping.
            if (
                type(raw) is JsonObject
                and len(raw) == 1
                and not raw.duplicates
                and (slot := slots.get(code)) is not None
            ):
                fast = _fast_value(slot, raw.get("value", _ABSENT))
                if fast is not None:
                    entries[code] = _shared(fast)
                    continue
            if not isinstance(code, str):
                continue  # already reported by mapping()
            entry = self.entry(code, raw, form)
            if entry is not None and not entry.is_empty:
                entries[code] = entry
        return entries

    def entry(self, code: str, value: object, form: Form | None) -> Entry | None:
        path = member("$.entries", code)
        count = len(self.problems)
        if not isinstance(value, Mapping):
            hint = f' (write {{"value": {short(json.dumps(value))}}})' if is_int(value) else ""
            self.add(path, f"an entry must be a JSON object, not {describe(value)}{hint}")
            return None
        indicator: Indicator | None = None
        if form is not None:
            indicator = form.get(code)
            if indicator is None:
                self.add(path, f"unknown indicator code {code!r}: form {form.id!r} has no such row")
        self.mapping(path, value, allowed=_ENTRY_KEYS, what="an entry")
        fields: dict[str, Any] = {}
        if "value" in value and indicator is not None:
            fields["value"] = self.value(f"{path}.value", value["value"], indicator)
        if "status" in value:
            fields["status"] = self.status(f"{path}.status", value["status"])
        for key in ("note", "raw"):
            if key in value:
                fields[key] = self.string(f"{path}.{key}", value[key])
        if "coverage" in value:
            fields["coverage"] = self.coverage(f"{path}.coverage", value["coverage"])
        if "distribution" in value:
            fields["distribution"] = self.distribution(
                f"{path}.distribution", value["distribution"]
            )
        if "contributors" in value:
            fields["contributors"] = self.contributors(
                f"{path}.contributors", value["contributors"]
            )
        if "value" in value and "status" in value:
            self.add(
                path,
                "an entry has a value or a status (why there is no value), not both",
            )
        if len(self.problems) > count:
            return None
        return Entry(**fields)

    def value(self, path: str, value: object, indicator: Indicator) -> Value | None:
        slot = slot_of(indicator)
        result: Value | None = None
        if slot in (Slot.COUNT, Slot.CODE):
            if is_int(value):
                result = value
        elif slot is Slot.DECIMAL:
            if is_int(value):
                result = Decimal(value)
            elif isinstance(value, Decimal) and value.is_finite():
                result = value
            elif isinstance(value, str):
                result = parse_decimal_text(value)
        elif slot is Slot.HEADER:
            if is_int(value) or (isinstance(value, Decimal) and value.is_finite()):
                result = value
            elif isinstance(value, str):
                result = parse_decimal_text(value)
        elif slot is Slot.TEXT:
            if isinstance(value, str):
                if self.writable(path, value) is None:
                    return None
                result = value
        elif is_int(value) or isinstance(value, str):  # pragma: no cover - see slot_of
            result = value
        if result is None:
            expected = expectation(
                indicator,
                slot,
                whole="a JSON integer",
                decimal='a decimal string such as "83.67"',
            )
            self.add(path, f"{expected}, not {describe(value)}")
        return result

    def status(self, path: str, value: object) -> Status | None:
        text = self.string(path, value)
        if text is None:
            return None
        try:
            return Status(text)
        except ValueError:
            choices = ", ".join(s.value for s in Status)
            self.add(path, f"unknown status {text!r} (one of {choices})")
            return None

    def coverage(self, path: str, value: object) -> Coverage | None:
        data = self.mapping(
            path, value, allowed=_COVERAGE_KEYS, required=_COVERAGE_KEYS, what="a coverage"
        )
        if data is None:
            return None
        numbers = [
            self.integer(member(path, key), data[key]) if key in data else None
            for key in _COVERAGE_KEYS
        ]
        reported, expected = numbers
        if reported is None or expected is None:
            return None
        return Coverage(reported, expected)


def from_dict(data: object, *, form: Form | str | None = None, source: str = "<json>") -> Report:
    """The report a ``cchc.report/1`` document (parsed JSON) describes.

    Args:
        data: the document as dicts, lists, str, int and Decimal (a ``float`` is
            refused: it is inexact).
        form: the form of the report.  ``None`` looks the document's ``"form"`` up
            among the built-in forms; a :class:`~cchc.model.Form` (or a path or id
            given to :func:`cchc.load_form`) is used as it is, and its id must be
            the document's ``"form"``.
        source: the name of the input, for messages.

    Raises:
        ReadError: every problem of the document, each with its JSON path.

    >>> doc = {
    ...     "schema": "cchc.report/1",
    ...     "form": "phu-luc-2b",
    ...     "period": "2021S1",
    ...     "reporter": {"name": "Sở Nội vụ", "kind": "department"},
    ...     "entries": {"1.1.1": {"value": 49}, "9.9": {"value": 1}},
    ... }
    >>> from_dict(doc)
    Traceback (most recent call last):
    ...
    cchc.errors.ReadError: <json>: 1 problem:
      $.entries["9.9"]: unknown indicator code '9.9': form 'phu-luc-2b' has no such row
    """
    reader = _Reader(source)
    try:
        report = reader.document(data, form)
    except CchcError as error:
        if isinstance(error, ReadError):
            raise
        # A last line of defence: the checks above should leave the model nothing to refuse.
        raise ReadError.one(error.message, source=source, location=error.location) from None
    if reader.problems or report is None:
        raise ReadError(reader.problems, source=source)
    return report


def _parse_json(text: str, source: str) -> object:
    try:
        return json_value(text)
    except json.JSONDecodeError as error:
        raise ReadError.one(
            f"invalid JSON: {error.msg}",
            source=source,
            location=f"line {error.lineno}, column {error.colno}",
        ) from None
    except (ValueError, RecursionError) as error:
        raise ReadError.one(f"invalid JSON: {error}", source=source) from None


def loads(text: str | bytes, *, form: Form | str | None = None, source: str = "<json>") -> Report:
    """Read a report from a ``cchc.report/1`` JSON document.

    Args:
        text: the document (bytes must be UTF-8).
        form: the form of the report (see :func:`from_dict`); ``None`` takes the
            document's ``"form"`` among the built-in forms.
        source: the name of the input, for messages (a file name).

    Raises:
        ReadError: invalid JSON (with line and column), or every problem of the
            document, each with its JSON path.

    >>> loads('{"schema": "cchc.report/1",', source="x.json")
    Traceback (most recent call last):
    ...
    cchc.errors.ReadError: x.json: 1 problem:
      line 1, column 28: invalid JSON: Expecting property name enclosed in double quotes
    """
    return from_dict(_parse_json(decode(text, source), source), form=form, source=source)
