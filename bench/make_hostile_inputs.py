"""Make the hostile inputs of issue 11 on disk (zip bombs, 200 MB text, …).

The test suite builds small versions of each input; these are the full-size ones,
made on demand because they are big (about 450 MB in all) and slow to make
(about a minute).  ``bench/hostile.py`` runs ``cchc`` on each of them.

    python bench/make_hostile_inputs.py [DIR]     # default: ./hostile-inputs
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import cchc

_MB = 1024 * 1024
_FAR_CELL = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'


def _zip_with(data: bytes, member: str, chunks: Callable[[], Iterator[bytes]]) -> bytes:
    """A copy of the Office file *data* whose *member* is streamed from *chunks*."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info, source.read(info), zipfile.ZIP_DEFLATED)
                continue
            entry = zipfile.ZipInfo(member, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with target.open(entry, "w", force_zip64=True) as stream:
                for chunk in chunks():
                    stream.write(chunk)
    return out.getvalue()


def _repeat(head: bytes, unit: bytes, tail: bytes, total: int) -> Callable[[], Iterator[bytes]]:
    def chunks() -> Iterator[bytes]:
        yield head
        block = unit * max(1, _MB // len(unit))
        for _ in range(total // len(block)):
            yield block
        yield tail

    return chunks


def _edit(data: bytes, member: str, edit: Callable[[bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, edit(content) if info.filename == member else content)
    return out.getvalue()


def make(directory: Path) -> list[Path]:
    """Write every hostile input into *directory*; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    report = cchc.example_report()
    text = str(cchc.write(report, "txt"))
    doc = json.loads(cchc.dumps(report))
    docx, xlsx = cchc.write(report, "docx"), cchc.write(report, "xlsx")
    if not isinstance(docx, bytes) or not isinstance(xlsx, bytes):  # pragma: no cover
        raise TypeError("the office formats are written as bytes")
    made: list[Path] = []

    def put(name: str, content: bytes | str) -> None:
        path = directory / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        made.append(path)

    put(
        "json-huge-number.json",
        cchc.dumps(report).replace('"value": 49', '"value": 1e99999999999999999999'),
    )
    note = "Theo KH cuối tháng 6"
    put("json-lone-surrogate.json", cchc.dumps(report).replace(f'"{note}"', '"\\ud800"'))
    put("json-control-character.json", cchc.dumps(report).replace(f'"{note}"', '"a\\u0001b"'))
    many = dict(doc, entries={f"9.{n}": {"value": 1} for n in range(10_000)})
    put("json-10000-problems.json", json.dumps(many))

    head = 'id = "x"\ntitle = "t"\n'
    row = '[[indicator]]\ncode = "1"\nname = "a"\nkind = "value"\nunit = "Nhiệm vụ"\n'
    put("form-no-code.toml", head + row.replace('code = "1"\n', ""))
    put("form-huge-integer.toml", head + "version = " + "9" * 5000 + "\n" + row)
    put("form-nested-100000.toml", head + "description = " + "[" * 100_000 + "]" * 100_000 + "\n")
    put("form-self-parent.toml", head + row + 'parent = "1"\n')
    put("form-code-newline.toml", head + row.replace('code = "1"', 'code = "1\\n"'))

    put("cell-10mb.txt", text.replace("\n\t41\n", "\n\t41 " + "y" * (10 * _MB) + "\n", 1))
    lines = text.split("\n")
    put("text-200mb.txt", "\n".join(lines * (200 * _MB // len(text) + 1)))
    put("title-only-200mb.txt", ("Phụ lục 2B báo cáo của Sở Nội vụ\n" * (200 * _MB // 40)))

    body = b"<w:body>"
    document = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
    start, end = document.index(body) + len(body), document.index(b"</w:body>")
    put(
        "docx-bomb-zeros.docx",
        _zip_with(docx, "word/document.xml", _repeat(b"", b"\0" * 4096, b"", 3000 * _MB)),
    )
    put(
        "docx-bomb-xml.docx",
        _zip_with(
            docx,
            "word/document.xml",
            _repeat(
                document[:start], b"<w:p><w:r><w:t>x</w:t></w:r></w:p>", document[end:], 3000 * _MB
            ),
        ),
    )
    sheet = zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/worksheets/sheet1.xml")
    data_start = sheet.index(b"<sheetData>") + len(b"<sheetData>")
    data_end = sheet.index(b"</sheetData>")
    put(
        "xlsx-bomb-zeros.xlsx",
        _zip_with(xlsx, "xl/worksheets/sheet1.xml", _repeat(b"", b"\0" * 4096, b"", 3000 * _MB)),
    )
    put(
        "xlsx-bomb-xml.xlsx",
        _zip_with(
            xlsx,
            "xl/worksheets/sheet1.xml",
            _repeat(
                sheet[:data_start],
                b'<row><c t="inlineStr"><is><t>x</t></is></c></row>',
                sheet[data_end:],
                3000 * _MB,
            ),
        ),
    )
    put(
        "xlsx-far-corner.xlsx",
        _edit(
            xlsx,
            "xl/worksheets/sheet1.xml",
            lambda xml: re.sub(
                rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml
            ).replace(
                b"</sheetData>",
                _FAR_CELL + b"</sheetData>",
            ),
        ),
    )
    put(
        "xlsx-dimension-claim.xlsx",
        _edit(
            xlsx,
            "xl/worksheets/sheet1.xml",
            lambda xml: re.sub(
                rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml
            ),
        ),
    )
    put(
        "docx-gridspan.docx",
        _edit(
            docx,
            "word/document.xml",
            lambda xml: xml.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="2147483648"/>', 1),
        ),
    )
    table = document[document.index(b"<w:tbl>") : document.index(b"</w:tbl>") + len(b"</w:tbl>")]
    put(
        "docx-second-table.docx",
        _edit(
            docx, "word/document.xml", lambda xml: xml.replace(b"</w:tbl>", b"</w:tbl>" + table, 1)
        ),
    )
    # Just under the limits: how much memory a file the limits let through takes.
    title = "Phụ lục 2B báo cáo của Sở Nội vụ\n"
    put("title-only-49mb.txt", title * (49 * _MB // len(title.encode())))
    put("cell-45mb.txt", text.replace("\n\t41\n", "\n\t41 " + "y" * (45 * _MB) + "\n", 1))

    def paragraphs() -> Iterator[bytes]:
        yield document[:start]
        size, number = 0, 0
        while size < 24 * _MB:
            piece = b"<w:p><w:r><w:t>%d</w:t></w:r></w:p>" % number
            size, number = size + len(piece), number + 1
            yield piece
        yield document[end:]

    put("docx-24mb-member.docx", _zip_with(docx, "word/document.xml", paragraphs))

    def rows() -> Iterator[bytes]:
        yield sheet[:data_start]
        size, number = 0, 0
        while size < 24 * _MB:
            number += 1
            piece = b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (number, number, number)
            size += len(piece)
            yield piece
        yield sheet[data_end:]

    put("xlsx-24mb-member.xlsx", _zip_with(xlsx, "xl/worksheets/sheet1.xml", rows))
    put("dev-zero", b"")  # a placeholder: the runner reads /dev/zero itself
    return made


def main() -> None:
    """Make the inputs in the directory given on the command line."""
    directory = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-inputs")
    for path in make(directory):
        print(f"{path.stat().st_size:>12,d}  {path}")


if __name__ == "__main__":
    main()
