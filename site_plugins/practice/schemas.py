"""JSON Schemas for editors, generated from the content model.

Published in the site under ``/schemas/`` and kept in the repository under
``site_plugins/schemas/`` so that a ``# yaml-language-server: $schema=`` line in a
content file gives autocompletion offline. ``make schemas`` rewrites the repository
copies; a test fails when they drift from the model.
"""

from __future__ import annotations

import json
from pathlib import Path

from site_plugins.content.model import ENTRY_MODELS

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

TITLES = {
    "county": "县级中心 county.yml",
    "township": "实践所 township.yml",
    "station": "实践站 station.yml",
    "activity": "活动（Markdown 文件开头的信息块）",
    "honoree": "好人（Markdown 文件开头的信息块）",
    "themes": "年度月度主题 themes/<年份>.yml",
}


def schema_files() -> dict[str, str]:
    """File name → JSON text, one schema per entry kind."""
    files = {}
    for kind, model in ENTRY_MODELS.items():
        schema = model.model_json_schema(mode="validation")
        schema["title"] = TITLES[kind]
        document = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
        files[f"{kind}.schema.json"] = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return files


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
