"""Forms of one's own, drawn at random: the shapes of rules provinces declare."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any, Final

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from cchc.forms.loader import form_from_data
from cchc.model import Form
from cchc.strategies._common import check_int, lazy

__all__ = ["forms"]

_REPORTERS: Final = (
    None,
    ["district", "province"],
    ["department", "province"],
)
_COUNT_UNITS: Final = ("Hồ sơ", "Nhiệm vụ", "Văn bản", "Thủ tục", "Lần")
_BLOCKS: Final = ("free", "bound", "sum", "split", "rate", "breakdown", "zero", "percent")

Row = dict[str, Any]
Rule = dict[str, Any]


class _Section:
    """The rows and rules of one section, numbered as they are drawn."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.rows: list[Row] = []
        self.rules: list[Rule] = []
        self.ratios: list[Rule] = []

    def row(self, draw: st.DrawFn, *, unit: str | None = None, **extra: Any) -> str:
        code = f"{self.number}.{sum(1 for r in self.rows if r['kind'] != 'breakdown') + 1}"
        row: Row = {"code": code, "name": f"Chỉ tiêu {code}", "kind": "value"}
        row["unit"] = unit if unit is not None else draw(st.sampled_from(_COUNT_UNITS))
        row.update(extra)
        self.rows.append(row)
        return code

    def rule(self, test: str, *, severity: str = "error", **extra: Any) -> None:
        self.rules.append({"test": test, "severity": severity, **extra})


def _ref(code: str) -> str:
    return "{" + code + "}"


def _block(draw: st.DrawFn, section: _Section, kind: str, reporters: list[str] | None) -> None:
    """One group of related rows and the rules between them."""
    who: dict[str, Any] = {} if reporters is None else {"reporters": reporters}
    unit = draw(st.sampled_from(_COUNT_UNITS))
    if kind == "free":
        section.row(draw, unit=unit, **who)
    elif kind == "percent":
        section.row(draw, unit="%", **who)
    elif kind == "bound":
        rows = [section.row(draw, unit=unit, **who) for _ in range(draw(st.integers(2, 3)))]
        for big, small in itertools.pairwise(rows):
            section.rule(f"{_ref(small)} <= {_ref(big)}")
    elif kind in ("sum", "split"):
        total = section.row(draw, unit=unit, **who)
        for _ in range(2 if kind == "split" else 1):
            parts = [section.row(draw, unit=unit, **who) for _ in range(draw(st.integers(1, 3)))]
            section.rule(f"{_ref(total)} == {' + '.join(_ref(p) for p in parts)}")
    elif kind == "rate":
        den = section.row(draw, unit=unit, **who)
        num = section.row(draw, unit=unit, **who)
        rate = section.row(draw, unit="%", **who)
        section.rule(f"{_ref(num)} <= {_ref(den)}")
        severity = draw(st.sampled_from(("error", "warning")))
        section.rule(f"agrees({_ref(rate)}, {_ref(num)} / {_ref(den)} * 100)", severity=severity)
        ratio_id = f"ratio-{rate}"
        section.ratios.append(
            {
                "id": ratio_id,
                "name": f"Tỷ lệ {rate}",
                "numerator": _ref(num),
                "denominator": _ref(den),
                "entered": rate,
            }
        )
    elif kind == "breakdown":
        how = draw(st.sampled_from(("exhaustive", "includes", "overlapping")))
        total = section.row(draw, unit=unit, breakdown=how, **who)
        for letter in "abc"[: draw(st.integers(1, 3))]:
            section.rows.append(
                {
                    "code": f"{total}.{letter}",
                    "name": f"Trong đó {letter}",
                    "kind": "breakdown",
                    "unit": unit,
                }
            )
    else:  # zero: no connection, no interruptions
        coded = section.row(draw, unit=None, **who)
        section.rows[-1].pop("unit")
        section.rows[-1].update(kind="coded", codes="Không = 0; Có = 1")
        count = section.row(draw, unit=unit, **who)
        section.rule(f"coalesce({_ref(count)}, 0) == 0", when=f"{_ref(coded)} == 0")


def forms(
    *, min_sections: int = 1, max_sections: int = 3, max_blocks: int = 4
) -> st.SearchStrategy[Form]:
    """Forms of one's own: sections of rows tied by the rules provinces declare.

    Each section holds a few *blocks* of related rows: a free count or
    percentage, a chain of bounds (``{1.2} <= {1.1}``), a total and its parts
    (``{1.3} == {1.1} + {1.2}``, sometimes split two ways), an entered rate
    with its ratio (``agrees({1.6}, {1.5} / {1.4} * 100)``, numerator bounded
    by denominator), a total with breakdown rows, a coded answer whose "no"
    makes a count zero (``when``).  Some blocks are reported only by districts
    or only by departments.  Every rule is one :func:`reports` constructs, so
    reports drawn for a drawn form pass its error-severity rules.

    Args:
        min_sections: the fewest sections.
        max_sections: the most sections.
        max_blocks: the most blocks of rows in a section.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, database=None)
    ... @given(forms())
    ... def test_forms_have_rows(form):
    ...     assert form.value_indicators
    >>> test_forms_have_rows()
    """

    def build() -> st.SearchStrategy[Form]:
        low = check_int("min_sections", min_sections, minimum=1)
        high = check_int("max_sections", max_sections, minimum=low)
        blocks = check_int("max_blocks", max_blocks, minimum=1)
        if high > 9:
            msg = f"max_sections must be at most 9, not {high}"
            raise InvalidArgument(msg)
        return _forms(low, high, blocks)

    return lazy(build)


def _forms(low: int, high: int, most: int) -> st.SearchStrategy[Form]:
    @st.composite
    def one(draw: st.DrawFn) -> Form:
        sections = [_Section(n) for n in range(1, draw(st.integers(low, high)) + 1)]
        for section in sections:
            for kind in draw(st.lists(st.sampled_from(_BLOCKS), min_size=1, max_size=most)):
                _block(draw, section, kind, draw(st.sampled_from(_REPORTERS)))
        return _form(sections)

    return one()


def _form(sections: list[_Section]) -> Form:
    indicators: list[Row] = []
    rules: list[Rule] = []
    ratios: list[Rule] = []
    for section in sections:
        indicators.append({"code": str(section.number), "name": "Mục", "kind": "section"})
        indicators.extend(section.rows)
        rules.extend(section.rules)
        ratios.extend(section.ratios)
    numbered: Callable[[int, Rule], Rule] = lambda n, r: {"id": f"G{n}", **r}  # noqa: E731
    data: dict[str, Any] = {
        "schema": "cchc.form/1",
        "id": "bieu-mau-rieng",
        "title": "Biểu mẫu riêng",
        "reporters": ["department", "district", "province"],
        "indicator": indicators,
        "rule": [numbered(n, r) for n, r in enumerate(rules, start=1)],
        "ratio": ratios,
    }
    return form_from_data(data, source="<forms()>")
