"""Every rule catches its violations, and only its rule breaks.

Law: for every rule id that :func:`cchc.strategies.violating` can break, the
rule fails on the drawn report; every other rule that fails there either failed
on the valid report it was made from, or is named in ``Violation.also`` because
it restates part of the rule.  Under both readings of each policy option; for
every rule of the custom dossier form (``tests/forms/ho-so.toml``) and for
rules of forms drawn by ``forms()``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc
from cchc import strategies as cst

OTHER = {"autonomy": "cumulative", "online-levels": "separate"}


def failing(report: cchc.Report, options: dict[str, str] | None = None) -> set[str]:
    return {
        f.rule for f in cchc.check(report, options=options) if f.is_problem and not f.is_reading
    }


def caught_alone(violation: cst.Violation, options: dict[str, str] | None) -> None:
    broken = failing(violation.report, options)
    assert violation.rule in broken
    before = failing(violation.original, options)
    assert broken - before <= {violation.rule, *violation.also}
    errors = {
        f.rule
        for f in cchc.check(violation.original, options=options)
        if f.is_problem and f.severity is cchc.Severity.ERROR
    }
    assert errors == set()
    assert violation.changed


@settings(max_examples=15)
@pytest.mark.parametrize("rule", cst.violable_rules())
@given(data=st.data())
def test_each_rule_catches_its_violations(rule: str, data: st.DataObject) -> None:
    """``violating(rule)`` breaks *rule*, and nothing else that was not already broken."""
    caught_alone(data.draw(cst.violating(rule)), None)


@settings(max_examples=8)
@pytest.mark.parametrize("rule", cst.violable_rules(options=OTHER))
@given(data=st.data())
def test_each_rule_catches_its_violations_under_the_other_readings(
    rule: str, data: st.DataObject
) -> None:
    """The same under ``autonomy=cumulative`` and ``online-levels=separate``."""
    caught_alone(data.draw(cst.violating(rule, options=OTHER)), OTHER)


def test_every_rule_of_the_form_can_be_violated() -> None:
    """No rule of the built-in form is left without a way to break it."""
    from cchc.rules import rule_ids

    assert set(rule_ids()) <= set(cst.violable_rules())


HO_SO = cchc.load_form(Path(__file__).parent.parent / "forms" / "ho-so.toml")


def test_every_declared_rule_of_a_custom_form_can_be_violated() -> None:
    """Every rule id the custom form declares, and the derived ones, can be broken."""
    declared = {r.id for r in HO_SO.rules}
    assert declared <= set(cst.violable_rules(form=HO_SO))
    assert {"F1", "F2", "F3", "F4", "F6", "F9", "breakdown"} <= set(cst.violable_rules(form=HO_SO))


@settings(max_examples=10)
@pytest.mark.parametrize("rule", cst.violable_rules(form=HO_SO))
@given(data=st.data())
def test_each_rule_of_a_custom_form_catches_its_violations(rule: str, data: st.DataObject) -> None:
    """``violating(rule, form=...)`` breaks *rule* of a form of one's own, and ``also``
    names every other rule that broke with it."""
    caught_alone(data.draw(cst.violating(rule, form=HO_SO)), None)


@settings(max_examples=25)
@given(data=st.data())
def test_each_rule_of_a_drawn_form_catches_its_violations(data: st.DataObject) -> None:
    """The same for a rule of a form drawn by ``forms()``."""
    form = data.draw(cst.forms())
    rule = data.draw(st.sampled_from(cst.violable_rules(form=form)))
    caught_alone(data.draw(cst.violating(rule, form=form)), None)


def _variant() -> cchc.Form:
    """The built-in form under another id: a province's copy, broken the generic way."""
    import tomllib
    from importlib import resources

    from cchc.forms.loader import form_from_data

    text = resources.files("cchc.forms").joinpath("phu-luc-2b.toml").read_text(encoding="utf-8")
    return form_from_data(tomllib.loads(text.replace('id = "phu-luc-2b"', 'id = "bien-the"', 1)))


VARIANT = _variant()


def test_a_copy_of_the_builtin_form_has_every_rule_violable() -> None:
    """The generic changes reach every rule the hand-made ones do."""
    assert cst.violable_rules(form=VARIANT) == cst.violable_rules()


@settings(max_examples=40)
@given(data=st.data())
def test_rules_of_a_copy_of_the_builtin_form_catch_their_violations(data: st.DataObject) -> None:
    """Each rule of a copy of Phụ lục 2B is broken by changing its own rows, ``also`` exact."""
    rule = data.draw(st.sampled_from(cst.violable_rules(form=VARIANT)))
    caught_alone(data.draw(cst.violating(rule, form=VARIANT)), None)
