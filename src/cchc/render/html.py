"""Rendering for notebooks: the official table, a form, findings and ratios as HTML.

Each function returns one ``<div class="cchc">`` holding a small scoped
``<style>`` and a semantic table (``<caption>``, ``<thead>``, ``<tbody>``).
Rows carry their codes as data attributes (``data-code="1.1.2"``).  All text is
escaped and line breaks are ``<br/>``, so the markup is well-formed XML too:

>>> import xml.etree.ElementTree as ET
>>> import cchc
>>> from cchc.render.html import form_html
>>> root = ET.fromstring(form_html(cchc.load_form()))
>>> len(root.findall(".//tbody/tr")) == len(cchc.load_form())
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING, Final

from cchc.findings import Finding, Outcome
from cchc.formatting import (
    Language,
    column_headers,
    format_finding,
    format_name,
    format_reporter_kind,
    format_unit,
    normalize_locale,
    outcome_label,
    severity_label,
)
from cchc.model import Form, Indicator, ReporterKind
from cchc.periods import Period
from cchc.render._rows import (
    MARKERS,
    RATIO_HEADERS,
    RatioLike,
    RowState,
    findings_summary,
    marker,
    numbered_findings,
    ratio_name,
    ratio_operands,
    ratio_value,
    reason_text,
    selected,
    table_rows,
    title_lines,
)
from cchc.reports import Report, Reporter

if TYPE_CHECKING:
    from cchc.comparison import Comparison

__all__ = ["comparison_html", "findings_html", "form_html", "ratios_html", "report_html"]


# -- HTML ---------------------------------------------------------------------------

_STYLE: Final = (
    ".cchc table{border-collapse:collapse;font-size:0.9em;margin:0.5em 0}"
    ".cchc caption{text-align:left;padding:0.3em 0;font-weight:normal}"
    ".cchc caption strong{font-size:1.05em}"
    ".cchc th,.cchc td{border:1px solid rgba(128,128,128,0.4);padding:0.2em 0.5em;"
    "vertical-align:top;text-align:left}"
    ".cchc thead th{background:rgba(128,128,128,0.12)}"
    ".cchc td.cchc-value{text-align:right;white-space:nowrap}"
    ".cchc td.cchc-stt,.cchc td.cchc-severity,.cchc td.cchc-rule{white-space:nowrap}"
    ".cchc tr.cchc-section td{font-weight:bold}"
    ".cchc tr.cchc-group td.cchc-name{font-style:italic}"
    ".cchc .cchc-na,.cchc .cchc-status,.cchc .cchc-dim{color:rgba(128,128,128,0.95)}"
    ".cchc tr.cchc-error td{background:rgba(220,50,47,0.14)}"
    ".cchc tr.cchc-warning td{background:rgba(230,180,0,0.16)}"
    ".cchc tr.cchc-info td{background:rgba(40,120,200,0.10)}"
    ".cchc .cchc-mark{font-weight:bold;padding-right:0.3em}"
    ".cchc li.cchc-error .cchc-mark{color:#c0392b}"
    ".cchc li.cchc-warning .cchc-mark{color:#b7950b}"
    ".cchc p{margin:0.3em 0}"
    ".cchc sup a{text-decoration:none}"
    ".cchc li:target{outline:2px solid rgba(40,120,200,0.6)}"
)


def _anchor(*parts: str) -> str:
    """A stable id prefix for one rendering's footnotes, distinct between reports."""
    digest = hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()
    return f"cchc-{digest[:8]}"


def _whose(reporter: Reporter | None, period: Period | None, language: Language) -> str:
    """The caption line naming whose table it is: *reporter, period*."""
    parts = [p for p in (reporter and reporter.name, period and period.label(language)) if p]
    return ", ".join(parts)


def _text(value: str) -> str:
    """Escaped text, line breaks as ``<br/>`` (well-formed as XML too)."""
    return "<br/>".join(escape(line) for line in value.split("\n"))


def _attrs(**values: str | None) -> str:
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        parts.append(f' {name}="{escape(value, quote=True)}"')
    return "".join(parts)


def _open(language: Language, kind: str) -> list[str]:
    return [f'<div class="cchc cchc-{kind}" lang="{language}">', f"<style>{_STYLE}</style>"]


def _thead(headers: Sequence[str]) -> str:
    cells = "".join(f'<th scope="col">{_text(h)}</th>' for h in headers)
    return f"<thead><tr>{cells}</tr></thead>"


def _td(text: str, class_: str, title: str | None = None, raw: str = "") -> str:
    return f"<td{_attrs(class_=class_, title=title)}>{_text(text)}{raw}</td>"


def _findings_list(numbered: Sequence[tuple[int, Finding]], language: Language, anchor: str) -> str:
    title = "Phát hiện" if language == "vi" else "Findings"
    items = []
    for number, finding in numbered:
        severity = finding.severity.value
        text = format_finding(finding, locale=language)
        li_attrs = _attrs(
            id=f"{anchor}-{number}",
            value=str(number),
            class_=f"cchc-{severity}",
            data_rule=finding.rule,
        )
        items.append(
            f"<li{li_attrs}>"
            f'<span class="cchc-mark">{_text(marker(finding))}</span>{_text(text)}</li>'
        )
    return f"<p>{_text(title)}:</p><ol>{''.join(items)}</ol>"


def report_html(report: Report, *, locale: str = "vi", findings: Iterable[Finding] = ()) -> str:
    """*report* as the official table in HTML, problems among *findings* highlighted.

    The result is one ``<div>``: a scoped ``<style>``, a ``<table>`` with the
    title block as its caption, ``<thead>`` and one ``<tbody>`` row per indicator
    (``data-code``, ``data-kind``, ``data-state``; ``data-findings`` listing the
    rule ids that name it), then the numbered findings.  All text is escaped,
    and the markup is well-formed XML.  Each footnote number in a row links to
    its finding in the list below the table (``href="#cchc-…-3"``).

    >>> import cchc
    >>> import xml.etree.ElementTree as ET
    >>> report = cchc.Report(
    ...     form=cchc.load_form(),
    ...     reporter=cchc.Reporter("Sở <Nội vụ>", kind="department"),
    ...     period="2021S1",
    ...     entries={"1.1.1": 49},
    ... )
    >>> root = ET.fromstring(report_html(report))
    >>> row = root.find(".//tr[@data-code='1.1.1']")
    >>> [td.text for td in row]
    ['1.1.1', 'Số nhiệm vụ đề ra trong kế hoạch', 'Nhiệm vụ', '49', None]
    >>> len(root.findall(".//tbody/tr")) == len(report.form)
    True
    """
    language = normalize_locale(locale)
    findings = tuple(findings)  # read twice below; a generator would be empty the second time
    numbered = numbered_findings(findings)
    rows = table_rows(report, locale=language, findings=findings)
    title, reporter, period = title_lines(report, language)
    na_title = "không áp dụng" if language == "vi" else "not applicable"
    out = _open(language, "report")
    anchor = _anchor(report.form.id, report.reporter.name, report.period.id)
    table_attrs = _attrs(
        data_form=report.form.id, data_period=report.period.id, data_reporter=report.reporter.name
    )
    out.append(f"<table{table_attrs}>")
    out.append(
        f"<caption><strong>{_text(title)}</strong><br/>{_text(reporter)}<br/>{_text(period)}"
        "</caption>"
    )
    out.append(_thead(column_headers(locale=language)))
    out.append("<tbody>")
    for row in rows:
        classes = [f"cchc-{row.kind.value}"]
        if row.severity is not None:
            classes.append(f"cchc-{row.severity.value}")
        rules = " ".join(dict.fromkeys(f.rule for f in row.findings)) or None
        tr_attrs = _attrs(
            class_=" ".join(classes),
            data_code=row.code,
            data_kind=row.kind.value,
            data_state=row.state.value,
            data_findings=rules,
        )
        mark = ""
        if row.severity is not None:
            tip = "; ".join(format_finding(f, locale=language) for f in row.findings)
            mark = f'<span class="cchc-mark"{_attrs(title=tip)}>{MARKERS[row.severity]}</span>'
        refs = "".join(f'<sup><a href="#{anchor}-{n}">[{n}]</a></sup>' for n in row.footnotes)
        indent = f"padding-left:{0.5 + 1.2 * (row.depth - 1):.1f}em"
        value_class = f"cchc-value cchc-{row.state.value}"
        if row.state is RowState.NOT_APPLICABLE:
            value_class = "cchc-value cchc-na"
        out.append(
            f"<tr{tr_attrs}>"
            f'<td class="cchc-stt">{mark}{_text(row.code)}</td>'
            f'<td class="cchc-name" style="{indent}">{_text(row.name)}</td>'
            + _td(row.unit, "cchc-unit")
            + _td(
                row.value,
                value_class,
                title=na_title if row.state is RowState.NOT_APPLICABLE else None,
            )
            + _td(row.note, "cchc-note", raw=refs)
            + "</tr>"
        )
    out.append("</tbody></table>")
    if numbered:
        out.append(_findings_list(numbered, language, anchor))
    out.append("</div>")
    return "".join(out)


_FORM_HEADERS: Final = {
    "vi": ("Mã", "Chỉ tiêu", "Đơn vị tính", "Loại", "Đơn vị báo cáo"),
    "en": ("Code", "Indicator", "Unit", "Kind", "Reported by"),
}


def _who(indicator: Indicator, language: Language) -> str:
    kinds = [k for k in ReporterKind if k in indicator.reporters.kinds]
    names = [format_reporter_kind(k, locale=language) for k in kinds]
    return "\n".join([*names, *indicator.reporters.departments])


def form_html(form: Form, *, locale: str = "vi") -> str:
    """*form*'s rows as an HTML table: code, name, unit, kind, who reports it.

    >>> import cchc
    >>> import xml.etree.ElementTree as ET
    >>> root = ET.fromstring(form_html(cchc.load_form()))
    >>> [tr.get("data-code") for tr in root.iterfind(".//tbody/tr")][:4]
    ['1', '1.1', '1.1.1', '1.1.2']
    """
    language = normalize_locale(locale)
    out = _open(language, "form")
    out.append(f"<table{_attrs(data_form=form.id)}>")
    size = f"{len(form)} {'dòng' if language == 'vi' else 'rows'}"
    meta = f"{form.id}, {'phiên bản' if language == 'vi' else 'version'} {form.version}, {size}"
    out.append(f"<caption><strong>{_text(form.title)}</strong><br/>{_text(meta)}</caption>")
    out.append(_thead(_FORM_HEADERS[language]))
    out.append("<tbody>")
    for indicator in form:
        indent = f"padding-left:{0.5 + 1.2 * (indicator.depth - 1):.1f}em"
        tr_attrs = _attrs(
            class_=f"cchc-{indicator.kind.value}",
            data_code=indicator.code,
            data_kind=indicator.kind.value,
        )
        name = _text(format_name(indicator, locale=language))
        out.append(
            f"<tr{tr_attrs}>"
            + _td(indicator.code, "cchc-stt")
            + f'<td class="cchc-name" style="{indent}">{name}</td>'
            + _td(format_unit(indicator, locale=language), "cchc-unit")
            + _td(indicator.kind.value, "cchc-kind")
            + _td(_who(indicator, language) if indicator.takes_value else "", "cchc-who")
            + "</tr>"
        )
    out.append("</tbody></table></div>")
    return "".join(out)


_FINDING_HEADERS: Final = {
    "vi": ("", "Mức độ", "Quy tắc", "Chỉ tiêu", "Nội dung"),
    "en": ("", "Severity", "Rule", "Indicators", "Message"),
}


def findings_html(
    findings: Iterable[Finding],
    *,
    locale: str = "vi",
    problems_only: bool = True,
    reporter: Reporter | None = None,
    period: Period | None = None,
) -> str:
    """Findings as an HTML table, errors first, with a summary line.

    Rows carry ``data-rule`` and ``data-severity``; by default only problems
    are listed (``problems_only=False`` lists every outcome).  With *reporter*
    and *period* the table's caption says whose findings they are.

    >>> import xml.etree.ElementTree as ET
    >>> from cchc.findings import Finding, Outcome, Severity
    >>> f = Finding(rule="F4", outcome=Outcome.FAIL, severity=Severity.WARNING, indicators=["1.2"])
    >>> root = ET.fromstring(findings_html([f], locale="en"))
    >>> [td.text for td in root.find(".//tbody/tr")][1:4]
    ['Warning', 'F4', '1.2']
    >>> root.find(".//p").text
    'Total: 0 errors, 1 warning, 0 info.'
    """
    language = normalize_locale(locale)
    every = list(findings)
    chosen = selected(every, problems_only)
    out = _open(language, "findings")
    whose = _whose(reporter, period, language)
    if chosen:
        out.append("<table>")
        if whose:
            out.append(f"<caption><strong>{_text(whose)}</strong></caption>")
        out.append(_thead(_FINDING_HEADERS[language]))
        out.append("<tbody>")
        for finding in chosen:
            severity = finding.severity
            classes = f"cchc-{severity.value}" if finding.is_problem else "cchc-dim"
            tr_attrs = _attrs(
                class_=classes,
                data_rule=finding.rule,
                data_severity=severity.value,
                data_outcome=finding.outcome.value,
                data_codes=" ".join(finding.indicators) or None,
            )
            message = finding.text(language)
            if not finding.is_problem or finding.outcome is Outcome.ERROR:
                message = f"[{outcome_label(finding.outcome, locale=language)}] {message}".strip()
            out.append(
                f"<tr{tr_attrs}>"
                + _td(marker(finding), "cchc-mark")
                + _td(severity_label(severity, locale=language), "cchc-severity")
                + _td(finding.rule, "cchc-rule")
                + _td(", ".join(finding.indicators), "cchc-codes")
                + _td(message, "cchc-message")
                + "</tr>"
            )
        out.append("</tbody></table>")
    elif whose:
        out.append(f"<p><strong>{_text(whose)}</strong></p>")
    out.append(f"<p>{_text(findings_summary(every, locale=language))}</p></div>")
    return "".join(out)


def ratios_html(
    ratios: Iterable[RatioLike],
    *,
    locale: str = "vi",
    reporter: Reporter | None = None,
    period: Period | None = None,
) -> str:
    """Ratio results as an HTML table: id, name, numerator, denominator, value, reason.

    Accepts any objects with the attributes of :class:`RatioLike`.  With
    *reporter* and *period* the table's caption says whose ratios they are.

    >>> import xml.etree.ElementTree as ET
    >>> from decimal import Decimal
    >>> from types import SimpleNamespace as R
    >>> r = R(
    ...     id="x",
    ...     name="Tỷ lệ",
    ...     numerator=["1.1.2"],
    ...     denominator=["1.1.1"],
    ...     value=None,
    ...     reason="zero denominator",
    ... )
    >>> root = ET.fromstring(ratios_html([r]))
    >>> [td.text for td in root.find(".//tbody/tr")]
    ['x', 'Tỷ lệ', '1.1.2', '1.1.1', None, 'zero denominator']
    """
    language = normalize_locale(locale)
    out = _open(language, "ratios")
    out.append("<table>")
    whose = _whose(reporter, period, language)
    if whose:
        out.append(f"<caption><strong>{_text(whose)}</strong></caption>")
    out.append(_thead(RATIO_HEADERS[language]))
    out.append("<tbody>")
    for ratio in ratios:
        state = "value" if ratio.value is not None else "none"
        numerator, denominator = ratio_operands(ratio, language)
        out.append(
            f"<tr{_attrs(data_ratio=ratio.id, data_state=state)}>"
            + _td(ratio.id, "cchc-stt")
            + _td(ratio_name(ratio, language), "cchc-name")
            + _td(numerator, "cchc-codes")
            + _td(denominator, "cchc-codes")
            + _td(ratio_value(ratio, language), "cchc-value")
            + _td(reason_text(ratio, language), "cchc-dim")
            + "</tr>"
        )
    out.append("</tbody></table></div>")
    return "".join(out)


_COMPARISON_HEADERS: Final = {
    "vi": ("Mã", "Chỉ tiêu", "Kỳ trước", "Kỳ sau", "", "Thay đổi", "%"),
    "en": ("Code", "Indicator", "Earlier", "Later", "", "Change", "%"),
}
_ARROWS: Final = {"up": "↑", "down": "↓", "same": "=", "changed": "≠", "new": "+", "gone": "−"}


def comparison_html(
    comparison: Comparison, *, locale: str = "vi", changed_only: bool = True
) -> str:
    """A comparison as an HTML table: each row's earlier and later value and the change.

    The caption names the reporter and both periods; rows carry ``data-code`` and
    ``data-direction``.  By default unchanged rows are left out and counted in
    the summary line; the drift warnings follow the table.

    >>> import cchc
    >>> import xml.etree.ElementTree as ET
    >>> form, unit = cchc.load_form(), cchc.Reporter("Sở Nội vụ", kind="department")
    >>> q1 = cchc.Report(form=form, reporter=unit, period="2021Q1", entries={"2.1": 4, "2.2": 1})
    >>> s1 = cchc.Report(form=form, reporter=unit, period="2021S1", entries={"2.1": 6, "2.2": 1})
    >>> root = ET.fromstring(comparison_html(cchc.compare(q1, s1)))
    >>> [td.text for td in root.find(".//tbody/tr")]
    ['2.1', 'Số VBQPPL đã ban hành/tham mưu ban hành', '4', '6', '↑', '+2', '50%']
    >>> root.find(".//caption").findtext("strong")
    'Sở Nội vụ: Quý I năm 2021 → 6 tháng đầu năm 2021'
    """
    from cchc.formatting import format_number  # noqa: PLC0415 - keep the module's imports short

    language = normalize_locale(locale)
    earlier, later = comparison.earlier, comparison.later

    def shown(value: object) -> str:
        if isinstance(value, bool) or value is None:
            return ""
        if isinstance(value, int | Decimal):
            return format_number(value, locale=language)
        return str(value)

    out = _open(language, "comparison")
    whose = (
        f"{later.reporter.name}: {earlier.period.label(language)} → {later.period.label(language)}"
    )
    out.append(f"<table{_attrs(data_form=later.form.id)}>")
    out.append(f"<caption><strong>{_text(whose)}</strong></caption>")
    out.append(_thead(_COMPARISON_HEADERS[language]))
    out.append("<tbody>")
    unchanged = 0
    for change in comparison:
        direction = change.direction.value
        if changed_only and direction == "same":
            unchanged += 1
            continue
        absolute = ""
        if change.absolute is not None:
            absolute = ("+" if change.absolute > 0 else "") + shown(change.absolute)
        relative = "" if change.relative is None else f"{shown(change.relative)}%"
        indicator = later.form[change.code]
        out.append(
            f"<tr{_attrs(data_code=change.code, data_direction=direction)}>"
            + _td(change.code, "cchc-stt")
            + _td(format_name(indicator, locale=language), "cchc-name")
            + _td(shown(change.earlier.value), "cchc-value")
            + _td(shown(change.later.value), "cchc-value")
            + _td(_ARROWS[direction], "cchc-mark")
            + _td(absolute, "cchc-value")
            + _td(relative, "cchc-value")
            + "</tr>"
        )
    out.append("</tbody></table>")
    if unchanged:
        words = "dòng không đổi" if language == "vi" else "rows unchanged"
        out.append(f'<p class="cchc-dim">{unchanged} {words}</p>')
    numbered = numbered_findings(comparison.findings)
    if numbered:
        anchor = _anchor(later.form.id, later.reporter.name, earlier.period.id, later.period.id)
        out.append(_findings_list(numbered, language, anchor))
    out.append("</div>")
    return "".join(out)
