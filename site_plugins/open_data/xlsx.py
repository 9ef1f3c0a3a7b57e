"""A small .xlsx writer: plain sheets of text, numbers and booleans, a bold frozen header.

The open-data workbook holds every activity of the county (30,000 rows at budget scale),
and ``mkdocs serve --dirty`` makes it again after any activity edit. XlsxWriter spent
about 5 µs per cell on it (a cell object, the shared-string table, an XML writer call per
cell): 0.8 s at quarter scale, 3 s at budget scale. Our sheets use none of what it is
for (formats, formulas, charts), so each row is written here as one XML string, strings
inline (``t="inlineStr"``, which every reader takes as text: a clerk's ``=…`` never
becomes a formula): about a quarter of the time, read the same by Excel, WPS and openpyxl.

Same sheets, same bytes: the zip entries carry a fixed date, the document's dates are the
day given, and nothing depends on the platform.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

Value = str | int | float | bool | None
Sheet = tuple[str, Sequence[str], Iterable[Sequence[Value]]]  # name, headers, rows

MAX_TEXT = 32767  # Excel's longest cell text (XlsxWriter truncates there too)
SHEET_NAME = 31  # Excel's longest sheet name
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ESCAPED = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def workbook(sheets: Iterable[Sheet], title: str, day: dt.date) -> bytes:
    """An .xlsx of ``sheets``, its document dates set to ``day`` so the bytes repeat."""
    return package(
        [
            (name, worksheet(headers, rows, number == 1))
            for number, (name, headers, rows) in enumerate(sheets, start=1)
        ],
        title,
        day,
    )


def package(sheets: Sequence[tuple[str, str]], title: str, day: dt.date) -> bytes:
    """An .xlsx of sheets given as (name, worksheet XML), dated ``day``."""
    names = [name[:SHEET_NAME] for name, _ in sheets]
    when = f"{day.isoformat()}T00:00:00Z"
    parts = [
        ("[Content_Types].xml", _content_types(len(names))),
        ("_rels/.rels", _ROOT_RELS),
        ("docProps/app.xml", _APP),
        ("docProps/core.xml", _core(title, when)),
        ("xl/workbook.xml", _workbook(names)),
        ("xl/_rels/workbook.xml.rels", _workbook_rels(len(names))),
        ("xl/styles.xml", _STYLES),
        *((f"xl/worksheets/sheet{n}.xml", xml) for n, (_, xml) in enumerate(sheets, start=1)),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        for path, text in parts:
            info = zipfile.ZipInfo(path, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            book.writestr(info, text.encode("utf-8"))
    return out.getvalue()


def worksheet(headers: Sequence[str], rows: Iterable[Sequence[Value]], selected: bool) -> str:
    """One sheet's XML: the headers in bold, frozen above the rows."""
    letters = _letters(len(headers))
    body = [header_row(headers)]
    width = len(headers)
    for number, row in enumerate(rows, start=2):
        if len(row) > width:
            width = len(row)
            letters = _letters(width)
        body.append(_row(str(number), row, letters, ""))
    return sheet_xml(body, selected)


def header_row(headers: Sequence[str]) -> str:
    """A sheet's first row: the headers, in bold."""
    return _row("1", headers, _letters(len(headers)), ' s="1"')


def row_parts(row: Sequence[Value], width: int) -> tuple[str, ...]:
    """A row's XML without its number, split where the number goes: joined with the
    number (``str(n).join(parts)``) it is the row :func:`worksheet` writes, so a row kept
    from an earlier export can move down the sheet (open_data.memo). ``width``: the
    sheet's headers; the row is no longer."""
    # The control character cannot be in a cell: _text writes them as _xHHHH_.
    return tuple(_row("\x00", row, _columns(width), "").split("\x00"))


def sheet_xml(rows: Iterable[str], selected: bool) -> str:
    """A sheet's XML around its rows' XML, the header row first."""
    tab = ' tabSelected="1"' if selected else ""
    return (
        f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f'<sheetViews><sheetView{tab} workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )


def _row(number: str, row: Sequence[Value], letters: Sequence[str], style: str) -> str:
    cells = [f'<row r="{number}">']
    for letter, value in zip(letters, row, strict=False):
        if value is None:
            continue
        if isinstance(value, str):
            cells.append(
                f'<c r="{letter}{number}"{style} t="inlineStr"><is>{_text(value)}</is></c>'
            )
        elif isinstance(value, bool):  # before int: a bool is an int
            cells.append(f'<c r="{letter}{number}"{style} t="b"><v>{int(value)}</v></c>')
        else:
            cells.append(f'<c r="{letter}{number}"{style}><v>{value!r}</v></c>')
    cells.append("</row>")
    return "".join(cells)


def _text(value: str) -> str:
    """A string as an inline ``<t>``: escaped, control characters as Excel's ``_xHHHH_``
    (XML cannot hold them), spaces at either end or line breaks kept."""
    value = value[:MAX_TEXT]
    if "_x" in value:  # text that looks like Excel's escape stays text
        value = _ESCAPED.sub(r"_x005F\1", value)
    if _CONTROL.search(value):
        value = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    text = escape(value)
    if value != value.strip() or "\n" in value:
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


@functools.cache
def _columns(count: int) -> tuple[str, ...]:
    return tuple(_letters(count))


def _letters(count: int) -> list[str]:
    return [_column(index) for index in range(count)]


def _column(index: int) -> str:
    """The column's letters: 0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _content_types(sheets: int) -> str:
    kind = "application/vnd.openxmlformats-officedocument"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" '
        f'ContentType="{kind}.spreadsheetml.worksheet+xml"/>'
        for n in range(1, sheets + 1)
    )
    return (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}"
        f'<Override PartName="/xl/styles.xml" ContentType="{kind}.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{kind}.extended-properties+xml"/>'
        "</Types>"
    )


_ROOT_RELS = (
    f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

_APP = (
    f"{_HEAD}<Properties "
    'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Microsoft Excel</Application></Properties>"
)

# Two fonts (plain, bold) and two cell formats (0 plain, 1 bold): all the sheets use.
_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _core(title: str, when: str) -> str:
    return (
        f"{_HEAD}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(_CONTROL.sub('', title))}</dc:title>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _workbook(names: Sequence[str]) -> str:
    sheets = "".join(
        f'<sheet name={quoteattr(_CONTROL.sub("", name))} sheetId="{n}" r:id="rId{n}"/>'
        for n, name in enumerate(names, start=1)
    )
    return (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f"<bookViews><workbookView/></bookViews><sheets>{sheets}</sheets></workbook>"
    )


def _workbook_rels(sheets: int) -> str:
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, sheets + 1)
    )
    return (
        f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{rels}'
        f'<Relationship Id="rId{sheets + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
