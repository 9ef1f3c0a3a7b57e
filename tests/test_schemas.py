"""The JSON Schemas in the repository and in the site follow the content model."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO
from jsonschema import Draft202012Validator
from test_validator import ACT, GOOD_ACTIVITY, GOOD_HONOREE, HON, act, hon

from site_plugins.content import load_catalogue
from site_plugins.content.model import ENTRY_MODELS
from site_plugins.practice.schemas import SCHEMA_DIR, schema_files

CONTENT = REPO / "content"


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


# --- the schemas refuse what the validator refuses ------------------------------------------


class _EditorsYaml(yaml.SafeLoader):
    """YAML as a YAML 1.2 editor hands it to a schema: a date is text, never a date."""


_EditorsYaml.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _front_matter(text: str) -> Any:
    body = text.split("---\n")[1] if text.startswith("---\n") else text
    return yaml.load(body, Loader=_EditorsYaml)


def schema_errors(kind: str, text: str) -> list[str]:
    schema = json.loads(schema_files()[f"{kind}.schema.json"])
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    data = _front_matter(text)
    return [error.message for error in validator.iter_errors(data)]


def _kind_of(path: Path) -> str:
    if path.parent.name in ("activities", "honorees"):
        return {"activities": "activity", "honorees": "honoree"}[path.parent.name]
    if path.parent.name == "themes":
        return "themes"
    return path.stem  # county, township, station


DEMO_FILES = sorted(
    [
        *CONTENT.glob("county.yml"),
        *CONTENT.glob("themes/*.yml"),
        *CONTENT.glob("stations/*/township.yml"),
        *CONTENT.glob("stations/*/*/station.yml"),
        *CONTENT.glob("stations/*/*/activities/*.md"),
        *CONTENT.glob("stations/*/*/honorees/*.md"),
    ]
)


def test_every_demo_file_passes_its_schema() -> None:
    assert len(DEMO_FILES) > 200
    failures = {
        str(path.relative_to(CONTENT)): errors
        for path in DEMO_FILES
        if (errors := schema_errors(_kind_of(path), path.read_text(encoding="utf-8")))
    }
    assert failures == {}


# (id, kind, file text): each is refused by the validator and must be by the schema.
BAD_FILES = [
    ("count-as-text", "activity", act("volunteers: 8", 'volunteers: "8"')),
    ("count-as-fraction", "activity", act("volunteers: 8", "volunteers: 8.5")),
    ("impossible-date", "activity", act("date: 2026-06-19", "date: 2026-02-30")),
    ("date-in-words", "activity", act("date: 2026-06-19", "date: 6月19日")),
    ("date-without-zeros", "activity", act("date: 2026-06-19", "date: 2026-6-9")),
    ("neither-team-nor-category", "activity", act("team: culture\n", "")),
    ("title-too-long", "activity", act("title: 义诊进村", "title: " + "长" * 81)),
    ("unknown-key", "activity", act("volunteers: 8", "voluntears: 8")),
    ("no-consent", "honoree", hon("consent:\n  given: true\n  by: 本人\n  date: 2026-04-02\n", "")),
    ("consent-not-given", "honoree", hon("given: true", "given: false")),
    ("consent-by-someone-else", "honoree", hon("by: 本人", "by: 村干部")),
    ("consent-date-in-words", "honoree", hon("date: 2026-04-02", "date: 四月二日")),
    ("period-month-13", "honoree", hon("period: 2026-Q2", "period: 2026-13")),
    ("period-two-digits", "honoree", hon("period: 2026-Q2", "period: 26")),
    ("full-birth-date", "honoree", hon("birth_year: 1962", "birth_year: 1962-03-04")),
    ("group-with-gender", "honoree", hon("name: 张桂芳", "name: 张庄村志愿服务队\nkind: 集体")),
    (
        "summary-too-long",
        "honoree",
        hon("summary: 照顾瘫痪婆婆二十年如一日。", "summary: " + "长" * 71),
    ),
]


@pytest.mark.parametrize(
    ("kind", "text"), [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES]
)
def test_the_schema_refuses_what_the_validator_refuses(
    kind: str, text: str, county_factory: Callable[..., Path]
) -> None:
    folder = {"activity": ACT, "honoree": HON}[kind]
    catalogue = load_catalogue(county_factory({folder + "a.md": text}) / "content")
    assert catalogue.errors, "the validator accepts it: not a case for this table"
    assert schema_errors(kind, text) != []


@pytest.mark.parametrize(("kind", "text"), [("activity", GOOD_ACTIVITY), ("honoree", GOOD_HONOREE)])
def test_the_schema_accepts_the_validators_good_entries(kind: str, text: str) -> None:
    assert schema_errors(kind, text) == []


def test_date_fields_say_their_shape() -> None:
    schema = json.loads(schema_files()["activity.schema.json"])
    assert schema["properties"]["date"] == {
        "description": "活动日期，YYYY-MM-DD",
        "format": "date",
        "pattern": r"^\d{4}-\d{2}-\d{2}$",
        "title": "Date",
        "type": "string",
    }
    assert schema["properties"]["volunteers"]["type"] == "integer"
