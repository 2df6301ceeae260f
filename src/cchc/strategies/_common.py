"""Shared helpers of :mod:`cchc.strategies`: argument checks, lazy building, unit draws."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Final, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from cchc.errors import CchcError
from cchc.forms import load_form
from cchc.model import Form, Indicator
from cchc.strategies._plan import HUNDRED_PERCENT, Domain, Step, domain_of
from cchc.values import Status

T = TypeVar("T")

DEFAULT_MAX_COUNT: Final = 100_000
DEFAULT_MAX_SCORE: Final = 100
STATUSES: Final = (Status.NOT_YET_DONE, Status.NOT_YET_DUE, Status.NOT_REPORTED)

_WORDS: Final = (
    "Đã",
    "hoàn",
    "thành",
    "đang",
    "thực",
    "hiện",
    "theo",
    "kế",
    "hoạch",
    "Bao",
    "gồm",
    "các",
    "văn",
    "bản",
    "chỉ",
    "đạo",
    "số",
    "liệu",
    "tháng",
    "năm",
    "6",
    "35",
    "2021",
    "UBND",
    "tỉnh",
    "huyện",
    "xã",
    "KH",
    "công",
    "nhiệm",
    "vụ",
    "thường",
    "xuyên",
    "trong",
    "kỳ",
    "báo",
    "cáo",
    "hồ",
    "sơ",
    "trực",
    "tuyến",
    "lũy",
    "(tính",
    "đến",
    "30/6)",
    "chưa",
    "đủ,",
    "cuối",
)


def note_texts() -> st.SearchStrategy[str]:
    """Ghi chú texts as reporters write them: Vietnamese words, single spaces, NFC.

    Every text survives :func:`cchc._text.clean` unchanged, so it round-trips
    through every file format.

    >>> from cchc._text import clean
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, database=None)
    ... @given(note_texts())
    ... def test_clean(text):
    ...     assert clean(text) == text and text
    >>> test_clean()
    """
    return st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8).map(" ".join)


DEFAULT_FORM = "phu-luc-2b@2021"
"""The form of the strategies by default: Phụ lục 2B of 2021, the version whose
reporter kinds (departments, districts, central agencies) the default reporters draw."""


def resolve_form(form: Form | str | None) -> Form:
    if form is None or isinstance(form, str):
        try:
            return load_form(form or DEFAULT_FORM)
        except CchcError as err:
            msg = f"form={form!r}: {err}"
            raise InvalidArgument(msg) from err
    given: object = form  # callers without a type checker may pass anything
    if not isinstance(given, Form):
        msg = f"form must be a cchc.Form, a form id or None, not {given!r}"
        raise InvalidArgument(msg)
    return given


def check_strategy(name: str, value: object) -> None:
    if not isinstance(value, st.SearchStrategy):
        msg = f"{name} must be a hypothesis strategy, not {value!r}"
        raise InvalidArgument(msg)


def check_int(name: str, value: object, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        msg = f"{name} must be an integer ≥ {minimum}, not {value!r}"
        raise InvalidArgument(msg)
    return value


def lazy(build: Callable[[], st.SearchStrategy[T]]) -> st.SearchStrategy[T]:
    """Build the strategy on first draw, so argument errors surface at draw time."""
    return st.deferred(build)


BOOLEANS: Final = st.booleans()


@functools.lru_cache(maxsize=4096)
def integers(low: int, high: int) -> st.SearchStrategy[int]:
    # Reports draw hundreds of bounded integers: reuse the strategy objects.
    return st.integers(low, high)


def hundredths(draw: st.DrawFn, low: int, high: int) -> int:
    """A percentage in hundredths, shrinking towards whole percents."""
    whole_low, whole_high = -(-low // 100), high // 100
    if whole_low <= whole_high and not draw(BOOLEANS):
        return 100 * draw(integers(whole_low, whole_high))
    return draw(integers(low, high))


def draw_units(
    draw: st.DrawFn, indicator: Indicator, high: int | None, *, max_count: int, max_score: int
) -> int | str:
    """A value of *indicator*'s row in planning units, at most *high* when given."""
    domain = domain_of(indicator)
    if domain is Domain.CODE:
        codes = indicator.codes.values if indicator.codes is not None else (0,)
        return draw(st.sampled_from(sorted(codes)))
    if domain is Domain.TEXT:
        return draw(note_texts())
    if domain is Domain.HUNDREDTHS:
        units = hundredths(draw, 0, HUNDRED_PERCENT if high is None else high)
        # A rate in (0, 1] beside rates ~100 times larger is P1's typing slip (a
        # fraction typed for a percentage): valid reports keep clear of (0, 1].
        return 0 if 0 < units <= 100 else units
    if domain is Domain.SCORE:
        return hundredths(draw, 0, 100 * max_score if high is None else high)
    return draw(integers(0, max_count if high is None else high))


def _rate(step: Step, number: Callable[[str], int | None]) -> int | None:
    """``Σplus / Σover × const`` in hundredths, rounded; ``None`` without a denominator."""
    nums = [number(c) for c in step.plus]
    dens = [number(c) for c in step.over]
    if None in nums or None in dens:
        return None
    denominator = sum(d for d in dens if d is not None)
    if denominator <= 0:
        return None
    numerator = sum(n for n in nums if n is not None) * (step.const or 1) * 100
    return round(Fraction(numerator, denominator))


def draw_step(
    draw: st.DrawFn,
    step: Step,
    indicator: Indicator,
    drawn: Mapping[str, int | str],
    *,
    max_count: int,
    max_score: int,
) -> int | str:
    """Draw one row's planning units following its step, from the rows drawn before."""

    def number(code: str) -> int | None:
        value = drawn.get(code)
        if isinstance(value, int):
            return value
        # A strict link's rows are filled together, so a missing one does not
        # apply to the reporter: count it as 0, as R8 counts levels that do not apply.
        return 0 if step.strict else None

    if step.zero_if is not None and number(step.zero_if) == 0:
        return 0
    if step.how == "rate":
        rate = _rate(step, number)
        # A warning's rate is kept only within the row's range (an error's always).
        if rate is not None and (step.strict or rate <= HUNDRED_PERCENT):
            return rate
        return draw_units(draw, indicator, None, max_count=max_count, max_score=max_score)
    plus = [v for c in step.plus if (v := number(c)) is not None]
    minus = sum(v for c in step.minus if (v := number(c)) is not None)
    if step.how in ("sum", "sum_plus") and plus:
        extra = draw(integers(0, max_count)) if step.how == "sum_plus" else 0
        return sum(plus) + extra
    if step.how == "exactly" and (plus or step.const is not None):
        return max(0, (step.const or 0) + sum(plus) - minus)
    if step.how == "at_most" and (plus or step.const is not None):
        high = max(0, (step.const or 0) + sum(plus) - minus)
        return draw_units(draw, indicator, high, max_count=max_count, max_score=max_score)
    return draw_units(draw, indicator, None, max_count=max_count, max_score=max_score)
