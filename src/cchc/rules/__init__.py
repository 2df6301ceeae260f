"""Rule checks: the declared and derived rules of a form, run over reports.

:func:`check` runs every rule of a report's form and returns a
:class:`CheckResult` holding the reading diagnostics and the rule findings
together:

>>> import cchc
>>> result = cchc.check(cchc.example_report())
>>> sorted({f.rule for f in result if not f.is_reading})
['R15', 'R24', 'R26', 'R27', 'R31', 'R40', 'R6']
>>> print(result.get("R31")[0].message_en)
31 TTHC are offered online at level 4 (7.1.8.2), but the TTHC with online payment
(3.2.3) are 0

Where do rules come from?

* **Declared** rules are ``[[rule]]`` tables of the form file, written in the
  expression language of :mod:`cchc.expressions` (``{1.1.2} <= {1.1.1}``).
* **Derived** rules follow from the form's metadata and are never written one by
  one: F1 (a % row lies in 0..100), F2 (a count is ≥ 0), F3 (a coded answer is in
  its legend), F4 (a header row holds no value), F6/F7 (a row that does not apply
  to the reporter is blank), F9 (the period has a report of its own), F10 (a score
  lies between 0 and its maximum points) and R19 (a value on a header equals the
  sum of its rows); ``breakdown({total})`` in a declared rule derives the
  relation between a total and its *Trong đó* rows.

How the package is laid out, bottom up (each module imports only those above it):

* ``_interpret``: what every operation means, and the reference interpreter;
* ``_checks``: declared and derived checks, the :class:`Policy`, :class:`RuleFinding`;
* ``_policy``: what a blank operand means (missing-value policy, ``when``), once;
* ``_compile``: the checks compiled to one Python function (the fast verdicts);
* ``_explain``: a check's finding with its arithmetic written out;
* ``_program``: a :class:`~cchc.rules._program.Program`, the compiled code and
  explanations of a rule set for one applicability profile;
* ``result``: :class:`CheckResult` and :class:`RuleSummary`, plain data;
* ``_ruleset``: :class:`RuleSet`, :func:`check`, :func:`rule`, :func:`evaluate`.

Rules are compiled once per rule set and applicability profile; the rule sets of
a form are cached by the form itself.  Only failures become findings, and only
when asked for.
"""

from __future__ import annotations

from cchc.rules._checks import DERIVED_RULES, Check, Policy, RuleFinding
from cchc.rules._ruleset import RuleSet, check, evaluate, rule, rule_ids
from cchc.rules.result import CheckResult, RuleSummary

__all__ = [
    "DERIVED_RULES",
    "Check",
    "CheckResult",
    "Policy",
    "RuleFinding",
    "RuleSet",
    "RuleSummary",
    "check",
    "evaluate",
    "rule",
    "rule_ids",
]
