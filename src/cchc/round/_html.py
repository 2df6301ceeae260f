"""The round as one self-contained web page: no network, no JavaScript.

Summary counts, the completeness paragraph, who is missing or late, a small
bar chart (inline SVG) of each declared ratio by unit, the unit × rule table,
the province table with coverage and answer distributions, and the values left
out of the sums.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from cchc.formatting import format_number

if TYPE_CHECKING:
    from cchc.register import ReportingUnit
    from cchc.round._build import Round

__all__ = ["bar_chart", "round_fragment", "round_html"]

_STYLE = """
.cchc-round{font-family:"Times New Roman",Times,serif;color:#1b1f24;max-width:1100px}
.cchc-round h1{font-size:22px;margin:0 0 4px}
.cchc-round h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ccd}
.cchc-round .sub{color:#555;margin:0 0 12px}
.cchc-round .cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.cchc-round .card{border:1px solid #ccd;border-radius:6px;padding:8px 14px;min-width:120px;
background:#f7f9fc}
.cchc-round .card b{display:block;font-size:24px}
.cchc-round .card.bad b{color:#b42318}.cchc-round .card.warn b{color:#b54708}
.cchc-round table{border-collapse:collapse;margin:8px 0;font-size:14px}
.cchc-round th,.cchc-round td{border:1px solid #aab;padding:3px 6px;vertical-align:top}
.cchc-round th{background:#dde4ee}.cchc-round td.n{text-align:right;white-space:nowrap}
.cchc-round tr.h td{font-weight:bold;background:#f2f4f8}
.cchc-round td.fail{background:#f8d7da;text-align:center}.cchc-round td.c{text-align:center}
.cchc-round .charts{display:flex;flex-wrap:wrap;gap:18px}
.cchc-round figure{margin:0;border:1px solid #dde;border-radius:6px;padding:8px;background:#fff}
.cchc-round figcaption{font-weight:bold;font-size:14px;margin-bottom:4px;max-width:520px}
.cchc-round svg{max-width:100%;height:auto}.cchc-round th.nw{white-space:nowrap}
"""
# Every rule is scoped to .cchc-round: in a notebook, the fragment must not restyle the page.

_WIDTH, _LABEL, _ROW = 520, 200, 18


def _number(value: object) -> str:
    if isinstance(value, int | Decimal):
        return format_number(value)
    return "" if value is None else str(value)


def bar_chart(title: str, rows: list[tuple[str, Decimal | None]]) -> str:
    """An inline SVG bar chart: one horizontal bar per unit, its value written after it.

    >>> svg = bar_chart("Tỷ lệ", [("Sở A", Decimal("80")), ("Sở B", None)])
    >>> svg.startswith("<svg") and svg.count("<rect") == 1 and "không có" in svg
    True
    """
    top = max([Decimal(100), *(v for _, v in rows if v is not None)])
    area = _WIDTH - _LABEL - 60
    height = _ROW * len(rows) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}" '
        f'viewBox="0 0 {_WIDTH} {height}" role="img" aria-label="{escape(title)}">'
    ]
    for index, (name, value) in enumerate(rows):
        y = 4 + index * _ROW
        short = name if len(name) <= 30 else name[:29] + "…"
        parts.append(
            f'<text x="{_LABEL - 6}" y="{y + 13}" font-size="12" text-anchor="end">'
            f"{escape(short)}</text>"
        )
        if value is None:
            parts.append(
                f'<text x="{_LABEL + 4}" y="{y + 13}" font-size="11" fill="#777">'
                "không có số liệu</text>"
            )
            continue
        width = int(area * max(value, Decimal(0)) / top)
        parts.append(
            f'<rect x="{_LABEL}" y="{y + 2}" width="{width}" height="{_ROW - 5}" fill="#3b6ea8">'
            f"<title>{escape(name)}: {_number(value)}%</title></rect>"
        )
        parts.append(
            f'<text x="{_LABEL + width + 4}" y="{y + 13}" font-size="12">{_number(value)}%</text>'
        )
    parts.append(f'<line x1="{_LABEL}" y1="0" x2="{_LABEL}" y2="{height}" stroke="#555"/>')
    parts.append("</svg>")
    return "".join(parts)


def _table(header: list[str], rows: list[list[str]], classes: list[str] | None = None) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="{classes[i]}">{cell}</td>'
            if classes and classes[i]
            else f"<td>{cell}</td>"
            for i, cell in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _br(text: str) -> str:
    """*text* escaped, its line breaks kept (``Trực tuyến = 0`` / ``Phát phiếu = 1``)."""
    return escape(text).replace("\n", "<br/>")


def _card(label: str, value: int, tone: str = "") -> str:
    return f'<div class="card {tone}"><b>{value}</b>{escape(label)}</div>'


def _unit_list(units: list[ReportingUnit]) -> str:
    return "<ul>" + "".join(f"<li>{escape(u.name)} ({escape(u.id)})</li>" for u in units) + "</ul>"


def round_html(round_: Round) -> str:
    """The page of *round_* as one HTML document."""
    title = f"Tổng hợp kỳ báo cáo {round_.period.label()}"
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f'<title>{escape(title)}</title></head>\n<body style="margin:24px">\n'
        f"{round_fragment(round_)}\n</body></html>\n"
    )


def round_fragment(round_: Round) -> str:
    """The round as an HTML fragment (its style scoped to it), for a page or a notebook."""
    from cchc.round._outputs import completeness_paragraph, province_rows  # noqa: PLC0415

    errors = sum(1 for _, item in round_.received if item.has_errors)
    title = f"Tổng hợp kỳ báo cáo {round_.period.label()}"
    province = round_.register.province or ""
    parts = [
        f'<style>{_STYLE}</style><div class="cchc-round">',
        f"<h1>{escape(title)}</h1>",
        f'<p class="sub">{escape(province)} — {escape(round_.form.title)}</p>',
        '<div class="cards">',
        _card("đơn vị phải báo cáo", len(round_.expected)),
        _card("đã nhận", len(round_.received)),
        _card("chưa báo cáo", len(round_.missing), "bad" if round_.missing else ""),
        _card("nộp sau hạn", len(round_.late), "warn" if round_.late else ""),
        _card("báo cáo có lỗi", errors, "bad" if errors else ""),
        _card("giá trị không cộng", len(round_.excluded), "warn" if round_.excluded else ""),
        "</div>",
        f"<p>{escape(completeness_paragraph(round_))}</p>",
    ]
    if round_.missing:
        parts.append("<h2>Chưa báo cáo</h2>")
        parts.append(_unit_list(list(round_.missing)))
    if round_.late:
        parts.append(f"<h2>Nộp sau hạn ({round_.deadline.strftime('%d/%m/%Y')})</h2>")
        parts.append(
            _table(
                ["Đơn vị", "Ngày ký", "Muộn (ngày)"],
                [
                    [escape(late.unit.name), late.submitted.strftime("%d/%m/%Y"), str(late.days)]
                    for late in round_.late
                ],
                ["", "c", "n"],
            )
        )
    others = [
        [escape(a.name), escape(Path(a.file).name), escape(a.label)] for a, _ in round_.set_aside
    ] + [["", "", escape(u.message)] for u in round_.unreadable]
    if others:
        parts.append("<h2>Không tính vào kỳ này</h2>")
        parts.append(_table(["Đơn vị gửi", "Tệp", "Lý do"], others))

    names = {d.id: d.name for d in round_.form.ratios}
    charts = []
    for ratio_id, ranked in round_.rankings().items():
        if not any(value is not None for _, value in ranked):
            continue
        label = names.get(ratio_id, ratio_id)
        rows = [(unit.name, value) for unit, value in ranked]
        charts.append(
            f"<figure><figcaption>{escape(label)}</figcaption>{bar_chart(label, rows)}</figure>"
        )
    if charts:
        parts.append("<h2>Các tỷ lệ theo đơn vị</h2>")
        parts.append(f'<div class="charts">{"".join(charts)}</div>')

    parts.append("<h2>Kết quả kiểm tra từng báo cáo</h2>")
    parts.append(
        _table(
            ["Đơn vị", "Tệp", "Lỗi", "Cảnh báo", "Ngày ký"],
            [
                [
                    escape(unit.name),
                    escape(Path(item.file).name),
                    str(dict(item.summary).get("error", 0)),
                    str(dict(item.summary).get("warning", 0)),
                    item.report.submitted.strftime("%d/%m/%Y") if item.report.submitted else "",
                ]
                for unit, item in round_.received
            ],
            ["", "", "n", "n", "c"],
        )
    )

    rules = list(round_.rules)
    if rules:
        parts.append("<h2>Quy tắc không đạt theo đơn vị</h2>")
        matrix = [
            [escape(unit.name), *[str(counts.get(rule) or "") for rule in rules]]
            for unit, counts in round_.matrix()
        ]
        head = "".join(f"<th>{escape(r)}</th>" for r in ["Đơn vị", *rules])
        body = "".join(
            "<tr>"
            + f"<td>{row[0]}</td>"
            + "".join(f'<td class="fail">{c}</td>' if c else "<td></td>" for c in row[1:])
            + "</tr>"
            for row in matrix
        )
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

    if round_.excluded:
        parts.append("<h2>Giá trị sai không cộng vào tổng hợp</h2>")
        parts.append(
            _table(
                ["Đơn vị", "Mã", "Giá trị", "Quy tắc", "Lý do"],
                [
                    [escape(e.unit.name), e.code, _number(e.value), e.rule, escape(e.message)]
                    for e in round_.excluded
                ],
                ["", "c", "n", "c", ""],
            )
        )

    parts.append("<h2>Biểu tổng hợp toàn tỉnh</h2>")
    head = "".join(
        f'<th class="nw">{h}</th>' if len(h) < 12 else f"<th>{h}</th>"
        for h in ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú", "Đã báo cáo",
                  "Phân bố câu trả lời"]
    )  # fmt: skip
    cells: list[str] = []
    for stt, name, unit, value, note, coverage, _share, answers, header in province_rows(round_):
        cls = ' class="h"' if header else ""
        cells.append(
            f"<tr{cls}><td>{escape(stt)}</td><td>{_br(name)}</td><td>{_br(unit)}</td>"
            f'<td class="n">{escape(_number(value))}</td><td>{_br(note)}</td>'
            f'<td class="c">{coverage}</td><td>{escape(answers)}</td></tr>'
        )
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(cells)}</tbody></table>")
    parts.append("</div>")
    return "\n".join(parts)
