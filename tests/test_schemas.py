"""The JSON Schemas in the repository and in the site follow the content model."""

from __future__ import annotations

import json

import pytest

from site_plugins.content.model import ENTRY_MODELS
from site_plugins.practice.schemas import SCHEMA_DIR, schema_files


def test_committed_schemas_match_the_model() -> None:
    generated = schema_files()
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.json")}
    stale = sorted(name for name in generated if committed.get(name) != generated[name])
    extra = sorted(set(committed) - set(generated))
    assert not stale and not extra, f"run `make schemas`: stale {stale}, extra {extra}"


@pytest.mark.parametrize("kind", sorted(ENTRY_MODELS))
def test_every_field_is_in_the_schema_with_a_chinese_description(kind: str) -> None:
    model = ENTRY_MODELS[kind]
    schema = json.loads(schema_files()[f"{kind}.schema.json"])
    properties = schema["properties"]
    assert set(properties) == set(model.model_fields)
    for name, prop in properties.items():
        description = prop.get("description", "")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in description), f"{kind}.{name}"
    assert schema["additionalProperties"] is False
