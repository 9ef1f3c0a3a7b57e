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
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

Value = str | int | float | bool | None
Sheet = tuple[str, Sequence[str], Iterable[Sequence[Value]]]  # name, headers, rows

MAX_TEXT = 32767  # Excel's longest cell text (XlsxWriter truncates there too)
SHEET_NAME = 31  # Excel's longest sheet name
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
            (name, [worksheet(headers, rows, number == 1).encode("utf-8")])
            for number, (name, headers, rows) in enumerate(sheets, start=1)
        ],
        title,
        day,
        Chunks(),
    )


def package(
    sheets: Sequence[tuple[str, Sequence[bytes]]], title: str, day: dt.date, chunks: Chunks
) -> bytes:
    """An .xlsx of sheets given as (name, worksheet XML in pieces), dated ``day``; each
    piece deflated through ``chunks`` (which a serve session keeps: see Chunks.begin)."""
    names = [name[:SHEET_NAME] for name, _ in sheets]
    when = f"{day.isoformat()}T00:00:00Z"
    fixed = [
        ("[Content_Types].xml", _content_types(len(names))),
        ("_rels/.rels", _ROOT_RELS),
        ("docProps/app.xml", _APP),
        ("docProps/core.xml", _core(title, when)),
        ("xl/workbook.xml", _workbook(names)),
        ("xl/_rels/workbook.xml.rels", _workbook_rels(len(names))),
        ("xl/styles.xml", _STYLES),
    ]
    entries: list[tuple[str, Sequence[bytes]]] = [(p, [t.encode("utf-8")]) for p, t in fixed]
    entries += [(f"xl/worksheets/sheet{n}.xml", xml) for n, (_, xml) in enumerate(sheets, start=1)]
    return _zip(entries, chunks)


# --- the zip container ------------------------------------------------------------------
#
# Written here rather than by zipfile, which can only compress an entry whole: an entry
# is deflated in pieces (each ends on a byte boundary, Z_SYNC_FLUSH, and the stream on an
# empty final block), so a serve session re-deflates only the pieces an edit changed
# (the activities sheet: 30,000 rows, a third of a second to deflate whole).

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_DOS_DATE = 1 << 5 | 1  # 1980-01-01 (the earliest a zip can say), at 00:00:00
_VERSION = 20  # deflate
_MADE_BY = 3 << 8 | _VERSION  # on Unix, as zipfile writes it
_MODE = 0o600 << 16
_FINAL = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15).flush()
ROWS_PER_CHUNK = 1000


class Chunks:
    """Sheets' rows as bytes in pieces of ``rows`` rows, and pieces deflated: what one
    workbook (or, kept by a serve session, each export's workbook) reuses of the last.
    Rows are given as :func:`row_template` and kept by their identity (a session's forms
    memo gives an unchanged row the same parts); a piece is kept by its bytes."""

    def __init__(self, rows: int = ROWS_PER_CHUNK) -> None:
        self.rows_per_chunk = rows
        self._rows: dict[tuple[str, int], tuple[list[bytes], bytes]] = {}
        self._rows_used: dict[tuple[str, int], tuple[list[bytes], bytes]] = {}
        self._deflated: dict[bytes, tuple[bytes, int, int]] = {}
        self._deflated_used: dict[bytes, tuple[bytes, int, int]] = {}

    def begin(self) -> None:
        """A new workbook: what the last one used is kept, the rest forgotten."""
        self._rows, self._rows_used = self._rows_used, {}
        self._deflated, self._deflated_used = self._deflated_used, {}

    def rows(self, sheet: str, rows: Sequence[bytes]) -> list[bytes]:
        """The XML of rows 2, 3, … (each :func:`row_template`, in UTF-8) in pieces."""
        found = []
        size = self.rows_per_chunk
        for start in range(0, len(rows), size):
            group = list(rows[start : start + size])
            kept = self._rows.get((sheet, start)) or self._rows_used.get((sheet, start))
            if kept is not None and _same_objects(kept[0], group):
                data = kept[1]
            else:
                numbered = enumerate(group, start=start + 2)
                data = b"".join(t.replace(_NUMBER, b"%d" % n) for n, t in numbered)
            self._rows_used[(sheet, start)] = (group, data)
            found.append(data)
        return found

    def deflate(self, piece: bytes, crc: int) -> tuple[bytes, int]:
        """``piece`` deflated (raw, ending on a byte boundary, not final), and the CRC-32
        of the entry so far, given the CRC before it."""
        kept = self._deflated.get(piece) or self._deflated_used.get(piece)
        if kept is None:
            packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
            packed = packer.compress(piece) + packer.flush(zlib.Z_SYNC_FLUSH)
            after = zlib.crc32(piece, crc)
        else:
            packed = kept[0]
            after = kept[2] if kept[1] == crc else zlib.crc32(piece, crc)
        self._deflated_used[piece] = (packed, crc, after)
        return packed, after


def _same_objects(before: Sequence[object], now: Sequence[object]) -> bool:
    return len(before) == len(now) and all(a is b for a, b in zip(before, now, strict=True))


def _zip(entries: Sequence[tuple[str, Sequence[bytes]]], chunks: Chunks) -> bytes:
    """A zip of ``entries`` (name, content in pieces), each deflated, dated 1980-01-01."""
    out: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name, pieces in entries:
        crc, size, packed = 0, 0, []
        for piece in pieces:
            if piece:
                data, crc = chunks.deflate(piece, crc)
                packed.append(data)
                size += len(piece)
        packed.append(_FINAL)
        length = sum(len(p) for p in packed)
        raw = name.encode("ascii")
        sizes = (crc, length, size, len(raw))
        head = _LOCAL.pack(0x04034B50, _VERSION, 0, zipfile.ZIP_DEFLATED, 0, _DOS_DATE, *sizes, 0)
        directory.append(
            _CENTRAL.pack(
                0x02014B50,
                _MADE_BY,
                _VERSION,
                0,
                zipfile.ZIP_DEFLATED,
                0,
                _DOS_DATE,
                *sizes,
                0,
                0,
                0,
                0,
                _MODE,
                offset,
            )
            + raw
        )
        out += [head, raw, *packed]
        offset += len(head) + len(raw) + length
    listing = b"".join(directory)
    out.append(listing)
    out.append(_END.pack(0x06054B50, 0, 0, len(entries), len(entries), len(listing), offset, 0))
    return b"".join(out)


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


# A control character cannot be in a cell (_text writes them as _xHHHH_): it marks where
# a row template's number goes.
NUMBER = "\x00"
_NUMBER = NUMBER.encode()


def row_template(row: Sequence[Value], width: int) -> str:
    """A row's XML with :data:`NUMBER` where its number goes: with the number put in
    (``.replace(NUMBER, str(n))``) it is the row :func:`worksheet` writes, so a row kept from an
    earlier export can move down the sheet (open_data.memo). ``width``: the sheet's
    headers; the row is no longer."""
    return _row(NUMBER, row, _columns(width), "")


def sheet_xml(rows: Iterable[str], selected: bool) -> str:
    """A sheet's XML around its rows' XML, the header row first."""
    return sheet_head(selected) + "".join(rows) + SHEET_TAIL


def sheet_head(selected: bool) -> str:
    """A sheet's XML before its rows."""
    tab = ' tabSelected="1"' if selected else ""
    return (
        f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f'<sheetViews><sheetView{tab} workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/><sheetData>'
    )


SHEET_TAIL = "</sheetData></worksheet>"


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
