"""Exact rounding, shared by ratios, aggregation and formatting.

Rounding happens only at presentation, half-up (halves away from zero), on exact
values (``int``, ``Decimal``, ``Fraction``).  The result is built from its digits,
never through :mod:`decimal` context arithmetic, which would round again to the
context's precision (28 digits by default).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

__all__ = ["round_half_up"]


def round_half_up(value: int | Decimal | Fraction, places: int, *, trim: bool = False) -> Decimal:
    """*value* rounded to *places* decimals, halves away from zero, exactly.

    With ``trim=True`` trailing zeros of the decimals are dropped (``71.40`` → ``71.4``).
    A value that rounds to zero is ``0``, never ``-0``.

    >>> round_half_up(Fraction(2, 3) * 100, 2), round_half_up(Decimal("2.345"), 2)
    (Decimal('66.67'), Decimal('2.35'))
    >>> round_half_up(Fraction(-1, 8), 2), round_half_up(Fraction(-1, 1000), 2)
    (Decimal('-0.13'), Decimal('0.00'))
    >>> round_half_up(Fraction(500, 7), 2, trim=True), round_half_up(Fraction(10**30, 3), 2)
    (Decimal('71.43'), Decimal('333333333333333333333333333333.33'))
    >>> round_half_up(Decimal("71.40"), 2, trim=True)
    Decimal('71.4')
    """
    exact = Fraction(value)
    scaled = abs(exact) * 10**places
    units = int(scaled + Fraction(1, 2))  # floor(x + 1/2) for x >= 0: half-up
    if trim:
        while places > 0 and units % 10 == 0:
            units //= 10
            places -= 1
    sign = "-" if exact < 0 and units else ""
    return Decimal(f"{sign}{units}E-{places}")
