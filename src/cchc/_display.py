"""The one upward edge: HTML for the ``_repr_html_`` of every cchc object.

Model and result objects show themselves in notebooks through
:mod:`cchc.render`, which sits above them and imports them.  Their
``_repr_html_`` methods call :func:`html`, which imports the renderers only when
it runs, so that no module of the model imports :mod:`cchc.render` at module
level and the import graph stays acyclic.  This module imports nothing of cchc
at module level; it is the only place allowed to reach upward.

Results above the model (comparisons, check results, ratios) are recognised by
their shape (a tuple of ``changes``, a ``findings`` tuple, a tuple of ``items``)
rather than by their class, so that this module need not import the layers that
call it.  A report is checked here, when it is displayed: the rule engine sits
above reports too.
"""

from __future__ import annotations

__all__ = ["html"]


def html(obj: object) -> str:
    """The HTML a notebook shows for *obj*, drawn by :mod:`cchc.render`.

    * a :class:`~cchc.model.Form`: its rows (:func:`cchc.render.form_html`);
    * a :class:`~cchc.reports.Report`: the official table with every finding
      of its check marked, reading diagnostics included; the check runs now
      (:func:`cchc.render.report_html`);
    * a comparison (anything with a tuple of ``changes``): the changed rows
      (:func:`cchc.render.comparison_html`);
    * a check result (anything with a ``findings`` tuple): its findings,
      captioned with its report's reporter and period
      (:func:`cchc.render.findings_html`);
    * ratios (anything with a tuple of ``items``): the ratios, captioned with
      their reporter and period when they know them
      (:func:`cchc.render.ratios_html`).

    Raises:
        TypeError: *obj* is none of these.

    >>> import cchc
    >>> html(cchc.load_form())[:4]
    '<div'
    >>> html(42)
    Traceback (most recent call last):
    ...
    TypeError: no HTML rendering for int
    """
    # Imported here, not at module level: render imports the model, and the
    # model's _repr_html_ methods import this module.
    from cchc import render  # noqa: PLC0415 - the late binding this module exists for
    from cchc.model import Form  # noqa: PLC0415 - keep this module free of module-level imports
    from cchc.reports import Report  # noqa: PLC0415

    if isinstance(obj, Form):
        return render.form_html(obj)
    if isinstance(obj, Report):
        from cchc.rules import check  # noqa: PLC0415 - the rule engine sits above reports

        return render.report_html(obj, findings=check(obj).findings)
    if isinstance(getattr(obj, "changes", None), tuple):
        return render.comparison_html(obj)  # type: ignore[arg-type]
    findings = getattr(obj, "findings", None)
    if isinstance(findings, tuple):
        report = getattr(obj, "report", None)
        return render.findings_html(
            findings,
            reporter=getattr(report, "reporter", None),
            period=getattr(report, "period", None),
        )
    items = getattr(obj, "items", None)
    if isinstance(items, tuple):
        return render.ratios_html(
            items, reporter=getattr(obj, "reporter", None), period=getattr(obj, "period", None)
        )
    raise TypeError(f"no HTML rendering for {type(obj).__name__}")
