"""The export's files, made from :data:`tables.TABLES`: JSON, its JSON Schema, CSV, .xlsx.

Same catalogue, same bytes: keys keep the registry's order, JSON has no floats that
depend on the platform (one decimal, as the figures are rounded), CSV uses ``\\r\\n`` and
a BOM (Excel on Chinese Windows then reads UTF-8), and the workbook's document dates are
fixed to the export's reference day (:mod:`.xlsx` writes its zip entries with a fixed date).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from site_plugins.content.catalogue import Catalogue
from site_plugins.open_data import xlsx
from site_plugins.open_data.tables import MAJOR, SCHEMA_VERSION, TABLES, Column, Row, Table, Value

JSON_TYPES = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "date": "string",
}
COUNTY_KEYS = ("name", "centre", "site_url", "report_quota", "as_of")


# One encoder for every row (json.dumps would build one per call). A row's text here is
# the text json.dumps writes for it inside the whole document (same separators, floats
# as repr), so the document is its rows' texts joined.
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

# A row's CSV line, JSON object and xlsx row (xlsx.row_template), as UTF-8: a serve
# session keeps every row's (30,000 activities), and as text with one Chinese character
# each would take two bytes a character.
Forms = tuple[bytes, bytes, bytes]


@dataclass(frozen=True)
class Serialised:
    """One table's rows, each in every format of the export (:func:`row_forms`)."""

    table: Table
    forms: Sequence[Forms]


def row_forms(table: Table, rows: Sequence[Row]) -> list[Forms]:
    """Each row's CSV line, JSON object and workbook row (:func:`xlsx.row_template`).
    A row's forms depend on its values and its table alone, so a serve session keeps
    them (open_data.memo)."""
    keys = [c.key for c in table.columns]
    width = len(keys)
    lines = _csv_lines([[_csv_value(v) for v in row] for row in rows])
    return [
        (
            line.encode("utf-8"),
            _JSON(dict(zip(keys, row, strict=True))).encode("utf-8"),
            xlsx.row_template(row, width).encode("utf-8"),
        )
        for line, row in zip(lines, rows, strict=True)
    ]


class _Lines(list[str]):
    """A file for csv.writer that keeps each row's line apart (it writes one per row)."""

    def write(self, line: str) -> None:
        self.append(line)


def _csv_lines(rows: Iterable[Sequence[str]]) -> list[str]:
    lines = _Lines()
    csv.writer(lines, lineterminator="\r\n").writerows(rows)
    return lines


def to_json(doc: Mapping[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def data_json(county: Mapping[str, Value], tables: Sequence[Serialised]) -> bytes:
    """``data.json``: the schema version, the county and every table, as :func:`to_json`
    writes ``{"schema_version", "county", "tables"}`` (in UTF-8), from the rows' own."""
    head = f'{{"schema_version":{_JSON(SCHEMA_VERSION)},"county":{_JSON(dict(county))},"tables":{{'
    parts = [head.encode("utf-8")]
    for index, found in enumerate(tables):
        parts.append(f"{',' if index else ''}{_JSON(found.table.name)}:[".encode())
        parts.append(b",".join(f[1] for f in found.forms))
        parts.append(b"]")
    parts.append(b"}}\n")
    return b"".join(parts)


def _column_schema(column: Column) -> dict[str, Any]:
    kind = JSON_TYPES[column.kind]
    found: dict[str, Any] = {
        "type": [kind, "null"] if column.nullable else kind,
        "description": column.title,
    }
    if column.kind == "date":
        found["format"] = "date"
        found["pattern"] = r"^\d{4}-\d{2}-\d{2}$"
    return found


def json_schema(tables: Iterable[Table] = TABLES) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``data.json``, from the registry."""
    found = list(tables)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"文明实践公示开放数据 第 {MAJOR} 版",
        "type": "object",
        "required": ["schema_version", "county", "tables"],
        "additionalProperties": False,
        "properties": {
            "schema_version": {"type": "string", "pattern": rf"^{MAJOR}\.\d+$"},
            "county": {
                "type": "object",
                "required": list(COUNTY_KEYS),
                "properties": {
                    "name": {"type": "string", "description": "县（市、区）"},
                    "centre": {"type": "string", "description": "新时代文明实践中心"},
                    "site_url": {"type": "string", "description": "本县网站地址"},
                    "report_quota": {
                        "type": ["integer", "null"],
                        "description": "每站每月应报送篇数",
                    },
                    "as_of": {"type": "string", "format": "date", "description": "统计截至"},
                },
            },
            "tables": {
                "type": "object",
                "required": [t.name for t in found],
                "properties": {
                    t.name: {
                        "description": f"{t.title}：{t.about}",
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": [c.key for c in t.columns],
                            "additionalProperties": False,
                            "properties": {c.key: _column_schema(c) for c in t.columns},
                        },
                    }
                    for t in found
                },
            },
        },
    }


def csv_text(found: Serialised) -> bytes:
    """A table's CSV in UTF-8: a BOM (Excel on Chinese Windows then reads UTF-8), the
    keys, the rows."""
    header = _csv_lines([[c.key for c in found.table.columns]])[0]
    return ("\ufeff" + header).encode("utf-8") + b"".join(f[0] for f in found.forms)


def _csv_value(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- workbooks ------------------------------------------------------------------------

Sheet = xlsx.Sheet  # name, headers, rows
# Our own writer, not XlsxWriter: a quarter of the time for the same sheets (xlsx.py).
workbook = xlsx.workbook


def sheet_pieces(found: Serialised, selected: bool, chunks: xlsx.Chunks) -> list[bytes]:
    """A table's worksheet in pieces, headed with its columns' Chinese titles."""
    head = xlsx.sheet_head(selected) + xlsx.header_row([c.title for c in found.table.columns])
    rows = chunks.rows(found.table.name, [f[2] for f in found.forms])
    return [head.encode("utf-8"), *rows, xlsx.SHEET_TAIL.encode("utf-8")]


def export_workbook(
    catalogue: Catalogue, tables: Sequence[Serialised], chunks: xlsx.Chunks
) -> bytes:
    """Every table as a sheet, then one that explains the columns."""
    chunks.begin()
    about = xlsx.worksheet(
        ["表", "列", "列名（JSON、CSV）", "类型"],
        [[t.title, c.title, c.key, c.kind] for t in TABLES for c in t.columns],
        False,
    )
    sheets = [
        (f.table.title, sheet_pieces(f, index == 0, chunks)) for index, f in enumerate(tables)
    ]
    title = f"{catalogue.county.meta.name}新时代文明实践开放数据"
    return xlsx.package(
        [*sheets, ("说明", [about.encode("utf-8")])], title, catalogue.reference_date, chunks
    )
