"""The export's files, made from :data:`tables.TABLES`: JSON, its JSON Schema, CSV, .xlsx.

Same catalogue, same bytes: keys keep the registry's order, JSON has no floats that
depend on the platform (one decimal, as the figures are rounded), CSV uses ``\\r\\n`` and
a BOM (Excel on Chinese Windows then reads UTF-8), and the workbook's document dates are
fixed to the export's reference day (:mod:`.xlsx` writes its zip entries with a fixed date).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from site_plugins.content.catalogue import Catalogue
from site_plugins.open_data import xlsx
from site_plugins.open_data.tables import MAJOR, SCHEMA_VERSION, TABLES, Column, Table, Value

JSON_TYPES = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "date": "string",
}
COUNTY_KEYS = ("name", "centre", "site_url", "report_quota", "as_of")


def document(
    county: Mapping[str, Value], tables: Mapping[str, Sequence[Mapping[str, Value]]]
) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "county": dict(county), "tables": dict(tables)}


def records(catalogue: Catalogue) -> dict[str, list[dict[str, Value]]]:
    return {t.name: list(t.records(catalogue)) for t in TABLES}


def to_json(doc: Mapping[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


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


def to_csv(table: Table, rows: Iterable[Mapping[str, Value]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.key for c in table.columns])
    for row in rows:
        writer.writerow([_csv_value(row[c.key]) for c in table.columns])
    return "\ufeff" + out.getvalue()


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


def _cells(table: Table, rows: Sequence[Mapping[str, Value]]) -> list[list[Value]]:
    return [[row[c.key] for c in table.columns] for row in rows]


def export_workbook(
    catalogue: Catalogue, tables: Mapping[str, Sequence[Mapping[str, Value]]]
) -> bytes:
    """Every table as a sheet, headed with the columns' Chinese titles."""
    sheets: list[Sheet] = [
        (t.title, [c.title for c in t.columns], _cells(t, tables[t.name])) for t in TABLES
    ]
    about: Sheet = (
        "说明",
        ["表", "列", "列名（JSON、CSV）", "类型"],
        ([t.title, c.title, c.key, c.kind] for t in TABLES for c in t.columns),
    )
    title = f"{catalogue.county.meta.name}新时代文明实践开放数据"
    return workbook([*sheets, about], title, catalogue.reference_date)
