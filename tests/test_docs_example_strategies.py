"""The complete example of docs/testing-with-strategies.md, as a user's test module.

Kept in step with the page by hand: the page runs as a doctest too.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings

import cchc
from cchc import strategies as cst


def online_share(report: cchc.Report) -> Decimal | None:
    """Your code: the share of TTHC in force that are online at level 3, in %."""
    online, in_force = report.value("7.1.8.1"), report.value("3.1.3")
    if not isinstance(online, int) or not isinstance(in_force, int) or not in_force:
        return None  # blank is not zero: no share without both figures
    return Decimal(online) * 100 / in_force


@settings(max_examples=50, database=None)
@given(cst.reports())
def test_online_share_is_a_percentage(report: cchc.Report) -> None:
    """On any valid report, the share is blank or a percentage."""
    share = online_share(report)
    assert share is None or 0 <= share <= 100


def plan_is_kept(report: cchc.Report) -> bool:
    """Your own check of rule R1: tasks done never exceed tasks planned."""
    done, planned = report.value("1.1.2"), report.value("1.1.1")
    if not isinstance(done, int) or not isinstance(planned, int):
        return True
    return done <= planned


@settings(max_examples=25, database=None)
@given(cst.violating("R1"))
def test_my_check_catches_r1(violation: cst.Violation) -> None:
    """The check passes the valid report and catches the one that breaks R1."""
    assert plan_is_kept(violation.original)
    assert not plan_is_kept(violation.report)
