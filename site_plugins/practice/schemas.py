"""JSON Schemas for editors, generated from the content model.

Published in the site under ``/schemas/`` and kept in the repository under
``site_plugins/schemas/`` so that a ``# yaml-language-server: $schema=`` line in a
content file gives autocompletion offline. ``make schemas`` rewrites the repository
copies; a test fails when they drift from the model.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from site_plugins.content.model import ENTRY_MODELS, PERIOD_RE
from site_plugins.service.model import SERVICE_MODELS

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

TITLES = {
    "county": "县级中心 county.yml",
    "township": "实践所 township.yml",
    "centre": "县中心 centre/centre.yml",
    "station": "实践站 station.yml",
    "activity": "活动（Markdown 文件开头的信息块）",
    "plan": "活动预告（Markdown 文件开头的信息块）",
    "honoree": "好人（Markdown 文件开头的信息块）",
    "themes": "年度月度主题 themes/<年份>.yml",
    "menu": "文明实践菜单的一项（<单位>/menu/<名称>.md 的信息块）",
    "order": "群众点单和它的办理情况（<单位>/orders/<日期>-<名称>.md 的信息块）",
}


def schema_files() -> dict[str, str]:
    """File name → JSON text, one schema per entry kind."""
    files = {}
    for kind, model in {**ENTRY_MODELS, **SERVICE_MODELS}.items():
        schema = model.model_json_schema(mode="validation")
        schema["title"] = TITLES[kind]
        _tighten(schema)
        rule = KIND_RULES.get(kind)
        if rule is not None:
            rule(schema)
        document = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
        files[f"{kind}.schema.json"] = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return files


# --- what the validator checks beyond the model's types, where JSON Schema can say it ----

# YAML editors (YAML 1.2) read an unquoted 2026-06-19 as text, so a date is a string of
# this shape; "format": "date" alone is only a hint to most validators.
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def _tighten(node: Any) -> None:
    """Every date string gets its pattern, wherever it stands in the schema."""
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("format") == "date":
            node["pattern"] = DATE_PATTERN
        for value in node.values():
            _tighten(value)
    elif isinstance(node, list):
        for value in node:
            _tighten(value)


def _activity(schema: dict[str, Any]) -> None:
    # Without a team there must be a category (the validator's REQUIRED).
    schema["anyOf"] = [{"required": ["team"]}, {"required": ["category"]}]


def _honoree(schema: dict[str, Any]) -> None:
    properties = schema["properties"]
    # Consent is optional in the model only so that the validator can explain its
    # absence (NO_CONSENT); nothing is published without it, given as true.
    consent = properties["consent"]
    properties["consent"] = {"$ref": "#/$defs/Consent", "description": consent["description"]}
    schema["required"] = [*schema["required"], "consent"]
    given = schema["$defs"]["Consent"]["properties"]["given"]
    given["const"] = True
    given["description"] += "；必须是 true，否则不能发布"
    # A period is a year, a year-month or a year-quarter (BAD_PERIOD).
    period = schema["$defs"]["Honour"]["properties"]["period"]
    period["anyOf"] = [
        {"type": "integer", "minimum": 1000, "maximum": 9999},
        {"type": "string", "pattern": PERIOD_RE.pattern},
    ]
    # A group has no gender and no birth year.
    schema["if"] = {"properties": {"kind": {"const": "集体"}}, "required": ["kind"]}
    schema["then"] = {"not": {"anyOf": [{"required": ["gender"]}, {"required": ["birth_year"]}]}}


KIND_RULES: dict[str, Callable[[dict[str, Any]], None]] = {
    "activity": _activity,
    "honoree": _honoree,
}


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas():
        print(path)
