"""The round for the terminal: counts, who is missing or late, who failed what."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cchc.round._build import Round

__all__ = ["round_text"]

_WORDS = {
    "vi": {
        "title": "Kỳ báo cáo {period} — {form}",
        "counts": "Đơn vị phải báo cáo: {expected}; đã nhận: {received}; chưa báo cáo: {missing}",
        "missing": "Chưa báo cáo:",
        "late": "Nộp muộn (hạn {deadline}):",
        "late_item": "{name}: ngày {submitted} (muộn {days} ngày)",
        "unknown": "Không có trong danh sách đơn vị:",
        "aside": "Không tính vào kỳ này:",
        "duplicates": "Gửi nhiều lần (giữ bản {kept}):",
        "unreadable": "Không đọc được:",
        "failed": "Quy tắc không đạt theo đơn vị:",
        "clean": "không có lỗi hay cảnh báo",
        "summary": "{error} lỗi, {warning} cảnh báo",
        "excluded": "Giá trị sai không cộng vào tổng hợp:",
        "aggregate": "Báo cáo tổng hợp: {errors} lỗi, {warnings} cảnh báo",
    },
    "en": {
        "title": "Round {period} — {form}",
        "counts": "Units expected: {expected}; received: {received}; missing: {missing}",
        "missing": "Missing:",
        "late": "Late (deadline {deadline}):",
        "late_item": "{name}: {submitted} ({days} days late)",
        "unknown": "Not in the register:",
        "aside": "Not counted in this round:",
        "duplicates": "Sent more than once (kept {kept}):",
        "unreadable": "Unreadable:",
        "failed": "Rules failed, per unit:",
        "clean": "no error or warning",
        "summary": "{error} errors, {warning} warnings",
        "excluded": "Wrong values left out of the sums:",
        "aggregate": "Aggregate: {errors} errors, {warnings} warnings",
    },
}


def round_text(round_: Round, *, locale: str = "vi", width: int | None = None) -> str:
    """The summary of *round_* as lines of text.

    With *width*, a line longer than *width* columns wraps at words, list items
    with a hanging indent, instead of being cut mid-word by the terminal.
    """
    words = _WORDS["en" if locale == "en" else "vi"]
    lines = [
        words["title"].format(period=round_.period.label(locale), form=round_.form.id),
        words["counts"].format(
            expected=len(round_.expected),
            received=len(round_.received),
            missing=len(round_.missing),
        ),
    ]
    if round_.missing:
        lines.append(words["missing"])
        lines.extend(f"  - {unit.name} ({unit.id})" for unit in round_.missing)
    if round_.late:
        lines.append(words["late"].format(deadline=round_.deadline.strftime("%d/%m/%Y")))
        lines.extend(
            "  - "
            + words["late_item"].format(
                name=late.unit.name,
                submitted=late.submitted.strftime("%d/%m/%Y"),
                days=late.days,
            )
            for late in round_.late
        )
    if round_.unknown:
        lines.append(words["unknown"])
        lines.extend(f"  - {aside.file}: {aside.name}" for aside in round_.unknown)
    others = [aside for aside, _ in round_.set_aside if aside.reason != "unknown"]
    if others:
        lines.append(words["aside"])
        lines.extend(f"  - {a.file}: {a.name} ({a.label})" for a in others)
    for unit, item in round_.duplicates:
        kept = dict(round_.received)[unit].file
        lines.append(words["duplicates"].format(kept=kept))
        lines.append(f"  - {unit.name}: {item.file}")
    if round_.unreadable:
        lines.append(words["unreadable"])
        lines.extend(f"  - {u.message}" for u in round_.unreadable)
    lines.append(words["failed"])
    for unit, item in round_.received:
        counts = dict(item.summary)
        said = words["summary"].format(
            error=counts.get("error", 0), warning=counts.get("warning", 0)
        )
        failed = ", ".join(item.failed) if item.failed else words["clean"]
        lines.append(f"  - {unit.name} [{item.file}]: {said}: {failed}")
    if round_.excluded:
        lines.append(words["excluded"])
        lines.extend(f"  - {e.unit.name}: {e.code} = {e.value} ({e.rule})" for e in round_.excluded)
    severities = [f.severity.value for f in round_.aggregate_findings if f.is_problem]
    lines.append(
        words["aggregate"].format(
            errors=severities.count("error"), warnings=severities.count("warning")
        )
    )
    if width is not None:
        lines = [wrapped for line in lines for wrapped in _wrapped(line, width)]
    return "\n".join(lines) + "\n"


def _wrapped(line: str, width: int) -> list[str]:
    """*line* wrapped at *width* columns; a list item's following lines under its text."""
    from cchc.render.text import _wrap, display_width  # noqa: PLC0415

    if display_width(line) <= width:
        return [line]
    indent = "    " if line.startswith("  - ") else "  "
    lead = "  - " if line.startswith("  - ") else ""
    body = _wrap(line[len(lead) :], width - len(indent), first=width - len(lead))
    return [lead + body[0], *(indent + rest for rest in body[1:])]
