"""Load a form from its data file (TOML or JSON), checking every key.

The file layout is documented in ``docs/forms.md``. All problems of a file are
collected and raised together as one :class:`cchc.errors.FormError`, each with its
file and location.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from cchc._text import clean, match_key
from cchc.codes import CodeList
from cchc.errors import (
    CodeListError,
    ExpressionError,
    FormError,
    PeriodError,
    Problem,
    ProblemCollector,
    UnknownFormError,
)
from cchc.expressions import Kind, parse
from cchc.findings import Severity
from cchc.limits import DEFAULT_LIMITS, unwritable
from cchc.model import (
    Applicability,
    BreakdownKind,
    Form,
    Indicator,
    IndicatorKind,
    MissingPolicy,
    RatioDeclaration,
    ReporterKind,
    RuleDeclaration,
    Temporal,
)
from cchc.periods import Period, PeriodKind
from cchc.units import BUILTIN_UNITS, Unit, UnitKind, unit_index

__all__ = [
    "BUILTIN_FORMS",
    "builtin_forms",
    "form_from_data",
    "form_versions",
    "load_form",
    "version_in_force",
]

BUILTIN_FORMS: Mapping[str, tuple[str, ...]] = {
    "phu-luc-2b": ("phu-luc-2b.toml", "phu-luc-2b-2025.toml"),
}
"""Built-in form ids and the data files of their versions inside :mod:`cchc.forms`,
oldest first: Phụ lục 2B of 2021 (until 30/6/2025) and cchc's adaptation to the
two-level local government (from 1/7/2025)."""

SCHEMA = "cchc.form/1"

_TOP_KEYS = {
    "schema", "id", "title", "version", "description", "reporters", "periods",
    "valid_from", "valid_until", "unit", "indicator", "rule", "ratio",
}  # fmt: skip
_INDICATOR_KEYS = {
    "code", "printed", "name", "display_name", "name_en", "kind", "unit", "unit_text", "codes",
    "scoring", "parent", "breakdown", "temporal", "reporters", "departments",
    "province_wide", "note", "sums",
}  # fmt: skip
_UNIT_KEYS = {"id", "label", "kind", "synonyms", "label_en"}
_RULE_KEYS = {
    "id", "test", "severity", "when", "title", "title_en", "missing", "reporters", "option",
    "message",
}  # fmt: skip
_RATIO_KEYS = {
    "id", "name", "name_en", "numerator", "denominator", "factor", "entered", "decimals",
}  # fmt: skip
# The named placeholders of a rule's message template (cchc.rules._sentence fills them).
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_PLACEHOLDER_NAMES = frozenset({"left", "right", "relation", "difference", "row", "value"})
_CODE = re.compile(r"[0-9]+(\.[0-9]+)*(\.[a-z])?")

E = TypeVar("E")


def builtin_forms() -> tuple[str, ...]:
    """The ids of the built-in forms.

    >>> builtin_forms()
    ('phu-luc-2b',)
    """
    return tuple(BUILTIN_FORMS)


def load_form(source: str | Path | None = None, *, period: Period | str | None = None) -> Form:
    """Load a form: the built-in Phụ lục 2B, a built-in form by id, or a file.

    Args:
        source: ``None`` for the built-in Phụ lục 2B; a built-in id
            (``"phu-luc-2b"``), optionally with a version (``"phu-luc-2b@2021"``);
            or the path of a ``.toml`` or ``.json`` form file.
        period: for a built-in id, the version in force at the end of this
            period's window (a :class:`~cchc.Period` or its id); without it, the
            latest version.  A file holds one version and is returned as it is.

    Raises:
        UnknownFormError: *source* is neither a built-in id nor an existing file,
            names an unknown version, or no version is in force for *period*.
        FormError: the file has problems; all of them are listed.

    >>> form = load_form()
    >>> form.id, form.version, form.valid_from
    ('phu-luc-2b', '2025', datetime.date(2025, 7, 1))
    >>> load_form("phu-luc-2b") is form
    True
    >>> old = load_form("phu-luc-2b", period="2021S1")
    >>> old.version, old.valid_until, len(old)
    ('2021', datetime.date(2025, 6, 30), 143)
    >>> load_form("phu-luc-2b@2021") is old
    True
    >>> load_form("phu-luc-9z")
    Traceback (most recent call last):
    ...
    cchc.errors.UnknownFormError: unknown form 'phu-luc-9z':
    not a built-in form (phu-luc-2b) nor a file
    """
    if source is None:
        source = "phu-luc-2b"
    if isinstance(source, str):
        form_id, at, version = source.partition("@")
        if form_id in BUILTIN_FORMS:
            versions = form_versions(form_id)
            if at:
                found = [f for f in versions if f.version == version]
                if not found:
                    known = ", ".join(f.version for f in versions)
                    msg = f"form {form_id!r} has no version {version!r} (versions: {known})"
                    raise UnknownFormError(msg)
                return found[0]
            if period is None:
                return versions[-1]
            return version_in_force(versions, period)
    path = Path(source)
    if not path.is_file():
        known = ", ".join(BUILTIN_FORMS)
        msg = f"unknown form {str(source)!r}: not a built-in form ({known}) nor a file"
        raise UnknownFormError(msg)
    return _load_path(path)


def form_versions(form_id: str) -> tuple[Form, ...]:
    """Every version of the built-in form *form_id*, oldest first.

    >>> [(f.version, f.validity) for f in form_versions("phu-luc-2b")]
    [('2021', '..2025-06-30'), ('2025', '2025-07-01..')]
    """
    if form_id not in BUILTIN_FORMS:
        known = ", ".join(BUILTIN_FORMS)
        raise UnknownFormError(f"unknown form {form_id!r}: not a built-in form ({known})")
    return tuple(_load_builtin(form_id, name) for name in BUILTIN_FORMS[form_id])


def version_in_force(versions: Iterable[Form], period: Period | str) -> Form:
    """The version among *versions* in force at the end of *period*'s window.

    Works for any forms, built-in or loaded from files, e.g. a province's own
    variants of a form with their validity dates.  When several are in force,
    the one that came into force last wins.

    Raises:
        UnknownFormError: no version is in force for *period* (or *versions* is empty).
        PeriodError: *period* is not a period or a period id.

    >>> version_in_force(form_versions("phu-luc-2b"), "2026S1").version
    '2025'
    """
    when = Period.parse(period) if isinstance(period, str) else period
    if not isinstance(when, Period):
        raise PeriodError(f"expected a Period or a period id, not {period!r}")
    forms = list(versions)
    in_force = [f for f in forms if f.in_force(when)]
    if not in_force:
        listed = ", ".join(f"{f.id}@{f.version} ({f.validity or 'always'})" for f in forms)
        msg = (
            f"no version is in force on {when.window.end.isoformat()} "
            f"(the end of {when.id}); versions: {listed or 'none'}"
        )
        raise UnknownFormError(msg)
    return max(in_force, key=lambda f: f.valid_from or date.min)


@functools.cache
def _load_builtin(form_id: str, file_name: str) -> Form:
    resource = resources.files("cchc.forms").joinpath(file_name)
    return _parse_text(
        resource.read_text(encoding="utf-8"), name=f"{form_id} (built-in)", toml=True
    )


def _load_path(path: Path) -> Form:
    limit = DEFAULT_LIMITS.max_input_bytes
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            msg = f"the form file is larger than {limit} bytes"
            raise FormError([Problem(msg, source=str(path))])
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormError([Problem(f"cannot read the file: {exc}", source=str(path))]) from None
    return _parse_text(text, name=str(path), toml=path.suffix.lower() != ".json")


def _parse_text(text: str, *, name: str, toml: bool) -> Form:
    kind = "TOML" if toml else "JSON"
    try:
        data = tomllib.loads(text) if toml else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise FormError([Problem(f"not valid {kind}: {exc}", source=name)]) from None
    except ValueError as exc:  # an integer literal beyond Python's 4,300-digit limit
        raise FormError([Problem(f"not a usable {kind} file: {exc}", source=name)]) from None
    except RecursionError:
        msg = f"not a usable {kind} file: its values nest too deep"
        raise FormError([Problem(msg, source=name)]) from None
    if _too_deep(data):
        msg = f"not a usable {kind} file: its values nest deeper than {_MAX_NESTING} levels"
        raise FormError([Problem(msg, source=name)])
    if not isinstance(data, dict):
        raise FormError([Problem("a form file must hold a table (object)", source=name)])
    return form_from_data(
        data,
        source=name,
        indicator_lines=_table_lines(text, "indicator") if toml else (),
        rule_lines=_table_lines(text, "rule") if toml else (),
        ratio_lines=_table_lines(text, "ratio") if toml else (),
    )


_MAX_NESTING = 20  # a form nests tables three levels deep; the rest is hostile


def _too_deep(data: object) -> bool:
    """Whether *data* nests deeper than a form can (walked without recursion)."""
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > _MAX_NESTING:
            return True
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
    return False


def _table_lines(text: str, table: str) -> list[int]:
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() == f"[[{table}]]"
    ]


class _Collector(ProblemCollector):
    """Collects problems with their locations while a form is built."""

    def keys(self, location: str, data: Mapping[str, Any], allowed: set[str]) -> None:
        for key in data:
            if key not in allowed:
                self.add(location, f"unknown key {key!r}")

    def string(
        self, location: str, data: Mapping[str, Any], key: str, *, required: bool = False
    ) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.add(location, f"missing key {key!r}")
            return None
        if not isinstance(value, str):
            self.add(location, f"{key!r} must be a string, not {type(value).__name__}")
            return None
        problem = unwritable(value)
        if problem is not None:
            self.add(location, f"{key!r} holds {problem}, which no format can write")
            return None
        return value

    def enum(self, location: str, value: Any, cls: Callable[[Any], E], what: str) -> E | None:
        try:
            return cls(value)
        except ValueError:
            choices = ", ".join(repr(m.value) for m in cls)  # type: ignore[attr-defined]
            self.add(location, f"unknown {what} {value!r} (one of {choices})")
            return None

    def kinds(self, location: str, value: Any) -> frozenset[ReporterKind] | None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(location, "'reporters' must be a list of reporter kinds")
            return None
        found = [self.enum(location, v, ReporterKind, "reporter kind") for v in value]
        return frozenset(k for k in found if k is not None)


def form_from_data(
    data: Mapping[str, Any],
    *,
    source: str = "<form>",
    indicator_lines: Sequence[int] = (),
    rule_lines: Sequence[int] = (),
    ratio_lines: Sequence[int] = (),
) -> Form:
    """Build a :class:`~cchc.model.Form` from the parsed content of a form file.

    Rule and ratio expressions are parsed and type-checked against the form's
    codes here, so a bad expression is reported with its place in the file and
    its column.

    Raises:
        FormError: every problem found, each with its location.
    """
    problems = _Collector(source)
    problems.keys("top level", data, _TOP_KEYS)
    schema = data.get("schema", SCHEMA)
    if schema != SCHEMA:
        problems.add("schema", f"unsupported schema {schema!r} (expected {SCHEMA!r})")
    form_id = problems.string("top level", data, "id", required=True) or "<unnamed>"
    title = problems.string("top level", data, "title", required=True) or ""
    version = data.get("version", "1")
    if not isinstance(version, str | int):
        problems.add("version", "'version' must be a string")
        version = "1"
    default_kinds = problems.kinds(
        "reporters", data.get("reporters", [k.value for k in ReporterKind])
    )
    period_kinds = _period_kinds(data.get("periods", [k.value for k in PeriodKind]), problems)
    valid_from = _iso_date(data, "valid_from", problems)
    valid_until = _iso_date(data, "valid_until", problems)
    if valid_from is not None and valid_until is not None and valid_until < valid_from:
        problems.add("valid_until", "'valid_until' comes before 'valid_from'")

    units = _units(data.get("unit", []), problems)
    try:
        index = unit_index((*BUILTIN_UNITS, *units))
    except ValueError as exc:
        problems.add("unit", str(exc))
        index = unit_index(BUILTIN_UNITS)

    raw_indicators = data.get("indicator")
    if not isinstance(raw_indicators, list) or not raw_indicators:
        problems.add("indicator", "a form needs a non-empty list of [[indicator]] tables")
        raw_indicators = []
    indicators = _indicators(
        raw_indicators, problems, index, default_kinds or frozenset(), indicator_lines
    )
    scope = _Scope(indicators)
    rules = _rules(data.get("rule", []), problems, scope, rule_lines)
    ratios = _ratios(data.get("ratio", []), problems, scope, ratio_lines)
    codes = {i.code for i in indicators}
    for ratio in ratios:
        if ratio.entered is not None and ratio.entered not in codes:
            problems.add(f"ratio {ratio.id!r}", f"'entered' names unknown code {ratio.entered!r}")
    if problems.problems:
        raise FormError(problems.problems, source=source)
    return Form(
        id=form_id,
        title=title,
        version=str(version),
        valid_from=valid_from,
        valid_until=valid_until,
        reporter_kinds=default_kinds or frozenset(),
        period_kinds=period_kinds,
        indicators=indicators,
        units=(*BUILTIN_UNITS, *units),
        rules=rules,
        ratios=ratios,
        description=str(data.get("description", "")),
        source=source,
    )


def _iso_date(data: Mapping[str, Any], key: str, problems: _Collector) -> date | None:
    value = data.get(key)
    if value is None:
        return None
    # TOML reads an unquoted 2025-07-01 as a date already; JSON and quoted TOML give text.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    problems.add(key, f"{key!r} must be an ISO date such as 2025-07-01, not {value!r}")
    return None


def _period_kinds(value: Any, problems: _Collector) -> frozenset[PeriodKind]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        problems.add("periods", "'periods' must be a non-empty list of period kinds")
        return frozenset(PeriodKind)
    found = [problems.enum("periods", v, PeriodKind, "period kind") for v in value]
    return frozenset(k for k in found if k is not None)


def _units(raw: Any, problems: _Collector) -> tuple[Unit, ...]:
    if not isinstance(raw, list):
        problems.add("unit", "'unit' must be a list of [[unit]] tables")
        return ()
    units: list[Unit] = []
    for number, item in enumerate(raw, start=1):
        where = f"unit {number}"
        if not isinstance(item, dict):
            problems.add(where, "must be a table")
            continue
        problems.keys(where, item, _UNIT_KEYS)
        uid = problems.string(where, item, "id", required=True)
        label = problems.string(where, item, "label", required=True)
        kind = problems.enum(where, item.get("kind", "count"), UnitKind, "unit kind")
        synonyms = item.get("synonyms", [])
        if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
            problems.add(where, "'synonyms' must be a list of strings")
            synonyms = []
        if uid and label and kind:
            label_en = str(item.get("label_en", ""))
            units.append(Unit(uid, label, kind, tuple(synonyms), label_en))
    return tuple(units)


def _indicators(
    raw: list[Any],
    problems: _Collector,
    units: Mapping[str, Unit],
    default_kinds: frozenset[ReporterKind],
    lines: Sequence[int],
) -> tuple[Indicator, ...]:
    broken_parents: set[str] = set()
    parsed: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for number, item in enumerate(raw, start=1):
        line = f"line {lines[number - 1]}, " if len(lines) >= number else ""
        where = f"{line}indicator {number}"
        if not isinstance(item, dict):
            problems.add(where, "must be a table")
            continue
        code = problems.string(where, item, "code", required=True)
        if code is not None:
            where = f"{where} ({code})"
            if not _CODE.fullmatch(code):
                problems.add(where, f"malformed code {code!r} (digits and dots, optional .a-.z)")
            if code in seen:
                problems.add(where, f"duplicate code {code!r} (first at {seen[code]})")
            else:
                seen[code] = where
        problems.keys(where, item, _INDICATOR_KEYS)
        fields = _indicator_fields(where, item, problems, units)
        if code is not None and fields is not None:
            parsed.append({"code": code, "where": where, **fields})
        elif code is not None:
            # A row with problems of its own is still a child of its parent: do not
            # also report the parent as having no rows below it.
            parent_key = item.get("parent")
            parent_code = parent_key if isinstance(parent_key, str) else code.rpartition(".")[0]
            broken_parents.add(parent_code)

    by_code = {p["code"]: p for p in parsed}
    children: dict[str, list[str]] = {p["code"]: [] for p in parsed}
    order = {p["code"]: n for n, p in enumerate(parsed)}
    for p in parsed:
        parent = p.pop("parent")
        if parent is None and "." in p["code"]:
            parent = p["code"].rsplit(".", 1)[0]
        if parent is not None:
            if parent == p["code"]:
                problems.add(p["where"], f"the row is its own parent {parent!r}")
                parent = None
            elif parent not in by_code:
                problems.add(p["where"], f"parent {parent!r} is not in the form")
                parent = None
            elif order[parent] > order[p["code"]]:
                problems.add(p["where"], f"parent {parent!r} comes after its child")
            else:
                children[parent].append(p["code"])
        p["parent"] = parent

    # Parents precede their children, so one pass in order resolves inheritance.
    effective: dict[str, frozenset[ReporterKind]] = {}
    for p in parsed:
        own, parent = p.pop("kinds"), p["parent"]
        inherited = effective.get(parent, default_kinds) if parent else default_kinds
        effective[p["code"]] = own if own is not None else inherited

    def depth_of(code: str) -> int:
        depth, parent = 1, by_code[code]["parent"]
        while parent is not None and depth <= len(parsed):
            depth, parent = depth + 1, by_code[parent]["parent"]
        return depth

    indicators: list[Indicator] = []
    for p in parsed:
        where, code = p.pop("where"), p["code"]
        kids = tuple(children[code])
        kind: IndicatorKind = p["kind"]
        if kind.is_header and not kids and code not in broken_parents:
            problems.add(where, f"a {kind.value} row needs rows below it")
        if p["breakdown"] is not None and not any(
            by_code[k]["kind"] is IndicatorKind.BREAKDOWN for k in kids
        ):
            problems.add(where, "'breakdown' is set but no breakdown row stands below it")
        if kind is IndicatorKind.BREAKDOWN and p["parent"] is None:
            problems.add(where, "a breakdown row needs a parent")
        departments = p.pop("departments")
        indicators.append(
            Indicator(
                children=kids,
                reporters=Applicability(effective[code], departments),
                depth=depth_of(code),
                **p,
            )
        )
    return tuple(indicators)


def _indicator_fields(
    where: str, item: Mapping[str, Any], problems: _Collector, units: Mapping[str, Unit]
) -> dict[str, Any] | None:
    before = len(problems.problems)
    name = problems.string(where, item, "name", required=True) or ""
    kind_text = problems.string(where, item, "kind", required=True)
    kind = problems.enum(where, kind_text, IndicatorKind, "kind") if kind_text else None
    unit_name = problems.string(where, item, "unit")
    unit: Unit | None = None
    if unit_name is not None:
        unit = units.get(unit_name) or units.get(match_key(unit_name))
        if unit is None:
            problems.add(where, f"unknown unit {unit_name!r}")
    codes_text = problems.string(where, item, "codes")
    codes: CodeList | None = None
    if codes_text is not None:
        try:
            codes = CodeList.parse(codes_text)
        except CodeListError as exc:
            problems.add(where, f"bad code list: {exc.message}")
    scoring = problems.string(where, item, "scoring")
    if kind is not None:
        _check_kind(
            where,
            kind=kind,
            unit_name=unit_name,
            unit=unit,
            codes_text=codes_text,
            scoring=scoring,
            problems=problems,
        )
    breakdown = item.get("breakdown")
    if breakdown is not None:
        breakdown = problems.enum(where, breakdown, BreakdownKind, "breakdown kind")
    temporal = item.get("temporal")
    if temporal is not None:
        temporal = problems.enum(where, temporal, Temporal, "temporal nature")
    kinds = problems.kinds(where, item["reporters"]) if "reporters" in item else None
    departments = item.get("departments", [])
    if not isinstance(departments, list) or not all(isinstance(d, str) for d in departments):
        problems.add(where, "'departments' must be a list of names")
        departments = []
    province_wide = item.get("province_wide", False)
    if not isinstance(province_wide, bool):
        problems.add(where, "'province_wide' must be true or false")
    sums = item.get("sums", False)
    if not isinstance(sums, bool):
        problems.add(where, "'sums' must be true or false")
    printed = problems.string(where, item, "printed")
    display = problems.string(where, item, "display_name")
    name_en = problems.string(where, item, "name_en") or ""
    unit_text = problems.string(where, item, "unit_text")
    note = problems.string(where, item, "note") or ""
    parent = problems.string(where, item, "parent")
    if len(problems.problems) > before or kind is None or not isinstance(item.get("code"), str):
        return None
    code = str(item["code"])
    cleaned = clean(name)
    if unit_text is None:
        unit_text = codes.legend() if codes else scoring or (unit_name or "")
    return {
        "printed_code": printed if printed is not None else code,
        "name": cleaned,
        "display_name": clean(display) if display else cleaned,
        "name_en": clean(name_en),
        "kind": kind,
        "unit": unit,
        "unit_text": clean(unit_text),
        "codes": codes,
        "scoring": clean(scoring) if scoring else None,
        "parent": parent,
        "breakdown": breakdown,
        "temporal": temporal,
        "kinds": kinds,
        "departments": tuple(departments),
        "province_wide": bool(province_wide),
        "sums": sums is True,
        "note": clean(note),
    }


def _check_kind(
    where: str,
    *,
    kind: IndicatorKind,
    unit_name: str | None,
    unit: Unit | None,
    codes_text: str | None,
    scoring: str | None,
    problems: _Collector,
) -> None:
    if kind.is_header:
        if unit_name is not None or codes_text is not None:
            problems.add(where, f"a {kind.value} row has no unit and no codes")
    elif kind is IndicatorKind.CODED:
        if codes_text is None:
            problems.add(where, "a coded row needs 'codes'")
        if unit_name is not None:
            problems.add(where, "a coded row takes 'codes', not 'unit'")
    elif kind is IndicatorKind.SCORE:
        if unit is not None and unit.kind is not UnitKind.SCORE:
            problems.add(where, f"a score row needs a score unit, not {unit.label!r}")
        if scoring is None:
            problems.add(where, "a score row needs 'scoring' (the rule or scheme it refers to)")
    elif unit_name is None and codes_text is None:
        problems.add(where, f"a {kind.value} row needs a 'unit' or 'codes'")
    if kind is not IndicatorKind.SCORE and scoring is not None:
        problems.add(where, "'scoring' belongs on score rows only")


class _Scope:
    """What expressions may name: the form's codes, their kinds, its totals."""

    def __init__(self, indicators: Sequence[Indicator]) -> None:
        self.kinds = {
            i.code: Kind.TEXT
            if i.unit is not None and i.unit.kind is UnitKind.TEXT
            else Kind.NUMBER
            for i in indicators
        }
        self.totals = {i.code for i in indicators if i.breakdown is not None}

    def expression(
        self, problems: _Collector, where: str, key: str, text: str | None, expect: Kind
    ) -> None:
        if text is None:
            return
        try:
            parse(text, ref_kind=self.kinds.get, totals=self.totals.__contains__, expect=expect)
        except ExpressionError as exc:
            problems.add(f"{where}, {key}, {exc.location}", exc.message)


def _where(kind: str, number: int, lines: Sequence[int], item: Any) -> str:
    line = f"line {lines[number - 1]}, " if len(lines) >= number else ""
    rid = item.get("id") if isinstance(item, dict) else None
    named = f" ({rid})" if isinstance(rid, str) else ""
    return f"{line}{kind} {number}{named}"


def _rules(
    raw: Any, problems: _Collector, scope: _Scope, lines: Sequence[int] = ()
) -> tuple[RuleDeclaration, ...]:
    if not isinstance(raw, list):
        problems.add("rule", "'rule' must be a list of [[rule]] tables")
        return ()
    rules: list[RuleDeclaration] = []
    # One id may be declared once per value of an option (R24 under each reading).
    seen: set[tuple[str, str]] = set()
    for number, item in enumerate(raw, start=1):
        where = _where("rule", number, lines, item)
        if not isinstance(item, dict):
            problems.add(where, "must be a table")
            continue
        problems.keys(where, item, _RULE_KEYS)
        rid = problems.string(where, item, "id", required=True)
        test = problems.string(where, item, "test", required=True)
        scope.expression(problems, where, "test", test, Kind.BOOLEAN)
        key = (rid or "", repr(item.get("option")))
        if key in seen:
            problems.add(where, f"duplicate rule id {rid!r}")
        seen.add(key)
        severity = problems.enum(where, item.get("severity", "error"), Severity, "severity")
        missing = problems.enum(
            where, item.get("missing", "skip-if-any"), MissingPolicy, "missing-value policy"
        )
        kinds = problems.kinds(where, item["reporters"]) if "reporters" in item else None
        option = item.get("option")
        if option is not None and not (
            isinstance(option, list)
            and len(option) == 2
            and all(isinstance(o, str) for o in option)
        ):
            problems.add(where, "'option' must be [name, value]")
            option = None
        when = problems.string(where, item, "when")
        scope.expression(problems, where, "when", when, Kind.BOOLEAN)
        title = problems.string(where, item, "title") or ""
        title_en = problems.string(where, item, "title_en") or ""
        message, message_en = _message(problems, where, item.get("message"), scope)
        if rid and test and severity and missing:
            rules.append(
                RuleDeclaration(
                    id=rid,
                    test=test,
                    severity=severity,
                    when=when,
                    title=title,
                    title_en=title_en,
                    missing=missing,
                    reporters=kinds,
                    option=(option[0], option[1]) if option else None,
                    message=message,
                    message_en=message_en,
                )
            )
    return tuple(rules)


def _message(problems: _Collector, where: str, raw: Any, scope: _Scope) -> tuple[str, str]:
    """A rule's ``message = {vi = "…", en = "…"}``: both languages, known placeholders."""
    if raw is None:
        return "", ""
    if not isinstance(raw, dict) or set(raw) != {"vi", "en"}:
        problems.add(where, "'message' must be a table with 'vi' and 'en' texts")
        return "", ""
    texts = []
    for language in ("vi", "en"):
        text = raw[language]
        if not isinstance(text, str) or not text.strip():
            problems.add(where, f"'message.{language}' must be a text")
            return "", ""
        for name in _PLACEHOLDER.findall(text):
            if name not in _PLACEHOLDER_NAMES and name not in scope.kinds:
                problems.add(where, f"'message.{language}': unknown placeholder {{{name}}}")
        texts.append(text)
    return texts[0], texts[1]


def _ratios(
    raw: Any, problems: _Collector, scope: _Scope, lines: Sequence[int] = ()
) -> tuple[RatioDeclaration, ...]:
    if not isinstance(raw, list):
        problems.add("ratio", "'ratio' must be a list of [[ratio]] tables")
        return ()
    ratios: list[RatioDeclaration] = []
    seen: set[str] = set()
    for number, item in enumerate(raw, start=1):
        where = _where("ratio", number, lines, item)
        if not isinstance(item, dict):
            problems.add(where, "must be a table")
            continue
        problems.keys(where, item, _RATIO_KEYS)
        rid = problems.string(where, item, "id", required=True)
        name = problems.string(where, item, "name", required=True)
        numerator = problems.string(where, item, "numerator", required=True)
        denominator = problems.string(where, item, "denominator", required=True)
        scope.expression(problems, where, "numerator", numerator, Kind.NUMBER)
        scope.expression(problems, where, "denominator", denominator, Kind.NUMBER)
        if rid in seen:
            problems.add(where, f"duplicate ratio id {rid!r}")
        seen.add(rid or "")
        factor = item.get("factor", 100)
        if not isinstance(factor, int) or isinstance(factor, bool) or factor <= 0:
            problems.add(where, "'factor' must be a positive whole number")
            factor = 100
        entered = problems.string(where, item, "entered")
        decimals = item.get("decimals")
        if decimals is not None and (
            not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 6
        ):
            problems.add(where, "'decimals' must be a whole number from 0 to 6")
            decimals = None
        if rid and name and numerator and denominator:
            ratios.append(
                RatioDeclaration(
                    id=rid,
                    name=name,
                    name_en=str(item.get("name_en", "")),
                    numerator=numerator,
                    denominator=denominator,
                    factor=factor,
                    entered=entered,
                    decimals=decimals,
                )
            )
    return tuple(ratios)
